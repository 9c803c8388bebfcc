/*
 * The character encoding of an HTML page, and the page converted to
 * UTF-8, so that fulltext.c's limits scanner and libxml2's HTML parser
 * only ever read UTF-8 (as xml.h does for feeds).
 *
 * Why the page is converted before libxml2 sees it rather than handed to
 * libxml2 with its encoding (htmlReadMemory()'s argument, or its own
 * switch on a <meta charset>): in libxml2 2.9.14 a byte the encoding
 * cannot map (0x81 in windows-1252, a lone UTF-16 surrogate) ends the
 * document there, so the rest of the page is lost, and libxml2 reports
 * it on stderr itself; a page that declares nothing and is not UTF-8 is
 * read as Latin-1; and a page in UTF-16 would pass the attribute limit's
 * byte scanner unseen.  Here transcode.h converts, with iconv(3) as
 * libxml2 does for all but a few encodings: a byte it cannot map becomes
 * U+FFFD, counted, and the page goes on.
 */
#ifndef HTMLENC_H
#define HTMLENC_H

#include <stddef.h>

struct buf;

/* How far into a page a <meta> declaration is looked for (WHATWG). */
#define HTMLENC_PRESCAN	1024

/*
 * The encoding to read a page of len bytes in, into name (size n), in
 * this order: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) or the zeros
 * of UTF-16 without one; charset, the response's Content-Type (NULL:
 * none); the page's <meta charset="..."> or <meta http-equiv=
 * "Content-Type" content="...; charset=..."> within its first
 * HTMLENC_PRESCAN bytes (comments skipped); else UTF-8.  Labels mean
 * what they mean to a browser (the WHATWG Encoding Standard):
 * iso-8859-1 and us-ascii are windows-1252, utf-16 is UTF-16LE, and a
 * <meta> naming UTF-16 is UTF-8 (it could not be read otherwise).
 * Returns 0 for UTF-8, or 1 with name, iconv(3)'s name for it, and *skip
 * the bytes of a byte-order mark to leave out.
 */
int	htmlenc_detect(const char *doc, size_t len, const char *charset,
	    char *name, size_t n, size_t *skip);

/*
 * Append doc (len bytes in encoding name) converted to UTF-8 to out.  A
 * sequence the encoding cannot hold, or one the end cuts short, becomes
 * U+FFFD, one per code unit; *nbad counts the bytes so replaced.  0, or
 * -1 with err: "unsupported encoding: NAME" when iconv(3) does not know
 * it, "out of memory", or "document too large" past out->max.
 */
int	htmlenc_to_utf8(const char *doc, size_t len, const char *name,
	    struct buf *out, size_t *nbad, char *err, size_t errlen);

#endif
