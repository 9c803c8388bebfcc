/*
 * Base64 (RFC 4648, the standard alphabet, padded): how bytes that are
 * not UTF-8 travel in a record ("body_base64" of a response) and in an
 * e-mail body.  One encoder and one decoder for the whole tree.
 */
#ifndef BASE64_H
#define BASE64_H

#include <stddef.h>

#include "buf.h"

/* Append the base64 of n bytes at s to b, on one line; -1 (see buf.h). */
int	base64_encode(struct buf *b, const void *s, size_t n) BUF_MUST_USE;

/*
 * Append the bytes that the base64 text s (n bytes) stands for to b;
 * white space and padding are skipped.  -1 on a byte that is not base64,
 * or past b's cap.
 */
int	base64_decode(struct buf *b, const char *s, size_t n) BUF_MUST_USE;

#endif
