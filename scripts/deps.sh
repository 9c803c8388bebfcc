#!/bin/sh
# Install the Debian packages arxivpipe needs that are not installed yet.
# Run as root on a fresh machine (make demo / make test call this); as a
# normal user it only says what is missing.
set -u
pkgs="make gcc clang pkg-config libcurl4-openssl-dev libxml2-dev
libxml2-utils libpcre2-dev libjson-c-dev libcmocka-dev libcmark-gfm-dev
libcmark-gfm-extensions-dev python3 python3-feedparser jq valgrind mandoc
bsdextrautils bsdutils time curl
libpoppler-glib-dev
nginx
python3-yaml
systemd
parallel
newsboat
chromium
nodejs
sfeed"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
	    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run as root, or: sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || exit 1
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null || exit 1
