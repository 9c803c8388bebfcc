#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "fold.h"
#include "text.h"

/* ASCII classes: a word byte, white space or hyphen, anything else. */
enum { C_BREAK = 0, C_WORD, C_SPACE };

/* What separates the next word from the last: nothing yet, spaces only, more. */
enum { SEP_NONE = 0, SEP_SPACE, SEP_BREAK };

static const unsigned char ascii_class[128] = {
	['\t'] = C_SPACE, ['\n'] = C_SPACE, ['\v'] = C_SPACE, ['\f'] = C_SPACE,
	['\r'] = C_SPACE, [' '] = C_SPACE, ['-'] = C_SPACE,
	['0'] = C_WORD, ['1'] = C_WORD, ['2'] = C_WORD, ['3'] = C_WORD,
	['4'] = C_WORD, ['5'] = C_WORD, ['6'] = C_WORD, ['7'] = C_WORD,
	['8'] = C_WORD, ['9'] = C_WORD,
	['A'] = C_WORD, ['B'] = C_WORD, ['C'] = C_WORD, ['D'] = C_WORD,
	['E'] = C_WORD, ['F'] = C_WORD, ['G'] = C_WORD, ['H'] = C_WORD,
	['I'] = C_WORD, ['J'] = C_WORD, ['K'] = C_WORD, ['L'] = C_WORD,
	['M'] = C_WORD, ['N'] = C_WORD, ['O'] = C_WORD, ['P'] = C_WORD,
	['Q'] = C_WORD, ['R'] = C_WORD, ['S'] = C_WORD, ['T'] = C_WORD,
	['U'] = C_WORD, ['V'] = C_WORD, ['W'] = C_WORD, ['X'] = C_WORD,
	['Y'] = C_WORD, ['Z'] = C_WORD,
	['a'] = C_WORD, ['b'] = C_WORD, ['c'] = C_WORD, ['d'] = C_WORD,
	['e'] = C_WORD, ['f'] = C_WORD, ['g'] = C_WORD, ['h'] = C_WORD,
	['i'] = C_WORD, ['j'] = C_WORD, ['k'] = C_WORD, ['l'] = C_WORD,
	['m'] = C_WORD, ['n'] = C_WORD, ['o'] = C_WORD, ['p'] = C_WORD,
	['q'] = C_WORD, ['r'] = C_WORD, ['s'] = C_WORD, ['t'] = C_WORD,
	['u'] = C_WORD, ['v'] = C_WORD, ['w'] = C_WORD, ['x'] = C_WORD,
	['y'] = C_WORD, ['z'] = C_WORD,
};

/* LaTeX accent commands applied to a base letter, as lower-case letters. */
static const struct accent {
	char		acc;
	char		base;
	uint16_t	cp;
} accents[] = {
	{ '"', 'a', 0xe4 }, { '"', 'e', 0xeb }, { '"', 'i', 0xef },
	{ '"', 'o', 0xf6 }, { '"', 'u', 0xfc }, { '"', 'y', 0xff },
	{ '\'', 'a', 0xe1 }, { '\'', 'e', 0xe9 }, { '\'', 'i', 0xed },
	{ '\'', 'o', 0xf3 }, { '\'', 'u', 0xfa }, { '\'', 'y', 0xfd },
	{ '\'', 'c', 0x107 }, { '\'', 'n', 0x144 }, { '\'', 's', 0x15b },
	{ '\'', 'z', 0x17a }, { '\'', 'l', 0x13a }, { '\'', 'r', 0x155 },
	{ '`', 'a', 0xe0 }, { '`', 'e', 0xe8 }, { '`', 'i', 0xec },
	{ '`', 'o', 0xf2 }, { '`', 'u', 0xf9 },
	{ '^', 'a', 0xe2 }, { '^', 'e', 0xea }, { '^', 'i', 0xee },
	{ '^', 'o', 0xf4 }, { '^', 'u', 0xfb }, { '^', 'c', 0x109 },
	{ '^', 'g', 0x11d }, { '^', 'h', 0x125 }, { '^', 'j', 0x135 },
	{ '^', 's', 0x15d }, { '^', 'w', 0x175 }, { '^', 'y', 0x177 },
	{ '~', 'a', 0xe3 }, { '~', 'n', 0xf1 }, { '~', 'o', 0xf5 },
	{ '~', 'i', 0x129 }, { '~', 'u', 0x169 },
	{ '=', 'a', 0x101 }, { '=', 'e', 0x113 }, { '=', 'i', 0x12b },
	{ '=', 'o', 0x14d }, { '=', 'u', 0x16b },
	{ '.', 'z', 0x17c }, { '.', 'e', 0x117 }, { '.', 'c', 0x10b },
	{ '.', 'g', 0x121 },
	{ 'c', 'c', 0xe7 }, { 'c', 's', 0x15f }, { 'c', 't', 0x163 },
	{ 'c', 'g', 0x123 }, { 'c', 'k', 0x137 }, { 'c', 'l', 0x13c },
	{ 'c', 'n', 0x146 }, { 'c', 'r', 0x157 },
	{ 'v', 'c', 0x10d }, { 'v', 's', 0x161 }, { 'v', 'z', 0x17e },
	{ 'v', 'r', 0x159 }, { 'v', 'e', 0x11b }, { 'v', 'n', 0x148 },
	{ 'v', 'd', 0x10f }, { 'v', 't', 0x165 }, { 'v', 'l', 0x13e },
	{ 'u', 'a', 0x103 }, { 'u', 'g', 0x11f }, { 'u', 'u', 0x16d },
	{ 'u', 'e', 0x115 }, { 'u', 'o', 0x14f }, { 'u', 'i', 0x12d },
	{ 'H', 'o', 0x151 }, { 'H', 'u', 0x171 },
	{ 'k', 'a', 0x105 }, { 'k', 'e', 0x119 }, { 'k', 'i', 0x12f },
	{ 'k', 'u', 0x173 },
	{ 'r', 'a', 0xe5 }, { 'r', 'u', 0x16f },
};

/* LaTeX commands that are letters by themselves: \ss, \o, \aa, ... */
static const struct letter {
	const char	*name;
	uint16_t	 cp;
} letters[] = {
	{ "ss", 0xdf }, { "aa", 0xe5 }, { "AA", 0xe5 }, { "ae", 0xe6 },
	{ "AE", 0xe6 }, { "oe", 0x153 }, { "OE", 0x153 }, { "o", 0xf8 },
	{ "O", 0xf8 }, { "l", 0x142 }, { "L", 0x142 }, { "i", 'i' },
	{ "j", 'j' },
};

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char
lower_ascii(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

/*
 * A LaTeX letter command at s ("\ss", "\o", "\i"): its length and *cp,
 * or 0.  The name must not run on into more letters ("\oe" is not "\o").
 */
static size_t
latex_letter(const char *s, size_t n, uint32_t *cp)
{
	size_t i, l;

	if (n < 2 || s[0] != '\\')
		return 0;
	for (i = 0; i < sizeof(letters) / sizeof(letters[0]); i++) {
		l = strlen(letters[i].name);
		if (n >= 1 + l && memcmp(s + 1, letters[i].name, l) == 0 &&
		    (n == 1 + l || !is_alpha(s[1 + l]))) {
			*cp = letters[i].cp;
			return 1 + l;
		}
	}
	return 0;
}

/*
 * A LaTeX accent at s: \"a, \"{a}, \'{\i}, \c{c}, \c c, \v{s}; returns
 * its length and the accented letter in *cp, or 0 if s holds none.
 */
static size_t
latex_accent(const char *s, size_t n, uint32_t *cp)
{
	size_t i, pos, l;
	uint32_t base;
	char acc;
	int brace = 0;

	if (n < 3 || s[0] != '\\')
		return 0;
	acc = s[1];
	if (strchr("\"'`^~=.", acc) != NULL)
		pos = 2;
	else if (strchr("cvuHkr", acc) != NULL && (s[2] == '{' || s[2] == ' '))
		pos = 2;
	else
		return latex_letter(s, n, cp);
	if (pos < n && s[pos] == ' ' && strchr("cvuHkr", acc) != NULL)
		pos++;
	else if (pos < n && s[pos] == '{') {
		brace = 1;
		pos++;
	}
	if (pos >= n)
		return 0;
	if (s[pos] == '\\') {
		if ((l = latex_letter(s + pos, n - pos, &base)) == 0 ||
		    (base != 'i' && base != 'j'))
			return 0;
		pos += l;
	} else if (is_alpha(s[pos]))
		base = (uint32_t)lower_ascii(s[pos++]);
	else
		return 0;
	if (brace) {
		if (pos >= n || s[pos] != '}')
			return 0;
		pos++;
	}
	for (i = 0; i < sizeof(accents) / sizeof(accents[0]); i++)
		if (accents[i].acc == acc && (uint32_t)accents[i].base == base) {
			*cp = accents[i].cp;
			return pos;
		}
	return 0;
}

size_t
fold_latex(const char *s, size_t n, uint32_t *cp)
{
	size_t l;

	if (s[0] == '\\') {
		l = latex_accent(s, n, cp);
		/* TeX swallows the space after a control word: "\ss e". */
		if (l > 0 && l < n && s[l] == ' ' && is_alpha(s[l - 1]) &&
		    latex_letter(s, n, cp) == l)
			l++;
		return l;
	}
	if (n >= 4 && s[0] == '{' && s[1] == '\\' &&
	    (l = latex_accent(s + 1, n - 1, cp)) > 0 && 1 + l < n &&
	    s[1 + l] == '}')
		return l + 2;
	return 0;
}

/* Pairs where the capital is even and the small letter follows it. */
static int
even_pair(uint32_t cp, uint32_t lo, uint32_t hi)
{
	return cp >= lo && cp <= hi && (cp & 1) == (lo & 1);
}

uint32_t
fold_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return cp + 32;
	if (cp < 0x100)
		return cp;
	if (even_pair(cp, 0x100, 0x137) || even_pair(cp, 0x139, 0x148) ||
	    even_pair(cp, 0x14a, 0x177) || even_pair(cp, 0x179, 0x17e) ||
	    even_pair(cp, 0x1cd, 0x1dc) || even_pair(cp, 0x1de, 0x1ef) ||
	    even_pair(cp, 0x1f8, 0x21f) || even_pair(cp, 0x222, 0x233) ||
	    even_pair(cp, 0x460, 0x481) || even_pair(cp, 0x48a, 0x4bf) ||
	    even_pair(cp, 0x4d0, 0x52f) || even_pair(cp, 0x1e00, 0x1e95) ||
	    even_pair(cp, 0x1ea0, 0x1eff))
		return cp + 1;
	if (cp == 0x178)
		return 0xff;
	if (cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2)
		return cp + 32;
	if (cp == 0x386)
		return 0x3ac;
	if (cp >= 0x388 && cp <= 0x38a)
		return cp + 37;
	if (cp == 0x38c)
		return 0x3cc;
	if (cp == 0x38e || cp == 0x38f)
		return cp + 63;
	if (cp == 0x3c2)
		return 0x3c3;
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 80;
	if (cp >= 0x531 && cp <= 0x556)
		return cp + 48;
	if (cp >= 0xff21 && cp <= 0xff3a)
		return cp + 32;
	return cp;
}

/* White space and hyphens beyond ASCII: they join a phrase's words. */
static int
is_space_cp(uint32_t cp)
{
	return cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200a) ||
	    (cp >= 0x2010 && cp <= 0x2013) || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000;
}

int
fold_is_space(uint32_t cp)
{
	if (cp < 0x80)
		return ascii_class[cp] == C_SPACE;
	return is_space_cp(cp);
}

int
fold_is_word(uint32_t cp)
{
	if (cp < 0x80)
		return ascii_class[cp] == C_WORD;
	if (cp < 0xc0)
		return cp == 0xaa || cp == 0xb2 || cp == 0xb3 || cp == 0xb5 ||
		    cp == 0xb9 || cp == 0xba;
	if (cp == 0xd7 || cp == 0xf7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x2e00 && cp <= 0x2e7f) ||
	    (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xfe10 && cp <= 0xfe6f) ||
	    (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
	    (cp >= 0xff3b && cp <= 0xff40) || (cp >= 0xff5b && cp <= 0xff65) ||
	    cp >= 0xfff0)
		return 0;
	return 1;
}

/*
 * The folded text is never longer than the text: a lower-case letter is
 * as long as its capital in UTF-8, a LaTeX command is longer than its
 * letter, and one separator byte stands for at least one character.  So
 * the buffer grows once and the loop writes without checks.
 */
int
fold_text(struct buf *out, const char *s, size_t n)
{
	char *o;
	size_t i = 0, l;
	uint32_t cp;
	int sep = SEP_NONE, started = 0;
	unsigned char c, cls;

	if (buf_grow(out, n + 1) == -1)
		return -1;
	o = out->data + out->len;
	while (i < n) {
		c = (unsigned char)s[i];
		if (c < 0x80) {
			cls = ascii_class[c];
			if (cls == C_WORD) {
				if (sep != SEP_NONE && started)
					*o++ = sep == SEP_BREAK ?
					    FOLD_BREAK : FOLD_SPACE;
				sep = SEP_NONE;
				started = 1;
				*o++ = (c >= 'A' && c <= 'Z') ? (char)(c + 32) :
				    (char)c;
				i++;
				continue;
			}
			if ((c == '\\' || c == '{') &&
			    (l = fold_latex(s + i, n - i, &cp)) > 0) {
				i += l;
				goto word;
			}
			/* TeX grouping braces join: "{K}{\"a}hler". */
			if (c == '{' || c == '}') {
				i++;
				continue;
			}
			/* Other TeX commands are not words: "\textbf{Fast}". */
			if (c == '\\' && i + 1 < n && is_alpha(s[i + 1])) {
				for (i++; i < n && is_alpha(s[i]); i++)
					;
				sep = SEP_BREAK;
				continue;
			}
			if (cls == C_SPACE) {
				if (sep == SEP_NONE)
					sep = SEP_SPACE;
			} else
				sep = SEP_BREAK;
			i++;
			continue;
		}
		i += text_utf8_decode(s + i, n - i, &cp);
		if (cp == 0xad)
			continue;
		if (!fold_is_word(cp)) {
			if (is_space_cp(cp)) {
				if (sep == SEP_NONE)
					sep = SEP_SPACE;
			} else
				sep = SEP_BREAK;
			continue;
		}
word:
		if (sep != SEP_NONE && started)
			*o++ = sep == SEP_BREAK ? FOLD_BREAK : FOLD_SPACE;
		sep = SEP_NONE;
		started = 1;
		o += text_utf8_encode(fold_cp(cp), o);
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
	return 0;
}

/*
 * LOWER_STEP ASCII bytes at p lower-cased into o: 0, or -1 (nothing
 * written) if a byte is not ASCII.  SSE2 where the compiler has it
 * (every x86-64; NO_SIMD turns it off for a test): the bytes, all under
 * 0x80, compare as signed.  Else a word at a time, where no byte's sum
 * carries into the next, as every byte is under 0x80.
 */
#if defined(__SSE2__) && !defined(NO_SIMD)
#include <emmintrin.h>

#define LOWER_STEP	16

static int
lower_word(const char *p, char *o)
{
	__m128i x = _mm_loadu_si128((const void *)p), upper;

	if (_mm_movemask_epi8(x) != 0)
		return -1;
	upper = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
	    _mm_cmpgt_epi8(_mm_set1_epi8('Z' + 1), x));
	_mm_storeu_si128((void *)o, _mm_or_si128(x,
	    _mm_and_si128(upper, _mm_set1_epi8(0x20))));
	return 0;
}
#else
#define LOWER_STEP	8

static int
lower_word(const char *p, char *o)
{
	const uint64_t ones = 0x0101010101010101ULL, hb = ones * 0x80;
	uint64_t x, upper;

	memcpy(&x, p, sizeof(x));
	if (x & hb)
		return -1;
	/* Bit 7 of a byte: at least 'A', and not past 'Z'. */
	upper = (x + ones * (0x80 - 'A')) & ~(x + ones * (0x7f - 'Z')) & hb;
	x |= upper >> 2;	/* 0x80 >> 2 is the case bit, 0x20 */
	memcpy(o, &x, sizeof(x));
	return 0;
}
#endif

int
fold_lower(struct buf *out, const char *s, size_t n)
{
	char *o;
	size_t i = 0, l;
	uint32_t cp;
	unsigned char c;

	if (buf_grow(out, n + 1) == -1)
		return -1;
	o = out->data + out->len;
	while (i < n) {
		/* Most text is ASCII: a word at a time while it is. */
		if (n - i >= LOWER_STEP && lower_word(s + i, o) == 0) {
			i += LOWER_STEP;
			o += LOWER_STEP;
			continue;
		}
		c = (unsigned char)s[i];
		if (c < 0x80) {
			*o++ = (c >= 'A' && c <= 'Z') ? (char)(c + 32) :
			    (char)c;
			i++;
			continue;
		}
		l = text_utf8_decode(s + i, n - i, &cp);
		if (cp == 0xfffd && l == 1) {
			*o++ = s[i++];
			continue;
		}
		i += l;
		o += text_utf8_encode(fold_cp(cp), o);
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
	return 0;
}
