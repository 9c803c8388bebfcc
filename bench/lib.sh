# shellcheck shell=sh disable=SC2034
# (the variables set here are used by the scripts that source this file)
# bench/lib.sh: sourced by every bench/NAME.sh.  The shared pieces: a
# temp dir removed at exit, the timer (medians of repeated runs), the
# input generators (the RSS feed of real fixture items, the OAI harvest,
# the paper records) and the one way to add a row to the table that
# bench/run.sh prints and writes to docs/performance.md.
#   row GROUP WHAT FIGURE BASELINE BASEFIGURE RATIO GOAL
# appends a tab-separated row to $BENCH_ROWS (stdout when unset).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
PATH=$ROOT/bin:$PATH
export LC_ALL=C.UTF-8
FIX=$ROOT/tests/fixtures
CONF=$FIX/reference/bot-config.json
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
REPS=${BENCH_REPS:-5}
PYREPS=${BENCH_PYREPS:-3}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

row() {
	if [ -n "${BENCH_ROWS:-}" ]; then
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$BENCH_ROWS"
	else
		printf '%s | %s | %s | %s | %s | %s | %s\n' "$@"
	fi
}

# measure REPS 'SHELL COMMAND': sets W (wall s), C (cpu s), M (peak RSS
# KB), RC: medians of REPS runs (bench/timeit.py).
measure() {
	# shellcheck disable=SC2046
	set -- $($PY "$ROOT/bench/timeit.py" "$1" "$2")
	W=$1 C=$2 M=$3 RC=$4
}

# fig: "C s cpu (W wall)" of the last measure.
fig() { awk -v c="$C" -v w="$W" 'BEGIN { printf "%.3f s cpu (%.3f wall)", c, w }'; }
# div A B: A / B to two places, or n/a.
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a == a + 0) printf "%.2f", a / b; else printf "n/a" }'; }
# mbs BYTES SECONDS: MB/s.
mbs() { awk -v b="$1" -v s="$2" 'BEGIN { if (s + 0 > 0) printf "%.0f MB/s", b / s / 1e6; else printf "n/a" }'; }
# rate N SECONDS: things per second.
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s + 0 > 0) printf "%.0f", n / s; else printf "n/a" }'; }

# gen_feed ITEMS OUT: an RSS 2.0 feed of every item of the RSS fixtures,
# over and over, each copy with new ids and its number in the title, so
# that no two papers are the same.
gen_feed() {
	$PY - "$2" "$1" "$FIX"/rss2/laya-reader_*.xml \
	    "$FIX"/rss2/distill_arxiv_cs_*_trimmed.xml <<'P'
import re, sys
out, n, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
items = []
for f in files:
    items += re.findall(r"<item>.*?</item>", open(f, encoding="utf-8").read(), re.S)
head = open(files[0], encoding="utf-8").read().split("<item>")[0]
with open(out, "w", encoding="utf-8") as o:
    o.write(head)
    for i in range(n):
        it = items[i % len(items)]
        new = "26%02d.%05d" % (1 + i // 90000 % 12, i % 90000 + 10000)
        it = re.sub(r"\d{4}\.\d{5}", new, it)
        o.write(it.replace("</title>", " (%d)</title>" % i, 1) + "\n")
    o.write("</channel>\n</rss>\n")
P
}

# gen_harvest BYTES OUT: an OAI-PMH harvest of about BYTES bytes, the
# records of the first page of a real harvest over and over, written as
# it goes (never held in memory).
gen_harvest() {
	$PY - "$FIX/oai_pmh/shishir_2016-03-01_ListRecords_arXiv_set_cs_first_page.xml" \
	    "$2" "$1" <<'P'
import sys
d = open(sys.argv[1], encoding="utf-8").read()
want = int(sys.argv[3])
head, rest = d.split("<record>", 1)
body, tail = ("<record>" + rest).rsplit("</record>", 1)
body = (body + "</record>\n").encode()
with open(sys.argv[2], "wb") as f:
    f.write(head.encode())
    n = len(head)
    while n < want:
        f.write(body)
        n += len(body)
    f.write(tail.encode())
P
}

# gen_papers N OUT: N distinct paper records from the real fixture
# records (bench/score_gen.py templates, bench/score_gen.c writes them).
gen_papers() {
	[ -x "$T/score_gen" ] || build score_gen score_gen.c || return 1
	$PY "$ROOT/bench/score_gen.py" "$ROOT/tests/e2e/score/papers.ndjson" \
	    >"$T/templates" && "$T/score_gen" "$1" <"$T/templates" >"$2"
}

WARN="-Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
-Wmissing-prototypes -Wold-style-definition -Wpointer-arith -Wcast-qual
-Wwrite-strings -Wformat=2 -Wundef -Wvla -Wimplicit-fallthrough -Werror"
# build NAME SOURCE [pkg-config packages]: a helper in $T, with the
# repository's flags.
build() {
	# shellcheck disable=SC2046,SC2086
	${CC:-cc} -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $WARN \
	    -O2 ${3:+$(pkg-config --cflags $3)} -o "$T/$1" "$ROOT/bench/$2" \
	    ${3:+$(pkg-config --libs $3)}
}
