#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "buf.h"
#include "errmsg.h"
#include "jsonc.h"

struct jsonc_parser {
	json_tokener	*tok;
};

struct jsonc_parser *
jsonc_parser_new(void)
{
	struct jsonc_parser *p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	if ((p->tok = json_tokener_new_ex(JSON_TOKENER_DEFAULT_DEPTH)) == NULL) {
		free(p);
		return NULL;
	}
	json_tokener_set_flags(p->tok,
	    JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	return p;
}

void
jsonc_parser_free(struct jsonc_parser *p)
{
	if (p == NULL)
		return;
	json_tokener_free(p->tok);
	free(p);
}

static int
is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

int
jsonc_parse_record(struct jsonc_parser *p, const char *line, size_t len,
    struct json_object **obj, char *err, size_t errlen)
{
	struct json_object *o, *kind;
	enum json_tokener_error jerr;
	size_t off;

	*obj = NULL;
	json_tokener_reset(p->tok);
	if (len > INT32_MAX) {
		errmsg_set(err, errlen, "record too long");
		return -1;
	}
	o = json_tokener_parse_ex(p->tok, line, (int)len);
	jerr = json_tokener_get_error(p->tok);
	if (o == NULL) {
		if (jerr == json_tokener_continue)
			errmsg_set(err, errlen,
			    "invalid JSON: unexpected end of input");
		else
			errmsg_set(err, errlen, "invalid JSON: %s at byte %zu",
			    json_tokener_error_desc(jerr),
			    json_tokener_get_parse_end(p->tok) + 1);
		return -1;
	}
	off = json_tokener_get_parse_end(p->tok);
	if (!is_blank(line + off, len - off)) {
		json_object_put(o);
		errmsg_set(err, errlen,
		    "invalid JSON: unexpected data after the value at byte %zu",
		    off + 1);
		return -1;
	}
	if (!json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		errmsg_set(err, errlen, "not a JSON object");
		return -1;
	}
	if (!json_object_object_get_ex(o, "kind", &kind) ||
	    !json_object_is_type(kind, json_type_string)) {
		json_object_put(o);
		errmsg_set(err, errlen, "record has no \"kind\"");
		return -1;
	}
	*obj = o;
	return 0;
}

int
jsonc_parse_doc(const char *s, size_t len, struct json_object **obj,
    size_t *off, char *err, size_t errlen)
{
	json_tokener *tok;
	enum json_tokener_error je;

	*obj = NULL;
	*off = 0;
	if (len > INT32_MAX) {
		errmsg_set(err, errlen, "document too long");
		return -1;
	}
	if ((tok = json_tokener_new()) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	if ((*obj = json_tokener_parse_ex(tok, s, (int)len)) == NULL) {
		je = json_tokener_get_error(tok);
		*off = json_tokener_get_parse_end(tok);
		errmsg_set(err, errlen, "invalid JSON: %s",
		    je == json_tokener_continue ? "unexpected end of input" :
		    json_tokener_error_desc(je));
	}
	json_tokener_free(tok);
	return *obj ? 0 : -1;
}

const char *
jsonc_write(struct json_object *o, size_t *len)
{
	return json_object_to_json_string_length(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, len);
}

/* Bytes json-c escapes (with JSON_C_TO_STRING_NOSLASHESCAPE). */
static const unsigned char escaped[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

/*
 * Whether none of the 8 bytes in w needs escaping: none under 0x20 (NUL
 * included), none is '"' or '\\'.  Exact, as a whole-word test.
 */
static int
word_plain(uint64_t w)
{
	uint64_t q = w ^ (ONES * '"'), s = w ^ (ONES * '\\');

	return ((((w - ONES * 0x20) & ~w) | ((q - ONES) & ~q) |
	    ((s - ONES) & ~s)) & HIGHS) == 0;
}

/*
 * Eight plain bytes at a time, then byte by byte: parse spends much of
 * its output time here (bench/parse.sh).
 */
int
jsonc_escape(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *run, *end = p + n;
	char esc[7];
	uint64_t w;
	int rc = buf_addc(b, '"');

	while (p < end && rc == 0) {
		run = p;
		while (end - p >= 8) {
			memcpy(&w, p, 8);
			if (!word_plain(w))
				break;
			p += 8;
		}
		for (; p < end && !escaped[*p]; p++)
			;
		if (p > run)
			rc = buf_add(b, (const char *)run, (size_t)(p - run));
		if (p == end || rc)
			break;
		switch (*p) {
		case '\b': rc = buf_add(b, "\\b", 2); break;
		case '\n': rc = buf_add(b, "\\n", 2); break;
		case '\r': rc = buf_add(b, "\\r", 2); break;
		case '\t': rc = buf_add(b, "\\t", 2); break;
		case '\f': rc = buf_add(b, "\\f", 2); break;
		case '"': rc = buf_add(b, "\\\"", 2); break;
		case '\\': rc = buf_add(b, "\\\\", 2); break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 0xf];
			rc = buf_add(b, esc, 6);
			break;
		}
		p++;
	}
	return rc ? rc : buf_addc(b, '"');
}

struct json_object *
jsonc_ref(struct json_object *o)
{
	return json_object_get(o);
}

void
jsonc_put(struct json_object *o)
{
	json_object_put(o);
}

struct json_object *
jsonc_get(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

int
jsonc_has(struct json_object *o, const char *key)
{
	return json_object_is_type(o, json_type_object) &&
	    json_object_object_get_ex(o, key, NULL);
}

int
jsonc_is_string(struct json_object *o)
{
	return o != NULL && json_object_is_type(o, json_type_string);
}

int
jsonc_is_number(struct json_object *o)
{
	return o != NULL && (json_object_is_type(o, json_type_int) ||
	    json_object_is_type(o, json_type_double));
}

int
jsonc_is_int(struct json_object *o)
{
	return o != NULL && json_object_is_type(o, json_type_int);
}

int
jsonc_is_bool(struct json_object *o)
{
	return o != NULL && json_object_is_type(o, json_type_boolean);
}

int
jsonc_is_array(struct json_object *o)
{
	return o != NULL && json_object_is_type(o, json_type_array);
}

int
jsonc_is_object(struct json_object *o)
{
	return o != NULL && json_object_is_type(o, json_type_object);
}

const char *
jsonc_string(struct json_object *o, size_t *len)
{
	if (len)
		*len = (size_t)json_object_get_string_len(o);
	return json_object_get_string(o);
}

double
jsonc_number(struct json_object *o)
{
	return json_object_get_double(o);
}

int64_t
jsonc_int(struct json_object *o)
{
	return json_object_get_int64(o);
}

int
jsonc_bool(struct json_object *o)
{
	return json_object_get_boolean(o);
}

size_t
jsonc_array_len(struct json_object *o)
{
	return json_object_array_length(o);
}

struct json_object *
jsonc_array_at(struct json_object *o, size_t i)
{
	return json_object_array_get_idx(o, i);
}

const char *
jsonc_get_str(struct json_object *o, const char *key)
{
	struct json_object *v = jsonc_get(o, key);

	return jsonc_is_string(v) ? json_object_get_string(v) : NULL;
}

void
jsonc_set(struct json_object *o, const char *key, struct json_object *val)
{
	/*
	 * json-c keeps insertion order and json_object_object_add() replaces
	 * a present key's value in place, so the record's field order stays.
	 */
	json_object_object_add(o, key, val);
}

void
jsonc_del(struct json_object *o, const char *key)
{
	json_object_object_del(o, key);
}
