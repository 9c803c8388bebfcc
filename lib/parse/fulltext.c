#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "buf.h"
#include "errmsg.h"
#include "fulltext.h"
#include "htmlenc.h"
#include "record.h"
#include "text.h"

/* Marks a paragraph break in a section's text while it is gathered. */
#define PARA	'\x01'
/*
 * The nesting libxml2 may build (its own default is 256, which a page
 * wrapped in a few hundred <div>s passes).  The tree is walked without
 * recursion, so any depth is fine here; the cap keeps libxml2's search
 * of its open elements, on each end tag, linear in the page.
 */
#define MAX_DEPTH	FULLTEXT_MAX_DEPTH

struct gather {
	struct buf	*texts;		/* per section, parallel to ft */
	struct fulltext	*ft;
	size_t		 cap;
	size_t		 cur;		/* current section + 1; 0: none */
	int		 nomem;		/* an allocation failed */
};

/* Whether node's class attribute holds the token cls. */
static int
has_class(xmlNodePtr node, const char *cls)
{
	xmlChar *v;
	const char *s;
	size_t n = strlen(cls), k;
	int found = 0;

	if ((v = xmlGetProp(node, (const xmlChar *)"class")) == NULL)
		return 0;
	for (s = (const char *)v; *s && !found; s += k) {
		s += strspn(s, " \t\r\n");
		k = strcspn(s, " \t\r\n");
		found = k == n && memcmp(s, cls, n) == 0;
	}
	xmlFree(v);
	return found;
}

static int
is_tag(xmlNodePtr node, const char *name)
{
	return node->type == XML_ELEMENT_NODE &&
	    strcasecmp((const char *)node->name, name) == 0;
}

static int
is_heading(xmlNodePtr node)
{
	const char *n = (const char *)node->name;

	return node->type == XML_ELEMENT_NODE && (n[0] == 'h' ||
	    n[0] == 'H') && n[1] >= '1' && n[1] <= '6' && n[2] == '\0';
}

/* What a reader of the paper's text does not want. */
static int
is_dropped(xmlNodePtr node)
{
	static const char *tags[] = { "nav", "header", "footer", "figure",
	    "script", "style", "noscript", "button", "svg", "img", "form",
	    "head", "title" };
	static const char *classes[] = { "ltx_bibliography", "ltx_TOC",
	    "ltx_page_footer", "ltx_page_header", "ltx_page_navbar",
	    "ltx_note", "ltx_authors", "ltx_dates", "ltx_figure",
	    "ltx_table", "ltx_float", "ltx_caption", "ltx_role_footnote",
	    "ltx_page_logo" };
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (is_tag(node, tags[i]))
			return 1;
	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (has_class(node, classes[i]))
			return 1;
	return 0;
}

static int
is_section(xmlNodePtr node)
{
	static const char *classes[] = { "ltx_abstract", "ltx_section",
	    "ltx_subsection", "ltx_subsubsection", "ltx_paragraph",
	    "ltx_subparagraph", "ltx_appendix", "ltx_acknowledgements",
	    "ltx_chapter", "ltx_part", "ltx_index" };
	size_t i;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (has_class(node, classes[i]))
			return 1;
	return 0;
}

static int
is_block(xmlNodePtr node)
{
	static const char *tags[] = { "p", "div", "li", "ul", "ol", "table",
	    "tr", "blockquote", "pre", "dl", "dt", "dd", "section",
	    "article" };
	size_t i;

	if (is_heading(node))
		return 1;
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (is_tag(node, tags[i]))
			return 1;
	return 0;
}

/*
 * The node after n in document order within top, into n's children when
 * down is set; NULL at the end of top.  Walks use it (and parent
 * pointers) rather than recursion, so depth costs no stack.
 */
static xmlNodePtr
next_node(xmlNodePtr n, xmlNodePtr top, int down)
{
	if (down && n->children)
		return n->children;
	while (n != top) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* The TeX of a <math>: its application/x-tex annotation, or alttext. */
static xmlChar *
math_tex(xmlNodePtr node)
{
	xmlNodePtr c;
	xmlChar *v;

	for (c = next_node(node, node, 1); c; c = next_node(c, node, 1)) {
		if (c->type != XML_ELEMENT_NODE || !is_tag(c, "annotation"))
			continue;
		if ((v = xmlGetProp(c, (const xmlChar *)"encoding")) != NULL) {
			int tex = strcmp((const char *)v,
			    "application/x-tex") == 0;

			xmlFree(v);
			if (tex)
				return xmlNodeGetContent(c);
		}
	}
	return NULL;
}

/* The TeX of a math node into b; -1 when out of memory. */
static int
add_math(struct buf *b, xmlNodePtr node)
{
	xmlChar *tex, *disp;
	int block, rc = 0;

	if ((tex = math_tex(node)) == NULL)
		tex = xmlGetProp(node, (const xmlChar *)"alttext");
	if (tex == NULL)
		return 0;
	disp = xmlGetProp(node, (const xmlChar *)"display");
	block = disp && strcmp((const char *)disp, "block") == 0;
	/* Inline math sits in the text's own spaces; display math apart. */
	rc |= buf_adds(b, block ? " \\[" : "$");
	rc |= buf_adds(b, (const char *)tex);
	rc |= buf_adds(b, block ? "\\] " : "$");
	xmlFree(disp);
	xmlFree(tex);
	return rc;
}

/*
 * Text of node into b (headings, titles): math as TeX, no breaks.
 * -1 when out of memory.
 */
static int
inline_text(xmlNodePtr node, struct buf *b)
{
	xmlNodePtr c;
	int rc = 0, down;

	for (c = next_node(node, node, 1); c && rc == 0;
	    c = next_node(c, node, down)) {
		down = 0;
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE)
			rc = buf_adds(b, (const char *)c->content);
		else if (c->type != XML_ELEMENT_NODE || is_dropped(c))
			continue;
		else if (is_tag(c, "math"))
			rc = add_math(b, c);
		else {
			if (is_tag(c, "br"))
				rc = buf_addc(b, ' ');
			down = 1;
		}
	}
	return rc;
}

/* The collapsed text of b as a new string (b is emptied); NULL if no memory. */
static char *
clean(struct buf *b)
{
	char *s = buf_take(b);
	size_t i;

	if (s == NULL)
		return NULL;
	for (i = 0; s[i]; i++)
		if (s[i] == PARA)
			s[i] = ' ';
	return text_collapse(s);
}

static int
new_section(struct gather *g, char *heading)
{
	struct fulltext *ft = g->ft;

	if (ft->nsections == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 16;
		struct fulltext_section *s;
		struct buf *t;

		if ((s = realloc(ft->sections, cap * sizeof(*s))) == NULL) {
			free(heading);
			return -1;
		}
		ft->sections = s;
		if ((t = realloc(g->texts, cap * sizeof(*t))) == NULL) {
			free(heading);
			return -1;
		}
		g->texts = t;
		g->cap = cap;
	}
	ft->sections[ft->nsections].heading = heading;
	ft->sections[ft->nsections].text = NULL;
	memset(&g->texts[ft->nsections], 0, sizeof(struct buf));
	g->cur = ++ft->nsections;
	return 0;
}

/* The current section's text, started if need be; NULL if no memory. */
static struct buf *
current(struct gather *g)
{
	if (g->cur == 0 && new_section(g, NULL) == -1) {
		g->nomem = 1;
		return NULL;
	}
	return &g->texts[g->cur - 1];
}

/* What a buf_add*() returned, remembered in g. */
static void
check(struct gather *g, int rc)
{
	if (rc != 0)
		g->nomem = 1;
}

/* A section open in the walk: what to restore when it ends. */
struct open_section {
	xmlNodePtr	 node;
	xmlNodePtr	 head;		/* its heading, not walked again */
	size_t		 saved;		/* the section current before it */
};

/* Start a section: its heading becomes the new current section's. */
static int
enter_section(struct gather *g, xmlNodePtr node, xmlNodePtr *headp)
{
	struct buf h = {0};
	xmlNodePtr c, head = NULL;
	char *heading;

	for (c = node->children; c; c = c->next)
		if (is_heading(c)) {
			head = c;
			break;
		}
	*headp = head;
	if (head && inline_text(head, &h) == -1) {
		buf_free(&h);
		return -1;
	}
	if ((heading = clean(&h)) == NULL)
		return -1;
	if (*heading == '\0') {
		free(heading);
		heading = NULL;
	}
	return new_section(g, heading);
}

/*
 * What entering node does: 1 to walk its children, 0 not to.  Text, math
 * and line breaks are added here.
 */
static int
enter(struct gather *g, xmlNodePtr node)
{
	struct buf *b;

	if (node->type == XML_TEXT_NODE ||
	    node->type == XML_CDATA_SECTION_NODE) {
		const char *s = (const char *)node->content;

		/* Front matter's white space does not start a section. */
		if (g->cur == 0 && s[strspn(s, " \t\r\n")] == '\0')
			return 0;
		if ((b = current(g)) != NULL)
			check(g, buf_adds(b, s));
		return 0;
	}
	if (node->type != XML_ELEMENT_NODE || is_dropped(node))
		return 0;
	if (is_heading(node) && has_class(node, "ltx_title_document"))
		return 0;
	if (is_tag(node, "math")) {
		if ((b = current(g)) != NULL)
			check(g, add_math(b, node));
		return 0;
	}
	if (is_tag(node, "br")) {
		if (g->cur && (b = current(g)) != NULL)
			check(g, buf_addc(b, ' '));
		return 0;
	}
	if (is_block(node) && g->cur && (b = current(g)) != NULL)
		check(g, buf_addc(b, PARA));
	return 1;
}

/* Leaving an element whose children were walked. */
static void
leave(struct gather *g, xmlNodePtr node)
{
	struct buf *b;

	if (is_block(node) && g->cur && (b = current(g)) != NULL)
		check(g, buf_addc(b, PARA));
}

/*
 * The article's text into sections, in document order, without
 * recursion: sections open and close on a stack of their own.
 */
static void
walk(struct gather *g, xmlNodePtr top)
{
	struct open_section *st = NULL, *t;
	size_t nst = 0, cap = 0;
	xmlNodePtr n = top, head;
	int down;

	while (n && !g->nomem) {
		down = 0;
		if (nst > 0 && n == st[nst - 1].head)
			down = 0;
		else if (n->type == XML_ELEMENT_NODE && !is_dropped(n) &&
		    is_section(n)) {
			if (nst == cap) {
				cap = cap ? cap * 2 : 16;
				if ((t = realloc(st, cap * sizeof(*st))) ==
				    NULL) {
					g->nomem = 1;
					break;
				}
				st = t;
			}
			st[nst].node = n;
			st[nst].saved = g->cur;
			if (enter_section(g, n, &head) == -1) {
				g->nomem = 1;
				break;
			}
			st[nst++].head = head;
			down = 1;
		} else
			down = enter(g, n);
		if (down && n->children) {
			n = n->children;
			continue;
		}
		if (down && nst > 0 && st[nst - 1].node == n)
			g->cur = st[--nst].saved;
		else if (down)
			leave(g, n);
		/* Up: leave each ancestor whose last child this was. */
		while (n != top && n->next == NULL) {
			n = n->parent;
			if (nst > 0 && st[nst - 1].node == n)
				g->cur = st[--nst].saved;
			else
				leave(g, n);
		}
		n = n == top ? NULL : n->next;
	}
	free(st);
}

/*
 * Paragraphs collapsed one by one, joined by a blank line; a new string,
 * NULL when out of memory.
 */
static char *
paragraphs(struct buf *b)
{
	struct buf out = {0};
	char *s = b->len ? b->data : NULL, *p, *e;
	int rc;

	rc = buf_add(&out, "", 0);
	for (p = s; p && *p && rc == 0; p = e) {
		if ((e = strchr(p, PARA)) != NULL)
			*e++ = '\0';
		else
			e = p + strlen(p);
		text_collapse(p);
		if (*p == '\0')
			continue;
		if (out.len)
			rc |= buf_adds(&out, "\n\n");
		rc |= buf_adds(&out, p);
	}
	if (rc != 0) {
		buf_free(&out);
		return NULL;
	}
	return buf_take(&out);
}

/* The first element under (or at) node with tag and/or class cls. */
static xmlNodePtr
find(xmlNodePtr node, const char *tag, const char *cls)
{
	xmlNodePtr c;

	for (c = node; c; c = next_node(c, node, 1)) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if ((tag == NULL || is_tag(c, tag)) &&
		    (cls == NULL || has_class(c, cls)))
			return c;
	}
	return NULL;
}

/* How deep the tree under node goes (node is 0). */
static size_t
tree_depth(xmlNodePtr node)
{
	xmlNodePtr c;
	size_t d = 0, max = 0;

	for (c = node; c; ) {
		if (c->children) {
			c = c->children;
			if (++d > max)
				max = d;
			continue;
		}
		while (c != node && c->next == NULL) {
			c = c->parent;
			d--;
		}
		c = c == node ? NULL : c->next;
	}
	return max;
}

/* The id from <base href="/html/2501.11120v1/">, else from the url. */
static void
find_id(struct fulltext *ft, xmlNodePtr root, const char *url)
{
	xmlNodePtr base;
	xmlChar *href = NULL;
	const char *s;

	if ((base = find(root, "base", NULL)) != NULL)
		href = xmlGetProp(base, (const xmlChar *)"href");
	if (href && (s = strstr((const char *)href, "/html/")) != NULL)
		arxiv_id_split(s + 6, &ft->id, &ft->version);
	xmlFree(href);
	if (ft->id == NULL && url && (s = strstr(url, "/html/")) != NULL)
		arxiv_id_split(s + 6, &ft->id, &ft->version);
	if (ft->id == NULL && url && (s = strstr(url, "/abs/")) != NULL)
		arxiv_id_split(s + 5, &ft->id, &ft->version);
}

/* Whether s (n bytes) at i starts, ignoring case, with w. */
static int
at(const char *s, size_t n, size_t i, const char *w)
{
	size_t k = strlen(w);

	return n - i >= k && strncasecmp(s + i, w, k) == 0;
}

/*
 * Whether a tag of the page holds more than FULLTEXT_MAX_ATTRS
 * attributes: libxml2's HTML parser checks each new attribute against
 * all the tag's others, so their number is bounded before it runs.  A
 * small HTML lexer: tags, quoted and bare values, comments, and the raw
 * text of <script> and <style>.
 */
static int
attrs_over(const char *s, size_t n)
{
	const char *q;
	size_t i = 0, na;
	char quote;

	while (i < n) {
		if ((q = memchr(s + i, '<', n - i)) == NULL)
			return 0;
		i = (size_t)(q - s) + 1;
		if (at(s, n, i, "!--")) {
			for (i += 3; i < n && !at(s, n, i, "-->"); i++)
				;
			continue;
		}
		if (i >= n || !isalpha((unsigned char)s[i]))
			continue;
		if (at(s, n, i, "script") || at(s, n, i, "style")) {
			const char *end = at(s, n, i, "script") ? "</script" :
			    "</style";

			while (i < n && s[i] != '>')
				i++;
			while (i < n && !at(s, n, i, end))
				i++;
			continue;
		}
		while (i < n && !isspace((unsigned char)s[i]) && s[i] != '>' &&
		    s[i] != '/')
			i++;
		for (na = 0; i < n && s[i] != '>'; ) {
			if (isspace((unsigned char)s[i]) || s[i] == '/') {
				i++;
				continue;
			}
			if (++na > FULLTEXT_MAX_ATTRS)
				return 1;
			while (i < n && !isspace((unsigned char)s[i]) &&
			    s[i] != '>' && s[i] != '=' && s[i] != '/')
				i++;
			while (i < n && isspace((unsigned char)s[i]))
				i++;
			if (i >= n || s[i] != '=')
				continue;
			for (i++; i < n && isspace((unsigned char)s[i]); i++)
				;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				quote = s[i++];
				if ((q = memchr(s + i, quote, n - i)) == NULL)
					return 0;
				i = (size_t)(q - s) + 1;
			} else
				while (i < n && !isspace((unsigned char)s[i]) &&
				    s[i] != '>')
					i++;
		}
	}
	return 0;
}

/*
 * The page as UTF-8 (see fulltext_parse()): doc itself, or a new copy in
 * *fixed (the caller frees it) converted from the page's encoding, its
 * bad bytes replaced.  Returns the UTF-8, *len its length; NULL with
 * err.
 */
static const char *
page_utf8(struct fulltext *ft, const char *doc, size_t *len,
    const char *charset, char **fixed, char *err, size_t errlen)
{
	struct buf conv = {0};
	char name[64];
	size_t skip;

	*fixed = NULL;
	if (text_utf8_valid(doc, *len))
		return doc;
	if (htmlenc_detect(doc, *len, charset, name, sizeof(name),
	    &skip) == 1) {
		if (htmlenc_to_utf8(doc + skip, *len - skip, name, &conv,
		    &ft->nrepaired, err, errlen) == -1) {
			buf_free(&conv);
			return NULL;
		}
		if ((ft->encoding = strdup(name)) == NULL)
			goto nomem;
		doc = conv.data;
		*len = conv.len;
		if (text_utf8_valid(doc, *len)) {
			*fixed = conv.data;
			return doc;
		}
	}
	/* UTF-8 with bad bytes, or a NUL the conversion kept. */
	*fixed = text_utf8_repair(doc, *len, &ft->nrepaired);
	buf_free(&conv);
	if (*fixed == NULL)
		goto nomem;
	*len = strlen(*fixed);
	return *fixed;
nomem:
	buf_free(&conv);
	errmsg_set(err, errlen, "out of memory");
	return NULL;
}

struct fulltext *
fulltext_parse(const char *doc, size_t len, const char *url,
    const char *charset, char *err, size_t errlen)
{
	struct gather g = {0};
	struct fulltext *ft;
	struct buf t = {0};
	htmlDocPtr d = NULL;
	xmlNodePtr root, article, h1;
	char *fixed = NULL;
	unsigned int depth;
	size_t i;

	if (len > 0x7fffffff) {
		errmsg_set(err, errlen, "document too large");
		return NULL;
	}
	if ((ft = calloc(1, sizeof(*ft))) == NULL)
		goto nomem;
	if ((doc = page_utf8(ft, doc, &len, charset, &fixed, err,
	    errlen)) == NULL)
		goto fail;
	if (len > 0x7fffffff) {
		free(fixed);
		errmsg_set(err, errlen, "document too large");
		goto fail;
	}
	if (attrs_over(doc, len)) {
		free(fixed);
		errmsg_set(err, errlen, "too many attributes on one element "
		    "(over %d)", FULLTEXT_MAX_ATTRS);
		goto fail;
	}
	/*
	 * libxml2's depth limit is a global: raised for this parse only.
	 * The page is UTF-8 now: a <meta> naming another encoding is not
	 * obeyed a second time.
	 */
	depth = xmlParserMaxDepth;
	xmlParserMaxDepth = MAX_DEPTH;
	d = htmlReadMemory(doc, (int)len, url, "UTF-8", HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
	    HTML_PARSE_NOIMPLIED | HTML_PARSE_IGNORE_ENC);
	xmlParserMaxDepth = depth;
	free(fixed);
	if (d == NULL || (root = xmlDocGetRootElement(d)) == NULL) {
		errmsg_set(err, errlen, "not an HTML document");
		goto fail;
	}
	/* libxml2 stops at its limit: whatever came after is not there. */
	if (tree_depth(root) + 1 >= MAX_DEPTH)
		ft->cut = 1;
	if ((article = find(root, NULL, "ltx_document")) == NULL && ft->cut) {
		errmsg_set(err, errlen, "elements nested too deep (over %d "
		    "levels) before the paper's text", MAX_DEPTH);
		goto fail;
	}
	if (article == NULL) {
		errmsg_set(err, errlen, "not an arXiv HTML paper (no LaTeXML "
		    "ltx_document in the page)");
		goto fail;
	}
	find_id(ft, root, url);
	if ((h1 = find(article, NULL, "ltx_title_document")) != NULL) {
		if (inline_text(h1, &t) == -1 ||
		    (ft->title = clean(&t)) == NULL) {
			buf_free(&t);
			goto nomem;
		}
	}
	g.ft = ft;
	walk(&g, article);
	for (i = 0; i < ft->nsections; i++) {
		if (!g.nomem &&
		    (ft->sections[i].text = paragraphs(&g.texts[i])) == NULL)
			g.nomem = 1;
		buf_free(&g.texts[i]);
	}
	free(g.texts);
	if (g.nomem)
		goto nomem;
	/* Sections with no text of their own (only subsections) go. */
	for (i = 0; i < ft->nsections; ) {
		if (ft->sections[i].text == NULL ||
		    *ft->sections[i].text == '\0') {
			free(ft->sections[i].heading);
			free(ft->sections[i].text);
			memmove(ft->sections + i, ft->sections + i + 1,
			    (ft->nsections - i - 1) * sizeof(*ft->sections));
			ft->nsections--;
		} else
			i++;
	}
	xmlFreeDoc(d);
	return ft;
nomem:
	errmsg_set(err, errlen, "out of memory");
fail:
	if (d)
		xmlFreeDoc(d);
	fulltext_free(ft);
	return NULL;
}

void
fulltext_free(struct fulltext *ft)
{
	size_t i;

	if (ft == NULL)
		return;
	for (i = 0; i < ft->nsections; i++) {
		free(ft->sections[i].heading);
		free(ft->sections[i].text);
	}
	free(ft->sections);
	free(ft->id);
	free(ft->title);
	free(ft->encoding);
	free(ft);
}

static struct json_object *
str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

struct json_object *
fulltext_to_json(const struct fulltext *ft)
{
	struct json_object *o, *a, *s;
	char id[256];
	size_t i;

	o = json_object_new_object();
	json_object_object_add(o, "kind", json_object_new_string("fulltext"));
	json_object_object_add(o, "id", str_or_null(ft->id));
	if (ft->id && ft->version) {
		snprintf(id, sizeof(id), "%sv%d", ft->id, ft->version);
		json_object_object_add(o, "arxiv_id",
		    json_object_new_string(id));
	} else
		json_object_object_add(o, "arxiv_id", str_or_null(ft->id));
	json_object_object_add(o, "title", str_or_null(ft->title));
	a = json_object_new_array_ext((int)ft->nsections);
	for (i = 0; i < ft->nsections; i++) {
		s = json_object_new_object();
		json_object_object_add(s, "heading",
		    str_or_null(ft->sections[i].heading));
		json_object_object_add(s, "text",
		    str_or_null(ft->sections[i].text));
		json_object_array_add(a, s);
	}
	json_object_object_add(o, "sections", a);
	return o;
}
