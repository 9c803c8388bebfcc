#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dedup.h"
#include "fold.h"
#include "rank.h"
#include "record.h"
#include "scoreconf.h"
#include "strmap.h"

int
dedup_init(struct dedup *dd)
{
	memset(dd, 0, sizeof(*dd));
	if ((dd->keys = strmap_new()) == NULL ||
	    (dd->compat_keys = strmap_new()) == NULL) {
		dedup_free(dd);
		return -1;
	}
	return 0;
}

void
dedup_free(struct dedup *dd)
{
	strmap_free(dd->keys);
	strmap_free(dd->compat_keys);
	buf_free(&dd->key);
	buf_free(&dd->title);
	memset(dd, 0, sizeof(*dd));
}

/*
 * 1 if a should be kept over b sharing a key: the higher version, then
 * (title and link) the lower id, then the better rank.  Decided by the
 * records alone, so input order and sharding do not matter.
 */
static int
dedup_wins(const struct rank *rk, const struct rank_cand *a,
    const struct rank_cand *b)
{
	int c;

	if (a->version != b->version)
		return a->version > b->version;
	if ((c = strcmp(a->id, b->id)) != 0)
		return c < 0;
	return rank_cmp(rk, a, b) < 0;
}

static int
set_dropped(struct rank_cand *c, const struct rank_cand *by,
    const char *why)
{
	char buf[512];

	if (c->dropped)
		return 0;
	if (by->version > 0)
		snprintf(buf, sizeof(buf), "duplicate of %sv%ld (%s)", by->id,
		    by->version, why);
	else
		snprintf(buf, sizeof(buf), "duplicate of %s (%s)", by->id, why);
	return (c->dropped = strdup(buf)) == NULL ? -1 : 0;
}

/* Apply one dedup key (kind + text) to candidate ci. */
static int
dedup_key(struct dedup *dd, struct rank *rk, size_t ci, char kind,
    const char *s, size_t n, const char *why)
{
	long *slot;
	size_t wi;
	int found;

	buf_reset(&dd->key);
	if (buf_addc(&dd->key, kind) == -1 || buf_add(&dd->key, s, n) == -1)
		return -1;
	if ((slot = strmap_slot(dd->keys, dd->key.data, dd->key.len,
	    &found)) == NULL)
		return -1;
	if (!found) {
		*slot = (long)ci + 1;
		return 0;
	}
	wi = (size_t)(*slot - 1);
	if (wi == ci)
		return 0;
	if (dedup_wins(rk, &rk->c[ci], &rk->c[wi])) {
		*slot = (long)ci + 1;
		if (set_dropped(&rk->c[wi], &rk->c[ci], why) == -1)
			return -1;
		if (rk->c[wi].heap_pos >= 0) {
			rank_remove(rk, wi);
			if (rank_evict(rk, wi) == -1)
				return -1;
		}
	} else if (set_dropped(&rk->c[ci], &rk->c[wi], why) == -1)
		return -1;
	return 0;
}

/* A title as a dedup key: lower-cased, white space collapsed. */
int
dedup_title_key(struct buf *out, const char *s, size_t n)
{
	size_t i, j;
	char *d;

	buf_reset(out);
	if (fold_lower(out, s, n) == -1)
		return -1;
	d = out->data;
	for (i = j = 0; i < out->len; i++) {
		char ch = d[i];

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			if (j > 0 && d[j - 1] != ' ')
				d[j++] = ' ';
		} else
			d[j++] = ch;
	}
	if (j > 0 && d[j - 1] == ' ')
		j--;
	out->len = j;
	d[j] = '\0';
	return 0;
}

/* The bot's dedup, first occurrence wins: 1 if p is a duplicate. */
int
dedup_compat(struct dedup *dd, const struct scoreconf *conf,
    const struct paper *p, int *dup)
{
	int found;

	*dup = 0;
	if (!conf->rules || !conf->dedup)
		return 0;
	if (conf->dedup_id || conf->dedup_link) {
		buf_reset(&dd->key);
		if (buf_addc(&dd->key, 'i') == -1 ||
		    buf_adds(&dd->key, p->id) == -1)
			return -1;
		if (strmap_get(dd->compat_keys, dd->key.data,
		    dd->key.len) != NULL) {
			*dup = 1;
			return 0;
		}
	}
	/* Looked up and taken in one step: the title is hashed once. */
	if (conf->dedup_title && p->title) {
		if (dedup_title_key(&dd->title, p->title, strlen(p->title)) == -1)
			return -1;
		buf_reset(&dd->key);
		if (buf_addc(&dd->key, 't') == -1 || buf_add(&dd->key,
		    dd->title.data, dd->title.len) == -1 ||
		    strmap_slot(dd->compat_keys, dd->key.data, dd->key.len,
		    &found) == NULL)
			return -1;
		if (found) {
			*dup = 1;
			return 0;
		}
	}
	buf_reset(&dd->key);
	if (buf_addc(&dd->key, 'i') == -1 || buf_adds(&dd->key, p->id) == -1)
		return -1;
	if ((conf->dedup_id || conf->dedup_link) &&
	    strmap_slot(dd->compat_keys, dd->key.data, dd->key.len,
	    &found) == NULL)
		return -1;
	return 0;
}

int
dedup_paper(struct dedup *dd, const struct scoreconf *conf, struct rank *rk,
    size_t ci, const struct paper *p)
{
	if (conf->dedup_id &&
	    dedup_key(dd, rk, ci, 'i', p->id, strlen(p->id), "same id") == -1)
		return -1;
	if (conf->dedup_title && p->title) {
		if (dedup_title_key(&dd->title, p->title,
		    strlen(p->title)) == -1 ||
		    dedup_key(dd, rk, ci, 't', dd->title.data, dd->title.len,
		    "same title") == -1)
			return -1;
	}
	if (conf->dedup_link && p->link_abs &&
	    dedup_key(dd, rk, ci, 'l', p->link_abs, strlen(p->link_abs),
	    "same link") == -1)
		return -1;
	return 0;
}
