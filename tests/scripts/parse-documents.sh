#!/bin/sh
# arxiv-parse on whole documents: hostile ones (entity bomb, external
# entity, truncated, a 10 MB abstract), stdout discipline on a raw
# document, and constant memory on a large OAI-PMH harvest.
. "$ROOT/tests/lib/common.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
H=$FIX/hostile
san=0
case $BIN in */san/*) san=1 ;; esac

# The bomb is refused at its first declaration: quickly, nothing expanded.
start=$(date +%s)
arxiv-parse "$H/billion_laughs.xml" >"$t/out" 2>"$t/err"; rc=$?
end=$(date +%s)
check "bomb: status 1" test "$rc" -eq 1
check "bomb: no output" test ! -s "$t/out"
check "bomb: refused at the declaration, with line and column" \
    grep -q 'billion_laughs.xml:3:[0-9]*: entity declaration refused: lol' "$t/err"
check "bomb: done in under 5 seconds" test $((end - start)) -lt 5

arxiv-parse "$H/xxe_local_file.xml" >"$t/out" 2>"$t/err"; rc=$?
check "external entity: status 1, refused" \
    sh -c "test $rc -eq 1 && grep -q 'external entity declaration refused: secret' '$t/err'"
check "external entity: the file's contents never appear" \
    sh -c "! grep -q 'root:' '$t/out' '$t/err'"

arxiv-parse "$H/truncated.xml" >"$t/out" 2>"$t/err"; rc=$?
check "truncated: status 1" test "$rc" -eq 1
check "truncated: the paper before the cut is written" \
    test "$(grep -c '"kind":"paper"' "$t/out")" -eq 1
check "truncated: reported with line and column" \
    grep -q 'truncated.xml:33:[0-9]*: malformed XML: truncated' "$t/err"

# A 10 MB abstract is parsed whole (under the 64 MiB default cap).
python3 - "$t/big.xml" <<'P'
import sys
a = ("We study $x^2$ & more. " * 460000)[:10 * 1024 * 1024]
with open(sys.argv[1], "w") as f:
    f.write('<rss version="2.0"><channel><title>t</title><item>'
            '<guid>oai:arXiv.org:2609.26811v1</guid><description>'
            'arXiv:2609.26811v1 Announce Type: new \nAbstract: '
            + a.replace("&", "&amp;") + '</description></item></channel></rss>')
P
arxiv-parse "$t/big.xml" >"$t/out" 2>"$t/err"; rc=$?
check "10 MB abstract: status 0, no message" test "$rc" -eq 0 -a ! -s "$t/err"
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["abstract"]))' "$t/out" 2>/dev/null)
check "10 MB abstract: kept whole ($n characters)" test "${n:-0}" -ge 10485000
arxiv-parse --max-record 1M "$t/big.xml" >"$t/out" 2>"$t/err"; rc=$?
check "10 MB abstract over --max-record 1M: an error, status 1" \
    sh -c "test $rc -eq 1 && grep -q 'element text too long' '$t/err'"

# stdout discipline on a raw document.
arxiv-parse "$FIX/oai_pmh/shishir_2016-03-01_ListRecords_arXiv_set_cs_first_page.xml" \
    >/dev/full 2>"$t/err"; rc=$?
check "raw document to /dev/full: write error, status 1" \
    sh -c "test $rc -eq 1 && grep -q 'write error' '$t/err'"
arxiv-parse "$FIX/oai_pmh/shishir_2016-03-01_ListRecords_arXiv_set_cs_first_page.xml" \
    2>"$t/err" | head -n 1 >"$t/out"
check "raw document | head -n 1: one paper, quietly" \
    sh -c "test ! -s '$t/err' && test \$(wc -l <'$t/out') -eq 1"

# Constant memory: a 150 MB harvest (85 pages of real records) stays
# under 64 MB of peak RSS.  Plain build only: ASan's shadow memory is not
# the program's.
if [ "$san" -eq 0 ] && [ -x /usr/bin/time ]; then
	python3 - "$FIX/oai_pmh/shishir_2016-03-01_ListRecords_arXiv_set_cs_first_page.xml" \
	    "$t/harvest.xml" <<'P'
import sys
d = open(sys.argv[1], encoding="utf-8").read()
head, rest = d.split("<record>", 1)
body, tail = ("<record>" + rest).rsplit("</record>", 1)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(head)
    for i in range(85):
        f.write(body + "</record>\n")
    f.write(tail)
P
	/usr/bin/time -f '%M' -o "$t/rss" arxiv-parse "$t/harvest.xml" \
	    >"$t/out" 2>"$t/err"; rc=$?
	kb=$(tail -n 1 "$t/rss")
	check "150 MB harvest: status 0" test "$rc" -eq 0
	check "150 MB harvest: 85000 papers" \
	    test "$(wc -l <"$t/out")" -eq 85000
	check "150 MB harvest: peak RSS ${kb} KB is under 64 MB" \
	    test "$kb" -lt 65536
fi
