/*
 * A paper's full text cut to a token budget for the API, the most useful
 * parts kept first: abstract, introduction and conclusion, then method,
 * experiments and results, then related work and background; references,
 * appendices and acknowledgements are the first to go.  Sections are
 * chosen in that order of priority and written in document order; the
 * section that crosses the budget is cut at a character boundary.
 *
 * Ownership: sumtext_cut() borrows the "sections" array of a "fulltext"
 * record (arxivpipe(5)) and returns a new string the caller frees.
 */
#ifndef SUMTEXT_H
#define SUMTEXT_H

#include <stddef.h>

struct json_object;

/*
 * The sections as "## heading\n\ntext\n\n" blocks within max_tokens
 * (llm_tokens()); a section headed "Abstract" is left out when
 * skip_abstract is set (the record's abstract is sent apart).  *cut is
 * set when something was left out.  NULL when nothing fits or on no
 * memory.
 */
char	*sumtext_cut(struct json_object *sections, size_t max_tokens,
	    int skip_abstract, int *cut);

/* The priority of a section heading: 0 most useful, 3 first to go. */
int	sumtext_rank(const char *heading);

#endif
