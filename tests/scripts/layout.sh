#!/bin/sh
# The layout docs/hacking.md promises: each library included only in its
# home, json-c only in the JSON layer and the modules that build records,
# and every program's main a short fixed sequence.
. "$ROOT/tests/lib/common.sh"
cd "$ROOT" || exit 1

# only PATTERN WHAT FILE...: the files that include PATTERN are among FILE.
only() {
	pat=$1 what=$2
	shift 2
	bad=
	for f in $(grep -l -E "^#include <$pat" lib/*/*.[ch] cmd/*/*.c); do
		allowed=
		for a; do
			case $f in $a) allowed=1 ;; esac
		done
		[ -n "$allowed" ] || bad="$bad $f"
	done
	if [ -z "$bad" ]; then
		ok "layout: $what"
	else
		not_ok "layout: $what, but also in:$bad"
	fi
}

only 'curl/' "only lib/net/http.c includes curl" 'lib/net/http.[ch]'
only 'libxml/' "only lib/parse includes libxml2" 'lib/parse/*'
only '(poppler|glib)' "only lib/parse includes poppler" 'lib/parse/*'
only 'pcre2' "only lib/score/match.c includes PCRE2" 'lib/score/match.[ch]'
only 'cmark' "only lib/render includes cmark-gfm" 'lib/render/*'
# json-c: the layer, and the modules that build records as objects.
only 'json\.h>' "json-c only in the JSON layer and the record builders" \
    lib/core/jsonc.c lib/fetch/fetch.c lib/fetch/source.c \
    lib/net/cache.c lib/parse/feed.c lib/parse/fulltext.c \
    lib/parse/ingest.c lib/summarize/summarize.c lib/summarize/llm.c \
    lib/summarize/sumrun.c lib/summarize/sumcache.c \
    lib/render/render_jsonfeed.c

# Every main is options, validate, run, finish: under 80 lines.
for f in cmd/*/*.c; do
	n=$(awk '/^main\(/ { on = 1 } on { n++ } on && /^}/ { print n; exit }' "$f")
	if [ "${n:-0}" -gt 0 ] && [ "$n" -le 80 ]; then
		ok "layout: $f main is $n lines"
	else
		not_ok "layout: $f main is ${n:-?} lines (at most 80)"
	fi
done
