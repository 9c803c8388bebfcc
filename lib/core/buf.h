/*
 * Growable byte buffers, always NUL-terminated, with an optional cap.
 *
 * A struct buf is zero-initialised ({0}) to be empty; buf_free() releases
 * it.  Appending past buf.max (0 means no cap) fails with -1 and leaves
 * the buffer as it was, so one oversized input cannot exhaust memory.
 */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>

/*
 * On a function whose result must be looked at: an append that can fail
 * (out of memory, past the cap) and whose failure, ignored, silently
 * loses text.  GCC and clang warn when a caller drops the result.
 */
#if defined(__GNUC__) || defined(__clang__)
#define BUF_MUST_USE	__attribute__((warn_unused_result))
#else
#define BUF_MUST_USE
#endif

struct buf {
	char	*data;		/* NUL-terminated once anything was added */
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* 0: unlimited */
};

/* Append bytes, a string, a byte, or printf output; 0, or -1 (see above). */
int	buf_add(struct buf *, const char *, size_t) BUF_MUST_USE;
int	buf_adds(struct buf *, const char *) BUF_MUST_USE;
int	buf_addc(struct buf *, char) BUF_MUST_USE;
int	buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3))) BUF_MUST_USE;
/* Make room for n more bytes; -1 past the cap or on allocation failure. */
int	buf_grow(struct buf *, size_t n) BUF_MUST_USE;
/* Empty the buffer but keep its memory. */
void	buf_reset(struct buf *);
/*
 * Hand the contents to the caller (who frees them); the buffer is empty.
 * NULL when out of memory (an empty buffer's "" must be allocated).
 */
char	*buf_take(struct buf *) BUF_MUST_USE;
void	buf_free(struct buf *);
/* The contents as a string: "" for a buffer that never held anything. */
const char *buf_str(const struct buf *);

#endif
