/*
 * Small text utilities over UTF-8 strings.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>

/*
 * Collapse every run of white space (space, tab, CR, LF, form feed,
 * vertical tab and U+00A0) into one space and trim both ends, in place.
 * Returns s.
 */
char	*text_collapse(char *s);
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

/*
 * Copy at most max bytes of s into a new string, cut back to a whole
 * UTF-8 character; *cut is set to 1 if anything was left off.
 */
char	*text_truncate(const char *s, size_t max, int *cut);

#endif
