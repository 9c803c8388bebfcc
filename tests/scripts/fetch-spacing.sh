#!/bin/sh
# arxiv-fetch keeps its request spacing, read from the test server's own
# clock: within a process, across processes sharing a cache directory,
# arXiv's default 3 s (once, two requests), and Retry-After.
. "$ROOT/tests/lib/common.sh"
t=$(mktemp -d)
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
cat >"$t/routes.json" <<'R'
{"routes": [
  {"path": "/rss/cs.AI", "file": "rss2/distill_arxiv_cs_ai_trimmed.xml"},
  {"path": "/rss/cs.CL", "file": "rss2/distill_arxiv_cs_cl_trimmed.xml"},
  {"path": "/flaky", "responses": [
    {"status": 503, "headers": {"Retry-After": "1"}},
    {"body": "<ok/>"}]},
  {"path": "/doc", "body": "<ok/>"}
]}
R
start_server "$t/routes.json" "$FIX" "$t"

# gaps: the smallest and largest gap between requests logged since line $1.
gaps() {
	tail -n +"$1" "$t/log" | jq -r .t | sort -n |
	    awk 'NR > 1 { d = $1 - p; if (min == "" || d < min) min = d;
		if (d > max) max = d } { p = $1 }
		END { printf "%.3f %.3f\n", min, max }'
}
# ge A B: A >= B, as decimals.
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
lines() { if [ -f "$t/log" ]; then wc -l <"$t/log"; else echo 0; fi; }

# 1. --delay within one process.
n=$(($(lines) + 1))
arxiv-fetch --cache-dir "$t/c1" --delay 0.5 url "$S/doc?1" "$S/doc?2" \
    "$S/doc?3" >/dev/null 2>"$t/err"
set -- $(gaps $n)
check "delay 0.5: 3 requests, each at least 0.45 s after the last ($1)" \
    ge "$1" 0.45
check "delay 0.5: no message on a quiet run" test ! -s "$t/err"

# 2. Two processes sharing a cache directory keep one spacing.
n=$(($(lines) + 1))
arxiv-fetch --cache-dir "$t/c2" --delay 0.4 url "$S/doc?a1" "$S/doc?a2" \
    "$S/doc?a3" >"$t/o1" 2>&1 &
p1=$!
arxiv-fetch --cache-dir "$t/c2" --delay 0.4 url "$S/doc?b1" "$S/doc?b2" \
    "$S/doc?b3" >"$t/o2" 2>&1 &
p2=$!
wait $p1
r1=$?
wait $p2
r2=$?
check "two processes: both succeed" test "$r1" -eq 0 -a "$r2" -eq 0
check "two processes: 6 requests logged" \
    test "$(tail -n +$n "$t/log" | wc -l)" -eq 6
set -- $(gaps $n)
check "two processes sharing a cache dir: every gap at least 0.35 s ($1)" \
    ge "$1" 0.35
check "the spacing lock file is in the cache directory" \
    test -f "$t/c2/throttle/127.0.0.1_$port"

# 3. arXiv's default spacing applies to the arXiv sources on a mirror,
# and not to plain URLs of other hosts.
n=$(($(lines) + 1))
arxiv-fetch --cache-dir "$t/c3" --rss-base "$S/rss/" rss cs.AI cs.CL \
    >"$t/out" 2>"$t/err"
set -- $(gaps $n)
check "default spacing for arXiv sources is 3 s ($1)" ge "$1" 2.95
check "default spacing: both feeds fetched" \
    test "$(jq -r .status "$t/out" | tr '\n' ' ')" = "200 200 "
n=$(($(lines) + 1))
arxiv-fetch --cache-dir "$t/c3" url "$S/doc?x1" "$S/doc?x2" >/dev/null
set -- $(gaps $n)
check "no default spacing for other hosts ($2)" ge 1 "$2"

# 4. Retry-After: 1 is honoured.
n=$(($(lines) + 1))
arxiv-fetch --cache-dir "$t/c4" --delay 0 url "$S/flaky" >"$t/out" 2>"$t/err"
rc=$?
set -- $(gaps $n)
check "Retry-After 1: the retry comes at least 0.95 s later ($1)" ge "$1" 0.95
check "Retry-After: the second answer is the record, status 0" \
    sh -c "test $rc -eq 0 && jq -e '.status == 200 and .body == \"<ok/>\"' '$t/out' >/dev/null"
