#!/bin/sh
# arxiv-fetch fulltext is polite: its requests, the PDF fallback's
# included, keep the spacing (read from the test server's own clock) and
# go through the cache: a second run with --max-age asks nothing for a
# page it has, and a conditional request gets a 304.
. "$ROOT/tests/lib/common.sh"
t=$(mktemp -d)
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
pdf=$(printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%%%EOF\n' | od -An -tx1 | tr -d ' \n')
cat >"$t/routes.json" <<R
{"routes": [
  {"path": "/html/2501.11120v1", "file": "html/arxiv_html_2501.11120v1_latexml.html",
   "etag": "\"h1\""},
  {"path": "/html/2501.00404v2", "status": 404},
  {"path": "/pdf/2501.00404v2", "type": "application/pdf", "body_hex": "$pdf",
   "etag": "\"p1\""}
]}
R
start_server "$t/routes.json" "$FIX" "$t"
printf '%s\n' '{"kind":"paper","id":"2501.11120","version":1}' \
    '{"kind":"paper","id":"2501.00404","version":2}' >"$t/papers.ndjson"
lines() { if [ -f "$t/log" ]; then wc -l <"$t/log"; else echo 0; fi; }
ft() {
	arxiv-fetch --cache-dir "$t/cache" --html-base "$S/html" \
	    --pdf-base "$S/pdf" "$@" fulltext "$t/papers.ndjson"
}

# 1. Spacing: the page, the 404 and the PDF, each 0.5 s after the last.
ft --delay 0.5 >"$t/o1" 2>"$t/e1"
rc=$?
min=$(jq -r .t "$t/log" | sort -n | awk 'NR > 1 { d = $1 - p;
    if (m == "" || d < m) m = d } { p = $1 } END { printf "%.3f", m }')
check "fulltext: status 0, no message" sh -c \
    'test "$0" -eq 0 && test ! -s "$1"' "$rc" "$t/e1"
check "fulltext: 3 requests (the page, a 404, the PDF)" test "$(lines)" -eq 3
check "fulltext: each request at least 0.45 s after the last ($min s)" \
    awk -v a="$min" 'BEGIN { exit !(a >= 0.45) }'
check "fulltext: 2 papers, 2 responses" \
    test "$(jq -r .kind "$t/o1" | tr '\n' ' ')" = "paper response paper response "

# 2. The cache: within --max-age nothing is asked for the HTML page or
# the PDF; the 404 is not cached, so it alone is asked again.
n=$(lines)
ft --delay 0 --max-age 3600 >"$t/o2" 2>"$t/e2"
check "fulltext --max-age: only the uncached 404 is asked again" \
    test "$(tail -n +$((n + 1)) "$t/log" | jq -r .path)" = "/html/2501.00404v2"
check "fulltext --max-age: the same records, from the cache" sh -c '
	test "$(jq -c "select(.kind == \"response\") | .from_cache" "$0" |
	    tr "\n" " ")" = "true true "' "$t/o2"
# 3. Without --max-age the requests are conditional: 304, cached body.
n=$(lines)
ft --delay 0 >"$t/o3" 2>"$t/e3"
check "fulltext: a second run asks conditionally (If-None-Match)" sh -c '
	test "$(tail -n +$(($1 + 1)) "$0" | jq -r ".headers[\"If-None-Match\"] // \"-\"" |
	    tr "\n" " ")" = "\"h1\" - \"p1\" "' "$t/log" "$n"
check "fulltext: the bodies the same, byte for byte" sh -c '
	jq -c "del(.fetched_at, .from_cache)" "$0" >"$0.a" &&
	jq -c "del(.fetched_at, .from_cache)" "$1" >"$1.a" && cmp -s "$0.a" "$1.a"' \
    "$t/o1" "$t/o3"
