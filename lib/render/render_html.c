#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "buf.h"
#include "errmsg.h"
#include "render.h"
#include "render_html.h"
#include "render_md.h"

static const char style[] =
	"body{max-width:52em;margin:0 auto;padding:1em;"
	"font-family:system-ui,sans-serif;line-height:1.5;color:#222}\n"
	"h3{margin-top:2em}\n"
	"a{color:#1a4f8b}\n"
	"details{background:#f6f8fa;padding:.5em 1em;border-radius:4px}\n"
	"summary{cursor:pointer}\n"
	"hr{border:0;border-top:1px solid #ddd}\n"
	"code,pre{background:#f6f8fa}\n"
	"table{border-collapse:collapse}\n"
	"td,th{border:1px solid #ddd;padding:.2em .5em}\n";

int
render_html_fragment(struct buf *out, const char *md, size_t n, char *err,
    size_t errlen)
{
	static const char *exts[] = { "table", "strikethrough", "autolink" };
	const int opts = CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8;
	cmark_syntax_extension *e;
	cmark_parser *p;
	cmark_node *doc;
	char *html;
	size_t i;
	int rc;

	cmark_gfm_core_extensions_ensure_registered();
	if ((p = cmark_parser_new(opts)) == NULL)
		goto nomem;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if ((e = cmark_find_syntax_extension(exts[i])) != NULL)
			cmark_parser_attach_syntax_extension(p, e);
	cmark_parser_feed(p, md, n);
	if ((doc = cmark_parser_finish(p)) == NULL) {
		cmark_parser_free(p);
		goto nomem;
	}
	html = cmark_render_html(doc, opts,
	    cmark_parser_get_syntax_extensions(p));
	cmark_node_free(doc);
	cmark_parser_free(p);
	if (html == NULL)
		goto nomem;
	rc = buf_adds(out, html);
	free(html);
	if (rc == 0)
		return 0;
nomem:
	errmsg_set(err, errlen, "out of memory");
	return -1;
}

int
render_html_write(struct buf *out, const struct render_doc *d, char *err,
    size_t errlen)
{
	struct buf md = {0};
	int rc = -1;

	if (render_md_write_safe(&md, d, err, errlen) == -1)
		goto out;
	if (buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"arxivpipe\">\n<title>") == -1 ||
	    render_html_escape(out, d->title ? d->title :
	    RENDER_TITLE) == -1 ||
	    buf_adds(out, "</title>\n<style>\n") == -1 ||
	    buf_adds(out, style) == -1 ||
	    buf_adds(out, "</style>\n</head>\n<body>\n<main>\n") == -1) {
		errmsg_set(err, errlen, "out of memory");
		goto out;
	}
	if (render_html_fragment(out, buf_str(&md), md.len, err, errlen) == -1)
		goto out;
	if (buf_adds(out, "</main>\n</body>\n</html>\n") == -1) {
		errmsg_set(err, errlen, "out of memory");
		goto out;
	}
	rc = 0;
out:
	buf_free(&md);
	return rc;
}
