/*
 * Feeds: RSS 2.0 and Atom (RFC 4287), as static files.
 *
 * A channel or feed carries the title, a link, a self link (atom:link
 * rel="self", only with a base URL), the build time and, for RSS, ttl.
 * Each paper is an item with a stable id (RSS guid: the arXiv id with
 * version, isPermaLink="false"; Atom id: its abs URL with version),
 * title, link, date, authors, categories, and the paper as HTML
 * (render_html_paper(), no <details>, which readers strip): in RSS both
 * in description and in content:encoded, in Atom as content.
 *
 * The XML is well-formed whatever the records hold: text is escaped
 * (& < > " and ' as entities, so no "]]>" can appear and no CDATA is
 * used) and the characters XML 1.0 forbids are left out (render_junk).
 */
#ifndef RENDER_FEED_H
#define RENDER_FEED_H

#include <stddef.h>
#include <time.h>

struct buf;
struct render_doc;

#define RENDER_TTL	60	/* minutes: how long readers may cache */

/* Append s escaped for XML text and attributes; -1 when out of memory. */
int	render_xml_escape(struct buf *, const char *s);

/* t as RFC 822 ("Tue, 23 Dec 2025 05:59:15 +0000"), into buf (32 bytes). */
void	render_rfc822(time_t t, char *buf, size_t len);

/* The RSS 2.0 and Atom writers (render_format). */
int	render_rss_write(struct buf *out, const struct render_doc *,
	    char *err, size_t errlen);
int	render_atom_write(struct buf *out, const struct render_doc *,
	    char *err, size_t errlen);

#endif
