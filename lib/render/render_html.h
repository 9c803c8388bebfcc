/*
 * HTML from a digest: one paper as an HTML fragment (the body of a feed
 * item, of the e-mail and of the page), and the page itself (-f html).
 *
 * Every string from a record is escaped (render_html_escape); markdown
 * summaries go through render_cmark_html(), which keeps no raw HTML and
 * no link but http, https and mailto.  The page is self-contained: an
 * inline style sheet, no external assets, and one inline script (the
 * filter box) allowed by its hash in a Content-Security-Policy that
 * allows nothing else, so a script that slipped into the markup still
 * would not run.  The page is complete without the script.
 */
#ifndef RENDER_HTML_H
#define RENDER_HTML_H

#include <stddef.h>

struct buf;
struct render_doc;
struct paper;

#define RENDER_HTML_DETAILS	0x1	/* summary in <details> (pages only) */
#define RENDER_HTML_SHORT	0x2	/* abstract cut as in the README */

/* Append paper p as an HTML fragment; -1 with err. */
int	render_html_paper(struct buf *out, const struct paper *p,
	    int flags, char *err, size_t errlen);

/* The page (render_format writer). */
int	render_html_write(struct buf *out, const struct render_doc *,
	    char *err, size_t errlen);

/*
 * The page without its script (for e-mail, where scripts never run), or
 * with it.
 */
int	render_html_page(struct buf *out, const struct render_doc *,
	    int script, char *err, size_t errlen);

/* The filter script, as the page embeds it (its hash is in the CSP). */
extern const char render_html_script[];

#endif
