/* memmem(3): in POSIX.1-2024, in glibc under _GNU_SOURCE. */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "date.h"
#include "errmsg.h"
#include "fold.h"
#include "jsonc.h"
#include "match.h"
#include "record.h"
#include "score.h"
#include "scoreconf.h"

struct score {
	const struct scoreconf	*conf;
	int			 compat;
	time_t			 now;
	struct match_set	*set;
	size_t			*kw_idx;	/* term index of each keyword */
	size_t			*ex_idx;
	size_t			*au_idx;
	unsigned		 fields;	/* fields any term looks at */
	unsigned		*counts[SCORE_NFIELDS];
	struct match_text	 text[SCORE_NFIELDS];
	struct buf		*lower;		/* compat: keywords lower-cased */
	struct buf		*exlower;
	struct buf		 ltitle, ltext;	/* compat: the paper */
	int			 reasons;	/* say why papers are dropped */
	uint64_t		*rows;		/* compat: terms by 2 bytes */
	const uint64_t		*bigram[256];	/* first byte's row of rows */
	uint64_t		 third[256];	/* terms by their third byte */
	char			 when[DATE_LEN];	/* now, for reasons */
	struct score_tally	 tally;		/* papers dropped, by rule */
};

void
score_free(struct score *s)
{
	size_t i;

	if (s == NULL)
		return;
	match_set_free(s->set);
	free(s->kw_idx);
	free(s->ex_idx);
	free(s->au_idx);
	for (i = 0; i < SCORE_NFIELDS; i++) {
		free(s->counts[i]);
		match_text_free(&s->text[i]);
	}
	if (s->lower)
		for (i = 0; i < s->conf->nkeywords; i++)
			buf_free(&s->lower[i]);
	if (s->exlower)
		for (i = 0; i < s->conf->nexcludes; i++)
			buf_free(&s->exlower[i]);
	free(s->lower);
	free(s->exlower);
	free(s->rows);
	buf_free(&s->ltitle);
	buf_free(&s->ltext);
	free(s);
}

/* Compile a list of terms into the set, noting their indexes. */
static int
add_terms(struct score *s, const struct scoreconf_term *t, size_t n,
    size_t **idx, const char *what, char *err, size_t errlen)
{
	char e[256];
	size_t i;
	int k;

	if ((*idx = calloc(n + 1, sizeof(**idx))) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if ((k = match_set_add(s->set, t[i].term, t[i].regex, e,
		    sizeof(e))) == -1) {
			errmsg_set(err, errlen, "%s: \"%s\": %s", what,
			    t[i].term, e);
			return -1;
		}
		(*idx)[i] = (size_t)k;
		s->fields |= t[i].fields;
	}
	return 0;
}

static int
lower_terms(const struct scoreconf_term *t, size_t n, struct buf **out)
{
	size_t i;

	if ((*out = calloc(n + 1, sizeof(**out))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (fold_lower(&(*out)[i], t[i].term, strlen(t[i].term)) == -1)
			return -1;
	return 0;
}

/* The i-th compat term: keywords first, then excluded terms. */
static const struct buf *
compat_term(const struct score *s, size_t i)
{
	return i < s->conf->nkeywords ? &s->lower[i] :
	    &s->exlower[i - s->conf->nkeywords];
}

/*
 * For the bot's substring tests: a table from the first two bytes of
 * each term to the terms starting with them, so that one pass over the
 * text finds every term.  A row of 256 per first byte some term has,
 * the other bytes sharing one row of zeros: the table a text touches
 * stays in the first-level cache.  Only for up to 64 terms of 2 bytes
 * or more; otherwise each term is looked for on its own.
 */
static int
bigram_build(struct score *s)
{
	const struct buf *t;
	size_t i, k, nrows = 1, n = s->conf->nkeywords + s->conf->nexcludes;
	unsigned char row[256] = { 0 }, b;

	if (n > 64)
		return 0;
	for (i = 0; i < n; i++) {
		if ((t = compat_term(s, i))->len < 2)
			return 0;
		if (row[b = (unsigned char)t->data[0]] == 0)
			row[b] = (unsigned char)nrows++;
	}
	if ((s->rows = calloc(nrows * 256, sizeof(*s->rows))) == NULL)
		return -1;
	for (k = 0; k < 256; k++)
		s->bigram[k] = s->rows + row[k] * 256;
	for (i = 0; i < n; i++) {
		t = compat_term(s, i);
		s->rows[row[(unsigned char)t->data[0]] * 256 +
		    (unsigned char)t->data[1]] |= (uint64_t)1 << i;
		if (t->len > 2)
			s->third[(unsigned char)t->data[2]] |= (uint64_t)1 << i;
		else	/* any third byte, or none */
			for (k = 0; k < 256; k++)
				s->third[k] |= (uint64_t)1 << i;
	}
	return 0;
}

/*
 * The terms that may start at u[i]: the table of their first two bytes
 * and the one of their third, from a table that stays in cache ("re" or
 * "la" start a word in every sentence, a term far less often).  At the
 * end the text's NUL is the third byte, which only two-byte terms pass.
 */
#define BIGRAM_AT(big, third, u, i) \
	((big)[(u)[i]][(u)[(i) + 1]] & (third)[(u)[(i) + 2]])

/*
 * The first i from i that some term may start at, at most end (none);
 * *m its terms.  Four positions a step and one branch for them: most
 * positions start nothing, and the loads of one do not wait for those
 * of another.
 */
static size_t
bigram_next(const uint64_t *const *big, const uint64_t *third,
    const unsigned char *u, size_t i, size_t end, uint64_t *m)
{
	uint64_t m0, m1, m2, m3;

	for (; i + 4 <= end; i += 4) {
		m0 = BIGRAM_AT(big, third, u, i);
		m1 = BIGRAM_AT(big, third, u, i + 1);
		m2 = BIGRAM_AT(big, third, u, i + 2);
		m3 = BIGRAM_AT(big, third, u, i + 3);
		if ((m0 | m1 | m2 | m3) == 0)
			continue;
		if ((*m = m0) != 0)
			return i;
		if ((*m = m1) != 0)
			return i + 1;
		if ((*m = m2) != 0)
			return i + 2;
		*m = m3;
		return i + 3;
	}
	for (; i < end; i++)
		if ((*m = BIGRAM_AT(big, third, u, i)) != 0)
			return i;
	return end;
}

/*
 * Which compat terms occur in text (n bytes and a NUL): bit i for term
 * i; counts[i] gets the number of non-overlapping occurrences (counts
 * has 64 elements).  The same of its first tl bytes (the title) into
 * *in_title and tcounts: the occurrences that end there are the ones a
 * scan of those bytes alone finds, as the scan goes left to right and
 * takes the first it can.
 */
static uint64_t
bigram_scan(const struct score *s, const char *text, size_t n, size_t tl,
    unsigned *counts, uint64_t *in_title, unsigned *tcounts)
{
	const unsigned char *u = (const unsigned char *)text;
	const struct buf *t;
	size_t i, next[64] = { 0 };
	uint64_t found = 0, title = 0, m;
	int b;

	memset(counts, 0, 64 * sizeof(*counts));
	memset(tcounts, 0, 64 * sizeof(*tcounts));
	if (n < 2) {
		*in_title = 0;
		return 0;
	}
	for (i = 0; (i = bigram_next(s->bigram, s->third, u, i, n - 1,
	    &m)) < n - 1; i++) {
		while (m) {
			b = __builtin_ctzll(m);
			m &= m - 1;
			t = compat_term(s, (size_t)b);
			if (i < next[b] || n - i < t->len ||
			    memcmp(text + i, t->data, t->len) != 0)
				continue;
			found |= (uint64_t)1 << b;
			counts[b]++;
			next[b] = i + t->len;
			if (next[b] <= tl) {
				title |= (uint64_t)1 << b;
				tcounts[b]++;
			}
		}
	}
	*in_title = title;
	return found;
}

struct score *
score_new(const struct scoreconf *conf, int compat, time_t now, char *err,
    size_t errlen)
{
	struct score *s;
	size_t i, n;

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->set = match_set_new()) == NULL)
		goto nomem;
	s->conf = conf;
	s->compat = compat;
	s->now = now;
	date_format(now, s->when, sizeof(s->when));
	if (compat) {
		if (lower_terms(conf->keywords, conf->nkeywords,
		    &s->lower) == -1 ||
		    lower_terms(conf->excludes, conf->nexcludes,
		    &s->exlower) == -1 || bigram_build(s) == -1)
			goto nomem;
		return s;
	}
	if (add_terms(s, conf->keywords, conf->nkeywords, &s->kw_idx,
	    "keywords", err, errlen) == -1 ||
	    add_terms(s, conf->excludes, conf->nexcludes, &s->ex_idx,
	    "exclude_keywords", err, errlen) == -1 ||
	    add_terms(s, conf->authors, conf->nauthors, &s->au_idx,
	    "authors", err, errlen) == -1) {
		score_free(s);
		return NULL;
	}
	n = match_set_size(s->set);
	for (i = 0; i < SCORE_NFIELDS; i++)
		if ((s->counts[i] = calloc(n + 1, sizeof(unsigned))) == NULL)
			goto nomem;
	return s;
nomem:
	score_free(s);
	errmsg_set(err, errlen, "out of memory");
	return NULL;
}

void
score_result_reset(struct score_result *r)
{
	r->score = 0;
	r->n = 0;
	r->dropped = 0;
	r->reason[0] = '\0';
	r->warning[0] = '\0';
}

void
score_result_free(struct score_result *r)
{
	free(r->m);
	memset(r, 0, sizeof(*r));
}

static int
add_match(struct score_result *r, const char *term, unsigned field,
    unsigned count, double weight)
{
	struct score_match *m;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;

		if ((m = realloc(r->m, cap * sizeof(*m))) == NULL)
			return -1;
		r->m = m;
		r->cap = cap;
	}
	m = &r->m[r->n++];
	m->term = term;
	m->field = field;
	m->count = count;
	m->weight = weight;
	return 0;
}

unsigned
score_fields_used(const struct score *s)
{
	return s->compat ? SCORE_F_TITLE | SCORE_F_ABSTRACT : s->fields;
}

void
score_reasons(struct score *s, int on)
{
	s->reasons = on;
}

/* Drop the paper; the reason is written only if someone will read it. */
static int
drop(struct score *s, struct score_result *r, enum score_why why,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
drop(struct score *s, struct score_result *r, enum score_why why,
    const char *fmt, ...)
{
	va_list ap;

	s->tally.dropped[why]++;
	if (s->reasons) {
		va_start(ap, fmt);
		vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
		va_end(ap);
	}
	r->dropped = 1;
	return 1;
}

/* 1 if category c (n bytes) is one the configuration follows. */
static int
category_followed(const struct scoreconf *conf, const char *c, size_t n)
{
	size_t i, l;

	for (i = 0; i < conf->ncategories; i++) {
		l = strlen(conf->categories[i]);
		if (l == n && strncasecmp(conf->categories[i], c, n) == 0)
			return 1;
		/* An archive ("cs") follows all its categories ("cs.AI"). */
		if (strchr(conf->categories[i], '.') == NULL && l < n &&
		    c[l] == '.' && strncasecmp(conf->categories[i], c, l) == 0)
			return 1;
	}
	return 0;
}

int
score_prefilter(struct score *s, const struct paper *p,
    struct score_result *r)
{
	const struct scoreconf *conf = s->conf;
	const char *c;
	size_t i;
	time_t t;

	score_result_reset(r);
	if (!conf->rules)
		return 0;
	if (s->compat) {
		if (p->announce_type == NULL ||
		    strcmp(p->announce_type, "new") != 0)
			return drop(s, r, SCORE_WHY_TYPE, "announce type %s is not new",
			    p->announce_type ? p->announce_type : "null");
		return 0;
	}
	if (p->announce_type != NULL && conf->nannounce > 0) {
		for (i = 0; i < conf->nannounce; i++)
			if (strcmp(conf->announce[i], p->announce_type) == 0)
				break;
		if (i == conf->nannounce)
			return drop(s, r, SCORE_WHY_TYPE, "announce type %s not in "
			    "announce_types", p->announce_type);
	}
	if (conf->ncategories > 0) {
		for (i = 0; i < p->categories.n; i++) {
			c = p->categories.v[i];
			if (category_followed(conf, c, strlen(c)))
				break;
		}
		if (i == p->categories.n)
			return drop(s, r, SCORE_WHY_CATEGORY, "no category in categories");
	}
	if (conf->days_back >= 0 && p->published != NULL) {
		if (date_parse(p->published, &t) == 0 &&
		    difftime(s->now, t) > conf->days_back * 86400.0)
			return drop(s, r, SCORE_WHY_OLD, "published more than %g days before %s",
			    conf->days_back, s->when);
	}
	return 0;
}

/* The first occurrence of needle in hay, or NULL (glibc's memmem is fast). */
static const char *
find(const char *hay, size_t hn, const char *needle, size_t nn)
{
	return memmem(hay, hn, needle, nn);
}

/* The bot's rules: lower-cased substring tests on title + " " + abstract. */
static int
eval_compat(struct score *s, const struct paper *p,
    struct score_result *r)
{
	const struct scoreconf *conf = s->conf;
	const char *text, *title, *at;
	size_t i, tl, textlen, kl;
	uint64_t in_text = 0, in_title = 0;
	unsigned count, ntext[64], ntitle[64];
	int any = 0;

	buf_reset(&s->ltitle);
	buf_reset(&s->ltext);
	if (p->title && fold_lower(&s->ltitle, p->title,
	    strlen(p->title)) == -1)
		return -1;
	if (buf_add(&s->ltext, buf_str(&s->ltitle), s->ltitle.len) == -1 ||
	    buf_addc(&s->ltext, ' ') == -1 ||
	    (p->abstract && fold_lower(&s->ltext, p->abstract,
	    strlen(p->abstract)) == -1))
		return -1;
	text = buf_str(&s->ltext);
	textlen = s->ltext.len;
	title = buf_str(&s->ltitle);
	tl = s->ltitle.len;
	if (s->rows)
		in_text = bigram_scan(s, text, textlen, tl, ntext, &in_title,
		    ntitle);
	for (i = 0; i < conf->nexcludes; i++) {
		kl = s->exlower[i].len;
		if (s->rows ?
		    (in_text >> (conf->nkeywords + i)) & 1 :
		    find(text, textlen, buf_str(&s->exlower[i]), kl) != NULL)
			return drop(s, r, SCORE_WHY_EXCLUDED, "excluded keyword \"%s\"",
			    conf->excludes[i].term);
	}
	for (i = 0; i < conf->nkeywords; i++) {
		const char *k = buf_str(&s->lower[i]);
		int in_t;

		kl = s->lower[i].len;
		if (s->rows ? !((in_text >> i) & 1) :
		    find(text, textlen, k, kl) == NULL)
			continue;
		any = 1;
		in_t = s->rows ? (int)((in_title >> i) & 1) :
		    find(title, tl, k, kl) != NULL;
		if (s->rows)
			count = in_t ? ntitle[i] : ntext[i];
		else
			for (count = 0, at = in_t ? title : text; kl > 0 &&
			    (at = find(at, (in_t ? tl : textlen) -
			    (size_t)(at - (in_t ? title : text)), k, kl)) !=
			    NULL; at += kl)
				count++;
		r->score += in_t ? 1.5 : 1;
		if (add_match(r, conf->keywords[i].term, in_t ? SCORE_F_TITLE :
		    SCORE_F_ABSTRACT, count, in_t ? 1.5 : 1) == -1)
			return -1;
	}
	if (!any)
		return drop(s, r, SCORE_WHY_NOKEYWORD, "no keyword matched");
	r->score = score_round(r->score);
	return 0;
}

/* Prepare the fields some term looks at and count every term in them. */
static int
count_fields(struct score *s, const struct paper *p, struct score_result *r,
    char *err, size_t errlen)
{
	size_t n = match_set_size(s->set), f, i;
	const struct strlist *l;
	char msg[200];
	int rc = 0;

	for (f = 0; f < SCORE_NFIELDS; f++) {
		struct match_text *t = &s->text[f];

		memset(s->counts[f], 0, n * sizeof(unsigned));
		if (!(s->fields & (1u << f)))
			continue;
		match_text_reset(t);
		switch (1u << f) {
		case SCORE_F_TITLE:
			if (p->title)
				rc = match_text_add(s->set, t, p->title,
				    strlen(p->title));
			break;
		case SCORE_F_ABSTRACT:
			if (p->abstract)
				rc = match_text_add(s->set, t, p->abstract,
				    strlen(p->abstract));
			break;
		case SCORE_F_COMMENT:
			if (p->comment)
				rc = match_text_add(s->set, t, p->comment,
				    strlen(p->comment));
			break;
		case SCORE_F_AUTHORS:
			l = &p->authors;
			for (i = 0; i < l->n && rc == 0; i++)
				rc = match_text_add(s->set, t, l->v[i],
				    strlen(l->v[i]));
			break;
		default:
			l = &p->categories;
			for (i = 0; i < l->n && rc == 0; i++)
				rc = match_text_add(s->set, t, l->v[i],
				    strlen(l->v[i]));
			break;
		}
		if (rc == -1) {
			errmsg_set(err, errlen, "out of memory");
			return -1;
		}
		if ((rc = match_count(s->set, t, s->counts[f], msg,
		    sizeof(msg))) == -1) {
			errmsg_set(err, errlen, "%s", msg);
			return -1;
		}
		/* One warning per paper: the first term that failed. */
		if (rc == 1 && r->warning[0] == '\0')
			snprintf(r->warning, sizeof(r->warning),
			    "%s (not counted for this paper)", msg);
		rc = 0;
	}
	return 0;
}

int
score_eval(struct score *s, const struct paper *p, double extra,
    struct score_result *r, char *err, size_t errlen)
{
	const struct scoreconf *conf = s->conf;
	const struct scoreconf_term *t;
	unsigned f, bit, c;
	double w;
	size_t i, k;
	int found, any = 0, first;
	char sc[32], min[32];

	if (!conf->rules) {
		r->score = score_round(extra);
		return 0;
	}
	if (s->compat) {
		if (eval_compat(s, p, r) == -1) {
			errmsg_set(err, errlen, "out of memory");
			return -1;
		}
		return r->dropped;
	}
	if (count_fields(s, p, r, err, errlen) == -1)
		return -1;
	for (i = 0; i < conf->nexcludes; i++) {
		t = &conf->excludes[i];
		k = s->ex_idx[i];
		for (f = 0; f < SCORE_NFIELDS; f++)
			if ((t->fields & (1u << f)) && s->counts[f][k] > 0)
				return drop(s, r, SCORE_WHY_EXCLUDED, "excluded keyword \"%s\" in %s",
				    t->term, scoreconf_field_name(1u << f));
	}
	for (i = 0; i < conf->nkeywords + conf->nauthors; i++) {
		if (i < conf->nkeywords) {
			t = &conf->keywords[i];
			k = s->kw_idx[i];
		} else {
			t = &conf->authors[i - conf->nkeywords];
			k = s->au_idx[i - conf->nkeywords];
		}
		found = 0;
		for (f = 0; f < SCORE_NFIELDS; f++)
			if ((t->fields & (1u << f)) && s->counts[f][k] > 0)
				found = 1;
		if (!found)
			continue;
		any = 1;
		/*
		 * The weights in matches add up to the score: the title
		 * carries the weight and the bonus when it matches, else
		 * the first field that matched carries the weight.
		 */
		first = 1;
		for (f = 0; f < SCORE_NFIELDS; f++) {
			bit = 1u << f;
			if (!(t->fields & bit) || (c = s->counts[f][k]) == 0)
				continue;
			w = 0;
			if (first) {
				w = t->weight;
				if (bit == SCORE_F_TITLE &&
				    i < conf->nkeywords)
					w += conf->title_bonus * t->weight;
				first = 0;
			}
			r->score += w;
			if (add_match(r, t->term, bit, c, w) == -1) {
				errmsg_set(err, errlen, "out of memory");
				return -1;
			}
		}
	}
	if (conf->nkeywords + conf->nauthors > 0 && !any)
		return drop(s, r, SCORE_WHY_NOKEYWORD, "no keyword matched");
	r->score = score_round(r->score + extra);
	if (conf->has_min_score && r->score < conf->min_score) {
		if (s->reasons) {
			score_format(r->score, sc, sizeof(sc));
			score_format(conf->min_score, min, sizeof(min));
		}
		return drop(s, r, SCORE_WHY_MINSCORE, "score %s below min_score %s", sc, min);
	}
	return 0;
}

const struct score_tally *
score_tally(const struct score *s)
{
	return &s->tally;
}

/* Append ", N what" to line when n > 0. */
static void
tally_add(char *line, size_t len, int *first, unsigned long n,
    const char *what)
{
	size_t used = strlen(line);

	if (n == 0 || used >= len)
		return;
	snprintf(line + used, len - used, "%s%lu %s", *first ? " (" : ", ",
	    n, what);
	*first = 0;
}

void
score_tally_line(const struct score_tally *t, const struct scoreconf *conf,
    unsigned long total, unsigned long kept, char *line, size_t len)
{
	unsigned long later = total - kept;
	char what[96];
	int first = 1, i;

	for (i = 0; i < SCORE_NWHY; i++)
		later -= t->dropped[i] <= later ? t->dropped[i] : later;
	snprintf(line, len, "kept %lu of %lu", kept, total);
	snprintf(what, sizeof(what), "older than days_back=%g",
	    conf->days_back);
	tally_add(line, len, &first, t->dropped[SCORE_WHY_OLD], what);
	tally_add(line, len, &first, t->dropped[SCORE_WHY_NOKEYWORD],
	    "without a keyword");
	tally_add(line, len, &first, t->dropped[SCORE_WHY_EXCLUDED],
	    "excluded");
	tally_add(line, len, &first, t->dropped[SCORE_WHY_CATEGORY],
	    "in no configured category");
	tally_add(line, len, &first, t->dropped[SCORE_WHY_TYPE],
	    "of another announce type");
	snprintf(what, sizeof(what), "under min_score=%g", conf->min_score);
	tally_add(line, len, &first, t->dropped[SCORE_WHY_MINSCORE], what);
	if (conf->max_papers >= 0)
		snprintf(what, sizeof(what), "already seen, duplicates or past "
		    "max_papers=%ld", conf->max_papers);
	else
		snprintf(what, sizeof(what), "already seen or duplicates");
	tally_add(line, len, &first, later, what);
	if (!first && strlen(line) + 1 < len)
		snprintf(line + strlen(line), len - strlen(line), ")");
}

double
score_round(double v)
{
	double r = round(v * 1e6) / 1e6;

	return r == 0 ? 0 : r;	/* no "-0.0" */
}

/*
 * A whole or half number under 10^9 (the weights are 1 and 1.5, so most
 * scores): written by hand as "%.15g" and ".0" would, into buf (at
 * least 16 bytes); 0 if v is not one.  A kept paper's score and every
 * match's weight are written: printf would be most of that cost.
 */
static int
format_half(double v, char *buf)
{
	double a = fabs(v);
	unsigned long n;
	char d[16];
	size_t k = 0, i = 0;

	if (!(a < 1e9) || a * 2 != floor(a * 2))
		return 0;
	n = (unsigned long)a;
	if (v < 0)
		buf[i++] = '-';
	do
		d[k++] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	while (k > 0)
		buf[i++] = d[--k];
	buf[i++] = '.';
	buf[i++] = a - floor(a) == 0 ? '0' : '5';
	buf[i] = '\0';
	return 1;
}

void
score_format(double v, char *buf, size_t len)
{
	v = score_round(v);
	if (len >= 16 && format_half(v, buf))
		return;
	snprintf(buf, len, "%.15g", v);
	if (strpbrk(buf, ".en") == NULL && strlen(buf) + 2 < len)
		memcpy(buf + strlen(buf), ".0", 3);
}

int
score_fields(const struct score_result *r, struct buf *out)
{
	char num[32];
	size_t i;
	int rc = 0;

	score_format(r->score, num, sizeof(num));
	rc |= buf_adds(out, ",\"score\":");
	rc |= buf_adds(out, num);
	rc |= buf_adds(out, ",\"matches\":[");
	for (i = 0; i < r->n; i++) {
		rc |= buf_adds(out, i ? ",{\"term\":" : "{\"term\":");
		rc |= jsonc_escape(out, r->m[i].term,
		    strlen(r->m[i].term));
		score_format(r->m[i].weight, num, sizeof(num));
		rc |= buf_adds(out, ",\"field\":\"");
		rc |= buf_adds(out, scoreconf_field_name(r->m[i].field));
		rc |= buf_adds(out, "\",\"count\":");
		rc |= buf_addu(out, r->m[i].count);
		rc |= buf_adds(out, ",\"weight\":");
		rc |= buf_adds(out, num);
		rc |= buf_addc(out, '}');
	}
	rc |= buf_addc(out, ']');
	return rc ? -1 : 0;
}
