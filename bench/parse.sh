#!/bin/sh
# bench/parse.sh: arxiv-parse on an RSS feed of real fixture items (ids
# varied, bench/lib.sh gen_feed) against sfeed (the C feed parser, which
# writes fewer fields), `xmllint --stream` (libxml2 just reading) and
# python3-feedparser (the bot's parser, timed inside Python so that the
# interpreter's start is not counted, on fewer items: papers/s are
# compared); then the peak RSS on a 1 GB OAI-PMH harvest generated into
# the temp dir and deleted.  BEFORE=DIR also times DIR/arxiv-parse.
#   ITEMS=12000 PYITEMS=3000 HARVEST_MB=1000 sh bench/parse.sh
. "$(dirname "$0")/lib.sh"
ITEMS=${ITEMS:-12000}
PYITEMS=${PYITEMS:-3000}
HARVEST_MB=${HARVEST_MB:-1000}

gen_feed "$ITEMS" "$T/feed.xml"
size=$(wc -c <"$T/feed.xml")
n=$(arxiv-parse "$T/feed.xml" | grep -c '"kind":"paper"')
g="parse: RSS, $ITEMS items, $((size / 1048576)) MiB"
measure "$REPS" "arxiv-parse '$T/feed.xml'"
pc=$C pf=$(fig)
measure "$REPS" "sfeed <'$T/feed.xml'"
row "$g" "arxiv-parse vs sfeed (cpu time ratio)" "$pf" sfeed "$(fig)" \
    "$(div "$pc" "$C")x its time" "<= 1x"
measure "$REPS" "xmllint --stream --noout '$T/feed.xml'"
row "$g" "arxiv-parse vs xmllint --stream" "$pf" "xmllint --stream" \
    "$(fig)" "$(div "$pc" "$C")x its time" "<= 2x"
if [ -n "${BEFORE:-}" ]; then
	measure "$REPS" "'$BEFORE/arxiv-parse' '$T/feed.xml'"
	row "$g" "arxiv-parse vs before ($BEFORE)" "$pf" "before" "$(fig)" \
	    "$(div "$pc" "$C")x its time" "<= 1x"
fi

gen_feed "$PYITEMS" "$T/feed.py.xml"
# shellcheck disable=SC2046
set -- $($PY - "$T/feed.py.xml" "$PYREPS" <<'P'
import statistics, sys, time
import feedparser
data = open(sys.argv[1], "rb").read()
ws, cs = [], []
for _ in range(int(sys.argv[2])):
    w, c = time.perf_counter(), time.process_time()
    d = feedparser.parse(data)
    ws.append(time.perf_counter() - w)
    cs.append(time.process_time() - c)
print(len(d.entries), statistics.median(ws), statistics.median(cs))
P
)
fn=$1
ours=$(rate "$n" "$pc")
theirs=$(rate "$fn" "$3")
row "$g" "arxiv-parse vs python3-feedparser ($fn items), papers/s cpu" \
    "$ours papers/s" "python3-feedparser" \
    "$theirs papers/s ($(awk -v c="$3" -v w="$2" 'BEGIN { printf "%.3f s cpu, %.3f wall", c, w }'))" \
    "$(div "$ours" "$theirs")x" ">= 50x"

# Peak memory on a harvest of about 1 GB, streamed from disk.
gen_harvest $((HARVEST_MB * 1000000)) "$T/harvest.xml"
hsize=$(wc -c <"$T/harvest.xml")
measure 1 "arxiv-parse '$T/harvest.xml' | wc -l >'$T/hn'"
hf="$(awk -v m="$M" 'BEGIN { printf "%.1f MB peak RSS", m / 1024 }'), $(cat "$T/hn") papers, $(fig)"
hm=$M
measure 1 "xmllint --stream --noout '$T/harvest.xml'"
row "parse: OAI-PMH harvest, $((hsize / 1000000)) MB" "peak memory" "$hf" \
    "xmllint --stream" \
    "$(awk -v m="$M" 'BEGIN { printf "%.1f MB peak RSS", m / 1024 }'), $(fig)" \
    "$(div "$hm" "$M")x its memory" "< 16 MB"
rm -f "$T/harvest.xml"
exit 0
