#!/bin/sh
# Benchmark of arxiv-score (issue #5), side by side in one run:
#   1,000,000 paper records built from real fixture records (templates
#   from bench/score_gen.py, written by bench/score_gen.c), scored with
#   the bot's config (30 keywords) by
#   - arxiv-score (default rules, and --compat),
#   - a json-c parse-only C program (bench/jsonc_parse.c): the floor,
#   - a Python implementation of the bot's scoring (bench/score_bot.py),
#   - jq computing the same --compat score (bench/score_compat.jq).
# Python and jq are far slower, so they run on the first BENCH_PY and
# BENCH_JQ records of the same input; throughput (papers/s) is compared.
# Figures are CPU seconds (user + system), which a busy machine disturbs
# less than wall-clock time; both are printed.
#   BENCH_N=1000000 BENCH_PY=100000 BENCH_JQ=2000 sh bench/score.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${BENCH_N:-1000000}
NPY=${BENCH_PY:-100000}
NJQ=${BENCH_JQ:-2000}
CONF=$ROOT/tests/fixtures/reference/bot-config.json
SCORE=$ROOT/bin/arxiv-score
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

[ -x "$SCORE" ] || { echo "bench/score.sh: build first (make)"; exit 0; }
WARN="-Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
-Wmissing-prototypes -Wold-style-definition -Wpointer-arith -Wcast-qual
-Wwrite-strings -Wformat=2 -Wundef -Wvla -Wimplicit-fallthrough -Werror"
# build NAME SOURCE [pkg-config packages]: with the repository's flags.
build() {
	# shellcheck disable=SC2046,SC2086
	${CC:-cc} -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $WARN \
	    -O2 ${3:+$(pkg-config --cflags $3)} -o "$T/$1" "$ROOT/bench/$2" \
	    ${3:+$(pkg-config --libs $3)}
}
if ! build jsonc_parse jsonc_parse.c json-c || ! build score_gen score_gen.c
then
	echo "bench/score.sh: cannot build the helpers"
	exit 0
fi

python3 "$ROOT/bench/score_gen.py" "$ROOT/tests/e2e/score/papers.ndjson" \
    >"$T/templates"
"$T/score_gen" "$N" <"$T/templates" >"$T/papers"
head -n "$NPY" "$T/papers" >"$T/papers.py"
head -n "$NJQ" "$T/papers" >"$T/papers.jq"
echo "score: $N paper records, $(($(wc -c <"$T/papers") / 1048576)) MiB," \
    "bot config ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["keywords"]))' "$CONF") keywords)"

# run NAME RECORDS COMMAND: prints a line, leaves papers/s in $T/NAME.
run() {
	name=$1
	n=$2
	set -- $(python3 "$ROOT/bench/score_time.py" "$3")
	rate=$(awk -v n="$n" -v c="$2" 'BEGIN { printf "%.0f", n / (c > 0 ? c : 0.001) }')
	echo "$rate" >"$T/$name"
	printf '  %-22s %8s records  %7.2f s cpu  %7.2f s wall  %9s papers/s%s\n' \
	    "$name" "$n" "$2" "$1" "$rate" "$([ "$3" -ne 0 ] && echo "  (exit $3)")"
}

run jsonc-parse "$N" "'$T/jsonc_parse' <'$T/papers'"
run arxiv-score "$N" "'$SCORE' -c '$CONF' --now 2026-04-28T00:00:00Z '$T/papers'"
run arxiv-score-compat "$N" "'$SCORE' --compat -c '$CONF' '$T/papers'"
# BEFORE=DIR: the same runs with an earlier build's arxiv-score, to show
# a change made no stage slower.
if [ -n "${BEFORE:-}" ]; then
	run before-score "$N" "'$BEFORE/arxiv-score' -c '$CONF' --now 2026-04-28T00:00:00Z '$T/papers'"
	run before-compat "$N" "'$BEFORE/arxiv-score' --compat -c '$CONF' '$T/papers'"
fi
run python-bot "$NPY" "python3 '$ROOT/bench/score_bot.py' '$CONF' <'$T/papers.py'"
run jq-compat "$NJQ" "jq -c --slurpfile cfg '$CONF' -f '$ROOT/bench/score_compat.jq' '$T/papers.jq'"

# Same results: the bot in Python and arxiv-score --compat on one input.
head -n 20000 "$T/papers" >"$T/papers.same"
"$SCORE" --compat -c "$CONF" "$T/papers.same" |
    python3 -c 'import json,sys; [print(json.loads(l)["id"], json.loads(l)["score"]) for l in sys.stdin]' >"$T/a"
python3 "$ROOT/bench/score_bot.py" "$CONF" <"$T/papers.same" |
    python3 -c 'import json,sys; [print(json.loads(l)["id"], float(json.loads(l)["score"])) for l in sys.stdin]' >"$T/b"
if cmp -s "$T/a" "$T/b"; then same=yes; else same=NO; fi

ratio() { awk -v a="$(cat "$T/$1")" -v b="$(cat "$T/$2")" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }'; }
echo "  --compat result equal to the Python bot's on 20000 records: $same"
echo "  arxiv-score / json-c parse:        $(ratio arxiv-score jsonc-parse)x (goal >= 0.70)"
echo "  arxiv-score --compat / json-c:     $(ratio arxiv-score-compat jsonc-parse)x"
echo "  arxiv-score --compat / Python bot: $(ratio arxiv-score-compat python-bot)x (goal >= 3)"
echo "  arxiv-score / Python bot:          $(ratio arxiv-score python-bot)x"
if [ -n "${BEFORE:-}" ]; then
	echo "  arxiv-score / before:              $(ratio arxiv-score before-score)x the papers/s of $BEFORE"
	echo "  arxiv-score --compat / before:     $(ratio arxiv-score-compat before-compat)x"
fi
echo "  arxiv-score --compat / jq:         $(ratio arxiv-score-compat jq-compat)x (goal >= 5)"
exit 0
