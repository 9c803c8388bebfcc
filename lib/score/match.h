/*
 * Matching keywords in text: whole words, case-insensitive, Unicode-aware,
 * LaTeX accents read as letters; or PCRE2 regular expressions.  The one
 * module that includes PCRE2.
 *
 * A term of letters, digits, spaces and hyphens matches as whole words
 * over folded text (fold.h): "RL" matches "deep RL" and "RL-based" but not
 * "URL"; a simple plural counts ("LLM" matches "LLMs", "query" matches
 * "queries"); a term ending in '*' matches words it begins; a phrase
 * matches its words in order separated by spaces or hyphens only.  Any
 * other term ("C++", "cs.LG") is matched literally, case-insensitively,
 * and not inside a longer word.  A regex term is a PCRE2 pattern compiled
 * with UTF, UCP and CASELESS (and JIT when available).
 *
 * Ownership: match_set_new() returns a set the caller frees with
 * match_set_free(); terms are copied.  A struct match_text is zeroed to
 * start and released with match_text_free().
 */
#ifndef MATCH_H
#define MATCH_H

#include <stddef.h>

#include "buf.h"

struct match_set;

/* The text of one field, prepared once and matched against every term. */
struct match_text {
	struct buf	folded;		/* fold_text() of every segment */
	struct buf	raw;		/* the segments, for literal/regex terms */
	int		nseg;
};

struct match_set *match_set_new(void);
void	match_set_free(struct match_set *);

/*
 * Add a term (regex: a PCRE2 pattern); returns its index, or -1 with err
 * ("bad regular expression at offset 3: missing closing parenthesis",
 * "empty term").
 */
int	match_set_add(struct match_set *, const char *term, int regex,
	    char *err, size_t errlen);
size_t	match_set_size(const struct match_set *);

/* Empty t for a new field (keeps its memory). */
void	match_text_reset(struct match_text *);
/*
 * Append one segment (a title, one author's name) of n bytes of valid
 * UTF-8; segments never match across each other.  -1 if out of memory.
 */
int	match_text_add(const struct match_set *, struct match_text *,
	    const char *s, size_t n);
void	match_text_free(struct match_text *);

/*
 * Add to counts[i] the number of times term i occurs in t (counts has
 * match_set_size() elements).  Returns 0, or 1 when a regex failed to run
 * on t (err names the first: "regex \"(a+)+$\" failed: match limit
 * exceeded"): that term counts nothing in t, every other term is counted.
 *
 * What a regex may cost: every pattern runs under one match context, at
 * most 1,000,000 backtracking steps, a backtracking depth of 100,000 and
 * 32 MiB of frames per field of each paper (a JIT stack of up to 1 MiB),
 * so a pattern that backtracks catastrophically costs a few milliseconds
 * per paper, and fails there, instead of running for seconds.
 */
int	match_count(const struct match_set *, const struct match_text *,
	    unsigned *counts, char *err, size_t errlen);

#endif
