#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jscan.h"
#include "text.h"

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
};

static void
skip_ws(struct scanner *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
	    *s->p == '\n' || *s->p == '\r')) {
		s->p++;
		s->canonical = 0;
	}
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

/*
 * A string at s->p (on its opening quote): *str and *len give its bytes
 * without quotes.  json-c writes \" \\ \b \f \n \r \t, \u00xx (lower-case
 * hex) for the other control characters and everything else as is.
 */
/* 1 if any byte of the 8 at p is '"', '\\', a control or non-ASCII byte. */
static int
word_special(const char *p)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t x, q, b;

	memcpy(&x, p, sizeof(x));
	q = x ^ (ones * '"');
	b = x ^ (ones * '\\');
	return (((q - ones) & ~q) | ((b - ones) & ~b) | (x - ones * 0x20) |
	    x) & high ? 1 : 0;
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
 * A string at s->p (on its opening quote): *str and *len give its bytes
 * without quotes.  json-c writes \" \\ \b \f \n \r \t, \u00xx (lower-case
 * hex) for the other control characters and everything else as is.
 * Plain ASCII is skipped eight bytes at a time.
 */
static int
scan_string(struct scanner *s, const char **str, size_t *len, int *escaped)
{
	const char *p = s->p + 1, *start = p;
	int high = 0, v, i;
	unsigned char c;

	*escaped = 0;
	for (;;) {
		while (s->end - p >= 8 && !word_special(p))
			p += 8;
		while (p < s->end && (c = (unsigned char)*p) >= 0x20 &&
		    c != '"' && c != '\\') {
			high |= c & 0x80;
			p++;
			if (c < 0x80 && s->end - p >= 8 && !word_special(p))
				break;
		}
		if (p >= s->end)
			return -1;
		c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		if (c == '"')
			break;
		if (c < 0x20)
			return -1;
		/* A backslash escape. */
		*escaped = 1;
		if (p + 1 >= s->end)
			return -1;
		switch (p[1]) {
		case '"': case '\\': case 'b': case 'f': case 'n': case 'r':
		case 't':
			p += 2;
			continue;
		case '/':
			s->canonical = 0;
			p += 2;
			continue;
		case 'u':
			break;
		default:
			return -1;
		}
		if (s->end - p < 6)
			return -1;
		for (v = 0, i = 2; i < 6; i++) {
			if (hexval(p[i]) < 0)
				return -1;
			v = v * 16 + hexval(p[i]);
			if (p[i] >= 'A' && p[i] <= 'F')
				s->canonical = 0;
		}
		if (v == 0 || v >= 0x20 || v == '\b' || v == '\f' ||
		    v == '\n' || v == '\r' || v == '\t')
			s->canonical = 0;	/* json-c writes it otherwise */
		if (v >= 0xd800 && v <= 0xdfff) {
			if (surrogate_pair(v, p + 6, s->end)) {
				s->canonical = 0;
				p += 6;		/* the low half too */
			} else if (s->lone == NULL)
				s->lone = p;
		}
		p += 6;
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
	size_t i;

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
		for (i = 0; i < s->nkeys; i++)
			if (s->keylens[i] == m->keylen && (m->keylen == 0 ||
			    (s->keys[i][0] == m->key[0] &&
			    memcmp(s->keys[i], m->key, m->keylen) == 0)))
				s->canonical = 0;
		if (s->nkeys < KEYS_MAX) {
			s->keys[s->nkeys] = m->key;
			s->keylens[s->nkeys++] = m->keylen;
		} else
			s->canonical = 0;
		skip_ws(s);
		if (s->p >= s->end || *s->p != ':')
			return -1;
		s->p++;
		skip_ws(s);
		m->val = s->p;
		if (s->p < s->end && (*s->p == '{' || *s->p == '[')) {
			m->type = *s->p == '{' ? JSCAN_OBJECT : JSCAN_ARRAY;
			m->escaped = 0;
			if (scan_nested(s) == -1)
				return -1;
		} else if (scan_scalar(s, &m->type, &m->escaped) == -1)
			return -1;
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

/*
 * Decode the escapes of a scanned string (s, n bytes) onto out: 0, 1 when
 * a lone surrogate was repaired, -1 when out of memory.
 */
static int
decode(const char *s, size_t n, struct buf *out)
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
	if ((rc = decode(m->val, m->vallen, scratch)) == -1 ||
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
	if (decode(m->key, m->keylen, scratch) == -1 ||
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
	int esc, rc, lone = 0;

	*n = 0;
	if (m->type != JSCAN_ARRAY)
		return -1;
	p = m->val + 1;
	end = m->val + m->vallen - 1;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == ',' || *p == '\t' ||
		    *p == '\n' || *p == '\r'))
			p++;
		if (p >= end)
			break;
		if (*p != '"')
			return -1;
		start = ++p;
		esc = 0;
		while (*p != '"') {
			if (*p == '\\') {
				esc = 1;
				p++;
			}
			p++;
		}
		rc = esc ? decode(start, (size_t)(p - start), out) :
		    buf_add(out, start, (size_t)(p - start));
		if (rc == -1)
			return -1;
		lone |= rc;
		if (buf_addc(out, '\0') == -1)
			return -1;
		(*n)++;
		p++;
	}
	return lone;
}

int
jscan_is_strings(const struct jscan_member *m)
{
	const char *p, *end;

	if (m->type != JSCAN_ARRAY)
		return 0;
	p = m->val + 1;
	end = m->val + m->vallen - 1;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == ',' || *p == '\t' ||
		    *p == '\n' || *p == '\r'))
			p++;
		if (p >= end)
			break;
		if (*p != '"')
			return 0;
		for (p++; *p != '"'; p++)
			if (*p == '\\')
				p++;
		p++;
	}
	return 1;
}
