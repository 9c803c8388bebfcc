#!/bin/sh
# arxiv-render -o: the file is replaced atomically (a new inode, no
# temporary file left behind, the mode a new file gets), kept as it was
# when an input cannot be read or the file cannot be created, and
# "| head -n 1" on a big digest ends quietly.
. "$ROOT/tests/lib/common.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
data=$ROOT/tests/e2e/render/_data/papers.ndjson
now=2025-12-23T05:59:15Z

echo old >"$t/README.md"
ino1=$(ls -i "$t/README.md" | awk '{print $1}')
(umask 022 && arxiv-render --now $now -o "$t/README.md" "$data") 2>"$t/err"
check "render -o: status 0, nothing on stderr" test $? -eq 0 -a ! -s "$t/err"
ino2=$(ls -i "$t/README.md" | awk '{print $1}')
check "render -o: the file was replaced by rename (new inode)" \
    test "$ino1" != "$ino2"
check "render -o: the file holds the digest" \
    grep -q '^- \*\*Total Papers Found\*\*: 19$' "$t/README.md"
check "render -o: no temporary file is left" \
    test "$(ls -A "$t" | wc -l)" -eq 2
mode=$(stat -c %a "$t/README.md")
check "render -o: a new file gets 0666 less the umask ($mode)" \
    test "$mode" = 644

cp "$t/README.md" "$t/before"
arxiv-render --now $now -o "$t/README.md" "$data" "$t/missing" \
    2>"$t/err"
check "render -o: a missing input is status 1" test $? -eq 1
check "render -o: a missing input leaves the file as it was" \
    cmp -s "$t/README.md" "$t/before"
check "render -o: and says so" grep -q 'not replaced' "$t/err"

echo keep >"$t/notdir"
arxiv-render --now $now -o "$t/notdir/README.md" "$data" 2>"$t/err"
check "render -o: a path that cannot be created is status 1" test $? -eq 1
check "render -o: ... with a message naming it" grep -q "notdir/README.md" "$t/err"
check "render -o: ... and nothing else is touched" grep -qx keep "$t/notdir"

awk -v f="$data" 'BEGIN { while ((getline l <f) > 0) a[n++] = l;
	for (i = 0; i < 3000; i++) print a[i % n] }' >"$t/many"
arxiv-render --now $now "$t/many" 2>"$t/err" | head -n 1 >"$t/first"
check "render | head -n 1: quiet" test ! -s "$t/err"
check "render | head -n 1: the title line" grep -qx '# arXiv Papers' "$t/first"

arxiv-render --now $now -f html "$data" >/dev/full 2>"$t/err"
check "render -f html >/dev/full: status 1 and write error" \
    sh -c "test $? -eq 1 && grep -q 'write error' '$t/err'"
