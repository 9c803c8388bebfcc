#!/bin/sh
# arxiv-score: stdout discipline, the fast path against json-c, sharding,
# idempotence and the --seen file.
. "$ROOT/tests/lib/common.sh"
E=$ROOT/tests/e2e/score
CONF=$FIX/reference/bot-config.json
NOW=--now=2026-04-28T00:00:00Z
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# /dev/full: exit 1 with "write error".
arxiv-score "$E/papers.ndjson" >/dev/full 2>"$T/err"
rc=$?
check "/dev/full exits 1" [ "$rc" -eq 1 ]
check "/dev/full says write error" grep -q 'write error' "$T/err"

# | head -n 1 ends quietly.
for i in 1 2 3 4 5 6 7 8; do cat "$E/papers.ndjson"; done >"$T/many"
arxiv-score "$T/many" 2>"$T/err" | head -n 1 >/dev/null
check "| head -n 1 is quiet" [ ! -s "$T/err" ]

# A varied input: real papers with ids, versions and titles varied, some
# lines written the way json-c would not (spaces, \u escapes), others.
python3 - "$E/papers.ndjson" "$E/matching.ndjson" >"$T/varied" <<'PY'
import json, sys
papers = [json.loads(l) for f in sys.argv[1:] for l in open(f)]
out = []
for i in range(400):
    # A paper's versions share its title, as on arXiv; papers with
    # different ids share titles too.
    p = dict(papers[(i % 150) % len(papers)])
    p["id"] = "2604.%05d" % (i % 150)
    p["version"] = 1 + (i % 3)
    if i % 7 == 0:
        p["title"] = p["title"].upper()
    p["published"] = "2026-04-%02dT04:00:00Z" % (20 + i % 8)
    if i % 5 == 0:
        out.append(json.dumps(p))                # spaces, \u escapes
    else:
        out.append(json.dumps(p, ensure_ascii=False, separators=(",", ":")))
    if i % 50 == 0:
        out.append('{"kind":"note","text":"kept as is"}')
    if i % 61 == 0:
        bad = dict(p, authors=["x", 3]) if i % 2 else dict(p, title=7)
        out.append(json.dumps(bad, separators=(",", ":")))
        out.append(json.dumps(dict(p, id="2604.0\n1"), separators=(",", ":")))
        out.append('{"kind":"paper","id":"2604.00001","title":"dup key","title":"x"}')
print("\n".join(out))
PY
for opt in "" --explain --compat "--compat --explain"; do
	# shellcheck disable=SC2086
	arxiv-score -c "$CONF" $NOW $opt "$T/varied" >"$T/fast" 2>"$T/fast.err"
	# shellcheck disable=SC2086
	arxiv-score -c "$CONF" $NOW $opt --full-parse "$T/varied" >"$T/slow" \
	    2>"$T/slow.err"
	check "fast path = json-c path ${opt:-default}" cmp -s "$T/fast" "$T/slow"
	check "same messages ${opt:-default}" cmp -s "$T/fast.err" "$T/slow.err"
done
check "fast path output is not empty" [ -s "$T/fast" ]
check "bad papers reported" grep -q 'paper [0-9.]*: title: expected a string' "$T/fast.err"

# Idempotent: scoring the output again changes nothing.
arxiv-score -c "$CONF" $NOW "$T/varied" >"$T/once" 2>/dev/null
arxiv-score -c "$CONF" $NOW "$T/once" >"$T/twice"
check "scoring is idempotent" cmp -s "$T/once" "$T/twice"

# Mergeable: shards scored apart, then together, give the whole result.
arxiv-score "$T/varied" 2>/dev/null | grep -v '"kind":"note"' >"$T/papers"
printf '{"max_papers":1000,"keywords":["LLM","model*","learning"],"days_back":30,"categories":["cs"],"min_score":1}\n' >"$T/c.json"
arxiv-score -c "$T/c.json" $NOW "$T/papers" >"$T/whole"
split -l 97 "$T/papers" "$T/shard."
for s in "$T"/shard.*; do arxiv-score -c "$T/c.json" $NOW "$s"; done >"$T/parts"
arxiv-score -c "$T/c.json" $NOW "$T/parts" >"$T/merged"
check "shards merge to the whole" cmp -s "$T/whole" "$T/merged"
sort -r "$T/papers" >"$T/reversed"
arxiv-score -c "$T/c.json" $NOW "$T/reversed" >"$T/rev"
check "input order does not matter" cmp -s "$T/whole" "$T/rev"
check "dedup keeps one record per id" sh -c \
    "python3 -c 'import json,sys; ids=[json.loads(l)[\"id\"] for l in open(sys.argv[1])]; sys.exit(len(ids)!=len(set(ids)) or not ids)' '$T/whole'"

# --seen: a second run shows nothing new; a new version comes back.
arxiv-score -c "$E/matching.json" $NOW --seen "$T/seen" "$E/matching.ndjson" >"$T/run1"
n1=$(wc -l <"$T/run1")
check "--seen file written" [ "$(wc -l <"$T/seen")" -eq "$n1" ]
arxiv-score -c "$E/matching.json" $NOW --seen "$T/seen" "$E/matching.ndjson" >"$T/run2"
check "--seen drops papers already shown" [ ! -s "$T/run2" ]
sed 's/"id":"2604.10005","version":1/"id":"2604.10005","version":3/' \
    "$E/matching.ndjson" >"$T/v3"
arxiv-score -c "$E/matching.json" $NOW --seen "$T/seen" "$T/v3" >"$T/run3"
check "--seen brings a new version back with update" \
    grep -q '"id":"2604.10005","version":3.*"update":true}$' "$T/run3"
check "--seen records the new version" grep -qx '2604.10005v3' "$T/seen"
arxiv-score -c "$E/matching.json" $NOW --seen "$T/seen" "$E/matching.ndjson" >/dev/full 2>/dev/null
check "--seen not updated when output failed" [ "$(grep -c . "$T/seen")" -eq "$((n1 + 1))" ]
