#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <json.h>

#include "buf.h"
#include "errmsg.h"
#include "fold.h"
#include "jscan.h"
#include "ndjson.h"
#include "record.h"
#include "score.h"
#include "scoreconf.h"
#include "scorerun.h"
#include "seen.h"
#include "strmap.h"
#include "tfidf.h"

/* The fields arxiv-score writes; an input's own are replaced. */
static const char *own_fields[] = {
	"score", "matches", "similarity", "update", "dropped"
};

/*
 * A paper held until the end.  Its output line is base + fields + "}"
 * when kept, base + ,"dropped":reason + "}" when dropped; base is the
 * record without score's fields and without its closing brace.
 */
struct cand {
	double		 score;
	char		*published;
	char		*id;
	long		 version;
	uint64_t	 hash;		/* of base: the last tie-break */
	unsigned long	 serial;	/* input order */
	char		*text;		/* base + fields, in memory */
	size_t		 len, base_len;
	off_t		 off;		/* in the spool, or -1 */
	long		 heap_pos;	/* -1: not in the heap */
	int		 update;
	char		*dropped;	/* why, or NULL when kept */
};

struct scorerun {
	const struct scoreconf	*conf;
	struct scorerun_opts	 opts;
	struct score		*score;
	struct seen		*seen;
	struct tfidf		*lib;		/* --library */
	double			 similarity;	/* of the paper at hand */
	struct score_result	 res;
	struct jscan		 js, links;
	struct buf		 title, abstract, comment, scratch, scratch2;
	struct buf		 authors, categories, base, fields, out, key;
	struct cand		*c;		/* every candidate kept track of */
	size_t			 nc, capc;
	size_t			*freelist;	/* reusable entries of c */
	size_t			 nfree;
	size_t			*heap;		/* worst candidate on top */
	size_t			 nheap;
	struct strmap		*keys;		/* dedup key -> index + 1 */
	struct strmap		*compat_keys;
	FILE			*spool;
	off_t			 spool_end;
	unsigned long		 serial;
	int			 keep_all;	/* explain or dedup: spool */
	size_t			*order;		/* the output, at the end */
	size_t			 norder, next;
};

static int
rank_cmp(const struct scorerun *run, const struct cand *a, const struct cand *b)
{
	int c;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (run->opts.compat)
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

/*
 * A hash of a record's bytes, the last tie-break between two records of
 * the same paper and version.  Eight bytes a step, read little-endian so
 * that every machine ranks the same way.
 */
static uint64_t
hash_bytes(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;
	size_t i, k;

	for (i = 0; i < n; i += 8) {
		for (w = 0, k = 0; k < 8 && i + k < n; k++)
			w |= (uint64_t)u[i + k] << (8 * k);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	return h;
}

struct scorerun *
scorerun_new(const struct scoreconf *conf, const struct scorerun_opts *opts,
    char *err, size_t errlen)
{
	struct scorerun *run;

	if ((run = calloc(1, sizeof(*run))) == NULL)
		goto nomem;
	run->conf = conf;
	run->opts = *opts;
	if ((run->score = score_new(conf, opts->compat, opts->now, err,
	    errlen)) == NULL) {
		scorerun_free(run);
		return NULL;
	}
	score_reasons(run->score, opts->explain);
	if (opts->seen && (run->seen = seen_load(opts->seen, err,
	    errlen)) == NULL) {
		scorerun_free(run);
		return NULL;
	}
	if (opts->library && (run->lib = tfidf_load(opts->library, err,
	    errlen)) == NULL) {
		scorerun_free(run);
		return NULL;
	}
	if ((run->keys = strmap_new()) == NULL ||
	    (run->compat_keys = strmap_new()) == NULL)
		goto nomem;
	run->keep_all = opts->explain || (conf->rules && conf->dedup &&
	    !opts->compat);
	return run;
nomem:
	scorerun_free(run);
	errmsg_set(err, errlen, "out of memory");
	return NULL;
}

static void
cand_clear(struct cand *c)
{
	free(c->published);
	free(c->id);
	free(c->text);
	free(c->dropped);
	memset(c, 0, sizeof(*c));
}

void
scorerun_free(struct scorerun *run)
{
	size_t i;

	if (run == NULL)
		return;
	score_free(run->score);
	seen_free(run->seen);
	tfidf_free(run->lib);
	score_result_free(&run->res);
	buf_free(&run->title);
	buf_free(&run->abstract);
	buf_free(&run->comment);
	buf_free(&run->scratch);
	buf_free(&run->scratch2);
	buf_free(&run->authors);
	buf_free(&run->categories);
	buf_free(&run->base);
	buf_free(&run->fields);
	buf_free(&run->out);
	buf_free(&run->key);
	for (i = 0; i < run->nc; i++)
		cand_clear(&run->c[i]);
	free(run->c);
	free(run->freelist);
	free(run->heap);
	free(run->order);
	strmap_free(run->keys);
	strmap_free(run->compat_keys);
	if (run->spool)
		fclose(run->spool);
	free(run);
}

static int
is_own_field(const char *k, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(own_fields) / sizeof(own_fields[0]); i++)
		if (strlen(own_fields[i]) == n && memcmp(own_fields[i], k, n) == 0)
			return 1;
	return 0;
}

/* --- reading a paper's fields: from the scan, or from json-c --- */

static int
bad_type(char *err, size_t errlen, const char *field, const char *what)
{
	errmsg_set(err, errlen, "paper: %s: expected %s", field, what);
	return -1;
}

/* A string or null member of the scan. */
static int
scan_str(const struct jscan *js, const char *key, struct buf *scratch,
    const char **s, size_t *n, char *err, size_t errlen)
{
	const struct jscan_member *m = jscan_get(js, key);

	*s = NULL;
	*n = 0;
	if (m == NULL || m->type == JSCAN_NULL)
		return 0;
	if (m->type != JSCAN_STRING)
		return bad_type(err, errlen, key, "a string");
	if (jscan_string(m, scratch, s, n) == -1)
		return bad_type(err, errlen, key, "a string");
	return 0;
}

static int
scan_strs(const struct jscan *js, const char *key, struct buf *out,
    size_t *n, char *err, size_t errlen)
{
	const struct jscan_member *m = jscan_get(js, key);

	buf_reset(out);
	*n = 0;
	if (m == NULL || m->type == JSCAN_NULL)
		return 0;
	if (jscan_strings(m, out, n) == -1)
		return bad_type(err, errlen, key, "an array of strings");
	return 0;
}

static int
parse_version(const char *s, size_t n, long *v)
{
	size_t i;

	*v = 0;
	if (n == 0 || n > 9)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/*
 * Check the types of the fields scoring reads, all of them up front, so
 * that a paper is refused for the same reasons whichever fields the rules
 * go on to decode (and whether the line takes the json-c path).
 */
static int
scan_types(const struct jscan *js, char *err, size_t errlen)
{
	static const char *strs[] = {
		"title", "abstract", "comment", "announce_type", "published"
	};
	static const char *arrays[] = { "authors", "categories" };
	const struct jscan_member *m;
	size_t i;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if ((m = jscan_get(js, strs[i])) != NULL &&
		    m->type != JSCAN_NULL && m->type != JSCAN_STRING)
			return bad_type(err, errlen, strs[i], "a string");
	for (i = 0; i < sizeof(arrays) / sizeof(arrays[0]); i++)
		if ((m = jscan_get(js, arrays[i])) != NULL &&
		    m->type != JSCAN_NULL && !jscan_is_strings(m))
			return bad_type(err, errlen, arrays[i],
			    "an array of strings");
	return 0;
}

/* The cheap fields of a scanned paper: id, version, announce type, ... */
static int
scan_cheap(struct scorerun *run, struct score_paper *p, const char **link,
    size_t *linklen, char *err, size_t errlen)
{
	const struct jscan *js = &run->js;
	const struct jscan_member *m;

	memset(p, 0, sizeof(*p));
	*link = NULL;
	*linklen = 0;
	if (scan_types(js, err, errlen) == -1)
		return -1;
	if ((m = jscan_get(js, "id")) == NULL || m->type != JSCAN_STRING ||
	    m->vallen == 0)
		return bad_type(err, errlen, "id", "a string");
	if (m->escaped)
		return bad_type(err, errlen, "id", "an arXiv identifier");
	p->id = m->val;
	p->id_len = m->vallen;
	if ((m = jscan_get(js, "version")) != NULL && m->type != JSCAN_NULL &&
	    (m->type != JSCAN_NUMBER ||
	    parse_version(m->val, m->vallen, &p->version) == -1))
		return bad_type(err, errlen, "version", "a whole number");
	if (scan_str(js, "announce_type", &run->scratch, &p->announce,
	    &p->announce_len, err, errlen) == -1 ||
	    scan_str(js, "published", &run->scratch2, &p->published,
	    &p->published_len, err, errlen) == -1)
		return -1;
	if (scan_strs(js, "categories", &run->categories, &p->ncategories,
	    err, errlen) == -1)
		return -1;
	p->categories = buf_str(&run->categories);
	p->categories_len = run->categories.len;
	if ((m = jscan_get(js, "links")) != NULL && m->type == JSCAN_OBJECT &&
	    jscan_object(&run->links, m->val, m->vallen) == 0) {
		const struct jscan_member *abs = jscan_get(&run->links, "abs");

		if (abs && abs->type == JSCAN_STRING && !abs->escaped) {
			*link = abs->val;
			*linklen = abs->vallen;
		}
	}
	return 0;
}

/* The text fields of a scanned paper that the rules look at. */
static int
scan_text(struct scorerun *run, struct score_paper *p, char *err,
    size_t errlen)
{
	const struct jscan *js = &run->js;
	unsigned used = score_fields_used(run->score);

	if (p->title == NULL && scan_str(js, "title", &run->title, &p->title,
	    &p->title_len, err, errlen) == -1)
		return -1;
	if (scan_str(js, "abstract", &run->abstract, &p->abstract,
	    &p->abstract_len, err, errlen) == -1)
		return -1;
	if ((used & SCORE_F_COMMENT) && scan_str(js, "comment", &run->comment,
	    &p->comment, &p->comment_len, err, errlen) == -1)
		return -1;
	if (used & SCORE_F_AUTHORS) {
		if (scan_strs(js, "authors", &run->authors, &p->nauthors, err,
		    errlen) == -1)
			return -1;
		p->authors = buf_str(&run->authors);
		p->authors_len = run->authors.len;
	}
	return 0;
}

/* The base of a canonical line: its members but score's, no closing brace. */
static int
scan_base(struct scorerun *run)
{
	const struct jscan *js = &run->js;
	size_t i;
	int rc = 0, first = 1;

	buf_reset(&run->base);
	rc |= buf_addc(&run->base, '{');
	for (i = 0; i < js->n; i++) {
		if (is_own_field(js->m[i].key, js->m[i].keylen))
			continue;
		if (!first)
			rc |= buf_addc(&run->base, ',');
		first = 0;
		rc |= buf_add(&run->base, js->m[i].start,
		    (size_t)(js->m[i].end - js->m[i].start));
	}
	return rc ? -1 : 0;
}

static int
obj_str(struct json_object *o, const char *key, const char **s, size_t *n,
    char *err, size_t errlen)
{
	struct json_object *v;

	*s = NULL;
	*n = 0;
	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return bad_type(err, errlen, key, "a string");
	*s = json_object_get_string(v);
	*n = (size_t)json_object_get_string_len(v);
	return 0;
}

static int
obj_strs(struct json_object *o, const char *key, struct buf *out, size_t *n,
    char *err, size_t errlen)
{
	struct json_object *v, *e;
	size_t i, len;

	buf_reset(out);
	*n = 0;
	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_array))
		return bad_type(err, errlen, key, "an array of strings");
	len = json_object_array_length(v);
	for (i = 0; i < len; i++) {
		e = json_object_array_get_idx(v, i);
		if (!json_object_is_type(e, json_type_string))
			return bad_type(err, errlen, key,
			    "an array of strings");
		if (buf_add(out, json_object_get_string(e),
		    (size_t)json_object_get_string_len(e)) == -1 ||
		    buf_addc(out, '\0') == -1)
			return -1;
		(*n)++;
	}
	return 0;
}

/* scan_types() for a json-c object. */
static int
obj_types(struct json_object *o, char *err, size_t errlen)
{
	static const char *strs[] = {
		"title", "abstract", "comment", "announce_type", "published"
	};
	static const char *arrays[] = { "authors", "categories" };
	struct json_object *v;
	size_t i, j;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (json_object_object_get_ex(o, strs[i], &v) && v != NULL &&
		    !json_object_is_type(v, json_type_string))
			return bad_type(err, errlen, strs[i], "a string");
	for (i = 0; i < sizeof(arrays) / sizeof(arrays[0]); i++) {
		if (!json_object_object_get_ex(o, arrays[i], &v) || v == NULL)
			continue;
		if (!json_object_is_type(v, json_type_array))
			return bad_type(err, errlen, arrays[i],
			    "an array of strings");
		for (j = 0; j < json_object_array_length(v); j++)
			if (!json_object_is_type(json_object_array_get_idx(v,
			    j), json_type_string))
				return bad_type(err, errlen, arrays[i],
				    "an array of strings");
	}
	return 0;
}

/* The same fields from a json-c object (the slow path). */
static int
obj_paper(struct scorerun *run, struct json_object *o, struct score_paper *p,
    const char **link, size_t *linklen, char *err, size_t errlen)
{
	struct json_object *v, *links, *abs;
	size_t i;
	int64_t ver;

	memset(p, 0, sizeof(*p));
	*link = NULL;
	*linklen = 0;
	if (obj_types(o, err, errlen) == -1)
		return -1;
	if (!json_object_object_get_ex(o, "id", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    json_object_get_string_len(v) == 0)
		return bad_type(err, errlen, "id", "a string");
	p->id = json_object_get_string(v);
	p->id_len = (size_t)json_object_get_string_len(v);
	for (i = 0; i < p->id_len; i++)
		if ((unsigned char)p->id[i] < 0x20 || p->id[i] == '"' ||
		    p->id[i] == '\\')
			return bad_type(err, errlen, "id",
			    "an arXiv identifier");
	if (json_object_object_get_ex(o, "version", &v) && v != NULL) {
		if (!json_object_is_type(v, json_type_int) ||
		    (ver = json_object_get_int64(v)) < 0 || ver > 999999999)
			return bad_type(err, errlen, "version",
			    "a whole number");
		p->version = (long)ver;
	}
	if (obj_str(o, "announce_type", &p->announce, &p->announce_len, err,
	    errlen) == -1 ||
	    obj_str(o, "published", &p->published, &p->published_len, err,
	    errlen) == -1 ||
	    obj_str(o, "title", &p->title, &p->title_len, err, errlen) == -1 ||
	    obj_str(o, "abstract", &p->abstract, &p->abstract_len, err,
	    errlen) == -1 ||
	    obj_str(o, "comment", &p->comment, &p->comment_len, err,
	    errlen) == -1)
		return -1;
	if (obj_strs(o, "categories", &run->categories, &p->ncategories, err,
	    errlen) == -1 ||
	    obj_strs(o, "authors", &run->authors, &p->nauthors, err,
	    errlen) == -1)
		return -1;
	p->categories = buf_str(&run->categories);
	p->categories_len = run->categories.len;
	p->authors = buf_str(&run->authors);
	p->authors_len = run->authors.len;
	if (json_object_object_get_ex(o, "links", &links) &&
	    json_object_is_type(links, json_type_object) &&
	    json_object_object_get_ex(links, "abs", &abs) &&
	    json_object_is_type(abs, json_type_string)) {
		*link = json_object_get_string(abs);
		*linklen = (size_t)json_object_get_string_len(abs);
	}
	return 0;
}

static int
obj_base(struct scorerun *run, struct json_object *o)
{
	const char *s;
	size_t i, len;

	for (i = 0; i < sizeof(own_fields) / sizeof(own_fields[0]); i++)
		json_object_object_del(o, own_fields[i]);
	s = json_object_to_json_string_length(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	if (s == NULL || len < 2)
		return -1;
	buf_reset(&run->base);
	return buf_add(&run->base, s, len - 1);
}

/* --- candidates, the heap and the spool --- */

static long
new_cand(struct scorerun *run)
{
	struct cand *c;
	size_t i;

	if (run->nfree > 0)
		i = run->freelist[--run->nfree];
	else {
		if (run->nc == run->capc) {
			size_t cap = run->capc ? run->capc * 2 : 64;

			if ((c = realloc(run->c, cap * sizeof(*c))) == NULL)
				return -1;
			run->c = c;
			run->capc = cap;
		}
		i = run->nc++;
	}
	memset(&run->c[i], 0, sizeof(run->c[i]));
	run->c[i].off = -1;
	run->c[i].heap_pos = -1;
	return (long)i;
}

static void
free_cand(struct scorerun *run, size_t i)
{
	size_t *f;

	cand_clear(&run->c[i]);
	if ((f = realloc(run->freelist, (run->nfree + 1) * sizeof(*f))) ==
	    NULL)
		return;	/* the entry is merely not reused */
	run->freelist = f;
	run->freelist[run->nfree++] = i;
}

/* 1 if heap entry a should sit above b: a ranks after b (the worst on top). */
static int
heap_above(const struct scorerun *run, size_t a, size_t b)
{
	return rank_cmp(run, &run->c[a], &run->c[b]) > 0;
}

static void
heap_set(struct scorerun *run, size_t pos, size_t ci)
{
	run->heap[pos] = ci;
	run->c[ci].heap_pos = (long)pos;
}

static void
heap_up(struct scorerun *run, size_t pos)
{
	size_t ci = run->heap[pos], parent;

	while (pos > 0) {
		parent = (pos - 1) / 2;
		if (!heap_above(run, ci, run->heap[parent]))
			break;
		heap_set(run, pos, run->heap[parent]);
		pos = parent;
	}
	heap_set(run, pos, ci);
}

static void
heap_down(struct scorerun *run, size_t pos)
{
	size_t ci = run->heap[pos], child;

	for (;;) {
		child = 2 * pos + 1;
		if (child >= run->nheap)
			break;
		if (child + 1 < run->nheap &&
		    heap_above(run, run->heap[child + 1], run->heap[child]))
			child++;
		if (!heap_above(run, run->heap[child], ci))
			break;
		heap_set(run, pos, run->heap[child]);
		pos = child;
	}
	heap_set(run, pos, ci);
}

static void
heap_remove(struct scorerun *run, size_t ci)
{
	size_t pos = (size_t)run->c[ci].heap_pos, last;

	run->c[ci].heap_pos = -1;
	last = run->heap[--run->nheap];
	if (pos == run->nheap)
		return;
	heap_set(run, pos, last);
	heap_up(run, pos);
	heap_down(run, (size_t)run->c[last].heap_pos);
}

/* Move a candidate's text to the spool (or forget it if nothing needs it). */
static int
evict(struct scorerun *run, size_t ci)
{
	struct cand *c = &run->c[ci];

	if (!run->keep_all) {
		free_cand(run, ci);
		return 0;
	}
	if (run->spool == NULL && (run->spool = tmpfile()) == NULL)
		return -1;
	if (fseeko(run->spool, run->spool_end, SEEK_SET) == -1 ||
	    fwrite(c->text, 1, c->len, run->spool) != c->len)
		return -1;
	c->off = run->spool_end;
	run->spool_end += (off_t)c->len;
	free(c->text);
	c->text = NULL;
	return 0;
}

/* Offer a live candidate to the heap of the best max_papers. */
static int
offer(struct scorerun *run, size_t ci)
{
	long k = run->conf->rules ? run->conf->max_papers : -1;
	size_t *h, worst;

	if (k < 0 || run->nheap < (size_t)k) {
		if (run->nheap % 64 == 0) {
			h = realloc(run->heap, (run->nheap + 64) * sizeof(*h));
			if (h == NULL)
				return -1;
			run->heap = h;
		}
		run->heap[run->nheap++] = ci;
		heap_up(run, run->nheap - 1);
		return 0;
	}
	if (k == 0)
		return evict(run, ci);
	worst = run->heap[0];
	if (rank_cmp(run, &run->c[ci], &run->c[worst]) >= 0)
		return evict(run, ci);
	heap_set(run, 0, ci);
	heap_down(run, 0);
	run->c[worst].heap_pos = -1;
	return evict(run, worst);
}

/* --- dedup --- */

/*
 * 1 if a should be kept over b sharing a key: the higher version, then
 * (title and link) the lower id, then the better rank.  Decided by the
 * records alone, so input order and sharding do not matter.
 */
static int
dedup_wins(const struct scorerun *run, const struct cand *a,
    const struct cand *b)
{
	int c;

	if (a->version != b->version)
		return a->version > b->version;
	if ((c = strcmp(a->id, b->id)) != 0)
		return c < 0;
	return rank_cmp(run, a, b) < 0;
}

static int
set_dropped(struct cand *c, const struct cand *by, const char *why)
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
dedup_key(struct scorerun *run, size_t ci, char kind, const char *s,
    size_t n, const char *why)
{
	long *slot;
	size_t wi;
	int found;

	buf_reset(&run->key);
	if (buf_addc(&run->key, kind) == -1 || buf_add(&run->key, s, n) == -1)
		return -1;
	if ((slot = strmap_slot(run->keys, run->key.data, run->key.len,
	    &found)) == NULL)
		return -1;
	if (!found) {
		*slot = (long)ci + 1;
		return 0;
	}
	wi = (size_t)(*slot - 1);
	if (wi == ci)
		return 0;
	if (dedup_wins(run, &run->c[ci], &run->c[wi])) {
		*slot = (long)ci + 1;
		if (set_dropped(&run->c[wi], &run->c[ci], why) == -1)
			return -1;
		if (run->c[wi].heap_pos >= 0) {
			heap_remove(run, wi);
			if (evict(run, wi) == -1)
				return -1;
		}
	} else if (set_dropped(&run->c[ci], &run->c[wi], why) == -1)
		return -1;
	return 0;
}

/* A title as a dedup key: lower-cased, white space collapsed. */
static int
title_key(struct buf *out, const char *s, size_t n)
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
static int
compat_dup(struct scorerun *run, const struct score_paper *p, int *dup)
{
	const struct scoreconf *conf = run->conf;
	const long *v;
	long *slot;
	int found, id_dup = 0, title_dup = 0;

	*dup = 0;
	if (!conf->rules || !conf->dedup)
		return 0;
	if (conf->dedup_id || conf->dedup_link) {
		buf_reset(&run->key);
		if (buf_addc(&run->key, 'i') == -1 ||
		    buf_add(&run->key, p->id, p->id_len) == -1)
			return -1;
		v = strmap_get(run->compat_keys, run->key.data, run->key.len);
		id_dup = v != NULL;
	}
	if (!id_dup && conf->dedup_title && p->title) {
		if (title_key(&run->scratch, p->title, p->title_len) == -1)
			return -1;
		buf_reset(&run->key);
		if (buf_addc(&run->key, 't') == -1 || buf_add(&run->key,
		    run->scratch.data, run->scratch.len) == -1)
			return -1;
		title_dup = strmap_get(run->compat_keys, run->key.data,
		    run->key.len) != NULL;
	}
	if (id_dup || title_dup) {
		*dup = 1;
		return 0;
	}
	if (conf->dedup_title && p->title) {
		if ((slot = strmap_slot(run->compat_keys, run->key.data,
		    run->key.len, &found)) == NULL)
			return -1;
	}
	buf_reset(&run->key);
	if (buf_addc(&run->key, 'i') == -1 || buf_add(&run->key, p->id, p->id_len) == -1)
		return -1;
	if ((conf->dedup_id || conf->dedup_link) &&
	    strmap_slot(run->compat_keys, run->key.data, run->key.len,
	    &found) == NULL)
		return -1;
	return 0;
}

/* --- one line --- */

/* Record a paper as a candidate (kept so far) or, with explain, dropped. */
static int
hold(struct scorerun *run, const struct score_paper *p, const char *link,
    size_t linklen, const char *reason, int update)
{
	const struct scoreconf *conf = run->conf;
	struct cand *c;
	long ci;
	int rc = 0;

	if (reason && !run->opts.explain)
		return 0;
	if ((ci = new_cand(run)) == -1)
		return -1;
	c = &run->c[ci];
	c->serial = run->serial;
	c->version = p->version;
	c->update = update == 1;
	c->score = reason ? 0 : run->res.score;
	if (!run->opts.compat)	/* compat breaks ties by input order */
		c->hash = hash_bytes(run->base.data, run->base.len);
	if ((c->id = strndup(p->id, p->id_len)) == NULL)
		return -1;
	if (p->published &&
	    (c->published = strndup(p->published, p->published_len)) == NULL)
		return -1;
	buf_reset(&run->fields);
	if (reason) {
		rc |= buf_adds(&run->fields, ",\"dropped\":");
		rc |= score_json_string(&run->fields, reason, strlen(reason));
		if ((c->dropped = strdup(reason)) == NULL)
			return -1;
	} else {
		rc |= score_fields(&run->res, &run->fields);
		if (run->lib != NULL) {
			char num[32];

			score_format(run->similarity, num, sizeof(num));
			rc |= buf_addf(&run->fields, ",\"similarity\":%s", num);
		}
		if (update == 1)
			rc |= buf_adds(&run->fields, ",\"update\":true");
	}
	if (rc)
		return -1;
	c->base_len = run->base.len;
	c->len = run->base.len + run->fields.len;
	if ((c->text = malloc(c->len + 1)) == NULL)
		return -1;
	memcpy(c->text, run->base.data, run->base.len);
	memcpy(c->text + run->base.len, run->fields.data, run->fields.len);
	c->text[c->len] = '\0';
	if (reason)
		return evict(run, (size_t)ci);
	if (conf->rules && conf->dedup && !run->opts.compat) {
		if (conf->dedup_id &&
		    dedup_key(run, (size_t)ci, 'i', p->id, p->id_len,
		    "same id") == -1)
			return -1;
		if (conf->dedup_title && p->title) {
			if (title_key(&run->scratch, p->title,
			    p->title_len) == -1 ||
			    dedup_key(run, (size_t)ci, 't', run->scratch.data,
			    run->scratch.len, "same title") == -1)
				return -1;
		}
		if (conf->dedup_link && link &&
		    dedup_key(run, (size_t)ci, 'l', link, linklen,
		    "same link") == -1)
			return -1;
	}
	if (update == -1 && run->c[ci].dropped == NULL &&
	    (run->c[ci].dropped = strdup("already seen")) == NULL)
		return -1;
	if (run->c[ci].dropped)
		return evict(run, (size_t)ci);
	return offer(run, (size_t)ci);
}

enum scorerun_status
scorerun_line(struct scorerun *run, struct ndjson_reader *r, const char *line,
    size_t len, char *err, size_t errlen)
{
	struct json_object *obj = NULL;
	struct score_paper p;
	const struct jscan_member *kind;
	const char *link, *k;
	size_t linklen, kl;
	double extra;
	long sv;
	int fast, rc, update = 0, dup;
	enum scorerun_status st = SCORERUN_HELD;

	fast = !run->opts.full_parse && jscan_object(&run->js, line, len) == 0 &&
	    run->js.canonical && (kind = jscan_get(&run->js, "kind")) != NULL &&
	    kind->type == JSCAN_STRING;
	if (fast) {
		if (jscan_string(kind, &run->scratch, &k, &kl) == -1)
			goto nomem;
		if (kl != 5 || memcmp(k, "paper", 5) != 0)
			return SCORERUN_PASS;
		if (scan_cheap(run, &p, &link, &linklen, err, errlen) == -1)
			return SCORERUN_BAD;
	} else {
		if (ndjson_parse(r, line, len, &obj, err, errlen) !=
		    NDJSON_RECORD)
			return SCORERUN_BAD;
		if (strcmp(record_kind(obj), "paper") != 0) {
			json_object_put(obj);
			return SCORERUN_PASS;
		}
		if (obj_paper(run, obj, &p, &link, &linklen, err,
		    errlen) == -1) {
			json_object_put(obj);
			return SCORERUN_BAD;
		}
	}
	run->serial++;
	if (run->opts.compat) {
		if (fast && scan_str(&run->js, "title", &run->title, &p.title,
		    &p.title_len, err, errlen) == -1) {
			st = SCORERUN_BAD;
			goto done;
		}
		if (compat_dup(run, &p, &dup) == -1)
			goto nomem;
		if (dup) {
			rc = 1;
			snprintf(run->res.reason, sizeof(run->res.reason),
			    "duplicate (an earlier paper has its id or title)");
			goto decided;
		}
	}
	if ((rc = score_prefilter(run->score, &p, &run->res)) == 1)
		goto decided;
	if (run->seen &&
	    (sv = seen_version(run->seen, p.id, p.id_len)) >= 0) {
		/*
		 * A paper already shown still takes part in dedup, so that
		 * a duplicate of it does not surface in its place.
		 */
		if (p.version <= sv)
			update = -1;
		else
			update = 1;
	}
	if (fast && scan_text(run, &p, err, errlen) == -1) {
		st = SCORERUN_BAD;
		goto done;
	}
	extra = 0;
	if (run->lib != NULL) {
		if ((run->similarity = tfidf_similarity(run->lib, p.title,
		    p.title_len, p.abstract, p.abstract_len)) < 0)
			goto nomem;
		run->similarity = score_round(run->similarity);
		extra = run->conf->library_weight * run->similarity;
	}
	if ((rc = score_eval(run->score, &p, extra, &run->res, err,
	    errlen)) == -1) {
		st = SCORERUN_ERROR;
		goto done;
	}
decided:
	if (rc == 1 && !run->opts.explain)
		goto done;
	if ((fast ? scan_base(run) : obj_base(run, obj)) == -1)
		goto nomem;
	if (hold(run, &p, link, linklen, rc == 1 ? run->res.reason : NULL,
	    update) == -1)
		goto nomem;
done:
	json_object_put(obj);
	return st;
nomem:
	json_object_put(obj);
	errmsg_set(err, errlen, "out of memory");
	return SCORERUN_ERROR;
}

/* --- the end --- */

/* qsort() has no argument for its comparison: the run being sorted. */
static const struct scorerun *sort_run;

static int
cmp_rank(const void *a, const void *b)
{
	return rank_cmp(sort_run, &sort_run->c[*(const size_t *)a],
	    &sort_run->c[*(const size_t *)b]);
}

static int
cmp_serial(const void *a, const void *b)
{
	const struct cand *ca = &sort_run->c[*(const size_t *)a];
	const struct cand *cb = &sort_run->c[*(const size_t *)b];

	return ca->serial < cb->serial ? -1 : ca->serial > cb->serial;
}

int
scorerun_finish(struct scorerun *run, char *err, size_t errlen)
{
	long k = run->conf->rules ? run->conf->max_papers : -1;
	size_t i, nlive = 0, ndrop = 0, *live, *dropped;
	char why[128];

	if ((run->order = calloc(run->nc + 1, sizeof(size_t))) == NULL ||
	    (live = calloc(run->nc + 1, sizeof(size_t))) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	dropped = run->order;
	for (i = 0; i < run->nc; i++) {
		if (run->c[i].id == NULL)
			continue;	/* a freed entry */
		if (run->c[i].dropped)
			dropped[ndrop++] = i;
		else
			live[nlive++] = i;
	}
	sort_run = run;
	qsort(live, nlive, sizeof(*live), cmp_rank);
	if (k >= 0 && nlive > (size_t)k) {
		snprintf(why, sizeof(why), "not in the best %ld (max_papers)",
		    k);
		for (i = (size_t)k; i < nlive; i++) {
			if ((run->c[live[i]].dropped = strdup(why)) == NULL) {
				free(live);
				errmsg_set(err, errlen, "out of memory");
				return -1;
			}
			dropped[ndrop++] = live[i];
		}
		nlive = (size_t)k;
	}
	qsort(dropped, ndrop, sizeof(*dropped), cmp_serial);
	if (!run->opts.explain)
		ndrop = 0;
	/* The output: the kept papers best first, then the dropped ones. */
	memmove(run->order + nlive, dropped, ndrop * sizeof(size_t));
	memcpy(run->order, live, nlive * sizeof(size_t));
	run->norder = nlive + ndrop;
	free(live);
	return 0;
}

int
scorerun_next(struct scorerun *run, const char **line, size_t *len,
    char *err, size_t errlen)
{
	struct cand *c;
	int rc = 0;

	if (run->next >= run->norder)
		return 0;
	c = &run->c[run->order[run->next++]];
	buf_reset(&run->out);
	if (c->text)
		rc = buf_add(&run->out, c->text, c->len);
	else if (buf_grow(&run->out, c->len + 1) == -1 ||
	    fseeko(run->spool, c->off, SEEK_SET) == -1 ||
	    fread(run->out.data, 1, c->len, run->spool) != c->len) {
		errmsg_set(err, errlen, "temporary file: read error");
		return -1;
	} else
		run->out.len = c->len;
	if (c->dropped && !(c->len > c->base_len &&
	    strncmp(run->out.data + c->base_len, ",\"dropped\":", 11) == 0)) {
		/* Dropped at the end (rank, dedup): replace score's fields. */
		run->out.len = c->base_len;
		rc |= buf_adds(&run->out, ",\"dropped\":");
		rc |= score_json_string(&run->out, c->dropped,
		    strlen(c->dropped));
	}
	rc |= buf_addc(&run->out, '}');
	if (rc) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	if (run->seen && !c->dropped &&
	    seen_add(run->seen, c->id, strlen(c->id), c->version) == -1) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	*line = run->out.data;
	*len = run->out.len;
	return 1;
}

int
scorerun_commit(struct scorerun *run, char *err, size_t errlen)
{
	if (run->seen == NULL)
		return 0;
	return seen_commit(run->seen, err, errlen);
}
