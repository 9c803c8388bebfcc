#!/bin/sh
# arxivpipe-daily end to end, offline: the config's feed comes from a
# file:// base; a second run shows no paper twice; a failing stage after
# score leaves the seen file as it was; usage errors.
. "$ROOT/tests/lib/common.sh"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir -p "$d/feeds"
cp "$FIX/rss2/laya-reader_cs.LG+cs.AI+cs.CL+stat.ML_2026-09-24_trimmed_4items.xml" \
    "$d/feeds/cs.LG+cs.AI+cs.CL+stat.ML"
jq --arg base "file://$d/feeds/" '.categories = ["cs.LG","cs.AI","cs.CL","stat.ML"]
    | .keywords = ["learning", "detection", "network"] | .min_score = 0
    | .arxiv = {rss_base: $base}' \
    "$ROOT/examples/config.json" >"$d/config.json"
now=2026-09-25T00:00:00Z

arxivpipe-daily -c "$d/config.json" -o "$d/out" --now "$now" 2>"$d/err"
check "daily: first run succeeds" test $? -eq 0
n1=$(grep -c '"kind":"paper"' "$d/out/papers.ndjson")
check "daily: first run keeps papers ($n1)" test "$n1" -gt 0
check "daily: digest written" grep -q '^### 1\. ' "$d/out/README.md"
check "daily: stages kept" test -s "$d/out/stages/1-fetch.ndjson" -a \
    -s "$d/out/stages/2-parse.ndjson"
check "daily: seen file written" test -s "$d/out/seen.ndjson"
check "daily: says how many papers" grep -q "arxivpipe-daily: $n1 new papers" "$d/err"

cp "$d/out/seen.ndjson" "$d/seen.first"
arxivpipe-daily -c "$d/config.json" -o "$d/out" --now "$now" 2>"$d/err"
check "daily: second run succeeds" test $? -eq 0
n2=$(grep -c '"kind":"paper"' "$d/out/papers.ndjson")
check "daily: second run shows no paper twice" test "$n2" -eq 0

# A render failure (its output directory is a file) after score has
# marked papers as seen: the seen file must come back as it was.
rm -rf "$d/out2"
mkdir -p "$d/out2"
arxivpipe-daily -c "$d/config.json" -o "$d/out2" --now "$now" >/dev/null 2>&1
cp "$d/out2/seen.ndjson" "$d/seen.keep"
jq '.max_papers = 1' "$d/config.json" >"$d/config1.json"
rm -f "$d/out2/seen.ndjson" "$d/out2/README.md"
mkdir "$d/out2/README.md"
arxivpipe-daily -c "$d/config1.json" -o "$d/out2" --now "$now" >/dev/null 2>"$d/err"
check "daily: a failing render fails the run" test $? -ne 0
check "daily: the seen file is put back after a failed run" \
    test ! -e "$d/out2/seen.ndjson"

arxivpipe-daily --bogus >/dev/null 2>"$d/err"
check "daily: unknown option is a usage error" test $? -eq 2
check "daily: usage on stderr" grep -q '^usage: arxivpipe-daily' "$d/err"
arxivpipe-daily -c "$d/nonexistent.json" -o "$d/x" 2>"$d/err"
check "daily: a missing config fails" test $? -eq 1
out=$(arxivpipe-daily --help)
case $out in "usage: arxivpipe-daily"*) ok "daily: --help" ;; *) not_ok "daily: --help" ;; esac
