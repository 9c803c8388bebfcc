/*
 * Markdown from records (LLM summaries) through cmark-gfm, made safe.
 *
 * The only module that includes cmark-gfm.  A summary is parsed with the
 * GFM table, strikethrough and autolink extensions, then its tree is
 * cleaned before anything is written, so one rule covers every format:
 * raw HTML (blocks, inline tags, comments) becomes visible text, a link
 * keeps its target only if that is http, https or mailto (otherwise only
 * its text stays), and an image becomes a link to it (nothing is loaded
 * from elsewhere).  The HTML is rendered without CMARK_OPT_UNSAFE as a
 * second fence.
 */
#ifndef RENDER_CMARK_H
#define RENDER_CMARK_H

#include <stddef.h>

struct buf;

/* Append the summary md (n bytes) as an HTML fragment; -1 with err. */
int	render_cmark_html(struct buf *out, const char *md, size_t n,
	    char *err, size_t errlen);

/*
 * Append the summary md (n bytes) as markdown again, cleaned the same
 * way: every block closed, no raw HTML, so it cannot leave the
 * <details> block of a README; -1 with err.
 */
int	render_cmark_markdown(struct buf *out, const char *md, size_t n,
	    char *err, size_t errlen);

/* Whether url is one a page may link to: http, https or mailto. */
int	render_cmark_url_ok(const char *url);

#endif
