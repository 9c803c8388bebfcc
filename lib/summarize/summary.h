/*
 * The offline extractive summariser: picks an abstract's most
 * informative sentences and returns them in their original order.
 *
 * It is deterministic (the same title and abstract always give the same
 * summary, on every machine) and needs no network, so a pipeline works
 * with no API key.  Sentences are split with care for what abstracts
 * hold: abbreviations ("e.g.", "i.e.", "et al.", "Fig. 3"), initials,
 * decimals ("3.5"), ellipses and LaTeX math ($...$, \(...\), \[...\]),
 * inside which nothing is ever split.
 *
 * Scoring: a sentence scores for the topic words it shares with the rest
 * of the abstract (content words used more than once) and with the
 * title, normalised by its length, plus a bonus for the phrases with
 * which abstracts state a contribution ("we propose") or a result
 * ("outperforms", figures such as "60%").  Ties go to the earlier
 * sentence.
 */
#ifndef SUMMARY_H
#define SUMMARY_H

#include <stddef.h>

#define SUMMARY_SENTENCES	3	/* default number of sentences */

struct summary_opts {
	size_t	sentences;	/* at most this many; 0: SUMMARY_SENTENCES */
	size_t	max_chars;	/* at most this many characters; 0: no cap */
};

/* One sentence of a text: off and len in bytes, trimmed of white space. */
struct summary_span {
	size_t	off;
	size_t	len;
};

/*
 * Split text into sentences.  *spans is a new array the caller frees
 * (NULL when there is no sentence), *n its length.  -1 when out of
 * memory.
 */
int	summary_split(const char *text, struct summary_span **spans, size_t *n);

/*
 * The summary of abstract (title may be NULL) as a new string the caller
 * frees: the best sentences in their original order, joined by one
 * space, white space collapsed.  With a max_chars cap, sentences are
 * taken best first while they fit; if not even the best one fits, it is
 * cut at a word boundary (never inside a UTF-8 character) and ends in
 * "...".  An abstract with no sentence gives "".  NULL with err when out
 * of memory.
 */
char	*summary_extract(const char *title, const char *abstract,
	    const struct summary_opts *, char *err, size_t errlen);

#endif
