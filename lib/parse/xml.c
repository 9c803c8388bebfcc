#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include "buf.h"
#include "errmsg.h"
#include "text.h"
#include "xml.h"

/* Bytes handed to libxml2 at a time: bounds its input buffer. */
#define XML_SLICE	(64 * 1024)
/* Bytes looked at before deciding whether the document is UTF-8. */
#define XML_HEAD	512

struct xml_parser {
	xmlParserCtxtPtr	 ctxt;
	xmlSAXHandler		 sax;
	struct xml_handler	 h;
	void			*arg;
	int			 failed;
	const char		*open[XML_MAX_DEPTH];	/* open elements */
	size_t			 depth;
	char			 msg[512];	/* first error: "L:C: what" */
	/* The UTF-8 repair filter. */
	int			 finishing;	/* the input has ended */
	int			 decided;	/* encoding looked at */
	int			 filter;	/* repair as UTF-8 */
	struct buf		 head;		/* bytes held until decided */
	unsigned char		 carry[4];	/* an unfinished sequence */
	size_t			 ncarry;
	struct buf		 out;		/* a repaired copy of a slice */
	size_t			 nrepaired;
	unsigned long		 lines;		/* newlines before the first */
	unsigned long		 first_line;
};

/* The first fatal error becomes the document's error, with its place. */
static void
on_error(void *arg, xmlErrorPtr e)
{
	struct xml_parser *p = arg;
	char text[400];
	size_t n;

	if (e == NULL || e->level != XML_ERR_FATAL || p->failed)
		return;
	snprintf(text, sizeof(text), "%s", e->message ? e->message : "error");
	n = strlen(text);
	while (n > 0 && isspace((unsigned char)text[n - 1]))
		text[--n] = '\0';
	/* libxml2 capitalises its messages; ours are lower case. */
	if (isupper((unsigned char)text[0]) && islower((unsigned char)text[1]))
		text[0] = (char)tolower((unsigned char)text[0]);
	if (p->finishing && p->depth > 0 && (e->code == XML_ERR_DOCUMENT_END ||
	    e->code == XML_ERR_TAG_NOT_FINISHED ||
	    e->code == XML_ERR_GT_REQUIRED))
		/* Whatever libxml2 calls it, the document was cut short. */
		snprintf(p->msg, sizeof(p->msg), "%d:%d: malformed XML: "
		    "truncated, the document ends inside <%s>", e->line,
		    e->int2, p->open[p->depth > XML_MAX_DEPTH ?
		    XML_MAX_DEPTH - 1 : p->depth - 1]);
	else
		snprintf(p->msg, sizeof(p->msg), "%d:%d: malformed XML: %s",
		    e->line, e->int2, text);
	p->failed = 1;
}

static void
on_start(void *arg, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct xml_parser *p = arg;
	struct xml_attr a[XML_MAX_ATTRS];
	size_t i, n;

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndefaulted;
	if (p->failed)
		return;
	/* Names are interned in the parser's dictionary: no copy needed. */
	if (p->depth < XML_MAX_DEPTH)
		p->open[p->depth] = (const char *)name;
	p->depth++;
	n = nattrs > 0 ? (size_t)nattrs : 0;
	if (n > XML_MAX_ATTRS)
		n = XML_MAX_ATTRS;
	for (i = 0; i < n; i++) {
		const xmlChar **at = attrs + i * 5;

		a[i].name = (const char *)at[0];
		a[i].ns = at[2] ? (const char *)at[2] : "";
		a[i].value = (const char *)at[3];
		a[i].len = (size_t)(at[4] - at[3]);
	}
	if (p->h.start)
		p->h.start(p->arg, (const char *)name,
		    uri ? (const char *)uri : "", a, n);
}

static void
on_end(void *arg, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct xml_parser *p = arg;

	(void)prefix;
	if (p->depth > 0)
		p->depth--;
	if (!p->failed && p->h.end)
		p->h.end(p->arg, (const char *)name,
		    uri ? (const char *)uri : "");
}

static void
on_text(void *arg, const xmlChar *s, int len)
{
	struct xml_parser *p = arg;

	if (!p->failed && p->h.text && len > 0)
		p->h.text(p->arg, (const char *)s, (size_t)len);
}

/*
 * Any entity declaration ends the document: arXiv never declares any,
 * and refusing them is the one sure way never to expand a bomb nor read
 * a file an external entity names.
 */
static void
on_entity_decl(void *arg, const xmlChar *name, int type, const xmlChar *pub,
    const xmlChar *sys, xmlChar *content)
{
	struct xml_parser *p = arg;
	char msg[300];

	(void)type;
	(void)pub;
	(void)content;
	snprintf(msg, sizeof(msg), "%s declaration refused: %.100s "
	    "(entities are never expanded)", sys ? "external entity" :
	    "entity", (const char *)name);
	xml_parser_stop(p, msg);
}

/* A reference to an entity nobody declared: never silently dropped. */
static void
on_reference(void *arg, const xmlChar *name)
{
	char msg[300];

	snprintf(msg, sizeof(msg), "reference to an undeclared entity: "
	    "&%.100s; (entities are never expanded)", (const char *)name);
	xml_parser_stop(arg, msg);
}

struct xml_parser *
xml_parser_new(const struct xml_handler *h, void *arg, char *err,
    size_t errlen)
{
	struct xml_parser *p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		goto nomem;
	p->h = *h;
	p->arg = arg;
	p->sax.initialized = XML_SAX2_MAGIC;
	p->sax.startElementNs = on_start;
	p->sax.endElementNs = on_end;
	p->sax.characters = on_text;
	p->sax.cdataBlock = on_text;
	p->sax.entityDecl = on_entity_decl;
	p->sax.reference = on_reference;
	p->sax.serror = on_error;
	/* Everything else stays NULL: no tree, no DTD, no entity lookup. */
	p->ctxt = xmlCreatePushParserCtxt(&p->sax, p, NULL, 0, NULL);
	if (p->ctxt == NULL) {
		free(p);
		goto nomem;
	}
	/*
	 * NONET: never fetch.  NOENT only makes libxml2 hand attribute
	 * values with "&amp;" decoded: no entity can exist to substitute,
	 * since any declaration stops the parse.
	 */
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET | XML_PARSE_NOENT |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	return p;
nomem:
	errmsg_set(err, errlen, "out of memory");
	return NULL;
}

void
xml_parser_free(struct xml_parser *p)
{
	if (p == NULL)
		return;
	if (p->ctxt) {
		/* libxml2 makes a document to hold a DTD's declarations. */
		if (p->ctxt->myDoc)
			xmlFreeDoc(p->ctxt->myDoc);
		xmlFreeParserCtxt(p->ctxt);
	}
	buf_free(&p->head);
	buf_free(&p->out);
	free(p);
}

void
xml_parser_stop(struct xml_parser *p, const char *msg)
{
	if (p->failed)
		return;
	snprintf(p->msg, sizeof(p->msg), "%d:%d: %s",
	    xmlSAX2GetLineNumber(p->ctxt), xmlSAX2GetColumnNumber(p->ctxt),
	    msg);
	p->failed = 1;
	xmlStopParser(p->ctxt);
}

unsigned long
xml_parser_line(const struct xml_parser *p)
{
	int n = xmlSAX2GetLineNumber(p->ctxt);

	return n > 0 ? (unsigned long)n : 1;
}

size_t
xml_parser_repaired(const struct xml_parser *p, unsigned long *first_line)
{
	if (first_line)
		*first_line = p->first_line;
	return p->nrepaired;
}

/*
 * Whether the document is UTF-8, from its first bytes: a UTF-16 or
 * UTF-32 start, or an encoding declaration naming anything else, turns
 * the repair filter off (libxml2 converts those itself).
 */
static int
is_utf8(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *end, *e;
	char q;
	size_t i;

	if (n >= 2 && ((u[0] == 0xfe && u[1] == 0xff) ||
	    (u[0] == 0xff && u[1] == 0xfe) || u[0] == 0 || u[1] == 0))
		return 0;
	if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		s += 3;
		n -= 3;
	}
	if (n < 5 || memcmp(s, "<?xml", 5) != 0)
		return 1;
	if ((end = memchr(s, '>', n)) == NULL)
		return 1;
	for (e = s; e + 8 < end; e++)
		if (memcmp(e, "encoding", 8) == 0)
			break;
	if (e + 8 >= end)
		return 1;
	e += 8;
	while (e < end && (*e == ' ' || *e == '=' || *e == '\t'))
		e++;
	if (e >= end || (*e != '"' && *e != '\''))
		return 1;
	q = *e++;
	for (i = 0; e + i < end && e[i] != q; i++)
		;
	return (i == 5 && strncasecmp(e, "utf-8", 5) == 0) ||
	    (i == 4 && strncasecmp(e, "utf8", 4) == 0);
}

/*
 * The length of the character at s (n bytes available) if XML may hold
 * it, 0 if the byte at s must be replaced, or -1 if the bytes so far
 * start a valid sequence that n cuts short.
 */
static int
char_len(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len;

	if (s[0] < 0x80)
		return (s[0] >= 0x20 || s[0] == '\t' || s[0] == '\n' ||
		    s[0] == '\r') ? 1 : 0;
	len = text_utf8_decode((const char *)s, n, &cp);
	if (len > 1)
		return cp == 0xfffe || cp == 0xffff ? 0 : (int)len;
	return text_utf8_partial((const char *)s, n) ? -1 : 0;
}

/* Hand bytes to libxml2; 0, or -1 once the document failed. */
static int
push(struct xml_parser *p, const char *s, size_t n, int terminate)
{
	size_t k;

	do {
		k = n > XML_SLICE ? XML_SLICE : n;
		if (p->failed)
			return -1;
		xmlParseChunk(p->ctxt, s, (int)k, terminate && k == n);
		if (p->failed || p->ctxt->disableSAX == 1) {
			if (!p->failed) {
				snprintf(p->msg, sizeof(p->msg),
				    "%d:%d: malformed XML",
				    xmlSAX2GetLineNumber(p->ctxt),
				    xmlSAX2GetColumnNumber(p->ctxt));
				p->failed = 1;
			}
			return -1;
		}
		s += k;
		n -= k;
	} while (n > 0);
	return 0;
}

static int
repair_add(struct xml_parser *p, const char *s, size_t n)
{
	if (buf_add(&p->out, s, n) == -1) {
		snprintf(p->msg, sizeof(p->msg), "out of memory");
		p->failed = 1;
		return -1;
	}
	return 0;
}

static int
replace_one(struct xml_parser *p)
{
	if (p->nrepaired++ == 0)
		p->first_line = p->lines + 1;
	return repair_add(p, "\xef\xbf\xbd", 3);
}

/*
 * Run one slice through the UTF-8 filter and on to libxml2.  Clean text
 * goes through as it is; only a slice with something to replace is
 * copied.  A sequence cut at the slice's end waits in carry.
 */
static int
filter_push(struct xml_parser *p, const char *data, size_t len, int last)
{
	const unsigned char *s = (const unsigned char *)data;
	unsigned char tmp[8];
	size_t i = 0, clean = 0, k;
	int copying = 0, c;

	buf_reset(&p->out);
	/* Finish a sequence the previous slice cut. */
	while (p->ncarry > 0) {
		k = 0;
		memcpy(tmp, p->carry, p->ncarry);
		while (p->ncarry + k < 4 && k < len) {
			tmp[p->ncarry + k] = s[k];
			k++;
		}
		c = char_len(tmp, p->ncarry + k);
		if (c > 0) {
			if (repair_add(p, (char *)tmp, (size_t)c) == -1)
				return -1;
			i = (size_t)c - p->ncarry;
			p->ncarry = 0;
		} else if (c < 0 && !last) {
			/* Still cut short: everything is carried. */
			memcpy(p->carry, tmp, p->ncarry + k);
			p->ncarry += k;
			return 0;
		} else {
			if (replace_one(p) == -1)
				return -1;
			memmove(p->carry, p->carry + 1, --p->ncarry);
		}
		copying = 1;
	}
	clean = i;
	while (i < len) {
		/*
		 * Eight printable ASCII bytes at a time: a byte under 0x20
		 * borrows into its top bit, one over 0x7f has it set.
		 */
		if (len - i >= 8) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (((w | (w - 0x2020202020202020ULL)) &
			    0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if (s[i] >= 0x20 && s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] == '\n') {
			if (p->nrepaired == 0)
				p->lines++;
			i++;
			continue;
		}
		c = char_len(s + i, len - i);
		if (c > 0) {
			i += (size_t)c;
			continue;
		}
		if (c < 0 && !last) {
			/* A sequence cut by the slice's end waits in carry. */
			p->ncarry = len - i;
			memcpy(p->carry, s + i, p->ncarry);
			if (!copying)
				return push(p, data, i, 0);
			len = i;
			break;
		}
		/* Copy what was clean, then replace the byte at i. */
		if (repair_add(p, data + clean, i - clean) == -1)
			return -1;
		copying = 1;
		if (replace_one(p) == -1)
			return -1;
		clean = ++i;
	}
	if (!copying)
		return push(p, data, len, last);
	if (repair_add(p, data + clean, len - clean) == -1)
		return -1;
	return push(p, p->out.data, p->out.len, last);
}

static int
failed(struct xml_parser *p, char *err, size_t errlen)
{
	errmsg_set(err, errlen, "%s", p->msg);
	return -1;
}

int
xml_parser_feed(struct xml_parser *p, const char *data, size_t len,
    char *err, size_t errlen)
{
	size_t k;

	if (p->failed)
		return failed(p, err, errlen);
	if (!p->decided) {
		if (p->head.len + len < XML_HEAD) {
			if (buf_add(&p->head, data, len) == -1) {
				snprintf(p->msg, sizeof(p->msg),
				    "out of memory");
				p->failed = 1;
				return failed(p, err, errlen);
			}
			return 0;
		}
		p->decided = 1;
		if (p->head.len > 0) {
			/* Complete the head so the decision sees it whole. */
			k = XML_HEAD - p->head.len;
			if (buf_add(&p->head, data, k) == -1) {
				snprintf(p->msg, sizeof(p->msg),
				    "out of memory");
				p->failed = 1;
				return failed(p, err, errlen);
			}
			data += k;
			len -= k;
			p->filter = is_utf8(p->head.data, p->head.len);
			if ((p->filter ? filter_push(p, p->head.data,
			    p->head.len, 0) : push(p, p->head.data,
			    p->head.len, 0)) == -1)
				return failed(p, err, errlen);
			buf_free(&p->head);
		} else
			p->filter = is_utf8(data, len);
	}
	while (len > 0) {
		k = len > XML_SLICE ? XML_SLICE : len;
		if ((p->filter ? filter_push(p, data, k, 0) :
		    push(p, data, k, 0)) == -1)
			return failed(p, err, errlen);
		data += k;
		len -= k;
	}
	return 0;
}

int
xml_parser_finish(struct xml_parser *p, char *err, size_t errlen)
{
	int rc;

	if (p->failed)
		return failed(p, err, errlen);
	p->finishing = 1;
	if (!p->decided) {
		p->decided = 1;
		p->filter = is_utf8(buf_str(&p->head), p->head.len);
		rc = p->filter ? filter_push(p, buf_str(&p->head),
		    p->head.len, 1) : push(p, buf_str(&p->head),
		    p->head.len, 1);
		buf_free(&p->head);
	} else
		rc = p->filter ? filter_push(p, "", 0, 1) : push(p, "", 0, 1);
	if (rc == -1 || p->failed)
		return failed(p, err, errlen);
	if (!p->ctxt->wellFormed) {
		snprintf(p->msg, sizeof(p->msg), "%d:%d: malformed XML",
		    xmlSAX2GetLineNumber(p->ctxt),
		    xmlSAX2GetColumnNumber(p->ctxt));
		p->failed = 1;
		return failed(p, err, errlen);
	}
	return 0;
}
