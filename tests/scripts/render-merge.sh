#!/bin/sh
# arxiv-render --merge: a feed that remembers across runs.  A missing
# state is a first run; a paper seen again is replaced (a new version
# replaces the old one, an old version does not replace a new one);
# papers older than --keep-days go; at most --max-items stay, newest
# first; an unreadable state is an error that leaves the feed and the
# state as they were.
. "$ROOT/tests/lib/common.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

paper() {	# id version day title
	printf '{"kind":"paper","id":"%s","version":%s,"arxiv_id":"%sv%s","title":"%s","authors":["A"],"primary_category":"cs.LG","published":"2025-12-%sT00:00:00Z"}\n' \
	    "$1" "$2" "$1" "$2" "$4" "$3"
}
render() {	# now, then options
	now=$1
	shift
	arxiv-render -f rss --now "2025-12-${now}T06:00:00Z" --merge "$t/state" \
	    -o "$t/feed.xml" "$@"
}
guids() { sed -n 's:.*<guid isPermaLink="false">\(.*\)</guid>:\1:p' "$t/feed.xml" | tr '\n' ' '; }

{ paper 2512.00001 1 20 'One'; paper 2512.00002 1 20 'Two'; } >"$t/day1"
render 20 "$t/day1" 2>"$t/err"
check "merge: a missing state is a first run (status 0, quiet)" \
    test $? -eq 0 -a ! -s "$t/err"
check "merge: the state holds the papers" test "$(wc -l <"$t/state")" -eq 2
check "merge: the feed lists them [$(guids)]" \
    test "$(guids)" = "2512.00001v1 2512.00002v1 "

{ paper 2512.00003 1 21 'Three'; paper 2512.00001 2 21 'One, again'; } >"$t/day2"
ino1=$(ls -i "$t/state" | awk '{print $1}')
render 21 "$t/day2"
check "merge: new papers first, a new version replaces the old [$(guids)]" \
    test "$(guids)" = "2512.00003v1 2512.00001v2 2512.00002v1 "
check "merge: the replaced item has the new title" \
    grep -q '<title>One, again</title>' "$t/feed.xml"
ino2=$(ls -i "$t/state" | awk '{print $1}')
check "merge: the state was replaced by rename" test "$ino1" != "$ino2"

paper 2512.00001 1 20 'One, old version' >"$t/old"
render 21 "$t/old"
check "merge: an older version does not replace a newer one [$(guids)]" \
    test "$(guids)" = "2512.00003v1 2512.00001v2 2512.00002v1 "

render 21 --max-items 2 </dev/null
check "merge: --max-items keeps the newest [$(guids)]" \
    test "$(guids)" = "2512.00003v1 2512.00001v2 "

paper 2512.00002 1 20 'Two' >"$t/two"
render 21 "$t/two"
render 31 --keep-days 11 </dev/null
check "merge: --keep-days drops what is older [$(guids)]" \
    test "$(guids)" = "2512.00003v1 2512.00001v2 "
check "merge: ... and so does the state" test "$(wc -l <"$t/state")" -eq 2
render 31 --keep-days 10 </dev/null
check "merge: --keep-days 10 drops the rest [$(guids)]" test "$(guids)" = ""
check "merge: an empty feed is still a whole feed" grep -q '</rss>' "$t/feed.xml"
check "merge: ... and the state is empty" test ! -s "$t/state"

# Unreadable states: a directory, a bad line, a record of another kind.
render 21 "$t/day1" "$t/day2"
cp "$t/feed.xml" "$t/feed.before"
cp "$t/state" "$t/state.good"
for bad in dir line kind; do
	rm -rf "$t/state"
	case $bad in
	dir) mkdir "$t/state" ;;
	line) { cat "$t/state.good"; echo 'not json'; } >"$t/state" ;;
	kind) { cat "$t/state.good"; echo '{"kind":"response"}'; } >"$t/state" ;;
	esac
	cp -R "$t/state" "$t/state.before"
	render 22 "$t/day1" 2>"$t/err"
	check "merge: a state that is a $bad: status 1" test $? -eq 1
	check "merge: ... said so [$(cat "$t/err")]" grep -q 'arxiv-render: .*state' "$t/err"
	check "merge: ... the feed is as it was" cmp -s "$t/feed.xml" "$t/feed.before"
	if [ $bad = dir ]; then
		check "merge: ... the state is as it was" test -d "$t/state"
	else
		check "merge: ... the state is as it was" cmp -s "$t/state" "$t/state.before"
	fi
	rm -rf "$t/state.before"
done

# An input that cannot be read: nothing replaced either.
cp "$t/state.good" "$t/state"
render 22 "$t/missing" 2>"$t/err"
check "merge: a missing input: status 1" test $? -eq 1
check "merge: ... the state is as it was" cmp -s "$t/state" "$t/state.good"
check "merge: ... the feed is as it was" cmp -s "$t/feed.xml" "$t/feed.before"

# Every format merges the same way; the state renders every other one.
for f in atom jsonfeed html markdown email; do
	arxiv-render -f $f --now 2025-12-22T06:00:00Z --merge "$t/state" \
	    "$t/day1" >"$t/out.$f" 2>"$t/err"
	check "merge: -f $f: status 0" test $? -eq 0 -a ! -s "$t/err"
done
check "merge: -f markdown lists 3 papers" \
    grep -q '^- \*\*Total Papers Found\*\*: 3$' "$t/out.markdown"
