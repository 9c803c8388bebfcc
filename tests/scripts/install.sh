#!/bin/sh
# make install honours PREFIX and DESTDIR and installs programs and man
# pages (run once, on the plain build).
. "$ROOT/tests/lib/common.sh"
case $BIN in */san/*) exit 0 ;; esac
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
if make -s -C "$ROOT" install PREFIX=/opt/ap DESTDIR="$d" >"$d/log" 2>&1; then
	ok "install: make install succeeds"
else
	not_ok "install: make install: $(tail -3 "$d/log")"
fi
for p in fetch parse score summarize render; do
	check "install: bin/arxiv-$p" test -x "$d/opt/ap/bin/arxiv-$p"
	check "install: man1/arxiv-$p.1" test -f "$d/opt/ap/share/man/man1/arxiv-$p.1"
done
check "install: man5/arxivpipe.5" test -f "$d/opt/ap/share/man/man5/arxivpipe.5"
check "install: installed program runs" "$d/opt/ap/bin/arxiv-parse" --version
