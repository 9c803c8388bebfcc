#!/bin/sh
# Benchmark of arxiv-score (issue #5), side by side in one run:
#   BENCH_N paper records built from real fixture records (bench/lib.sh
#   gen_papers), scored with the bot's config (30 keywords) by
#   - arxiv-score (default rules, and --compat),
#   - a json-c parse-only C program (bench/jsonc_parse.c): the floor,
#   - a Python implementation of the bot's scoring (bench/score_bot.py),
#   - jq computing the same --compat score (bench/score_compat.jq).
# Python and jq are far slower, so they run on the first BENCH_PY and
# BENCH_JQ records of the same input; throughput (papers/s, CPU time) is
# compared.  BEFORE=DIR also times DIR/arxiv-score.
#   BENCH_N=1000000 BENCH_PY=100000 BENCH_JQ=2000 sh bench/score.sh
. "$(dirname "$0")/lib.sh"
N=${BENCH_N:-1000000}
NPY=${BENCH_PY:-100000}
NJQ=${BENCH_JQ:-2000}
NOW=2026-04-28T00:00:00Z

if ! build jsonc_parse jsonc_parse.c json-c || ! gen_papers "$N" "$T/papers"
then
	echo "bench/score.sh: cannot build the helpers"
	exit 1
fi
head -n "$NPY" "$T/papers" >"$T/papers.py"
head -n "$NJQ" "$T/papers" >"$T/papers.jq"
nk=$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["keywords"]))' "$CONF")
g="score: $N records, $(($(wc -c <"$T/papers") / 1048576)) MiB, $nk keywords"

# one NAME RECORDS REPS COMMAND: papers/s in $T/NAME, the figure in $T/NAME.f
one() {
	measure "$3" "$4"
	rate "$2" "$C" >"$T/$1"
	echo "$(cat "$T/$1") papers/s, $(fig)$([ "$RC" != 0 ] && echo " (exit $RC)")" >"$T/$1.f"
}
one jsonc "$N" "$REPS" "'$T/jsonc_parse' <'$T/papers'"
one score "$N" "$REPS" "arxiv-score -c '$CONF' --now $NOW '$T/papers' 2>/dev/null"
one compat "$N" "$REPS" "arxiv-score --compat -c '$CONF' '$T/papers' 2>/dev/null"
one bot "$NPY" "$PYREPS" "$PY '$ROOT/bench/score_bot.py' '$CONF' <'$T/papers.py'"
one jq "$NJQ" "$PYREPS" "jq -c --slurpfile cfg '$CONF' -f '$ROOT/bench/score_compat.jq' '$T/papers.jq'"

# Same results: the bot in Python and arxiv-score --compat on one input.
head -n 20000 "$T/papers" >"$T/papers.same"
arxiv-score --compat -c "$CONF" "$T/papers.same" 2>/dev/null |
    $PY -c 'import json,sys; [print(json.loads(l)["id"], json.loads(l)["score"]) for l in sys.stdin]' >"$T/a"
$PY "$ROOT/bench/score_bot.py" "$CONF" <"$T/papers.same" |
    $PY -c 'import json,sys; [print(json.loads(l)["id"], float(json.loads(l)["score"])) for l in sys.stdin]' >"$T/b"
if cmp -s "$T/a" "$T/b"; then same="same result"; else same="RESULTS DIFFER"; fi

r() { echo "$(div "$(cat "$T/$1")" "$(cat "$T/$2")")x the papers/s"; }
row "$g" "arxiv-score vs a bare json-c parse" "$(cat "$T/score.f")" \
    "json-c parse" "$(cat "$T/jsonc.f")" "$(r score jsonc)" ">= 0.70x"
row "$g" "arxiv-score --compat vs the bot's scoring ($NPY records; $same on 20000)" \
    "$(cat "$T/compat.f")" "Python bot" "$(cat "$T/bot.f")" "$(r compat bot)" ">= 3x"
row "$g" "arxiv-score (default rules) vs the bot's scoring" \
    "$(cat "$T/score.f")" "Python bot" "$(cat "$T/bot.f")" "$(r score bot)" ""
row "$g" "arxiv-score --compat vs jq ($NJQ records)" \
    "$(cat "$T/compat.f")" "jq" "$(cat "$T/jq.f")" "$(r compat jq)" ">= 5x"
if [ -n "${BEFORE:-}" ]; then
	one before "$N" "$REPS" "'$BEFORE/arxiv-score' -c '$CONF' --now $NOW '$T/papers' 2>/dev/null"
	one beforec "$N" "$REPS" "'$BEFORE/arxiv-score' --compat -c '$CONF' '$T/papers' 2>/dev/null"
	row "$g" "arxiv-score vs before ($BEFORE)" "$(cat "$T/score.f")" \
	    before "$(cat "$T/before.f")" "$(r score before)" ">= 1x"
	row "$g" "arxiv-score --compat vs before" "$(cat "$T/compat.f")" \
	    before "$(cat "$T/beforec.f")" "$(r compat beforec)" ">= 1x"
fi
exit 0
