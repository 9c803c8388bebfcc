#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "errmsg.h"
#include "jscan.h"
#include "jsonc.h"
#include "record.h"

int
strlist_take(struct strlist *l, char *s)
{
	char **v;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;

		if ((v = realloc(l->v, cap * sizeof(*v))) == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
	return 0;
}

int
strlist_add(struct strlist *l, const char *s, size_t n)
{
	char *c;

	if ((c = strndup(s, n)) == NULL)
		return -1;
	if (strlist_take(l, c) == -1) {
		free(c);
		return -1;
	}
	return 0;
}

int
strlist_adds(struct strlist *l, const char *s)
{
	return strlist_add(l, s, strlen(s));
}

void
strlist_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void
paper_clear(struct paper *p)
{
	if (p->borrowed) {
		memset(p, 0, sizeof(*p));
		return;
	}
	free(p->id);
	free(p->title);
	free(p->abstract);
	strlist_free(&p->authors);
	strlist_free(&p->categories);
	free(p->primary_category);
	free(p->announce_type);
	free(p->published);
	free(p->updated);
	free(p->link_pdf);
	free(p->link_html);
	free(p->comment);
	free(p->journal_ref);
	free(p->doi);
	free(p->license);
	free(p->source_format);
	free(p->source_feed);
	free(p->source_url);
	free(p->arxiv_id);
	free(p->link_abs);
	free(p->summary.text);
	free(p->summary.model);
	free(p->summary.input);
	free(p->summary.language);
	free(p->summary_error);
	memset(p, 0, sizeof(*p));
}

int
paper_set(char **field, const char *s, size_t n)
{
	char *c = NULL;

	if (s != NULL) {
		if (n == (size_t)-1)
			n = strlen(s);
		if ((c = strndup(s, n)) == NULL)
			return -1;
	}
	free(*field);
	*field = c;
	return 0;
}

/* Length of a new-style id "YYMM.NNNN[N]" at s, or 0. */
static size_t
new_style_len(const char *s)
{
	size_t i, n;

	for (i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	if (s[4] != '.')
		return 0;
	for (n = 0; isdigit((unsigned char)s[5 + n]); n++)
		;
	return (n == 4 || n == 5) ? 5 + n : 0;
}

/* Length of an old-style id "archive(.SUB)/YYMMNNN" at s, or 0. */
static size_t
old_style_len(const char *s)
{
	size_t i = 0, n;

	while (islower((unsigned char)s[i]) || s[i] == '-')
		i++;
	if (i == 0)
		return 0;
	if (s[i] == '.') {
		i++;
		while (isalpha((unsigned char)s[i]))
			i++;
	}
	if (s[i] != '/')
		return 0;
	i++;
	for (n = 0; isdigit((unsigned char)s[i + n]); n++)
		;
	return n == 7 ? i + n : 0;
}

int
arxiv_id_split(const char *s, char **id, int *version)
{
#define PREFIX(s)	{ s, sizeof(s) - 1 }
	static const struct {
		const char	*s;
		size_t		 n;
	} prefixes[] = {
		PREFIX("oai:arXiv.org:"), PREFIX("arXiv:"), PREFIX("arxiv:"),
		PREFIX("http://arxiv.org/abs/"),
		PREFIX("https://arxiv.org/abs/"),
		PREFIX("http://arxiv.org/pdf/"),
		PREFIX("https://arxiv.org/pdf/"),
		PREFIX("http://export.arxiv.org/abs/"),
		PREFIX("https://export.arxiv.org/abs/"),
	};
#undef PREFIX
	size_t i, n;
	long v = 0;
	char *end;

	*id = NULL;
	*version = 0;
	while (isspace((unsigned char)*s))
		s++;
	/* Three of these per feed item: the first byte rules most out. */
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (s[0] == prefixes[i].s[0] &&
		    strncmp(s, prefixes[i].s, prefixes[i].n) == 0) {
			s += prefixes[i].n;
			break;
		}
	if ((n = new_style_len(s)) == 0 && (n = old_style_len(s)) == 0)
		return -1;
	if (s[n] == 'v' && isdigit((unsigned char)s[n + 1])) {
		v = strtol(s + n + 1, &end, 10);
		if (v <= 0 || v > 1000000)
			v = 0;
	}
	if ((*id = strndup(s, n)) == NULL)
		return -1;
	*version = (int)v;
	return 0;
}

const char *
record_str(struct json_object *o, const char *key)
{
	return jsonc_get_str(o, key);
}

const char *
record_kind(struct json_object *o)
{
	return record_str(o, "kind");
}

double
record_num(struct json_object *o, const char *key, double def)
{
	struct json_object *v = jsonc_get(o, key);

	return jsonc_is_number(v) ? jsonc_number(v) : def;
}

/*
 * --- Decoding: one decoder for every stage ---
 *
 * A record is read either from a jscan of its line (the fast path: the
 * line is canonical, so nothing is decoded but the fields asked for) or
 * from a json-c tree.  Both go through struct val, so each field has one
 * rule whichever path reads it.
 */

enum vtype { V_ABSENT, V_NULL, V_STR, V_NUM, V_BOOL, V_ARR, V_OBJ };

struct val {
	enum vtype			 t;
	const struct jscan_member	*m;	/* fast path */
	struct json_object		*o;	/* tree path */
};

/*
 * An object to read members from: a scanned one (with top, its members
 * by top_keys index, for the record itself) or a tree.
 */
struct src {
	const struct jscan		 *js;
	const struct jscan_member *const *top;
	struct json_object		 *obj;
};

/* The top-level keys the decoder knows (top_keys[] in the same order). */
enum top_key {
	T_KIND, T_ID, T_VERSION,
	T_ARXIV_ID, T_TITLE, T_ABSTRACT, T_AUTHORS, T_CATEGORIES,
	T_PRIMARY_CATEGORY, T_ANNOUNCE_TYPE, T_PUBLISHED, T_UPDATED,
	T_LINKS, T_COMMENT, T_JOURNAL_REF, T_DOI, T_LICENSE,
	T_SOURCE, T_SCORE, T_DROPPED, T_SUMMARY, T_SUMMARY_ERROR, NTOP
};

/* The string fields of a paper, the mask that decodes each and its key. */
enum { F_STR, F_STRS };
/* A row: key, its index, the member of its object, mask, type, field. */
#define F(k, t, sub, mask, type, f) \
	{ k, t, sub, mask, type, offsetof(struct paper, f) }
static const struct field {
	const char	*key;
	enum top_key	 top;		/* key's index */
	const char	*sub;		/* member of key's object, or NULL */
	unsigned	 mask;
	int		 type;		/* F_STR, F_STRS */
	size_t		 off;
} paper_fields[] = {
	F("arxiv_id", T_ARXIV_ID, NULL, PAPER_F_ID, F_STR, arxiv_id),
	F("title", T_TITLE, NULL, PAPER_F_TITLE, F_STR, title),
	F("abstract", T_ABSTRACT, NULL, PAPER_F_ABSTRACT, F_STR, abstract),
	F("authors", T_AUTHORS, NULL, PAPER_F_AUTHORS, F_STRS, authors),
	F("categories", T_CATEGORIES, NULL, PAPER_F_CATEGORIES,
	    F_STRS, categories),
	F("primary_category", T_PRIMARY_CATEGORY, NULL, PAPER_F_CATEGORIES,
	    F_STR, primary_category),
	F("announce_type", T_ANNOUNCE_TYPE, NULL, PAPER_F_ANNOUNCE,
	    F_STR, announce_type),
	F("published", T_PUBLISHED, NULL, PAPER_F_DATES, F_STR, published),
	F("updated", T_UPDATED, NULL, PAPER_F_DATES, F_STR, updated),
	F("links", T_LINKS, "abs", PAPER_F_LINKS, F_STR, link_abs),
	F("links", T_LINKS, "pdf", PAPER_F_LINKS, F_STR, link_pdf),
	F("links", T_LINKS, "html", PAPER_F_LINKS, F_STR, link_html),
	F("comment", T_COMMENT, NULL, PAPER_F_COMMENT, F_STR, comment),
	F("journal_ref", T_JOURNAL_REF, NULL, PAPER_F_META, F_STR, journal_ref),
	F("doi", T_DOI, NULL, PAPER_F_META, F_STR, doi),
	F("license", T_LICENSE, NULL, PAPER_F_META, F_STR, license),
	F("source", T_SOURCE, "format", PAPER_F_META, F_STR, source_format),
	F("source", T_SOURCE, "feed", PAPER_F_META, F_STR, source_feed),
	F("source", T_SOURCE, "url", PAPER_F_META, F_STR, source_url),
	F("summary", T_SUMMARY, "text", PAPER_F_SUMMARY, F_STR, summary.text),
	F("summary", T_SUMMARY, "model", PAPER_F_SUMMARY, F_STR, summary.model),
	F("summary", T_SUMMARY, "input", PAPER_F_SUMMARY, F_STR, summary.input),
	F("summary", T_SUMMARY, "language", PAPER_F_SUMMARY,
	    F_STR, summary.language),
	F("summary_error", T_SUMMARY_ERROR, NULL, PAPER_F_SUMMARY,
	    F_STR, summary_error),
};
#undef F
#define NFIELDS	(sizeof(paper_fields) / sizeof(paper_fields[0]))

/*
 * The names of enum top_key.  A scanned line's members are sorted into
 * them in one pass, so a field costs an array index, not a search.
 */
static const char *const top_keys[NTOP] = {
	"kind", "id", "version", "arxiv_id", "title", "abstract", "authors",
	"categories", "primary_category", "announce_type", "published",
	"updated", "links", "comment", "journal_ref", "doi", "license",
	"source", "score", "dropped", "summary", "summary_error"
};

/*
 * Whether the n bytes at a and b are the same.  Every member of every line
 * is looked up by its key, and a key is short: two overlapping loads
 * compare it, where a call to memcmp() would cost more than the compare.
 */
static int
same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x0, x1, y0, y1;
	uint32_t u0, u1, v0, v1;

	if (n > 16)
		return memcmp(a, b, n) == 0;
	if (n >= 8) {
		memcpy(&x0, a, 8);
		memcpy(&x1, a + n - 8, 8);
		memcpy(&y0, b, 8);
		memcpy(&y1, b + n - 8, 8);
		return x0 == y0 && x1 == y1;
	}
	if (n >= 4) {
		memcpy(&u0, a, 4);
		memcpy(&u1, a + n - 4, 4);
		memcpy(&v0, b, 4);
		memcpy(&v1, b + n - 4, 4);
		return u0 == v0 && u1 == v1;
	}
	/* 0, n / 2 and n - 1 are every byte of 1 to 3. */
	return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] &&
	    a[n - 1] == b[n - 1]);
}

/* Whether key (n bytes, not NUL-terminated) is top_keys[t]. */
static int
key_is(const char *k, size_t n, enum top_key t)
{
	static const unsigned char len[NTOP] = {
		4, 2, 7, 8, 5, 8, 7, 10, 16, 13, 9, 7, 5, 7, 11, 3, 7, 6, 5,
		7, 7, 13
	};

	return len[t] == n && same_bytes(top_keys[t], k, n);
}

/*
 * The slot of key (n > 0 bytes) in a decoder's table of top_keys: the
 * paper's keys take a slot each (no probing), so a member costs a hash
 * and one compare.
 */
#define TOP_SLOTS	64
static size_t
top_hash(const char *k, size_t n)
{
	return ((unsigned char)k[0] + n * 10 + (unsigned char)k[n - 1]) &
	    (TOP_SLOTS - 1);
}

/* The members of a paper that hold objects, scanned on the fast path. */
static const enum top_key subs[] = { T_LINKS, T_SOURCE, T_SUMMARY };
static const unsigned sub_mask[] = { PAPER_F_LINKS, PAPER_F_META,
    PAPER_F_SUMMARY };
#define NSUBS	(sizeof(subs) / sizeof(subs[0]))

struct paper_dec {
	int			 no_scan;	/* always the tree path */
	unsigned		 uses;		/* fields checked: PAPER_F_* */
	struct jsonc_parser	*parser;
	struct jscan		 js;
	const struct jscan_member *top[NTOP + 1]; /* by top_keys; NTOP: other */
	unsigned char		 slot[TOP_SLOTS];	/* top_keys by top_hash(),
						   + 1; 0: free */
	/* The fast path's objects in subs[], scanned when first read. */
	const struct jscan_member *subm[NSUBS];
	struct jscan		 sub[NSUBS];
	int			 scanned[NSUBS];
	int			 fast;
	struct json_object	*tree;		/* our reference */
	struct buf		 scratch;
	struct buf		 str[NFIELDS];	/* decoded strings */
	struct buf		 vec[NFIELDS];	/* strlist pointer arrays */
	struct buf		 idbuf;
	char			 id[64];
	unsigned		 done;		/* fields decoded so far */
	char			 warning[128];	/* of the last record, or "" */
};

/* The index of key (n bytes) in top_keys, or NTOP. */
static enum top_key
top_index(const struct paper_dec *d, const char *k, size_t n)
{
	size_t h;

	if (n == 0)
		return NTOP;
	for (h = top_hash(k, n); d->slot[h] != 0; h = (h + 1) % TOP_SLOTS)
		if (key_is(k, n, (enum top_key)(d->slot[h] - 1)))
			return (enum top_key)(d->slot[h] - 1);
	return NTOP;
}

struct paper_dec *
paper_dec_new(unsigned uses, int flags)
{
	struct paper_dec *d;
	size_t t, h;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	for (t = 0; t < NTOP; t++) {
		h = top_hash(top_keys[t], strlen(top_keys[t]));
		while (d->slot[h] != 0)
			h = (h + 1) % TOP_SLOTS;
		d->slot[h] = (unsigned char)(t + 1);
	}
	d->no_scan = (flags & PAPER_DEC_TREE) != 0;
	d->uses = (uses ? uses : PAPER_F_ALL) | PAPER_F_ID;
	if ((d->parser = jsonc_parser_new()) == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

void
paper_dec_free(struct paper_dec *d)
{
	size_t i;

	if (d == NULL)
		return;
	jsonc_parser_free(d->parser);
	if (d->tree)
		jsonc_put(d->tree);
	jscan_free(&d->js);
	for (i = 0; i < NSUBS; i++)
		jscan_free(&d->sub[i]);
	buf_free(&d->scratch);
	buf_free(&d->idbuf);
	for (i = 0; i < NFIELDS; i++) {
		buf_free(&d->str[i]);
		buf_free(&d->vec[i]);
	}
	free(d);
}

struct json_object *
paper_dec_tree(const struct paper_dec *d)
{
	return d->fast ? NULL : d->tree;
}

const struct jscan *
paper_dec_scan(const struct paper_dec *d)
{
	return d->fast ? &d->js : NULL;
}

const char *
paper_dec_warning(const struct paper_dec *d)
{
	return d->warning[0] ? d->warning : NULL;
}

/* The index in keys (NULL-terminated, or NULL) of the member's key, or -1. */
static int
key_index(const struct jscan_member *m, const char *const *keys,
    struct buf *scratch)
{
	const char *k;
	size_t kl;
	int i;

	if (keys == NULL)
		return -1;
	k = m->key;
	kl = m->keylen;
	if (m->key_escaped && jscan_key(m, scratch, &k, &kl) == -1)
		return -1;
	for (i = 0; keys[i] != NULL; i++)
		if (keys[i][0] == k[0] && strncmp(keys[i], k, kl) == 0 &&
		    keys[i][kl] == '\0')
			return i;
	return -1;
}

/* A member as it was written, after a comma unless it is the first. */
static int
put_member(struct buf *out, const struct jscan_member *m, int *first)
{
	const char *v = m->type == JSCAN_STRING ? m->val - 1 : m->val;
	int rc = 0;

	if (!*first)
		rc |= buf_addc(out, ',');
	*first = 0;
	/* "key":value, without the white space around the colon. */
	if (v == m->key + m->keylen + 2)
		return rc | buf_add(out, m->start, (size_t)(m->end - m->start));
	rc |= buf_add(out, m->key - 1, m->keylen + 2);
	rc |= buf_addc(out, ':');
	return rc | buf_add(out, v, (size_t)(m->end - v));
}

int
record_splice_scan(const struct jscan *js, const char *const *remove,
    const char *append, size_t alen, struct buf *out)
{
	struct buf scratch = {0};
	size_t i;
	int rc = 0, first = 1;

	rc |= buf_addc(out, '{');
	for (i = 0; i < js->n && rc == 0; i++)
		if (key_index(&js->m[i], remove, &scratch) == -1)
			rc |= put_member(out, &js->m[i], &first);
	buf_free(&scratch);
	if (first && alen > 0 && append[0] == ',') {
		append++;
		alen--;
	}
	if (alen > 0)
		rc |= buf_add(out, append, alen);
	rc |= buf_addc(out, '}');
	return rc ? -1 : 0;
}

/* "name":value, after a comma unless it is the first. */
static int
put_named(struct buf *out, const char *name, const char *value, int *first)
{
	int rc = 0;

	if (!*first)
		rc |= buf_addc(out, ',');
	*first = 0;
	rc |= jsonc_escape(out, name, strlen(name));
	rc |= buf_addc(out, ':');
	return rc | buf_adds(out, value);
}

int
record_replace(const char *line, size_t len, const char *const *names,
    const char *const *values, struct buf *out)
{
	struct jscan js;
	int rc;

	js.heap = NULL;
	js.heapcap = 0;
	if (jscan_object(&js, line, len) == -1) {
		jscan_free(&js);
		return -1;
	}
	rc = record_replace_scan(&js, names, values, out);
	jscan_free(&js);
	return rc;
}

int
record_replace_scan(const struct jscan *js, const char *const *names,
    const char *const *values, struct buf *out)
{
	unsigned char done[RECORD_REPLACE_MAX] = {0};
	struct buf scratch = {0};
	size_t i;
	int k, rc = 0, first = 1;

	rc |= buf_addc(out, '{');
	for (i = 0; i < js->n && rc == 0; i++) {
		if ((k = key_index(&js->m[i], names, &scratch)) == -1 ||
		    k >= RECORD_REPLACE_MAX)
			rc |= put_member(out, &js->m[i], &first);
		else if (!done[k] && values[k] != NULL) {
			/* Where the first of its name stood; no duplicate. */
			done[k] = 1;
			rc |= put_named(out, names[k], values[k], &first);
		}
	}
	for (k = 0; names[k] != NULL && k < RECORD_REPLACE_MAX; k++)
		if (!done[k] && values[k] != NULL)
			rc |= put_named(out, names[k], values[k], &first);
	rc |= buf_addc(out, '}');
	buf_free(&scratch);
	return rc ? -1 : 0;
}

int
record_splice(const char *line, size_t len, const char *const *remove,
    const char *append, size_t alen, struct buf *out)
{
	struct jscan js;
	int rc;

	js.heap = NULL;
	js.heapcap = 0;
	if (jscan_object(&js, line, len) == -1) {
		jscan_free(&js);
		return -1;
	}
	rc = record_splice_scan(&js, remove, append, alen, out);
	jscan_free(&js);
	return rc;
}

static enum vtype
scan_vtype(enum jscan_type t)
{
	switch (t) {
	case JSCAN_NULL: return V_NULL;
	case JSCAN_FALSE: case JSCAN_TRUE: return V_BOOL;
	case JSCAN_NUMBER: return V_NUM;
	case JSCAN_STRING: return V_STR;
	case JSCAN_ARRAY: return V_ARR;
	default: return V_OBJ;
	}
}

static void
src_get(const struct src *s, const char *key, struct val *v)
{
	memset(v, 0, sizeof(*v));
	if (s->js != NULL) {
		if ((v->m = jscan_get(s->js, key)) != NULL)
			v->t = scan_vtype(v->m->type);
		return;
	}
	if (s->obj == NULL || !jsonc_has(s->obj, key))
		return;
	if ((v->o = jsonc_get(s->obj, key)) == NULL)
		v->t = V_NULL;
	else if (jsonc_is_string(v->o))
		v->t = V_STR;
	else if (jsonc_is_number(v->o))
		v->t = V_NUM;
	else if (jsonc_is_bool(v->o))
		v->t = V_BOOL;
	else if (jsonc_is_array(v->o))
		v->t = V_ARR;
	else
		v->t = V_OBJ;
}

/* The top-level member k of the record. */
static void
top_get(const struct src *s, enum top_key k, struct val *v)
{
	if (s->top != NULL) {
		v->o = NULL;
		v->m = s->top[k];
		v->t = v->m != NULL ? scan_vtype(v->m->type) : V_ABSENT;
		return;
	}
	src_get(s, top_keys[k], v);
}

/* The record dec was last given, from its scan or else its tree. */
static struct src
top_src(const struct paper_dec *d)
{
	struct src top = { d->fast ? &d->js : NULL, d->fast ? d->top : NULL,
	    d->fast ? NULL : d->tree };

	return top;
}

/* Whether an array value holds strings only. */
static int
val_is_strings(const struct val *v)
{
	size_t i, n;

	if (v->t != V_ARR)
		return 0;
	if (v->m)
		return jscan_is_strings(v->m);
	n = jsonc_array_len(v->o);
	for (i = 0; i < n; i++)
		if (!jsonc_is_string(jsonc_array_at(v->o, i)))
			return 0;
	return 1;
}

/*
 * The object subs[i] (links, source, summary) into *s: 1, 0 if the record
 * has none, -1 when out of memory.  On the fast path it is scanned only
 * now: most papers need no member of it (see all_strings()).
 */
static int
sub_src(struct paper_dec *d, const struct src *top, size_t i, struct src *s)
{
	const struct jscan_member *m;
	struct val v;

	memset(s, 0, sizeof(*s));
	if (top->js != NULL) {
		if ((m = d->subm[i]) == NULL)
			return 0;
		if (!d->scanned[i]) {
			if (jscan_object(&d->sub[i], m->val, m->vallen) == -1)
				return -1;
			d->scanned[i] = 1;
		}
		s->js = &d->sub[i];
		return 1;
	}
	top_get(top, subs[i], &v);
	if (v.t != V_OBJ)
		return 0;
	s->obj = v.o;
	return 1;
}

/*
 * On the fast path, whether the object subs[i] holds only strings and
 * nulls (then no member of it is a string field of another type, and it
 * need not be scanned to check them).
 */
static int
all_strings(const struct paper_dec *d, const struct src *top, size_t i)
{
	return top->js != NULL && i < NSUBS && d->subm[i] != NULL &&
	    d->subm[i]->strings;
}

static int
refuse(const struct paper_dec *d, char *err, size_t errlen,
    const char *key, const char *sub, const char *what)
{
	if (d->id[0])
		errmsg_set(err, errlen, "paper %s: %s%s%s: expected %s", d->id,
		    key, sub ? "." : "", sub ? sub : "", what);
	else
		errmsg_set(err, errlen, "paper: %s%s%s: expected %s", key,
		    sub ? "." : "", sub ? sub : "", what);
	return -1;
}

static int
nomem(char *err, size_t errlen)
{
	errmsg_set(err, errlen, "out of memory");
	return -1;
}

/* The index in subs[] of top-level key k (links, source, summary). */
static size_t
sub_index(enum top_key k)
{
	size_t i;

	for (i = 0; i < NSUBS; i++)
		if (subs[i] == k)
			break;
	return i;
}

/* The string at v, copied into out (NUL-terminated). */
static int
val_copy(struct paper_dec *d, const struct val *v, struct buf *out)
{
	const char *s;
	size_t n;

	buf_reset(out);
	if (v->m) {
		if (jscan_string(v->m, &d->scratch, &s, &n) == -1)
			return -1;
	} else
		s = jsonc_string(v->o, &n);
	/* One grow, then a copy: data is non-NULL even for "". */
	if (buf_grow(out, n + 1) == -1)
		return -1;
	memcpy(out->data, s, n);
	out->data[n] = '\0';
	out->len = n;
	return 0;
}

/* The id, version and the checks that do not depend on the mask. */
static int
decode_id(struct paper_dec *d, const struct src *top, struct paper *p,
    char *err, size_t errlen)
{
	struct val v;
	const char *s;
	size_t n, i;
	char num[32];
	char *end;
	double x;

	d->id[0] = '\0';
	top_get(top, T_ID, &v);
	if (v.t != V_STR)
		return refuse(d, err, errlen, "id", NULL, "a string");
	if (v.m) {
		if (v.m->escaped)
			return refuse(d, err, errlen, "id", NULL,
			    "an arXiv identifier");
		s = v.m->val;
		n = v.m->vallen;
	} else
		s = jsonc_string(v.o, &n);
	if (n == 0)
		return refuse(d, err, errlen, "id", NULL, "a string");
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == '"' || s[i] == '\\')
			return refuse(d, err, errlen, "id", NULL,
			    "an arXiv identifier");
	buf_reset(&d->idbuf);
	if (buf_add(&d->idbuf, s, n) == -1) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	i = n < sizeof(d->id) - 1 ? n : sizeof(d->id) - 1;
	memcpy(d->id, s, i);
	d->id[i] = '\0';
	p->id = d->idbuf.data;

	top_get(top, T_VERSION, &v);
	if (v.t != V_ABSENT && v.t != V_NULL) {
		long ver = 0;

		if (v.t != V_NUM)
			return refuse(d, err, errlen, "version", NULL,
			    "a whole number");
		if (v.m) {
			if (v.m->vallen == 0 || v.m->vallen > 9)
				return refuse(d, err, errlen, "version", NULL,
				    "a whole number");
			for (i = 0; i < v.m->vallen; i++) {
				if (v.m->val[i] < '0' || v.m->val[i] > '9')
					return refuse(d, err, errlen,
					    "version", NULL, "a whole number");
				ver = ver * 10 + (v.m->val[i] - '0');
			}
		} else {
			int64_t iv;

			if (!jsonc_is_int(v.o) || (iv = jsonc_int(v.o)) < 0 ||
			    iv > 999999999)
				return refuse(d, err, errlen, "version", NULL,
				    "a whole number");
			ver = (long)iv;
		}
		p->version = (int)ver;
	}

	top_get(top, T_SCORE, &v);
	if (v.t != V_ABSENT && v.t != V_NULL) {
		if (v.t != V_NUM)
			return refuse(d, err, errlen, "score", NULL,
			    "a number");
		if (v.m) {
			snprintf(num, sizeof(num), "%.*s",
			    (int)(v.m->vallen < 31 ? v.m->vallen : 31),
			    v.m->val);
			x = strtod(num, &end);
		} else
			x = jsonc_number(v.o);
		p->has_score = 1;
		p->score = x;
	}
	top_get(top, T_DROPPED, &v);
	p->dropped = v.t != V_ABSENT && v.t != V_NULL;
	return 0;
}

/* Every field's type, up front, so a paper is refused for the same
 * reasons whichever fields a stage goes on to decode. */
static int
check_types(struct paper_dec *d, const struct src *top, char *err,
    size_t errlen)
{
	static const char *const bools[] = { "cached", "truncated" };
	static const char *const ints[] = {
		"prompt_tokens", "completion_tokens"
	};
	struct src s;
	struct val v;
	size_t i;
	int rc;

	for (i = 0; i < NSUBS; i++) {
		if (!(d->uses & sub_mask[i]))
			continue;
		top_get(top, subs[i], &v);
		if (v.t != V_ABSENT && v.t != V_NULL && v.t != V_OBJ)
			return refuse(d, err, errlen, top_keys[subs[i]], NULL,
			    "an object");
	}
	for (i = 0; i < NFIELDS; i++) {
		const struct field *f = &paper_fields[i];

		if (!(f->mask & d->uses))
			continue;
		if (f->sub) {
			if (all_strings(d, top, sub_index(f->top)))
				continue;
			if ((rc = sub_src(d, top, sub_index(f->top), &s)) == 0)
				continue;
			if (rc == -1)
				return nomem(err, errlen);
			src_get(&s, f->sub, &v);
		} else
			top_get(top, f->top, &v);
		if (v.t == V_ABSENT || v.t == V_NULL)
			continue;
		if (f->type == F_STR && v.t != V_STR)
			return refuse(d, err, errlen, f->key, f->sub,
			    "a string");
		if (f->type == F_STRS && !val_is_strings(&v))
			return refuse(d, err, errlen, f->key, f->sub,
			    "an array of strings");
	}
	if ((d->uses & PAPER_F_SUMMARY) &&
	    (rc = sub_src(d, top, sub_index(T_SUMMARY), &s)) != 0) {
		if (rc == -1)
			return nomem(err, errlen);
		for (i = 0; i < 2; i++) {
			src_get(&s, bools[i], &v);
			if (v.t != V_ABSENT && v.t != V_NULL && v.t != V_BOOL)
				return refuse(d, err, errlen, "summary",
				    bools[i], "true or false");
			src_get(&s, ints[i], &v);
			if (v.t != V_ABSENT && v.t != V_NULL && v.t != V_NUM)
				return refuse(d, err, errlen, "summary",
				    ints[i], "a number");
		}
	}
	return 0;
}

/* An array of strings into field i's buffers, as a borrowed strlist. */
static int
decode_strs(struct paper_dec *d, size_t i, const struct val *v,
    struct strlist *l)
{
	struct buf *pack = &d->str[i], *vec = &d->vec[i];
	size_t k, n = 0, off;
	char **pv;

	buf_reset(pack);
	buf_reset(vec);
	if (v->m) {
		if (jscan_strings(v->m, pack, &n) == -1)
			return -1;
	} else {
		for (k = 0; k < jsonc_array_len(v->o); k++) {
			const char *s;
			size_t len;

			s = jsonc_string(jsonc_array_at(v->o, k), &len);
			if (buf_add(pack, s, len) == -1 ||
			    buf_addc(pack, '\0') == -1)
				return -1;
			n++;
		}
	}
	if (n == 0)
		return 0;
	if (buf_grow(vec, n * sizeof(char *)) == -1)
		return -1;
	pv = (char **)(void *)vec->data;
	for (k = 0, off = 0; k < n; k++) {
		pv[k] = pack->data + off;
		off += strlen(pv[k]) + 1;
	}
	l->v = pv;
	l->n = n;
	l->cap = 0;
	return 0;
}

static int
decode_fields(struct paper_dec *d, unsigned mask, struct paper *p)
{
	struct src top = top_src(d);
	struct src s;
	struct val v;
	size_t i;
	int rc;

	for (i = 0; i < NFIELDS; i++) {
		const struct field *f = &paper_fields[i];

		if (!(f->mask & mask) || (f->mask & d->done))
			continue;
		if (f->sub) {
			if ((rc = sub_src(d, &top, sub_index(f->top),
			    &s)) == 0)
				continue;
			if (rc == -1)
				return -1;
			src_get(&s, f->sub, &v);
		} else
			top_get(&top, f->top, &v);
		if (v.t == V_ABSENT || v.t == V_NULL)
			continue;
		if (f->type == F_STRS) {
			if (decode_strs(d, i, &v,
			    (struct strlist *)(void *)((char *)p + f->off)) == -1)
				return -1;
			continue;
		}
		if (val_copy(d, &v, &d->str[i]) == -1)
			return -1;
		*(char **)(void *)((char *)p + f->off) = d->str[i].data;
	}
	if ((mask & PAPER_F_SUMMARY) && !(d->done & PAPER_F_SUMMARY) &&
	    (rc = sub_src(d, &top, sub_index(T_SUMMARY), &s)) != 0) {
		if (rc == -1)
			return -1;
		src_get(&s, "cached", &v);
		p->summary.cached = v.t == V_BOOL && (v.m ?
		    v.m->type == JSCAN_TRUE : jsonc_bool(v.o));
		src_get(&s, "truncated", &v);
		p->summary.truncated = v.t == V_BOOL && (v.m ?
		    v.m->type == JSCAN_TRUE : jsonc_bool(v.o));
		p->summary.prompt_tokens = p->summary.completion_tokens = -1;
		src_get(&s, "prompt_tokens", &v);
		if (v.t == V_NUM)
			p->summary.prompt_tokens = v.m ?
			    strtol(v.m->val, NULL, 10) : (long)jsonc_int(v.o);
		src_get(&s, "completion_tokens", &v);
		if (v.t == V_NUM)
			p->summary.completion_tokens = v.m ?
			    strtol(v.m->val, NULL, 10) : (long)jsonc_int(v.o);
	}
	d->done |= mask;
	return 0;
}

/*
 * Scan line for the fast path: 1 if it scans and its kind is a string.
 * Any valid line does (white space, escapes, duplicate keys, any depth):
 * the fields are read from the spans as json-c would read them.  An
 * escaped key inside links, source or summary is left to json-c.
 */
static int
scan_line(struct paper_dec *d, const char *line, size_t len)
{
	const struct jscan_member *m;
	size_t i;

	const char *k;
	size_t kl;

	if (d->no_scan || jscan_object(&d->js, line, len) == -1)
		return 0;
	memset(d->top, 0, sizeof(d->top));
	for (i = 0; i < d->js.n; i++) {
		m = &d->js.m[i];
		k = m->key;
		kl = m->keylen;
		if (m->key_escaped && jscan_key(m, &d->scratch, &k, &kl) == -1)
			return 0;
		/* The last of duplicate keys, as json-c keeps it. */
		d->top[top_index(d, k, kl)] = m;
	}
	if ((m = d->top[T_KIND]) == NULL || m->type != JSCAN_STRING)
		return 0;
	for (i = 0; i < NSUBS; i++) {
		d->subm[i] = NULL;
		d->scanned[i] = 0;
		if (!(d->uses & sub_mask[i]) || (m = d->top[subs[i]]) == NULL ||
		    m->type != JSCAN_OBJECT)
			continue;
		/* What the scanner leaves to json-c: take the tree path. */
		if (m->keys_escaped)
			return 0;
		d->subm[i] = m;
	}
	return 1;
}

/* The record's kind is "paper". */
static int
is_paper(struct paper_dec *d)
{
	const char *k;
	size_t n;

	if (!d->fast) {
		/* A tree handed in by a caller need not have a kind. */
		k = jsonc_get_str(d->tree, "kind");
		return k != NULL && strcmp(k, "paper") == 0;
	}
	if (jscan_string(d->top[T_KIND], &d->scratch, &k, &n) == -1)
		return 0;
	return n == 5 && memcmp(k, "paper", 5) == 0;
}

static int
decode(struct paper_dec *d, struct json_object *obj, const char *line,
    size_t len, unsigned mask, struct paper *p, char *err, size_t errlen)
{
	struct src top;

	memset(p, 0, sizeof(*p));
	p->borrowed = 1;
	d->done = 0;
	d->id[0] = '\0';
	d->warning[0] = '\0';
	if (d->tree) {
		jsonc_put(d->tree);
		d->tree = NULL;
	}
	d->fast = 0;
	if (obj != NULL)
		d->tree = jsonc_ref(obj);
	else if (scan_line(d, line, len))
		d->fast = 1;
	else if (jsonc_parse_record(d->parser, line, len, &d->tree, err,
	    errlen) == -1)
		return -1;
	if (!is_paper(d))
		return 1;
	top = top_src(d);
	if (decode_id(d, &top, p, err, errlen) == -1 ||
	    check_types(d, &top, err, errlen) == -1)
		return -1;
	if (d->fast ? d->js.lone != NULL :
	    (jsonc_record_flags(d->tree) & JSONC_F_REPAIRED) != 0)
		snprintf(d->warning, sizeof(d->warning), "paper %s: lone "
		    "surrogate escape read as U+FFFD", d->id);
	return paper_dec_more(d, mask, p, err, errlen);
}

int
paper_from_json(struct paper_dec *dec, struct json_object *obj,
    const char *line, size_t len, unsigned mask, struct paper *p,
    char *err, size_t errlen)
{
	struct paper_dec *d;
	struct paper tmp;
	int rc;

	/* With the caller's decoder, p borrows straight from it. */
	if (dec != NULL) {
		if ((rc = decode(dec, obj, line, len, mask, p, err,
		    errlen)) != 0)
			memset(p, 0, sizeof(*p));
		return rc;
	}
	memset(p, 0, sizeof(*p));
	if ((d = paper_dec_new(mask, 0)) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	if ((rc = decode(d, obj, line, len, mask, &tmp, err, errlen)) == 0 &&
	    paper_copy(p, &tmp) == -1) {
		errmsg_set(err, errlen, "out of memory");
		rc = -1;
	}
	paper_dec_free(d);
	return rc;
}

int
paper_dec_more(struct paper_dec *d, unsigned mask, struct paper *p,
    char *err, size_t errlen)
{
	if (decode_fields(d, mask, p) == -1) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

int
paper_dec_dropped(const struct paper_dec *d)
{
	struct src top;
	struct val v;

	if (!d->fast && d->tree == NULL)
		return 0;
	top = top_src(d);
	top_get(&top, T_DROPPED, &v);
	return v.t != V_ABSENT && v.t != V_NULL;
}

static int
copy_str(char **dst, const char *src)
{
	*dst = NULL;
	return src != NULL && (*dst = strdup(src)) == NULL ? -1 : 0;
}

static int
copy_list(struct strlist *dst, const struct strlist *src)
{
	size_t i;

	memset(dst, 0, sizeof(*dst));
	for (i = 0; i < src->n; i++)
		if (strlist_adds(dst, src->v[i]) == -1)
			return -1;
	return 0;
}

int
paper_copy(struct paper *dst, const struct paper *src)
{
	size_t i;
	int rc = 0;

	memset(dst, 0, sizeof(*dst));
	dst->version = src->version;
	dst->has_score = src->has_score;
	dst->score = src->score;
	dst->dropped = src->dropped;
	dst->summary.cached = src->summary.cached;
	dst->summary.truncated = src->summary.truncated;
	dst->summary.prompt_tokens = src->summary.prompt_tokens;
	dst->summary.completion_tokens = src->summary.completion_tokens;
	rc |= copy_str(&dst->id, src->id);
	for (i = 0; i < NFIELDS; i++) {
		const struct field *f = &paper_fields[i];
		void *to = (char *)dst + f->off;
		const void *from = (const char *)src + f->off;

		if (f->type == F_STRS)
			rc |= copy_list(to, from);
		else
			rc |= copy_str(to, *(char *const *)from);
	}
	if (rc) {
		paper_clear(dst);
		return -1;
	}
	return 0;
}

const char *
paper_arxiv_id(const struct paper *p, char *buf, size_t len)
{
	if (p->arxiv_id)
		return p->arxiv_id;
	if (p->id == NULL)
		return NULL;
	if (p->version)
		snprintf(buf, len, "%sv%d", p->id, p->version);
	else
		snprintf(buf, len, "%s", p->id);
	return buf;
}
