#!/usr/bin/env python3
"""Templates for bench/score_gen.c: each real paper record of argv[1]
(NDJSON) written once with its id, version, arXiv id, title number,
announce type and date replaced by marks (a byte 0x01, a name, 0x01), so
that the C generator can write a million distinct records in seconds."""
import json
import sys

for line in open(sys.argv[1]):
    if not line.strip():
        continue
    p = json.loads(line)
    mark = "\u0001%s\u0001"
    p["id"] = mark % "id"
    p["version"] = 0
    p["arxiv_id"] = mark % "aid"
    p["title"] = p["title"] + " (" + mark % "n" + ")"
    p["announce_type"] = mark % "at"
    p["published"] = mark % "pub"
    p["links"] = {"abs": "https://arxiv.org/abs/" + mark % "id",
                  "pdf": "https://arxiv.org/pdf/" + mark % "aid",
                  "html": None}
    s = json.dumps(p, ensure_ascii=False, separators=(",", ":"))
    # json.dumps writes the marks as the six characters \u0001.
    s = s.replace('"version":0', '"version":\\u0001ver\\u0001')
    sys.stdout.write(s.replace("\\u0001", "\x01") + "\n")
