#!/bin/sh
# Benchmark of arxiv-fetch against curl(1), side by side in one run, on
# the test server (tests/lib/server.py) on 127.0.0.1, with --delay 0:
#   - N small documents fetched fresh (--no-cache) by arxiv-fetch, and by
#     one curl process given the same N URLs (connection reuse in both);
#   - the same N answered from the cache (--max-age), no request at all;
#   - the same N revalidated (If-None-Match, 304);
#   - a 2-page OAI-PMH harvest (2.7 MB) against curl fetching its pages.
# The server's own time is part of every figure, so the ratios show
# arxiv-fetch's overhead over curl's.  Wall-clock seconds, medians of
# $BENCH_REPS runs.
#   BENCH_FETCH_N=300 sh bench/fetch.sh
. "$(dirname "$0")/lib.sh"
N=${BENCH_FETCH_N:-300}
FETCH=$ROOT/bin/arxiv-fetch

[ -x "$FETCH" ] || { echo "bench/fetch.sh: build first (make)"; exit 0; }
command -v curl >/dev/null 2>&1 ||
    { echo "bench/fetch.sh: curl(1) not installed, no baseline"; exit 0; }
cat >"$T/routes.json" <<'R'
{"routes": [
  {"path": "/rss", "file": "rss2/distill_arxiv_cs_ai_trimmed.xml",
   "etag": "\"v1\""},
  {"path": "/oai", "query": {"set": "cs"},
   "file": "oai_pmh/shishir_2016-03-01_ListRecords_arXiv_set_cs_first_page.xml"},
  {"path": "/oai", "query": {"resumptionToken": "1114880|1001"},
   "file": "oai_pmh/shishir_2016-03-09_ListRecords_arXiv_last_page_empty_token.xml"}
]}
R
port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
$PY "$ROOT/tests/lib/server.py" --routes "$T/routes.json" \
    --root "$ROOT/tests/fixtures" --port "$port" --ready "$T/ready" \
    >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT INT TERM
i=0
while [ ! -f "$T/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
S=http://127.0.0.1:$port

i=0
: >"$T/urls"
while [ $i -lt "$N" ]; do
	echo "$S/rss?n=$i" >>"$T/urls"
	i=$((i + 1))
done

# secs CMD...: wall-clock seconds of a command, output discarded, the
# median of $REPS runs (each run does the same requests).
secs() {
	i=0
	while [ $i -lt "$REPS" ]; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s.%N)
		awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f\n", e - s }'
		i=$((i + 1))
	done | sort -n | awk '{ a[NR] = $1 } END { printf "%.3f\n",
	    NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", (b > 0 ? a / b : 0) }'; }

# shellcheck disable=SC2046
fresh=$(secs "$FETCH" --delay 0 --no-cache --cache-dir "$T/c" url $(cat "$T/urls"))
# shellcheck disable=SC2046
curl1=$(secs curl -s --compressed $(sed 's/^/-o \/dev\/null /' "$T/urls"))
# shellcheck disable=SC2046
secs "$FETCH" --delay 0 --cache-dir "$T/c" url $(cat "$T/urls") >/dev/null
# shellcheck disable=SC2046
hits=$(secs "$FETCH" --delay 0 --max-age 3600 --cache-dir "$T/c" url $(cat "$T/urls"))
# shellcheck disable=SC2046
reval=$(secs "$FETCH" --delay 0 --cache-dir "$T/c" url $(cat "$T/urls"))
oai=$(secs "$FETCH" --delay 0 --no-cache --cache-dir "$T/c" \
    --oai-base "$S/oai" --set cs oai)
curl2=$(secs curl -s --compressed -o /dev/null \
    "$S/oai?verb=ListRecords&metadataPrefix=arXiv&set=cs" -o /dev/null \
    "$S/oai?verb=ListRecords&resumptionToken=1114880%7C1001")

g="fetch: $N documents of 7.3 KB, local server, --delay 0 (wall)"
row "$g" "fresh (--no-cache)" "${fresh} s" "curl, one process" "${curl1} s" \
    "$(ratio "$fresh" "$curl1")x its time" ""
row "$g" "cache hits (--max-age)" "${hits} s, $(rate "$N" "$hits") docs/s" \
    "curl, fresh" "${curl1} s" "$(ratio "$hits" "$curl1")x its time" ""
row "$g" "revalidated (304)" "${reval} s" "curl, fresh" "${curl1} s" \
    "$(ratio "$reval" "$curl1")x its time" ""
row "fetch: OAI-PMH harvest, 2 pages, 2.7 MB (wall)" "fresh" "${oai} s" \
    "curl, the 2 pages" "${curl2} s" "$(ratio "$oai" "$curl2")x its time" ""
exit 0
