#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
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
#include "hash.h"
#include "jsonc.h"

/* The first line of an entry may not be longer than this. */
#define META_MAX	(64 * 1024)

struct cache {
	char	*dir;		/* <dir>/http */
};

int
cache_mkdir_p(const char *dir, char *err, size_t errlen)
{
	char *p, *s;
	struct stat st;

	if ((s = strdup(dir)) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	for (p = s + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (p[-1] != '/') {
			char c = *p;

			*p = '\0';
			if (mkdir(s, 0700) == -1 && errno != EEXIST) {
				errmsg_set(err, errlen, "%s: %s", s,
				    strerror(errno));
				free(s);
				return -1;
			}
			*p = c;
		}
		if (*p == '\0')
			break;
	}
	free(s);
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		errmsg_set(err, errlen, "%s: not a directory", dir);
		return -1;
	}
	return 0;
}

char *
cache_subdir(const char *dir, const char *name, char *err, size_t errlen)
{
	struct buf b = {0};

	if (buf_addf(&b, "%s/%s", dir, name) == -1) {
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	if (cache_mkdir_p(buf_str(&b), err, errlen) == -1) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

struct cache *
cache_open(const char *dir, char *err, size_t errlen)
{
	struct cache *c;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	if ((c->dir = cache_subdir(dir, "http", err, errlen)) == NULL) {
		free(c);
		return NULL;
	}
	return c;
}

void
cache_close(struct cache *c)
{
	if (c == NULL)
		return;
	free(c->dir);
	free(c);
}

uint64_t
cache_key(const char *s)
{
	return hash_fnv1a(s, strlen(s));
}

/* The entry's file name, new; NULL when out of memory. */
static char *
entry_path(const struct cache *c, const char *url)
{
	struct buf b = {0};

	if (buf_addf(&b, "%s/%016" PRIx64, c->dir, cache_key(url)) == -1)
		return NULL;
	return buf_take(&b);
}

void
cache_entry_clear(struct cache_entry *e)
{
	if (e == NULL)
		return;
	free(e->url);
	free(e->content_type);
	free(e->etag);
	free(e->last_modified);
	free(e->fetched_at);
	free(e->body);
	memset(e, 0, sizeof(*e));
}

/* A copy of the string at key; 0 ok (NULL for null/absent), -1 wrong type. */
static int
meta_str(struct json_object *o, const char *key, char **out)
{
	struct json_object *v;

	*out = NULL;
	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return -1;
	return (*out = strdup(json_object_get_string(v))) ? 0 : -1;
}

static int
meta_int(struct json_object *o, const char *key, int64_t *out)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_int))
		return -1;
	*out = json_object_get_int64(v);
	return 0;
}

/* Parse an entry's first line into e; -1 if it is not a valid one. */
static int
parse_meta(const char *line, struct cache_entry *e, size_t *len)
{
	struct json_object *o;
	int64_t status, stored, length;
	int rc = -1;

	if ((o = json_tokener_parse(line)) == NULL)
		return -1;
	if (!json_object_is_type(o, json_type_object) ||
	    meta_int(o, "status", &status) == -1 ||
	    meta_int(o, "stored", &stored) == -1 ||
	    meta_int(o, "length", &length) == -1 || length < 0 ||
	    meta_str(o, "url", &e->url) == -1 || e->url == NULL ||
	    meta_str(o, "content_type", &e->content_type) == -1 ||
	    meta_str(o, "etag", &e->etag) == -1 ||
	    meta_str(o, "last_modified", &e->last_modified) == -1 ||
	    meta_str(o, "fetched_at", &e->fetched_at) == -1 ||
	    e->fetched_at == NULL)
		goto out;
	e->status = (long)status;
	e->stored = (time_t)stored;
	*len = (size_t)length;
	rc = 0;
out:
	json_object_put(o);
	return rc;
}

int
cache_get(struct cache *c, const char *url, struct cache_entry *e,
    char *err, size_t errlen)
{
	struct buf meta = {0};
	const char *why = NULL;
	struct stat st;
	time_t mtime = 0;
	char *path;
	size_t len = 0;
	FILE *fp;
	int ch, rc = -1;

	memset(e, 0, sizeof(*e));
	if ((path = entry_path(c, url)) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	if ((fp = fopen(path, "r")) == NULL) {
		free(path);
		return 0;
	}
	if (fstat(fileno(fp), &st) == 0)
		mtime = st.st_mtime;
	meta.max = META_MAX;
	while ((ch = getc(fp)) != EOF && ch != '\n')
		if (buf_addc(&meta, (char)ch) == -1)
			break;
	if (ch != '\n' || parse_meta(buf_str(&meta), e, &len) == -1) {
		why = "bad header";
		goto corrupt;
	}
	if (strcmp(e->url, url) != 0) {
		/* Another URL with the same hash: a miss, not corruption. */
		cache_entry_clear(e);
		rc = 0;
		goto out;
	}
	if ((e->body = malloc(len + 1)) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		goto fail;
	}
	if (fread(e->body, 1, len, fp) != len || getc(fp) != EOF) {
		why = "wrong length";
		goto corrupt;
	}
	e->body[len] = '\0';
	e->len = len;
	if (mtime > e->stored)
		e->stored = mtime;
	rc = 1;
	goto out;
corrupt:
	errmsg_set(err, errlen, "%s: corrupt cache entry (%s), removed", path,
	    why);
	unlink(path);
fail:
	cache_entry_clear(e);
out:
	fclose(fp);
	buf_free(&meta);
	free(path);
	return rc;
}

static void
add_str(struct json_object *o, const char *key, const char *s)
{
	json_object_object_add(o, key, s ? json_object_new_string(s) : NULL);
}

int
cache_put(struct cache *c, const struct cache_entry *e, char *err,
    size_t errlen)
{
	struct atomic_file *a;
	struct json_object *o;
	const char *s;
	char *path;
	size_t n;
	int rc = -1;

	if ((path = entry_path(c, e->url)) == NULL ||
	    (o = json_object_new_object()) == NULL) {
		free(path);
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	add_str(o, "url", e->url);
	json_object_object_add(o, "status", json_object_new_int64(e->status));
	add_str(o, "content_type", e->content_type);
	add_str(o, "etag", e->etag);
	add_str(o, "last_modified", e->last_modified);
	add_str(o, "fetched_at", e->fetched_at);
	json_object_object_add(o, "stored",
	    json_object_new_int64((int64_t)e->stored));
	json_object_object_add(o, "length",
	    json_object_new_int64((int64_t)e->len));
	s = jsonc_write(o, &n);
	if ((a = atomic_open(path, err, errlen)) == NULL)
		goto out;
	if (fwrite(s, 1, n, atomic_fp(a)) != n ||
	    putc('\n', atomic_fp(a)) == EOF ||
	    (e->len && fwrite(e->body, 1, e->len, atomic_fp(a)) != e->len)) {
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		atomic_abort(a);
		goto out;
	}
	rc = atomic_commit(a, err, errlen);
out:
	json_object_put(o);
	free(path);
	return rc;
}

int
cache_touch(struct cache *c, const char *url, char *err, size_t errlen)
{
	char *path;
	int rc = 0;

	if ((path = entry_path(c, url)) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	if (utimensat(AT_FDCWD, path, NULL, 0) == -1) {
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	free(path);
	return rc;
}

void
cache_remove(struct cache *c, const char *url)
{
	char *path;

	if ((path = entry_path(c, url)) != NULL) {
		unlink(path);
		free(path);
	}
}

int
cache_default_dir(char **dir)
{
	struct buf b = {0};
	const char *v;
	int rc = 0;

	if ((v = getenv("XDG_CACHE_HOME")) != NULL && *v == '/')
		rc = buf_addf(&b, "%s/arxivpipe", v);
	else if ((v = getenv("HOME")) != NULL && *v != '\0')
		rc = buf_addf(&b, "%s/.cache/arxivpipe", v);
	if (rc == -1) {
		buf_free(&b);
		return -1;
	}
	*dir = b.len ? buf_take(&b) : NULL;
	return 0;
}
