#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "config.h"
#include "date.h"
#include "errmsg.h"
#include "jsonc.h"
#include "ndjson.h"
#include "record.h"
#include "render.h"
#include "render_feed.h"
#include "render_jsonfeed.h"
#include "render_mail.h"
#include "render_html.h"
#include "render_md.h"

/* The fields a document shows: the ones whose types are checked. */
#define RENDER_FIELDS	(PAPER_F_ID | PAPER_F_TITLE | PAPER_F_ABSTRACT | \
	PAPER_F_AUTHORS | PAPER_F_CATEGORIES | PAPER_F_ANNOUNCE | \
	PAPER_F_DATES | PAPER_F_LINKS | PAPER_F_SCORE | PAPER_F_SUMMARY)

static const struct render_format formats[] = {
	{ "markdown", "md", "the digest in the Python bot's README layout",
	    render_md_write },
	{ "html", NULL, "one self-contained HTML page with a filter box",
	    render_html_write },
	{ "rss", NULL, "an RSS 2.0 feed, summaries as HTML", render_rss_write },
	{ "atom", NULL, "an Atom (RFC 4287) feed, summaries as HTML",
	    render_atom_write },
	{ "jsonfeed", NULL, "a JSON Feed 1.1", render_jsonfeed_write },
	{ "email", "mail", "a MIME e-mail: text and HTML, for sendmail -t",
	    render_mail_write },
};

const struct render_format *
render_format_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i].name, name) == 0 ||
		    (formats[i].alias && strcmp(formats[i].alias, name) == 0))
			return &formats[i];
	return NULL;
}

const struct render_format *
render_formats(size_t *n)
{
	*n = sizeof(formats) / sizeof(formats[0]);
	return formats;
}

struct render_doc *
render_doc_new(void)
{
	struct render_doc *d;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	if ((d->dec = paper_dec_new(RENDER_FIELDS, 0)) == NULL) {
		free(d);
		return NULL;
	}
	d->limit = -1;
	d->ttl = RENDER_TTL;
	return d;
}

void
render_doc_free(struct render_doc *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->npapers; i++) {
		paper_clear(&d->papers[i]);
		free(d->records[i]);
	}
	free(d->papers);
	free(d->records);
	free(d->categories);
	free(d->keywords);
	free(d->exclude);
	free(d->tmpl);
	paper_dec_free(d->dec);
	free(d);
}

int
render_doc_config(struct render_doc *d, const struct config *c, char *err,
    size_t errlen)
{
	long limit;
	int rc;

	if (config_strings(c, "categories", &d->categories, &d->ncategories,
	    err, errlen) == -1 ||
	    config_terms(c, "keywords", &d->keywords, &d->nkeywords, err,
	    errlen) == -1 ||
	    config_terms(c, "exclude_keywords", &d->exclude, &d->nexclude,
	    err, errlen) == -1)
		return -1;
	if ((rc = config_int(c, "display_limit", &limit, err, errlen)) == -1)
		return -1;
	if (rc == 0) {
		if (limit < 0) {
			errmsg_set(err, errlen, "display_limit: expected a "
			    "number of papers, not %ld", limit);
			return -1;
		}
		if (d->limit < 0)
			d->limit = limit;
	}
	return 0;
}

/* An empty string is no value. */
static void
no_empty(char **s)
{
	if (*s != NULL && **s == '\0') {
		free(*s);
		*s = NULL;
	}
}

/* Render's own rules for a decoded paper (render.h); -1 out of memory. */
static int
normalise(struct paper *p)
{
	char buf[256], *url;
	const char *aid;
	size_t n;

	no_empty(&p->title);
	no_empty(&p->abstract);
	no_empty(&p->primary_category);
	no_empty(&p->announce_type);
	no_empty(&p->published);
	no_empty(&p->updated);
	no_empty(&p->link_abs);
	no_empty(&p->summary.text);
	no_empty(&p->summary.model);
	if (p->primary_category == NULL && p->categories.n > 0 &&
	    paper_set(&p->primary_category, p->categories.v[0],
	    (size_t)-1) == -1)
		return -1;
	if ((aid = paper_arxiv_id(p, buf, sizeof(buf))) != NULL &&
	    (p->arxiv_id == NULL || *p->arxiv_id == '\0') &&
	    paper_set(&p->arxiv_id, aid, (size_t)-1) == -1)
		return -1;
	/* Only web links: never javascript: or data: in a document. */
	if (p->link_abs != NULL &&
	    strncasecmp(p->link_abs, "https://", 8) != 0 &&
	    strncasecmp(p->link_abs, "http://", 7) != 0) {
		free(p->link_abs);
		p->link_abs = NULL;
	}
	if (p->link_abs == NULL && p->id != NULL) {
		n = strlen(p->id) + sizeof("https://arxiv.org/abs/");
		if ((url = malloc(n)) == NULL)
			return -1;
		snprintf(url, n, "https://arxiv.org/abs/%s", p->id);
		p->link_abs = url;
	}
	if (p->summary.text != NULL && p->summary.model == NULL &&
	    paper_set(&p->summary.model, "unknown model", (size_t)-1) == -1)
		return -1;
	return 0;
}

int
render_summary_markdown(const struct paper *p)
{
	return p->summary.model == NULL ||
	    strcmp(p->summary.model, "extractive") != 0;
}

/* Whether p is in category cat: its primary one or a cross-list. */
static int
in_category(const struct paper *p, const char *cat)
{
	size_t i;

	if (p->primary_category != NULL &&
	    strcmp(p->primary_category, cat) == 0)
		return 1;
	for (i = 0; i < p->categories.n; i++)
		if (strcmp(p->categories.v[i], cat) == 0)
			return 1;
	return 0;
}

/* A record, decoded from its tree o or else its line; line is kept. */
static int
add(struct render_doc *d, struct json_object *o, const char *line,
    size_t len, char *err, size_t errlen)
{
	struct paper p = {0}, dp;
	char *copy = NULL;
	int rc;

	d->warning = NULL;
	/* The doc's own copy of what the decoder lent. */
	if ((rc = paper_from_json(d->dec, o, o ? NULL : line, o ? 0 : len,
	    RENDER_FIELDS, &dp, err, errlen)) == 1)
		return 1;
	/* Not part of the selection, whatever its other fields hold. */
	if (paper_dec_dropped(d->dec)) {
		d->dropped++;
		return 0;
	}
	if (rc == -1)
		return -1;
	d->warning = paper_dec_warning(d->dec);
	if (paper_copy(&p, &dp) == -1 || normalise(&p) == -1)
		goto nomem;
	if (d->category != NULL && !in_category(&p, d->category)) {
		d->filtered++;
		paper_clear(&p);
		return 0;
	}
	if (d->npapers == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		struct paper *np;
		char **nr;

		if ((np = realloc(d->papers, cap * sizeof(*np))) == NULL)
			goto nomem;
		d->papers = np;
		if ((nr = realloc(d->records, cap * sizeof(*nr))) == NULL)
			goto nomem;
		d->records = nr;
		d->cap = cap;
	}
	/* A record holds no NUL byte: the line whole. */
	if ((copy = strndup(line, len)) == NULL)
		goto nomem;
	d->papers[d->npapers] = p;
	d->records[d->npapers] = copy;
	d->npapers++;
	return 0;
nomem:
	paper_clear(&p);
	errmsg_set(err, errlen, "out of memory");
	return -1;
}

int
render_doc_add_line(struct render_doc *d, const char *line, size_t len,
    char *err, size_t errlen)
{
	return add(d, NULL, line, len, err, errlen);
}

int
render_doc_add(struct render_doc *d, struct json_object *o, char *err,
    size_t errlen)
{
	const char *s;
	size_t len;
	int rc;

	if ((s = jsonc_write(o, &len)) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	if ((rc = add(d, o, s, len, err, errlen)) == 1)
		d->ignored++;
	return rc == 1 ? 0 : rc;
}

int
render_doc_template(struct render_doc *d, const char *path, char *err,
    size_t errlen)
{
	struct ndjson_reader *r;
	char e[512];

	if ((r = ndjson_open(path, 0, e, sizeof(e))) == NULL) {
		errmsg_set(err, errlen, "%s", e);
		return -1;
	}
	free(d->tmpl);
	d->tmpl = ndjson_slurp(r, RENDER_TEMPLATE_MAX, &d->tmpl_len, e,
	    sizeof(e));
	ndjson_close(r);
	if (d->tmpl == NULL) {
		errmsg_set(err, errlen, "%s: %s", path, e);
		return -1;
	}
	return 0;
}

int
render_doc_title(const struct render_doc *d, struct buf *b)
{
	buf_reset(b);
	if (d->title != NULL)
		return buf_adds(b, d->title);
	if (buf_adds(b, RENDER_TITLE) == -1)
		return -1;
	if (d->category != NULL)
		return buf_addf(b, ": %s", d->category);
	return 0;
}

size_t
render_doc_shown(const struct render_doc *d)
{
	if (d->limit >= 0 && (size_t)d->limit < d->npapers)
		return (size_t)d->limit;
	return d->npapers;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
render_doc_categories(const struct render_doc *d, const char ***v, size_t *n)
{
	size_t i, k = 0, shown = render_doc_shown(d);

	if (d->categories != NULL) {
		if ((*v = calloc(d->ncategories + 1, sizeof(**v))) == NULL)
			return -1;
		for (i = 0; i < d->ncategories; i++)
			(*v)[i] = d->categories[i];
		*n = d->ncategories;
		return 0;
	}
	if ((*v = calloc(shown + 1, sizeof(**v))) == NULL)
		return -1;
	for (i = 0; i < shown; i++)
		if (d->papers[i].primary_category != NULL)
			(*v)[k++] = d->papers[i].primary_category;
	qsort(*v, k, sizeof(**v), str_cmp);
	*n = 0;
	for (i = 0; i < k; i++)
		if (*n == 0 || strcmp((*v)[*n - 1], (*v)[i]) != 0)
			(*v)[(*n)++] = (*v)[i];
	(*v)[*n] = NULL;
	return 0;
}

int
render_write(const struct render_format *f, const struct render_doc *d,
    struct buf *out, char *err, size_t errlen)
{
	return f->write(out, d, err, errlen);
}

void
render_score(double v, char *buf, size_t len)
{
	int prec;

	if (!isfinite(v)) {
		snprintf(buf, len, "%s", isnan(v) ? "nan" :
		    v > 0 ? "inf" : "-inf");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e16) {
		snprintf(buf, len, "%.1f", v);
		return;
	}
	/* The shortest form that reads back as the same number. */
	for (prec = 1; prec < 17; prec++) {
		snprintf(buf, len, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
	snprintf(buf, len, "%.17g", v);
}

int
render_day(const char *s, char *buf, size_t len)
{
	struct tm tm;
	time_t t;

	if (s == NULL || date_parse(s, &t) == -1 || gmtime_r(&t, &tm) == NULL)
		return -1;
	if (strftime(buf, len, "%Y-%m-%d", &tm) == 0)
		return -1;
	return 0;
}

size_t
render_junk(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];

	if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
		return 1;
	/* U+FFFE and U+FFFF: EF BF BE, EF BF BF. */
	if (c == 0xef && n >= 3 && (unsigned char)s[1] == 0xbf &&
	    ((unsigned char)s[2] == 0xbe || (unsigned char)s[2] == 0xbf))
		return 3;
	return 0;
}

void
render_when(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(buf, len, "unknown");
}

int
render_clock(const char *now, time_t *t, char *err, size_t errlen)
{
	const char *sde;
	long long v;
	char *end;

	if (now != NULL) {
		if (date_parse(now, t) == -1) {
			errmsg_set(err, errlen, "--now: not a date: %s", now);
			return -1;
		}
		return 0;
	}
	if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL && *sde != '\0') {
		errno = 0;
		v = strtoll(sde, &end, 10);
		if (*end != '\0' || errno || v < 0 || sde[0] == '-' ||
		    sde[0] == '+' || sde[0] == ' ') {
			errmsg_set(err, errlen, "SOURCE_DATE_EPOCH: not a "
			    "number of seconds: %s", sde);
			return -1;
		}
		*t = (time_t)v;
		return 0;
	}
	*t = time(NULL);
	return 0;
}

int
render_html_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		size_t k;
		int rc;

		if ((k = render_junk(s, RENDER_NUL)) > 0) {
			s += k - 1;
			continue;
		}
		switch (*s) {
		case '&': rc = buf_adds(b, "&amp;"); break;
		case '<': rc = buf_adds(b, "&lt;"); break;
		case '>': rc = buf_adds(b, "&gt;"); break;
		case '"': rc = buf_adds(b, "&quot;"); break;
		default: rc = buf_addc(b, *s); break;
		}
		if (rc == -1)
			return -1;
	}
	return 0;
}
