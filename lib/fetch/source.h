/*
 * What arxiv-fetch is asked to fetch: a source (an RSS or Atom feed, an
 * API query, a list of identifiers, an OAI-PMH harvest, HTML pages, a
 * URL), built from command-line operands or from a "request" record,
 * checked, and turned into the URL of each of its pages.
 *
 * Ownership: a struct source owns its strings and holds one reference
 * to its request object (json-c), released by source_free().  The
 * request object is what each response record carries as "request":
 * the request record as read, or an equivalent one for an operand.
 */
#ifndef SOURCE_H
#define SOURCE_H

#include <stddef.h>

#include "record.h"

struct json_object;

#define SOURCE_API_LIMIT	30000	/* arXiv serves no more per query */
#define SOURCE_PAGE_MAX		2000	/* nor more per API page */

enum source_type {
	SOURCE_RSS,
	SOURCE_ATOM,
	SOURCE_API,
	SOURCE_IDS,
	SOURCE_OAI,
	SOURCE_HTML,
	SOURCE_URL,
	SOURCE_PDF
};

/* Where each kind of arXiv source lives; the source's part is appended. */
struct source_bases {
	const char	*rss;
	const char	*atom;
	const char	*api;
	const char	*oai;
	const char	*html;
	const char	*pdf;
};

#define SOURCE_RSS_BASE		"https://rss.arxiv.org/rss/"
#define SOURCE_ATOM_BASE	"https://rss.arxiv.org/atom/"
#define SOURCE_API_BASE		"https://export.arxiv.org/api/query"
#define SOURCE_OAI_BASE		"https://oaipmh.arxiv.org/oai"
#define SOURCE_HTML_BASE	"https://arxiv.org/html/"
#define SOURCE_PDF_BASE		"https://arxiv.org/pdf/"

/* Settings a source takes from the options when its request has none. */
struct source_defaults {
	long		 max;		/* api: results wanted; 0: all */
	long		 page_size;	/* api results, ids per request */
	const char	*sort;		/* relevance, submitted, updated */
	const char	*order;		/* asc, desc */
	const char	*set;		/* oai */
	const char	*from;
	const char	*until;
	const char	*prefix;	/* arXiv, arXivRaw, oai_dc */
};

#define SOURCE_DEFAULT_MAX	100
#define SOURCE_DEFAULT_PAGE	100

struct source {
	enum source_type	 type;
	char			*arg;	/* feed, query, html or pdf id, URL */
	struct strlist		 ids;	/* ids: normalised identifiers */
	long			 max;
	long			 page_size;
	char			*sort;
	char			*order;
	char			*set;
	char			*from;
	char			*until;
	char			*prefix;
	struct json_object	*request;
};

/* The type named by an operand keyword ("rss", "api", ...); -1 if none. */
int	source_type_from_name(const char *name);
const char *source_type_name(enum source_type);

/*
 * A source of type made from one operand (a feed, a query, a URL, an
 * identifier); for SOURCE_IDS, add more identifiers with
 * source_add_id().  NULL with err if the operand is not valid.
 */
struct source *source_new(enum source_type type, const char *arg,
	    const struct source_defaults *, char *err, size_t errlen);
int	source_add_id(struct source *, const char *id, char *err,
	    size_t errlen);

/*
 * A source made from a request record (borrowed; the source takes its
 * own reference): {"url": ...} or {"source": "rss", "category": ...}
 * and so on (arxiv-fetch(1)).  NULL with err if the record does not
 * describe a source this program can fetch.
 */
struct source *source_from_record(struct json_object *request,
	    const struct source_defaults *, char *err, size_t errlen);
void	source_free(struct source *);

/*
 * The request object each response of the source carries (borrowed):
 * the request record, or for an operand source an equivalent object made
 * on first use, once every identifier was added.  NULL when out of
 * memory.
 */
struct json_object *source_request(struct source *);

/*
 * The URL of a page: start and n for api (results start..start+n-1);
 * first and n for ids (identifiers first..first+n-1); token for oai
 * (NULL for the first page).  A new string, NULL when out of memory.
 */
char	*source_url(const struct source *, const struct source_bases *,
	    long start, long n, const char *token);

/* 1 if s is a valid OAI-PMH date: YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ. */
int	source_valid_date(const char *s);

#endif
