/*
 * Fuzz the extractive summariser and the LaTeX math scanner it relies
 * on: sentence splitting and scoring on any bytes, with the first line
 * as the title and option values taken from the first two bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "latex.h"
#include "summary.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

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
	return 0;
}
