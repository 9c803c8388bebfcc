#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base64.h"
#include "buf.h"
#include "errmsg.h"
#include "render.h"
#include "render_feed.h"
#include "render_html.h"
#include "render_mail.h"
#include "render_md.h"

#define BOUNDARY	"=_arxivpipe_alternative"	/* never in base64 */

/* A body in base64, 76 characters a line, CRLF. */
static int
base64_body(struct buf *b, const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i += k) {
		k = n - i < 57 ? n - i : 57;
		if (base64_encode(b, s + i, k) == -1 ||
		    buf_adds(b, "\r\n") == -1)
			return -1;
	}
	return 0;
}

int
render_mail_check(const char *what, const char *v, char *err, size_t errlen)
{
	const unsigned char *s = (const unsigned char *)v;

	if (*s == '\0') {
		errmsg_set(err, errlen, "%s: empty", what);
		return -1;
	}
	for (; *s; s++)
		if (*s < 0x20 || *s == 0x7f) {
			errmsg_set(err, errlen, "%s: a line break or control "
			    "character is not allowed in a header", what);
			return -1;
		}
	return 0;
}

/* s with junk left out and every line break or tab made a space. */
static int
one_line(struct buf *t, const char *s)
{
	size_t k;

	for (; *s; s++) {
		if (*s == '\n' || *s == '\t' || *s == '\r') {
			if (buf_addc(t, ' ') == -1)
				return -1;
		} else if ((k = render_junk(s, RENDER_NUL)) > 0)
			s += k - 1;
		else if (buf_addc(t, *s) == -1)
			return -1;
	}
	return 0;
}

/* Whether s is printable ASCII that fits on a header line. */
static int
plain(const char *s, size_t n)
{
	size_t i;

	if (n > 900)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	/* "=?" would read as an encoded word. */
	return strstr(s, "=?") == NULL;
}

/* s (n bytes) as encoded words, whole UTF-8 characters in each. */
static int
encoded_words(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		k = n - i < 45 ? n - i : 45;
		/* Do not split a character: back up to its first byte. */
		while (i + k < n && k > 1 &&
		    ((unsigned char)s[i + k] & 0xc0) == 0x80)
			k--;
		if ((i > 0 && buf_adds(b, "\r\n ") == -1) ||
		    buf_adds(b, "=?UTF-8?B?") == -1 ||
		    base64_encode(b, s + i, k) == -1 ||
		    buf_adds(b, "?=") == -1)
			return -1;
		i += k;
	}
	return 0;
}

int
render_mail_header(struct buf *b, const char *name, const char *s)
{
	struct buf t = {0};
	int rc;

	rc = one_line(&t, s);
	if (rc == 0)
		rc = buf_addf(b, "%s: ", name);
	if (rc == 0)
		rc = plain(buf_str(&t), t.len) ? buf_add(b, buf_str(&t), t.len) :
		    encoded_words(b, buf_str(&t), t.len);
	if (rc == 0)
		rc = buf_adds(b, "\r\n");
	buf_free(&t);
	return rc;
}

/*
 * An address list: each "Name <addr>" whose name is not ASCII gets the
 * name as encoded words; the addresses themselves must be ASCII.
 */
static int
address_header(struct buf *b, const char *name, const char *v)
{
	const char *p = v, *comma, *lt;
	size_t n;

	if (buf_addf(b, "%s: ", name) == -1)
		return -1;
	while (*p) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		lt = memchr(p, '<', n);
		if (lt != NULL && !plain(p, (size_t)(lt - p))) {
			size_t m = (size_t)(lt - p);

			while (m > 0 && p[m - 1] == ' ')
				m--;
			if (encoded_words(b, p, m) == -1 ||
			    buf_addc(b, ' ') == -1 ||
			    buf_add(b, lt, n - (size_t)(lt - p)) == -1)
				return -1;
		} else if (buf_add(b, p, n) == -1)
			return -1;
		if (comma == NULL)
			break;
		if (buf_adds(b, ",\r\n ") == -1)
			return -1;
		p = comma + 1;
		while (*p == ' ')
			p++;
	}
	return buf_adds(b, "\r\n");
}

/* s with every line ended by CRLF. */
static int
crlf(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\r')
			continue;
		if ((s[i] == '\n' && buf_addc(b, '\r') == -1) ||
		    buf_addc(b, s[i]) == -1)
			return -1;
	}
	return 0;
}

static int
part(struct buf *b, const char *type, const char *body, size_t n)
{
	struct buf t = {0};
	int rc;

	rc = crlf(&t, body, n);
	if (rc == 0)
		rc = buf_addf(b, "--" BOUNDARY "\r\nContent-Type: %s; "
		    "charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
		    type);
	if (rc == 0)
		rc = base64_body(b, buf_str(&t), t.len);
	buf_free(&t);
	return rc;
}

int
render_mail_write(struct buf *b, const struct render_doc *d, char *err,
    size_t errlen)
{
	struct buf text = {0}, html = {0}, subj = {0};
	char date[64], day[16];
	struct tm tm;
	int rc = -1;

	if (render_md_write(&text, d, err, errlen) == -1 ||
	    render_html_page(&html, d, 0, err, errlen) == -1)
		goto out;
	if (d->mail_subject != NULL) {
		if (buf_adds(&subj, d->mail_subject) == -1)
			goto nomem;
	} else {
		if (gmtime_r(&d->now, &tm) == NULL ||
		    strftime(day, sizeof(day), "%Y-%m-%d", &tm) == 0)
			snprintf(day, sizeof(day), "today");
		if (render_doc_title(d, &subj) == -1 ||
		    buf_addf(&subj, " \xe2\x80\x94 %s: %zu paper%s", day,
		    render_doc_shown(d), render_doc_shown(d) == 1 ? "" : "s")
		    == -1)
			goto nomem;
	}
	render_rfc822(d->now, date, sizeof(date));
	if (address_header(b, "From", d->mail_from ? d->mail_from :
	    RENDER_MAIL_FROM) == -1 ||
	    (d->mail_to && address_header(b, "To", d->mail_to) == -1) ||
	    render_mail_header(b, "Subject", buf_str(&subj)) == -1 ||
	    buf_addf(b, "Date: %s\r\n", date) == -1 ||
	    buf_adds(b, "MIME-Version: 1.0\r\n"
	    "Content-Type: multipart/alternative; boundary=\"" BOUNDARY
	    "\"\r\n\r\nThis is a MIME message: a plain text and an HTML "
	    "version of one digest.\r\n\r\n") == -1 ||
	    part(b, "text/plain", buf_str(&text), text.len) == -1 ||
	    buf_adds(b, "\r\n") == -1 ||
	    part(b, "text/html", buf_str(&html), html.len) == -1 ||
	    buf_adds(b, "\r\n--" BOUNDARY "--\r\n") == -1)
		goto nomem;
	rc = 0;
	goto out;
nomem:
	errmsg_set(err, errlen, "out of memory");
out:
	buf_free(&text);
	buf_free(&html);
	buf_free(&subj);
	return rc;
}
