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
#include <string.h>

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

/* Make room for n more bytes; -1 past the cap or on allocation failure. */
int	buf_grow(struct buf *, size_t n) BUF_MUST_USE;
/* Append bytes, a string, a byte, or printf output; 0, or -1 (see above). */
static inline int buf_add(struct buf *, const char *, size_t) BUF_MUST_USE;
int	buf_adds(struct buf *, const char *) BUF_MUST_USE;
static inline int buf_addc(struct buf *, char) BUF_MUST_USE;
int	buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3))) BUF_MUST_USE;
/* Append the decimal digits of v. */
int	buf_addu(struct buf *, unsigned long long v) BUF_MUST_USE;

/* 1 if n more bytes (and the NUL) fit without growing, within the cap. */
static inline int
buf_fits(const struct buf *b, size_t n)
{
	return n < b->cap - b->len && (b->max == 0 || b->len + n <= b->max);
}

/*
 * Inline: every writer of records appends a few bytes at a time, and the
 * call was a tenth of arxiv-parse's time (bench/parse.sh).
 */
static inline int
buf_add(struct buf *b, const char *s, size_t n)
{
	if (!buf_fits(b, n) && buf_grow(b, n) == -1)
		return -1;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

static inline int
buf_addc(struct buf *b, char c)
{
	if (!buf_fits(b, 1) && buf_grow(b, 1) == -1)
		return -1;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
	return 0;
}
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
