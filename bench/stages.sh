#!/bin/sh
# bench/stages.sh: every stage against `wc -l` over the same bytes, how
# close each comes to merely reading its input: arxiv-parse on the RSS
# feed (bench/lib.sh gen_feed), arxiv-score, arxiv-summarize --extractive
# (offline) and arxiv-render -f markdown on paper records (gen_papers).
# Summarize and render do far more per record, so they get fewer records.
#   ITEMS=12000 SCORE_N=100000 STAGE_N=20000 sh bench/stages.sh
. "$(dirname "$0")/lib.sh"
ITEMS=${ITEMS:-12000}
SCORE_N=${SCORE_N:-100000}
STAGE_N=${STAGE_N:-20000}

# stage WHAT INPUT COMMAND: one row, COMMAND's cpu time against wc -l's.
stage() {
	bytes=$(wc -c <"$2")
	measure "$REPS" "wc -l <'$2'"
	wc=$C wf="$(fig), $(mbs "$bytes" "$C")"
	measure "$REPS" "$3"
	row "stages vs wc -l: $1" "$(basename "$2"), $((bytes / 1048576)) MiB" \
	    "$(fig), $(mbs "$bytes" "$C")$([ "$RC" != 0 ] && echo " (exit $RC)")" \
	    "wc -l" "$wf" "$(div "$C" "$wc")x its time" ""
}
gen_feed "$ITEMS" "$T/feed-$ITEMS.xml"
gen_papers "$SCORE_N" "$T/records-$SCORE_N.ndjson" || exit 1
head -n "$STAGE_N" "$T/records-$SCORE_N.ndjson" >"$T/records-$STAGE_N.ndjson"
stage "arxiv-parse" "$T/feed-$ITEMS.xml" "arxiv-parse '$T/feed-$ITEMS.xml'"
stage "arxiv-score" "$T/records-$SCORE_N.ndjson" \
    "arxiv-score -c '$CONF' --now 2026-04-28T00:00:00Z '$T/records-$SCORE_N.ndjson' 2>/dev/null"
stage "arxiv-summarize --extractive" "$T/records-$STAGE_N.ndjson" \
    "arxiv-summarize -q --extractive '$T/records-$STAGE_N.ndjson'"
stage "arxiv-render -f markdown" "$T/records-$STAGE_N.ndjson" \
    "arxiv-render -f markdown --now 2026-04-28T00:00:00Z '$T/records-$STAGE_N.ndjson'"
exit 0
