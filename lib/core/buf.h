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

struct buf {
	char	*data;		/* NUL-terminated once anything was added */
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* 0: unlimited */
};

int	buf_add(struct buf *, const char *, size_t);
int	buf_adds(struct buf *, const char *);
int	buf_addc(struct buf *, char);
int	buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Make room for n more bytes; -1 past the cap or on allocation failure. */
int	buf_grow(struct buf *, size_t n);
/* Empty the buffer but keep its memory. */
void	buf_reset(struct buf *);
/* Hand the contents to the caller (who frees them); the buffer is empty. */
char	*buf_take(struct buf *);
void	buf_free(struct buf *);
/* The contents as a string: "" for a buffer that never held anything. */
const char *buf_str(const struct buf *);

#endif
