#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "errmsg.h"
#include "jsonc.h"

#define CONFIG_MAX	(16 * 1024 * 1024)

/* The line number of byte off in s, for messages. */
static unsigned long
line_of(const char *s, size_t off)
{
	unsigned long line = 1;
	size_t i;

	for (i = 0; i < off && s[i]; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

/*
 * The offset just past the JSON value that starts s (after white space),
 * found by matching brackets outside strings; json-c stops there without
 * saying so, and a config with something after its object is a mistake
 * (a second object pasted in, a stray brace) worth reporting.
 */
static size_t
value_end(const char *s, size_t len)
{
	size_t i = 0, depth = 0;
	int in_string = 0;

	while (i < len && s[i] != '\0' && strchr(" \t\r\n", s[i]) != NULL)
		i++;
	for (; i < len; i++) {
		if (in_string) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_string = 0;
			continue;
		}
		if (s[i] == '"')
			in_string = 1;
		else if (s[i] == '{' || s[i] == '[')
			depth++;
		else if ((s[i] == '}' || s[i] == ']') && --depth == 0)
			return i + 1;
	}
	return len;
}

struct config *
config_load(const char *path, char *err, size_t errlen)
{
	struct buf b = {0};
	struct config *c = NULL;
	struct json_object *root = NULL;
	char chunk[8192], why[256];
	size_t n, off;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	b.max = CONFIG_MAX;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_add(&b, chunk, n) == -1) {
			errmsg_set(err, errlen, "%s: file too large", path);
			goto fail;
		}
	if (ferror(fp)) {
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (jsonc_parse_doc(buf_str(&b), b.len, &root, &off, why,
	    sizeof(why)) == -1) {
		errmsg_set(err, errlen, "%s: line %lu: %s", path,
		    line_of(buf_str(&b), off), why);
		goto fail;
	}
	if (!jsonc_is_object(root)) {
		errmsg_set(err, errlen, "%s: not a JSON object", path);
		goto fail;
	}
	for (off = value_end(buf_str(&b), b.len); off < b.len; off++)
		if (buf_str(&b)[off] == '\0' ||
		    strchr(" \t\r\n", buf_str(&b)[off]) == NULL) {
			errmsg_set(err, errlen, "%s: line %lu: trailing garbage "
			    "after the JSON object", path,
			    line_of(buf_str(&b), off));
			goto fail;
		}
	if ((c = calloc(1, sizeof(*c))) == NULL ||
	    (c->path = strdup(path)) == NULL)
		goto nomem;
	c->root = root;
	buf_free(&b);
	fclose(fp);
	return c;
nomem:
	errmsg_set(err, errlen, "out of memory");
fail:
	if (c)
		free(c->path);
	free(c);
	if (root)
		jsonc_put(root);
	buf_free(&b);
	fclose(fp);
	return NULL;
}

void
config_free(struct config *c)
{
	if (c == NULL)
		return;
	jsonc_put(c->root);
	free(c->path);
	free(c);
}

static int
wrong(const char *key, const char *what, char *err, size_t errlen)
{
	errmsg_set(err, errlen, "%s: expected %s", key, what);
	return -1;
}

/*
 * The value at a dotted key path into *v: 0, 1 when it is absent or
 * null, -1 with err when a block on the way is not an object
 * ("ai_summary": "on" is an error, not an absent ai_summary.enabled).
 */
static int
lookup(const struct config *c, const char *key, struct json_object **v,
    char *err, size_t errlen)
{
	struct json_object *o = c->root;
	char part[128];
	const char *dot, *at = key;
	size_t n;

	for (;;) {
		dot = strchr(at, '.');
		n = dot ? (size_t)(dot - at) : strlen(at);
		if (n >= sizeof(part))
			return 1;
		memcpy(part, at, n);
		part[n] = '\0';
		if ((*v = jsonc_get(o, part)) == NULL)
			return 1;
		if (dot == NULL)
			return 0;
		if (!jsonc_is_object(*v)) {
			snprintf(part, sizeof(part), "%.*s",
			    (int)(dot - key), key);
			return wrong(part, "an object", err, errlen);
		}
		o = *v;
		at = dot + 1;
	}
}

struct json_object *
config_get(const struct config *c, const char *key)
{
	struct json_object *v;
	char err[8];

	return lookup(c, key, &v, err, sizeof(err)) == 0 ? v : NULL;
}

int
config_string(const struct config *c, const char *key, const char **out,
    char *err, size_t errlen)
{
	struct json_object *v;
	int rc;

	if ((rc = lookup(c, key, &v, err, errlen)) != 0)
		return rc;
	if (!jsonc_is_string(v))
		return wrong(key, "a string", err, errlen);
	*out = jsonc_string(v, NULL);
	return 0;
}

int
config_number(const struct config *c, const char *key, double *out,
    char *err, size_t errlen)
{
	struct json_object *v;
	int rc;

	if ((rc = lookup(c, key, &v, err, errlen)) != 0)
		return rc;
	if (!jsonc_is_number(v))
		return wrong(key, "a number", err, errlen);
	*out = jsonc_number(v);
	if (!isfinite(*out))
		return wrong(key, "a finite number", err, errlen);
	return 0;
}

int
config_int(const struct config *c, const char *key, long *out, char *err,
    size_t errlen)
{
	double d;
	int rc;

	if ((rc = config_number(c, key, &d, err, errlen)) != 0)
		return rc;
	if (d != floor(d) || d < -2147483648.0 || d > 2147483647.0)
		return wrong(key, "a whole number", err, errlen);
	*out = (long)d;
	return 0;
}

int
config_bool(const struct config *c, const char *key, int *out, char *err,
    size_t errlen)
{
	struct json_object *v;
	int rc;

	if ((rc = lookup(c, key, &v, err, errlen)) != 0)
		return rc;
	if (!jsonc_is_bool(v))
		return wrong(key, "true or false", err, errlen);
	*out = jsonc_bool(v);
	return 0;
}

/*
 * The string an array element stands for: the element itself, or with
 * objects allowed, its "term"; NULL if it is neither.
 */
static const char *
element_string(struct json_object *e, int objects)
{
	struct json_object *t;

	if (jsonc_is_string(e))
		return jsonc_string(e, NULL);
	if (objects && jsonc_is_object(e) &&
	    jsonc_is_string(t = jsonc_get(e, "term")))
		return jsonc_string(t, NULL);
	return NULL;
}

static int
string_array(const struct config *c, const char *key, int objects,
    const char ***out, size_t *n, char *err, size_t errlen)
{
	struct json_object *v, *e;
	const char *what = objects ? "an array of terms" :
	    "an array of strings";
	const char **a;
	size_t i, len;
	int rc;

	if ((rc = lookup(c, key, &v, err, errlen)) != 0)
		return rc;
	if (!jsonc_is_array(v))
		return wrong(key, what, err, errlen);
	len = jsonc_array_len(v);
	if ((a = calloc(len + 1, sizeof(*a))) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < len; i++) {
		e = jsonc_array_at(v, i);
		if ((a[i] = element_string(e, objects)) == NULL) {
			free(a);
			return wrong(key, what, err, errlen);
		}
	}
	*out = a;
	*n = len;
	return 0;
}

int
config_strings(const struct config *c, const char *key, const char ***out,
    size_t *n, char *err, size_t errlen)
{
	return string_array(c, key, 0, out, n, err, errlen);
}

int
config_terms(const struct config *c, const char *key, const char ***out,
    size_t *n, char *err, size_t errlen)
{
	return string_array(c, key, 1, out, n, err, errlen);
}
