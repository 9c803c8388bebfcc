#!/bin/sh
# arxiv-summarize against the OpenAI-compatible stand-in with a fixed
# latency: 24 papers with 1 job (sequential) and with 8, the ratio to the
# ideal 8x; the re-run over the cache (requests counted in the server's
# log); and the prompt tokens of a 15-paper digest from full text cut to
# max_input_tokens against the bot's whole-PDF upload (the PDF's tokens
# estimated from the whole text of the page, as llm_tokens() counts).
# Wall-clock seconds: the figures are the stand-in's latency and how
# well requests overlap, not CPU.
. "$(dirname "$0")/lib.sh"
latency=${LATENCY:-0.4}
t=$T
root=$ROOT
g="summarize: stand-in API, $latency s latency"
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
ov=$(python3 - "$t1" "$t8" "$latency" "$t/log1" "$t/log8" <<'EOF'
import json, sys
t1, t8, lat = map(float, sys.argv[1:4])
def span(path):
    e = [json.loads(l) for l in open(path)]
    return (max(x["end"] for x in e) - min(x["start"] for x in e),
            max(x["in_flight"] for x in e), len(e))
s1, f1, n1 = span(sys.argv[4])
s8, f8, n8 = span(sys.argv[5])
print("%.2f s of requests (%d requests, whole run %.2f s), at most %d in "
      "flight\t1 job\t%.2f s of requests (%d requests, whole run %.2f s)"
      "\t%.2fx faster, %.0f%% of the ideal 8x"
      % (s8, n8, t8, f8, s1, n1, t1, s1 / s8, 100 * s1 / s8 / 8))
EOF
) || exit 1
IFS='	' read -r a b c d <<EOF
$ov
EOF
row "$g" "24 papers, 8 jobs: overlap of requests (server log)" "$a" "$b" \
    "$c" "$d" "8x"

run 8 "$t/log-warm" >/dev/null
run 8 "$t/log-again" >/dev/null
n=0
[ -f "$t/log-again" ] && n=$(wc -l <"$t/log-again")
row "$g" "24 papers, re-run over the cache: requests" "$n requests" \
    "first run" "$(wc -l <"$t/log-warm") requests" "" "0"

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
tok=$(python3 - "$sent" "$whole" <<'EOF'
import sys
sent, whole = int(sys.argv[1]), int(sys.argv[2])
print("%d tokens\t%d tokens (%d a paper)\t%.2f of its tokens"
      % (sent, 15 * whole, whole, sent / (15.0 * whole)))
EOF
) || exit 1
IFS='	' read -r a b c <<EOF
$tok
EOF
row "summarize: 15-paper digest from full text" \
    "prompt tokens within max_input_tokens (default)" "$a" \
    "the bot's whole-PDF upload (whole text, references not counted)" \
    "$b" "$c" "< 1"
printf '{"ai_summary":{"max_input_tokens":8000}}\n' >"$t/small.json"
small=$(env -u DASHSCOPE_API_KEY arxiv-summarize --dry-run -c "$t/small.json" \
    --api-base http://127.0.0.1:9/v1 --model m -l 15 "$t/digest" 2>&1 \
    >/dev/null | sed -n 's/.*would send about \([0-9]*\) tokens/\1/p')
row "summarize: 15-paper digest from full text" \
    "prompt tokens with max_input_tokens 8000" "$small tokens" \
    "the bot's whole-PDF upload" "$((15 * whole)) tokens" \
    "$(div "$small" "$((15 * whole))") of its tokens" "< 1"
exit 0
