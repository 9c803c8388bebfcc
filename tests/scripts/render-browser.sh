#!/bin/sh
# arxiv-render -f html in a real browser: Debian's chromium, headless,
# driven over the DevTools protocol (tests/lib/render_browser.js): the
# papers and their rendered summaries are in the DOM after scripts ran,
# nothing from the hostile records ran, the filter box narrows the list
# as one types, and the page is whole without JavaScript.  With
# RENDER_SHOTS=DIR, phone- and desktop-sized screenshots go to DIR.
. "$ROOT/tests/lib/common.sh"
case $BIN in */san/*) exit 0 ;; esac	# the browser, not our build, is tested
browser=
for b in chromium chromium-browser google-chrome; do
	if command -v $b >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ] || ! command -v node >/dev/null 2>&1; then
	ok "browser: skipped, no chromium or node # SKIP"
	exit 0
fi
t=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$t"' EXIT
data=$ROOT/tests/e2e/render/_data
cat "$data/hostile.ndjson" "$data/papers.ndjson" >"$t/papers.ndjson"
arxiv-render -f html -c "$data/config.json" --now 2025-12-23T05:59:15Z \
    "$t/papers.ndjson" >"$t/page.html"
check "browser: arxiv-render -f html: status 0" test $? -eq 0

$browser --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$t/profile" --remote-debugging-port=0 \
    --remote-debugging-address=127.0.0.1 about:blank 2>"$t/browser.err" &
pid=$!
ws=
for _ in $(seq 1 100); do
	ws=$(sed -n 's/^DevTools listening on \(ws:.*\)$/\1/p' "$t/browser.err")
	[ -n "$ws" ] && break
	sleep 0.1
done
if [ -z "$ws" ]; then
	not_ok "browser: chromium did not start: $(head -c 300 "$t/browser.err")"
	exit 0
fi
port=$(echo "$ws" | sed 's|ws://127.0.0.1:\([0-9]*\)/.*|\1|')
# The page target's socket, not the browser's.
page=$(python3 -c 'import json,sys,urllib.request
for t in json.load(urllib.request.urlopen("http://127.0.0.1:%s/json/list" % sys.argv[1])):
    if t["type"] == "page":
        print(t["webSocketDebuggerUrl"]); break' "$port")
[ -n "$page" ] || { not_ok "browser: no page target"; exit 0; }
node --experimental-websocket --no-warnings "$TESTLIB/render_browser.js" \
    "$page" "$t/page.html" "$t/papers.ndjson" spectral "${RENDER_SHOTS:-}"
