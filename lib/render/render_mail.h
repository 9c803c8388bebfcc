/*
 * The digest as an e-mail message (RFC 5322, MIME), ready for
 * "sendmail -t" or "curl --mail-rcpt ... --upload-file".
 *
 * multipart/alternative with a text/plain part (the markdown digest) and
 * a text/html part (the page without its script), both UTF-8 and
 * base64, lines ended by CRLF.  Headers are From, To, Subject, Date,
 * MIME-Version and Content-Type; a header value that is not plain
 * printable ASCII is written as RFC 2047 encoded words, so no text from
 * a record, the title or the subject can start a header of its own, and
 * addresses with a line break or a control character are refused.
 */
#ifndef RENDER_MAIL_H
#define RENDER_MAIL_H

#include <stddef.h>

struct buf;
struct render_doc;

#define RENDER_MAIL_FROM	"arxivpipe <arxivpipe@localhost>"

/*
 * Check an address header value (--from, --to): -1 with err if it holds
 * a control character or is empty.
 */
int	render_mail_check(const char *what, const char *value, char *err,
	    size_t errlen);

/* Append s as an RFC 2047 header value (encoded words if needed). */
int	render_mail_header(struct buf *out, const char *name, const char *s);

/* The e-mail writer (render_format). */
int	render_mail_write(struct buf *out, const struct render_doc *,
	    char *err, size_t errlen);

#endif
