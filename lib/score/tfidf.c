#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "buf.h"
#include "errmsg.h"
#include "fold.h"
#include "jsonc.h"
#include "strmap.h"
#include "tfidf.h"

#define LIBRARY_MAX	(256UL * 1024 * 1024)

static const char *stopwords[] = {
	"a", "about", "after", "all", "also", "an", "and", "any", "are", "as",
	"at", "be", "been", "between", "both", "but", "by", "can", "could",
	"do", "does", "each", "for", "from", "has", "have", "how", "however",
	"in", "into", "is", "it", "its", "may", "more", "most", "new", "no",
	"not", "of", "on", "one", "only", "or", "other", "our", "over",
	"paper", "such", "than", "that", "the", "their", "them", "then",
	"there", "these", "they", "this", "those", "through", "thus", "to",
	"two", "under", "up", "use", "used", "using", "via", "was", "we",
	"were", "what", "when", "where", "which", "while", "who", "will",
	"with", "within", "without", "would",
};

/* A word of the text at hand, pointing into the folded text. */
struct word_ref {
	const char	*s;
	size_t		 n;
};

/* One library paper: its words (vocabulary indexes) and their counts. */
struct doc {
	size_t		*word;
	unsigned	*count;
	size_t		 n;
};

struct tfidf {
	struct strmap	*vocab;		/* word -> index */
	struct strmap	*stop;
	size_t		 nwords, cap;
	unsigned	*df;
	double		*idf;
	double		*profile;
	double		 profile_norm;
	size_t		 ndocs;
	struct doc	*docs;
	struct buf	 folded;
	unsigned	*count;		/* per word, for the text at hand */
	size_t		*touched;	/* the words counted, in text order */
	size_t		 ntouched;
	struct word_ref	*unknown;	/* words not in the library */
	size_t		 nunknown, capunknown;
};

void
tfidf_free(struct tfidf *t)
{
	size_t i;

	if (t == NULL)
		return;
	strmap_free(t->vocab);
	strmap_free(t->stop);
	for (i = 0; i < t->ndocs; i++) {
		free(t->docs[i].word);
		free(t->docs[i].count);
	}
	free(t->docs);
	free(t->df);
	free(t->idf);
	free(t->profile);
	free(t->count);
	free(t->touched);
	free(t->unknown);
	buf_free(&t->folded);
	free(t);
}

size_t
tfidf_size(const struct tfidf *t)
{
	return t->ndocs;
}

/* The next word of the folded text at *pos, or 0 when there is none. */
static size_t
next_word(const struct tfidf *t, const char *s, size_t n, size_t *pos,
    const char **w)
{
	size_t i, j, len, k;

	for (i = *pos; i < n; i = j + 1) {
		for (j = i; j < n && s[j] != FOLD_SPACE && s[j] != FOLD_BREAK;
		    j++)
			;
		len = j - i;
		*pos = j + 1;
		if (len < 2 || strmap_get(t->stop, s + i, len) != NULL)
			continue;
		for (k = 0; k < len && s[i + k] >= '0' && s[i + k] <= '9'; k++)
			;
		if (k == len)
			continue;
		if (len > 3 && s[i + len - 1] == 's' &&
		    strchr("siu", s[i + len - 2]) == NULL)
			len--;
		*w = s + i;
		return len;
	}
	*pos = n;
	return 0;
}

/*
 * Count the words of title and abstract: known words in t->count (listed
 * in t->touched), others in t->unknown when keep_unknown, else added to
 * the vocabulary (while loading).
 */
static int
count_words(struct tfidf *t, const char *title, size_t tlen,
    const char *abstract, size_t alen, int learn)
{
	const char *w;
	size_t pos = 0, len, idx;
	long *slot;
	int found;
	void *p;

	buf_reset(&t->folded);
	if ((title && fold_text(&t->folded, title, tlen) == -1) ||
	    buf_addc(&t->folded, FOLD_BREAK) == -1 ||
	    (abstract && fold_text(&t->folded, abstract, alen) == -1))
		return -1;
	t->ntouched = 0;
	t->nunknown = 0;
	while ((len = next_word(t, t->folded.data, t->folded.len, &pos,
	    &w)) > 0) {
		if (learn) {
			if ((slot = strmap_slot(t->vocab, w, len, &found)) ==
			    NULL)
				return -1;
			if (!found) {
				if (t->nwords == t->cap) {
					size_t cap = t->cap ? t->cap * 2 : 1024;

					if ((p = realloc(t->count, cap *
					    sizeof(*t->count))) == NULL)
						return -1;
					t->count = p;
					if ((p = realloc(t->df, cap *
					    sizeof(*t->df))) == NULL)
						return -1;
					t->df = p;
					if ((p = realloc(t->touched, cap *
					    sizeof(*t->touched))) == NULL)
						return -1;
					t->touched = p;
					t->cap = cap;
				}
				t->count[t->nwords] = 0;
				t->df[t->nwords] = 0;
				*slot = (long)t->nwords++;
			}
			idx = (size_t)*slot;
		} else {
			const long *v = strmap_get(t->vocab, w, len);

			if (v == NULL) {
				if (t->nunknown == t->capunknown) {
					size_t cap = t->capunknown ?
					    t->capunknown * 2 : 256;

					if ((p = realloc(t->unknown, cap *
					    sizeof(*t->unknown))) == NULL)
						return -1;
					t->unknown = p;
					t->capunknown = cap;
				}
				t->unknown[t->nunknown].s = w;
				t->unknown[t->nunknown++].n = len;
				continue;
			}
			idx = (size_t)*v;
		}
		if (t->count[idx]++ == 0)
			t->touched[t->ntouched++] = idx;
	}
	return 0;
}

static int
add_doc(struct tfidf *t, const char *title, size_t tlen,
    const char *abstract, size_t alen)
{
	struct doc *d;
	size_t i;

	if (count_words(t, title, tlen, abstract, alen, 1) == -1)
		return -1;
	if (t->ntouched == 0)
		return 0;
	if ((d = realloc(t->docs, (t->ndocs + 1) * sizeof(*d))) == NULL)
		return -1;
	t->docs = d;
	d = &t->docs[t->ndocs++];
	d->n = t->ntouched;
	d->word = calloc(d->n, sizeof(*d->word));
	d->count = calloc(d->n, sizeof(*d->count));
	if (d->word == NULL || d->count == NULL)
		return -1;
	for (i = 0; i < d->n; i++) {
		d->word[i] = t->touched[i];
		d->count[i] = t->count[t->touched[i]];
		t->df[t->touched[i]]++;
		t->count[t->touched[i]] = 0;
	}
	return 0;
}

/*
 * NDJSON: the title and abstract of every "paper" line.  A library is a
 * reading list, not a stream between stages: an entry needs no id, and a
 * line that is not a paper is left out, not refused.
 */
static int
load_ndjson(struct tfidf *t, const char *s, size_t n)
{
	struct jsonc_parser *jp;
	struct json_object *o, *v;
	const char *nl, *end = s + n, *title, *abstract, *kind;
	size_t tlen, alen;
	char err[256];
	int rc = 0;

	if ((jp = jsonc_parser_new()) == NULL)
		return -1;
	for (; s < end && rc == 0; s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		if (jsonc_parse_record(jp, s, (size_t)(nl - s), &o, err,
		    sizeof(err)) == -1)
			continue;
		if ((kind = jsonc_get_str(o, "kind")) != NULL &&
		    strcmp(kind, "paper") == 0) {
			title = abstract = NULL;
			tlen = alen = 0;
			if (jsonc_is_string(v = jsonc_get(o, "title")))
				title = jsonc_string(v, &tlen);
			if (jsonc_is_string(v = jsonc_get(o, "abstract")))
				abstract = jsonc_string(v, &alen);
			rc = add_doc(t, title, tlen, abstract, alen);
		}
		jsonc_put(o);
	}
	jsonc_parser_free(jp);
	return rc;
}

/*
 * A BibTeX value at s[*i]: {braced}, "quoted" or a bare word; *v and *vn
 * give its text without the outer delimiters.
 */
static void
bib_value(const char *s, size_t n, size_t *i, const char **v, size_t *vn)
{
	size_t j = *i;
	int depth = 0;

	if (j < n && (s[j] == '{' || s[j] == '"')) {
		char close = s[j] == '{' ? '}' : '"';

		*v = s + ++j;
		for (; j < n; j++) {
			if (s[j] == '\\' && j + 1 < n) {
				j++;
				continue;
			}
			if (s[j] == '{')
				depth++;
			else if (s[j] == '}' && depth > 0)
				depth--;
			else if (s[j] == close && depth == 0)
				break;
		}
		*vn = (size_t)(s + j - *v);
		*i = j < n ? j + 1 : n;
		return;
	}
	*v = s + j;
	while (j < n && s[j] != ',' && s[j] != '}')
		j++;
	*vn = (size_t)(s + j - *v);
	*i = j;
}

/* BibTeX: the title and abstract fields of each entry. */
static int
load_bibtex(struct tfidf *t, const char *s, size_t n)
{
	const char *title, *abstract, *v, *name;
	size_t i = 0, tlen, alen, vn, nl;

	while (i < n) {
		const char *at = memchr(s + i, '@', n - i);

		if (at == NULL)
			break;
		i = (size_t)(at - s) + 1;
		while (i < n && s[i] != '{' && s[i] != '(')
			i++;
		/* Skip the key. */
		while (i < n && s[i] != ',' && s[i] != '}')
			i++;
		title = abstract = NULL;
		tlen = alen = 0;
		while (i < n && s[i] == ',') {
			i++;
			while (i < n && strchr(" \t\r\n", s[i]) != NULL)
				i++;
			name = s + i;
			while (i < n && s[i] != '=' && s[i] != ',' &&
			    s[i] != '}' && strchr(" \t\r\n", s[i]) == NULL)
				i++;
			nl = (size_t)(s + i - name);
			while (i < n && strchr(" \t\r\n", s[i]) != NULL)
				i++;
			if (i >= n || s[i] != '=')
				continue;
			i++;
			while (i < n && strchr(" \t\r\n", s[i]) != NULL)
				i++;
			bib_value(s, n, &i, &v, &vn);
			if (nl == 5 && strncasecmp(name, "title", 5) == 0) {
				title = v;
				tlen = vn;
			} else if (nl == 8 &&
			    strncasecmp(name, "abstract", 8) == 0) {
				abstract = v;
				alen = vn;
			}
			while (i < n && strchr(" \t\r\n", s[i]) != NULL)
				i++;
		}
		if ((title || abstract) &&
		    add_doc(t, title, tlen, abstract, alen) == -1)
			return -1;
	}
	return 0;
}

struct tfidf *
tfidf_load(const char *path, char *err, size_t errlen)
{
	struct tfidf *t;
	struct buf b = {0};
	char chunk[65536];
	double w, norm;
	size_t i, j, n;
	int found, rc;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	b.max = LIBRARY_MAX;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_add(&b, chunk, n) == -1) {
			errmsg_set(err, errlen, "%s: file too large", path);
			fclose(fp);
			buf_free(&b);
			return NULL;
		}
	if (ferror(fp)) {
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		fclose(fp);
		buf_free(&b);
		return NULL;
	}
	fclose(fp);
	if ((t = calloc(1, sizeof(*t))) == NULL ||
	    (t->vocab = strmap_new()) == NULL ||
	    (t->stop = strmap_new()) == NULL)
		goto nomem;
	for (i = 0; i < sizeof(stopwords) / sizeof(stopwords[0]); i++)
		if (strmap_slot(t->stop, stopwords[i], strlen(stopwords[i]),
		    &found) == NULL)
			goto nomem;
	for (i = 0; i < b.len && strchr(" \t\r\n", b.data[i]) != NULL; i++)
		;
	rc = i < b.len && b.data[i] == '{' ? load_ndjson(t, buf_str(&b), b.len) :
	    load_bibtex(t, buf_str(&b), b.len);
	if (rc == -1)
		goto nomem;
	buf_free(&b);
	if (t->ndocs == 0) {
		errmsg_set(err, errlen, "%s: no paper with a title or abstract",
		    path);
		tfidf_free(t);
		return NULL;
	}
	t->idf = calloc(t->nwords + 1, sizeof(*t->idf));
	t->profile = calloc(t->nwords + 1, sizeof(*t->profile));
	if (t->idf == NULL || t->profile == NULL)
		goto nomem;
	for (i = 0; i < t->nwords; i++)
		t->idf[i] = log((1.0 + (double)t->ndocs) /
		    (1.0 + t->df[i])) + 1;
	for (i = 0; i < t->ndocs; i++) {
		struct doc *d = &t->docs[i];

		for (norm = 0, j = 0; j < d->n; j++) {
			w = (1 + log(d->count[j])) * t->idf[d->word[j]];
			norm += w * w;
		}
		norm = sqrt(norm);
		for (j = 0; j < d->n; j++)
			t->profile[d->word[j]] += (1 + log(d->count[j])) *
			    t->idf[d->word[j]] / norm;
	}
	for (norm = 0, i = 0; i < t->nwords; i++)
		norm += t->profile[i] * t->profile[i];
	t->profile_norm = sqrt(norm);
	return t;
nomem:
	buf_free(&b);
	tfidf_free(t);
	errmsg_set(err, errlen, "out of memory");
	return NULL;
}

static int
cmp_unknown(const void *a, const void *b)
{
	const struct word_ref *x = a, *y = b;
	int c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);

	if (c != 0)
		return c;
	return x->n < y->n ? -1 : x->n > y->n;
}

double
tfidf_similarity(struct tfidf *t, const char *title, size_t tlen,
    const char *abstract, size_t alen)
{
	double dot = 0, norm = 0, w, unk, sim;
	size_t i, j, idx;

	if (count_words(t, title, tlen, abstract, alen, 0) == -1)
		return -1;
	for (i = 0; i < t->ntouched; i++) {
		idx = t->touched[i];
		w = (1 + log(t->count[idx])) * t->idf[idx];
		dot += w * t->profile[idx];
		norm += w * w;
		t->count[idx] = 0;
	}
	/* Words the library never uses weigh the most and match nothing. */
	if (t->nunknown > 1)
		qsort(t->unknown, t->nunknown, sizeof(*t->unknown),
		    cmp_unknown);
	unk = log(1.0 + (double)t->ndocs) + 1;
	for (i = 0; i < t->nunknown; i = j) {
		for (j = i + 1; j < t->nunknown &&
		    cmp_unknown(&t->unknown[i], &t->unknown[j]) == 0; j++)
			;
		w = (1 + log((double)(j - i))) * unk;
		norm += w * w;
	}
	if (norm == 0 || t->profile_norm == 0)
		return 0;
	sim = dot / (sqrt(norm) * t->profile_norm);
	return sim < 0 ? 0 : sim > 1 ? 1 : sim;
}
