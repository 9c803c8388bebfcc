/*
 * What arxiv-fetch must know of a page to fetch the next one: the
 * Atom API's totalResults and entry count, an API error's message, and
 * OAI-PMH's resumptionToken, record count and error code; whether an
 * HTML page is arXiv's "no HTML version" answer.
 *
 * This is a scanner, not a parser: it walks the tags of a document
 * (skipping comments, CDATA, processing instructions and the DOCTYPE),
 * matches elements by local name whatever their prefix, and never fails;
 * what it cannot find stays unknown (-1 or NULL).  Parsing the records
 * themselves is arxiv-parse's job.  Strings in the structs are owned by
 * them and released by the _clear() functions.
 */
#ifndef PAGEINFO_H
#define PAGEINFO_H

#include <stddef.h>

struct pageinfo_atom {
	long	 total;		/* opensearch:totalResults, -1 if absent */
	long	 entries;	/* <entry> elements */
	char	*error;		/* summary of an arXiv API error entry */
};

struct pageinfo_oai {
	long	 records;	/* <record> elements */
	int	 has_token;	/* a <resumptionToken> element is present */
	char	*token;		/* its text, "" when empty: the list is done */
	long	 complete_size;	/* completeListSize, -1 if absent */
	long	 cursor;	/* cursor, -1 if absent */
	char	*error_code;	/* <error code="..."> */
	char	*error_text;
};

/* Scan n bytes of s; -1 only when out of memory. */
int	pageinfo_atom(const char *s, size_t n, struct pageinfo_atom *);
int	pageinfo_oai(const char *s, size_t n, struct pageinfo_oai *);
void	pageinfo_atom_clear(struct pageinfo_atom *);
void	pageinfo_oai_clear(struct pageinfo_oai *);

/*
 * 1 if the n bytes of s are arXiv's answer for a paper with no HTML
 * version: a page whose <title> (within the first PAGEINFO_HEAD bytes)
 * begins "No HTML", as in "No HTML for '2401.00001v1'"; else 0.
 */
#define PAGEINFO_HEAD	65536
int	pageinfo_no_html(const char *s, size_t n);

#endif
