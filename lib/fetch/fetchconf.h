/*
 * arxiv-fetch's settings that do not come from its options: the bases
 * and the feed a config.json names (arxivpipe-config(5)), the built-in
 * bases, and the cache directory the environment gives.
 *
 * Errors are whole messages ("config.json: arxiv.api_base: not an http,
 * https or file URL: ftp://x"), for the program to print as they are.
 */
#ifndef FETCHCONF_H
#define FETCHCONF_H

#include <stddef.h>

#include "source.h"

struct config;

/* 1 if url may be a base: an http, https or file URL. */
int	fetchconf_base_ok(const char *url);

/*
 * Fill each base still NULL in b from the configuration's
 * "arxiv.rss_base" ... "arxiv.html_base" when cf is not NULL, then from
 * the built-in SOURCE_*_BASE.  Bases set before (by options) win.  The
 * strings are borrowed from cf.  -1 with err if a configured base has
 * the wrong type or is not a fetchable URL.
 */
int	fetchconf_bases(struct source_bases *b, const struct config *cf,
	    char *err, size_t errlen);

/*
 * The source fetched when no operand names one: the configuration's
 * "categories" as one combined RSS feed (cs.AI+cs.CL), one request
 * rather than one per category.  NULL with err.
 */
struct source *fetchconf_feed(const struct config *cf,
	    const struct source_defaults *, char *err, size_t errlen);

/*
 * How many papers "fulltext" fetches: the configuration's
 * "ai_summary.max_papers_to_summarize", the papers arxiv-summarize
 * summarises.  0 and *max set if the key is there, 1 if it is not, -1
 * with err if it is not a count.
 */
int	fetchconf_fulltext_max(const struct config *cf, long *max, char *err,
	    size_t errlen);


#endif
