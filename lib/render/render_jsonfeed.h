/*
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1): version, title,
 * home_page_url, feed_url (with a base URL), description, language and
 * items, each with id (the arXiv id with version), url, title,
 * content_html (render_html_paper()), content_text (the abstract),
 * date_published, date_modified, authors and tags (categories).
 */
#ifndef RENDER_JSONFEED_H
#define RENDER_JSONFEED_H

#include <stddef.h>

struct buf;
struct render_doc;

/* The JSON Feed writer (render_format). */
int	render_jsonfeed_write(struct buf *out, const struct render_doc *,
	    char *err, size_t errlen);

#endif
