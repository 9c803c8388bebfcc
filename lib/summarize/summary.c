#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "errmsg.h"
#include "hash.h"
#include "latex.h"
#include "summary.h"
#include "text.h"

/*
 * Words that end in a period without ending a sentence, lower case and
 * without their period.  Tokens with inner periods ("e.g", "i.e", "U.S")
 * and single letters (initials) are recognised without a list.  Kept
 * sorted (in_list() searches it).
 */
static const char *abbrevs[] = {
	"al", "approx", "ca", "cf", "ch", "co", "col", "cols", "corp",
	"def", "dept", "dr", "ed", "eds", "eg", "eq", "eqn", "eqs",
	"esp", "est", "fig", "figs", "ie", "inc", "jr", "lem", "ltd",
	"mr", "mrs", "ms", "no", "nos", "pp", "prof", "prop", "ref",
	"refs", "resp", "sec", "secs", "sect", "sr", "st", "tab",
	"thm", "viz", "vol", "vols", "vs", "wrt",
};

/* Function words that say nothing about a paper's topic; sorted. */
static const char *stopwords[] = {
	"a", "about", "above", "after", "again", "against", "all", "also",
	"although", "am", "among", "an", "and", "another", "any", "are",
	"as", "at", "be", "because", "been", "before", "being", "between",
	"both", "but", "by", "can", "could", "did", "do", "does", "doing",
	"done", "due", "during", "each", "either", "et", "etc", "even",
	"ever", "every", "few", "for", "from", "further", "had", "has",
	"have", "having", "he", "her", "here", "hers", "him", "his", "how",
	"however", "i", "if", "in", "into", "is", "it", "its", "itself",
	"just", "less", "like", "many", "may", "might", "more", "most",
	"much", "must", "my", "namely", "neither", "no", "nor", "not", "now",
	"of", "off", "often", "on", "once", "one", "only", "or", "other",
	"others", "our", "ours", "out", "over", "own", "paper", "per",
	"rather", "same", "several", "she", "should", "since", "so", "some",
	"still", "such", "than", "that", "the", "their", "theirs", "them",
	"then", "there", "thereby", "therefore", "these", "they", "this",
	"those", "though", "through", "thus", "to", "too", "toward",
	"towards", "two", "under", "until", "up", "upon", "us", "use",
	"used", "uses", "using", "very", "via", "was", "we", "well", "were",
	"what", "when", "where", "whether", "which", "while", "who", "whom",
	"whose", "why", "will", "with", "within", "without", "would", "yet",
	"you", "your",
};

/* Phrases with which an abstract states its contribution. */
static const char *cue_contribution[] = {
	"we propose", "we present", "we introduce", "we develop",
	"we design", "we build", "this paper", "this work", "this study",
	"our method", "our approach", "our framework", "our model",
	"our system", "our results",
};

/* Phrases with which an abstract states a result. */
static const char *cue_result[] = {
	"outperform", "achiev", "improv", "reduc", "speedup", "speed-up",
	"faster", "state-of-the-art", "state of the art", "we show",
	"we demonstrate", "we find", "we prove", "we obtain", "we observe",
	"results show", "results demonstrate", "experiments", "accuracy",
};

/* Sentences that are about logistics, not the paper's content. */
static const char *cue_noise[] = {
	"http://", "https://", "github.com", "code is available",
	"code and data", "is available at", "are available at",
	"will be released", "will be made available", "publicly available",
	"accepted to", "accepted at", "accepted by",
};

/*
 * Whether w (n bytes) is in list, which is sorted (strcmp order): a
 * binary search, as every word of an abstract is looked up.
 */
static int
in_list(const char *w, size_t n, const char **list, size_t nlist)
{
	size_t lo = 0, hi = nlist, mid;
	int cmp;

	if (n == 0)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		/* The first byte inline: it settles most steps. */
		cmp = (unsigned char)w[0] - (unsigned char)list[mid][0];
		if (cmp == 0)
			cmp = strncmp(w, list[mid], n);
		if (cmp == 0 && list[mid][n] != '\0')
			cmp = -1;	/* w is a prefix: it sorts first */
		if (cmp == 0)
			return 1;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Lower-case copy of s[0..n) for comparisons (ASCII only). */
static void
lower_copy(char *dst, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = (char)tolower((unsigned char)s[i]);
	dst[n] = '\0';
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/* Length of a closing quote or bracket at s, or 0. */
static size_t
closer_len(const char *s)
{
	if (*s == ')' || *s == ']' || *s == '"' || *s == '\'' || *s == '}')
		return 1;
	/* U+2019 and U+201D, the closing curly quotes. */
	if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0x99 || (unsigned char)s[2] == 0x9d))
		return 3;
	return 0;
}

/* Length of a full-width sentence end (U+3002, U+FF01, U+FF1F) at s, or 0. */
static size_t
cjk_end_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x82)
		return 3;
	if (u[0] == 0xef && u[1] == 0xbc && (u[2] == 0x81 || u[2] == 0x9f))
		return 3;
	return 0;
}

/*
 * Whether the single period at s[i] closes an abbreviation rather than a
 * sentence: the word before it is in the list, a single letter (an
 * initial) or has inner periods with short parts ("e.g", "U.S").
 */
static int
is_abbrev(const char *s, size_t i)
{
	char low[16];
	size_t start = i, n, part = 0, maxpart = 0;
	int dots = 0;

	while (start > 0 && (isalnum((unsigned char)s[start - 1]) ||
	    s[start - 1] == '.'))
		start--;
	while (start < i && s[start] == '.')
		start++;
	n = i - start;
	if (n == 0)
		return 0;
	for (size_t k = start; k < i; k++) {
		if (s[k] == '.') {
			dots = 1;
			part = 0;
		} else if (++part > maxpart)
			maxpart = part;
	}
	if (dots)
		return maxpart <= 3;
	if (n == 1)
		return isalpha((unsigned char)s[start]) != 0;
	if (n >= sizeof(low))
		return 0;
	lower_copy(low, s + start, n);
	return in_list(low, n, abbrevs, NELEM(abbrevs));
}

/*
 * If a sentence ends at s[i], store the end of the sentence (after any
 * closing quotes) in *end and the start of what follows in *next.
 */
static int
sentence_end(const char *s, size_t i, size_t *end, size_t *next)
{
	size_t j = i, k, c;
	unsigned char nc;

	if ((c = cjk_end_len(s + i)) != 0) {
		k = i + c;
		while ((c = closer_len(s + k)) != 0)
			k += c;
		*end = k;
		while (is_space((unsigned char)s[k]))
			k++;
		*next = k;
		return 1;
	}
	if (s[i] != '.' && s[i] != '!' && s[i] != '?')
		return 0;
	while (s[j] == '.' || s[j] == '!' || s[j] == '?')
		j++;
	k = j;
	while ((c = closer_len(s + k)) != 0)
		k += c;
	if (s[k] != '\0' && !is_space((unsigned char)s[k]))
		return 0;	/* 3.5, e.g., arxiv.org */
	*end = k;
	while (is_space((unsigned char)s[k]))
		k++;
	*next = k;
	if (s[k] == '\0')
		return 1;
	nc = (unsigned char)s[k];
	if (islower(nc) || nc == ',' || nc == ';' || nc == ':' || nc == ')')
		return 0;
	if (j == i + 1 && s[i] == '.' && is_abbrev(s, i))
		return 0;
	return 1;
}

static int
add_span(struct summary_span **v, size_t *n, size_t *cap, const char *s,
    size_t off, size_t end)
{
	struct summary_span *nv;

	while (off < end && is_space((unsigned char)s[off]))
		off++;
	while (end > off && is_space((unsigned char)s[end - 1]))
		end--;
	if (end == off)
		return 0;
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;

		if ((nv = realloc(*v, ncap * sizeof(*nv))) == NULL)
			return -1;
		*v = nv;
		*cap = ncap;
	}
	(*v)[*n].off = off;
	(*v)[*n].len = end - off;
	(*n)++;
	return 0;
}

int
summary_split(const char *s, struct summary_span **spans, size_t *n)
{
	struct summary_span *v = NULL;
	struct latex_scan ms;
	size_t nv = 0, cap = 0, i = 0, start = 0, m, end, next;

	latex_scan_init(&ms, s, strlen(s));
	while (s[i] != '\0') {
		if ((m = latex_math_end(&ms, i)) != 0) {
			i = m;
			continue;
		}
		if (s[i] == '\\' && s[i + 1] != '\0') {
			i += 2;
			continue;
		}
		if (sentence_end(s, i, &end, &next)) {
			if (add_span(&v, &nv, &cap, s, start, end) == -1)
				goto nomem;
			start = i = next;
			continue;
		}
		/* Step over a whole run of ".!?" at once: linear time. */
		if (s[i] == '.' || s[i] == '!' || s[i] == '?')
			while (s[i + 1] == '.' || s[i + 1] == '!' ||
			    s[i + 1] == '?')
				i++;
		i++;
	}
	if (add_span(&v, &nv, &cap, s, start, i) == -1)
		goto nomem;
	*spans = v;
	*n = nv;
	return 0;
nomem:
	free(v);
	*spans = NULL;
	*n = 0;
	return -1;
}

/* A word of the abstract or the title, in an open-addressed table. */
struct word {
	const char	*s;	/* lower-cased, in the caller's copy */
	size_t		 len;
	size_t		 df;	/* sentences that use it */
	size_t		 seen;	/* last sentence counted, plus one */
	int		 in_title;
};

struct words {
	struct word	*v;
	size_t		 cap;	/* a power of two */
	size_t		 n;
};

static int
words_grow(struct words *t)
{
	struct word *old = t->v;
	size_t oldcap = t->cap, i, j;

	t->cap = oldcap ? oldcap * 2 : 256;
	if ((t->v = calloc(t->cap, sizeof(*t->v))) == NULL) {
		t->v = old;
		t->cap = oldcap;
		return -1;
	}
	for (i = 0; i < oldcap; i++) {
		if (old[i].s == NULL)
			continue;
		j = hash_fnv1a(old[i].s, old[i].len) & (t->cap - 1);
		while (t->v[j].s != NULL)
			j = (j + 1) & (t->cap - 1);
		t->v[j] = old[i];
	}
	free(old);
	return 0;
}

/* The entry for word w (n bytes), added if new; NULL when out of memory. */
static struct word *
words_get(struct words *t, const char *w, size_t n)
{
	size_t j;

	if ((t->n + 1) * 2 > t->cap && words_grow(t) == -1)
		return NULL;
	j = hash_fnv1a(w, n) & (t->cap - 1);
	while (t->v[j].s != NULL) {
		if (t->v[j].len == n && memcmp(t->v[j].s, w, n) == 0)
			return &t->v[j];
		j = (j + 1) & (t->cap - 1);
	}
	t->v[j].s = w;
	t->v[j].len = n;
	t->n++;
	return &t->v[j];
}

static int
word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/*
 * The next word of low[*i..end) (lower case), skipping math; a word is a
 * run of letters, digits and non-ASCII bytes, with inner hyphens.
 * Returns its length (0 at the end) and its start in *w.  *digit is set
 * when the word holds a digit.
 */
static size_t
next_word(struct latex_scan *ms, size_t *i, size_t end, const char **w,
    int *digit)
{
	const char *low = ms->s;
	size_t p = *i, m, start, k;

	while (p < end && !word_byte((unsigned char)low[p])) {
		if ((m = latex_math_end(ms, p)) != 0 && m <= end)
			p = m;
		else
			p++;
	}
	if (p >= end) {
		*i = p;
		return 0;
	}
	start = p;
	while (p < end && (word_byte((unsigned char)low[p]) ||
	    (low[p] == '-' && p + 1 < end &&
	    word_byte((unsigned char)low[p + 1]))))
		p++;
	*i = p;
	*w = low + start;
	*digit = 0;
	for (k = start; k < p; k++)
		if (isdigit((unsigned char)low[k]))
			*digit = 1;
	return p - start;
}

/* Content word: not a stop word, two bytes or more; light stemming. */
static int
content_word(const char *w, size_t *n)
{
	if (*n < 2 || in_list(w, *n, stopwords, NELEM(stopwords)))
		return 0;
	if (*n > 3 && w[*n - 1] == 's' && w[*n - 2] != 's' &&
	    w[*n - 2] != 'u' && w[*n - 2] != 'i')
		(*n)--;
	return 1;
}

/*
 * Whether the sentence holds one of the n phrases of list at the start of
 * a word: one pass over it, the phrases tried only where a word starts
 * with the first byte of one (every sentence is tried against every cue).
 */
static int
has_any(const char *low, const struct summary_span *sp, const char **list,
    size_t n)
{
	unsigned char first[256] = {0};
	size_t i, k, pl, end = sp->off + sp->len;

	for (k = 0; k < n; k++)
		first[(unsigned char)list[k][0]] = 1;
	for (i = sp->off; i < end; i++) {
		if (!first[(unsigned char)low[i]] ||
		    (i > sp->off && isalnum((unsigned char)low[i - 1])))
			continue;
		for (k = 0; k < n; k++)
			if (list[k][0] == low[i] &&
			    (pl = strlen(list[k])) <= end - i &&
			    memcmp(low + i, list[k], pl) == 0)
				return 1;
	}
	return 0;
}

/*
 * Words that, opening a sentence, point back to the one before ("Its
 * points are ..."): such a sentence reads badly on its own.  Sorted.
 */
static const char *anaphora[] = {
	"both", "he", "her", "his", "it", "its", "she", "such",
	"their", "them", "these", "they", "those",
};

/* Whether the sentence at low[off] opens with one of those words. */
static int
dangling(const char *low, size_t off, size_t len)
{
	size_t n = 0;

	while (n < len && isalpha((unsigned char)low[off + n]))
		n++;
	return in_list(low + off, n, anaphora, NELEM(anaphora));
}

struct ranked {
	size_t	idx;
	double	score;
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->score > y->score)
		return -1;
	if (x->score < y->score)
		return 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int
idx_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Score every sentence into r (one entry per span). */
static int
score_sentences(const char *low, const char *title,
    const struct summary_span *sp, size_t n, struct ranked *r)
{
	struct words t = {0};
	struct word *e;
	struct latex_scan ms, tms;
	char *tlow = NULL;
	const char *w;
	size_t i, p, len, tn;
	int digit, rc = -1;

	if (title != NULL) {
		tn = strlen(title);
		if ((tlow = malloc(tn + 1)) == NULL)
			goto out;
		lower_copy(tlow, title, tn);
		latex_scan_init(&tms, tlow, tn);
		p = 0;
		while ((len = next_word(&tms, &p, tn, &w, &digit)) != 0) {
			if (!content_word(w, &len))
				continue;
			if ((e = words_get(&t, w, len)) == NULL)
				goto out;
			e->in_title = 1;
		}
	}
	latex_scan_init(&ms, low, strlen(low));
	/* Pass 1: in how many sentences each word appears. */
	for (i = 0; i < n; i++) {
		p = sp[i].off;
		while ((len = next_word(&ms, &p, sp[i].off + sp[i].len, &w,
		    &digit)) != 0) {
			if (!content_word(w, &len))
				continue;
			if ((e = words_get(&t, w, len)) == NULL)
				goto out;
			if (e->seen != i + 1) {
				e->seen = i + 1;
				e->df++;
			}
		}
	}
	for (i = 0; i < t.cap; i++)
		t.v[i].seen = 0;
	/* Pass 2: score. */
	for (i = 0; i < n; i++) {
		double topic = 0, score;
		size_t ncontent = 0, nwords = 0;
		int figures = 0;

		p = sp[i].off;
		while ((len = next_word(&ms, &p, sp[i].off + sp[i].len, &w,
		    &digit)) != 0) {
			nwords++;
			figures |= digit;
			if (!content_word(w, &len))
				continue;
			ncontent++;
			if ((e = words_get(&t, w, len)) == NULL)
				goto out;
			if (e->seen == i + 1)
				continue;
			e->seen = i + 1;
			topic += (double)(e->df - 1) +
			    (e->in_title ? 2.0 : 0.0);
		}
		score = ncontent ? topic / sqrt((double)ncontent) : 0;
		if (has_any(low, &sp[i], cue_contribution,
		    NELEM(cue_contribution)))
			score += 1.0;
		if (has_any(low, &sp[i], cue_result, NELEM(cue_result)))
			score += 1.0;
		if (figures)
			score += 0.5;
		if (memchr(low + sp[i].off, '%', sp[i].len) != NULL)
			score += 0.5;
		if (has_any(low, &sp[i], cue_noise, NELEM(cue_noise)))
			score -= 3.0;
		if (nwords < 6)
			score *= 0.5;
		if (dangling(low, sp[i].off, sp[i].len))
			score *= 0.6;
		r[i].idx = i;
		r[i].score = score;
	}
	rc = 0;
out:
	free(t.v);
	free(tlow);
	return rc;
}

/* Append the best sentence cut to fit max characters, ending in "...". */
static int
add_cut(struct buf *b, const char *s, size_t len, size_t max)
{
	size_t keep, k;

	if (max <= 3)
		return buf_add(b, s, text_utf8_prefix(s, len, max));
	keep = text_utf8_prefix(s, len, max - 3);
	/* Back up to a word boundary if there is one. */
	for (k = keep; k > 0 && s[k] != ' '; k--)
		;
	if (k > 0)
		keep = k;
	while (keep > 0 && (s[keep - 1] == ' ' || s[keep - 1] == ',' ||
	    s[keep - 1] == ';' || s[keep - 1] == ':'))
		keep--;
	if (buf_add(b, s, keep) == -1)
		return -1;
	return buf_adds(b, "...");
}

char *
summary_extract(const char *title, const char *abstract,
    const struct summary_opts *o, char *err, size_t errlen)
{
	struct summary_span *sp = NULL;
	struct ranked *r = NULL;
	struct buf b = {0};
	char *text = NULL, *low = NULL, *out = NULL;
	size_t n, i, want, len, chars = 0, picked = 0, c;

	want = o && o->sentences ? o->sentences : SUMMARY_SENTENCES;
	if ((text = strdup(abstract)) == NULL)
		goto nomem;
	text_collapse(text);
	len = strlen(text);
	if ((low = malloc(len + 1)) == NULL)
		goto nomem;
	lower_copy(low, text, len);
	if (summary_split(text, &sp, &n) == -1)
		goto nomem;
	if (n == 0) {
		out = strdup("");
		goto done;
	}
	if ((r = calloc(n, sizeof(*r))) == NULL ||
	    score_sentences(low, title, sp, n, r) == -1)
		goto nomem;
	qsort(r, n, sizeof(*r), ranked_cmp);
	/* Best first, as many as fit; r[0..picked) are the chosen ones. */
	for (i = 0; i < n && picked < want; i++) {
		c = text_utf8_chars(text + sp[r[i].idx].off, sp[r[i].idx].len);
		if (o && o->max_chars &&
		    chars + (picked ? 1 : 0) + c > o->max_chars)
			continue;
		chars += (picked ? 1 : 0) + c;
		r[picked++] = r[i];
	}
	if (picked == 0) {
		if (add_cut(&b, text + sp[r[0].idx].off, sp[r[0].idx].len,
		    o->max_chars) == -1)
			goto nomem;
	} else {
		qsort(r, picked, sizeof(*r), idx_cmp);
		for (i = 0; i < picked; i++)
			if ((i && buf_addc(&b, ' ') == -1) ||
			    buf_add(&b, text + sp[r[i].idx].off,
			    sp[r[i].idx].len) == -1)
				goto nomem;
	}
	out = b.len ? buf_take(&b) : strdup("");
	if (out == NULL)
		goto nomem;
	goto done;
nomem:
	errmsg_set(err, errlen, "out of memory");
	out = NULL;
done:
	buf_free(&b);
	free(r);
	free(sp);
	free(low);
	free(text);
	return out;
}
