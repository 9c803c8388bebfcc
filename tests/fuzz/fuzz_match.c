/*
 * Fuzz keyword matching: the first line is a term (a regex if the first
 * byte is '~'), the rest the text.  Folding must never grow the text, and
 * compiling, folding and counting must not crash on any bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold.h"
#include "match.h"
#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct match_set *m;
	struct match_text t = {0};
	struct buf f = {0};
	const char *nl;
	char *term, err[256];
	unsigned counts[1] = {0};
	size_t tl;
	int regex;

	if ((nl = memchr(data, '\n', size)) == NULL)
		return 0;
	tl = (size_t)(nl - (const char *)data);
	regex = tl > 0 && data[0] == '~';
	if ((term = malloc(tl + 1)) == NULL)
		return 0;
	memcpy(term, data + regex, tl - (size_t)regex);
	term[tl - (size_t)regex] = '\0';
	data += tl + 1;
	size -= tl + 1;
	if (fold_text(&f, (const char *)data, size) == 0 && f.len > size)
		abort();
	buf_free(&f);
	if ((m = match_set_new()) != NULL &&
	    strlen(term) == tl - (size_t)regex &&
	    match_set_add(m, term, regex, err, sizeof(err)) == 0 &&
	    text_utf8_valid((const char *)data, size) &&
	    match_text_add(m, &t, (const char *)data, size) == 0)
		(void)match_count(m, &t, counts, err, sizeof(err));
	match_text_free(&t);
	match_set_free(m);
	free(term);
	return 0;
}
