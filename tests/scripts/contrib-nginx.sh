#!/bin/sh
# contrib/nginx-arxivpipe.conf, in Debian's nginx on 127.0.0.1, serving a
# real arxivpipe-daily output directory: /rss.xml and /rss/cs.AI.xml (and
# the bot's /rss/cs.AI) with their content types, caching headers, an
# ETag and a 304 for If-None-Match; the run's state is not served.
. "$ROOT/tests/lib/common.sh"
case $BIN in */san/*) exit 0 ;; esac
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx" ] || ! command -v curl >/dev/null 2>&1; then
	ok "contrib-nginx: skipped, no nginx or curl"
	exit 0
fi
d=$(mktemp -d)
pid=
trap 'if [ -n "$pid" ]; then kill "$pid"; fi; rm -rf "$d"' EXIT
chmod 755 "$d"

# A digest to serve, from arxivpipe-daily itself.
mkdir -p "$d/feeds" "$d/logs"
cp "$FIX/rss2/laya-reader_cs.LG+cs.AI+cs.CL+stat.ML_2026-09-24_trimmed_4items.xml" \
    "$d/feeds/cs.LG+cs.AI"
jq --arg base "file://$d/feeds/" '.categories = ["cs.LG","cs.AI"]
    | .keywords = ["learning", "detection", "network"] | .min_score = 0
    | .arxiv = {rss_base: $base}' "$ROOT/examples/config.json" >"$d/config.json"
arxivpipe-daily -c "$d/config.json" -o "$d/digest" --date 2026-09-25 2>/dev/null
check "contrib-nginx: a digest to serve" test -s "$d/digest/rss/cs.AI.xml"
chmod -R a+rX "$d/digest"

port=$(free_port)
sed -e "s|listen 80;|listen 127.0.0.1:$port;|" -e "s|root /var/lib/arxivpipe/digest;|root $d/digest;|" \
    "$ROOT/contrib/nginx-arxivpipe.conf" >"$d/site.conf"
cat >"$d/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $d/nginx.pid;
error_log $d/logs/error.log;
$( [ "$(id -u)" -eq 0 ] && echo 'user root;')
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log $d/logs/access.log;
	client_body_temp_path $d/logs; proxy_temp_path $d/logs;
	fastcgi_temp_path $d/logs; uwsgi_temp_path $d/logs; scgi_temp_path $d/logs;
	include $d/site.conf;
}
CONF
"$nginx" -t -p "$d" -c "$d/nginx.conf" >"$d/t.log" 2>&1
check "contrib-nginx: nginx -t accepts the snippet" test $? -eq 0
"$nginx" -p "$d" -c "$d/nginx.conf" 2>"$d/logs/stderr" &
pid=$!
i=0
while ! curl -s -o /dev/null "http://127.0.0.1:$port/" && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done

# head PATH [CURL-ARGS]: the response's status line and headers.
head_of() {
	p=$1
	shift
	curl -s -D - -o /dev/null "$@" "http://127.0.0.1:$port$p" | tr -d '\r'
}
header() { sed -n "s/^$1: //Ip" "$2" | head -n 1; }

for p in /rss.xml /rss/cs.AI.xml /rss/cs.AI; do
	head_of "$p" >"$d/h"
	check "contrib-nginx: $p 200" grep -q '^HTTP/1.1 200' "$d/h"
	check "contrib-nginx: $p is application/rss+xml" \
	    test "$(header Content-Type "$d/h")" = "application/rss+xml; charset=utf-8"
	check "contrib-nginx: $p may be cached an hour" \
	    test "$(header Cache-Control "$d/h")" = "public, max-age=3600"
	etag=$(header ETag "$d/h")
	check "contrib-nginx: $p has an ETag" test -n "$etag"
	head_of "$p" -H "If-None-Match: $etag" >"$d/h2"
	check "contrib-nginx: $p If-None-Match gives 304" grep -q '^HTTP/1.1 304' "$d/h2"
done
head_of /atom.xml >"$d/h"
check "contrib-nginx: /atom.xml is application/atom+xml" \
    test "$(header Content-Type "$d/h")" = "application/atom+xml; charset=utf-8"
head_of /feed.json >"$d/h"
check "contrib-nginx: /feed.json is application/feed+json" \
    test "$(header Content-Type "$d/h")" = "application/feed+json; charset=utf-8"
head_of / >"$d/h"
check "contrib-nginx: / is the page" \
    test "$(header Content-Type "$d/h")" = "text/html; charset=utf-8"
head_of /README.md >"$d/h"
check "contrib-nginx: /README.md is text/markdown" \
    test "$(header Content-Type "$d/h")" = "text/markdown; charset=utf-8"
head_of /state/seen/2026-09-25.ndjson >"$d/h"
check "contrib-nginx: the state is not served" grep -q '^HTTP/1.1 404' "$d/h"
curl -s "http://127.0.0.1:$port/rss/cs.AI.xml" >"$d/body"
check "contrib-nginx: the body is the feed" cmp -s "$d/body" "$d/digest/rss/cs.AI.xml"
