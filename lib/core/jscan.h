/*
 * A one-pass scan of a JSON object on one line, without building a tree:
 * it validates the line (strict RFC 8259, valid UTF-8), notes where each
 * top-level member is, and tells whether json-c would write the line back
 * byte for byte (no white space, json-c's string escapes and integer
 * forms, no duplicate keys).  Scoring reads the few members it needs from
 * the spans and splices its fields into lines that are canonical, which
 * is what lets it skip decoding and re-serializing most records.
 *
 * Ownership: spans point into the caller's line and are valid while it
 * is; the scanner allocates nothing.
 */
#ifndef JSCAN_H
#define JSCAN_H

#include <stddef.h>

struct buf;

#define JSCAN_MEMBERS	64	/* more top-level members: not scanned */

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
	int		 escaped;	/* a string with a backslash escape */
	const char	*start;		/* the member: "key":value */
	const char	*end;
};

struct jscan {
	struct jscan_member	 m[JSCAN_MEMBERS];
	size_t			 n;
	int			 canonical;
};

/*
 * Scan line (len bytes) as one JSON object.  Returns 0 if it is one (see
 * s->canonical), -1 if it is not valid JSON or not an object, or holds
 * what the scanner leaves to json-c (too deep, too many members, a
 * \u0000 escape): the caller then parses the line with json-c, which has
 * the last word and the exact error message.
 */
int	jscan_object(struct jscan *s, const char *line, size_t len);

/* The top-level member named key, or NULL. */
const struct jscan_member *jscan_get(const struct jscan *, const char *key);

/*
 * A string member's text: *out points at it (into the line when it has no
 * escape, else decoded into scratch, which is reset first).  -1 if the
 * member is not a string or out of memory.
 */
int	jscan_string(const struct jscan_member *, struct buf *scratch,
	    const char **out, size_t *len);

/*
 * Append an array of strings to out, each followed by a NUL byte, and set
 * *n to their number; -1 if the member is not an array of strings.
 */
int	jscan_strings(const struct jscan_member *, struct buf *out, size_t *n);

/* 1 if the member is an array whose elements are all strings, else 0. */
int	jscan_is_strings(const struct jscan_member *);

#endif
