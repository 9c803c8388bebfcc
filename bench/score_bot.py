#!/usr/bin/env python3
"""The Python bot's scoring, for bench/score.sh and bench/bot_daily.py:
dedup by id then by lower-cased stripped title, then lower-cased
substring tests on title + " " + abstract; keep announce type "new", at
least one keyword, no excluded keyword; +1 per keyword, +0.5 per keyword
in the title; stable sort by score, keep max_papers.
As a program: paper records on stdin, the kept ones on stdout."""
import json
import sys


def bot_score(papers, cfg):
    """The kept papers of the iterable papers (dicts), best first; each
    kept dict gets a "score"."""
    keywords = [k.lower() for k in cfg.get("keywords", [])]
    excludes = [k.lower() for k in cfg.get("exclude_keywords", [])]
    max_papers = cfg.get("max_papers", 30)
    seen_ids, seen_titles, kept = set(), set(), []
    for p in papers:
        if p.get("kind") != "paper":
            continue
        pid, title = p.get("id"), (p.get("title") or "").lower().strip()
        if pid in seen_ids or title in seen_titles:
            continue
        seen_ids.add(pid)
        seen_titles.add(title)
        if p.get("announce_type") != "new":
            continue
        t = (p.get("title") or "").lower()
        text = t + " " + (p.get("abstract") or "").lower()
        if any(e in text for e in excludes):
            continue
        score, found = 0, False
        for k in keywords:
            if k in text:
                found = True
                score += 1
                if k in t:
                    score += 0.5
        if not found:
            continue
        p["score"] = score
        kept.append(p)
    kept.sort(key=lambda p: -p["score"])
    return kept[:max_papers]


if __name__ == "__main__":
    cfg = json.load(open(sys.argv[1]))
    for p in bot_score((json.loads(line) for line in sys.stdin), cfg):
        print(json.dumps(p, ensure_ascii=False, separators=(",", ":")))
