#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jscan.h"
#include "text.h"

/* NO_SIMD: the portable code only (test_jscan_portable.c tests it). */
#if defined(__SSE2__) && defined(__GNUC__) && !defined(NO_SIMD)
#define JSCAN_SSE2	1
#include <emmintrin.h>
#endif

#define KEYS_MAX	512	/* keys of the open nested objects */
#define KEY_LEVELS	64	/* levels whose keys are checked for duplicates */

struct scanner {
	const char	*p, *end;
	int		 canonical;
	const char	*lone;		/* first lone surrogate escape */
	const char	*keys[KEYS_MAX];	/* to find duplicate keys */
	size_t		 keylens[KEYS_MAX];
	size_t		 nkeys;
	/* The open containers of a nested value: one bit each, 1: object. */
	uint64_t	 inl[JSCAN_INLINE_DEPTH / 64];
	uint64_t	*bits;		/* inl, or heap when deeper */
	size_t		 nbits;		/* capacity in bits */
	uint64_t	*heap;
	size_t		 kbase[KEY_LEVELS];	/* nkeys when a level opened */
	uint64_t	 topkeys;	/* key_bit() of the top-level keys */
	int		 mixed;		/* see jscan_member's strings */
	int		 inner_esc;	/* the value at hand: an escaped key */
};

static void
skip_ws_run(struct scanner *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
	    *s->p == '\n' || *s->p == '\r')) {
		s->p++;
		s->canonical = 0;
	}
}

/* A canonical line has no white space: one test for the common case. */
static inline void
skip_ws(struct scanner *s)
{
	if (s->p >= s->end || (unsigned char)*s->p <= ' ')
		skip_ws_run(s);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#ifdef JSCAN_SSE2
/*
 * jscan_plain_run() sixteen bytes at a time: most of a line is the text of its
 * strings, and this loop is most of what arxiv-score spends on a line.
 */
static const char *
plain_run16(const char *p, const char *end, int *high)
{
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i bslash = _mm_set1_epi8('\\');
	const __m128i ctl = _mm_set1_epi8(0x1f);
	__m128i x, hi = _mm_setzero_si128();
	unsigned stop;

	while (end - p >= 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)p);
		stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(x, quote),
		    _mm_cmpeq_epi8(x, bslash)),
		    _mm_cmpeq_epi8(_mm_min_epu8(x, ctl), x)));
		if (stop != 0) {
			/* The bytes before the stop are the string's. */
			if ((unsigned)_mm_movemask_epi8(x) & ((stop & -stop) - 1))
				*high = 1;
			p += __builtin_ctz(stop);
			break;
		}
		hi = _mm_or_si128(hi, x);
		p += 16;
	}
	if (_mm_movemask_epi8(hi) != 0)
		*high = 1;
	return p;
}
#endif

/*
 * 1 if any byte of the 8 at p is '"', '\\' or a control byte; else 0, with
 * *high set if one is 0x80 or more.
 */
static int
word_stops(const char *p, int *high)
{
	const uint64_t ones = 0x0101010101010101ULL, hb = 0x8080808080808080ULL;
	uint64_t x, q, b;

	memcpy(&x, p, sizeof(x));
	q = x ^ (ones * '"');
	b = x ^ (ones * '\\');
	/* A byte of 0x80 or more is no stop (~x). */
	if ((((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x)) &
	    hb)
		return 1;
	if (x & hb)
		*high = 1;
	return 0;
}

const char *
jscan_plain_run(const char *p, const char *end, int *high)
{
	unsigned char c;

#ifdef JSCAN_SSE2
	/* With 16 bytes left, it stopped on the run's end. */
	if (end - (p = plain_run16(p, end, high)) >= 16)
		return p;
#endif
	while (end - p >= 8 && !word_stops(p, high))
		p += 8;
	while (p < end && (c = (unsigned char)*p) >= 0x20 && c != '"' &&
	    c != '\\') {
		*high |= c >> 7;
		p++;
	}
	return p;
}

/*
 * Whether the escape \u(hi) is the high half of a pair whose low half is
 * the escape at p.  The low half is then scanned as an escape of its own.
 */
static int
surrogate_pair(int hi, const char *p, const char *end)
{
	int lo = 0, i, h;

	if (hi > 0xdbff || end - p < 6 || p[0] != '\\' || p[1] != 'u')
		return 0;
	for (i = 2; i < 6; i++) {
		if ((h = hexval(p[i])) < 0)
			return 0;
		lo = lo * 16 + h;
	}
	return lo >= 0xdc00 && lo <= 0xdfff;
}

/*
 * The backslash escape at p: where the string goes on, or NULL if the
 * escape is invalid.  json-c writes \" \\ \b \f \n \r \t, \u00xx (lower-case
 * hex) for the other control characters and everything else as is.
 */
static const char *
scan_escape(struct scanner *s, const char *p)
{
	int v, i;

	if (p + 1 >= s->end)
		return NULL;
	switch (p[1]) {
	case '"': case '\\': case 'b': case 'f': case 'n': case 'r': case 't':
		return p + 2;
	case '/':
		s->canonical = 0;
		return p + 2;
	case 'u':
		break;
	default:
		return NULL;
	}
	if (s->end - p < 6)
		return NULL;
	for (v = 0, i = 2; i < 6; i++) {
		if (hexval(p[i]) < 0)
			return NULL;
		v = v * 16 + hexval(p[i]);
		if (p[i] >= 'A' && p[i] <= 'F')
			s->canonical = 0;
	}
	if (v == 0 || v >= 0x20 || v == '\b' || v == '\f' || v == '\n' ||
	    v == '\r' || v == '\t')
		s->canonical = 0;	/* json-c writes it otherwise */
	if (v >= 0xd800 && v <= 0xdfff) {
		if (surrogate_pair(v, p + 6, s->end)) {
			s->canonical = 0;
			p += 6;		/* the low half too */
		} else if (s->lone == NULL)
			s->lone = p;
	}
	return p + 6;
}

/*
 * A string at s->p (on its opening quote): *str and *len give its bytes
 * without quotes.
 */
static int
scan_string(struct scanner *s, const char **str, size_t *len, int *escaped)
{
	const char *p = s->p + 1, *start = p;
	int high = 0;

	*escaped = 0;
	for (;;) {
		if ((p = jscan_plain_run(p, s->end, &high)) >= s->end)
			return -1;
		if (*p == '"')
			break;
		if (*p != '\\')
			return -1;	/* a control byte */
		*escaped = 1;
		if ((p = scan_escape(s, p)) == NULL)
			return -1;
	}
	*str = start;
	*len = (size_t)(p - start);
	if (high && !text_utf8_valid(start, *len))
		return -1;
	s->p = p + 1;
	return 0;
}

/* A number; json-c writes integers its own way and keeps other numbers. */
static int
scan_number(struct scanner *s)
{
	const char *p = s->p, *digits;
	int frac = 0;

	if (p < s->end && *p == '-')
		p++;
	digits = p;
	if (p >= s->end || *p < '0' || *p > '9')
		return -1;
	if (*p == '0')
		p++;
	else
		while (p < s->end && *p >= '0' && *p <= '9')
			p++;
	if (p < s->end && *p == '.') {
		frac = 1;
		if (++p >= s->end || *p < '0' || *p > '9')
			return -1;
		while (p < s->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < s->end && (*p == 'e' || *p == 'E')) {
		frac = 1;
		p++;
		if (p < s->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= s->end || *p < '0' || *p > '9')
			return -1;
		while (p < s->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (!frac && ((p - digits > 18) ||
	    (digits[0] == '0' && digits > s->p)))
		s->canonical = 0;	/* big integers and -0 */
	s->p = p;
	return 0;
}

static int
literal(struct scanner *s, const char *word, size_t n)
{
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return -1;
	s->p += n;
	return 0;
}

/* Open a nested level; -1 when out of memory. */
static int
push(struct scanner *s, size_t depth, int object)
{
	uint64_t *nb;
	size_t cap;

	if (depth >= s->nbits) {
		cap = s->nbits * 2;
		if ((nb = calloc(cap / 64, sizeof(*nb))) == NULL)
			return -1;
		memcpy(nb, s->bits, s->nbits / 8);
		free(s->heap);
		s->bits = s->heap = nb;
		s->nbits = cap;
	}
	if (object)
		s->bits[depth / 64] |= (uint64_t)1 << (depth % 64);
	else
		s->bits[depth / 64] &= ~((uint64_t)1 << (depth % 64));
	if (depth < KEY_LEVELS)
		s->kbase[depth] = s->nkeys;
	if (depth + 2 >= JSCAN_JSONC_DEPTH)
		s->canonical = 0;	/* json-c would refuse it */
	return 0;
}

static int
is_object(const struct scanner *s, size_t depth)
{
	return (s->bits[depth / 64] >> (depth % 64)) & 1;
}

/* A key inside a nested object at level depth: note it for duplicates. */
static int
nested_key(struct scanner *s, size_t depth)
{
	const char *k;
	size_t kl, i;
	int esc;

	if (s->p >= s->end || *s->p != '"' ||
	    scan_string(s, &k, &kl, &esc) == -1)
		return -1;
	if (depth == 0)
		s->inner_esc |= esc;
	if (depth >= KEY_LEVELS || s->nkeys == KEYS_MAX) {
		s->canonical = 0;	/* not checked: assume the worst */
		return 0;
	}
	for (i = s->kbase[depth]; i < s->nkeys; i++)
		if (s->keylens[i] == kl && (kl == 0 ||
		    (s->keys[i][0] == k[0] && memcmp(s->keys[i], k, kl) == 0)))
			s->canonical = 0;
	s->keys[s->nkeys] = k;
	s->keylens[s->nkeys++] = kl;
	return 0;
}

/* A scalar value at s->p: a string, a number or a literal. */
static int
scan_scalar(struct scanner *s, enum jscan_type *t, int *esc)
{
	const char *v;
	size_t vl;

	*esc = 0;
	if (s->p >= s->end)
		return -1;
	switch (*s->p) {
	case '"':
		*t = JSCAN_STRING;
		return scan_string(s, &v, &vl, esc);
	case 't':
		*t = JSCAN_TRUE;
		return literal(s, "true", 4);
	case 'f':
		*t = JSCAN_FALSE;
		return literal(s, "false", 5);
	case 'n':
		*t = JSCAN_NULL;
		return literal(s, "null", 4);
	default:
		*t = JSCAN_NUMBER;
		return scan_number(s);
	}
}

/*
 * A nested array or object at s->p, without recursion: the open levels
 * are a bit stack (object or array), so no input can exhaust the C
 * stack, and nesting has no limit but memory.
 */
static int
scan_nested(struct scanner *s)
{
	enum jscan_type t;
	size_t depth = 0;	/* open levels */
	int esc;
	char c;

	for (;;) {
		/* At a value. */
		if (s->p < s->end && (*s->p == '{' || *s->p == '[')) {
			if (depth == 1)
				s->mixed = 1;
			if (push(s, depth, *s->p == '{') == -1)
				return -1;
			depth++;
			s->p++;
			skip_ws(s);
			if (s->p < s->end && *s->p == (is_object(s,
			    depth - 1) ? '}' : ']')) {
				s->p++;
				depth--;
				goto closed;
			}
			if (is_object(s, depth - 1))
				goto key;
			continue;
		}
		if (scan_scalar(s, &t, &esc) == -1)
			return -1;
		if (depth == 1 && t != JSCAN_STRING &&
		    (t != JSCAN_NULL || !is_object(s, 0)))
			s->mixed = 1;
closed:
		/* After a value: a comma or the end of its level. */
		for (;;) {
			if (depth == 0)
				return 0;
			skip_ws(s);
			if (s->p >= s->end)
				return -1;
			c = *s->p++;
			if (c == ',')
				break;
			if (c != (is_object(s, depth - 1) ? '}' : ']'))
				return -1;
			depth--;
			if (depth < KEY_LEVELS && is_object(s, depth))
				s->nkeys = s->kbase[depth];
		}
		skip_ws(s);
		if (!is_object(s, depth - 1))
			continue;
key:
		if (nested_key(s, depth - 1) == -1)
			return -1;
		skip_ws(s);
		if (s->p >= s->end || *s->p != ':')
			return -1;
		s->p++;
		skip_ws(s);
	}
}

/*
 * A top-level key's bit in a filter of those seen: only a key whose bit is
 * set is compared with the others (a paper's 18 keys take 2 compares).
 */
static uint64_t
key_bit(const char *k, size_t n)
{
	unsigned h = (unsigned)n * 7;

	if (n > 0)
		h += (unsigned char)k[0] + (unsigned char)k[n - 1] * 3u;
	return (uint64_t)1 << (h & 63);
}

/* Note a top-level key; the scan is not canonical if it is a duplicate. */
static void
top_key(struct scanner *s, const char *k, size_t n)
{
	uint64_t bit = key_bit(k, n);
	size_t i;

	if (s->topkeys & bit)
		for (i = 0; i < s->nkeys; i++)
			if (s->keylens[i] == n && (n == 0 ||
			    (s->keys[i][0] == k[0] &&
			    memcmp(s->keys[i], k, n) == 0)))
				s->canonical = 0;
	s->topkeys |= bit;
	if (s->nkeys < KEYS_MAX) {
		s->keys[s->nkeys] = k;
		s->keylens[s->nkeys++] = n;
	} else
		s->canonical = 0;
}

/* Room for one more top-level member; NULL when out of memory. */
static struct jscan_member *
next_member(struct jscan *js)
{
	struct jscan_member *m;
	size_t cap;

	if (js->m == js->inl && js->n < JSCAN_MEMBERS)
		return &js->inl[js->n++];
	if (js->n >= js->heapcap) {
		cap = js->heapcap ? js->heapcap * 2 : JSCAN_MEMBERS * 4;
		if ((m = realloc(js->heap, cap * sizeof(*m))) == NULL)
			return NULL;
		if (js->m == js->heap)
			js->m = m;
		js->heap = m;
		js->heapcap = cap;
	}
	if (js->m == js->inl) {
		memcpy(js->heap, js->inl, sizeof(js->inl));
		js->m = js->heap;
	}
	return &js->m[js->n++];
}

/* The top-level object: its members into js. */
static int
scan_top(struct scanner *s, struct jscan *js)
{
	struct jscan_member *m;

	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		return 0;
	}
	for (;;) {
		if ((m = next_member(js)) == NULL)
			return -1;
		if (s->p >= s->end || *s->p != '"')
			return -1;
		m->start = s->p;
		if (scan_string(s, &m->key, &m->keylen, &m->key_escaped) == -1)
			return -1;
		js->key_escaped |= m->key_escaped;
		top_key(s, m->key, m->keylen);
		skip_ws(s);
		if (s->p >= s->end || *s->p != ':')
			return -1;
		s->p++;
		skip_ws(s);
		m->val = s->p;
		if (s->p < s->end && (*s->p == '{' || *s->p == '[')) {
			m->type = *s->p == '{' ? JSCAN_OBJECT : JSCAN_ARRAY;
			m->escaped = 0;
			s->mixed = s->inner_esc = 0;
			if (scan_nested(s) == -1)
				return -1;
			m->strings = !s->mixed;
			m->keys_escaped = s->inner_esc;
		} else {
			if (scan_scalar(s, &m->type, &m->escaped) == -1)
				return -1;
			m->strings = m->keys_escaped = 0;
		}
		if (m->type == JSCAN_STRING) {
			m->val++;
			m->vallen = (size_t)(s->p - m->val) - 1;
		} else
			m->vallen = (size_t)(s->p - m->val);
		m->end = s->p;
		skip_ws(s);
		if (s->p >= s->end)
			return -1;
		if (*s->p == '}') {
			s->p++;
			return 0;
		}
		if (*s->p != ',')
			return -1;
		s->p++;
		skip_ws(s);
	}
}

int
jscan_object(struct jscan *js, const char *line, size_t len)
{
	struct scanner s;
	int rc = -1;

	s.p = line;
	s.end = line + len;
	s.canonical = 1;
	s.lone = NULL;
	s.nkeys = 0;
	s.topkeys = 0;
	s.bits = s.inl;
	s.nbits = JSCAN_INLINE_DEPTH;
	s.heap = NULL;
	js->m = js->inl;
	js->n = 0;
	js->canonical = 0;
	js->key_escaped = 0;
	js->lone = NULL;
	skip_ws(&s);
	if (s.p >= s.end || *s.p != '{' || scan_top(&s, js) == -1)
		goto out;
	skip_ws(&s);
	if (s.p != s.end)
		goto out;
	js->canonical = s.canonical;
	js->lone = s.lone;
	rc = 0;
out:
	free(s.heap);
	return rc;
}

void
jscan_free(struct jscan *js)
{
	if (js == NULL)
		return;
	free(js->heap);
	js->heap = NULL;
	js->heapcap = 0;
	js->m = js->inl;
	js->n = 0;
}

const struct jscan_member *
jscan_get(const struct jscan *js, const char *key)
{
	size_t i, n = strlen(key);

	for (i = js->n; i-- > 0;)
		if (js->m[i].keylen == n && memcmp(js->m[i].key, key, n) == 0)
			return &js->m[i];
	return NULL;
}

int
jscan_decode(const char *s, size_t n, struct buf *out)
{
	char u[TEXT_UTF8_MAX];
	size_t i = 0, run;
	uint32_t cp, lo;
	int rc = 0, lone = 0;

	while (i < n) {
		for (run = i; run < n && s[run] != '\\'; run++)
			;
		rc |= buf_add(out, s + i, run - i);
		if ((i = run) >= n)
			break;
		switch (s[i + 1]) {
		case 'b': rc |= buf_addc(out, '\b'); break;
		case 'f': rc |= buf_addc(out, '\f'); break;
		case 'n': rc |= buf_addc(out, '\n'); break;
		case 'r': rc |= buf_addc(out, '\r'); break;
		case 't': rc |= buf_addc(out, '\t'); break;
		case 'u':
			cp = (uint32_t)(hexval(s[i + 2]) << 12 |
			    hexval(s[i + 3]) << 8 | hexval(s[i + 4]) << 4 |
			    hexval(s[i + 5]));
			i += 4;
			if (cp >= 0xd800 && cp <= 0xdbff && i + 7 < n &&
			    s[i + 2] == '\\' && s[i + 3] == 'u') {
				lo = (uint32_t)(hexval(s[i + 4]) << 12 |
				    hexval(s[i + 5]) << 8 |
				    hexval(s[i + 6]) << 4 | hexval(s[i + 7]));
				if (lo >= 0xdc00 && lo <= 0xdfff) {
					cp = 0x10000 + ((cp - 0xd800) << 10) +
					    (lo - 0xdc00);
					i += 6;
				}
			}
			/* A lone surrogate: U+FFFD, as json-c writes it. */
			if (cp >= 0xd800 && cp <= 0xdfff)
				lone = 1;
			rc |= buf_add(out, u, text_utf8_encode(cp, u));
			break;
		default:	/* " \ / */
			rc |= buf_addc(out, s[i + 1]);
			break;
		}
		i += 2;
	}
	return rc ? -1 : lone;
}

int
jscan_string(const struct jscan_member *m, struct buf *scratch,
    const char **out, size_t *len)
{
	int rc;

	if (m->type != JSCAN_STRING)
		return -1;
	if (!m->escaped) {
		*out = m->val;
		*len = m->vallen;
		return 0;
	}
	buf_reset(scratch);
	if ((rc = jscan_decode(m->val, m->vallen, scratch)) == -1 ||
	    buf_grow(scratch, 1) == -1)
		return -1;
	*out = buf_str(scratch);
	*len = scratch->len;
	return rc;
}

int
jscan_key(const struct jscan_member *m, struct buf *scratch,
    const char **out, size_t *len)
{
	if (!m->key_escaped) {
		*out = m->key;
		*len = m->keylen;
		return 0;
	}
	buf_reset(scratch);
	if (jscan_decode(m->key, m->keylen, scratch) == -1 ||
	    buf_grow(scratch, 1) == -1)
		return -1;
	*out = buf_str(scratch);
	*len = scratch->len;
	return 0;
}

int
jscan_strings(const struct jscan_member *m, struct buf *out, size_t *n)
{
	const char *p, *end, *start;
	size_t len;
	int esc, rc, lone = 0;

	*n = 0;
	if (!jscan_is_strings(m))
		return -1;
	/*
	 * Decoded, the strings and their NULs take fewer bytes than the
	 * array: one grow, then plain strings are copied in place.
	 */
	if (buf_grow(out, m->vallen) == -1)
		return -1;
	p = m->val + 1;
	end = m->val + m->vallen - 1;
	while (p < end) {
		while (p < end && *p != '"')
			p++;	/* white space and commas */
		if (p >= end)
			break;
		start = ++p;
		esc = 0;
		while (*p != '"') {
			if (*p == '\\') {
				esc = 1;
				p++;
			}
			p++;
		}
		len = (size_t)(p - start);
		if (esc) {
			if ((rc = jscan_decode(start, len, out)) == -1)
				return -1;
			lone |= rc;
		} else {
			memcpy(out->data + out->len, start, len);
			out->len += len;
		}
		out->data[out->len++] = '\0';
		(*n)++;
		p++;
	}
	out->data[out->len] = '\0';
	return lone;
}

int
jscan_is_strings(const struct jscan_member *m)
{
	return m->type == JSCAN_ARRAY && m->strings;
}
