/*
 * Feeds that remember, without a server process (--merge FILE).
 *
 * The memory is a state file: the paper records the last document
 * listed, as NDJSON, newest first.  render_merge_load() reads it into a
 * doc before the new input; render_merge_apply() then keeps one record
 * per arXiv id (the one added later, unless it has an older version),
 * drops those published more than keep_days before the doc's clock,
 * orders the rest newest first and keeps at most max_items (0: no age
 * limit, no cap; a paper that gives no date is never too old);
 * render_merge_state() writes what is left, for the caller to replace
 * the state file with (atomically) once the document is written.
 * Any format can be merged this way, and a feed, the page and the
 * e-mail can share one state file.
 */
#ifndef RENDER_MERGE_H
#define RENDER_MERGE_H

#include <stddef.h>

struct buf;
struct render_doc;

#define RENDER_KEEP_DAYS	30
#define RENDER_MAX_ITEMS	100

/*
 * Add the papers of the state file at path to d.  Returns 0, 1 when
 * there is no such file (a first run), or -1 with err when it cannot be
 * read or holds a line that is not a paper record.  A paper added with a
 * warning (render_doc_add()) is handed to warn, with where it is
 * ("feeds.ndjson:3"), for the caller to report; warn may be NULL.
 */
int	render_merge_load(struct render_doc *, const char *path,
	    size_t max_record, void (*warn)(void *arg, const char *where,
	    const char *what), void *arg, char *err, size_t errlen);

/* Merge as said above; -1 with err when out of memory. */
int	render_merge_apply(struct render_doc *, long keep_days,
	    long max_items, char *err, size_t errlen);

/* The papers kept, one record a line, into b; -1 with err. */
int	render_merge_state(const struct render_doc *, struct buf *b,
	    char *err, size_t errlen);

#endif
