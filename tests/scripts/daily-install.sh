#!/bin/sh
# The cron line of arxivpipe-daily(1), exactly as written, after make
# install, under cron's bare environment (env -i PATH=/usr/bin:/bin): the
# installed script finds the stage programs beside it.  Also the crontab
# line of contrib/, which must be the man page's.
. "$ROOT/tests/lib/common.sh"
case $BIN in */san/*) exit 0 ;; esac
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
make -s -C "$ROOT" install PREFIX=/usr/local DESTDIR="$d/root" >"$d/log" 2>&1
check "daily-install: make install DESTDIR PREFIX=/usr/local" \
    test -x "$d/root/usr/local/bin/arxivpipe-daily"

# The line from the man page's EXAMPLES, and from contrib/crontab.
line=$(grep -e '^0 7 \* \* 1-5' "$ROOT/man/arxivpipe-daily.1")
check "daily-install: the man page has a cron line" test -n "$line"
check "daily-install: contrib/crontab has the man page's line" \
    grep -q -x -F -e "$line" "$ROOT/contrib/crontab"
# Its command, with the installed prefix moved under DESTDIR, nothing else.
cmd=$(printf '%s\n' "$line" | sed 's/^[^	 ]*[	 ]*[^	 ]*[	 ]*[^	 ]*[	 ]*[^	 ]*[	 ]*[^	 ]*[	 ]*//' |
    sed "s|/usr/local/|$d/root/usr/local/|")

mkdir -p "$d/home/digest/feeds"
cp "$FIX/rss2/laya-reader_cs.LG+cs.AI+cs.CL+stat.ML_2026-09-24_trimmed_4items.xml" \
    "$d/home/digest/feeds/cs.LG+cs.AI+cs.CL+stat.ML"
jq --arg base "file://$d/home/digest/feeds/" '.categories = ["cs.LG","cs.AI","cs.CL","stat.ML"]
    | .keywords = ["learning", "detection", "network"] | .min_score = 0
    | .days_back = 36500 | .arxiv = {rss_base: $base}' \
    "$ROOT/examples/config.json" >"$d/home/digest/config.json"
env -i PATH=/usr/bin:/bin HOME="$d/home" sh -c "$cmd" >"$d/out" 2>"$d/err"
rc=$?
check "daily-install: the cron line runs under env -i (status $rc)" test "$rc" -eq 0
check "daily-install: no stage program missing" sh -c "! grep -q 'not found' '$d/err'"
check "daily-install: the digest written in ~/digest" \
    grep -q '^### 1\. ' "$d/home/digest/README.md"
check "daily-install: the feeds written in ~/digest" \
    test -s "$d/home/digest/rss.xml" -a -s "$d/home/digest/rss/cs.AI.xml"
check "daily-install: the summary line on stderr" \
    grep -q '^arxivpipe-daily: 4 fetched, .* in \./$' "$d/err"
check "daily-install: nothing on stdout" test ! -s "$d/out"
check "daily-install: man page installed" \
    test -f "$d/root/usr/local/share/man/man1/arxivpipe-daily.1"
