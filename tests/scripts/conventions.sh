#!/bin/sh
# The conventions every program keeps (docs/schema.md, issue #2): --help,
# --version, usage errors, bad lines among good ones, the record cap,
# invalid UTF-8, empty input, /dev/full, | head, and pass-through of
# unknown kinds and fields.
. "$ROOT/tests/lib/common.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

printf '%s\n' '{"kind":"note","text":"first","n":1.50}' 'not json' \
    '{"kind":"note","text":"last"}' >"$t/bad"
printf '%s\n' '{"kind":"note","text":"first","n":1.50}' \
    '{"kind":"note","text":"last"}' >"$t/good"
printf '{"kind":"note","text":"\377"}\n{"kind":"note","text":"ok"}\n' >"$t/utf8"
awk 'BEGIN { s = "{\"kind\":\"note\",\"text\":\""; for (i = 0; i < 300; i++) s = s "x";
	print s "\"}"; print "{\"kind\":\"note\",\"text\":\"short\"}" }' >"$t/long"
awk 'BEGIN { for (i = 0; i < 200000; i++) print "{\"kind\":\"note\",\"i\":" i "}" }' >"$t/many"
# A paper with a field no stage knows: every stage must keep it, its
# numbers as written (issue 12, item 5).
cat >"$t/paper" <<'P'
{"kind":"paper","id":"2609.26811","version":1,"arxiv_id":"2609.26811v1","title":"The Drift Contract: Spectral Updates for Depth-Robust Local Learning","abstract":"Local learning trains each layer with its own auxiliary loss and no global backward pass. We apply Muon-style spectral update geometry to per-layer local updates. The contract yields a small gain over the best fixed learning rate.","authors":["Fabien Polly"],"categories":["cs.LG"],"primary_category":"cs.LG","announce_type":"new","published":"2026-09-24T04:00:00Z","updated":null,"links":{"abs":"https://arxiv.org/abs/2609.26811","pdf":"https://arxiv.org/pdf/2609.26811v1","html":null},"comment":null,"journal_ref":null,"doi":null,"license":"http://creativecommons.org/licenses/by-nc-sa/4.0/","source":{"format":"rss","feed":null,"url":null},"x_custom":{"keep":[1,2.50,"me"]},"x_num":[-0,18446744073709551616,-123456789012345678901234567890,{"n":-0}]}
P
# Records nested 33, 1000 and 100000 levels deep (issue 12, item 6).
awk 'BEGIN { n = split("33 1000 100000", d, " ");
	for (j = 1; j <= n; j++) { s = "";
		for (i = 0; i < d[j]; i++) s = s "[";
		for (i = 0; i < d[j]; i++) s = s "]";
		print "{\"kind\":\"note\",\"deep\":" s "}"; s = "";
		for (i = 0; i < d[j]; i++) s = s "{\"k\":";
		s = s "1"; for (i = 0; i < d[j]; i++) s = s "}";
		print "{\"kind\":\"note\",\"deep\":" s "}" } }' >"$t/deep"
# A flood of bad lines (issue 12, item 9): 10 reported, the rest counted.
awk 'BEGIN { for (i = 0; i < 30; i++) print "bad" }' >"$t/flood"
# Enough papers for render to write more than a pipe holds.
awk '{ print } END { for (i = 10000; i < 14000; i++) {
	print "{\"kind\":\"paper\",\"id\":\"2609." i "\",\"title\":\"Paper " i " on local learning with a long enough title\",\"abstract\":\"An abstract.\",\"score\":1.0}" } }' \
    </dev/null >"$t/papers"

for p in fetch parse score summarize render; do
	prog=arxiv-$p

	out=$($prog --help 2>"$t/err"); rc=$?
	check "$p: --help to stdout, status 0" \
	    test "$rc" -eq 0 -a ! -s "$t/err"
	case $out in "usage: $prog"*) ok "$p: --help starts with the usage line" ;;
	*) not_ok "$p: --help starts with the usage line" ;; esac

	out=$($prog --version 2>/dev/null); rc=$?
	case $out in "$prog "[0-9]*) ok "$p: --version" ;;
	*) not_ok "$p: --version ($out)" ;; esac

	$prog --no-such-option </dev/null >"$t/out" 2>"$t/err"; rc=$?
	check "$p: unknown option is a usage error (2)" test "$rc" -eq 2
	check "$p: usage error names the option and shows usage" \
	    grep -q "^usage: $prog" "$t/err"
	check "$p: usage error writes nothing on stdout" test ! -s "$t/out"

	$prog --max-record nonsense </dev/null >/dev/null 2>&1; rc=$?
	check "$p: bad --max-record is a usage error" test "$rc" -eq 2

	# Render writes a document, not records: it is checked for the
	# diagnostics and status only.
	$prog <"$t/bad" >"$t/out" 2>"$t/err"; rc=$?
	check "$p: a bad line makes the status 1" test "$rc" -eq 1
	check "$p: a bad line is reported with its line number" \
	    grep -q "^$prog: <stdin>:2: invalid JSON" "$t/err"
	if [ "$p" != render ]; then
		check "$p: records around a bad line pass through unchanged" \
		    cmp -s "$t/out" "$t/good"
	fi

	$prog "$t/bad" >/dev/null 2>"$t/err"
	check "$p: a file operand is named in messages" \
	    grep -q "^$prog: $t/bad:2: " "$t/err"

	$prog --max-record 200 <"$t/long" >"$t/out" 2>"$t/err"; rc=$?
	check "$p: a line over --max-record is reported, status 1" \
	    sh -c "test $rc -eq 1 && grep -q '^$prog: <stdin>:1: record too long' '$t/err'"
	if [ "$p" != render ]; then
		check "$p: the line after an oversized one still flows" \
		    grep -q '"short"' "$t/out"
	fi

	$prog <"$t/utf8" >"$t/out" 2>"$t/err"; rc=$?
	check "$p: invalid UTF-8 is reported with its line, status 1" \
	    sh -c "test $rc -eq 1 && grep -q '^$prog: <stdin>:1: ' '$t/err'"

	if [ "$p" != render ]; then
		$prog </dev/null >"$t/out" 2>"$t/err"; rc=$?
		check "$p: empty input, empty output, status 0" \
		    test "$rc" -eq 0 -a ! -s "$t/out" -a ! -s "$t/err"

		$prog <"$t/good" >/dev/full 2>"$t/err"; rc=$?
		check "$p: /dev/full is a write error, status 1" \
		    sh -c "test $rc -eq 1 && grep -q 'write error' '$t/err'"

		rc=$( { $prog <"$t/many" 2>"$t/err"; echo $? >"$t/rc"; } |
		    head -n 1 >/dev/null; cat "$t/rc")
		check "$p: | head -n 1 ends quietly" test ! -s "$t/err"
		check "$p: | head -n 1 ends by SIGPIPE (status 141)" \
		    test "$rc" -eq 141

		$prog <"$t/paper" >"$t/out" 2>"$t/err"
		check "$p: unknown fields of a paper are kept" \
		    grep -q '"x_custom":{"keep":\[1,2.50,"me"\]}' "$t/out"
		check "$p: numbers of unknown fields are kept as written" \
		    grep -q '"x_num":\[-0,18446744073709551616,-123456789012345678901234567890,{"n":-0}\]' "$t/out"

		$prog <"$t/deep" >"$t/out" 2>"$t/err"; rc=$?
		check "$p: records 33 to 100000 levels deep pass through" \
		    sh -c "test $rc -eq 0 -a ! -s '$t/err' && cmp -s '$t/deep' '$t/out'"
	else
		$prog </dev/null >"$t/out" 2>"$t/err"; rc=$?
		check "$p: empty input is a document with no papers, status 0" \
		    test "$rc" -eq 0 -a -s "$t/out" -a ! -s "$t/err"

		$prog <"$t/paper" >/dev/full 2>"$t/err"; rc=$?
		check "$p: /dev/full is a write error, status 1" \
		    sh -c "test $rc -eq 1 && grep -q 'write error' '$t/err'"

		rc=$( { $prog <"$t/papers" 2>"$t/err"; echo $? >"$t/rc"; } |
		    head -n 1 >/dev/null; cat "$t/rc")
		check "$p: | head -n 1 ends quietly" test ! -s "$t/err"
		check "$p: | head -n 1 ends by SIGPIPE (status 141)" \
		    test "$rc" -eq 141

		$prog <"$t/deep" >"$t/out" 2>"$t/err"; rc=$?
		check "$p: records 33 to 100000 levels deep are read" \
		    test "$rc" -eq 0 -a ! -s "$t/err"
	fi

	$prog <"$t/flood" >/dev/null 2>"$t/err"
	check "$p: a flood of warnings: 10 lines, then a count" \
	    sh -c "test \$(grep -c 'invalid JSON' '$t/err') -eq 11 &&
	    tail -n 1 '$t/err' | grep -q '^$prog: <stdin>: invalid JSON: .* \\.\\.\\. and 20 more like this\$'"

	# Pretty-printed input (jq without -c): one hint, not an error a
	# line (issue 11); the valid records around it still flow.
	{ cat "$t/good"; jq . "$t/paper"; } | $prog >"$t/out" 2>"$t/err"
	rc=$?
	check "$p: pretty-printed input: one hint, status 1" sh -c \
	    "test $rc -eq 1 && test \$(grep -c . '$t/err') -eq 1 &&
	    grep -q '^$prog: <stdin>:3: input is not one JSON object per line (use jq -c)\$' '$t/err'"
	[ "$p" = render ] || check "$p: pretty-printed input: the records before it flow" \
	    grep -q '"text":"last"' "$t/out"
done
