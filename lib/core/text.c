#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* 1: ASCII white space; 2: the first byte of U+00A0 (0xc2 0xa0). */
static const unsigned char space_class[256] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
	[0xc2] = 2,
};

#define IS_SPACE(r)	(space_class[(r)[0]] == 1 || \
	    (space_class[(r)[0]] == 2 && (r)[1] == 0xa0))

/* A byte that is never white space and never starts U+00A0. */
#define PLAIN(c)	((c) > 0x20 && (c) != 0xc2)

/*
 * On the parsers' hot path.  Most text is already collapsed, so a first
 * loop only reads, up to the first byte that must change; the second
 * loop moves bytes from there on.
 */
char *
text_collapse(char *s)
{
	unsigned char *r = (unsigned char *)s, *w;

	if (!IS_SPACE(r)) {
		for (;;) {
			if (PLAIN(r[0])) {
				r++;
			} else if (r[0] == ' ' && PLAIN(r[1])) {
				r += 2;
			} else if (r[0] != '\0' && !IS_SPACE(r)) {
				r++;
			} else
				break;
		}
	}
	w = r;
	while (*r) {
		if (!IS_SPACE(r)) {
			*w++ = *r++;
			continue;
		}
		r += *r == 0xc2 ? 2 : 1;
		while (IS_SPACE(r))
			r += *r == 0xc2 ? 2 : 1;
		if (*r && w != (unsigned char *)s)
			*w++ = ' ';
	}
	*w = '\0';
	return s;
}

int
text_is_space(const char *s)
{
	return IS_SPACE((const unsigned char *)s);
}

/*
 * Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if it
 * is invalid: overlong forms, surrogates and values past U+10FFFF are
 * rejected, as RFC 3629 asks.
 */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned long cp;

	if (s[0] == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

int
text_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		if (p[i] >= 0x01 && p[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_seq(p + i, n - i)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

char *
text_utf8_repair(const char *s, size_t n, size_t *nbad)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out, *w;
	size_t i = 0, k, bad = 0;

	/* Each bad byte becomes at most 3 bytes. */
	if (n > (SIZE_MAX - 1) / 3 || (out = malloc(n * 3 + 1)) == NULL)
		return NULL;
	w = out;
	while (i < n) {
		if ((k = utf8_seq(p + i, n - i)) == 0) {
			memcpy(w, "\xef\xbf\xbd", 3);
			w += 3;
			bad++;
			i++;
			continue;
		}
		memcpy(w, p + i, k);
		w += k;
		i += k;
	}
	*w = '\0';
	if (nbad)
		*nbad = bad;
	return out;
}

char *
text_truncate(const char *s, size_t max, int *cut)
{
	size_t n = strlen(s);

	*cut = 0;
	if (n > max) {
		n = max;
		/* Step back over continuation bytes to a character start. */
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		*cut = 1;
	}
	return strndup(s, n);
}
