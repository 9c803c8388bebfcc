/*
 * Ranking arxiv-score's candidates: the best max_papers in a heap (the
 * worst on top, so a better paper replaces it in O(log k)), the others
 * that dedup or --explain may still need written to a temporary file
 * (the spool) with a small index entry left in memory.
 *
 * A candidate's text is its output line without the closing brace: the
 * record without score's own fields (base_len bytes), then those fields.
 *
 * Ownership: a struct rank is zeroed, set up with rank_init() and
 * released with rank_free(); it owns every candidate's strings.
 */
#ifndef RANK_H
#define RANK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

struct buf;

struct rank_cand {
	double		 score;
	char		*published;
	char		*id;
	long		 version;
	uint64_t	 hash;		/* hash_fnv1a of the base: the last
					   tie-break, the same on every machine;
					   0 until a twin needs it */
	unsigned long	 serial;	/* input order */
	char		*text;		/* base + fields, in memory */
	size_t		 len, base_len;
	off_t		 off;		/* in the spool, or -1 */
	long		 heap_pos;	/* -1: not in the heap */
	int		 update;
	char		*dropped;	/* why, or NULL when kept */
};

struct rank {
	int			 compat;	/* ties by input order */
	long			 max;		/* heap size; -1: all */
	int			 keep_all;	/* spool what leaves the heap */
	struct rank_cand	*c;		/* every candidate tracked */
	size_t			 nc, capc;
	size_t			*freelist;	/* reusable entries of c */
	size_t			 nfree;
	size_t			*heap;
	size_t			 nheap;
	FILE			*spool;
	off_t			 spool_end;
	size_t			*order;		/* the output, at the end */
	size_t			 norder, next;
};

void	rank_init(struct rank *, int compat, long max, int keep_all);
void	rank_free(struct rank *);

/* A new zeroed candidate's index, or -1 when out of memory. */
long	rank_new(struct rank *);
/* <0 if a ranks before b: score, then date, id, version, hash. */
int	rank_cmp(const struct rank *, const struct rank_cand *a,
	    const struct rank_cand *b);
/*
 * 1 if, in compat order with the heap full and nothing spooled, a record
 * of this score would leave the heap as soon as offered: it need not be
 * made a candidate at all.
 */
int	rank_compat_loses(const struct rank *, double score);
/* Offer candidate ci to the heap; what falls out is evicted.  -1 on error. */
int	rank_offer(struct rank *, size_t ci);
/* Take ci out of the heap (dedup found it a duplicate). */
void	rank_remove(struct rank *, size_t ci);
/* Candidate ci's text (from memory or the spool) into out; -1 with err. */
int	rank_text(struct rank *, size_t ci, struct buf *out, char *err,
	    size_t errlen);
/* Move ci's text to the spool, or forget ci if nothing needs it; -1. */
int	rank_evict(struct rank *, size_t ci);

/*
 * End of input: the output order, the kept candidates best first (those
 * past max marked "not in the best N"), then, with explain, the dropped
 * ones in input order.  -1 with err.
 */
int	rank_finish(struct rank *, int explain, char *err, size_t errlen);
/* The next candidate of the output with its text in out: 1, 0 at the end,
 * -1 with err. */
int	rank_next(struct rank *, struct buf *out, struct rank_cand **,
	    char *err, size_t errlen);

#endif
