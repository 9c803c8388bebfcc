#!/usr/bin/env python3
"""A small, faithful reimplementation of the Python bot's README
rendering, for bench/bot_daily.py: the layout of
/work/shared/reference/bot-README-*.md (the title and deployment
blurb, Statistics, Recent Papers with one section a paper and the
abstract cut to 300 characters, the AI summary in a <details> block when
there is one, Configuration with the keywords, and the fixed Schedule,
How to Use, Customization and Manual Trigger text).  Written from the
bot's output, not its code, to time the same work: string building per
paper and one write.  It is a benchmark baseline, not a renderer."""
import datetime

HEAD = """# arXiv Papers Bot 🤖

This repository automatically fetches and displays relevant papers from arXiv based on configured criteria.

## RSS Vercel Deployment [![An example of deployed RSS Server using vercel](https://img.shields.io/badge/Deployed-Example-blue)](https://arxiv.tachicoma.top/)

You can click this to deploy yours 

[![Deploy with Vercel](https://vercel.com/button)](https://vercel.com/new/clone?repository-url=https://github.com/maydomine/arxiv_rss_bot)
"""

TAIL = """## 📅 Schedule

The bot runs daily at 12:00 UTC via GitHub Actions to fetch the latest papers.

## 🚀 How to Use

1. **Fork this repository** to your GitHub account
2. **Customize the configuration** by editing `config.json`:
   - Add/remove arXiv categories (e.g., `cs.AI`, `cs.LG`, `cs.CL`)
   - Modify keywords to match your research interests
   - Adjust `max_papers` and `days_back` settings
3. **Enable GitHub Actions** in your repository settings
4. **The bot will automatically run daily** and update the README.md

## 📝 Customization

### arXiv Categories
Common categories include:
- `cs.AI` - Artificial Intelligence
- `cs.LG` - Machine Learning
- `cs.CL` - Computation and Language
- `cs.CV` - Computer Vision
- `cs.NE` - Neural and Evolutionary Computing
- `stat.ML` - Machine Learning (Statistics)

### Keywords
Add keywords that match your research interests. The bot will search for these terms in paper titles and abstracts.

### Exclude Keywords
Add terms to exclude certain types of papers (e.g., "survey", "review", "tutorial").

## 🔍 Manual Trigger

You can manually trigger the bot by:
1. Going to the "Actions" tab in your repository
2. Selecting "arXiv Bot Daily Update"
3. Clicking "Run workflow"

---
*Generated automatically by arXiv Bot* 
"""


def render(papers, cfg, now=None):
    """The README text for the scored papers (dicts with id, arxiv_id,
    title, authors, categories, published, score, announce_type,
    abstract and optionally summary)."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    out = [HEAD, "## 📊 Statistics\n\n",
           "- **Last Updated**: %s UTC\n" % now.strftime("%Y-%m-%d %H:%M:%S"),
           "- **Total Papers Found**: %d\n" % len(papers),
           "- **Categories Monitored**: %s\n\n"
           % ", ".join(cfg.get("categories", [])),
           "## 📚 Recent Papers\n\n"]
    for i, p in enumerate(papers, 1):
        abstract = p.get("abstract") or ""
        if len(abstract) > 300:
            abstract = abstract[:300] + "..."
        out.append("### %d. [%s](https://arxiv.org/abs/%s)\n\n"
                   % (i, p.get("title", ""), p.get("id", "")))
        out.append("**Authors**: %s  \n" % ", ".join(p.get("authors", [])))
        out.append("**Category**: %s  \n" % (p.get("categories") or [""])[0])
        out.append("**Published**: %s  \n" % (p.get("published") or "")[:10])
        out.append("**Score**: %s  \n" % p.get("score", 0))
        out.append("**Type**: %s  \n" % p.get("announce_type", ""))
        out.append("**ArXiv ID**: %s  \n\n" % p.get("arxiv_id", ""))
        out.append("#### Abstract\n%s\n\n" % abstract)
        if p.get("summary"):
            out.append("<details>\n<summary><strong>🤖 AI Summary (by %s)"
                       "</strong> - Click to expand</summary>\n\n%s\n\n"
                       "</details>\n\n" % (p.get("model", ""), p["summary"]))
        out.append("---\n\n")
    out.append("## 🔧 Configuration\n\nThis bot is configured to look for "
               "papers containing the following keywords:\n- %s\n\n"
               % ", ".join(cfg.get("keywords", [])))
    out.append(TAIL)
    return "".join(out)
