#!/bin/sh
# Run every test: unit tests (cmocka), end-to-end cases and script tests,
# first against the plain build, then against the ASan+UBSan build.
# The last line is "N passed, N failed"; the status is 1 if any failed.
#
#   sh tests/run.sh              both builds
#   VARIANTS=plain sh tests/run.sh
#   UPDATE=1 sh tests/run.sh     regenerate golden files (plain build only)
#   ONLY=parse sh tests/run.sh   only cases and scripts whose path has "parse"
#   VARIANTS=valgrind sh tests/run.sh
#                                the e2e cases once more, every program under
#                                valgrind (an error or a definite leak fails
#                                the case); CI runs it after the two builds
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT
. "$ROOT/tests/lib/common.sh"

# Under CI (.ci/run) the e2e cases run a third time, under valgrind.
VARIANTS=${VARIANTS:-plain san${CI:+ valgrind}}
[ "${UPDATE:-}" = 1 ] && VARIANTS=plain
ONLY=${ONLY:-}
passed=0
failed=0
failures=

pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	failures="$failures
  $1"
	echo "FAIL: $1" >&2
}

variant_dirs() {
	case $1 in
	plain) BIN=$ROOT/bin; UNITDIR=$ROOT/build/obj/tests ;;
	san) BIN=$ROOT/build/san/bin; UNITDIR=$ROOT/build/san/tests ;;
	valgrind) BIN=$ROOT/build/valgrind/bin; UNITDIR= ; valgrind_bin ;;
	esac
}

# The valgrind variant: a wrapper for each program of the plain build, in
# a folder of its own (the daily driver finds the stages beside itself).
valgrind_bin() {
	mkdir -p "$BIN"
	for p in "$ROOT"/bin/arxiv-*; do
		# By name, found on PATH: messages show it as getopt says it.
		cat >"$BIN/${p##*/}" <<EOF
#!/bin/sh
PATH="$ROOT/bin:\$PATH" exec valgrind -q --error-exitcode=99 \\
    --leak-check=full --errors-for-leak-kinds=definite \\
    --show-leak-kinds=definite \\
    --suppressions="$ROOT/tests/valgrind.supp" ${p##*/} "\$@"
EOF
		chmod 755 "$BIN/${p##*/}"
	done
	cp "$ROOT/bin/arxivpipe-daily" "$BIN/"
}

# Unit tests: cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N".
run_units() {
	for t in "$UNITDIR"/test_*; do
		[ -x "$t" ] || continue
		case $t in *"$ONLY"*) ;; *) [ -n "$ONLY" ] && continue ;; esac
		out=$("$t" 2>&1)
		rc=$?
		p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
		f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
		passed=$((passed + ${p:-0}))
		if [ "$rc" -ne 0 ] || [ "${f:-0}" -ne 0 ]; then
			printf '%s\n' "$out" >&2
			failed=$((failed + ${f:-1}))
			failures="$failures
  $v: unit $(basename "$t")"
		fi
	done
}

# One end-to-end case: a directory with cmd, and optional stdin, out,
# err and status (see tests/README.md).
run_case() {
	c=$1
	name=${c#"$ROOT"/tests/e2e/}
	work=$(mktemp -d)
	input=/dev/null
	[ -f "$c/stdin" ] && input=$c/stdin
	(cd "$work" && CASE=$c PATH="$BIN:$PATH" sh "$c/cmd" \
	    <"$input" >"$work/.out" 2>"$work/.err")
	rc=$?
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$work/.out" "$c/out"
		if [ -s "$work/.err" ]; then cp "$work/.err" "$c/err"; else rm -f "$c/err"; fi
		if [ "$rc" -ne 0 ]; then echo "$rc" >"$c/status"; else rm -f "$c/status"; fi
		pass
		rm -rf "$work"
		return
	fi
	want_rc=0
	[ -f "$c/status" ] && want_rc=$(cat "$c/status")
	want_err=/dev/null
	[ -f "$c/err" ] && want_err=$c/err
	why=
	[ "$rc" -eq "$want_rc" ] || why="status $rc, want $want_rc"
	if [ -f "$c/out" ]; then
		cmp -s "$work/.out" "$c/out" || why="$why${why:+; }stdout differs"
	fi
	cmp -s "$work/.err" "$want_err" || why="$why${why:+; }stderr differs"
	if [ -n "$why" ]; then
		fail "$v: e2e $name: $why"
		if [ -f "$c/out" ]; then
			diff -u "$c/out" "$work/.out" | head -20 >&2
		fi
		diff -u "$want_err" "$work/.err" | head -20 >&2
	else
		pass
	fi
	rm -rf "$work"
}

# Script tests print TAP-like "ok - what" / "not ok - what" lines.
run_script() {
	s=$1
	name=${s#"$ROOT"/tests/}
	out=$(PATH="$BIN:$PATH" BIN=$BIN sh "$s" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | grep -c '^ok ')
	f=$(printf '%s\n' "$out" | grep -c '^not ok ')
	passed=$((passed + p))
	if [ "$f" -gt 0 ] || { [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; }; then
		printf '%s\n' "$out" | grep -v '^ok ' >&2
		[ "$f" -eq 0 ] && f=1
		failed=$((failed + f))
		failures="$failures
  $v: $name ($f failed)"
	fi
}

for v in $VARIANTS; do
	variant_dirs "$v"
	if [ ! -x "$BIN/arxiv-parse" ]; then
		fail "$v: programs not built in $BIN"
		continue
	fi
	[ "${UPDATE:-}" = 1 ] || [ -z "$UNITDIR" ] || run_units
	for c in "$ROOT"/tests/e2e/*/*/; do
		c=${c%/}
		[ -f "$c/cmd" ] || continue
		case $c in *"$ONLY"*) ;; *) [ -n "$ONLY" ] && continue ;; esac
		run_case "$c"
	done
	[ "${UPDATE:-}" = 1 ] && continue
	# Under valgrind the e2e cases only: scripts time servers and signals.
	[ "$v" = valgrind ] && continue
	for s in "$ROOT"/tests/scripts/*.sh; do
		[ -f "$s" ] || continue
		case $s in *"$ONLY"*) ;; *) [ -n "$ONLY" ] && continue ;; esac
		run_script "$s"
	done
done

[ -n "$failures" ] && printf 'failed:%s\n' "$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
