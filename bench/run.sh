#!/bin/sh
# make bench: run every benchmark bench/NAME.sh (bench/lib.sh is their
# shared part), each measuring arxivpipe and its baselines side by side
# in the same run on the same input; print the one table they make and
# write it to docs/performance.md with the command, the date and the
# machine.  Progress goes to stderr; nothing here asserts a ratio.
# BENCH=score runs only bench/score.sh (and then docs/performance.md is
# left alone).  BEFORE=DIR also times the programs of an earlier build in
# DIR on the same inputs (parse, score), e.g. after
# `git worktree add /tmp/old REV && make -C /tmp/old`:
#   make bench BEFORE=/tmp/old/bin
set -u
cd "$(dirname "$0")/.." || exit 1
export PATH="$PWD/bin:$PATH" LC_ALL=C.UTF-8
rows=$(mktemp)
log=$(mktemp)
trap 'rm -f "$rows" "$log"' EXIT INT TERM
export BENCH_ROWS="$rows"
status=0
start=$(date +%s)
for b in bench/*.sh; do
	name=$(basename "$b" .sh)
	case $name in run|lib) continue ;; esac
	[ -n "${BENCH:-}" ] && [ "$name" != "$BENCH" ] && continue
	echo "bench: $name" >&2
	if ! sh "$b" >"$log" 2>&1; then
		echo "bench: $name failed:" >&2
		cat "$log" >&2
		status=1
	fi
done
secs=$(($(date +%s) - start))

table() {
	echo "| bench | what | arxivpipe | baseline | baseline's figure | ratio | goal |"
	echo "| --- | --- | --- | --- | --- | --- | --- |"
	awk -F '\t' '{ for (i = 1; i <= 7; i++) gsub(/\|/, "\\|", $i)
	    printf "| %s | %s | %s | %s | %s | %s | %s |\n",
	    $1, $2, $3, $4, $5, $6, $7 }' "$rows"
}
table
[ -n "${BENCH:-}" ] && exit $status

mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)
out=docs/performance.md
{
	cat <<'H'
# Performance

Written by `make bench` (bench/run.sh); do not edit by hand.  Every
figure stands beside its baseline, measured in the same run on the same
input.  No timing is a test assertion: the goals are what we aim for,
and a figure that misses one is reported, not failed.

Columns:

- **bench**: the benchmark and its input (bench/NAME.sh; the inputs are
  built by bench/lib.sh from the real fixtures: an RSS feed of fixture
  items with new ids and titles, paper records from the score fixtures,
  an OAI-PMH harvest of a real first page repeated).
- **what**: what is compared.
- **arxivpipe**: our figure.  Times are medians of repeated runs
  (`BENCH_REPS`, 5; Python and jq baselines `BENCH_PYREPS`, 3), CPU
  time (user + system, all processes of a pipeline) first, wall-clock
  time beside it; peak memory is the maximum resident set size.
  fetch and summarize figures are wall-clock seconds (they wait on a
  server), summarize's tokens are prompt tokens.
- **baseline** and **baseline's figure**: what we compare with, and its
  figure measured the same way in the same run.
- **ratio**: ours against the baseline: "x its time" is our CPU time
  over the baseline's (lower is better); "x the papers/s", "x faster"
  and "papers/s" ratios are throughput (higher is better); "x its
  memory" is peak RSS over the baseline's; tokens are ours over the
  bot's.
- **goal**: the figure we aim at (issues 5 and 12), empty when none.

The Python bot's daily path (bench/bot_daily.py) is feedparser, the
bot's scoring (bench/score_bot.py) and a small reimplementation of the
bot's README rendering (bench/bot_readme.py) written from its output's
layout, not its code; it is timed whole, interpreter start included, as
the bot runs.  python3-feedparser alone is timed inside Python.

H
	echo "Command: \`make bench${BEFORE:+ BEFORE=$BEFORE}\` ($secs s)  "
	echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')  "
	echo "Machine: $(nproc) CPUs ($cpu), $mem memory, $(uname -sr)  "
	echo "Commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo
	table
} >"$out.tmp" && mv "$out.tmp" "$out"
echo "bench: wrote $out" >&2
exit $status
