#!/bin/sh
# The same paper parsed from RSS, Atom, the API and OAI-PMH (arXiv and
# arXivRaw) gives the same id, version, title, authors, abstract and
# categories.  The API document is a real response (fixtures); the others
# carry the same paper laid out as those services write it.  A second
# check uses two real OAI pages that share a paper (arXiv vs arXivRaw).
. "$ROOT/tests/lib/common.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

api=$FIX/atom_api/classic2016_id_list_1111.2011v2.xml
abstract=$(python3 - "$api" <<'P'
import re, sys, html
d = open(sys.argv[1]).read()
print(html.unescape(re.search(r"<summary>(.*?)</summary>", d, re.S).group(1)))
P
)
title='Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large
  Connectivity Limit'

cat >"$t/rss.xml" <<R
<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
  <channel>
    <title>cond-mat.str-el updates on arXiv.org</title>
    <item>
      <title>$title</title>
      <link>https://arxiv.org/abs/1111.2011</link>
      <description>arXiv:1111.2011v2 Announce Type: replace 
Abstract: $abstract</description>
      <guid isPermaLink="false">oai:arXiv.org:1111.2011v2</guid>
      <category>cond-mat.str-el</category>
      <category>cond-mat.stat-mech</category>
      <pubDate>Tue, 03 Apr 2012 00:00:00 -0400</pubDate>
      <arxiv:announce_type>replace</arxiv:announce_type>
      <dc:rights>http://arxiv.org/licenses/nonexclusive-distrib/1.0/</dc:rights>
      <dc:creator>James M. Murray, Adrian Del Maestro, Zlatko Tesanovic</dc:creator>
    </item>
  </channel>
</rss>
R
cat >"$t/atom.xml" <<R
<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="http://www.w3.org/2005/Atom">
  <id>http://rss.arxiv.org/atom/cond-mat.str-el</id>
  <title>cond-mat.str-el updates on arXiv.org</title>
  <entry>
    <id>oai:arXiv.org:1111.2011v2</id>
    <title>$title</title>
    <link href="https://arxiv.org/abs/1111.2011" rel="alternate" type="text/html"/>
    <summary>arXiv:1111.2011v2 Announce Type: replace 
Abstract: $abstract</summary>
    <category term="cond-mat.str-el" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cond-mat.stat-mech" scheme="http://arxiv.org/schemas/atom"/>
    <published>2012-04-03T00:00:00-04:00</published>
    <arxiv:announce_type>replace</arxiv:announce_type>
    <dc:creator>James M. Murray, Adrian Del Maestro, Zlatko Tesanovic</dc:creator>
  </entry>
</feed>
R
cat >"$t/oai.xml" <<R
<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
<responseDate>2016-10-09T00:00:00Z</responseDate>
<request verb="GetRecord" identifier="oai:arXiv.org:1111.2011" metadataPrefix="arXivRaw">http://export.arxiv.org/oai2</request>
<GetRecord><record><header><identifier>oai:arXiv.org:1111.2011</identifier><datestamp>2012-04-03</datestamp><setSpec>physics:cond-mat</setSpec></header>
<metadata><arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>1111.2011</id><submitter>James Murray</submitter><version version="v1"><date>Tue, 8 Nov 2011 18:48:36 GMT</date><size>120kb</size></version><version version="v2"><date>Mon, 2 Apr 2012 12:38:54 GMT</date><size>121kb</size></version><title>$title</title><authors>James M. Murray, Adrian Del Maestro and Zlatko Tesanovic</authors><categories>cond-mat.str-el cond-mat.stat-mech</categories><comments>8 pages, 3 figures. Published version</comments><journal-ref>Phys. Rev. B 85, 115117 (2012)</journal-ref><doi>10.1103/PhysRevB.85.115117</doi><license>http://arxiv.org/licenses/nonexclusive-distrib/1.0/</license><abstract>$abstract</abstract></arXivRaw></metadata></record></GetRecord>
</OAI-PMH>
R
sed -e 's/metadataPrefix="arXivRaw"/metadataPrefix="arXiv"/' \
    -e 's|<arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/">|<arXiv xmlns="http://arxiv.org/OAI/arXiv/">|' \
    -e 's|</arXivRaw>|</arXiv>|' -e 's|<submitter>[^<]*</submitter>||' \
    -e 's|<version version="v1">.*</version><title>|<created>2011-11-08</created><updated>2012-04-02</updated><authors><author><keyname>Murray</keyname><forenames>James M.</forenames></author><author><keyname>Del Maestro</keyname><forenames>Adrian</forenames></author><author><keyname>Tesanovic</keyname><forenames>Zlatko</forenames></author></authors><title>|' \
    -e 's|<authors>James M[^<]*</authors>||' "$t/oai.xml" >"$t/oai-arxiv.xml"

for f in rss atom oai oai-arxiv; do
	arxiv-parse "$t/$f.xml" >"$t/$f.out" 2>"$t/$f.err"
	check "cross-format: $f parses cleanly" \
	    test $? -eq 0 -a ! -s "$t/$f.err" -a -s "$t/$f.out"
done
arxiv-parse "$api" >"$t/api.out"

compare() {
	python3 - "$@" <<'P'
import json, sys
keys = sys.argv[1].split(",")
recs = [json.loads(open(f).readline()) for f in sys.argv[2:]]
bad = [k for k in keys for r in recs[1:] if r[k] != recs[0][k]]
if bad:
    print("differs:", sorted(set(bad)), file=sys.stderr)
    sys.exit(1)
P
}
all=id,title,authors,abstract,categories,primary_category
check "cross-format: RSS, Atom, API, arXivRaw agree on $all,version" \
    compare "$all,version,arxiv_id" "$t/api.out" "$t/rss.out" "$t/atom.out" "$t/oai.out"
check "cross-format: OAI arXiv agrees on $all" \
    compare "$all" "$t/api.out" "$t/oai-arxiv.out"
check "cross-format: API and OAI agree on first-version dates" \
    sh -c "grep -q '\"published\":\"2011-11-08T18:48:36Z\"' '$t/api.out' &&
    grep -q '\"published\":\"2011-11-08T18:48:36Z\"' '$t/oai.out'"

# Real pages: 0811.3648 is in both scirate harvests.
arxiv-parse "$FIX/oai_pmh/scirate_2013-05-24_ListRecords_arXiv_resumption_436115_96001.xml" |
    grep '"id":"0811.3648"' >"$t/a.out"
arxiv-parse "$FIX/oai_pmh/scirate_2014-01-16_ListRecords_arXivRaw_resumption_496549_96001.xml" |
    grep '"id":"0811.3648"' >"$t/b.out"
check "cross-format: real arXiv and arXivRaw pages agree on 0811.3648" \
    compare "$all" "$t/a.out" "$t/b.out"
