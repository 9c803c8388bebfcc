#!/bin/sh
# bench/daily.sh: the offline daily path on a feed of DAILY_N papers
# (bench/lib.sh gen_feed), arxiv-parse | arxiv-score --compat |
# arxiv-summarize --extractive | arxiv-render -f markdown with the bot's
# config, against the bot's own path in Python (bench/bot_daily.py:
# feedparser, its keyword scoring, its README rendering), each timed
# whole from the shell, interpreter start included.  Peak memory: of the
# pipeline, the sum of its four processes' peaks (they run at once); of
# the bot, its one process.
#   DAILY_N=2000 sh bench/daily.sh
. "$(dirname "$0")/lib.sh"
N=${DAILY_N:-2000}
gen_feed "$N" "$T/feed.xml"
pipe="arxiv-parse '$T/feed.xml' | arxiv-score --compat -c '$CONF' 2>/dev/null |
    arxiv-summarize -q --extractive -c '$CONF' | arxiv-render -f markdown -c '$CONF'"
tm="/usr/bin/time -f %M -o"
sh -c "$tm '$T/m1' arxiv-parse '$T/feed.xml' | $tm '$T/m2' arxiv-score --compat -c '$CONF' 2>/dev/null |
    $tm '$T/m3' arxiv-summarize -q --extractive -c '$CONF' | $tm '$T/m4' arxiv-render -f markdown -c '$CONF'" >"$T/ours.md"
kb=$(cat "$T/m1" "$T/m2" "$T/m3" "$T/m4" | awk '{ s += $1 } END { print s }')
np=$(grep -c '^### [0-9]' "$T/ours.md")
measure "$REPS" "$pipe"
oc=$C of="$(fig), $(awk -v k="$kb" 'BEGIN { printf "%.1f MB", k / 1024 }') peak (4 processes), $np papers"
$PY bench/bot_daily.py "$CONF" "$T/feed.xml" >"$T/bot.md"
bp=$(grep -c '^### [0-9]' "$T/bot.md")
measure "$PYREPS" "$PY bench/bot_daily.py '$CONF' '$T/feed.xml'"
row "daily path, offline: $N papers" \
    "parse → score --compat → summarize --extractive → render -f markdown" \
    "$of" "the bot in Python" \
    "$(fig), $(awk -v k="$M" 'BEGIN { printf "%.1f MB", k / 1024 }') peak, $bp papers" \
    "$(div "$C" "$oc")x faster (cpu)" ">= 30x"
# The fixed cost inside those figures: the same four programs on an
# empty feed, and the interpreter starting with the bot's imports.
printf '<rss version="2.0"><channel></channel></rss>\n' >"$T/empty.xml"
measure "$REPS" "$(printf '%s\n' "$pipe" | sed "s|$T/feed.xml|$T/empty.xml|")"
ef=$(fig)
measure "$PYREPS" "cd bench && $PY -c 'import feedparser, bot_readme, score_bot'"
row "daily path, offline: start-up only" "the same path on an empty feed" \
    "$ef" "python3 and the bot's imports" "$(fig)" "" ""
exit 0
