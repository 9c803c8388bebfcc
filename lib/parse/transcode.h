/*
 * Documents that are not UTF-8, converted to UTF-8 with iconv(3): the one
 * converter of feeds (xml.c, a slice at a time) and HTML pages (htmlenc.c,
 * whole).  A sequence the encoding cannot hold, or one the end of the
 * document cuts short, becomes U+FFFD, one per code unit, and the
 * conversion goes on: nothing after a bad byte is lost.
 */
#ifndef TRANSCODE_H
#define TRANSCODE_H

#include <stddef.h>

struct buf;
struct transcode;

/*
 * A converter from the encoding iconv(3) calls name; NULL with err set
 * ("unsupported encoding: NAME", or "out of memory").
 */
struct transcode *transcode_open(const char *name, char *err,
	    size_t errlen);

/*
 * Append the UTF-8 of len more bytes to out.  Unless last, a sequence
 * that the end of these bytes cuts short waits for the next call.  *nbad
 * grows by the bytes replaced with U+FFFD.  0, or -1 when out of memory
 * or past out->max (errno ENOMEM or EFBIG, as buf_grow() leaves it).
 */
int	transcode_push(struct transcode *, const char *data, size_t len,
	    int last, struct buf *out, size_t *nbad);

void	transcode_close(struct transcode *);

#endif
