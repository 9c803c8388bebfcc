#!/usr/bin/env python3
"""The Python bot's offline daily path, for bench/daily.sh: feedparser on
the feed (argv[2]), the entries made into papers as the bot reads them
(id and version from the entry id, the abstract after "Abstract: ", the
announce type, authors, tags, date), its keyword scoring
(bench/score_bot.py) and its README rendering (bench/bot_readme.py),
written to stdout.  argv[1] is the bot's config.json."""
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import feedparser  # noqa: E402
from bot_readme import render  # noqa: E402
from score_bot import bot_score  # noqa: E402

cfg = json.load(open(sys.argv[1]))
d = feedparser.parse(sys.argv[2])
papers = []
for e in d.entries:
    aid = e.get("id", "").rsplit(":", 1)[-1]
    m = re.match(r"(.*)v(\d+)$", aid)
    summary = e.get("summary", "")
    papers.append({
        "kind": "paper",
        "id": m.group(1) if m else aid,
        "arxiv_id": aid,
        "title": e.get("title", ""),
        "abstract": summary.split("Abstract:", 1)[-1].strip(),
        "announce_type": e.get("arxiv_announce_type", ""),
        "authors": [a.strip() for a in e.get("author", "").split(",")],
        "categories": [t["term"] for t in e.get("tags", [])],
        "published": time.strftime("%Y-%m-%d", e.published_parsed)
        if e.get("published_parsed") else "",
    })
sys.stdout.write(render(bot_score(papers, cfg), cfg))
