#!/bin/sh
# arxiv-render's feeds in a real feed reader: nginx (Debian's package)
# serves rendered RSS and Atom feeds on 127.0.0.1, newsboat -x reload
# reads them in a scratch home, and its cache holds every item with its
# title and link.
. "$ROOT/tests/lib/common.sh"
case $BIN in */san/*) exit 0 ;; esac	# the reader, not our build, is tested
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx" ] || ! command -v newsboat >/dev/null 2>&1; then
	ok "reader: skipped, no nginx or newsboat # SKIP"
	exit 0
fi
t=$(mktemp -d)
trap '[ -f "$t/nginx.pid" ] && kill "$(cat "$t/nginx.pid")" 2>/dev/null; sleep 0.2; rm -rf "$t"' EXIT
chmod 755 "$t"
data=$ROOT/tests/e2e/render/_data
now=2025-12-23T05:59:15Z
port=$(free_port)
mkdir -p "$t/www/rss" "$t/logs"
chmod -R 755 "$t/www"
base=http://127.0.0.1:$port
arxiv-render -f rss -c "$data/config.json" --now $now --base-url "$base/rss/all.xml" \
    -o "$t/www/rss/all.xml" "$data/papers.ndjson"
arxiv-render -f rss --category cs.LG --now $now --base-url "$base/rss/cs.LG.xml" \
    -o "$t/www/rss/cs.LG.xml" "$data/papers.ndjson"
arxiv-render -f atom --now $now --base-url "$base/atom.xml" \
    -o "$t/www/atom.xml" "$data/papers.ndjson"
arxiv-render -f rss --now $now --base-url "$base/rss/hostile.xml" \
    -o "$t/www/rss/hostile.xml" "$data/hostile.ndjson"
chmod 644 "$t"/www/*.xml "$t"/www/rss/*.xml
cat >"$t/nginx.conf" <<CONF
worker_processes 1;
pid $t/nginx.pid;
error_log $t/logs/error.log;
events { worker_connections 16; }
http {
	access_log $t/logs/access.log;
	client_body_temp_path $t/logs;
	proxy_temp_path $t/logs;
	fastcgi_temp_path $t/logs;
	uwsgi_temp_path $t/logs;
	scgi_temp_path $t/logs;
	types { application/rss+xml xml; application/atom+xml atom; }
	server {
		listen 127.0.0.1:$port;
		root $t/www;
		location ~ \.xml\$ { types { } default_type application/rss+xml; }
		location = /atom.xml { types { } default_type application/atom+xml; }
	}
}
CONF
"$nginx" -p "$t" -c "$t/nginx.conf" 2>"$t/nginx.err"
for _ in $(seq 1 50); do
	curl -sf "$base/rss/all.xml" >/dev/null 2>&1 && break
	sleep 0.1
done
check "reader: nginx serves the feeds" curl -sf -o /dev/null "$base/rss/all.xml"

# One scratch home per feed: newsboat keeps one item per guid across
# feeds, and the category feed shares its guids with the whole one.
reload() {	# name url
	mkdir -p "$t/home-$1/.newsboat"
	echo "$2" >"$t/home-$1/.newsboat/urls"
	: >"$t/home-$1/.newsboat/config"
	HOME=$t/home-$1 XDG_CONFIG_HOME=$t/home-$1/.config \
	    XDG_DATA_HOME=$t/home-$1/.local/share \
	    newsboat -x reload >"$t/reload-$1.out" 2>&1
	check "reader: newsboat -x reload ($1): status 0" test $? -eq 0
	db=$(find "$t/home-$1" -name cache.db | head -n 1)
	check "reader: newsboat wrote its cache for $1" test -n "$db"
}
# What newsboat stored, per feed: items, titles and links.
count() {	# feed url, papers file, category
	python3 - "$db" "$1" "$2" "$3" <<'PY'
import json, sqlite3, sys
db, url, papers, cat = sys.argv[1:]
want = []
for line in open(papers, encoding="utf-8"):
    p = json.loads(line)
    if cat and cat != p.get("primary_category") and cat not in (p.get("categories") or []):
        continue
    want.append(" ".join(p["title"].split()))
rows = sqlite3.connect(db).execute(
    "select title, url from rss_item where feedurl = ?", (url,)).fetchall()
got = [" ".join(t.split()) for t, _ in rows]
links = all(u.startswith("https://arxiv.org/abs/") for _, u in rows)
missing = [t for t in want if t not in got]
print("%d %d %d %s" % (len(rows), len(want), len(missing), "links" if links else "badlinks"))
PY
}
for f in all cs.LG; do
	reload $f "$base/rss/$f.xml"
	set -- $(count "$base/rss/$f.xml" "$data/papers.ndjson" "$([ $f = all ] || echo $f)")
	check "reader: rss/$f.xml: newsboat has the $2 items with their titles ($1 items, $3 missing)" \
	    test "$1" -eq "$2" -a "$3" -eq 0 -a "$4" = links
done
reload atom "$base/atom.xml"
set -- $(count "$base/atom.xml" "$data/papers.ndjson" "")
check "reader: atom.xml: newsboat has the $2 entries with their titles ($1, $3 missing)" \
    test "$1" -eq "$2" -a "$3" -eq 0 -a "$4" = links
reload hostile "$base/rss/hostile.xml"
n=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from rss_item where feedurl=?",(sys.argv[2],)).fetchone()[0])' "$db" "$base/rss/hostile.xml")
check "reader: the hostile feed reads too ($n items)" test "$n" -eq 2
