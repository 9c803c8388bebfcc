#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "buf.h"
#include "errmsg.h"
#include "jscan.h"
#include "jsonc.h"
#include "text.h"

struct jsonc_parser {
	json_tokener	*tok;
	json_tokener	*mtok;		/* one member at a time (too deep) */
	struct jscan	 js, sub;
	struct buf	 key;
};

/* The root's userdata: what jsonc_record_flags() says. */
static const char flag_marks[4];

struct jsonc_parser *
jsonc_parser_new(void)
{
	return calloc(1, sizeof(struct jsonc_parser));
}

/*
 * The tokenizers, made by the first parse: each holds a stack for
 * JSONC_DEPTH levels (tens of KB to clear), which a stage that reads
 * every line with jscan.h never needs.  -1 if no memory.
 */
static int
tokenizers(struct jsonc_parser *p)
{
	if (p->tok != NULL)
		return 0;
	if ((p->mtok == NULL &&
	    (p->mtok = json_tokener_new_ex(JSONC_DEPTH)) == NULL) ||
	    (p->tok = json_tokener_new_ex(JSONC_DEPTH)) == NULL)
		return -1;
	json_tokener_set_flags(p->tok,
	    JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	json_tokener_set_flags(p->mtok,
	    JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	return 0;
}

void
jsonc_parser_free(struct jsonc_parser *p)
{
	if (p == NULL)
		return;
	if (p->tok)
		json_tokener_free(p->tok);
	if (p->mtok)
		json_tokener_free(p->mtok);
	jscan_free(&p->js);
	jscan_free(&p->sub);
	buf_free(&p->key);
	free(p);
}

/*
 * Whether the line may hold what the tree would not write back as
 * written: an integer json-c saturates or rewrites (-0, 19 digits or
 * more), or a surrogate escape.  A quick pass that steps over strings
 * (memchr to their quote), where only a \\u escape can matter: a date
 * like "2026-04-28" in every paper is no "-0".  The line is strict JSON
 * (the tokenizer is strict), so a quote starts and ends every string.
 * False alarms only cost the walk below.
 */
static void
suspects(const char *s, size_t n, int *numbers, int *surrogates)
{
	const char *p = s, *end = s + n, *q, *b;
	size_t run = 0;

	*numbers = *surrogates = 0;
	while (p < end) {
		if (*p == '"') {
			/* q: the next quote; it ends the string unless escaped. */
			for (p++, q = NULL;; p = b + 2) {
				if ((q == NULL || q < p) && (q = memchr(p, '"',
				    (size_t)(end - p))) == NULL)
					return;
				if ((b = memchr(p, '\\', (size_t)(q - p))) == NULL)
					break;
				if (end - b > 3 && b[1] == 'u' && (b[2] == 'd' ||
				    b[2] == 'D') && b[3] != '\0' &&
				    strchr("89abcdefABCDEF", b[3]) != NULL)
					*surrogates = 1;
				if (end - b < 2)
					return;
			}
			p = q + 1;
			run = 0;
			continue;
		}
		if (*p >= '0' && *p <= '9') {
			if (++run >= 19)
				*numbers = 1;
		} else {
			run = 0;
			if (*p == '-' && p + 1 < end && p[1] == '0')
				*numbers = 1;
		}
		p++;
	}
}

static void
skip_ws(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t' || **p == '\n' ||
	    **p == '\r'))
		(*p)++;
}

/* Past a string at *p (on its quote); the text was validated. */
static void
skip_string(const char **p, const char *end)
{
	const char *q = *p + 1;

	while (q < end && *q != '"')
		q += *q == '\\' ? 2 : 1;
	*p = q + 1;
}

/*
 * Walk the text of a value (validated by json-c) beside its node o (NULL:
 * nothing to fix there), and give every integer json-c would write
 * otherwise (-0, past 64 bits) a serializer that writes it as it was
 * read.  Members are walked in order, so with duplicate keys the last
 * one, whose value the tree holds, has the last word.
 */
/* A key as written (n bytes, no quotes) decoded into key; -1: no memory. */
static int
key_of(const char *k, size_t n, struct buf *key)
{
	buf_reset(key);
	return jscan_decode(k, n, key) == -1 ? -1 : 0;
}

static void
keep_numbers(const char **p, const char *end, struct json_object *o,
    struct buf *key)
{
	struct json_object *child;
	const char *k, *start;
	size_t i;
	char *txt;

	skip_ws(p, end);
	if (*p >= end)
		return;
	switch (**p) {
	case '{':
		(*p)++;
		for (;;) {
			skip_ws(p, end);
			if (*p >= end || **p == '}')
				break;
			k = *p + 1;
			skip_string(p, end);
			child = NULL;
			if (key_of(k, (size_t)(*p - 1 - k), key) == 0 &&
			    json_object_is_type(o, json_type_object))
				json_object_object_get_ex(o, buf_str(key),
				    &child);
			skip_ws(p, end);
			(*p)++;		/* : */
			keep_numbers(p, end, child, key);
			skip_ws(p, end);
			if (*p < end && **p == ',')
				(*p)++;
		}
		(*p)++;
		return;
	case '[':
		(*p)++;
		for (i = 0;; i++) {
			skip_ws(p, end);
			if (*p >= end || **p == ']')
				break;
			child = json_object_is_type(o, json_type_array) &&
			    i < json_object_array_length(o) ?
			    json_object_array_get_idx(o, i) : NULL;
			keep_numbers(p, end, child, key);
			skip_ws(p, end);
			if (*p < end && **p == ',')
				(*p)++;
		}
		(*p)++;
		return;
	case '"':
		skip_string(p, end);
		return;
	case 't': case 'n':
		*p += 4;
		return;
	case 'f':
		*p += 5;
		return;
	default:
		break;
	}
	start = *p;
	while (*p < end && strchr("+-0123456789.eE", **p) != NULL && **p)
		(*p)++;
	if (!json_object_is_type(o, json_type_int))
		return;
	if ((size_t)(*p - start) < 19 && !(start[0] == '-' && start[1] == '0')) {
		if (json_object_get_userdata(o) != NULL)
			json_object_set_serializer(o, NULL, NULL, NULL);
		return;
	}
	if ((txt = strndup(start, (size_t)(*p - start))) != NULL)
		json_object_set_serializer(o,
		    json_object_userdata_to_json_string, txt,
		    json_object_free_userdata);
}

/* A node that writes the bytes s (n) as they are; NULL if no memory. */
static struct json_object *
verbatim(struct json_object *o, const char *s, size_t n)
{
	char *txt;

	if (o == NULL || (txt = strndup(s, n)) == NULL) {
		json_object_put(o);
		return NULL;
	}
	json_object_set_serializer(o, json_object_userdata_to_json_string,
	    txt, json_object_free_userdata);
	return o;
}

/* The text of a scanned member's value. */
static void
member_value(const struct jscan_member *m, const char **s, size_t *n)
{
	*s = m->type == JSCAN_STRING ? m->val - 1 : m->val;
	*n = (size_t)(m->end - *s);
}

/*
 * A value too deep for the tree: an object keeps its members that fit
 * (level 1: one more level of the same), anything else becomes a
 * stand-in of the same type that writes the original bytes (an array
 * holds one null, so it is never taken for an array of strings).
 */
static struct json_object *
deep_value(struct jsonc_parser *p, const char *s, size_t n, int level);

static struct json_object *
members_of(struct jsonc_parser *p, struct jscan *js, const char *s, size_t n,
    int level)
{
	struct json_object *o, *v;
	const char *k, *vs;
	size_t i, kl, vn;

	if ((o = json_object_new_object()) == NULL)
		return NULL;
	for (i = 0; i < js->n; i++) {
		member_value(&js->m[i], &vs, &vn);
		json_tokener_reset(p->mtok);
		if ((v = json_tokener_parse_ex(p->mtok, vs, (int)vn)) != NULL)
			keep_numbers(&vs, vs + vn, v, &p->key);
		else if ((v = deep_value(p, vs, vn, level + 1)) == NULL)
			goto fail;
		if (jscan_key(&js->m[i], &p->key, &k, &kl) == -1 ||
		    (k != p->key.data && (buf_reset(&p->key),
		    buf_add(&p->key, k, kl)) == -1)) {
			json_object_put(v);
			goto fail;
		}
		if (json_object_object_add_ex(o, buf_str(&p->key), v, 0) != 0) {
			json_object_put(v);
			goto fail;
		}
	}
	return verbatim(o, s, n);
fail:
	json_object_put(o);
	return NULL;
}

static struct json_object *
deep_value(struct jsonc_parser *p, const char *s, size_t n, int level)
{
	struct json_object *a;

	if (*s == '{' && level < 2 && jscan_object(&p->sub, s, n) == 0)
		return members_of(p, &p->sub, s, n, level);
	if (*s == '{')
		return verbatim(json_object_new_object(), s, n);
	if ((a = json_object_new_array()) == NULL ||
	    json_object_array_add(a, NULL) != 0) {
		json_object_put(a);
		return NULL;
	}
	return verbatim(a, s, n);
}

/*
 * A record nested deeper than JSONC_DEPTH: its top-level members as a
 * tree, those too deep as stand-ins (deep_value()), so that a stage can
 * tell its kind and pass it through, and refuses it only for a field it
 * reads.  NULL if it is not a valid object (or no memory).
 */
static struct json_object *
shallow_record(struct jsonc_parser *p, const char *line, size_t len)
{
	struct json_object *o;

	if (jscan_object(&p->js, line, len) == -1)
		return NULL;
	if ((o = members_of(p, &p->js, line, len, 0)) != NULL)
		json_object_set_serializer(o, NULL, NULL, NULL);
	return o;
}

int
jsonc_parse_record(struct jsonc_parser *p, const char *line, size_t len,
    struct json_object **obj, char *err, size_t errlen)
{
	struct json_object *o, *kind;
	enum json_tokener_error jerr;
	const char *q;
	size_t off;
	int numbers, surrogates;

	*obj = NULL;
	if (tokenizers(p) == -1) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	json_tokener_reset(p->tok);
	if (len > INT32_MAX) {
		errmsg_set(err, errlen, "record too long");
		return -1;
	}
	o = json_tokener_parse_ex(p->tok, line, (int)len);
	jerr = json_tokener_get_error(p->tok);
	off = json_tokener_get_parse_end(p->tok);
	if (o == NULL && jerr == json_tokener_error_depth &&
	    (o = shallow_record(p, line, len)) != NULL)
		off = len;
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
	if (!text_blank(line + off, len - off)) {
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
	suspects(line, len, &numbers, &surrogates);
	if (numbers && jerr == json_tokener_success) {
		q = line;
		keep_numbers(&q, line + len, o, &p->key);
	}
	if (surrogates && jscan_object(&p->js, line, len) == 0 &&
	    p->js.lone != NULL)
		json_object_set_userdata(o,
		    (void *)(uintptr_t)&flag_marks[JSONC_F_REPAIRED], NULL);
	*obj = o;
	return 0;
}

unsigned
jsonc_record_flags(struct json_object *o)
{
	const char *u = json_object_get_userdata(o);

	if (u < flag_marks || u >= flag_marks + sizeof(flag_marks))
		return 0;
	return (unsigned)(u - flag_marks);
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

/*
 * The runs between the bytes json-c escapes (with NOSLASHESCAPE: '"',
 * '\\' and control bytes) are found as the scanner finds a string's end:
 * parse spends much of its output time here (bench/parse.sh).
 */
int
jsonc_escape(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *run, *end = p + n;
	char esc[7];
	int rc = buf_addc(b, '"'), high = 0;

	while (p < end && rc == 0) {
		run = p;
		p = (const unsigned char *)jscan_plain_run((const char *)p,
		    (const char *)end, &high);
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

int
jsonc_each(struct json_object *o, struct jsonc_iter *it, const char **key,
    struct json_object **val)
{
	const struct lh_entry *e;

	if (!it->started) {
		it->started = 1;
		it->next = json_object_is_type(o, json_type_object) ?
		    json_object_get_object(o)->head : NULL;
	}
	if ((e = it->next) == NULL)
		return 0;
	*key = (const char *)lh_entry_k(e);
	*val = (struct json_object *)lh_entry_v(e);
	it->next = e->next;
	return 1;
}
