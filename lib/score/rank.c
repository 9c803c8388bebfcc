#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "buf.h"
#include "errmsg.h"
#include "rank.h"

void
rank_init(struct rank *rk, int compat, long max, int keep_all)
{
	memset(rk, 0, sizeof(*rk));
	rk->compat = compat;
	rk->max = max;
	rk->keep_all = keep_all;
}

int
rank_cmp(const struct rank *rk, const struct rank_cand *a,
    const struct rank_cand *b)
{
	int c;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (rk->compat)
		return a->serial < b->serial ? -1 : a->serial > b->serial;
	if ((a->published == NULL) != (b->published == NULL))
		return a->published == NULL ? 1 : -1;
	if (a->published && (c = strcmp(a->published, b->published)) != 0)
		return -c;
	if ((c = strcmp(a->id, b->id)) != 0)
		return c;
	if (a->version != b->version)
		return a->version > b->version ? -1 : 1;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return 0;
}

static void
cand_clear(struct rank_cand *c)
{
	free(c->published);
	free(c->id);
	free(c->text);
	free(c->dropped);
	memset(c, 0, sizeof(*c));
}

void
rank_free(struct rank *rk)
{
	size_t i;

	for (i = 0; i < rk->nc; i++)
		cand_clear(&rk->c[i]);
	free(rk->c);
	free(rk->freelist);
	free(rk->heap);
	free(rk->order);
	if (rk->spool)
		fclose(rk->spool);
	memset(rk, 0, sizeof(*rk));
}

long
rank_new(struct rank *rk)
{
	struct rank_cand *c;
	size_t i;

	if (rk->nfree > 0)
		i = rk->freelist[--rk->nfree];
	else {
		if (rk->nc == rk->capc) {
			size_t cap = rk->capc ? rk->capc * 2 : 64;

			if ((c = realloc(rk->c, cap * sizeof(*c))) == NULL)
				return -1;
			rk->c = c;
			rk->capc = cap;
		}
		i = rk->nc++;
	}
	memset(&rk->c[i], 0, sizeof(rk->c[i]));
	rk->c[i].off = -1;
	rk->c[i].heap_pos = -1;
	return (long)i;
}

static void
free_cand(struct rank *rk, size_t i)
{
	size_t *f;

	cand_clear(&rk->c[i]);
	if ((f = realloc(rk->freelist, (rk->nfree + 1) * sizeof(*f))) ==
	    NULL)
		return;	/* the entry is merely not reused */
	rk->freelist = f;
	rk->freelist[rk->nfree++] = i;
}

/* 1 if heap entry a should sit above b: a ranks after b (the worst on top). */
static int
heap_above(const struct rank *rk, size_t a, size_t b)
{
	return rank_cmp(rk, &rk->c[a], &rk->c[b]) > 0;
}

static void
heap_set(struct rank *rk, size_t pos, size_t ci)
{
	rk->heap[pos] = ci;
	rk->c[ci].heap_pos = (long)pos;
}

static void
heap_up(struct rank *rk, size_t pos)
{
	size_t ci = rk->heap[pos], parent;

	while (pos > 0) {
		parent = (pos - 1) / 2;
		if (!heap_above(rk, ci, rk->heap[parent]))
			break;
		heap_set(rk, pos, rk->heap[parent]);
		pos = parent;
	}
	heap_set(rk, pos, ci);
}

static void
heap_down(struct rank *rk, size_t pos)
{
	size_t ci = rk->heap[pos], child;

	for (;;) {
		child = 2 * pos + 1;
		if (child >= rk->nheap)
			break;
		if (child + 1 < rk->nheap &&
		    heap_above(rk, rk->heap[child + 1], rk->heap[child]))
			child++;
		if (!heap_above(rk, rk->heap[child], ci))
			break;
		heap_set(rk, pos, rk->heap[child]);
		pos = child;
	}
	heap_set(rk, pos, ci);
}

void
rank_remove(struct rank *rk, size_t ci)
{
	size_t pos = (size_t)rk->c[ci].heap_pos, last;

	rk->c[ci].heap_pos = -1;
	last = rk->heap[--rk->nheap];
	if (pos == rk->nheap)
		return;
	heap_set(rk, pos, last);
	heap_up(rk, pos);
	heap_down(rk, (size_t)rk->c[last].heap_pos);
}

/* Move a candidate's text to the spool (or forget it if nothing needs it). */
int
rank_evict(struct rank *rk, size_t ci)
{
	struct rank_cand *c = &rk->c[ci];

	if (!rk->keep_all) {
		free_cand(rk, ci);
		return 0;
	}
	if (rk->spool == NULL && (rk->spool = tmpfile()) == NULL)
		return -1;
	if (fseeko(rk->spool, rk->spool_end, SEEK_SET) == -1 ||
	    fwrite(c->text, 1, c->len, rk->spool) != c->len)
		return -1;
	c->off = rk->spool_end;
	rk->spool_end += (off_t)c->len;
	free(c->text);
	c->text = NULL;
	return 0;
}

int
rank_compat_loses(const struct rank *rk, double score)
{
	if (!rk->compat || rk->keep_all || rk->max < 0 ||
	    rk->nheap < (size_t)rk->max)
		return 0;
	/* In input order, a later record loses every tie. */
	return rk->max == 0 || score <= rk->c[rk->heap[0]].score;
}

/* Offer a live candidate to the heap of the best max_papers. */
int
rank_offer(struct rank *rk, size_t ci)
{
	long k = rk->max;
	size_t *h, worst;

	if (k < 0 || rk->nheap < (size_t)k) {
		if (rk->nheap % 64 == 0) {
			h = realloc(rk->heap, (rk->nheap + 64) * sizeof(*h));
			if (h == NULL)
				return -1;
			rk->heap = h;
		}
		rk->heap[rk->nheap++] = ci;
		heap_up(rk, rk->nheap - 1);
		return 0;
	}
	if (k == 0)
		return rank_evict(rk, ci);
	worst = rk->heap[0];
	if (rank_cmp(rk, &rk->c[ci], &rk->c[worst]) >= 0)
		return rank_evict(rk, ci);
	heap_set(rk, 0, ci);
	heap_down(rk, 0);
	rk->c[worst].heap_pos = -1;
	return rank_evict(rk, worst);
}

/* qsort() has no argument for its comparison: the run being sorted. */
static const struct rank *sort_rank;

static int
cmp_rank(const void *a, const void *b)
{
	return rank_cmp(sort_rank, &sort_rank->c[*(const size_t *)a],
	    &sort_rank->c[*(const size_t *)b]);
}

static int
cmp_serial(const void *a, const void *b)
{
	const struct rank_cand *ca = &sort_rank->c[*(const size_t *)a];
	const struct rank_cand *cb = &sort_rank->c[*(const size_t *)b];

	return ca->serial < cb->serial ? -1 : ca->serial > cb->serial;
}

int
rank_finish(struct rank *rk, int explain, char *err, size_t errlen)
{
	long k = rk->max;
	size_t i, nlive = 0, ndrop = 0, *live, *dropped;
	char why[128];

	if ((rk->order = calloc(rk->nc + 1, sizeof(size_t))) == NULL ||
	    (live = calloc(rk->nc + 1, sizeof(size_t))) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	dropped = rk->order;
	for (i = 0; i < rk->nc; i++) {
		if (rk->c[i].id == NULL)
			continue;	/* a freed entry */
		if (rk->c[i].dropped)
			dropped[ndrop++] = i;
		else
			live[nlive++] = i;
	}
	sort_rank = rk;
	qsort(live, nlive, sizeof(*live), cmp_rank);
	if (k >= 0 && nlive > (size_t)k) {
		snprintf(why, sizeof(why), "not in the best %ld (max_papers)",
		    k);
		for (i = (size_t)k; i < nlive; i++) {
			if ((rk->c[live[i]].dropped = strdup(why)) == NULL) {
				free(live);
				errmsg_set(err, errlen, "out of memory");
				return -1;
			}
			dropped[ndrop++] = live[i];
		}
		nlive = (size_t)k;
	}
	qsort(dropped, ndrop, sizeof(*dropped), cmp_serial);
	if (!explain)
		ndrop = 0;
	/* The output: the kept papers best first, then the dropped ones. */
	memmove(rk->order + nlive, dropped, ndrop * sizeof(size_t));
	memcpy(rk->order, live, nlive * sizeof(size_t));
	rk->norder = nlive + ndrop;
	free(live);
	return 0;
}

int
rank_text(struct rank *rk, size_t ci, struct buf *out, char *err,
    size_t errlen)
{
	const struct rank_cand *c = &rk->c[ci];

	buf_reset(out);
	if (c->text) {
		if (buf_add(out, c->text, c->len) == -1) {
			errmsg_set(err, errlen, "out of memory");
			return -1;
		}
		return 0;
	}
	if (buf_grow(out, c->len + 1) == -1 ||
	    fseeko(rk->spool, c->off, SEEK_SET) == -1 ||
	    fread(out->data, 1, c->len, rk->spool) != c->len) {
		errmsg_set(err, errlen, "temporary file: read error");
		return -1;
	}
	out->len = c->len;
	out->data[out->len] = '\0';
	return 0;
}

int
rank_next(struct rank *rk, struct buf *out, struct rank_cand **cp, char *err,
    size_t errlen)
{
	size_t ci;

	if (rk->next >= rk->norder)
		return 0;
	ci = rk->order[rk->next++];
	if (rank_text(rk, ci, out, err, errlen) == -1)
		return -1;
	*cp = &rk->c[ci];
	return 1;
}
