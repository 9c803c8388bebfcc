#!/bin/sh
# arxivpipe-daily with full texts (ai_summary.input "fulltext", the
# default), end to end and offline: a local arXiv stand-in serves the
# feed, one paper's LaTeXML page and another paper's PDF (it has no HTML
# version: a 404), the OpenAI-compatible stand-in writes the summaries.
# Each paper is summarised from its own full text, once, in feed order.
. "$ROOT/tests/lib/common.sh"

if [ "${1:-}" != inner ]; then
	d=$(mktemp -d)
	trap 'rm -rf "$d"' EXIT
	python3 "$TESTLIB/llm_server.py" --log "$d/llm.log" \
	    -- sh "$0" inner "$d"
	exit
fi
d=$2
feedpid=
trap 'if [ -n "$feedpid" ]; then kill "$feedpid"; fi' EXIT
mkdir -p "$d/www"
cp "$FIX/html/arxiv_html_2501.11120v1_latexml.html" "$d/www/paper.html"
python3 "$TESTLIB/mkpdf.py" "$d/www/paper.pdf" "Spectral Updates" \
    "Abstract" "Local learning trains each layer with its own loss." \
    "1 Introduction" "Spectral updates keep deep local learning stable." \
    "2 Conclusion" "They work." "References" "[1] A. Author. 2020."
python3 "$TESTLIB/mkfeed.py" 2026-09-21 2501.11120:cs.LG 2609.00002:cs.LG \
    >"$d/www/feed.xml"
cat >"$d/routes.json" <<'R'
{"routes": [{"path": "/rss/cs.LG", "file": "feed.xml"},
 {"path": "/html/2501.11120v1", "file": "paper.html"},
 {"path": "/pdf/2609.00002v1", "file": "paper.pdf",
  "type": "application/pdf"}]}
R
python3 "$TESTLIB/server.py" --routes "$d/routes.json" --root "$d/www" \
    --log "$d/feed.log" --ready "$d/ready" >/dev/null &
feedpid=$!
i=0
while [ ! -s "$d/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
base=http://127.0.0.1:$(cat "$d/ready")
jq -n --arg b "$base" --arg llm "$SERVER" '{
    categories: ["cs.LG"], keywords: ["learning"], days_back: 7,
    arxiv: {rss_base: ($b + "/rss/"), html_base: ($b + "/html"),
        pdf_base: ($b + "/pdf")},
    ai_summary: {enabled: true, api_key_env: "TEST_KEY", base_url: $llm,
        model: "test-model", max_workers: 2}}' >"$d/config.json"
export TEST_KEY=k
out=$d/out
arxivpipe-daily -c "$d/config.json" -o "$out" --date 2026-09-21 2>"$d/err"
check "daily-fulltext: the day succeeds" test $? -eq 0
[ -n "${VERBOSE:-}" ] && cat "$d/err" >&2
data=$out/data/2026-09-21
check "daily-fulltext: the HTML page, then the PDF for the paper without one" \
    sh -c "grep -q '/html/2501.11120v1' '$d/feed.log' &&
    grep -q '/html/2609.00002v1' '$d/feed.log' &&
    grep -q '/pdf/2609.00002v1' '$d/feed.log'"
check "daily-fulltext: two fulltext records, html and pdf" test \
    "$(jq -r 'select(.kind == "fulltext") | .arxiv_id + " " + (.format // "html")' \
    "$data/fulltext.ndjson" | tr '\n' ' ')" = \
    "2501.11120v1 html 2609.00002v1 pdf "
check "daily-fulltext: each paper summarised from its own full text" test \
    "$(jq -r 'select(.kind == "paper") | .id + " " + .summary.input' \
    "$data/summarize.ndjson" | tr '\n' ' ')" = \
    "2501.11120 html 2609.00002 pdf "
check "daily-fulltext: each paper once, in the digest" test \
    "$(grep -c '^### ' "$out/README.md")" -eq 2
check "daily-fulltext: two requests, one per paper" \
    test "$(grep -c . "$d/llm.log")" -eq 2
check "daily-fulltext: the model read the LaTeXML page's text" \
    grep -q 'Large Language Models (LLMs) can learn sophisticated behaviors' "$d/llm.log"
check "daily-fulltext: the model read the PDF's text" \
    grep -q 'Spectral updates keep deep local learning stable' "$d/llm.log"
