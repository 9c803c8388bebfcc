#!/bin/sh
# bench/parse.sh: arxiv-parse against python3-feedparser (the parser the
# Python bot uses) and against `xmllint --stream` (libxml2 just reading)
# on the same RSS feed of 12,000 real items from the fixtures (ids
# varied), side by side in one run; then the peak RSS on a 300 MB OAI-PMH
# harvest.  Reports, never asserts.  Needs python3-feedparser,
# libxml2-utils and time.
set -u
cd "$(dirname "$0")/.."
PATH=$PWD/bin:$PATH
FIX=tests/fixtures
ITEMS=${ITEMS:-12000}
PY=/usr/bin/python3
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# The feed: every item of the RSS 2.0 fixtures, over and over, each copy
# with new ids so that no two papers are the same.
$PY - "$t/feed.xml" "$ITEMS" $FIX/rss2/laya-reader_*.xml \
    $FIX/rss2/distill_arxiv_cs_*_trimmed.xml <<'P'
import re, sys
out, n, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
items = []
for f in files:
    items += re.findall(r"<item>.*?</item>", open(f, encoding="utf-8").read(), re.S)
head = open(files[0], encoding="utf-8").read().split("<item>")[0]
with open(out, "w", encoding="utf-8") as o:
    o.write(head)
    for i in range(n):
        it = items[i % len(items)]
        new = "26%02d.%05d" % (1 + i // 90000 % 12, i % 90000 + 10000)
        o.write(re.sub(r"\d{4}\.\d{5}", new, it) + "\n")
    o.write("</channel>\n</rss>\n")
P
size=$(wc -c <"$t/feed.xml")

# Best of 3 runs: "wall cpu" seconds (cpu = user + sys).  The ratios use
# CPU time, which a busy machine disturbs less than the wall clock.
# A run that fails does not count.
best3() {
	for i in 1 2 3; do
		/usr/bin/time -f '%x %e %U %S' -o "$t/time" "$@" >/dev/null 2>&1
		tail -n 1 "$t/time"
	done | awk '$1 == 0 && (c == "" || $3 + $4 < c) { w = $2; c = $3 + $4 }
	    END { if (c == "") print "nan nan"; else print w, c }'
}

n=$(arxiv-parse "$t/feed.xml" | grep -c '"kind":"paper"')
tp=$(best3 arxiv-parse "$t/feed.xml")
tx=$(best3 xmllint --stream --noout "$t/feed.xml")
# BEFORE=DIR: an earlier build's arxiv-parse on the same feed.
[ -n "${BEFORE:-}" ] && tb=$(best3 "$BEFORE/arxiv-parse" "$t/feed.xml")
# feedparser: the parse alone, without the interpreter's start.
fp=$($PY - "$t/feed.xml" <<'P'
import sys, time
import feedparser
data = open(sys.argv[1], "rb").read()
w, c = time.perf_counter(), time.process_time()
d = feedparser.parse(data)
print(len(d.entries), time.perf_counter() - w, time.process_time() - c)
P
)

echo "feed: $ITEMS items, $size bytes (real fixture items, ids varied)"
echo "$n $tp $tx $fp" | awk '{
	n = $1; pw = $2; pc = $3; xw = $4; xc = $5; fn = $6; fw = $7; fc = $8
	printf "%-20s %6d papers  %7.3f s cpu (%7.3f s wall)  %8.0f papers/s\n",
	    "arxiv-parse", n, pc, pw, n / pc
	printf "%-20s %6d papers  %7.3f s cpu (%7.3f s wall)  %8.0f papers/s\n",
	    "python3-feedparser", fn, fc, fw, fn / fc
	printf "%-20s    read only   %7.3f s cpu (%7.3f s wall)\n",
	    "xmllint --stream", xc, xw
	printf "arxiv-parse vs feedparser: %.0fx the papers per second " \
	    "(wall clock: %.0fx; goal: at least 50x)\n", (n / pc) / (fn / fc),
	    (n / pw) / (fn / fw)
	printf "arxiv-parse vs xmllint --stream: %.2fx its time " \
	    "(wall clock: %.2fx; goal: within 2x)\n", pc / xc, pw / xw
}'

if [ -n "${BEFORE:-}" ]; then
	echo "$tp $tb" | awk -v d="$BEFORE" '{ printf "arxiv-parse vs before " \
	    "(%s): %.3f s vs %.3f s cpu, %.2fx its time\n", d, $2, $4, $2 / $4 }'
fi

# Peak memory on a 300 MB harvest: the first page of a real harvest,
# 170 times over.
$PY - "$FIX/oai_pmh/shishir_2016-03-01_ListRecords_arXiv_set_cs_first_page.xml" \
    "$t/harvest.xml" <<'P'
import sys
d = open(sys.argv[1], encoding="utf-8").read()
head, rest = d.split("<record>", 1)
body, tail = ("<record>" + rest).rsplit("</record>", 1)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(head)
    for i in range(170):
        f.write(body + "</record>\n")
    f.write(tail)
P
hsize=$(wc -c <"$t/harvest.xml")
/usr/bin/time -v arxiv-parse "$t/harvest.xml" 2>"$t/tv" >"$t/hout"
hp=$(wc -l <"$t/hout")
kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$t/tv")
el=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$t/tv")
/usr/bin/time -v xmllint --stream --noout "$t/harvest.xml" 2>"$t/tx" >/dev/null
xkb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$t/tx")
echo "OAI-PMH harvest: $hsize bytes, $hp papers in $el"
echo "peak RSS: arxiv-parse $kb KB, xmllint --stream $xkb KB (goal: under 64 MB)"
exit 0
