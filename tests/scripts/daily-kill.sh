#!/bin/sh
# arxivpipe-daily killed with SIGKILL at random moments, day after day,
# then left to finish: no paper is lost.  Every paper a killed run had
# fetched (its data/DATE/parse.ndjson, written whole) ends up in the
# committed seen state and in rss.xml, and the outputs are always whole
# files.  A run killed before its fetch ended never had its papers (the
# next day's feed holds others): a re-run of that day brings them.
. "$ROOT/tests/lib/common.sh"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir -p "$d/feeds"
jq -n --arg rss "file://$d/feeds/" '{categories: ["cs.AI"], keywords: ["learning"],
    days_back: 30, arxiv: {rss_base: $rss}}' >"$d/config.json"
mkfeed() {
	{
	echo '<rss xmlns:arxiv="http://arxiv.org/schemas/atom" version="2.0"><channel><title>t</title>'
	for id in "$@"; do
		printf '<item><title>Learning %s</title><link>https://arxiv.org/abs/%s</link>' "$id" "$id"
		printf '<description>arXiv:%sv1 Announce Type: new \nAbstract: On learning.</description>' "$id"
		printf '<guid isPermaLink="false">oai:arXiv.org:%sv1</guid><category>cs.AI</category>' "$id"
		printf '<pubDate>Mon, 21 Sep 2026 00:00:00 -0400</pubDate><arxiv:announce_type>new</arxiv:announce_type></item>\n'
	done
	echo '</channel></rss>'
	} >"$d/feeds/cs.AI"
}
# How long a whole run takes here, to kill within it.
mkfeed 2609.99999
t0=$(date +%s%N)
arxivpipe-daily -c "$d/config.json" -o "$d/probe" --date 2026-09-21 2>/dev/null
ms=$((($(date +%s%N) - t0) / 1000000))
all=
seed=${KILL_SEED:-$$}
killed=0
for k in 1 2 3 4 5 6 7 8; do
	mkfeed "2609.0${k}001" "2609.0${k}002"
	all="$all 2609.0${k}001 2609.0${k}002"
	delay=$(awk -v s="$seed$k" -v ms="$ms" 'BEGIN { srand(s); printf "%.3f", rand() * ms / 1000 }')
	setsid sh -c 'exec arxivpipe-daily -c "$1" -o "$2" --date "$3"' sh \
	    "$d/config.json" "$d/out" "2026-09-2$k" 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -9 "-$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	for f in rss.xml atom.xml; do
		[ -f "$d/out/$f" ] || continue
		xmllint --noout "$d/out/$f" 2>/dev/null ||
		    not_ok "daily-kill: $f whole after a kill at ${delay}s (day $k)"
	done
done
ok "daily-kill: $killed of 8 runs killed at random moments (a run takes ${ms} ms; seed $seed)"
# An empty day afterwards: the journal still owes what was not delivered.
mkfeed
arxivpipe-daily -c "$d/config.json" -o "$d/out" --date 2026-09-29 2>"$d/err"
rc=$?
check "daily-kill: the run after the kills succeeds" test "$rc" -eq 0
last=$(ls "$d/out/state/seen" | sort | tail -n 1)
lost= missing= owed=0
for k in 1 2 3 4 5 6 7 8; do
	[ -f "$d/out/data/2026-09-2$k/parse.ndjson" ] || continue
	for id in "2609.0${k}001" "2609.0${k}002"; do
		owed=$((owed + 1))
		grep -q "$id" "$d/out/state/seen/$last" 2>/dev/null || lost="$lost $id"
		grep -q "abs/$id" "$d/out/rss.xml" 2>/dev/null || missing="$missing $id"
	done
done
ok "daily-kill: $owed papers fetched by the runs before their kill"
check "daily-kill: every paper fetched is in the committed seen state${lost:+ (lost:$lost)}" test -z "$lost"
check "daily-kill: every paper fetched is in rss.xml${missing:+ (missing:$missing)}" test -z "$missing"
