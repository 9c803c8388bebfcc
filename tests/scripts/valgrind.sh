#!/bin/sh
# The demo pipeline's stages run valgrind-clean: no invalid access, no
# leak (plain build only; the sanitized build has its own checks).
# tests/valgrind.supp holds the known false positives (PCRE2's JIT).
. "$ROOT/tests/lib/common.sh"
case $BIN in */san/*) exit 0 ;; esac
command -v valgrind >/dev/null || { not_ok "valgrind: not installed"; exit 0; }
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
vg() {
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --suppressions="$ROOT/tests/valgrind.supp" \
	    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect "$@"
}
cfg=$ROOT/examples/config.json
now=2026-09-25T00:00:00Z
feed=$ROOT/examples/feeds/cs.LG+cs.AI+cs.CL+stat.ML.xml

vg arxiv-fetch url "file://$feed" >"$d/1" 2>"$d/e1"
check "valgrind: arxiv-fetch" test $? -ne 99
vg arxiv-parse "$d/1" >"$d/2" 2>"$d/e2"
check "valgrind: arxiv-parse" test $? -ne 99
vg arxiv-score -c "$cfg" --now "$now" "$d/2" >"$d/3" 2>"$d/e3"
check "valgrind: arxiv-score" test $? -ne 99
vg arxiv-summarize -c "$cfg" "$d/3" >"$d/4" 2>"$d/e4"
check "valgrind: arxiv-summarize" test $? -ne 99
vg arxiv-render -f markdown -c "$cfg" --now "$now" "$d/4" >"$d/5" 2>"$d/e5"
check "valgrind: arxiv-render" test $? -ne 99
# Term matching at length: the patterns run as PCRE2 JIT code.
s=$ROOT/tests/e2e/score
vg arxiv-score -c "$s/matching.json" --now 2026-04-28T00:00:00Z \
    "$s/matching.ndjson" >"$d/6" 2>"$d/e6"
check "valgrind: arxiv-score, term matching" test $? -ne 99
for i in 1 2 3 4 5 6; do
	[ -s "$d/e$i" ] && sed "s/^/valgrind: stage $i: /" "$d/e$i"
done
true
