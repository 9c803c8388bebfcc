/*
 * libFuzzer target: arbitrary bytes as an arXiv HTML page, through the
 * encoding's detection and conversion, the full-text extraction and its
 * JSON.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <json.h>

#include "feed.h"
#include "fulltext.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fulltext *ft;
	/* A response's charset, chosen by the size: every one is tried. */
	static const char *charsets[] = { NULL, "iso-8859-1", "utf-16",
	    "shift_jis" };
	struct json_object *o;
	char err[256];

	(void)feed_sniff((const char *)data, size);
	ft = fulltext_parse((const char *)data, size,
	    "https://arxiv.org/html/2501.11120v1", charsets[size % 4], err,
	    sizeof(err));
	if (ft == NULL)
		return 0;
	o = fulltext_to_json(ft);
	(void)json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	json_object_put(o);
	fulltext_free(ft);
	return 0;
}
