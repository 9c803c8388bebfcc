/*
 * The polite, cached, resilient arXiv client behind arxiv-fetch: it
 * fetches every page of a source and hands each one over as a "response"
 * record (docs/schema.md).
 *
 * Layered over http.h: request spacing across processes (throttle.h),
 * conditional requests and --max-age (cache.h), retries with backoff and
 * Retry-After (retry.h), API paging and OAI-PMH resumption (source.h,
 * pageinfo.h).  The module never prints: records go to the emit callback
 * and messages to the notify callback, both supplied by the program.
 *
 * Ownership: emit borrows the response (the module releases it after the
 * call); the options' strings are borrowed for the life of the fetcher.
 */
#ifndef FETCH_H
#define FETCH_H

#include <stddef.h>

#include "source.h"

struct json_object;
struct fetch;

#define FETCH_ARXIV_DELAY	3.0	/* seconds between requests to arXiv */
#define FETCH_RETRY_AFTER_MAX	600.0	/* longest Retry-After honoured */
#define FETCH_TIMEOUT		120.0	/* default per request, seconds */
#define FETCH_RETRIES		4	/* default retries */
#define FETCH_SPEED_LIMIT	100	/* bytes/s: slower is stalled... */
#define FETCH_SPEED_TIME	30.0	/* ...for this long, seconds */
#define FETCH_DEADLINE		180.0	/* one document, every attempt */
#define FETCH_MAX_SIZE		(32UL * 1024 * 1024) /* default body cap */
#define FETCH_MAX_REDIRECTS	5

enum fetch_level {
	FETCH_WARN,		/* a problem: always shown */
	FETCH_PROGRESS,		/* pages, retries and waits: on a terminal */
	FETCH_INFO		/* each request: with -v */
};

struct fetch_options {
	const char	*cache_dir;	/* NULL: no cache, spacing per process */
	int		 no_store;	/* neither use nor write cache entries */
	double		 delay;		/* < 0: 3 s for arXiv, none for others */
	double		 max_age;	/* serve younger entries unasked; 0: no */
	double		 timeout;	/* per request, seconds */
	double		 connect_timeout; /* 0: 30 s or timeout if shorter */
	int		 retries;
	long		 speed_limit;	/* bytes/s; slower for speed_time */
	double		 speed_time;	/* aborts an attempt; 0: no limit */
	double		 deadline;	/* per document, all attempts; 0: none */
	const char	*mailto;	/* contact in the User-Agent, or NULL */
	size_t		 max_size;	/* body cap */
	long		 max_redirects;
	struct source_bases bases;
	void		(*emit)(void *arg, struct json_object *response);
	void		(*notify)(void *arg, enum fetch_level, const char *msg);
	void		*arg;
};

/*
 * The defaults: no cache, the delay chosen per host, FETCH_TIMEOUT,
 * FETCH_RETRIES, FETCH_SPEED_LIMIT, FETCH_SPEED_TIME, FETCH_DEADLINE,
 * FETCH_MAX_SIZE and FETCH_MAX_REDIRECTS; no callbacks.
 *
 * The deadline bounds one document (a page of a source; the whole source
 * for rss, atom, html and url): its attempts, its retries and the waits
 * between them.  A host that has not answered one document in time, or
 * at all, is not asked again in the same run (its later documents fail
 * at once), so a dead host costs one deadline, not one per document.
 */
void	fetch_options_init(struct fetch_options *);

/*
 * A fetcher; NULL with err.  A cache directory that cannot be used is
 * reported through notify and the fetcher works without it.
 */
struct fetch *fetch_new(const struct fetch_options *, char *err,
	    size_t errlen);
void	fetch_free(struct fetch *);

/*
 * Fetch every page of s, emitting one response per page.  Returns 0, or
 * -1 if a page failed: its response carries "error", the failure was
 * notified, and no later page of the source was fetched (for "ids", the
 * other batches still are).
 */
int	fetch_run(struct fetch *, struct source *s);

/*
 * The full text of the paper id ("2501.11120v1", or "2501.11120" for its
 * latest version): its arXiv HTML page at bases.html, or, when arXiv has
 * no HTML version of it (a 404 or 410, or a page saying so), its PDF at
 * bases.pdf.  One response is emitted, the page's or the PDF's, with
 * "source" "html" or "pdf" and an equivalent request.  Returns 0, -1 if
 * the page or the PDF failed (its response carries "error", the failure
 * was notified), or -2 with err when id is not an arXiv identifier or
 * memory ran out (nothing emitted).
 */
int	fetch_fulltext(struct fetch *, const char *id, char *err,
	    size_t errlen);

/* The User-Agent sent: "arxivpipe/VERSION (arxiv-fetch[; mailto:ADDR])". */
char	*fetch_user_agent(const char *mailto);

#endif
