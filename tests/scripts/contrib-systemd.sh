#!/bin/sh
# contrib/arxivpipe-daily.{service,timer} pass systemd-analyze verify,
# with ExecStart pointed at the built script (verify checks that it
# exists), and say what arxivpipe-daily(1) says.
. "$ROOT/tests/lib/common.sh"
case $BIN in */san/*) exit 0 ;; esac
c=$ROOT/contrib
if ! command -v systemd-analyze >/dev/null 2>&1; then
	ok "contrib-systemd: skipped, no systemd-analyze"
	exit 0
fi
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
sed "s|/usr/local/bin/arxivpipe-daily|$ROOT/bin/arxivpipe-daily|" \
    "$c/arxivpipe-daily.service" >"$d/arxivpipe-daily.service"
cp "$c/arxivpipe-daily.timer" "$d/"
systemd-analyze verify --man=no "$d/arxivpipe-daily.service" \
    "$d/arxivpipe-daily.timer" >"$d/err" 2>&1
rc=$?
check "contrib-systemd: systemd-analyze verify passes" test "$rc" -eq 0 -a ! -s "$d/err"
[ -s "$d/err" ] && sed 's/^/# /' "$d/err"
check "contrib-systemd: a oneshot service" grep -q '^Type=oneshot$' "$c/arxivpipe-daily.service"
check "contrib-systemd: ExecStart runs arxivpipe-daily with -c and -o" \
    grep -q '^ExecStart=/usr/local/bin/arxivpipe-daily -c [^ ]* -o [^ ]*$' "$c/arxivpipe-daily.service"
check "contrib-systemd: the key from an environment file" \
    grep -q '^EnvironmentFile=-' "$c/arxivpipe-daily.service"
check "contrib-systemd: the timer runs on weekdays" \
    grep -q '^OnCalendar=Mon..Fri ' "$c/arxivpipe-daily.timer"
check "contrib-systemd: a missed run is made up" grep -q '^Persistent=true$' "$c/arxivpipe-daily.timer"
next=$(systemd-analyze calendar 'Mon..Fri *-*-* 07:00:00 UTC' 2>/dev/null | sed -n 's/.*Normalized form: //p')
check "contrib-systemd: the calendar expression parses ($next)" test -n "$next"
