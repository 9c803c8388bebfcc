/*
 * Fuzz the one-pass JSON scanner of arxiv-score against json-c: a line
 * the scanner calls canonical must parse with json-c and be written back
 * by it byte for byte, and every top-level string must decode to what
 * json-c decodes.  Any crash or difference aborts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "buf.h"
#include "jscan.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Whether v is an array of strings only or, with obj, an object of
 * strings and nulls (what jscan_member's strings says).
 */
static int
all_strings(struct json_object *v, int obj)
{
	size_t i;

	if (obj) {
		json_object_object_foreach(v, k, e) {
			(void)k;
			if (e != NULL && !json_object_is_type(e,
			    json_type_string))
				return 0;
		}
		return 1;
	}
	if (!json_object_is_type(v, json_type_array))
		return 0;
	for (i = 0; i < json_object_array_length(v); i++)
		if (!json_object_is_type(json_object_array_get_idx(v, i),
		    json_type_string))
			return 0;
	return 1;
}

/* Whether jscan_strings() reads the strings json-c reads, byte for byte. */
static int
same_strings(const struct jscan_member *m, struct json_object *v,
    struct buf *arr)
{
	struct json_object *e;
	const char *p, *end;
	size_t i, n, len;

	buf_reset(arr);
	if (jscan_strings(m, arr, &n) == -1 ||
	    n != json_object_array_length(v))
		return 0;
	p = arr->data;
	end = arr->data + arr->len;
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(v, i);
		len = (size_t)json_object_get_string_len(e);
		if ((size_t)(end - p) < len + 1 ||
		    memcmp(p, json_object_get_string(e), len) != 0 ||
		    p[len] != '\0')
			return 0;
		p += len + 1;
	}
	return p == end;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct jscan js;
	struct json_object *o, *v;
	json_tokener *tok;
	struct buf b = {0}, arr = {0};
	const char *s, *out;
	char *line, key[256];
	size_t i, n, len;

	if ((line = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(line, data, size);
	if (jscan_object(&js, line, size) == 0 && js.canonical &&
	    size < 0x7fffffff) {
		tok = json_tokener_new_ex(JSCAN_JSONC_DEPTH);
		json_tokener_set_flags(tok,
		    JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
		o = json_tokener_parse_ex(tok, line, (int)size);
		if (o == NULL || json_tokener_get_parse_end(tok) != size)
			abort();
		out = json_object_to_json_string_length(o,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE,
		    &len);
		if (len != size || memcmp(out, line, size) != 0)
			abort();
		for (i = 0; i < js.n; i++) {
			if (js.m[i].key_escaped || js.m[i].keylen >= sizeof(key))
				continue;
			memcpy(key, js.m[i].key, js.m[i].keylen);
			key[js.m[i].keylen] = '\0';
			if (!json_object_object_get_ex(o, key, &v))
				abort();
			if (js.m[i].type == JSCAN_STRING) {
				if (jscan_string(&js.m[i], &b, &s, &n) == -1 ||
				    n != (size_t)json_object_get_string_len(v) ||
				    memcmp(s, json_object_get_string(v), n) != 0)
					abort();
			}
			if (jscan_is_strings(&js.m[i]) != all_strings(v, 0) ||
			    (js.m[i].type == JSCAN_OBJECT &&
			    js.m[i].strings != all_strings(v, 1)))
				abort();
			if (jscan_is_strings(&js.m[i]) &&
			    !same_strings(&js.m[i], v, &arr))
				abort();
		}
		json_object_put(o);
		json_tokener_free(tok);
	}
	jscan_free(&js);
	buf_free(&b);
	buf_free(&arr);
	free(line);
	return 0;
}
