#!/bin/sh
# arxivpipe-daily's first day: the whole configuration is checked before
# anything is fetched; usage errors; --date.
. "$ROOT/tests/lib/common.sh"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir -p "$d/feeds"
cp "$FIX/rss2/laya-reader_cs.LG+cs.AI+cs.CL+stat.ML_2026-09-24_trimmed_4items.xml" \
    "$d/feeds/cs.LG+cs.AI"
jq --arg base "file://$d/feeds/" '.categories = ["cs.LG","cs.AI"]
    | .keywords = ["learning", "detection", "network"] | .min_score = 0
    | .days_back = 7 | .arxiv = {rss_base: $base}' \
    "$ROOT/examples/config.json" >"$d/good.json"

# An error: nothing fetched, status 1, the key named.
jq '.categories = ["cs.LGG", "cs.AI"] | .days_back = -1' "$d/good.json" >"$d/bad.json"
arxivpipe-daily -c "$d/bad.json" -o "$d/out" --date 2026-09-25 2>"$d/err"
check "daily-config: an error in the config fails the run" test $? -eq 1
check "daily-config: the category named with the nearest" \
    grep -q 'categories\[0\]: "cs.LGG" is not an arXiv category (did you mean "cs.LG"?)' "$d/err"
check "daily-config: the negative days_back named" grep -q 'days_back: -1 is negative' "$d/err"
check "daily-config: nothing fetched" test ! -e "$d/out/data/2026-09-25/fetch.ndjson"
check "daily-config: says nothing was fetched" grep -q 'nothing was fetched' "$d/err"

# A warning: the run goes on.  The bot's days_back with papers too old:
# score says why nothing was kept, and the outputs are not blanked.
jq '.keyword = ["x"]' "$d/good.json" >"$d/warn.json"
arxivpipe-daily -c "$d/warn.json" -o "$d/out" --date 2026-10-25 2>"$d/err"
check "daily-config: a warning does not stop the run" test $? -eq 0
check "daily-config: the unknown key named with the nearest" \
    grep -q 'warning: unknown key "keyword" (did you mean "keywords"?)' "$d/err"
check "daily-config: score says why nothing was kept" \
    grep -q '^arxiv-score: kept 0 of 4 (2 older than days_back=7, 2 of another announce type)$' "$d/err"
check "daily-config: no blank digest for a day that kept nothing" test ! -e "$d/out/README.md"

# --date runs the day as of then: the same papers are recent a day later.
arxivpipe-daily -c "$d/good.json" -o "$d/out" --date 2026-09-25 2>"$d/err"
check "daily-config: --date is score's clock" grep -q '^arxiv-score: kept 2 of 4' "$d/err"
check "daily-config: --date is render's clock" \
    grep -q 'Last Updated\*\*: 2026-09-25 06:00:00 UTC' "$d/out/README.md"
check "daily-config: --date names the data directory" test -d "$d/out/data/2026-09-25"

arxivpipe-daily --bogus >/dev/null 2>"$d/err"
check "daily-config: unknown option is a usage error" test $? -eq 2
check "daily-config: usage on stderr" grep -q '^usage: arxivpipe-daily' "$d/err"
arxivpipe-daily --date 25/09/2026 >/dev/null 2>"$d/err"
check "daily-config: a bad --date is a usage error" test $? -eq 2
arxivpipe-daily -c "$d/nonexistent.json" -o "$d/x" 2>"$d/err"
check "daily-config: a missing config fails" test $? -eq 1
out=$(arxivpipe-daily --help)
case $out in "usage: arxivpipe-daily"*) ok "daily-config: --help" ;; *) not_ok "daily-config: --help" ;; esac

# One run at a time: a live run's lock stops a second one; a dead one's
# (killed) is taken over; the lock goes at the end.
sleep 30 &
live=$!
mkdir -p "$d/out/state/lock"
echo "$live" >"$d/out/state/lock/pid"
arxivpipe-daily -c "$d/good.json" -o "$d/out" --date 2026-09-25 2>"$d/err"
check "daily-config: a second run at once does not start" test $? -eq 1
check "daily-config: it says why" grep -q "another run (pid $live) is under way" "$d/err"
kill "$live"
wait "$live" 2>/dev/null
arxivpipe-daily -c "$d/good.json" -o "$d/out" --date 2026-09-25 2>"$d/err"
check "daily-config: a dead run's lock is taken over" test $? -eq 0
check "daily-config: the lock goes at the end" test ! -e "$d/out/state/lock"

# Full texts: a model reading them (ai_summary enabled, input fulltext by
# default) gets arxiv-fetch fulltext | arxiv-parse; an arxiv-fetch
# without that source is noted.  A stand-in arxiv-fetch installed beside
# a copy of the script comes before PATH's.
# The key is set (a model will read the texts) but the API is a closed
# local port: no request leaves the machine, the summaries fail.
jq '.ai_summary.enabled = true | .ai_summary.api_key_env = "FT_KEY" |
    .ai_summary.base_url = "http://127.0.0.1:9/v1" | .ai_summary.retries = 0' \
    "$d/good.json" >"$d/ft.json"
export FT_KEY=k
mkdir -p "$d/bin"
cp "$(command -v arxivpipe-daily)" "$d/bin/"
for p in parse score summarize render; do ln -s "$(command -v arxiv-$p)" "$d/bin/arxiv-$p"; done
real=$(command -v arxiv-fetch)
# An older arxiv-fetch, without the fulltext source: noted, and the
# summaries come from the abstracts.
cat >"$d/bin/arxiv-fetch" <<EOF2
#!/bin/sh
case "\$*" in
*fulltext*) echo "arxiv-fetch: fulltext: unknown source" >&2; exit 2 ;;
*) exec "$real" "\$@" ;;
esac
EOF2
chmod +x "$d/bin/arxiv-fetch"
rm -rf "$d/out"
"$d/bin/arxivpipe-daily" -c "$d/ft.json" -o "$d/out" --date 2026-09-25 2>"$d/err"
check "daily-config: no fulltext source is noted" \
    grep -q 'note: this arxiv-fetch has no fulltext source' "$d/err"
cat >"$d/bin/arxiv-fetch" <<EOF2
#!/bin/sh
case "\$*" in
*fulltext*) echo "\$*" >"$d/fulltext.args" ;;
*) exec "$real" "\$@" ;;
esac
EOF2
chmod +x "$d/bin/arxiv-fetch"
rm -rf "$d/out"
"$d/bin/arxivpipe-daily" -c "$d/ft.json" -o "$d/out" --date 2026-09-25 2>"$d/err"
check "daily-config: arxiv-fetch beside the script comes first" test -s "$d/fulltext.args"
check "daily-config: arxiv-fetch fulltext gets the kept papers" \
    grep -qx -e "-c $d/ft.json fulltext $d/out/data/2026-09-25/score.ndjson" "$d/fulltext.args"
check "daily-config: the full texts kept in data/" test -f "$d/out/data/2026-09-25/fulltext.ndjson"
