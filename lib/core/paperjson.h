/*
 * A "paper" record written straight from a struct paper to NDJSON bytes,
 * byte for byte what ndjson_write(paper_to_json(p)) gives (the same
 * fields, order and escaping), without building json-c objects: parsing
 * a feed spends most of its time there otherwise (bench/parse.sh).
 * test_paperjson checks the two agree.
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
