#!/bin/sh
# arxiv-fetch gives up a stalled or dead host in bounded time: the
# low-speed limit ends an attempt at a server that trickles or hangs
# after its header, the deadline ends a document whatever the retries,
# and a host that gave no answer is not asked again in the same run.
# The bounds are loose (several times what is expected): no timing is
# asserted tightly.
. "$ROOT/tests/lib/common.sh"
t=$(mktemp -d)
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
cat >"$t/routes.json" <<'R'
{"routes": [
  {"path": "/trickle", "trickle": 1, "body": "<a>a byte a second, for a minute or so</a>\n"},
  {"path": "/hang", "hang_after_headers": 120, "body": "<a/>\n"},
  {"path": "/slow", "delay": 120, "body": "<a/>\n"},
  {"path": "/doc", "body": "<ok/>\n"}
]}
R
start_server "$t/routes.json" "$FIX" "$t"

now() { date +%s.%N; }
# lt A B: A < B, as decimals.
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
count() { jq -r .path "$t/log" | grep -c "^$1\$"; }

# 1. A trickle, retried: each attempt ends after --speed-time, and the
# deadline ends the document long before 10 retries of a 120 s timeout.
t0=$(now)
arxiv-fetch --no-cache --delay 0 --speed-time 1 --retries 10 \
    --deadline 4 url "$S/trickle" >"$t/o1" 2>"$t/e1"
rc=$?
el=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
check "trickle: gives up, status 1" test "$rc" -eq 1
check "trickle: within the deadline, loosely (${el} s < 30 s)" lt "$el" 30
# The last attempt ends too slow with no time left for a retry, or is
# cut short by the deadline: either way the message names the deadline.
check "trickle: the error names the deadline" \
    grep -q "deadline (see --deadline)" "$t/e1"
check "trickle: retried, then stopped by the deadline ($(count /trickle) attempts)" \
    sh -c 'test "$0" -ge 2 && test "$0" -le 5' "$(count /trickle)"

# 2. A server that hangs after the header, then another document on the
# same host: the host gave no answer, so the second is not asked.
t0=$(now)
arxiv-fetch --no-cache --delay 0 --speed-time 1 --retries 1 \
    url "$S/hang" "$S/doc" >"$t/o2" 2>"$t/e2"
rc=$?
el=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
check "hang after the header: status 1, in bounded time (${el} s < 30 s)" \
    sh -c 'test "$0" -eq 1' "$rc" && lt "$el" 30
check "hang after the header: two attempts, then given up" \
    test "$(count /hang)" -eq 2
check "a host that gave no answer is not asked again in the run" sh -c '
	test "$(jq -r "select(.url | endswith(\"/doc\")) | .error" "$0")" = \
	    "not asked: 127.0.0.1:$2 gave no answer earlier in this run (too slow: less than 100 bytes/s for 1 s)" &&
	test "$(jq -r .path "$1" | grep -c "^/doc\$")" -eq 0' "$t/o2" "$t/log" "$port"
check "each document still has its response record" \
    test "$(jq -s length "$t/o2")" -eq 2

# 3. A server that never answers at all: the last attempt's timeout is
# cut to what is left of the deadline.
t0=$(now)
arxiv-fetch --no-cache --delay 0 --timeout 100 --retries 3 --deadline 2 \
    url "$S/slow" >"$t/o3" 2>"$t/e3"
rc=$?
el=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
check "no answer: status 1, in bounded time (${el} s < 30 s)" \
    sh -c 'test "$0" -eq 1' "$rc" && lt "$el" 30
check "no answer: the error says the deadline passed" \
    grep -q "timed out at the 2 s deadline (see --deadline)" "$t/e3"

# 4. A retry is not made when its wait ends past the deadline, and
# --deadline 0 turns the deadline off (the request then works).
check "--deadline 0: no deadline" sh -c \
    'arxiv-fetch --no-cache --delay 0 --deadline 0 url "$0/doc" | jq -e ".body == \"<ok/>\n\"" >/dev/null' "$S"
