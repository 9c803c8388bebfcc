#!/bin/sh
# make bench: run every benchmark bench/NAME.sh. Each one measures
# arxivpipe and its baselines side by side in the same run, on the same
# input, and prints the figures and the ratios; none of them asserts.
# BENCH=score runs only bench/score.sh.  BEFORE=DIR also times the
# programs of an earlier build in DIR on the same inputs (parse, score),
# e.g. after `git worktree add /tmp/old REV && make -C /tmp/old`:
#   make bench BEFORE=/tmp/old/bin
set -u
cd "$(dirname "$0")/.."
export PATH="$PWD/bin:$PATH" LC_ALL=C.UTF-8
status=0
for b in bench/*.sh; do
	name=$(basename "$b" .sh)
	[ "$name" = run ] && continue
	[ -n "${BENCH:-}" ] && [ "$name" != "$BENCH" ] && continue
	echo "== bench: $name"
	if ! sh "$b"; then
		echo "bench: $name failed"
		status=1
	fi
	echo
done
exit $status
