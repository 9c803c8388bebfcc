/*
 * Fuzz the digest writers: each input line that is a JSON object is
 * added as a paper, then the markdown and HTML digests are written; the
 * markdown escaper also runs on the raw bytes.  Record text must never
 * reach the HTML page as a raw tag.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "buf.h"
#include "render.h"
#include "render_html.h"
#include "render_md.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct render_doc *d;
	struct json_object *o;
	struct buf b = {0};
	const char *p = (const char *)data, *end = p + size, *nl;
	char err[256], *line;

	if ((d = render_doc_new()) == NULL)
		return 0;
	d->now = 1766469555;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		line = strndup(p, (size_t)(nl - p));
		o = line ? json_tokener_parse(line) : NULL;
		free(line);
		if (o != NULL && json_object_is_type(o, json_type_object))
			render_doc_add(d, o, err, sizeof(err));
		json_object_put(o);
		p = nl + 1;
	}
	if (render_md_write(&b, d, err, sizeof(err)) == 0)
		buf_reset(&b);
	if (render_html_write(&b, d, err, sizeof(err)) == 0 &&
	    (strstr(buf_str(&b), "<script") != NULL ||
	    strstr(buf_str(&b), "<img") != NULL))
		abort();
	buf_reset(&b);
	render_md_escape(&b, (const char *)data, size,
	    size && data[0] & 1 ? RENDER_MD_BLOCK : 0);
	buf_free(&b);
	render_doc_free(d);
	return 0;
}
