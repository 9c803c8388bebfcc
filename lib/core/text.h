/*
 * Small text utilities over UTF-8 strings.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Collapse every run of white space (space, tab, CR, LF, form feed,
 * vertical tab and U+00A0) into one space and trim both ends, in place.
 * Returns s.
 */
char	*text_collapse(char *s);
/* The same on s of n bytes (strlen(s)); returns the new length. */
size_t	text_collapse_len(char *s, size_t n);
/* 1 if s starts with a character text_collapse() counts as white space. */
int	text_is_space(const char *s);

/*
 * Return a new copy of s (n bytes) with every invalid UTF-8 sequence
 * (and NUL byte) replaced by U+FFFD; *nbad counts the replacements.
 * NULL when out of memory.
 */
char	*text_utf8_repair(const char *s, size_t n, size_t *nbad);

/* 1 if s (n bytes) is valid UTF-8 with no NUL byte, else 0. */
int	text_utf8_valid(const char *s, size_t n);

/* The most bytes text_utf8_encode() writes. */
#define TEXT_UTF8_MAX	4

/*
 * Decode the UTF-8 character at s (n > 0 bytes available) into *cp and
 * return its length, 1 to 4.  The rule for bad input: a byte that does
 * not start a valid sequence of RFC 3629 (a stray continuation byte, an
 * overlong form, a surrogate, a value past U+10FFFF, a sequence n cuts
 * short) decodes as U+FFFD of length 1, so a caller steps over it and
 * resynchronises at the next byte.  A real U+FFFD has length 3, which
 * tells the two apart.  NUL decodes as 0, like any ASCII byte.
 */
size_t	text_utf8_decode_seq(const char *s, size_t n, uint32_t *cp);

/* ASCII inline: the matcher and the folder decode every character. */
static inline size_t
text_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	return text_utf8_decode_seq(s, n, cp);
}

/*
 * Write cp as UTF-8 into out (at least TEXT_UTF8_MAX bytes) and return
 * the number of bytes written.  A surrogate or a value past U+10FFFF,
 * which UTF-8 cannot hold, is written as U+FFFD.
 */
size_t	text_utf8_encode(uint32_t cp, char *out);

/*
 * 1 if the n bytes at s are the start of a valid UTF-8 sequence that is
 * longer than n: more bytes may complete it.  For readers of slices that
 * carry a character cut at a slice's end over to the next one.
 */
int	text_utf8_partial(const char *s, size_t n);

/* The number of characters in the n bytes of UTF-8 at s. */
size_t	text_utf8_chars(const char *s, size_t n);

/*
 * The length in bytes of the first max characters of the n bytes of
 * UTF-8 at s (n if there are no more than max).
 */
size_t	text_utf8_prefix(const char *s, size_t n, size_t max);

/*
 * Step over ASCII white space (space, tab, LF, VT, FF, CR) at both ends
 * of the n bytes at *s: *s moves forward and *n shrinks.
 */
void	text_trim(const char **s, size_t *n);

/*
 * 1 if the n bytes at s are only spaces, tabs and CRs: a blank NDJSON
 * line, or what may follow a JSON value on its line.
 */
int	text_blank(const char *s, size_t n);

/*
 * Copy at most max bytes of s into a new string, cut back to a whole
 * UTF-8 character; *cut is set to 1 if anything was left off.
 */
char	*text_truncate(const char *s, size_t max, int *cut);

#endif
