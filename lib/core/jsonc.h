/*
 * The JSON layer: every module that reads JSON goes through here, so
 * that json-c's header is included only by this module and by the few
 * that build records (fetch, parse's builders, summarize).  jscan.h (a
 * one-pass scanner for the fast paths) and paperjson.h (a paper written
 * straight to bytes) sit behind it and share its escaper.
 *
 * Ownership, once for the whole layer (json-c's reference counts):
 *   - jsonc_parse_record() and json-c's json_object_new_*() return a new
 *     reference; whoever receives it releases it with jsonc_put().
 *   - Every other function borrows its arguments and returns borrowed
 *     values: jsonc_get() and friends point into the object and live as
 *     long as it does.  jsonc_ref() takes one more reference to keep.
 *   - Strings from jsonc_string() are NUL-terminated and owned by the
 *     object; jsonc_write()'s result is owned by the object and valid
 *     until it is written or changed again.
 */
#ifndef JSONC_H
#define JSONC_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct json_object;
struct jsonc_parser;

/*
 * How deep a record's tree may nest.  A record nested deeper still parses:
 * its members within the limit are in the tree, and a member nested too
 * deep is a stand-in of its type (an object, or an array holding one
 * null) that writes its original bytes, so a stage tells its kind and
 * passes it through at any depth, and refuses it only for a field it
 * reads (which then has the wrong type).  jscan.h has no limit at all.
 */
#define JSONC_DEPTH	1000

/* A reusable parser for one JSON object per line; NULL if no memory. */
struct jsonc_parser *jsonc_parser_new(void);
void	jsonc_parser_free(struct jsonc_parser *);

/*
 * Parse line (len bytes, nothing but white space after the value) as one
 * JSON object with a string "kind": 0 and a new reference in *obj, or
 * -1 with err ("invalid JSON: unexpected end of input", "not a JSON
 * object", "record has no \"kind\"").
 */
int	jsonc_parse_record(struct jsonc_parser *, const char *line, size_t len,
	    struct json_object **obj, char *err, size_t errlen);

/*
 * What jsonc_parse_record() noticed about the record, for the decoder to
 * report: JSONC_F_REPAIRED, a lone surrogate escape (\ud800) that the
 * tree holds as U+FFFD.  Integers the tree would write otherwise (-0,
 * beyond 64 bits) keep their text when the tree is written.
 */
#define JSONC_F_REPAIRED	0x1
unsigned jsonc_record_flags(struct json_object *);

/*
 * Parse a whole document (a configuration file): 0 and a new reference
 * in *obj, or -1 with err ("invalid JSON: ...") and *off, the byte where
 * the parser stopped.  json-c's default (lenient) mode, as config.json
 * has always been read.
 */
int	jsonc_parse_doc(const char *s, size_t len, struct json_object **obj,
	    size_t *off, char *err, size_t errlen);

/* obj as compact JSON, the way every stage writes it; NULL if no memory. */
const char *jsonc_write(struct json_object *, size_t *len);

/*
 * Append s (n bytes) as a JSON string, escaped exactly as json-c escapes
 * it when it writes (so spliced and serialized records agree byte for
 * byte).  -1 when out of memory or past b's cap.
 */
int	jsonc_escape(struct buf *, const char *s, size_t n);

/* Reference counting. */
struct json_object *jsonc_ref(struct json_object *);
void	jsonc_put(struct json_object *);

/* The member key of an object, or NULL when absent, null or not an object. */
struct json_object *jsonc_get(struct json_object *, const char *key);
/* 1 if the member is present (even null), else 0. */
int	jsonc_has(struct json_object *, const char *key);

/* Type tests; NULL (JSON null) is of no type. */
int	jsonc_is_string(struct json_object *);
int	jsonc_is_number(struct json_object *);	/* integer or double */
int	jsonc_is_int(struct json_object *);
int	jsonc_is_bool(struct json_object *);
int	jsonc_is_array(struct json_object *);
int	jsonc_is_object(struct json_object *);

/* Values; the caller has checked the type. */
const char *jsonc_string(struct json_object *, size_t *len);
double	jsonc_number(struct json_object *);
int64_t	jsonc_int(struct json_object *);
int	jsonc_bool(struct json_object *);
size_t	jsonc_array_len(struct json_object *);
struct json_object *jsonc_array_at(struct json_object *, size_t i);

/* Set key on obj to val (stolen), in place if key is already there. */
void	jsonc_set(struct json_object *obj, const char *key,
	    struct json_object *val);

/* Remove key from obj (nothing if absent). */
void	jsonc_del(struct json_object *obj, const char *key);

/*
 * Walk obj's members in order: it starts zeroed ({0}); each call gives
 * the next member's key and value (NULL for JSON null) and returns 1,
 * then 0 at the end.
 */
struct jsonc_iter {
	const void	*next;
	int		 started;
};
int	jsonc_each(struct json_object *obj, struct jsonc_iter *it,
	    const char **key, struct json_object **val);

/* The string member key, or NULL when absent or not a string. */
const char *jsonc_get_str(struct json_object *, const char *key);

#endif
