#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "buf.h"
#include "errmsg.h"
#include "render.h"
#include "render_cmark.h"

#define OPTS	(CMARK_OPT_VALIDATE_UTF8)

int
render_cmark_url_ok(const char *url)
{
	return url != NULL && (strncasecmp(url, "https://", 8) == 0 ||
	    strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "mailto:", 7) == 0);
}

/* Move n's children before it and remove n. */
static void
unwrap(cmark_node *n)
{
	cmark_node *c;

	while ((c = cmark_node_first_child(n)) != NULL) {
		cmark_node_unlink(c);
		cmark_node_insert_before(n, c);
	}
	cmark_node_free(n);
}

/*
 * Replace n by a new node of type t (a code block for an HTML block,
 * text for inline HTML) holding n's literal; -1 when out of memory.
 */
static int
as_literal(cmark_node *n, cmark_node_type t)
{
	cmark_node *r;
	const char *lit = cmark_node_get_literal(n);
	char *s;
	size_t len;

	if ((s = strdup(lit ? lit : "")) == NULL)
		return -1;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		s[--len] = '\0';
	if ((r = cmark_node_new(t)) == NULL) {
		free(s);
		return -1;
	}
	cmark_node_set_literal(r, s);
	cmark_node_insert_before(n, r);
	cmark_node_free(n);
	free(s);
	return 0;
}

/* Whether n is inside a link (a link in a link is not HTML). */
static int
in_link(cmark_node *n)
{
	while ((n = cmark_node_parent(n)) != NULL)
		if (cmark_node_get_type(n) == CMARK_NODE_LINK)
			return 1;
	return 0;
}

/*
 * An image: a link to it whose text is the alt text (or the URL); only
 * the alt text inside a link or when the URL is not one to link to.
 */
static int
image_to_link(cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	cmark_node *l, *c;

	if (!render_cmark_url_ok(url) || in_link(n)) {
		unwrap(n);
		return 0;
	}
	if ((l = cmark_node_new(CMARK_NODE_LINK)) == NULL)
		return -1;
	cmark_node_set_url(l, url);
	if (cmark_node_first_child(n) == NULL) {
		if ((c = cmark_node_new(CMARK_NODE_TEXT)) == NULL) {
			cmark_node_free(l);
			return -1;
		}
		cmark_node_set_literal(c, url);
		cmark_node_append_child(l, c);
	}
	while ((c = cmark_node_first_child(n)) != NULL) {
		cmark_node_unlink(c);
		cmark_node_append_child(l, c);
	}
	cmark_node_insert_before(n, l);
	cmark_node_free(n);
	return 0;
}

/*
 * Clean doc as the header says.  The nodes to change are collected
 * first: the tree is not changed while it is walked.
 */
static int
clean(cmark_node *doc)
{
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n, **v = NULL, **nv;
	size_t i, len = 0, cap = 0;
	int rc = 0;

	if ((it = cmark_iter_new(doc)) == NULL)
		return -1;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_IMAGE:
			break;
		case CMARK_NODE_LINK:
			if (render_cmark_url_ok(cmark_node_get_url(n)))
				continue;
			break;
		default:
			continue;
		}
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL) {
				rc = -1;
				goto out;
			}
			v = nv;
		}
		v[len++] = n;
	}
	/* Innermost last in document order: handle from the end. */
	for (i = len; i > 0 && rc == 0; i--) {
		n = v[i - 1];
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HTML_BLOCK:
			rc = as_literal(n, CMARK_NODE_CODE_BLOCK);
			break;
		case CMARK_NODE_HTML_INLINE:
			rc = as_literal(n, CMARK_NODE_TEXT);
			break;
		case CMARK_NODE_IMAGE:
			rc = image_to_link(n);
			break;
		default:
			unwrap(n);
			break;
		}
	}
out:
	free(v);
	cmark_iter_free(it);
	return rc;
}

/* Parse and clean md; the tree (caller frees) and the parser in *pp. */
static cmark_node *
parse(const char *md, size_t n, cmark_parser **pp)
{
	static const char *exts[] = { "table", "strikethrough", "autolink" };
	cmark_syntax_extension *e;
	cmark_parser *p;
	cmark_node *doc;
	size_t i;

	cmark_gfm_core_extensions_ensure_registered();
	if ((p = cmark_parser_new(OPTS)) == NULL)
		return NULL;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if ((e = cmark_find_syntax_extension(exts[i])) != NULL)
			cmark_parser_attach_syntax_extension(p, e);
	cmark_parser_feed(p, md, n);
	if ((doc = cmark_parser_finish(p)) == NULL || clean(doc) == -1) {
		cmark_node_free(doc);
		cmark_parser_free(p);
		return NULL;
	}
	*pp = p;
	return doc;
}

static int
render(struct buf *out, const char *md, size_t n, int html, char *err,
    size_t errlen)
{
	cmark_parser *p = NULL;
	cmark_node *doc;
	struct buf in = {0};
	char *s;
	size_t i, k;
	int rc;

	/* Without the bytes no document may hold (render_junk). */
	for (i = 0; i < n; i += k)
		if ((k = render_junk(md + i, n - i)) == 0 || i + k > n) {
			k = 1;
			if (buf_addc(&in, md[i]) == -1)
				goto nomem;
		}
	doc = parse(in.len ? buf_str(&in) : "", in.len, &p);
	buf_free(&in);
	if (doc == NULL)
		goto nomem;
	if (html)
		s = cmark_render_html(doc, OPTS,
		    cmark_parser_get_syntax_extensions(p));
	else
		s = cmark_render_commonmark(doc, OPTS, 0);
	cmark_node_free(doc);
	cmark_parser_free(p);
	if (s == NULL)
		goto nomem;
	rc = buf_adds(out, s);
	free(s);
	if (rc == 0)
		return 0;
nomem:
	buf_free(&in);
	errmsg_set(err, errlen, "out of memory");
	return -1;
}

int
render_cmark_html(struct buf *out, const char *md, size_t n, char *err,
    size_t errlen)
{
	return render(out, md, n, 1, err, errlen);
}

int
render_cmark_markdown(struct buf *out, const char *md, size_t n, char *err,
    size_t errlen)
{
	return render(out, md, n, 0, err, errlen);
}
