#!/bin/sh
# arxiv-summarize against the OpenAI-compatible stand-in with a fixed
# latency: 24 papers with 1 job (sequential) and with 8, the ratio to the
# ideal 8x; the re-run over the cache (requests counted in the server's
# log); and the prompt tokens of a 15-paper digest from full text cut to
# max_input_tokens against the bot's whole-PDF upload (the PDF's tokens
# estimated from the whole text of the page, as llm_tokens() counts).
set -u
latency=${LATENCY:-0.4}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
root=$PWD
srv=$root/tests/lib/llm_server.py
data=$root/tests/e2e/summarize/_data/papers.ndjson
export DASHSCOPE_API_KEY=bench XDG_CACHE_HOME=$t/cache

# 24 papers: the 19 of the e2e data and 5 more with new ids.
{ cat "$data"; head -n 5 "$data" | jq -c '.id = (.id + "9") |
    .arxiv_id = (.id + "v" + (.version | tostring))'; } >"$t/papers"

now() { python3 -c 'import time; print(time.monotonic())'; }
run() {	# run JOBS LOG [ARGS]: seconds taken
	jobs=$1 log=$2
	shift 2
	a=$(now)
	python3 "$srv" --latency "$latency" --log "$log" -- sh -c \
	    'exec arxiv-summarize -q -j "$1" --api-base "$SERVER" --model m -l 24 "$2" "$3"' \
	    sh "$jobs" "$t/papers" "$@" >/dev/null 2>&1 || true
	b=$(now)
	python3 -c "print('%.2f' % ($b - $a))"
}
# The wall time of the requests, from the stand-in's log (first start
# to last end), so the programs' start-up is not part of it.
t1=$(run 1 "$t/log1" --no-cache)
t8=$(run 8 "$t/log8" --no-cache)
python3 - "$t1" "$t8" "$latency" "$t/log1" "$t/log8" <<'EOF'
import json, sys
t1, t8, lat = map(float, sys.argv[1:4])
def span(path):
    e = [json.loads(l) for l in open(path)]
    return (max(x["end"] for x in e) - min(x["start"] for x in e),
            max(x["in_flight"] for x in e), len(e))
s1, f1, n1 = span(sys.argv[4])
s8, f8, n8 = span(sys.argv[5])
print("24 papers, %.1f s latency: 1 job %.2f s, 8 jobs %.2f s of requests "
      "(%d and %d requests; whole runs %.2f s and %.2f s)"
      % (lat, s1, s8, n1, n8, t1, t8))
print("speed-up %.2fx, %.0f%% of the ideal 8x; at most %d in flight "
      "(server log)" % (s1 / s8, 100 * s1 / s8 / 8, f8))
EOF

run 8 "$t/log-warm" >/dev/null
run 8 "$t/log-again" >/dev/null
n=0
[ -f "$t/log-again" ] && n=$(wc -l <"$t/log-again")
echo "re-run over the cache: $n requests (first run: $(wc -l <"$t/log-warm"))"

# 15 papers, each with the real LaTeXML page as its full text.
arxiv-parse "$root/tests/fixtures/html/arxiv_html_2501.11120v1_latexml.html" \
    >"$t/ft"
head -n 15 "$t/papers" | while IFS= read -r p; do
	printf '%s\n' "$p"
	id=$(printf '%s\n' "$p" | jq -r .id)
	v=$(printf '%s\n' "$p" | jq -r .version)
	jq -c --arg id "$id" --argjson v "$v" \
	    '.id = $id | .arxiv_id = ($id + "v" + ($v | tostring))' "$t/ft"
done >"$t/digest"
sent=$(env -u DASHSCOPE_API_KEY arxiv-summarize --dry-run \
    --api-base http://127.0.0.1:9/v1 --model m -l 15 "$t/digest" 2>&1 \
    >/dev/null | sed -n 's/.*would send about \([0-9]*\) tokens/\1/p')
whole=$(python3 - "$t/ft" <<'EOF'
import json, sys
r = json.loads(open(sys.argv[1]).readline())
text = r["title"] + "\n" + "\n".join((s["heading"] or "") + "\n" + s["text"]
                                     for s in r["sections"])
ascii = sum(1 for c in text if ord(c) < 128)
print((ascii + 3) // 4 + len(text) - ascii)
EOF
)
python3 - "$sent" "$whole" <<'EOF'
import sys
sent, whole = int(sys.argv[1]), int(sys.argv[2])
print("15-paper digest: %d prompt tokens from full text within "
      "max_input_tokens, against %d for the whole text (%d per paper, the "
      "bot's PDF upload, references not counted): ratio %.2f"
      % (sent, 15 * whole, whole, sent / (15.0 * whole)))
EOF
printf '{"ai_summary":{"max_input_tokens":8000}}\n' >"$t/small.json"
small=$(env -u DASHSCOPE_API_KEY arxiv-summarize --dry-run -c "$t/small.json" \
    --api-base http://127.0.0.1:9/v1 --model m -l 15 "$t/digest" 2>&1 \
    >/dev/null | sed -n 's/.*would send about \([0-9]*\) tokens/\1/p')
python3 -c "print('with max_input_tokens 8000: %d prompt tokens, ratio %.2f'
    % ($small, $small / (15.0 * $whole)))"
