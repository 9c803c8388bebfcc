#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

/* SSE2 where the compiler has it (every x86-64); NO_SIMD for a test. */
#if defined(__SSE2__) && !defined(NO_SIMD)
#include <emmintrin.h>
#define XML_SSE2 1
#endif

#include "buf.h"
#include "errmsg.h"
#include "text.h"
#include "transcode.h"
#include "xml.h"

/* Bytes handed to libxml2 at a time: bounds its input buffer. */
#define XML_SLICE	(64 * 1024)
/* Bytes looked at before deciding whether the document is UTF-8. */
#define XML_HEAD	512
#define XML_STR_(x)	#x
#define XML_STR(x)	XML_STR_(x)
/* Namespace declarations in scope at once (arXiv's documents use ~10). */
#define XML_MAX_NS	64

/* The states of the limits scanner (see scan()). */
enum {
	S_TEXT, S_LT, S_BANG, S_BANG_DASH, S_CDATA_OPEN, S_COMMENT, S_CDATA,
	S_PI, S_DECL, S_SUBSET, S_SUBSET_LT, S_SUBSET_BANG, S_SUBSET_DASH,
	S_SUBSET_COMMENT, S_SUBSET_PI, S_SUBSET_DECL, S_ETAG, S_STAG_NAME,
	S_STAG, S_ANAME, S_AEQ, S_AVALQ, S_AVAL
};

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
	struct buf		 head;		/* bytes held until decided */
	unsigned char		 carry[4];	/* an unfinished sequence */
	size_t			 ncarry;
	struct buf		 out;		/* a repaired copy of a slice */
	size_t			 nrepaired;
	unsigned long		 lines;		/* newlines before the first */
	unsigned long		 first_line;
	/* Transcoding a document that is not UTF-8 (transcode.h). */
	char			*hint;		/* the caller's charset */
	struct transcode	*tc;		/* NULL: UTF-8 */
	struct buf		 cout;		/* converted to UTF-8 */
	/* The limits scanner, on the UTF-8 bytes (see scan()). */
	int			 s_state;
	int			 s_quote;	/* the open quote, or 0 */
	int			 s_slash;	/* "/" just before ">" */
	int			 s_xmlns;	/* attribute name vs "xmlns:" */
	unsigned		 s_match;	/* bytes of a delimiter matched */
	size_t			 s_depth;
	size_t			 s_nattrs;	/* on the tag being read */
	size_t			 s_tagns;	/* xmlns on that tag */
	size_t			 s_ns;		/* xmlns in scope */
	unsigned short		 s_nsat[XML_MAX_DEPTH + 1];
	unsigned long		 s_line;	/* the line being read */
	unsigned long		 s_tag_line;	/* where the tag began */
	unsigned long		 s_tag_col;
	unsigned long long	 s_off;		/* bytes scanned before */
	unsigned long long	 s_linestart;	/* offset of the line */
	unsigned long long	 s_tag_off;
	char			 s_msg[200];	/* a limit passed */
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
	/* The scanner keeps a tag's attributes under XML_MAX_ATTRS. */
	n = nattrs > 0 ? (size_t)nattrs : 0;
	if (n > XML_MAX_ATTRS) {
		xml_parser_stop(p, "too many attributes on one element");
		return;
	}
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

/*
 * An attribute list declaration would add its defaults to every element
 * it names (and make libxml2's work grow with their product): refused
 * like entities.
 */
static void
on_attribute_decl(void *arg, const xmlChar *elem, const xmlChar *name,
    int type, int def, const xmlChar *value, xmlEnumerationPtr tree)
{
	char msg[300];

	(void)type;
	(void)def;
	(void)value;
	if (tree)
		xmlFreeEnumeration(tree);
	snprintf(msg, sizeof(msg), "attribute list declaration refused: "
	    "%.100s %.100s (defaults are never applied)", (const char *)elem,
	    (const char *)name);
	xml_parser_stop(arg, msg);
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
	p->s_line = 1;
	p->h = *h;
	p->arg = arg;
	p->sax.initialized = XML_SAX2_MAGIC;
	p->sax.startElementNs = on_start;
	p->sax.endElementNs = on_end;
	p->sax.characters = on_text;
	p->sax.cdataBlock = on_text;
	p->sax.entityDecl = on_entity_decl;
	p->sax.attributeDecl = on_attribute_decl;
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
	 * since any declaration stops the parse.  IGNORE_ENC: libxml2 only
	 * ever sees UTF-8, since a document in another encoding is
	 * converted before it (see decide()).
	 */
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET | XML_PARSE_NOENT |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC);
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
	buf_free(&p->cout);
	transcode_close(p->tc);
	free(p->hint);
	free(p);
}

int
xml_parser_set_charset(struct xml_parser *p, const char *charset)
{
	free(p->hint);
	p->hint = NULL;
	if (charset && (p->hint = strdup(charset)) == NULL)
		return -1;
	return 0;
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
 * The encoding an XML declaration names, into name (size n); 0 if the
 * bytes start with no declaration or it names none.
 */
static int
decl_encoding(const char *s, size_t n, char *name, size_t size)
{
	const char *end, *e;
	char q;
	size_t i;

	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		n -= 3;
	}
	if (n < 5 || memcmp(s, "<?xml", 5) != 0)
		return 0;
	if ((end = memchr(s, '>', n)) == NULL)
		return 0;
	for (e = s; e + 8 < end; e++)
		if (memcmp(e, "encoding", 8) == 0)
			break;
	if (e + 8 >= end)
		return 0;
	e += 8;
	while (e < end && (*e == ' ' || *e == '=' || *e == '\t'))
		e++;
	if (e >= end || (*e != '"' && *e != '\''))
		return 0;
	q = *e++;
	for (i = 0; e + i < end && e[i] != q; i++)
		;
	if (i == 0 || i >= size)
		return 0;
	memcpy(name, e, i);
	name[i] = '\0';
	return 1;
}

/* Whether a charset name means UTF-8 (or its subset ASCII). */
static int
is_utf8_name(const char *name)
{
	return strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") ==
	    0 || strcasecmp(name, "us-ascii") == 0 ||
	    strcasecmp(name, "ascii") == 0;
}

/*
 * Decide the document's encoding from its first bytes: a byte-order mark
 * or the zeros of UTF-16 and UTF-32, else the XML declaration's
 * encoding, else the caller's charset (a response's Content-Type), else
 * UTF-8.  Anything but UTF-8 is converted to UTF-8 with iconv(3) before
 * the repair filter, the limits scanner and libxml2 see it, so the three
 * only ever deal with UTF-8.  Sets *skip to the bytes of a mark to drop;
 * -1 with the error set for an encoding iconv does not know.
 */
static int
decide(struct xml_parser *p, const char *s, size_t n, size_t *skip)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *enc = NULL;
	char name[64], err[128];

	*skip = 0;
	if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe && u[3] == 0xff) {
		enc = "UTF-32BE";
		*skip = 4;
	} else if (n >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 &&
	    u[3] == 0) {
		enc = "UTF-32LE";
		*skip = 4;
	} else if (n >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		enc = "UTF-16BE";
		*skip = 2;
	} else if (n >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		enc = "UTF-16LE";
		*skip = 2;
	} else if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0)
		enc = "UTF-32BE";
	else if (n >= 4 && u[1] == 0 && u[2] == 0 && u[3] == 0)
		enc = "UTF-32LE";
	else if (n >= 2 && u[0] == 0)
		enc = "UTF-16BE";
	else if (n >= 2 && u[1] == 0)
		enc = "UTF-16LE";
	else if (decl_encoding(s, n, name, sizeof(name)))
		enc = name;
	else if (p->hint && p->hint[0])
		enc = p->hint;
	if (enc == NULL || is_utf8_name(enc))
		return 0;
	if ((p->tc = transcode_open(enc, err, sizeof(err))) == NULL) {
		snprintf(p->msg, sizeof(p->msg), "1:1: %s", err);
		p->failed = 1;
		return -1;
	}
	return 0;
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

/*
 * Stop the scan at the tag being read: a limit was passed.  Returns the
 * tag's offset in the slice, where scan() stops (0 if it began in an
 * earlier one).
 */
static size_t
limit(struct xml_parser *p, const char *what)
{
	snprintf(p->s_msg, sizeof(p->s_msg), "%lu:%llu: %s", p->s_tag_line,
	    p->s_tag_off - p->s_linestart + 1, what);
	return (size_t)(p->s_tag_off > p->s_off ? p->s_tag_off - p->s_off : 0);
}

/*
 * The first byte want in [s, e), or e, the newlines before it counted
 * into the scanner's line (base: the slice, for their offsets).  Runs of
 * text between tags are short and most hold a newline: one pass for both
 * bytes, sixteen at a time with SSE2, not a memchr() for each.
 */
static const char *
find_counting(struct xml_parser *p, const char *base, const char *s,
    const char *e, char want)
{
#ifdef XML_SSE2
	const __m128i w = _mm_set1_epi8(want), nl = _mm_set1_epi8('\n');
	unsigned mw, mnl;

	for (; e - s >= 16; s += 16) {
		__m128i v = _mm_loadu_si128((const void *)s);
		__m128i vw = _mm_cmpeq_epi8(v, w), vnl = _mm_cmpeq_epi8(v, nl);

		if (_mm_movemask_epi8(_mm_or_si128(vw, vnl)) == 0)
			continue;	/* most of a run of text */
		mw = (unsigned)_mm_movemask_epi8(vw);
		mnl = (unsigned)_mm_movemask_epi8(vnl);
		if (mw != 0)
			mnl &= (mw & -mw) - 1;	/* those before it */
		if (mnl != 0) {
			p->s_line += (unsigned long)__builtin_popcount(mnl);
			p->s_linestart = p->s_off + (unsigned long long)(s -
			    base) + (unsigned)(31 - __builtin_clz(mnl)) + 1;
		}
		if (mw != 0)
			return s + __builtin_ctz(mw);
	}
#endif
	for (; s < e; s++) {
		if (*s == want)
			return s;
		if (*s == '\n') {
			p->s_line++;
			p->s_linestart = p->s_off +
			    (unsigned long long)(s - base) + 1;
		}
	}
	return e;
}

/* A byte that ends a tag's or an attribute's name. */
static int
name_end(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' ||
	    ch == '/' || ch == '>' || ch == '=';
}

/*
 * Step *c over the bytes the scanner's state ignores: the rest of an end
 * tag, a name, the inside of a comment or CDATA section.  Returns 0 when
 * the slice ended inside the run, else 1 with *c at the next byte that
 * matters.
 */
static int
skip_run(struct xml_parser *p, const char *base, const char **c,
    const char *e)
{
	const char *q = *c;
	int want;

	switch (p->s_state) {
	case S_ETAG:
		want = '>';
		break;
	case S_COMMENT:
		want = p->s_match ? 0 : '-';
		break;
	case S_CDATA:
		want = p->s_match ? 0 : ']';
		break;
	case S_STAG_NAME:
	case S_ANAME:
		if (p->s_state == S_ANAME && p->s_xmlns != -1)
			return 1;
		while (q < e && !name_end((unsigned char)*q))
			q++;
		if (q > *c && p->s_state == S_STAG_NAME)
			p->s_slash = 0;
		*c = q;
		return q < e;
	default:
		return 1;
	}
	if (want == 0)
		return 1;
	*c = q = find_counting(p, base, q, e, (char)want);
	return q < e;
}

/*
 * The limits scanner: a small XML lexer over the UTF-8 bytes on their
 * way to libxml2 (text, tags, attributes and their quoted values,
 * comments, CDATA, processing instructions, a DOCTYPE and its internal
 * subset), which counts what libxml2 would have to hold: elements open,
 * attributes on one tag, namespace declarations in scope.  libxml2's own
 * checks are quadratic in some of these (duplicate attributes, namespace
 * lookups), so they are bounded before libxml2 sees the tag.  It keeps
 * its state across slices.  Returns n, or the offset in s of the tag
 * that passed a limit (s_msg says which), which libxml2 never sees.  On
 * malformed input it may count wrongly, but libxml2 rejects that input
 * anyway.
 */
static size_t
scan(struct xml_parser *p, const char *s, size_t n)
{
	const char *c = s, *e = s + n;
	unsigned char ch;

	while (c < e) {
		if (p->s_state == S_TEXT) {
			c = find_counting(p, s, c, e, '<');
			if (c == e)
				continue;
			p->s_tag_off = p->s_off + (unsigned long long)(c - s);
			p->s_tag_line = p->s_line;
			p->s_state = S_LT;
			c++;
			continue;
		}
		/*
		 * Runs of bytes that change nothing: skipped at once, not a
		 * byte at a time (the scanner must cost little beside libxml2).
		 */
		if (skip_run(p, s, &c, e) == 0)
			continue;
		ch = (unsigned char)*c;
		switch (p->s_state) {
		case S_LT:
			if (ch == '/')
				p->s_state = S_ETAG;
			else if (ch == '!')
				p->s_state = S_BANG;
			else if (ch == '?')
				p->s_state = S_PI;
			else {
				p->s_state = S_STAG_NAME;
				p->s_nattrs = p->s_tagns = 0;
				p->s_slash = 0;
			}
			p->s_match = 0;
			break;
		case S_BANG:
			p->s_state = ch == '-' ? S_BANG_DASH : ch == '[' ?
			    S_CDATA_OPEN : S_DECL;
			p->s_quote = 0;
			p->s_match = 0;
			if (p->s_state == S_DECL)
				continue;	/* look at ch again */
			break;
		case S_BANG_DASH:
			p->s_state = ch == '-' ? S_COMMENT : S_DECL;
			p->s_match = 0;
			break;
		case S_CDATA_OPEN:
			if (ch != (unsigned char)"CDATA["[p->s_match]) {
				p->s_state = S_DECL;
				continue;
			}
			if (++p->s_match == 6) {
				p->s_state = S_CDATA;
				p->s_match = 0;
			}
			break;
		case S_COMMENT:
		case S_SUBSET_COMMENT:
			if (ch == '-')
				p->s_match++;
			else if (ch == '>' && p->s_match >= 2)
				p->s_state = p->s_state == S_COMMENT ? S_TEXT :
				    S_SUBSET;
			else
				p->s_match = 0;
			break;
		case S_CDATA:
			if (ch == ']')
				p->s_match++;
			else if (ch == '>' && p->s_match >= 2)
				p->s_state = S_TEXT;
			else
				p->s_match = 0;
			break;
		case S_PI:
		case S_SUBSET_PI:
			if (ch == '>' && p->s_match)
				p->s_state = p->s_state == S_PI ? S_TEXT :
				    S_SUBSET;
			p->s_match = ch == '?';
			break;
		case S_DECL:
			if (p->s_quote) {
				if (ch == p->s_quote)
					p->s_quote = 0;
			} else if (ch == '"' || ch == '\'')
				p->s_quote = ch;
			else if (ch == '[')
				p->s_state = S_SUBSET;
			else if (ch == '>')
				p->s_state = S_TEXT;
			break;
		case S_SUBSET:
			if (ch == '<')
				p->s_state = S_SUBSET_LT;
			else if (ch == ']')
				p->s_state = S_DECL;
			break;
		case S_SUBSET_LT:
			p->s_state = ch == '!' ? S_SUBSET_BANG : ch == '?' ?
			    S_SUBSET_PI : S_SUBSET_DECL;
			p->s_match = 0;
			p->s_quote = 0;
			break;
		case S_SUBSET_BANG:
			p->s_state = ch == '-' ? S_SUBSET_DASH : S_SUBSET_DECL;
			if (p->s_state == S_SUBSET_DECL)
				continue;
			break;
		case S_SUBSET_DASH:
			p->s_state = ch == '-' ? S_SUBSET_COMMENT :
			    S_SUBSET_DECL;
			p->s_match = 0;
			break;
		case S_SUBSET_DECL:
			if (p->s_quote) {
				if (ch == p->s_quote)
					p->s_quote = 0;
			} else if (ch == '"' || ch == '\'')
				p->s_quote = ch;
			else if (ch == '>')
				p->s_state = S_SUBSET;
			break;
		case S_ETAG:
			if (ch == '>') {
				if (p->s_depth > 0) {
					p->s_ns -= p->s_nsat[p->s_depth];
					p->s_depth--;
				}
				p->s_state = S_TEXT;
			}
			break;
		case S_STAG_NAME:
		case S_STAG:
		case S_AVALQ:
		case S_AEQ:
			if (ch == '>') {
				if (p->s_slash) {
					p->s_state = S_TEXT;
					break;
				}
				if (p->s_depth + 1 > XML_MAX_DEPTH) {
					return limit(p, "elements nested too "
					    "deep (over " XML_STR(XML_MAX_DEPTH)
					    " levels)");
				}
				p->s_depth++;
				p->s_ns += p->s_tagns;
				p->s_nsat[p->s_depth] =
				    (unsigned short)p->s_tagns;
				p->s_state = S_TEXT;
				break;
			}
			p->s_slash = ch == '/';
			if (ch == ' ' || ch == '\t' || ch == '\r' ||
			    ch == '\n' || ch == '/') {
				if (p->s_state == S_STAG_NAME)
					p->s_state = S_STAG;
				break;
			}
			if (p->s_state == S_STAG_NAME)
				break;
			if (p->s_state == S_AEQ) {
				p->s_state = ch == '=' ? S_AVALQ : S_STAG;
				if (ch == '=')
					break;
			}
			if (p->s_state == S_AVALQ) {
				if (ch == '"' || ch == '\'') {
					p->s_quote = ch;
					p->s_state = S_AVAL;
				}
				break;
			}
			/* An attribute's name starts. */
			if (++p->s_nattrs > XML_MAX_ATTRS) {
				return limit(p, "too many attributes on one "
				    "element (over " XML_STR(XML_MAX_ATTRS) ")");
			}
			p->s_state = S_ANAME;
			p->s_xmlns = ch == 'x' ? 1 : -1;
			break;
		case S_ANAME:
			if (ch == '=' || ch == ' ' || ch == '\t' ||
			    ch == '\r' || ch == '\n' || ch == '>' ||
			    ch == '/') {
				if (p->s_xmlns == 5 || p->s_xmlns == 6) {
					p->s_tagns++;
					if (p->s_ns + p->s_tagns > XML_MAX_NS) {
						return limit(p, "too many "
						    "namespace declarations in "
						    "scope (over "
						    XML_STR(XML_MAX_NS) ")");
					}
				}
				p->s_state = ch == '=' ? S_AVALQ : S_AEQ;
				if (ch == '>' || ch == '/') {
					p->s_state = S_STAG;
					continue;
				}
				break;
			}
			if (p->s_xmlns > 0 && p->s_xmlns < 5 &&
			    ch == (unsigned char)"xmlns"[p->s_xmlns])
				p->s_xmlns++;
			else if (p->s_xmlns == 5 && ch == ':')
				p->s_xmlns = 6;
			else if (p->s_xmlns != 6)
				p->s_xmlns = -1;
			break;
		case S_AVAL:
			c = find_counting(p, s, c, e, (char)p->s_quote);
			if (c < e) {
				p->s_state = S_STAG;
				p->s_slash = 0;
				c++;
			}
			continue;
		}
		if (ch == '\n') {
			p->s_line++;
			p->s_linestart = p->s_off + (unsigned long long)(c - s) +
			    1;
		}
		c++;
	}
	p->s_off += n;
	return n;
}

/*
 * Hand bytes to libxml2, each slice through the limits scanner first;
 * 0, or -1 once the document failed.  At a limit, the bytes before the
 * offending tag are still parsed, so the papers they hold are kept.
 */
static int
push(struct xml_parser *p, const char *s, size_t n, int terminate)
{
	size_t k, ok;

	do {
		k = n > XML_SLICE ? XML_SLICE : n;
		if (p->failed)
			return -1;
		if ((ok = scan(p, s, k)) < k) {
			if (ok > 0)
				xmlParseChunk(p->ctxt, s, (int)ok, 0);
			if (!p->failed) {
				snprintf(p->msg, sizeof(p->msg), "%s",
				    p->s_msg);
				p->failed = 1;
			}
			xmlStopParser(p->ctxt);
			return -1;
		}
		xmlParseChunk(p->ctxt, s, (int)k, terminate && k == n);
		/*
		 * An empty chunk: libxml2 drops the bytes it has parsed
		 * when a chunk starts, moving the rest to the front of its
		 * buffer; now the rest is a partial tag, not the next slice.
		 */
		if (!(terminate && k == n) && !p->failed &&
		    p->ctxt->disableSAX != 1)
			xmlParseChunk(p->ctxt, NULL, 0, 0);
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
 * ascii_run(p, s): 1 if the ASCII_STEP bytes at s are all printable ASCII,
 * tab, LF or CR (bytes the filter lets through as they are), the LFs
 * counted into p->lines.  SSE2 where the compiler has it (every x86-64;
 * NO_SIMD turns it off for a test), else eight bytes in a word, where a
 * byte under 0x20 borrows into its top bit and one over 0x7f has it set
 * (control bytes then take the byte-by-byte path).
 */
#ifdef XML_SSE2
#define ASCII_STEP	16

static inline int
ascii_run(struct xml_parser *p, const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const void *)s);
	unsigned hi = (unsigned)_mm_movemask_epi8(v);
	unsigned ctl = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_min_epu8(v, _mm_set1_epi8(0x1f)), v));
	unsigned nl = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
	    _mm_set1_epi8('\n')));
	unsigned ok = nl | (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));

	if (hi != 0 || (ctl & ~ok) != 0)
		return 0;
	if (p->nrepaired == 0)
		for (; nl != 0; nl &= nl - 1)	/* a line is 60-odd bytes */
			p->lines++;
	return 1;
}
#else
#define ASCII_STEP	8

static inline int
ascii_run(struct xml_parser *p, const unsigned char *s)
{
	uint64_t w;

	(void)p;
	memcpy(&w, s, 8);
	return ((w | (w - 0x2020202020202020ULL)) &
	    0x8080808080808080ULL) == 0;
}
#endif

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
		if (len - i >= ASCII_STEP && ascii_run(p, s + i)) {
			i += ASCII_STEP;
			continue;
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

/*
 * Convert a slice of a document that is not UTF-8 and send the UTF-8 on
 * through the filter; the bytes replaced count as repairs.
 */
static int
conv_push(struct xml_parser *p, const char *data, size_t len, int last)
{
	size_t bad = 0;

	buf_reset(&p->cout);
	if (transcode_push(p->tc, data, len, last, &p->cout, &bad) == -1) {
		snprintf(p->msg, sizeof(p->msg), "out of memory");
		p->failed = 1;
		return -1;
	}
	if (bad > 0) {
		if (p->nrepaired == 0)
			p->first_line = p->lines + 1;
		p->nrepaired += bad;
	}
	return filter_push(p, p->cout.data ? p->cout.data : "", p->cout.len,
	    last);
}

/* One slice on its way: converted first when not UTF-8. */
static int
route(struct xml_parser *p, const char *data, size_t len, int last)
{
	if (p->tc != NULL)
		return conv_push(p, data, len, last);
	return filter_push(p, data, len, last);
}

/* The first bytes are known: decide the encoding, send them on. */
static int
start(struct xml_parser *p, const char *data, size_t len, int last)
{
	size_t skip;

	p->decided = 1;
	if (decide(p, data, len, &skip) == -1)
		return -1;
	return route(p, data + skip, len - skip, last);
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
			if (start(p, p->head.data, p->head.len, 0) == -1)
				return failed(p, err, errlen);
			buf_free(&p->head);
		} else {
			k = len > XML_SLICE ? XML_SLICE : len;
			if (start(p, data, k, 0) == -1)
				return failed(p, err, errlen);
			data += k;
			len -= k;
		}
	}
	while (len > 0) {
		k = len > XML_SLICE ? XML_SLICE : len;
		if (route(p, data, k, 0) == -1)
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
		rc = start(p, buf_str(&p->head), p->head.len, 1);
		buf_free(&p->head);
	} else
		rc = route(p, "", 0, 1);
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
