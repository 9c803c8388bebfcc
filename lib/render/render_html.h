/*
 * The HTML digest: the markdown digest (lib/render_md.h) converted by
 * cmark-gfm (with its table, strikethrough and autolink extensions) and
 * wrapped in a standalone UTF-8 page with a small style sheet.  No
 * scripts and nothing fetched from elsewhere, so the page works offline
 * and in mail readers.  Record text was escaped when the markdown was
 * written, so raw HTML in the page comes only from the digest's own
 * layout (the <details> blocks).
 */
#ifndef RENDER_HTML_H
#define RENDER_HTML_H

#include <stddef.h>

struct buf;
struct render_doc;

/* The HTML digest (render_format writer). */
int	render_html_write(struct buf *out, const struct render_doc *,
	    char *err, size_t errlen);

/*
 * Convert markdown (n bytes) to an HTML fragment appended to out; -1
 * with err.  Raw HTML in md is kept: callers pass only escaped text.
 */
int	render_html_fragment(struct buf *out, const char *md, size_t n,
	    char *err, size_t errlen);

#endif
