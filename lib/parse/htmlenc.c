#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "errmsg.h"
#include "htmlenc.h"
#include "transcode.h"

/* A span of the page: an attribute's name or value, not NUL-terminated. */
struct span {
	const char	*s;
	size_t		 n;
};

/*
 * Labels whose meaning to a browser is not iconv(3)'s own name for them
 * (the WHATWG Encoding Standard): Latin-1 and ASCII pages are read as
 * windows-1252, whose C1 range holds the quotes and dashes such pages
 * use; the East Asian legacy labels as their Windows supersets.
 */
static const struct {
	const char	*label;
	const char	*name;
} labels[] = {
	{ "ansi_x3.4-1968", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
	{ "cp1252", "WINDOWS-1252" }, { "cp819", "WINDOWS-1252" },
	{ "csisolatin1", "WINDOWS-1252" }, { "ibm819", "WINDOWS-1252" },
	{ "iso-8859-1", "WINDOWS-1252" }, { "iso-ir-100", "WINDOWS-1252" },
	{ "iso8859-1", "WINDOWS-1252" }, { "iso88591", "WINDOWS-1252" },
	{ "iso_8859-1", "WINDOWS-1252" }, { "iso_8859-1:1987", "WINDOWS-1252" },
	{ "l1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
	{ "us-ascii", "WINDOWS-1252" }, { "windows-1252", "WINDOWS-1252" },
	{ "x-cp1252", "WINDOWS-1252" },
	{ "iso-8859-9", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" },
	{ "iso-8859-11", "CP874" }, { "tis-620", "CP874" },
	{ "gb2312", "GBK" }, { "x-gbk", "GBK" },
	{ "shift_jis", "CP932" }, { "sjis", "CP932" }, { "x-sjis", "CP932" },
	{ "ms_kanji", "CP932" }, { "windows-31j", "CP932" },
	{ "euc-kr", "CP949" }, { "iso-8859-8-i", "ISO-8859-8" },
	{ "unicode-1-1-utf-8", "UTF-8" }, { "utf-8", "UTF-8" },
	{ "utf8", "UTF-8" }, { "unicode11utf8", "UTF-8" },
	{ "unicode20utf8", "UTF-8" }, { "x-unicode20utf8", "UTF-8" },
	{ "csunicode", "UTF-16LE" }, { "iso-10646-ucs-2", "UTF-16LE" },
	{ "ucs-2", "UTF-16LE" }, { "unicode", "UTF-16LE" },
	{ "unicodefeff", "UTF-16LE" }, { "utf-16", "UTF-16LE" },
	{ "utf-16le", "UTF-16LE" }, { "unicodefffe", "UTF-16BE" },
	{ "utf-16be", "UTF-16BE" },
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether the span is word, in any case. */
static int
span_is(struct span v, const char *word)
{
	return v.n == strlen(word) && strncasecmp(v.s, word, v.n) == 0;
}

/*
 * A label (n bytes, white space around it allowed) as iconv's name, into
 * name (size size).  0 when it is empty or too long to be a label.
 */
static int
label_name(const char *s, size_t n, char *name, size_t size)
{
	size_t i;

	while (n > 0 && is_space(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_space(s[n - 1]))
		n--;
	if (n == 0 || n >= size)
		return 0;
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strlen(labels[i].label) == n &&
		    strncasecmp(labels[i].label, s, n) == 0) {
			snprintf(name, size, "%s", labels[i].name);
			return 1;
		}
	memcpy(name, s, n);
	name[n] = '\0';
	return 1;
}

/*
 * The next attribute of a tag at *p (before end): its name and value
 * (empty when it has none), *p moved past it.  0 at the tag's '>', or
 * with *p at end when the end cuts the tag (the prescan then stops).
 * The WHATWG prescan's "get an attribute", without the lowering of case
 * (the callers compare without it).
 */
static int
get_attr(const char **p, const char *end, struct span *name,
    struct span *val)
{
	const char *s = *p;
	char q;

	while (s < end && (is_space(*s) || *s == '/'))
		s++;
	if (s >= end || *s == '>') {
		*p = s;
		return 0;
	}
	name->s = s;
	/* A name may begin with '='. */
	for (s++; s < end && *s != '=' && *s != '/' && *s != '>' &&
	    !is_space(*s); s++)
		;
	name->n = (size_t)(s - name->s);
	val->s = s;
	val->n = 0;
	while (s < end && is_space(*s))
		s++;
	if (s < end && *s == '=') {
		for (s++; s < end && is_space(*s); s++)
			;
		if (s < end && (*s == '"' || *s == '\'')) {
			q = *s++;
			for (val->s = s; s < end && *s != q; s++)
				;
			val->n = (size_t)(s - val->s);
			s++;
		} else {
			for (val->s = s; s < end && *s != '>' &&
			    !is_space(*s); s++)
				;
			val->n = (size_t)(s - val->s);
		}
	}
	if (s >= end) {
		*p = end;
		return 0;
	}
	*p = s;
	return 1;
}

/*
 * The charset in a Content-Type value ("text/html; charset=latin1"),
 * into *cs; 0 if it names none.  The WHATWG "extracting a character
 * encoding from a meta element".
 */
static int
content_charset(struct span v, struct span *cs)
{
	const char *s = v.s, *end = v.s + v.n;
	char q;

	for (;;) {
		while (s + 7 <= end && strncasecmp(s, "charset", 7) != 0)
			s++;
		if (s + 7 > end)
			return 0;
		for (s += 7; s < end && is_space(*s); s++)
			;
		if (s < end && *s == '=')
			break;
	}
	for (s++; s < end && is_space(*s); s++)
		;
	if (s >= end)
		return 0;
	if (*s == '"' || *s == '\'') {
		q = *s++;
		cs->s = s;
		while (s < end && *s != q)
			s++;
		if (s >= end)
			return 0;
		cs->n = (size_t)(s - cs->s);
		return 1;
	}
	cs->s = s;
	while (s < end && !is_space(*s) && *s != ';')
		s++;
	cs->n = (size_t)(s - cs->s);
	return 1;
}

/*
 * The attributes of a <meta> at *p: the label it declares into *cs, or
 * 0 when it declares none (a content="...charset=..." counts only with
 * http-equiv="Content-Type").  Each attribute counts once, as in the
 * WHATWG prescan.
 */
static int
meta_charset(const char **p, const char *end, struct span *cs)
{
	struct span name, val, from_content = { NULL, 0 };
	int got_pragma = 0, has_charset = 0, has_content = 0;
	int seen_he = 0;

	while (get_attr(p, end, &name, &val)) {
		if (span_is(name, "http-equiv") && !seen_he) {
			seen_he = 1;
			got_pragma = span_is(val, "content-type");
		} else if (span_is(name, "content") && !has_content) {
			has_content = 1;
			if (content_charset(val, &from_content) == 0)
				from_content.s = NULL;
		} else if (span_is(name, "charset") && !has_charset) {
			has_charset = 1;
			*cs = val;
		}
	}
	if (has_charset)
		return 1;
	if (got_pragma && from_content.s != NULL) {
		*cs = from_content;
		return 1;
	}
	return 0;
}

/*
 * The label a page declares in a <meta> within its first HTMLENC_PRESCAN
 * bytes, into *cs: the WHATWG prescan, which skips comments and the
 * attributes of other tags, so that neither can be taken for one.
 */
static int
prescan(const char *doc, size_t len, struct span *cs)
{
	const char *s = doc, *end = doc + (len < HTMLENC_PRESCAN ? len :
	    HTMLENC_PRESCAN);
	struct span name, val;

	while (s < end) {
		if (*s != '<') {
			s++;
			continue;
		}
		if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
			/* "-->" may share the comment's dashes: "<!-->". */
			for (s += 2; end - s >= 3 && memcmp(s, "-->", 3) != 0;
			    s++)
				;
			if (end - s < 3)
				return 0;
			s += 3;
		} else if (end - s >= 6 && strncasecmp(s, "<meta", 5) == 0 &&
		    (is_space(s[5]) || s[5] == '/')) {
			s += 5;
			if (meta_charset(&s, end, cs) && cs->n > 0)
				return 1;
		} else if (end - s >= 2 && (is_alpha(s[1]) || (s[1] == '/' &&
		    end - s >= 3 && is_alpha(s[2])))) {
			/* Another tag: its name, then its attributes. */
			while (s < end && !is_space(*s) && *s != '>')
				s++;
			while (get_attr(&s, end, &name, &val))
				;
		} else if (end - s >= 2 && (s[1] == '!' || s[1] == '/' ||
		    s[1] == '?')) {
			while (s < end && *s != '>')
				s++;
		} else
			s++;
	}
	return 0;
}

int
htmlenc_detect(const char *doc, size_t len, const char *charset,
    char *name, size_t n, size_t *skip)
{
	const unsigned char *u = (const unsigned char *)doc;
	struct span cs;

	*skip = 0;
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return 0;
	if (len >= 2 && ((u[0] == 0xfe && u[1] == 0xff) || (u[0] == 0xff &&
	    u[1] == 0xfe))) {
		snprintf(name, n, "%s", u[0] == 0xfe ? "UTF-16BE" :
		    "UTF-16LE");
		*skip = 2;
		return 1;
	}
	/* '<' or white space in UTF-16, without a mark. */
	if (len >= 2 && (u[0] == 0) != (u[1] == 0)) {
		snprintf(name, n, "%s", u[0] == 0 ? "UTF-16BE" : "UTF-16LE");
		return 1;
	}
	if (charset != NULL && label_name(charset, strlen(charset), name, n))
		return strcmp(name, "UTF-8") != 0;
	if (!prescan(doc, len, &cs) || !label_name(cs.s, cs.n, name, n))
		return 0;
	/* A <meta> that could be read in ASCII is not UTF-16. */
	if (strncmp(name, "UTF-16", 6) == 0)
		return 0;
	return strcmp(name, "UTF-8") != 0;
}

int
htmlenc_to_utf8(const char *doc, size_t len, const char *name,
    struct buf *out, size_t *nbad, char *err, size_t errlen)
{
	struct transcode *t;
	int rc;

	if ((t = transcode_open(name, err, errlen)) == NULL)
		return -1;
	if ((rc = transcode_push(t, doc, len, 1, out, nbad)) == -1)
		errmsg_set(err, errlen, errno == EFBIG ? "document too large" :
		    "out of memory");
	transcode_close(t);
	return rc;
}
