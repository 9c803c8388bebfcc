#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "jscan.h"
#include "text.h"

#define DEPTH_MAX	31	/* json-c's default nesting limit is 32 */
#define KEYS_MAX	512	/* keys of the open nested objects */

struct scanner {
	const char	*p, *end;
	int		 canonical;
	int		 depth;
	const char	*keys[KEYS_MAX];	/* to find duplicate keys */
	size_t		 keylens[KEYS_MAX];
	size_t		 nkeys;
};

static int scan_value(struct scanner *, enum jscan_type *, const char **,
    size_t *, int *);

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
		if (v == 0)
			return -1;	/* NUL inside a string: json-c decides */
		if (v >= 0x20 || v == '\b' || v == '\f' || v == '\n' ||
		    v == '\r' || v == '\t')
			s->canonical = 0;
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

static int
scan_array(struct scanner *s)
{
	enum jscan_type t;
	const char *v;
	size_t vl;
	int esc;

	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		return 0;
	}
	for (;;) {
		if (scan_value(s, &t, &v, &vl, &esc) == -1)
			return -1;
		skip_ws(s);
		if (s->p >= s->end)
			return -1;
		if (*s->p == ']') {
			s->p++;
			return 0;
		}
		if (*s->p != ',')
			return -1;
		s->p++;
		skip_ws(s);
	}
}

/* An object; top, when given, receives the members (the top level). */
static int
scan_object(struct scanner *s, struct jscan *top)
{
	struct jscan_member *m, tmp;
	size_t base = s->nkeys, i;

	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		return 0;
	}
	for (;;) {
		if (top != NULL) {
			if (top->n == JSCAN_MEMBERS)
				return -1;
			m = &top->m[top->n++];
		} else
			m = &tmp;
		if (s->p >= s->end || *s->p != '"')
			return -1;
		m->start = s->p;
		if (scan_string(s, &m->key, &m->keylen, &m->escaped) == -1)
			return -1;
		for (i = base; i < s->nkeys; i++)
			if (s->keylens[i] == m->keylen && m->keylen > 0 &&
			    s->keys[i][0] == m->key[0] &&
			    memcmp(s->keys[i], m->key, m->keylen) == 0)
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
		if (scan_value(s, &m->type, &m->val, &m->vallen,
		    &m->escaped) == -1)
			return -1;
		m->end = s->p;
		skip_ws(s);
		if (s->p >= s->end)
			return -1;
		if (*s->p == '}') {
			s->p++;
			s->nkeys = base;
			return 0;
		}
		if (*s->p != ',')
			return -1;
		s->p++;
		skip_ws(s);
	}
}

static int
scan_value(struct scanner *s, enum jscan_type *t, const char **v, size_t *vl,
    int *esc)
{
	const char *start = s->p;
	int rc;

	*esc = 0;
	if (s->p >= s->end)
		return -1;
	switch (*s->p) {
	case '"':
		*t = JSCAN_STRING;
		return scan_string(s, v, vl, esc);
	case '{':
	case '[':
		if (++s->depth > DEPTH_MAX)
			return -1;
		if (*s->p == '{') {
			*t = JSCAN_OBJECT;
			rc = scan_object(s, NULL);
		} else {
			*t = JSCAN_ARRAY;
			rc = scan_array(s);
		}
		s->depth--;
		break;
	case 't':
		*t = JSCAN_TRUE;
		rc = literal(s, "true", 4);
		break;
	case 'f':
		*t = JSCAN_FALSE;
		rc = literal(s, "false", 5);
		break;
	case 'n':
		*t = JSCAN_NULL;
		rc = literal(s, "null", 4);
		break;
	default:
		*t = JSCAN_NUMBER;
		rc = scan_number(s);
		break;
	}
	*v = start;
	*vl = (size_t)(s->p - start);
	return rc;
}

int
jscan_object(struct jscan *js, const char *line, size_t len)
{
	struct scanner s;

	s.p = line;
	s.end = line + len;
	s.canonical = 1;
	s.depth = 1;
	s.nkeys = 0;
	js->n = 0;
	js->canonical = 0;
	skip_ws(&s);
	if (s.p >= s.end || *s.p != '{')
		return -1;
	if (scan_object(&s, js) == -1)
		return -1;
	skip_ws(&s);
	if (s.p != s.end)
		return -1;
	js->canonical = s.canonical;
	return 0;
}

const struct jscan_member *
jscan_get(const struct jscan *js, const char *key)
{
	size_t i, n = strlen(key);

	for (i = 0; i < js->n; i++)
		if (js->m[i].keylen == n && memcmp(js->m[i].key, key, n) == 0)
			return &js->m[i];
	return NULL;
}

/* Decode the escapes of a scanned string (s, n bytes) onto out. */
static int
decode(const char *s, size_t n, struct buf *out)
{
	char u[TEXT_UTF8_MAX];
	size_t i = 0, run;
	uint32_t cp, lo;
	int rc = 0;

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
			rc |= buf_add(out, u, text_utf8_encode(cp, u));
			break;
		default:	/* " \ / */
			rc |= buf_addc(out, s[i + 1]);
			break;
		}
		i += 2;
	}
	return rc ? -1 : 0;
}

int
jscan_string(const struct jscan_member *m, struct buf *scratch,
    const char **out, size_t *len)
{
	if (m->type != JSCAN_STRING)
		return -1;
	if (!m->escaped) {
		*out = m->val;
		*len = m->vallen;
		return 0;
	}
	buf_reset(scratch);
	if (decode(m->val, m->vallen, scratch) == -1 ||
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
	int esc;

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
		if (esc ? decode(start, (size_t)(p - start), out) == -1 :
		    buf_add(out, start, (size_t)(p - start)) == -1)
			return -1;
		if (buf_addc(out, '\0') == -1)
			return -1;
		(*n)++;
		p++;
	}
	return 0;
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
