/*
 * Fuzz the extractive summariser and the LaTeX math scanner it relies
 * on: sentence splitting and scoring on any bytes, with the first line
 * as the title and option values taken from the first two bytes.  Then
 * each line as arxiv-summarize takes it offline (summarize_line()): a
 * paper that gets a summary must come out one JSON object on one line.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jsonc.h"
#include "latex.h"
#include "record.h"
#include "summarize.h"
#include "summary.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Each line through summarize_line(); what it writes must parse. */
static void
lines(const uint8_t *data, size_t size)
{
	static struct summarize *z;
	static struct jsonc_parser *jp;
	struct summarize_opts so = { NULL, 0, 0, -1, 1 };
	const char *p = (const char *)data, *end = p + size, *nl;
	struct json_object *o;
	struct paper paper;
	struct buf out = {0};
	char err[256];

	if ((z == NULL && (z = summarize_new(&so, err, sizeof(err))) ==
	    NULL) || (jp == NULL && (jp = jsonc_parser_new()) == NULL))
		abort();
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (summarize_line(z, p, (size_t)(nl - p), &paper, &out, err,
		    sizeof(err)) != SUMMARIZE_ADDED)
			continue;
		if (memchr(out.data, '\n', out.len) != NULL ||
		    jsonc_parse_record(jp, out.data, out.len, &o, err,
		    sizeof(err)) == -1)
			abort();
		jsonc_put(o);
	}
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct summary_span *sp;
	struct summary_opts o = { 0, 0 };
	struct latex_scan ls;
	char *text, *title, *nl, *s;
	size_t n, i;

	if (size >= 2) {
		o.sentences = data[0] % 8;
		o.max_chars = data[1] % 4 == 0 ? 0 : data[1];
	}
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	title = NULL;
	if ((nl = strchr(text, '\n')) != NULL) {
		*nl = '\0';
		title = text;
	}
	s = summary_extract(title, nl ? nl + 1 : text, &o, NULL, 0);
	if (s != NULL && o.max_chars) {
		size_t chars = 0;

		for (i = 0; s[i]; i++)
			if (((unsigned char)s[i] & 0xc0) != 0x80)
				chars++;
		if (chars > o.max_chars)
			abort();
	}
	free(s);
	if (summary_split(text, &sp, &n) == 0) {
		for (i = 0; i < n; i++)
			if (sp[i].off + sp[i].len > strlen(text) || sp[i].len == 0)
				abort();
		free(sp);
	}
	latex_scan_init(&ls, (const char *)data, size);
	for (i = 0; i < size; i++)
		if (latex_math_end(&ls, i) > size)
			abort();
	free(text);
	lines(data, size);
	return 0;
}
