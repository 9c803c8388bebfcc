#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "pageinfo.h"
#include "text.h"

struct tag {
	const char	*name;		/* local name, prefix removed */
	size_t		 nlen;
	const char	*attrs;
	size_t		 alen;
	int		 end;		/* </name> */
	int		 empty;		/* <name/> */
};

/* The first occurrence of the n-byte needle in [p, end), or NULL. */
static const char *
find(const char *p, const char *end, const char *needle, size_t n)
{
	for (; p && (size_t)(end - p) >= n; p++) {
		p = memchr(p, needle[0], (size_t)(end - p));
		if (p == NULL || (size_t)(end - p) < n)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
	}
	return NULL;
}

static int
starts(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

/*
 * The next element tag at or after *pp, leaving *pp just past it.
 * Returns 0 at the end of the document.
 */
static int
next_tag(const char **pp, const char *end, struct tag *t)
{
	const char *p = *pp, *q, *n0;
	char quote;

	for (;;) {
		if ((p = memchr(p, '<', (size_t)(end - p))) == NULL)
			return 0;
		if (starts(p, end, "<!--"))
			q = find(p + 4, end, "-->", 3), q = q ? q + 3 : NULL;
		else if (starts(p, end, "<![CDATA["))
			q = find(p + 9, end, "]]>", 3), q = q ? q + 3 : NULL;
		else if (starts(p, end, "<?"))
			q = find(p + 2, end, "?>", 2), q = q ? q + 2 : NULL;
		else if (starts(p, end, "<!"))
			q = memchr(p, '>', (size_t)(end - p)), q = q ? q + 1 : NULL;
		else
			break;
		if (q == NULL)
			return 0;
		p = q;
	}
	p++;
	memset(t, 0, sizeof(*t));
	if (p < end && *p == '/') {
		t->end = 1;
		p++;
	}
	n0 = p;
	while (p < end && !isspace((unsigned char)*p) && *p != '>' &&
	    *p != '/')
		p++;
	t->name = n0;
	t->nlen = (size_t)(p - n0);
	for (q = n0; q < p; q++)
		if (*q == ':') {
			t->name = q + 1;
			t->nlen = (size_t)(p - q - 1);
		}
	t->attrs = p;
	for (quote = 0; p < end; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p == '>')
			break;
	}
	if (p == end)
		return 0;
	t->alen = (size_t)(p - t->attrs);
	t->empty = p > t->attrs && p[-1] == '/';
	*pp = p + 1;
	return 1;
}

static int
is(const struct tag *t, const char *name)
{
	return t->nlen == strlen(name) && memcmp(t->name, name, t->nlen) == 0;
}

/* Append the text s[0..n) to b with XML's entities and references decoded. */
static int
decode(struct buf *b, const char *s, size_t n)
{
	static const struct {
		const char	*name;
		char		 c;
	} ents[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' },
	};
	const char *end = s + n, *semi;
	unsigned long cp;
	char *e, u[4];
	size_t i, k;

	while (s < end) {
		if (*s != '&' || (semi = memchr(s, ';', (size_t)(end - s))) ==
		    NULL) {
			if (buf_addc(b, *s++) == -1)
				return -1;
			continue;
		}
		if (s[1] == '#') {
			errno = 0;
			cp = s[2] == 'x' || s[2] == 'X' ?
			    strtoul(s + 3, &e, 16) : strtoul(s + 2, &e, 10);
			if (e == semi && errno == 0 && cp > 0 &&
			    cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
				if (cp < 0x80)
					u[0] = (char)cp, k = 1;
				else if (cp < 0x800)
					u[0] = (char)(0xc0 | cp >> 6),
					u[1] = (char)(0x80 | (cp & 0x3f)), k = 2;
				else if (cp < 0x10000)
					u[0] = (char)(0xe0 | cp >> 12),
					u[1] = (char)(0x80 | ((cp >> 6) & 0x3f)),
					u[2] = (char)(0x80 | (cp & 0x3f)), k = 3;
				else
					u[0] = (char)(0xf0 | cp >> 18),
					u[1] = (char)(0x80 | ((cp >> 12) & 0x3f)),
					u[2] = (char)(0x80 | ((cp >> 6) & 0x3f)),
					u[3] = (char)(0x80 | (cp & 0x3f)), k = 4;
				if (buf_add(b, u, k) == -1)
					return -1;
				s = semi + 1;
				continue;
			}
		}
		for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
			if ((size_t)(semi + 1 - (s + 1)) == strlen(ents[i].name) &&
			    memcmp(s + 1, ents[i].name, strlen(ents[i].name)) == 0)
				break;
		if (i < sizeof(ents) / sizeof(ents[0])) {
			if (buf_addc(b, ents[i].c) == -1)
				return -1;
			s = semi + 1;
		} else if (buf_addc(b, *s++) == -1)
			return -1;
	}
	return 0;
}

/* The element's text up to the next tag, decoded and trimmed; new. */
static char *
text_after(const char *p, const char *end)
{
	struct buf b = {0};
	const char *q;
	size_t n;

	if ((q = memchr(p, '<', (size_t)(end - p))) == NULL)
		q = end;
	n = (size_t)(q - p);
	text_trim(&p, &n);
	if (decode(&b, p, n) == -1) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

/* The value of attribute name in a tag, decoded; NULL if absent. */
static char *
attr(const struct tag *t, const char *name, int *nomem)
{
	const char *p = t->attrs, *end = t->attrs + t->alen, *v, *q, *qe;
	size_t n = strlen(name);
	struct buf b = {0};
	char quote;

	while (p < end) {
		while (p < end && (isspace((unsigned char)*p) || *p == '/'))
			p++;
		q = p;
		while (p < end && *p != '=' && !isspace((unsigned char)*p) &&
		    *p != '/')
			p++;
		qe = p;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end || *p != '=') {
			if (p == q)
				p++;
			continue;
		}
		p++;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return NULL;
		quote = *p++;
		v = p;
		while (p < end && *p != quote)
			p++;
		if ((size_t)(qe - q) == n && memcmp(q, name, n) == 0) {
			if (decode(&b, v, (size_t)(p - v)) == -1) {
				buf_free(&b);
				*nomem = 1;
				return NULL;
			}
			return buf_take(&b);
		}
		if (p < end)
			p++;
	}
	return NULL;
}

static long
attr_long(const struct tag *t, const char *name, int *nomem)
{
	char *s, *e;
	long v;

	if ((s = attr(t, name, nomem)) == NULL)
		return -1;
	errno = 0;
	v = strtol(s, &e, 10);
	if (e == s || *e != '\0' || errno || v < 0)
		v = -1;
	free(s);
	return v;
}

int
pageinfo_atom(const char *s, size_t n, struct pageinfo_atom *pi)
{
	const char *p = s, *end = s + n;
	char *text, *summary = NULL, *e;
	int in_entry = 0, err_entry = 0, rc = 0;
	struct tag t;
	long v;

	memset(pi, 0, sizeof(*pi));
	pi->total = -1;
	while (next_tag(&p, end, &t)) {
		if (t.end) {
			if (is(&t, "entry") && in_entry) {
				if (err_entry && summary && pi->error == NULL) {
					pi->error = summary;
					summary = NULL;
				}
				in_entry = err_entry = 0;
			}
			continue;
		}
		if (is(&t, "entry")) {
			pi->entries++;
			in_entry = !t.empty;
			err_entry = 0;
			free(summary);
			summary = NULL;
		} else if (t.empty)
			continue;
		else if (is(&t, "totalResults") && !in_entry) {
			if ((text = text_after(p, end)) == NULL)
				goto nomem;
			errno = 0;
			v = strtol(text, &e, 10);
			if (e != text && *e == '\0' && errno == 0 && v >= 0)
				pi->total = v;
			free(text);
		} else if (in_entry && is(&t, "id")) {
			if ((text = text_after(p, end)) == NULL)
				goto nomem;
			err_entry = strstr(text, "/api/errors") != NULL;
			free(text);
		} else if (in_entry && is(&t, "summary")) {
			free(summary);
			if ((summary = text_after(p, end)) == NULL)
				goto nomem;
		}
	}
	goto out;
nomem:
	rc = -1;
out:
	free(summary);
	return rc;
}

int
pageinfo_oai(const char *s, size_t n, struct pageinfo_oai *pi)
{
	const char *p = s, *end = s + n;
	struct tag t;
	int nomem = 0;

	memset(pi, 0, sizeof(*pi));
	pi->complete_size = pi->cursor = -1;
	while (!nomem && next_tag(&p, end, &t)) {
		if (t.end)
			continue;
		if (is(&t, "record"))
			pi->records++;
		else if (is(&t, "resumptionToken") && !pi->has_token) {
			pi->has_token = 1;
			pi->complete_size = attr_long(&t, "completeListSize",
			    &nomem);
			pi->cursor = attr_long(&t, "cursor", &nomem);
			pi->token = t.empty ? strdup("") : text_after(p, end);
			nomem |= pi->token == NULL;
		} else if (is(&t, "error") && pi->error_code == NULL) {
			pi->error_code = attr(&t, "code", &nomem);
			if (pi->error_code == NULL && !nomem)
				pi->error_code = strdup("unknown");
			pi->error_text = t.empty ? strdup("") :
			    text_after(p, end);
			nomem |= pi->error_code == NULL ||
			    pi->error_text == NULL;
		}
	}
	return nomem ? -1 : 0;
}

void
pageinfo_atom_clear(struct pageinfo_atom *pi)
{
	free(pi->error);
	memset(pi, 0, sizeof(*pi));
}

void
pageinfo_oai_clear(struct pageinfo_oai *pi)
{
	free(pi->token);
	free(pi->error_code);
	free(pi->error_text);
	memset(pi, 0, sizeof(*pi));
}

int
pageinfo_no_html(const char *s, size_t n)
{
	static const char want[] = "no html";
	size_t i, k;

	if (n > PAGEINFO_HEAD)
		n = PAGEINFO_HEAD;
	for (i = 0; i + 6 < n; i++) {
		if (s[i] != '<' || strncasecmp(s + i + 1, "title", 5) != 0 ||
		    (s[i + 6] != '>' && !isspace((unsigned char)s[i + 6])))
			continue;
		while (i < n && s[i] != '>')
			i++;
		for (i++; i < n && isspace((unsigned char)s[i]); i++)
			;
		for (k = 0; k < sizeof(want) - 1; k++, i++)
			if (i >= n || tolower((unsigned char)s[i]) != want[k])
				return 0;
		return 1;
	}
	return 0;
}
