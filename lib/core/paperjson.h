/*
 * A "paper" record written straight from a struct paper to NDJSON bytes,
 * byte for byte what json-c writes for the record built field by field
 * (the same fields, order and escaping), without json-c objects: parsing
 * a feed spends most of its time there otherwise (bench/parse.sh).  It
 * is the one encoder of struct paper; the JSON layer (jsonc.h) does the
 * escaping.  It writes the fields arxiv-parse produces; the later stages
 * add theirs to the record they pass on.  tests/unit/paper_ref.h builds
 * the same record with json-c, and test_paperjson checks the two agree.
 */
#ifndef PAPERJSON_H
#define PAPERJSON_H

#include "buf.h"
#include "record.h"

struct json_object;

/*
 * Replace b's contents with p as one compact JSON object (no newline).
 * affs, if not NULL, is appended as "affiliations" (borrowed).  -1 when
 * out of memory or past b's cap.
 */
int	paperjson_write(struct buf *b, const struct paper *p,
	    struct json_object *affs);

#endif
