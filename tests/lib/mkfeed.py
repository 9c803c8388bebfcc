#!/usr/bin/env python3
"""An arXiv RSS feed of one day announcing papers, for the daily tests:
    mkfeed.py DAY ID:CAT[,CAT...]...
Each paper is new, by A. Author, about "learning"."""
import sys, datetime
day = datetime.date.fromisoformat(sys.argv[1])
pub = day.strftime("%a, %d %b %Y 00:00:00 -0400")
print('<rss xmlns:arxiv="http://arxiv.org/schemas/atom" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0"><channel>'
      '<title>cs.AI+cs.LG updates on arXiv.org</title>'
      '<link>http://rss.arxiv.org/rss/cs.AI+cs.LG</link>'
      '<description>d</description><pubDate>%s</pubDate>' % pub)
for arg in sys.argv[2:]:
    pid, cats = arg.split(":")
    print('<item><title>Learning paper %s</title>'
          '<link>https://arxiv.org/abs/%s</link>'
          '<description>arXiv:%sv1 Announce Type: new \nAbstract: We study '
          'learning in paper %s. It works well.</description>'
          '<guid isPermaLink="false">oai:arXiv.org:%sv1</guid>%s'
          '<pubDate>%s</pubDate><arxiv:announce_type>new'
          '</arxiv:announce_type><dc:creator>A. Author</dc:creator></item>'
          % (pid, pid, pid, pid, pid,
             "".join("<category>%s</category>" % c for c in cats.split(",")),
             pub))
print('</channel></rss>')
