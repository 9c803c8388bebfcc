#!/bin/sh
# arxivpipe-daily end to end, offline, as a bot user's week goes: a local
# arXiv stand-in (tests/lib/server.py) serves the day's feed at
# rss.arxiv.org's path, the OpenAI-compatible stand-in writes summaries.
# Two consecutive days, a run killed with SIGKILL inside summarize and the
# next run, a same-day re-run, a weekend day, the feed host down, SIGTERM;
# no paper repeats, none is lost, the feeds grow and merge.
. "$ROOT/tests/lib/common.sh"

# The runs happen inside the LLM stand-in, which gives SERVER.
if [ "${1:-}" != inner ]; then
	d=$(mktemp -d)
	trap 'rm -rf "$d"' EXIT
	python3 "$TESTLIB/llm_server.py" --log "$d/llm.log" --latency 0.3 \
	    -- sh "$0" inner "$d"
	exit
fi
d=$2
llm=$SERVER
feedpid=
trap 'if [ -n "$feedpid" ]; then kill "$feedpid"; fi' EXIT
mkdir -p "$d/www"
# The feed server: the day's feed is whatever www/feed.xml holds.
echo '{"routes": [{"path": "/rss/cs.AI+cs.LG", "file": "feed.xml"}]}' \
    >"$d/routes.json"
python3 "$TESTLIB/server.py" --routes "$d/routes.json" --root "$d/www" \
    --log "$d/feed.log" --ready "$d/ready" >/dev/null &
feedpid=$!
i=0
while [ ! -s "$d/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
feed=http://127.0.0.1:$(cat "$d/ready")

# feed DAY ID:CATS... : an arXiv RSS feed of the day announcing each paper.
mkfeed() {
	python3 "$TESTLIB/mkfeed.py" "$@" >"$d/www/feed.xml"
}

jq -n --arg rss "$feed/rss/" --arg llm "$llm" '{
    categories: ["cs.AI", "cs.LG"], keywords: ["learning"],
    exclude_keywords: ["survey"], max_papers: 30, days_back: 7,
    arxiv: {rss_base: $rss},
    ai_summary: {enabled: true, api_key_env: "TEST_KEY", base_url: $llm,
        model: "test-model", input: "abstract", max_workers: 1}}' \
    >"$d/config.json"
export TEST_KEY=k
out=$d/out
day() { arxivpipe-daily -c "$d/config.json" -o "$out" --date "$@"; }
papers() { grep -c '"kind":"paper"' "$1"; }
ids() { grep -o '"id":"[0-9.]*"' "$@" | sort; }
llm_requests() { if [ -f "$d/llm.log" ]; then grep -c . "$d/llm.log"; else echo 0; fi; }
snapshot() {
	(cd "$out" && cat README.md rss.xml atom.xml feed.json index.html \
	    rss/cs.AI.xml rss/cs.LG.xml | cksum)
}

# Monday: four papers.
mkfeed 2026-09-21 2609.00001:cs.AI 2609.00002:cs.LG 2609.00003:cs.AI,cs.LG \
    2609.00004:cs.LG
day 2026-09-21 2>"$d/err1"
check "daily: the first day succeeds" test $? -eq 0
check "daily: the first day shows its 4 papers" grep -q 'Total Papers Found\*\*: 4' "$out/README.md"
for f in README.md rss.xml atom.xml feed.json index.html rss/cs.AI.xml rss/cs.LG.xml; do
	check "daily: $f written" test -s "$out/$f"
done
for f in fetch parse score summarize; do
	check "daily: data/2026-09-21/$f.ndjson kept" test -s "$out/data/2026-09-21/$f.ndjson"
done
check "daily: the summary line at the end" sh -c "tail -n 1 '$d/err1' |
    grep -qx 'arxivpipe-daily: 4 fetched, 4 kept, 4 summarized (0 cached); README.md, rss.xml, atom.xml, feed.json, index.html, 2 category feeds in $out/'"
check "daily: score says what it kept" grep -q '^arxiv-score: kept 4 of 4$' "$d/err1"
check "daily: 4 LLM requests on the first day" test "$(llm_requests)" -eq 4
check "daily: the seen state committed" test -s "$out/state/seen/2026-09-21.ndjson"
check "daily: rss/cs.AI.xml holds the cs.AI papers" \
    test "$(grep -c '<item>' "$out/rss/cs.AI.xml")" -eq 2
check "daily: a model's summary in the digest" grep -q 'Summary of 2609.00001' "$out/README.md"
monday=$(snapshot)

# Tuesday: 2609.00003 again (a repeat) and three new ones; the run is
# killed with SIGKILL inside summarize.
mkfeed 2026-09-22 2609.00003:cs.AI,cs.LG 2609.00005:cs.AI 2609.00006:cs.LG \
    2609.00007:cs.AI
n0=$(llm_requests)
setsid sh -c 'exec arxivpipe-daily -c "$1" -o "$2" --date 2026-09-22' sh \
    "$d/config.json" "$out" 2>"$d/err-killed" &
pid=$!
i=0
while [ "$(llm_requests)" -le "$n0" ] && [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
kill -9 "-$pid" 2>/dev/null
wait "$pid" 2>/dev/null
sleep 1		# the request in flight ends at the server, logged
check "daily: killed inside summarize (a request was in flight)" test $i -lt 300
check "daily: the killed run committed nothing" test ! -e "$out/state/seen/2026-09-22.ndjson"
check "daily: the killed run left Monday's outputs" test "$(snapshot)" = "$monday"

n1=$(llm_requests)
day 2026-09-22 2>"$d/err2"
check "daily: the run after the kill succeeds" test $? -eq 0
check "daily: Tuesday shows the 3 new papers, none lost" \
    test "$(ids "$out/data/2026-09-22/summarize.ndjson" | tr '\n' ' ')" = \
    '"id":"2609.00005" "id":"2609.00006" "id":"2609.00007" '
check "daily: no paper repeats (2609.00003 not shown again)" \
    sh -c "! grep -q 2609.00003 '$out/README.md'"
n2=$(llm_requests)
check "daily: LLM requests only for Tuesday's new papers" \
    sh -c "sed -n '$((n0 + 1)),\$p' '$d/llm.log' | grep -v -e 2609.00005 \
    -e 2609.00006 -e 2609.00007 | grep -q . && exit 1; exit 0"
cached=$(sed -n 's/.*summarized (\([0-9]*\) cached).*/\1/p' "$d/err2")
check "daily: the killed run's summaries reused, the rest asked ($cached + $((n2 - n1)))" \
    test "$((${cached:-0} + n2 - n1))" -eq 3
check "daily: rss.xml merges both days (7 items)" \
    test "$(grep -c '<item>' "$out/rss.xml")" -eq 7
check "daily: rss/cs.AI.xml merges both days (4 items)" \
    test "$(grep -c '<item>' "$out/rss/cs.AI.xml")" -eq 4
check "daily: atom.xml from the merged papers (7 entries)" \
    test "$(grep -c '<entry>' "$out/atom.xml")" -eq 7
tuesday=$(snapshot)
cp "$out/README.md" "$d/README.tuesday"

# The "Run workflow" button on Tuesday: the same outputs, no request.
n2=$(llm_requests)
day 2026-09-22 2>"$d/err3"
check "daily: a same-day re-run succeeds" test $? -eq 0
check "daily: a same-day re-run gives the same outputs" test "$(snapshot)" = "$tuesday"
check "daily: a same-day re-run shows the day's papers again" \
    grep -q 'Total Papers Found\*\*: 3' "$out/README.md"
check "daily: a same-day re-run asks the model nothing" test "$(llm_requests)" -eq "$n2"

# Saturday: arXiv's feed is empty; everything stays as it was.
cp "$FIX/rss2/albatros_cs_2026-03-29_empty_weekend_feed.xml" "$d/www/feed.xml"
day 2026-09-26 2>"$d/err4"
check "daily: a weekend day exits 0" test $? -eq 0
check "daily: a weekend day says so" grep -q 'no announcements for 2026-09-26 .*left as they were' "$d/err4"
check "daily: a weekend day leaves the outputs" test "$(snapshot)" = "$tuesday"
check "daily: a weekend day commits no seen state" test ! -e "$out/state/seen/2026-09-26.ndjson"

# The feed host down: everything stays as it was, status 1.
port=$(free_port)
jq --arg rss "http://127.0.0.1:$port/rss/" '.arxiv.rss_base = $rss' \
    "$d/config.json" >"$d/config-down.json"
arxivpipe-daily -c "$d/config-down.json" -o "$out" --date 2026-09-28 2>"$d/err5"
check "daily: the feed host down exits 1" test $? -eq 1
check "daily: the feed host down says why" grep -q 'every source failed.*left as they were' "$d/err5"
check "daily: the feed host down leaves the outputs" test "$(snapshot)" = "$tuesday"
check "daily: the feed host down: no blank digest" \
    sh -c "! grep -q 'No papers' '$out/README.md'"

# Wednesday, after all that: only its own new paper.
mkfeed 2026-09-23 2609.00007:cs.AI 2609.00008:cs.LG
day 2026-09-23 2>"$d/err6"
check "daily: Wednesday succeeds" test $? -eq 0
check "daily: Wednesday shows only its new paper" \
    test "$(ids "$out/data/2026-09-23/summarize.ndjson")" = '"id":"2609.00008"'

# SIGTERM inside summarize: the trap stops the run, nothing committed.
mkfeed 2026-09-24 2609.00009:cs.AI 2609.00010:cs.AI 2609.00011:cs.AI
n3=$(llm_requests)
arxivpipe-daily -c "$d/config.json" -o "$out" --date 2026-09-24 2>"$d/err7" &
pid=$!
i=0
while [ "$(llm_requests)" -le "$n3" ] && [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
kill -TERM "$pid"
wait "$pid"
rc=$?
check "daily: SIGTERM ends the run with 143" test "$rc" -eq 143
check "daily: SIGTERM says nothing was committed" grep -q 'interrupted (SIGTERM); nothing committed' "$d/err7"
check "daily: SIGTERM commits no seen state" test ! -e "$out/state/seen/2026-09-24.ndjson"

# The next day's feed does not hold the stopped day's papers: the journal
# (data/2026-09-24, never committed) does, and they are shown with the
# new day's.  data/ older than keep_data_days goes; three seen states stay.
jq '.keep_data_days = 2' "$d/config.json" >"$d/config-keep.json"
mkfeed 2026-09-25 2609.00012:cs.LG
arxivpipe-daily -c "$d/config-keep.json" -o "$out" --date 2026-09-25 2>"$d/err8"
check "daily: after SIGTERM the next day shows the stopped day's papers too" \
    test "$(ids "$out/data/2026-09-25/summarize.ndjson" | tr '\n' ' ')" = \
    '"id":"2609.00009" "id":"2609.00010" "id":"2609.00011" "id":"2609.00012" '
check "daily: says where the owed papers come from" \
    grep -q '3 papers fetched by earlier runs that did not finish' "$d/err8"
check "daily: data/ older than keep_data_days pruned" \
    test ! -d "$out/data/2026-09-22" -a -d "$out/data/2026-09-23" -a -d "$out/data/2026-09-25"
check "daily: three seen states kept" test "$(ls "$out/state/seen" | wc -l)" -eq 3
cp "$FIX/rss2/albatros_cs_2026-03-29_empty_weekend_feed.xml" "$d/www/feed.xml"
arxivpipe-daily -c "$d/config-keep.json" -o "$out" --date 2026-09-26 2>"$d/err9"
check "daily: the owed papers are not owed twice" grep -q 'no announcements for 2026-09-26' "$d/err9"

# A README template given by the output directory.
printf '# My digest\n\n{{PAPERS_SECTION}}\n\nMine: {{PAPER_COUNT}}\n' >"$out/README.template.md"
mkfeed 2026-09-29 2609.00013:cs.LG
day 2026-09-29 2>/dev/null
check "daily: OUTDIR/README.template.md is used" grep -q '^Mine: 1$' "$out/README.md"
