#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "buf.h"
#include "errmsg.h"
#include "record.h"
#include "seen.h"
#include "strmap.h"

#define SEEN_MAX	(1024UL * 1024 * 1024)

struct seen {
	char		*path;
	struct buf	 old;		/* the file as it was */
	struct buf	 add;		/* lines to add */
	struct strmap	*ids;		/* id -> highest version */
};

void
seen_free(struct seen *s)
{
	if (s == NULL)
		return;
	free(s->path);
	buf_free(&s->old);
	buf_free(&s->add);
	strmap_free(s->ids);
	free(s);
}

static int
note(struct seen *s, const char *id, size_t n, long version)
{
	long *v;
	int found;

	if ((v = strmap_slot(s->ids, id, n, &found)) == NULL)
		return -1;
	if (!found || version > *v)
		*v = version;
	return 0;
}

/* Read the lines of the file into the map; a line not an id is kept as is. */
static int
parse(struct seen *s)
{
	const char *p = buf_str(&s->old), *end = p + s->old.len, *nl;
	char line[256], *id;
	size_t n;
	int version;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n == 0 || *p == '#' || n >= sizeof(line))
			continue;
		memcpy(line, p, n);
		line[n] = '\0';
		if (arxiv_id_split(line, &id, &version) == -1)
			continue;
		if (note(s, id, strlen(id), version) == -1) {
			free(id);
			return -1;
		}
		free(id);
	}
	return 0;
}

struct seen *
seen_load(const char *path, char *err, size_t errlen)
{
	struct seen *s;
	char chunk[65536];
	size_t n;
	FILE *fp;

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->path = strdup(path)) == NULL ||
	    (s->ids = strmap_new()) == NULL)
		goto nomem;
	s->old.max = SEEN_MAX;
	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return s;
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		seen_free(s);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_add(&s->old, chunk, n) == -1) {
			errmsg_set(err, errlen, "%s: file too large", path);
			fclose(fp);
			seen_free(s);
			return NULL;
		}
	if (ferror(fp)) {
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		fclose(fp);
		seen_free(s);
		return NULL;
	}
	fclose(fp);
	if (parse(s) == -1)
		goto nomem;
	return s;
nomem:
	seen_free(s);
	errmsg_set(err, errlen, "out of memory");
	return NULL;
}

long
seen_version(const struct seen *s, const char *id, size_t n)
{
	const long *v = strmap_get(s->ids, id, n);

	return v ? *v : -1;
}

int
seen_add(struct seen *s, const char *id, size_t n, long version)
{
	int rc = buf_add(&s->add, id, n);

	if (version > 0)
		rc |= buf_addf(&s->add, "v%ld", version);
	rc |= buf_addc(&s->add, '\n');
	return rc ? -1 : note(s, id, n, version);
}

int
seen_commit(struct seen *s, char *err, size_t errlen)
{
	struct atomic_file *af;
	FILE *fp;
	char e[512];

	if (s->add.len == 0)
		return 0;
	if ((af = atomic_open(s->path, e, sizeof(e))) == NULL) {
		errmsg_set(err, errlen, "%s", e);
		return -1;
	}
	fp = atomic_fp(af);
	fwrite(buf_str(&s->old), 1, s->old.len, fp);
	if (s->old.len > 0 && s->old.data[s->old.len - 1] != '\n')
		fputc('\n', fp);
	fwrite(buf_str(&s->add), 1, s->add.len, fp);
	if (atomic_commit(af, e, sizeof(e)) == -1) {
		errmsg_set(err, errlen, "%s", e);
		return -1;
	}
	return 0;
}
