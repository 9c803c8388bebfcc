#!/bin/sh
# arxiv-summarize under valgrind on its harder paths: the limit, the API
# notice, no abstract, bad fields, existing summaries, options (plain build
# only; the sanitized build runs every e2e case with its own checks).
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
e2e=$ROOT/tests/e2e/summarize

DASHSCOPE_API_KEY=x python3 "$TESTLIB/llm_server.py" -- sh -c '
valgrind -q --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
    arxiv-summarize -v --no-cache -c "$1/_data/config.json" --api-base "$SERVER" \
    "$1/_data/papers.ndjson"' sh "$e2e" >"$t/out" 2>"$t/err"
check "summarize valgrind: config, limit, API requests" test $? -eq 0
vg arxiv-summarize -v -c "$e2e/_data/config.json" \
    "$e2e/_data/papers.ndjson" >"$t/out" 2>"$t/err"
check "summarize valgrind: API asked for, no key" test $? -eq 0
vg arxiv-summarize -n 1 --max-chars 40 "$e2e/_data/papers.ndjson" \
    "$e2e/no-abstract/stdin" "$e2e/pass-through/stdin" >"$t/out" 2>"$t/err"
check "summarize valgrind: options, no abstract, no id, pass-through (status 1)" \
    test $? -eq 1
vg arxiv-summarize --replace -l 1 "$e2e/existing-summary/stdin" \
    "$e2e/bad-field/stdin" "$e2e/bad-lines/stdin" >"$t/out" 2>"$t/err"
check "summarize valgrind: bad fields and lines (status 1)" test $? -eq 1
printf '{"ai_summary":{"enabled":1}}' >"$t/bad.json"
vg arxiv-summarize -c "$t/bad.json" </dev/null >"$t/out" 2>"$t/err"
check "summarize valgrind: bad config (status 1)" test $? -eq 1
