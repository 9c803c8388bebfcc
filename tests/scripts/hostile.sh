#!/bin/sh
# The hostile-input suite: every tests/hostile/*.case, one "ok" or
# "not ok" line each (the case format is in tests/hostile/README.md).
# Run by tests/run.sh against the plain and the ASan+UBSan build (BIN);
# HOSTILE=name runs the cases whose file name contains name.
. "$ROOT/tests/lib/common.sh"
DIR=$ROOT/tests/hostile
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# The value of the first "key:" line of a case ("" if none).
value() {
	sed -n "/^--- stdin\$/q; s/^$1:[ 	]*//p" "$2" | head -n 1
}

# Every value of a key that may repeat, one a line.
values() {
	sed -n "/^--- stdin\$/q; s/^$1:[ 	]*//p" "$2"
}

run_case() {
	c=$1
	name=$(basename "$c" .case)
	w=$t/$name
	mkdir -p "$w"
	run=$(value run "$c")
	want=$(value status "$c")
	limit=$(value timeout "$c")
	into=$(value stdout-file "$c")
	: "${want:=0}" "${limit:=60}" "${into:=$w/out}"
	# The input: a file, a command's output, or the text after "--- stdin".
	if [ -n "$(value input "$c")" ]; then
		eval "cp \"$(value input "$c")\" \"$w/in\""
	elif [ -n "$(value gen "$c")" ]; then
		if ! (cd "$w" && CASE=$c sh -c "$(value gen "$c")") >"$w/in"
		then
			not_ok "hostile $name: gen failed"
			return
		fi
	elif grep -q '^--- stdin$' "$c"; then
		sed '1,/^--- stdin$/d' "$c" >"$w/in"
	else
		: >"$w/in"
	fi
	(cd "$w" && CASE=$c IN=$w/in timeout -k 5 "$limit" sh -c "$run") \
	    <"$w/in" >"$into" 2>"$w/err"
	rc=$?
	[ "$into" = "$w/out" ] || : >"$w/out"
	why=
	[ "$rc" -eq 124 ] && why="timed out after ${limit}s"
	[ "$rc" -eq 99 ] && why="sanitizer report"
	[ -z "$why" ] && [ "$rc" -ne "$want" ] && why="status $rc, want $want"
	values stderr "$c" >"$w/want-err"
	while IFS= read -r s; do
		grep -qF -- "$s" "$w/err" || why="$why${why:+; }stderr lacks: $s"
	done <"$w/want-err"
	values stdout "$c" >"$w/want-out"
	while IFS= read -r s; do
		grep -qF -- "$s" "$w/out" || why="$why${why:+; }stdout lacks: $s"
	done <"$w/want-out"
	values stdout-not "$c" >"$w/want-not"
	while IFS= read -r s; do
		grep -qF -- "$s" "$w/out" "$w/err" &&
		    why="$why${why:+; }output has: $s"
	done <"$w/want-not"
	n=$(value stdout-lines "$c")
	if [ -n "$n" ] && [ "$(wc -l <"$w/out")" -ne "$n" ]; then
		why="$why${why:+; }$(wc -l <"$w/out") stdout lines, want $n"
	fi
	n=$(value stderr-max-lines "$c")
	if [ -n "$n" ] && [ "$(wc -l <"$w/err")" -gt "$n" ]; then
		why="$why${why:+; }$(wc -l <"$w/err") stderr lines, want <= $n"
	fi
	check=$(value check "$c")
	if [ -n "$check" ] && ! (cd "$w" && IN=$w/in OUT=$w/out ERR=$w/err \
	    sh -c "$check") >/dev/null 2>&1; then
		why="$why${why:+; }check failed: $check"
	fi
	if [ -n "$why" ]; then
		not_ok "hostile $name: $why"
		sed 's/^/#   stderr: /' "$w/err" | head -n 5
	else
		ok "hostile $name"
	fi
	rm -rf "$w"
}

for c in "$DIR"/*.case; do
	[ -f "$c" ] || continue
	case $(basename "$c") in *"${HOSTILE:-}"*) ;; *) continue ;; esac
	run_case "$c"
done
