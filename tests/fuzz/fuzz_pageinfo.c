/*
 * Fuzz the page scanner arxiv-fetch pages with: the Atom API's
 * totalResults, entries and error, and OAI-PMH's resumptionToken and
 * error, and arXiv's "no HTML" page, on any bytes (tags cut anywhere, entities, comments, CDATA).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pageinfo.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pageinfo_atom a;
	struct pageinfo_oai o;
	char *s;

	/* Exactly size bytes, so reads past the end are caught. */
	if ((s = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	if (pageinfo_atom(s, size, &a) == 0) {
		if (a.error)
			(void)strlen(a.error);
		pageinfo_atom_clear(&a);
	}
	if (pageinfo_oai(s, size, &o) == 0) {
		if (o.token)
			(void)strlen(o.token);
		pageinfo_oai_clear(&o);
	}
	(void)pageinfo_no_html(s, size);
	free(s);
	return 0;
}
