/*
 * Folding text for whole-word matching: LaTeX accents decoded, letters
 * lower-cased, words separated by one byte that says how they were
 * separated.
 *
 * fold_text() appends to a caller's buffer the words of s, each lower-cased
 * (simple case folding for Latin, Greek, Cyrillic and Armenian letters),
 * with LaTeX accent commands ({\"a}, \"{a}, \'e, \c{c}, \ss, ...) turned
 * into the letters they stand for.  Between two words it writes
 * FOLD_SPACE when only white space and hyphens separated them, and
 * FOLD_BREAK when anything else did, so that a phrase can match across
 * "Mixture-of-Experts" but not across "experts. Mixture".  A word is a run
 * of letters, digits and combining marks; TeX grouping braces are ignored
 * ("{K}{\"a}hler" is one word) and other TeX commands are dropped
 * ("\textbf{Fast}" is "fast"); everything else separates.
 */
#ifndef FOLD_H
#define FOLD_H

#include <stddef.h>
#include <stdint.h>

struct buf;

#define FOLD_SPACE	' '
#define FOLD_BREAK	'\001'

/* Append the folded words of s (n bytes of UTF-8); -1 if out of memory. */
int	fold_text(struct buf *out, const char *s, size_t n);

/*
 * Append s lower-cased, and nothing else changed (for the bot's
 * substring tests); -1 if out of memory.
 */
int	fold_lower(struct buf *out, const char *s, size_t n);

/* The simple lower-case mapping of a code point. */
uint32_t fold_cp(uint32_t cp);

/*
 * A LaTeX accent or letter command at s ({\"a}, \"{a}, \'e, \c{c}, \ss,
 * \o, ...): its length, with the lower-case letter in *cp; 0 if none.
 */
size_t	fold_latex(const char *s, size_t n, uint32_t *cp);

/* 1 if the code point is part of a word (a letter, digit or mark). */
int	fold_is_word(uint32_t cp);

/* 1 if the code point joins a phrase's words (white space, hyphens). */
int	fold_is_space(uint32_t cp);

#endif
