#include <stddef.h>

#include "base64.h"
#include "buf.h"

static const char digits[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int
base64_encode(struct buf *b, const void *data, size_t n)
{
	const unsigned char *s = data;
	unsigned long v;
	size_t i;
	char *o;

	if (n / 3 >= ((size_t)-1 - 8) / 4 || buf_grow(b, (n + 2) / 3 * 4) == -1)
		return -1;
	o = b->data + b->len;
	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned long)s[i] << 16 | (unsigned long)s[i + 1] << 8 |
		    s[i + 2];
		*o++ = digits[v >> 18 & 63];
		*o++ = digits[v >> 12 & 63];
		*o++ = digits[v >> 6 & 63];
		*o++ = digits[v & 63];
	}
	if (i < n) {
		v = (unsigned long)s[i] << 16 |
		    (i + 1 < n ? (unsigned long)s[i + 1] << 8 : 0);
		*o++ = digits[v >> 18 & 63];
		*o++ = digits[v >> 12 & 63];
		*o++ = i + 1 < n ? digits[v >> 6 & 63] : '=';
		*o++ = '=';
	}
	b->len = (size_t)(o - b->data);
	b->data[b->len] = '\0';
	return 0;
}

/* The value of a base64 digit, -1 for any other byte. */
static int
value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

int
base64_decode(struct buf *b, const char *s, size_t n)
{
	unsigned long acc = 0;
	int bits = 0, v;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '=' || s[i] == '\n' || s[i] == '\r' ||
		    s[i] == ' ' || s[i] == '\t')
			continue;
		if ((v = value((unsigned char)s[i])) < 0)
			return -1;
		acc = (acc << 6 | (unsigned long)v) & 0xffffff;
		if ((bits += 6) >= 8) {
			bits -= 8;
			if (buf_addc(b, (char)(acc >> bits & 0xff)) == -1)
				return -1;
		}
	}
	return 0;
}
