#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "buf.h"
#include "errmsg.h"
#include "fold.h"
#include "hash.h"
#include "match.h"
#include "text.h"

#define WORD_MAX	256	/* longest word tried as a plural in "-ies" */

/*
 * What one regex may cost on one field of one paper (match.h).  PCRE2's
 * own defaults (10,000,000 steps, a 20 GB heap) let a pattern that
 * backtracks catastrophically run for seconds per paper.
 */
#define MATCH_LIMIT	1000000		/* backtracking steps */
#define DEPTH_LIMIT	100000		/* nested backtracking (interpreter) */
#define HEAP_LIMIT	32768		/* KiB of backtracking frames */
#define JIT_STACK_MIN	(32 * 1024)
#define JIT_STACK_MAX	(1024 * 1024)

struct term {
	char			*folded;	/* words joined by FOLD_SPACE */
	size_t			*woff;		/* each word's offset in folded */
	size_t			*wlen;
	size_t			 nwords;
	int			 prefix;	/* the last word is a prefix */
	pcre2_code		*re;		/* literal or regex terms */
	pcre2_match_data	*md;
	char			*source;	/* a regex as given, for messages */
};

/* A first word of some word terms, in an open-addressing table. */
struct slot {
	const char	*word;		/* borrowed from a term's folded */
	size_t		 len;
	uint64_t	 hash;
	size_t		*terms;
	size_t		 n;
};

struct match_set {
	struct term	*terms;
	size_t		 n, cap;
	struct slot	*tab;
	size_t		 tabcap, tabn;	/* tabcap is a power of two */
	size_t		*prefixes;	/* one-word prefix terms */
	size_t		 nprefixes;
	int		 need_raw;
	pcre2_match_context	*mctx;	/* the limits, for every pattern */
	pcre2_jit_stack		*jit;
};

struct match_set *
match_set_new(void)
{
	return calloc(1, sizeof(struct match_set));
}

static void
term_free(struct term *t)
{
	free(t->folded);
	free(t->woff);
	free(t->wlen);
	free(t->source);
	if (t->md)
		pcre2_match_data_free(t->md);
	if (t->re)
		pcre2_code_free(t->re);
}

void
match_set_free(struct match_set *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		term_free(&m->terms[i]);
	for (i = 0; i < m->tabcap; i++)
		free(m->tab[i].terms);
	free(m->terms);
	free(m->tab);
	free(m->prefixes);
	if (m->jit)
		pcre2_jit_stack_free(m->jit);
	if (m->mctx)
		pcre2_match_context_free(m->mctx);
	free(m);
}

size_t
match_set_size(const struct match_set *m)
{
	return m->n;
}

static struct slot *
lookup(const struct match_set *m, const char *w, size_t len, uint64_t h)
{
	size_t i;

	if (m->tabcap == 0)
		return NULL;
	for (i = h & (m->tabcap - 1);; i = (i + 1) & (m->tabcap - 1)) {
		struct slot *s = &m->tab[i];

		if (s->word == NULL)
			return NULL;
		if (s->hash == h && s->len == len &&
		    memcmp(s->word, w, len) == 0)
			return s;
	}
}

/* The slot for w, made if absent; the table is kept at most half full. */
static struct slot *
slot_get(struct match_set *m, const char *w, size_t len)
{
	uint64_t h = hash_fnv1a(w, len);
	struct slot *s, *old;
	size_t i, oldcap;

	if ((s = lookup(m, w, len, h)) != NULL)
		return s;
	if (2 * (m->tabn + 1) > m->tabcap) {
		old = m->tab;
		oldcap = m->tabcap;
		m->tabcap = oldcap ? oldcap * 2 : 64;
		if ((m->tab = calloc(m->tabcap, sizeof(*m->tab))) == NULL) {
			m->tab = old;
			m->tabcap = oldcap;
			return NULL;
		}
		for (i = 0; i < oldcap; i++) {
			size_t j;

			if (old[i].word == NULL)
				continue;
			for (j = old[i].hash & (m->tabcap - 1);
			    m->tab[j].word != NULL; j = (j + 1) & (m->tabcap - 1))
				;
			m->tab[j] = old[i];
		}
		free(old);
	}
	for (i = h & (m->tabcap - 1); m->tab[i].word != NULL;
	    i = (i + 1) & (m->tabcap - 1))
		;
	s = &m->tab[i];
	s->word = w;
	s->len = len;
	s->hash = h;
	m->tabn++;
	return s;
}

/* 1 if term (n bytes) can be matched as words over folded text. */
static int
is_word_term(const char *t, size_t n)
{
	size_t i = 0, l;
	uint32_t cp;

	while (i < n) {
		if ((l = fold_latex(t + i, n - i, &cp)) > 0) {
			i += l;
			continue;
		}
		i += text_utf8_decode(t + i, n - i, &cp);
		if (!fold_is_word(cp) && !fold_is_space(cp))
			return 0;
	}
	return 1;
}

/* The match context with the limits, made with the first pattern. */
static int
limits(struct match_set *m)
{
	if (m->mctx != NULL)
		return 0;
	if ((m->mctx = pcre2_match_context_create(NULL)) == NULL)
		return -1;
	pcre2_set_match_limit(m->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(m->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(m->mctx, HEAP_LIMIT);
	/* No JIT support: the interpreter runs, under the same limits. */
	if ((m->jit = pcre2_jit_stack_create(JIT_STACK_MIN, JIT_STACK_MAX,
	    NULL)) != NULL)
		pcre2_jit_stack_assign(m->mctx, NULL, m->jit);
	return 0;
}

static int
compile(struct match_set *m, struct term *t, const char *pattern, char *err,
    size_t errlen)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int code;

	if (limits(m) == -1) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}

	t->re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &code, &off, NULL);
	if (t->re == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		errmsg_set(err, errlen,
		    "bad regular expression at offset %zu: %s", (size_t)off,
		    (const char *)msg);
		return -1;
	}
	/*
	 * Without JIT support the interpreter runs the same pattern.  Under
	 * valgrind the JIT code's reads look uninitialised: the tests'
	 * suppression file (tests/valgrind.supp) says they are not.
	 */
	(void)pcre2_jit_compile(t->re, PCRE2_JIT_COMPLETE);
	if ((t->md = pcre2_match_data_create_from_pattern(t->re, NULL)) ==
	    NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

/*
 * A literal pattern for a term with punctuation: \Q...\E, kept from
 * matching inside a longer word at either end that is a word character.
 */
static int
literal_pattern(struct buf *b, const char *t, size_t n, int prefix)
{
	uint32_t first, last;
	size_t i;
	int rc = 0;

	text_utf8_decode(t, n, &first);
	for (i = n - 1; i > 0 && (t[i] & 0xc0) == 0x80; i--)
		;
	text_utf8_decode(t + i, n - i, &last);
	if (fold_is_word(first))
		rc |= buf_adds(b, "(?<![\\p{L}\\p{N}])");
	rc |= buf_adds(b, "\\Q");
	for (i = 0; i < n; i++) {
		if (t[i] == '\\' && i + 1 < n && t[i + 1] == 'E') {
			rc |= buf_adds(b, "\\E\\\\E\\Q");
			i++;
		} else
			rc |= buf_addc(b, t[i]);
	}
	rc |= buf_adds(b, "\\E");
	if (fold_is_word(last) && !prefix)
		rc |= buf_adds(b, "(?![\\p{L}\\p{N}])");
	return rc;
}

static int
word_term(struct match_set *m, struct term *t, const char *s, size_t n)
{
	struct buf b = {0};
	struct slot *sl;
	size_t i, start, *v;

	if (fold_text(&b, s, n) == -1)
		return -1;
	if ((t->folded = buf_take(&b)) == NULL || t->folded[0] == '\0')
		return 1;
	for (i = 0; t->folded[i]; i++)
		if (t->folded[i] == FOLD_SPACE)
			t->nwords++;
	t->nwords++;
	t->woff = calloc(t->nwords, sizeof(*t->woff));
	t->wlen = calloc(t->nwords, sizeof(*t->wlen));
	if (t->woff == NULL || t->wlen == NULL)
		return -1;
	for (i = start = 0, t->nwords = 0;; i++) {
		if (t->folded[i] == FOLD_SPACE || t->folded[i] == '\0') {
			t->woff[t->nwords] = start;
			t->wlen[t->nwords++] = i - start;
			start = i + 1;
			if (t->folded[i] == '\0')
				break;
		}
	}
	if (t->nwords == 1 && t->prefix) {
		v = realloc(m->prefixes, (m->nprefixes + 1) * sizeof(*v));
		if (v == NULL)
			return -1;
		m->prefixes = v;
		m->prefixes[m->nprefixes++] = m->n;
		return 0;
	}
	if ((sl = slot_get(m, t->folded, t->wlen[0])) == NULL)
		return -1;
	if ((v = realloc(sl->terms, (sl->n + 1) * sizeof(*v))) == NULL)
		return -1;
	sl->terms = v;
	sl->terms[sl->n++] = m->n;
	return 0;
}

int
match_set_add(struct match_set *m, const char *term, int regex, char *err,
    size_t errlen)
{
	struct term *t;
	struct buf pat = {0};
	size_t n = strlen(term);
	int rc;

	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;

		if ((t = realloc(m->terms, cap * sizeof(*t))) == NULL)
			goto nomem;
		m->terms = t;
		m->cap = cap;
	}
	t = &m->terms[m->n];
	memset(t, 0, sizeof(*t));
	while (n > 0 && (term[0] == ' ' || term[0] == '\t')) {
		term++;
		n--;
	}
	while (n > 0 && (term[n - 1] == ' ' || term[n - 1] == '\t'))
		n--;
	if (!regex && n > 1 && term[n - 1] == '*') {
		t->prefix = 1;
		n--;
	}
	if (n == 0) {
		errmsg_set(err, errlen, "empty term");
		return -1;
	}
	if (regex) {
		if (buf_add(&pat, term, n) == -1)
			goto nomem;
		rc = compile(m, t, buf_str(&pat), err, errlen);
		if (rc == 0 && (t->source = strdup(buf_str(&pat))) == NULL)
			goto nomem;
		m->need_raw = 1;
	} else if (is_word_term(term, n)) {
		if ((rc = word_term(m, t, term, n)) == -1)
			goto nomem;
		if (rc == 1) {
			term_free(t);
			errmsg_set(err, errlen, "term has no letters or digits");
			return -1;
		}
	} else {
		if (literal_pattern(&pat, term, n, t->prefix) != 0)
			goto nomem;
		rc = compile(m, t, buf_str(&pat), err, errlen);
		m->need_raw = 1;
	}
	buf_free(&pat);
	if (rc != 0) {
		term_free(t);
		return -1;
	}
	return (int)m->n++;
nomem:
	buf_free(&pat);
	term_free(t);
	errmsg_set(err, errlen, "out of memory");
	return -1;
}

void
match_text_reset(struct match_text *t)
{
	buf_reset(&t->folded);
	buf_reset(&t->raw);
	t->nseg = 0;
}

int
match_text_add(const struct match_set *m, struct match_text *t,
    const char *s, size_t n)
{
	if (t->nseg > 0) {
		if (t->folded.len > 0 && buf_addc(&t->folded, FOLD_BREAK) == -1)
			return -1;
		if (m->need_raw && buf_addc(&t->raw, '\n') == -1)
			return -1;
	}
	t->nseg++;
	if (fold_text(&t->folded, s, n) == -1)
		return -1;
	if (m->need_raw && buf_add(&t->raw, s, n) == -1)
		return -1;
	return 0;
}

void
match_text_free(struct match_text *t)
{
	buf_free(&t->folded);
	buf_free(&t->raw);
	t->nseg = 0;
}

static int
is_sep(char c)
{
	return c == FOLD_SPACE || c == FOLD_BREAK;
}

/* 1 if tok (n bytes) is w or a simple plural of it (+s, +es, y -> ies). */
static int
word_or_plural(const char *tok, size_t n, const char *w, size_t wl)
{
	if (n == wl)
		return memcmp(tok, w, wl) == 0;
	if (n == wl + 1)
		return memcmp(tok, w, wl) == 0 && tok[wl] == 's';
	if (n != wl + 2)
		return 0;
	if (memcmp(tok, w, wl) == 0 && tok[wl] == 'e' && tok[wl + 1] == 's')
		return 1;
	return wl > 0 && w[wl - 1] == 'y' && memcmp(tok, w, wl - 1) == 0 &&
	    memcmp(tok + wl - 1, "ies", 3) == 0;
}

/* 1 if the phrase t continues after the first word, which ends at pos. */
static int
phrase_rest(const struct term *t, const char *s, size_t n, size_t pos)
{
	const char *w;
	size_t k, e, wl, tl;

	for (k = 1; k < t->nwords; k++) {
		if (pos >= n || s[pos] != FOLD_SPACE)
			return 0;
		pos++;
		for (e = pos; e < n && !is_sep(s[e]); e++)
			;
		w = t->folded + t->woff[k];
		wl = t->wlen[k];
		tl = e - pos;
		if (k + 1 < t->nwords) {
			if (tl != wl || memcmp(s + pos, w, wl) != 0)
				return 0;
		} else if (t->prefix) {
			if (tl < wl || memcmp(s + pos, w, wl) != 0)
				return 0;
		} else if (!word_or_plural(s + pos, tl, w, wl))
			return 0;
		pos = e;
	}
	return 1;
}

/* Count the one-word terms whose plural tok (n bytes) may be. */
static void
count_plural(const struct match_set *m, const char *tok, size_t n,
    unsigned *counts)
{
	char w[WORD_MAX];
	struct slot *sl;
	size_t i, cut;

	for (cut = 1; cut <= 2; cut++) {
		if (n <= cut || tok[n - 1] != 's' ||
		    (cut == 2 && tok[n - 2] != 'e'))
			break;
		if ((sl = lookup(m, tok, n - cut,
		    hash_fnv1a(tok, n - cut))) == NULL)
			continue;
		for (i = 0; i < sl->n; i++)
			if (m->terms[sl->terms[i]].nwords == 1)
				counts[sl->terms[i]]++;
	}
	if (n > 3 && n <= WORD_MAX && memcmp(tok + n - 3, "ies", 3) == 0) {
		memcpy(w, tok, n - 3);
		w[n - 3] = 'y';
		if ((sl = lookup(m, w, n - 2, hash_fnv1a(w, n - 2))) == NULL)
			return;
		for (i = 0; i < sl->n; i++)
			if (m->terms[sl->terms[i]].nwords == 1)
				counts[sl->terms[i]]++;
	}
}

static void
count_words(const struct match_set *m, const char *s, size_t n,
    unsigned *counts)
{
	const struct term *t;
	struct slot *sl;
	size_t i = 0, j, k, len;

	while (i < n) {
		for (j = i; j < n && !is_sep(s[j]); j++)
			;
		len = j - i;
		if ((sl = lookup(m, s + i, len, hash_fnv1a(s + i, len))) !=
		    NULL) {
			for (k = 0; k < sl->n; k++) {
				t = &m->terms[sl->terms[k]];
				if (t->nwords == 1 || phrase_rest(t, s, n, j))
					counts[sl->terms[k]]++;
			}
		}
		if (len > 1 && s[j - 1] == 's')
			count_plural(m, s + i, len, counts);
		for (k = 0; k < m->nprefixes; k++) {
			t = &m->terms[m->prefixes[k]];
			if (len >= t->wlen[0] &&
			    memcmp(s + i, t->folded, t->wlen[0]) == 0)
				counts[m->prefixes[k]]++;
		}
		i = j + 1;
	}
}

/*
 * Count term t in raw.  A match that fails to run (a limit reached) adds
 * nothing: 1 with err, so that the term costs this text its match and
 * nothing else.
 */
static int
count_re(const struct match_set *m, const struct term *t,
    const struct buf *raw, unsigned *count, char *err, size_t errlen)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE *ov, off = 0, len = raw->len;
	PCRE2_SPTR s = (PCRE2_SPTR)buf_str(raw);
	uint32_t opts = 0;
	unsigned n = 0;
	int rc;

	while (off <= len) {
		rc = pcre2_match(t->re, s, len, off, opts, t->md, m->mctx);
		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		if (rc < 0) {
			pcre2_get_error_message(rc, msg, sizeof(msg));
			errmsg_set(err, errlen, "regex \"%s\" failed: %s",
			    t->source ? t->source : "", (const char *)msg);
			return 1;
		}
		ov = pcre2_get_ovector_pointer(t->md);
		n++;
		if (ov[1] > ov[0])
			off = ov[1];
		else {
			off = ov[1] + 1;
			while (off < len && (s[off] & 0xc0) == 0x80)
				off++;
		}
		opts = PCRE2_NO_UTF_CHECK;
	}
	*count += n;
	return 0;
}

int
match_count(const struct match_set *m, const struct match_text *t,
    unsigned *counts, char *err, size_t errlen)
{
	size_t i;
	int failed = 0;

	if (t->folded.len > 0)
		count_words(m, t->folded.data, t->folded.len, counts);
	if (!m->need_raw || t->nseg == 0)
		return 0;
	for (i = 0; i < m->n; i++)
		if (m->terms[i].re != NULL && count_re(m, &m->terms[i],
		    &t->raw, &counts[i], failed ? NULL : err,
		    failed ? 0 : errlen) == 1)
			failed = 1;
	return failed;
}
