#!/bin/sh
# Extractive summaries are deterministic: the same input gives the same
# bytes, whatever the locale, and whether the papers come one by one or
# all at once.
. "$ROOT/tests/lib/common.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
data=$ROOT/tests/e2e/summarize/_data/papers.ndjson

arxiv-summarize "$data" >"$t/a"
LC_ALL=C arxiv-summarize "$data" >"$t/b"
check "summarize: same output in C and C.UTF-8 locales" cmp -s "$t/a" "$t/b"
: >"$t/c"
while IFS= read -r line; do
	printf '%s\n' "$line" | arxiv-summarize >>"$t/c"
done <"$data"
check "summarize: one paper at a time gives the same summaries" \
    cmp -s "$t/a" "$t/c"
cat "$data" "$data" | arxiv-summarize | tail -n +20 >"$t/d"
check "summarize: the second copy gets the same summaries" cmp -s "$t/a" "$t/d"
