#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json.h>

#include "atomic.h"
#include "buf.h"
#include "cache.h"
#include "errmsg.h"
#include "jsonc.h"
#include "sumcache.h"

struct sumcache {
	char	*dir;		/* <dir>/summary */
};

struct sumcache *
sumcache_open(const char *dir, char *err, size_t errlen)
{
	struct sumcache *c;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	if ((c->dir = cache_subdir(dir, "summary", err, errlen)) == NULL) {
		free(c);
		return NULL;
	}
	return c;
}

void
sumcache_close(struct sumcache *c)
{
	if (c == NULL)
		return;
	free(c->dir);
	free(c);
}

void
sumcache_entry_clear(struct sumcache_entry *e)
{
	if (e == NULL)
		return;
	free(e->text);
	memset(e, 0, sizeof(*e));
}

/*
 * The key as one string, fields separated by newlines (none can hold one
 * but the prompt, which is hashed first), into b; -1 if out of memory.
 */
static int
key_string(const struct sumcache_key *k, struct buf *b)
{
	return buf_addf(b, "%s\n%s\n%016" PRIx64 "\n%s\n%s", k->arxiv_id,
	    k->model ? k->model : "", cache_key(k->prompt ? k->prompt : ""),
	    k->input ? k->input : "", k->language ? k->language : "");
}

static int
entry_path(const struct sumcache *c, const char *key, struct buf *b)
{
	return buf_addf(b, "%s/%016" PRIx64 ".json", c->dir, cache_key(key));
}

int
sumcache_get(struct sumcache *c, const struct sumcache_key *k,
    struct sumcache_entry *e)
{
	struct json_object *o = NULL, *v;
	struct buf key = {0}, path = {0};
	const char *s;
	int rc = 2;

	memset(e, 0, sizeof(*e));
	if (key_string(k, &key) == -1 || entry_path(c, key.data, &path) == -1) {
		rc = 0;
		goto out;
	}
	if (access(path.data, F_OK) == -1) {
		rc = 0;
		goto out;
	}
	if ((o = json_object_from_file(path.data)) == NULL ||
	    !json_object_is_type(o, json_type_object))
		goto out;
	if (!json_object_object_get_ex(o, "key", &v) ||
	    !json_object_is_type(v, json_type_string))
		goto out;
	if (strcmp(json_object_get_string(v), key.data) != 0) {
		rc = 0;		/* another key with the same hash */
		goto out;
	}
	if (!json_object_object_get_ex(o, "text", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    *(s = json_object_get_string(v)) == '\0' ||
	    (e->text = strdup(s)) == NULL)
		goto out;
	e->truncated = json_object_object_get_ex(o, "truncated", &v) &&
	    json_object_get_boolean(v);
	e->prompt_tokens = json_object_object_get_ex(o, "prompt_tokens", &v)
	    && json_object_is_type(v, json_type_int) ?
	    (long)json_object_get_int64(v) : -1;
	e->completion_tokens = json_object_object_get_ex(o,
	    "completion_tokens", &v) && json_object_is_type(v, json_type_int) ?
	    (long)json_object_get_int64(v) : -1;
	rc = 1;
out:
	if (rc == 2) {
		sumcache_entry_clear(e);
		unlink(path.data);
	}
	json_object_put(o);
	buf_free(&key);
	buf_free(&path);
	return rc;
}

int
sumcache_put(struct sumcache *c, const struct sumcache_key *k,
    const struct sumcache_entry *e, char *err, size_t errlen)
{
	struct json_object *o;
	struct buf key = {0}, path = {0};
	const char *s;
	size_t n;
	int rc = -1;

	if ((o = json_object_new_object()) == NULL ||
	    key_string(k, &key) == -1 || entry_path(c, key.data, &path) == -1) {
		errmsg_set(err, errlen, "out of memory");
		goto out;
	}
	json_object_object_add(o, "key", json_object_new_string(key.data));
	json_object_object_add(o, "text", json_object_new_string(e->text));
	json_object_object_add(o, "truncated",
	    json_object_new_boolean(e->truncated));
	json_object_object_add(o, "prompt_tokens",
	    json_object_new_int64(e->prompt_tokens));
	json_object_object_add(o, "completion_tokens",
	    json_object_new_int64(e->completion_tokens));
	if ((s = jsonc_write(o, &n)) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		goto out;
	}
	rc = atomic_write(path.data, s, n, err, errlen);
out:
	json_object_put(o);
	buf_free(&key);
	buf_free(&path);
	return rc;
}
