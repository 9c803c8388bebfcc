#!/bin/sh
# docs/schema.md: arxivpipe(5), the record contract, as Markdown for
# readers on the web.  The man page is the source; edit it, then
# `make docs`.
set -eu
cd "$(dirname "$0")/.."
echo '<!-- Generated from man/arxivpipe.5 by `make docs`: edit the man page. -->'
echo
mandoc -T markdown man/arxivpipe.5 2>/dev/null
