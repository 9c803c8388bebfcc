#!/bin/sh
# The five-stage pipeline, offline, on the real arXiv feeds bundled in
# examples/feeds (fetched through file:// URLs, so arxiv-fetch takes part).
# Writes out/papers.ndjson (the records after each stage are kept in
# out/stages/ for a look), the digest out/README.md and out/index.html.
#
# examples/config.json is the Python bot's config.json with days_back
# widened to 365, because the sample feeds span April to September 2026;
# the clock is pinned with --now so the digest is the same every run.
set -eu
cd "$(dirname "$0")/.."
PATH=$PWD/bin:$PATH
now=2026-09-25T00:00:00Z
cfg=examples/config.json
mkdir -p out/stages

urls=
for f in examples/feeds/*.xml; do
	urls="$urls file://$PWD/$f"
done

# shellcheck disable=SC2086
arxiv-fetch url $urls >out/stages/1-fetch.ndjson
arxiv-parse out/stages/1-fetch.ndjson >out/stages/2-parse.ndjson
arxiv-score -c "$cfg" --now "$now" out/stages/2-parse.ndjson \
    >out/stages/3-score.ndjson
arxiv-summarize -c "$cfg" out/stages/3-score.ndjson >out/papers.ndjson
arxiv-render -f markdown -c "$cfg" --now "$now" -o out/README.md \
    out/papers.ndjson
arxiv-render -f html -c "$cfg" --now "$now" -o out/index.html \
    out/papers.ndjson

parsed=$(grep -c '"kind":"paper"' out/stages/2-parse.ndjson || true)
kept=$(grep -c '"kind":"paper"' out/papers.ndjson || true)
echo "demo: $parsed papers parsed from $(echo $urls | wc -w) feeds, $kept kept"
echo "demo: digest:  out/README.md (and the same as a page: out/index.html)"
echo "demo: records: out/papers.ndjson (each stage's output in out/stages/)"
