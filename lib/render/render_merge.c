#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "buf.h"
#include "date.h"
#include "errmsg.h"
#include "jsonc.h"
#include "ndjson.h"
#include "record.h"
#include "render.h"
#include "render_merge.h"

int
render_merge_load(struct render_doc *d, const char *path, size_t max_record,
    void (*warn)(void *arg, const char *where, const char *what), void *arg,
    char *err, size_t errlen)
{
	struct ndjson_reader *r;
	enum ndjson_status st;
	struct stat sb;
	const char *line;
	size_t len;
	char e[512], where[600];
	int rc = 0, added;

	if (stat(path, &sb) == -1 && errno == ENOENT)
		return 1;
	if ((r = ndjson_open(path, max_record, e, sizeof(e))) == NULL) {
		errmsg_set(err, errlen, "%s", e);
		return -1;
	}
	while (rc == 0 && (st = ndjson_next_line(r, &line, &len, e,
	    sizeof(e))) != NDJSON_EOF) {
		if (st == NDJSON_ERROR && ndjson_lineno(r) == 0) {
			errmsg_set(err, errlen, "%s: %s", path, e);
			rc = -1;
			break;
		}
		if (st != NDJSON_RECORD) {
			errmsg_set(err, errlen, "%s:%lu: %s", path,
			    ndjson_lineno(r), e);
			rc = -1;
			break;
		}
		if ((added = render_doc_add_line(d, line, len, e,
		    sizeof(e))) == 1) {
			errmsg_set(err, errlen, "%s:%lu: not a paper record",
			    path, ndjson_lineno(r));
			rc = -1;
		} else if (added == -1) {
			errmsg_set(err, errlen, "%s:%lu: %s", path,
			    ndjson_lineno(r), e);
			rc = -1;
		} else if (d->warning != NULL && warn != NULL) {
			snprintf(where, sizeof(where), "%s:%lu", path,
			    ndjson_lineno(r));
			warn(arg, where, d->warning);
		}
	}
	ndjson_close(r);
	return rc;
}

/* The paper's version: "version", else from "2512.00001v3", else 0. */
static long
version_of(const struct paper *p)
{
	const char *v;

	if (p->version > 0)
		return p->version;
	if (p->arxiv_id == NULL || (v = strrchr(p->arxiv_id, 'v')) == NULL)
		return 0;
	return strtol(v + 1, NULL, 10);
}

/* When p was published, or -1 if it does not say. */
static time_t
published(const struct paper *p)
{
	time_t t;

	if (p->published == NULL || date_parse(p->published, &t) == -1)
		return -1;
	return t;
}

struct slot {
	size_t	 index;		/* position in the doc, the order added */
	time_t	 when;		/* published, -1 unknown */
};

/* Newest first; unknown dates with the newest; then the order added. */
static int
slot_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	time_t tx = x->when, ty = y->when;

	if (tx != ty) {
		if (tx == -1)
			return -1;
		if (ty == -1)
			return 1;
		return tx > ty ? -1 : 1;
	}
	return x->index < y->index ? -1 : x->index > y->index;
}

int
render_merge_apply(struct render_doc *d, long keep_days, long max_items,
    char *err, size_t errlen)
{
	struct paper *np = NULL;
	char **nr = NULL;
	struct slot *s;
	char *gone;
	size_t i, j, n = 0, kept, total = d->npapers;
	time_t oldest = d->now - (time_t)keep_days * 86400;

	if (d->npapers == 0)
		return 0;
	s = calloc(d->npapers, sizeof(*s));
	gone = calloc(d->npapers, 1);
	np = calloc(d->npapers, sizeof(*np));
	nr = calloc(d->npapers, sizeof(*nr));
	if (s == NULL || gone == NULL || np == NULL || nr == NULL) {
		free(s);
		free(gone);
		free(np);
		free(nr);
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	/* One record per id: the later one, unless it is an older version. */
	for (i = 0; i < d->npapers; i++) {
		if (gone[i] || d->papers[i].id == NULL)
			continue;
		for (j = i + 1; j < d->npapers; j++) {
			if (gone[j] || d->papers[j].id == NULL ||
			    strcmp(d->papers[i].id, d->papers[j].id) != 0)
				continue;
			if (version_of(&d->papers[j]) <
			    version_of(&d->papers[i])) {
				gone[j] = 1;
				continue;
			}
			gone[i] = 1;
			break;
		}
	}
	for (i = 0; i < d->npapers; i++) {
		if (gone[i])
			continue;
		s[n].index = i;
		s[n].when = published(&d->papers[i]);
		if (keep_days > 0 && s[n].when != -1 && s[n].when < oldest) {
			gone[i] = 1;
			continue;
		}
		n++;
	}
	qsort(s, n, sizeof(*s), slot_cmp);
	kept = max_items > 0 && (size_t)max_items < n ? (size_t)max_items : n;
	for (i = kept; i < n; i++)
		gone[s[i].index] = 1;
	for (i = 0; i < kept; i++) {
		np[i] = d->papers[s[i].index];
		nr[i] = d->records[s[i].index];
	}
	for (i = 0; i < d->npapers; i++) {
		if (!gone[i])
			continue;
		paper_clear(&d->papers[i]);
		free(d->records[i]);
	}
	free(d->papers);
	free(d->records);
	d->papers = np;
	d->records = nr;
	d->npapers = kept;
	d->cap = total;
	free(s);
	free(gone);
	return 0;
}

int
render_merge_state(const struct render_doc *d, struct buf *b, char *err,
    size_t errlen)
{
	size_t i;

	for (i = 0; i < d->npapers; i++) {
		if (buf_adds(b, d->records[i]) == -1 ||
		    buf_addc(b, '\n') == -1) {
			errmsg_set(err, errlen, "out of memory");
			return -1;
		}
	}
	return 0;
}
