#!/bin/sh
# arxiv-render's documents read by real consumers, on real papers and on
# hostile records: every RSS and Atom feed is well-formed for xmllint and
# parses in feedparser, Atom validates against the RFC 4287 RELAX NG
# schema, JSON Feed has its required fields, the e-mail parses with
# Python's email package, the Markdown renders with cmark-gfm and the
# page parses, all without any live markup from the records.
. "$ROOT/tests/lib/common.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
data=$ROOT/tests/e2e/render/_data
now=2025-12-23T05:59:15Z
py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import feedparser' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || not_ok "render consumers: no python3 with feedparser"

cat "$data/hostile.ndjson" "$data/papers.ndjson" >"$t/all.ndjson"
for set in papers hostile all empty; do
	case $set in
	papers) in=$data/papers.ndjson ;;
	hostile) in=$data/hostile.ndjson ;;
	all) in=$t/all.ndjson ;;
	empty) in=/dev/null ;;
	esac
	n=$(grep -c '"kind":"paper"' "$in")
	for f in rss atom jsonfeed email markdown html; do
		out=$t/$set.$f
		arxiv-render -f $f -c "$data/config.json" --now $now \
		    --base-url "https://example.org/$set.$f" \
		    --to 'Ünïcödé Reader <me@example.org>' "$in" >"$out" \
		    2>"$t/err"
		check "render consumers: -f $f on $set: status 0" test $? -eq 0
		case $f in
		rss|atom)
			check "render consumers: -f $f on $set: xmllint" \
			    xmllint --noout "$out"
			[ -n "$py" ] && check "render consumers: -f $f on $set: feedparser, $n entries" \
			    "$py" "$TESTLIB/render_check.py" feed "$out" "$n" ;;
		*)
			[ -n "$py" ] && check "render consumers: -f $f on $set: $n papers, nothing live" \
			    "$py" "$TESTLIB/render_check.py" $f "$out" "$n" ;;
		esac
		case $f in
		atom)
			check "render consumers: -f atom on $set: RFC 4287 RELAX NG" \
			    xmllint --noout --relaxng "$TESTLIB/render_atom.rng" "$out" ;;
		esac
	done
done

# The schema is not a rubber stamp: an entry without an id fails it.
sed '/<entry>/,/<\/entry>/{/<id>/d}' "$t/papers.atom" >"$t/broken.atom"
if xmllint --noout --relaxng "$TESTLIB/render_atom.rng" "$t/broken.atom" \
    2>/dev/null; then
	not_ok "render consumers: the RELAX NG schema refuses an entry without id"
else
	ok "render consumers: the RELAX NG schema refuses an entry without id"
fi

# E-mail headers: a subject or title with line breaks adds no header.
arxiv-render -f email --now $now --title "$(printf 'T\r\nBcc: x@evil.example')" \
    --subject "$(printf 'Hi\nBcc: y@evil.example\n\nbody')" "$data/hostile.ndjson" \
    >"$t/inject.eml"
check "render consumers: -f email: no header from a subject or title" \
    sh -c "! grep -qi '^bcc' '$t/inject.eml'"
[ -n "$py" ] && check "render consumers: -f email with hostile subject parses" \
    "$py" "$TESTLIB/render_check.py" email "$t/inject.eml" 2
[ -n "$py" ] && check "render consumers: -f email subject decodes as written" \
    "$py" -c 'import email,email.policy,sys
m=email.message_from_bytes(open(sys.argv[1],"rb").read(),policy=email.policy.default)
sys.exit(0 if str(m["Subject"])=="Hi Bcc: y@evil.example  body" else 1)' "$t/inject.eml"

# The page's Content-Security-Policy holds the hash of its script.
[ -n "$py" ] && check "render consumers: -f html CSP hash matches its script" \
    "$py" -c 'import base64,hashlib,re,sys
s=open(sys.argv[1],encoding="utf-8").read()
js=re.search(r"<script>(.*?)</script>",s,re.S).group(1)
h=base64.b64encode(hashlib.sha256(js.encode()).digest()).decode()
sys.exit(0 if "sha256-"+h in s else 1)' "$t/papers.html"
