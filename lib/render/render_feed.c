#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "date.h"
#include "errmsg.h"
#include "record.h"
#include "render.h"
#include "render_feed.h"
#include "render_html.h"

#define HOME	"https://arxiv.org/"

/* Escape s; with line set, a line break or tab becomes a space. */
static int
escape(struct buf *b, const char *s, int line)
{
	size_t k;
	int rc;

	for (; *s; s++) {
		if ((k = render_junk(s, RENDER_NUL)) > 0) {
			if (line && *s == '\r' && buf_addc(b, ' ') == -1)
				return -1;
			s += k - 1;
			continue;
		}
		if (line && (*s == '\n' || *s == '\t')) {
			if (buf_addc(b, ' ') == -1)
				return -1;
			continue;
		}
		switch (*s) {
		case '&': rc = buf_adds(b, "&amp;"); break;
		case '<': rc = buf_adds(b, "&lt;"); break;
		case '>': rc = buf_adds(b, "&gt;"); break;
		case '"': rc = buf_adds(b, "&quot;"); break;
		case '\'': rc = buf_adds(b, "&apos;"); break;
		default: rc = buf_addc(b, *s); break;
		}
		if (rc == -1)
			return -1;
	}
	return 0;
}

int
render_xml_escape(struct buf *b, const char *s)
{
	return escape(b, s, 0);
}

void
render_rfc822(time_t t, char *buf, size_t len)
{
	static const char days[][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char months[][4] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL) {
		snprintf(buf, len, "Thu, 01 Jan 1970 00:00:00 +0000");
		return;
	}
	snprintf(buf, len, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int
x(struct buf *b, const char *s)
{
	return render_xml_escape(b, s);
}

/*
 * <tag>text</tag>\n with text escaped; nothing when text is NULL.  All
 * but the HTML bodies are one line: a title or a name with a line break
 * in it is shown on one line.
 */
static int
elem(struct buf *b, const char *tag, const char *text)
{
	int line = strcmp(tag, "description") != 0 &&
	    strcmp(tag, "content:encoded") != 0;

	if (text == NULL)
		return 0;
	return buf_addf(b, "<%s>", tag) == -1 || escape(b, text, line) == -1 ||
	    buf_addf(b, "</%s>\n", tag) == -1 ? -1 : 0;
}

/* The paper's HTML (render_html_paper) into *html. */
static int
item_html(struct buf *html, const struct paper *p, char *err,
    size_t errlen)
{
	buf_reset(html);
	return render_html_paper(html, p, 0, err, errlen);
}

/* "A, B, C": the authors in one string, into b. */
static int
authors(struct buf *b, const struct paper *p)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < p->authors.n; i++)
		if ((i > 0 && buf_adds(b, ", ") == -1) ||
		    buf_adds(b, p->authors.v[i]) == -1)
			return -1;
	return 0;
}

/* The time of an RFC 3339 string, or -1 when s is NULL or not a date. */
static int
when(const char *s, time_t *t)
{
	return s == NULL ? -1 : date_parse(s, t);
}

int
render_rss_write(struct buf *b, const struct render_doc *d, char *err,
    size_t errlen)
{
	const struct paper *p;
	struct buf html = {0}, tmp = {0}, title = {0};
	char date[64];
	size_t i, j, shown = render_doc_shown(d);
	time_t t;
	int rc = -1;

	render_rfc822(d->now, date, sizeof(date));
	if (render_doc_title(d, &title) == -1 ||
	    buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rss version=\"2.0\" "
	    "xmlns:atom=\"http://www.w3.org/2005/Atom\" "
	    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "<channel>\n") == -1 ||
	    elem(b, "title", buf_str(&title)) == -1 ||
	    elem(b, "link", d->base_url ? d->base_url : HOME) == -1 ||
	    elem(b, "description", "Relevant papers from arXiv, selected "
	    "and ranked by the configured criteria.") == -1 ||
	    (d->base_url && (buf_adds(b, "<atom:link href=\"") == -1 ||
	    x(b, d->base_url) == -1 || buf_adds(b, "\" rel=\"self\" "
	    "type=\"application/rss+xml\"/>\n") == -1)) ||
	    elem(b, "language", "en") == -1 ||
	    elem(b, "lastBuildDate", date) == -1 ||
	    elem(b, "generator", "arxivpipe") == -1 ||
	    (d->ttl > 0 && buf_addf(b, "<ttl>%ld</ttl>\n", d->ttl) == -1))
		goto nomem;
	for (i = 0; i < shown; i++) {
		p = &d->papers[i];
		if (item_html(&html, p, err, errlen) == -1)
			goto out;
		if (buf_adds(b, "<item>\n") == -1 ||
		    elem(b, "title", p->title ? p->title : "(no title)") == -1 ||
		    elem(b, "link", p->link_abs) == -1 ||
		    (p->arxiv_id && (buf_adds(b, "<guid isPermaLink=\"false\">")
		    == -1 || x(b, p->arxiv_id) == -1 ||
		    buf_adds(b, "</guid>\n") == -1)))
			goto nomem;
		if (when(p->published, &t) == 0) {
			render_rfc822(t, date, sizeof(date));
			if (elem(b, "pubDate", date) == -1)
				goto nomem;
		}
		if (p->authors.n > 0 && (authors(&tmp, p) == -1 ||
		    elem(b, "dc:creator", buf_str(&tmp)) == -1))
			goto nomem;
		if (p->primary_category && elem(b, "category", p->primary_category) == -1)
			goto nomem;
		for (j = 0; j < p->categories.n; j++)
			if ((p->primary_category == NULL ||
			    strcmp(p->categories.v[j], p->primary_category) != 0) &&
			    elem(b, "category", p->categories.v[j]) == -1)
				goto nomem;
		if (elem(b, "description", buf_str(&html)) == -1 ||
		    elem(b, "content:encoded", buf_str(&html)) == -1 ||
		    buf_adds(b, "</item>\n") == -1)
			goto nomem;
	}
	if (buf_adds(b, "</channel>\n</rss>\n") == -1)
		goto nomem;
	rc = 0;
	goto out;
nomem:
	errmsg_set(err, errlen, "out of memory");
out:
	buf_free(&html);
	buf_free(&tmp);
	buf_free(&title);
	return rc;
}

/* <tag>RFC 3339 time</tag>\n */
static int
atom_date(struct buf *b, const char *tag, time_t t)
{
	char date[DATE_LEN];

	date_format(t, date, sizeof(date));
	return elem(b, tag, date);
}

int
render_atom_write(struct buf *b, const struct render_doc *d, char *err,
    size_t errlen)
{
	const struct paper *p;
	struct buf html = {0}, title = {0};
	size_t i, j, shown = render_doc_shown(d);
	time_t pub, upd;
	int rc = -1;

	if (render_doc_title(d, &title) == -1 ||
	    buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n") == -1 ||
	    elem(b, "title", buf_str(&title)) == -1 ||
	    elem(b, "subtitle", "Relevant papers from arXiv, selected and "
	    "ranked by the configured criteria.") == -1)
		goto nomem;
	if (d->base_url != NULL) {
		if (elem(b, "id", d->base_url) == -1 ||
		    buf_adds(b, "<link rel=\"self\" type=\"application/atom+xml\" "
		    "href=\"") == -1 || x(b, d->base_url) == -1 ||
		    buf_adds(b, "\"/>\n") == -1)
			goto nomem;
	} else if (buf_adds(b, "<id>urn:arxivpipe:feed:") == -1 ||
	    x(b, d->category ? d->category : "all") == -1 ||
	    buf_adds(b, "</id>\n") == -1)
		goto nomem;
	if (buf_adds(b, "<link rel=\"alternate\" type=\"text/html\" href=\""
	    HOME "\"/>\n") == -1 ||
	    atom_date(b, "updated", d->now) == -1 ||
	    buf_adds(b, "<author><name>arxivpipe</name></author>\n"
	    "<generator>arxivpipe</generator>\n") == -1)
		goto nomem;
	for (i = 0; i < shown; i++) {
		p = &d->papers[i];
		if (item_html(&html, p, err, errlen) == -1)
			goto out;
		if (when(p->published, &pub) == -1)
			pub = -1;
		if (when(p->updated, &upd) == -1 || (pub != -1 && upd < pub))
			upd = pub != -1 ? pub : d->now;
		if (buf_adds(b, "<entry>\n") == -1 ||
		    elem(b, "title", p->title ? p->title : "(no title)") == -1 ||
		    buf_adds(b, "<id>") == -1 ||
		    buf_adds(b, "https://arxiv.org/abs/") == -1 ||
		    x(b, p->arxiv_id ? p->arxiv_id : "") == -1 ||
		    buf_adds(b, "</id>\n") == -1 ||
		    (p->link_abs && (buf_adds(b, "<link rel=\"alternate\" "
		    "type=\"text/html\" href=\"") == -1 ||
		    x(b, p->link_abs) == -1 || buf_adds(b, "\"/>\n") == -1)) ||
		    (pub != -1 && atom_date(b, "published", pub) == -1) ||
		    atom_date(b, "updated", upd) == -1)
			goto nomem;
		for (j = 0; j < p->authors.n; j++)
			if (buf_adds(b, "<author>") == -1 ||
			    elem(b, "name", p->authors.v[j]) == -1 ||
			    buf_adds(b, "</author>\n") == -1)
				goto nomem;
		if (p->primary_category && (buf_adds(b, "<category term=\"") == -1 ||
		    escape(b, p->primary_category, 1) == -1 ||
		    buf_adds(b, "\"/>\n") == -1))
			goto nomem;
		for (j = 0; j < p->categories.n; j++)
			if ((p->primary_category == NULL ||
			    strcmp(p->categories.v[j], p->primary_category) != 0) &&
			    (buf_adds(b, "<category term=\"") == -1 ||
			    escape(b, p->categories.v[j], 1) == -1 ||
			    buf_adds(b, "\"/>\n") == -1))
				goto nomem;
		if (buf_adds(b, "<content type=\"html\">") == -1 ||
		    x(b, buf_str(&html)) == -1 ||
		    buf_adds(b, "</content>\n</entry>\n") == -1)
			goto nomem;
	}
	if (buf_adds(b, "</feed>\n") == -1)
		goto nomem;
	rc = 0;
	goto out;
nomem:
	errmsg_set(err, errlen, "out of memory");
out:
	buf_free(&html);
	buf_free(&title);
	return rc;
}
