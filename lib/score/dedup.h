/*
 * Dedup for arxiv-score: papers that share an id, a title (lower-cased,
 * white space collapsed) or a link.  The default rule is decided by the
 * records alone (the higher version, then the lower id, then the better
 * rank), so input order and sharding do not change the result; --compat
 * keeps the bot's rule, the first occurrence wins.
 *
 * Ownership: a struct dedup is set up by dedup_init() and released by
 * dedup_free(); it borrows the struct rank it marks candidates in.
 */
#ifndef DEDUP_H
#define DEDUP_H

#include <stddef.h>

#include "buf.h"

struct paper;
struct rank;
struct scoreconf;
struct strmap;

struct dedup {
	struct strmap	*keys;		/* key -> candidate index + 1 */
	struct strmap	*compat_keys;	/* keys seen (--compat) */
	struct buf	 key, title;
};

/* 0, or -1 when out of memory. */
int	dedup_init(struct dedup *);
void	dedup_free(struct dedup *);

/*
 * Apply the configuration's keys to candidate ci of rk (the paper p):
 * the loser of a shared key is marked dropped ("duplicate of ...") and,
 * if it was in the heap, evicted.  -1 when out of memory.
 */
int	dedup_paper(struct dedup *, const struct scoreconf *, struct rank *rk,
	    size_t ci, const struct paper *p);

/* The bot's dedup: *dup is 1 if an earlier paper had p's id or title. */
int	dedup_compat(struct dedup *, const struct scoreconf *,
	    const struct paper *p, int *dup);

/* A title as a dedup key into out: lower-cased, white space collapsed. */
int	dedup_title_key(struct buf *out, const char *s, size_t n);

#endif
