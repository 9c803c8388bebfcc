#!/bin/sh
# Every man page is clean under mandoc -Tlint, and every program's usage
# line (--help) is its man page's SYNOPSIS, word for word.
. "$ROOT/tests/lib/common.sh"
norm() { tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'; }

for m in "$ROOT"/man/*.[15]; do
	n=$(basename "$m")
	if out=$(mandoc -Tlint -Wwarning "$m" 2>&1) && [ -z "$out" ]; then
		ok "man: $n is lint-clean"
	else
		not_ok "man: $n: $out"
	fi
done

for p in arxiv-fetch arxiv-parse arxiv-score arxiv-summarize arxiv-render \
    arxivpipe-daily; do
	m=$ROOT/man/$p.1
	if [ ! -f "$m" ]; then
		not_ok "man: $p.1 exists"
		continue
	fi
	syn=$(mandoc -Tascii "$m" | col -b |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' | norm)
	use=$($p --help | sed -n '1,/^$/p' | sed '1s/^usage://' | norm)
	if [ "$syn" = "$use" ]; then
		ok "man: $p SYNOPSIS is its usage"
	else
		not_ok "man: $p SYNOPSIS [$syn] is not its usage [$use]"
	fi
done

# The record contract is written once, in arxivpipe(5); docs/schema.md is
# generated from it.
if sh "$ROOT/scripts/schema-md.sh" | cmp -s - "$ROOT/docs/schema.md"; then
	ok "docs/schema.md is generated from arxivpipe(5)"
else
	not_ok "docs/schema.md differs from arxivpipe(5): run make docs"
fi
