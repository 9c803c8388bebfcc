#!/bin/sh
# docs/scale.md's local form: GNU parallel splitting an input across jobs
# (shards scored without max_papers, then merged by one more arxiv-score)
# gives byte for byte what one process gives, whatever the block size,
# the number of jobs and the order the shards come back in; papers whose
# versions land in different shards included.
. "$ROOT/tests/lib/common.sh"
case $BIN in */san/*) exit 0 ;; esac
if ! command -v parallel >/dev/null 2>&1; then
	ok "daily-scale: skipped, no GNU parallel"
	exit 0
fi
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
arxiv-parse "$ROOT"/examples/feeds/*.xml >"$d/base.ndjson" 2>/dev/null
# 6000 papers from the real ones, new ids and titles; every 7th also as
# a second version, far from the first (another shard).
python3 - "$d/base.ndjson" >"$d/in.ndjson" <<'PY'
import json, sys
base = [json.loads(l) for l in open(sys.argv[1]) if '"kind":"paper"' in l]
out, later = [], []
for i in range(6000):
    p = dict(base[i % len(base)])
    old = p["id"]
    p["id"] = "2609.%05d" % (10000 + i)
    p["arxiv_id"] = p["id"] + "v1"
    p["title"] = "%s (%d)" % (p["title"], i)
    if p.get("links"):
        p["links"] = {k: v.replace(old, p["id"]) if v else v
                      for k, v in p["links"].items()}
    out.append(p)
    if i % 7 == 0:
        q = dict(p, version=2, arxiv_id=p["id"] + "v2")
        later.append(q)
for p in out + later:
    print(json.dumps(p, ensure_ascii=False, separators=(",", ":")))
PY
now=2026-09-25T00:00:00Z
jq '.days_back = 3650' "$ROOT/examples/config.json" >"$d/full.json"
jq 'del(.max_papers)' "$d/full.json" >"$d/shard.json"
arxiv-score -c "$d/full.json" --now "$now" "$d/in.ndjson" >"$d/one" 2>/dev/null
check "daily-scale: one process keeps papers" test "$(wc -l <"$d/one")" -eq 30
for jobs in 1 2 3; do
	for block in 200k 1M; do
		parallel --pipepart -a "$d/in.ndjson" --block "$block" -j "$jobs" \
		    arxiv-score -c "$d/shard.json" --now "$now" 2>/dev/null |
		    arxiv-score -c "$d/full.json" --now "$now" >"$d/par" 2>/dev/null
		check "daily-scale: -j $jobs --block $block is exactly one process" \
		    cmp -s "$d/one" "$d/par"
	done
done
# The shards' outputs in another order (--pipe, from stdin, shuffled).
parallel --pipe --block 300k -j 2 arxiv-score -c "$d/shard.json" --now "$now" \
    <"$d/in.ndjson" 2>/dev/null >"$d/shards"
sort -r "$d/shards" | arxiv-score -c "$d/full.json" --now "$now" >"$d/par" 2>/dev/null
check "daily-scale: --pipe, shards merged in any order, is exactly one process" \
    cmp -s "$d/one" "$d/par"
