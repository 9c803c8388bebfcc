/*
 * Fuzz the document writers: each input line is added as arxiv-render
 * adds it (papers kept, anything else refused or counted), then the
 * merge state and every format are written; the markdown escaper
 * also runs on the raw bytes.  Record text must never reach the HTML page
 * as a raw tag (the page's own filter script is its one <script>), and
 * the feeds must never hold a character XML forbids.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "render.h"
#include "render_md.h"
#include "render_merge.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* How many times what occurs in s. */
static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s++;
	}
	return n;
}

/* Whether s holds a C0 control other than tab, newline, CR. */
static int
has_control(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t' &&
		    s[i] != '\n' && s[i] != '\r')
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct render_format *f;
	struct render_doc *d;
	struct buf b = {0};
	const char *p = (const char *)data, *end = p + size, *nl;
	char err[256];
	size_t i, n;

	if ((d = render_doc_new()) == NULL)
		return 0;
	d->now = 1766469555;
	/* Every line as arxiv-render reads it: any bytes at all. */
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		(void)render_doc_add_line(d, p, (size_t)(nl - p), err,
		    sizeof(err));
		p = nl + 1;
	}
	/* The merge state: the lines kept, each as it was read. */
	(void)render_merge_state(d, &b, err, sizeof(err));
	f = render_formats(&n);
	for (i = 0; i < n; i++) {
		buf_reset(&b);
		if (render_write(&f[i], d, &b, err, sizeof(err)) == -1)
			continue;
		if (strcmp(f[i].name, "html") == 0 &&
		    (count(buf_str(&b), "<script") > 1 ||
		    strstr(buf_str(&b), "<img") != NULL ||
		    strstr(buf_str(&b), "<!--") != NULL))
			abort();
		if ((strcmp(f[i].name, "rss") == 0 ||
		    strcmp(f[i].name, "atom") == 0) &&
		    (has_control(buf_str(&b), b.len) ||
		    strstr(buf_str(&b), "]]>") != NULL))
			abort();
	}
	buf_reset(&b);
	(void)render_md_escape(&b, (const char *)data, size,
	    size && data[0] & 1 ? RENDER_MD_BLOCK : 0);
	buf_free(&b);
	render_doc_free(d);
	return 0;
}
