#!/usr/bin/env python3
"""A minimal PDF 1.4 with Helvetica text, written by hand, for the tests:
    mkpdf.py OUT.pdf TITLE LINE...
The first line is also the document's /Title; one argument a text
line, 40 lines a page."""
import sys
lines = sys.argv[2:]
def esc(s): return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
pages = []
per = 40
for i in range(0, len(lines), per):
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
    for l in lines[i:i+per]:
        ops.append("(%s) Tj T*" % esc(l))
    ops.append("ET")
    pages.append("\n".join(ops).encode("latin-1"))
objs = []
npages = len(pages)
kids = " ".join("%d 0 R" % (4 + 2*i) for i in range(npages))
objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
objs.append(("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, npages)).encode())
objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
for i, c in enumerate(pages):
    objs.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2*i)).encode())
    objs.append(b"<< /Length %d >>\nstream\n" % len(c) + c + b"\nendstream")
objs.append(("<< /Title (%s) >>" % esc(lines[0])).encode("latin-1"))
out = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, len(objs), x)
open(sys.argv[1], "wb").write(out)
