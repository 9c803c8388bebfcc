/*
 * Similarity to a user's library: TF-IDF cosine between a paper's title
 * and abstract and the profile of the papers a user keeps, in C, with no
 * model to download.  Deterministic: the same library and text give the
 * same number on every run.
 *
 * Words are those of fold.h (lower-cased, LaTeX accents read), less a
 * short list of English stop words, numbers and one-letter words, with a
 * plural "s" taken off.  With N library papers and df(t) the number that
 * hold word t, idf(t) = ln((1 + N) / (1 + df(t))) + 1 and a word counted
 * c times weighs (1 + ln c) idf(t).  The profile is the sum of the
 * library papers' unit vectors; the similarity is the cosine between it
 * and the paper's vector, from 0 to 1.
 *
 * Ownership: tfidf_load() returns a model freed with tfidf_free().
 */
#ifndef TFIDF_H
#define TFIDF_H

#include <stddef.h>

struct tfidf;

/*
 * Load a library: NDJSON "paper" records (title and abstract; other
 * records are skipped) or a BibTeX file (the title and abstract fields
 * of each entry), told apart by the first character ('{' is NDJSON).
 * NULL with err ("lib.bib: no paper with a title or abstract").
 */
struct tfidf *tfidf_load(const char *path, char *err, size_t errlen);
void	tfidf_free(struct tfidf *);
/* The number of library papers. */
size_t	tfidf_size(const struct tfidf *);

/*
 * The similarity (0..1) of a text given as two parts (title, abstract;
 * either may be NULL); -1 if out of memory.
 */
double	tfidf_similarity(struct tfidf *, const char *title, size_t tlen,
	    const char *abstract, size_t alen);

#endif
