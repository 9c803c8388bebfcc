#!/bin/sh
# arxiv-fetch's cache: where it lives, atomic entries, a corrupt entry
# refetched, a cache directory that cannot be used; and the User-Agent,
# From, stdout discipline and progress with a source.
. "$ROOT/tests/lib/common.sh"
t=$(mktemp -d)
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
cat >"$t/routes.json" <<'R'
{"routes": [
  {"path": "/rss/cs.AI", "file": "rss2/distill_arxiv_cs_ai_trimmed.xml",
   "etag": "\"ai-1\""},
  {"path": "/oai", "query": {"set": "cs"},
   "file": "oai_pmh/shishir_2016-03-01_ListRecords_arXiv_set_cs_first_page.xml"},
  {"path": "/oai", "query": {"resumptionToken": "1114880|1001"},
   "file": "oai_pmh/shishir_2016-03-09_ListRecords_arXiv_last_page_empty_token.xml"},
  {"path": "/doc", "body": "<ok/>"}
]}
R
start_server "$t/routes.json" "$FIX" "$t"
export XDG_CACHE_HOME="$t/xdg"

# 1. The default cache directory, and nothing but entries in it.
arxiv-fetch --delay 0 url "$S/rss/cs.AI" "$S/doc" >"$t/out" 2>"$t/err"
check "default cache: \$XDG_CACHE_HOME/arxivpipe/http has the 2 entries" \
    test "$(ls "$t/xdg/arxivpipe/http" | wc -l)" -eq 2
check "cache entries are named by hash, no temporary files left" \
    test -z "$(ls "$t/xdg/arxivpipe/http" | grep -v '^[0-9a-f]\{16\}$')"
entry=$(grep -l '"etag":"\\"ai-1\\""' "$t/xdg/arxivpipe/http"/*)
check "the entry keeps the ETag and the body" \
    sh -c "test -n '$entry' && tail -n +2 '$entry' | cmp -s - '$FIX/rss2/distill_arxiv_cs_ai_trimmed.xml'"

# 2. A corrupt entry is reported, removed and fetched again.
printf '{"url":"%s/rss/cs.AI","status":200,"len' "$S" >"$entry"
n=$(($(wc -l <"$t/log") + 1))
arxiv-fetch --delay 0 url "$S/rss/cs.AI" >"$t/out" 2>"$t/err"
rc=$?
check "corrupt entry: status 0" test "$rc" -eq 0
check "corrupt entry: reported" grep -q 'corrupt cache entry (bad header), removed' "$t/err"
check "corrupt entry: fetched again, unconditionally" \
    test "$(tail -n +$n "$t/log" | jq -r '.headers["If-None-Match"] // "-"')" = "-"
check "corrupt entry: the response is fresh and whole" \
    sh -c "jq -e '.from_cache == false and (.body | length) == 7307' '$t/out' >/dev/null"
arxiv-fetch --delay 0 url "$S/rss/cs.AI" >"$t/out" 2>"$t/err"
check "corrupt entry: replaced by a good one (next run is a 304)" \
    sh -c "jq -e '.from_cache == true' '$t/out' >/dev/null"

# 3. A cache directory that cannot be made: a warning, and still a fetch.
arxiv-fetch --delay 0 --cache-dir /dev/null/cache url "$S/doc" >"$t/out" \
    2>"$t/err"
rc=$?
check "unusable cache dir: still fetched, status 0" \
    sh -c "test $rc -eq 0 && jq -e '.body == \"<ok/>\"' '$t/out' >/dev/null"
check "unusable cache dir: one warning" \
    sh -c "test \$(wc -l <'$t/err') -eq 1 && grep -q '^arxiv-fetch: cache: /dev/null/cache: .*going on without it' '$t/err'"

# 4. Who we are: User-Agent and From.
n=$(($(wc -l <"$t/log") + 1))
arxiv-fetch --delay 0 --no-cache --mailto me@example.org url "$S/doc" \
    >/dev/null
check "User-Agent names arxivpipe, its version and the contact" \
    test "$(tail -n +$n "$t/log" | jq -r '.headers["User-Agent"]')" = \
    "arxivpipe/$(arxiv-fetch --version | cut -d' ' -f2) (arxiv-fetch; mailto:me@example.org)"
check "From carries the contact" \
    test "$(tail -n +$n "$t/log" | jq -r '.headers.From')" = me@example.org

# 5. stdout discipline with a real source.
arxiv-fetch --delay 0 url "$S/doc" >/dev/full 2>"$t/err"
rc=$?
check "a source to /dev/full: write error, status 1" \
    sh -c "test $rc -eq 1 && grep -q 'write error' '$t/err'"
arxiv-fetch --delay 0 url "$S/doc" "$S/doc" "$S/doc" "$S/doc" 2>"$t/err" |
    head -n 1 >"$t/out"
check "| head -n 1 with sources: one record, no message" \
    test "$(wc -l <"$t/out")" -eq 1 -a ! -s "$t/err"

# 6. Progress of a harvest (shown with -v when stderr is not a terminal).
arxiv-fetch -v --delay 0 --oai-base "$S/oai" --set cs oai >"$t/out" \
    2>"$t/err"
check "oai: two pages" test "$(wc -l <"$t/out")" -eq 2
check "oai progress counts the records" \
    grep -q '^arxiv-fetch: oai: page 2: 1538 of 102538 records$' "$t/err"
arxiv-fetch --delay 0 --oai-base "$S/oai" --set cs oai >/dev/null 2>"$t/err"
check "no progress when stderr is not a terminal" test ! -s "$t/err"
if command -v script >/dev/null 2>&1; then
	script -qec "arxiv-fetch --delay 1 --no-cache --oai-base '$S/oai' --set cs oai >/dev/null" \
	    /dev/null >"$t/tty" 2>&1
	check "on a terminal: progress and the wait are shown" \
	    sh -c "grep -q 'oai: page 1: 1000 of 102133 records' '$t/tty' && grep -q 'waiting [0-9.]* s before the next request' '$t/tty'"
	script -qec "arxiv-fetch -q --delay 0 --no-cache --oai-base '$S/oai' --set cs oai >/dev/null" \
	    /dev/null >"$t/tty" 2>&1
	check "on a terminal, -q silences progress" test ! -s "$t/tty"
	script -qec "arxiv-fetch; echo status \$?" /dev/null >"$t/tty" 2>&1
	check "no source and a terminal on stdin: usage error, status 2" \
	    sh -c "grep -q 'no source given, and standard input is a terminal' '$t/tty' && grep -q 'status 2' '$t/tty'"
fi
