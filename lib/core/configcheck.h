/*
 * The whole configuration checked at once, as a new user's first run
 * needs it (arxivpipe-config(5)): every key that no stage knows, every
 * block of the wrong type, every category outside arXiv's taxonomy,
 * negative counts and unknown announce types, each named, with the
 * nearest known key or category where one is close.
 *
 * Stages read only their own keys and never reject another's (config.h);
 * this module is the one place that knows all of them, for
 * arxiv-score --check-config and so for arxivpipe-daily before it fetches.
 *
 * Ownership: configcheck_run() fills a caller's zeroed struct configcheck
 * with messages it owns; configcheck_free() releases them.  The config is
 * borrowed.
 */
#ifndef CONFIGCHECK_H
#define CONFIGCHECK_H

#include <stddef.h>

struct buf;
struct config;

struct configcheck_msg {
	int	 error;		/* 1: an error, 0: a warning */
	char	*text;		/* "unknown key \"keyword\" (did you mean ...)" */
};

struct configcheck {
	struct configcheck_msg	*m;
	size_t			 n, cap;
	size_t			 nerrors;
};

/* Check c; the messages are in cc, in key order.  -1 out of memory. */
int	configcheck_run(struct configcheck *cc, const struct config *c);
void	configcheck_free(struct configcheck *cc);

/* 1 if cat is an arXiv category ("cs.AI") or archive ("cs", "hep-th"). */
int	configcheck_is_category(const char *cat);

/*
 * The element of set (n strings) nearest to s by edit distance, compared
 * case-insensitively and ignoring surrounding white space, or NULL if
 * none is close enough to be a likely typo.  Borrowed from set.
 */
const char *configcheck_nearest(const char *s, const char *const *set,
	    size_t n);

/* The nearest arXiv category to cat, as configcheck_nearest(). */
const char *configcheck_nearest_category(const char *cat);
/*
 * What arxivpipe-daily needs to know of the configuration, appended to
 * out as "key value" lines: "categories cs.AI cs.LG" (those in the
 * taxonomy), "keep_data_days 14", "readme_template FILE" (when set) and
 * "fulltext 1" (when ai_summary is enabled with input fulltext, its
 * default), and "mail_KEY value" for each string of the mail block.
 * -1 out of memory.
 */
int	configcheck_daily(const struct config *c, struct buf *out);

#endif
