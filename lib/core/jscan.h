/*
 * A one-pass scan of a JSON object on one line, without building a tree:
 * it validates the line (strict RFC 8259, valid UTF-8), notes where each
 * top-level member is, and tells whether json-c would write the line back
 * byte for byte (no white space, json-c's string escapes and integer
 * forms, no duplicate keys, nesting within JSCAN_JSONC_DEPTH).  Stages
 * read the few members they need from the spans and write a record by
 * splicing member bytes (record_splice()), which is what lets them skip
 * decoding and re-serializing most records and keeps every member they do
 * not touch byte for byte, numbers as written.
 *
 * Any valid object scans: nesting has no limit (the scan keeps no C
 * stack per level), nor has the number of members, nor does \u0000.
 *
 * Ownership: spans point into the caller's line and are valid while it
 * is.  The scanner allocates only for an object of more than
 * JSCAN_MEMBERS members or nesting deeper than JSCAN_INLINE_DEPTH;
 * jscan_free() releases that (a zeroed struct jscan needs no other
 * set-up).
 */
#ifndef JSCAN_H
#define JSCAN_H

#include <stddef.h>

struct buf;

#define JSCAN_MEMBERS	64	/* top-level members held without allocating */
#define JSCAN_INLINE_DEPTH 1024	/* nesting tracked without allocating */
#define JSCAN_JSONC_DEPTH 1000	/* jsonc.h's parser depth: deeper is not
				   canonical */

enum jscan_type {
	JSCAN_NULL, JSCAN_FALSE, JSCAN_TRUE, JSCAN_NUMBER, JSCAN_STRING,
	JSCAN_ARRAY, JSCAN_OBJECT
};

struct jscan_member {
	const char	*key;		/* the key's bytes, without quotes */
	size_t		 keylen;
	const char	*val;		/* a string's bytes without quotes; */
	size_t		 vallen;	/* other values as written */
	enum jscan_type	 type;
	int		 escaped;	/* a string value with an escape */
	int		 key_escaped;	/* the key has a backslash escape */
	int		 strings;	/* an array of strings only, or an
					   object of strings and nulls */
	int		 keys_escaped;	/* an object with a key that has an
					   escape */
	const char	*start;		/* the member: "key":value */
	const char	*end;
};

struct jscan {
	struct jscan_member	*m;		/* inl or heap: n members */
	size_t			 n;
	int			 canonical;
	int			 key_escaped;	/* some top-level key is */
	const char		*lone;		/* the first lone surrogate
						   escape ("\\ud800"), or NULL */
	struct jscan_member	 inl[JSCAN_MEMBERS];
	struct jscan_member	*heap;
	size_t			 heapcap;
};

/*
 * Scan line (len bytes) as one JSON object.  Returns 0 if it is one (see
 * s->canonical), -1 if it is not valid JSON or not an object, or out of
 * memory: the caller then parses the line with json-c, which has the
 * last word and the exact error message.
 */
int	jscan_object(struct jscan *s, const char *line, size_t len);
/*
 * The first byte from p on that ends a run of plain string bytes, the
 * bytes a JSON string holds as they are: a '"', a backslash or a control
 * byte; end if none.  *high is set if the run has a byte of 0x80 or more
 * (UTF-8 to check).  The scanner's strings and the JSON layer's escaper
 * (jsonc_escape()) both stop there; sixteen bytes at a time with SSE2.
 */
const char *jscan_plain_run(const char *p, const char *end, int *high);
/* Release what a scan allocated (not s itself). */
void	jscan_free(struct jscan *s);

/*
 * The top-level member named key, or NULL.  With duplicate keys, the
 * last one, as json-c keeps the last value.  A key written with escapes
 * is compared as written (see jscan_key()).
 */
const struct jscan_member *jscan_get(const struct jscan *, const char *key);

/*
 * Append the text of a string as written in JSON (s, n bytes, without its
 * quotes; valid, as a scan found it) to out, escapes decoded: 0, 1 when a
 * lone surrogate was repaired to U+FFFD, -1 when out of memory.
 */
int	jscan_decode(const char *s, size_t n, struct buf *out);

/*
 * A member's key, decoded: *out points into the line, or into scratch
 * (reset first) when the key has escapes.  -1 when out of memory.
 */
int	jscan_key(const struct jscan_member *, struct buf *scratch,
	    const char **out, size_t *len);

/*
 * A string member's text: *out points at it (into the line when it has no
 * escape, else decoded into scratch, which is reset first).  -1 if the
 * member is not a string or out of memory; 1 when a lone surrogate escape
 * was repaired to U+FFFD (as json-c does), else 0.  jscan_strings() says
 * the same.
 */
int	jscan_string(const struct jscan_member *, struct buf *scratch,
	    const char **out, size_t *len);

/*
 * Append an array of strings to out, each followed by a NUL byte, and set
 * *n to their number; -1 if the member is not an array of strings.
 */
int	jscan_strings(const struct jscan_member *, struct buf *out, size_t *n);

/*
 * 1 if the member is an array whose elements are all strings, else 0 (as
 * the scan found it: no second pass over the array).
 */
int	jscan_is_strings(const struct jscan_member *);

#endif
