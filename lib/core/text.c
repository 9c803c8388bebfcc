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
 * word_special(s): nonzero when one of the STEP bytes at s must be looked
 * at one by one by text_collapse: a control byte, 0xc2 (U+00A0 may
 * follow), a space before another space.  A space in the last byte
 * counts as plain; the caller steps only STEP - 1 then.  SSE2 where the
 * compiler has it (every x86-64), else eight bytes in a word.
 */
#if defined(__SSE2__) && !defined(NO_SIMD)
#include <emmintrin.h>

#define STEP	16

static inline int
word_special(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const void *)s);
	__m128i sp = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
	__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
	__m128i nb = _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xc2));
	__m128i pair = _mm_and_si128(sp, _mm_srli_si128(sp, 1));

	return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(ctl, nb), pair));
}
#else
#define STEP	8
#define ONES	0x0101010101010101ULL
#define LOWS	0x7f7f7f7f7f7f7f7fULL
#define HIGHS	0x8080808080808080ULL

/* 0x80 in each byte of w equal to c: exact, no borrow between bytes. */
static inline uint64_t
bytes_eq(uint64_t w, unsigned char c)
{
	uint64_t t = w ^ (ONES * c);

	return ~(((t & LOWS) + LOWS) | t) & HIGHS;
}

static inline int
word_special(const unsigned char *s)
{
	uint64_t w, sp;

	memcpy(&w, s, 8);
	sp = bytes_eq(w, ' ');
	return ((~(((w & LOWS) + ONES * 0x60) | w) & HIGHS) |
	    bytes_eq(w, 0xc2) | (sp & (sp >> 8))) != 0;
}
#endif

/*
 * On the parsers' hot path.  Most text is already collapsed, so a first
 * loop only reads, up to the first byte that must change; the second
 * loop moves bytes from there on.  Both take STEP bytes at a time
 * where nothing in them needs a look.
 */
char *
text_collapse(char *s)
{
	text_collapse_len(s, strlen(s));
	return s;
}

size_t
text_collapse_len(char *s, size_t n)
{
	unsigned char *r = (unsigned char *)s, *w, *end, *lim;
	size_t k;

	end = r + n;
	if (!IS_SPACE(r)) {
		for (;;) {
			/*
			 * Two windows overlapping by a byte (a pair of spaces
			 * across them is seen) per step: the next step waits
			 * on the load of the last byte, so fewer, longer steps.
			 */
			if (end - r >= 2 * STEP - 1 && word_special(r) == 0 &&
			    word_special(r + STEP - 1) == 0) {
				r += r[2 * STEP - 2] == ' ' ? 2 * STEP - 2 :
				    2 * STEP - 1;
				continue;
			}
			if (end - r >= STEP) {
				if (word_special(r) == 0) {
					r += r[STEP - 1] == ' ' ? STEP - 1 : STEP;
					continue;
				}
				lim = r + STEP;
			} else
				lim = end;
			while (r < lim) {
				if (PLAIN(r[0]))
					r++;
				else if (r[0] == ' ' && PLAIN(r[1]))
					r += 2;
				else if (r[0] != '\0' && !IS_SPACE(r))
					r++;
				else
					goto moved;
			}
			if (r >= end)
				break;
		}
	}
moved:
	w = r;
	while (*r) {
		/* As above; w <= r: the last byte stored is one read. */
		if (w != (unsigned char *)s && end - r >= 2 * STEP - 1 &&
		    word_special(r) == 0 && word_special(r + STEP - 1) == 0) {
			k = r[2 * STEP - 2] == ' ' ? 2 * STEP - 2 : 2 * STEP - 1;
			memmove(w, r, 2 * STEP - 1);
			w += k;
			r += k;
			continue;
		}
		if (w != (unsigned char *)s && end - r >= STEP &&
		    word_special(r) == 0) {
			k = r[STEP - 1] == ' ' ? STEP - 1 : STEP;
			memmove(w, r, STEP);
			w += k;
			r += k;
			continue;
		}
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
	return (size_t)(w - (unsigned char *)s);
}

int
text_is_space(const char *s)
{
	return IS_SPACE((const unsigned char *)s);
}

/* The length a UTF-8 lead byte announces, 0 if c cannot start one. */
static size_t
lead_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

size_t
text_utf8_decode_seq(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t len, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((len = lead_len(u[0])) == 0 || len > n)
		goto bad;
	c = u[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xfffd;
	return 1;
}

size_t
text_utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		cp = 0xfffd;
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * The second byte's range is what tells a cut overlong form, surrogate
 * or value past U+10FFFF from a good start (RFC 3629, section 4).
 */
int
text_utf8_partial(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t i;

	if (n == 0 || lead_len(u[0]) <= n)
		return 0;
	for (i = 1; i < n; i++)
		if ((u[i] & 0xc0) != 0x80)
			return 0;
	if (u[0] == 0xe0)
		lo = 0xa0;
	else if (u[0] == 0xed)
		hi = 0x9f;
	else if (u[0] == 0xf0)
		lo = 0x90;
	else if (u[0] == 0xf4)
		hi = 0x8f;
	return n < 2 || (u[1] >= lo && u[1] <= hi);
}

size_t
text_utf8_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

size_t
text_utf8_prefix(const char *s, size_t n, size_t max)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (c == max)
				return i;
			c++;
		}
	}
	return n;
}

/* ASCII white space, as isspace() has it in the C locale. */
#define ASCII_SPACE(c)	((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))

void
text_trim(const char **s, size_t *n)
{
	while (*n > 0 && ASCII_SPACE(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ASCII_SPACE((*s)[*n - 1]))
		(*n)--;
}

/*
 * Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if it
 * is invalid (see text_utf8_decode()) or a NUL byte.
 */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len;

	if (s[0] == 0)
		return 0;
	len = text_utf8_decode((const char *)s, n, &cp);
	return len == 1 && cp == 0xfffd ? 0 : len;
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

int
text_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}
