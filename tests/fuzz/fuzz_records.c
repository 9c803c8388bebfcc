/*
 * Fuzz the record-level parsers every stage trusts: an NDJSON line, a
 * date, an arXiv identifier, UTF-8 repair and whitespace collapsing.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json.h>

#include "date.h"
#include "ndjson.h"
#include "record.h"
#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ndjson_reader *r;
	struct json_object *o;
	char err[256], *s, *id;
	size_t bad;
	time_t t;
	int v;

	if (r == NULL)
		r = ndjson_open("/dev/null", 0, err, sizeof(err));
	if (ndjson_parse(r, (const char *)data, size, &o, err,
	    sizeof(err)) == NDJSON_RECORD) {
		(void)record_kind(o);
		json_object_put(o);
	}
	if ((s = text_utf8_repair((const char *)data, size, &bad)) != NULL) {
		if (date_parse(s, &t) == 0) {
			char buf[DATE_LEN];

			date_format(t, buf, sizeof(buf));
		}
		if (arxiv_id_split(s, &id, &v) == 0)
			free(id);
		text_collapse(s);
		free(s);
	}
	return 0;
}
