#!/bin/sh
# arxiv-render under valgrind on its harder paths: every format, escaping,
# bad fields, -o, a limit, --merge, --template (plain build only; the
# sanitized build runs every e2e case with its own checks).
. "$ROOT/tests/lib/common.sh"
case $BIN in */san/*) exit 0 ;; esac
command -v valgrind >/dev/null || { not_ok "valgrind: not installed"; exit 0; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
vg() {
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect "$@"
}
e2e=$ROOT/tests/e2e/render
now=2025-12-23T05:59:15Z

vg arxiv-render -c "$e2e/_data/config.json" --now $now "$e2e/_data/papers.ndjson" \
    >"$t/out" 2>"$t/err"
check "render valgrind: markdown digest" test $? -eq 0
vg arxiv-render -f html -n 3 --title 'T & <t>' --now $now \
    "$e2e/_data/papers.ndjson" "$e2e/escape/stdin" >"$t/out" 2>"$t/err"
check "render valgrind: html with escaping" test $? -eq 0
vg arxiv-render -v --now $now -o "$t/d.md" "$e2e/bad-field/stdin" \
    "$e2e/bad-lines/stdin" "$e2e/other-kinds/stdin" >"$t/out" 2>"$t/err"
check "render valgrind: bad fields and lines, -o (status 1)" test $? -eq 1
vg arxiv-render --now $now /nonexistent -o "$t/d.md" >"$t/out" 2>"$t/err"
check "render valgrind: unreadable input (status 1)" test $? -eq 1
vg arxiv-render -f nope >"$t/out" 2>"$t/err"
check "render valgrind: usage error (status 2)" test $? -eq 2
for f in rss atom jsonfeed email html markdown; do
	vg arxiv-render -f $f --category cs.LG --base-url https://example.org/f \
	    --now $now "$e2e/_data/hostile.ndjson" "$e2e/_data/papers.ndjson" \
	    >"$t/out" 2>"$t/err"
	check "render valgrind: -f $f on hostile and real papers" test $? -eq 0
done
for run in 1 2; do
	vg arxiv-render -f rss --merge "$t/state" --max-items 5 --now $now \
	    -o "$t/feed.xml" "$e2e/_data/papers.ndjson" >"$t/out" 2>"$t/err"
	check "render valgrind: --merge, run $run" test $? -eq 0
done
printf '# {{PAPER_COUNT}}\n{{PAPERS_SECTION}}\n{{KEYWORDS}} {{CATEGORIES}} {{X' \
    >"$t/tmpl.md"
vg arxiv-render --template "$t/tmpl.md" -c "$e2e/_data/config.json" \
    --now $now "$e2e/_data/papers.ndjson" >"$t/out" 2>"$t/err"
check "render valgrind: --template" test $? -eq 0
echo 'not json' >"$t/state"
vg arxiv-render -f atom --merge "$t/state" --now $now </dev/null \
    >"$t/out" 2>"$t/err"
check "render valgrind: a bad merge state (status 1)" test $? -eq 1
