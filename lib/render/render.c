#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <json.h>

#include "buf.h"
#include "config.h"
#include "date.h"
#include "errmsg.h"
#include "ndjson.h"
#include "render.h"
#include "render_feed.h"
#include "render_jsonfeed.h"
#include "render_mail.h"
#include "render_html.h"
#include "render_md.h"

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
		free(d->papers[i].authors);
		free(d->papers[i].categories);
		free(d->papers[i].url_buf);
		json_object_put(d->records[i]);
	}
	free(d->papers);
	free(d->records);
	free(d->categories);
	free(d->keywords);
	free(d->exclude);
	free(d->tmpl);
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

/*
 * The string at key of o into *out: NULL when absent or null, -1 with
 * err when it is anything but a string.
 */
static int
get_str(struct json_object *o, const char *key, const char **out, char *err,
    size_t errlen)
{
	struct json_object *v;

	*out = NULL;
	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_string)) {
		errmsg_set(err, errlen, "paper: \"%s\": expected a string",
		    key);
		return -1;
	}
	*out = json_object_get_string(v);
	if (**out == '\0')
		*out = NULL;
	return 0;
}

/* An array of strings at key: *v is new (NULL-terminated), borrowed strings. */
static int
get_strs(struct json_object *o, const char *key, const char ***v, size_t *n,
    char *err, size_t errlen)
{
	struct json_object *a, *e;
	size_t i, len;

	*v = NULL;
	*n = 0;
	if (!json_object_object_get_ex(o, key, &a) || a == NULL)
		return 0;
	if (!json_object_is_type(a, json_type_array))
		goto wrong;
	len = json_object_array_length(a);
	for (i = 0; i < len; i++) {
		e = json_object_array_get_idx(a, i);
		if (e == NULL || !json_object_is_type(e, json_type_string))
			goto wrong;
	}
	if ((*v = calloc(len + 1, sizeof(**v))) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < len; i++)
		(*v)[i] = json_object_get_string(json_object_array_get_idx(a,
		    i));
	*n = len;
	return 0;
wrong:
	errmsg_set(err, errlen, "paper: \"%s\": expected an array of strings",
	    key);
	return -1;
}

static int
read_paper(struct render_paper *p, struct json_object *o, char *err,
    size_t errlen)
{
	struct json_object *v, *links, *sum;

	if (get_str(o, "id", &p->id, err, errlen) == -1 ||
	    get_str(o, "arxiv_id", &p->arxiv_id, err, errlen) == -1 ||
	    get_str(o, "title", &p->title, err, errlen) == -1 ||
	    get_str(o, "abstract", &p->abstract, err, errlen) == -1 ||
	    get_str(o, "primary_category", &p->category, err, errlen) == -1 ||
	    get_str(o, "announce_type", &p->announce_type, err, errlen) == -1 ||
	    get_str(o, "published", &p->published, err, errlen) == -1 ||
	    get_str(o, "updated", &p->updated, err, errlen) == -1)
		return -1;
	if (get_strs(o, "categories", &p->categories, &p->ncategories, err,
	    errlen) == -1)
		return -1;
	if (p->category == NULL && p->ncategories > 0)
		p->category = p->categories[0];
	if (p->arxiv_id == NULL)
		p->arxiv_id = p->id;
	if (json_object_object_get_ex(o, "links", &links) && links != NULL) {
		if (!json_object_is_type(links, json_type_object)) {
			errmsg_set(err, errlen,
			    "paper: \"links\": expected an object");
			return -1;
		}
		if (get_str(links, "abs", &p->abs_url, err, errlen) == -1) {
			errmsg_set(err, errlen,
			    "paper: \"links.abs\": expected a string");
			return -1;
		}
		/* Only web links: never javascript: or data: in a page. */
		if (p->abs_url != NULL &&
		    strncasecmp(p->abs_url, "https://", 8) != 0 &&
		    strncasecmp(p->abs_url, "http://", 7) != 0)
			p->abs_url = NULL;
	}
	if (p->abs_url == NULL && p->id != NULL) {
		size_t n = strlen(p->id) + sizeof("https://arxiv.org/abs/");

		if ((p->url_buf = malloc(n)) == NULL) {
			errmsg_set(err, errlen, "out of memory");
			return -1;
		}
		snprintf(p->url_buf, n, "https://arxiv.org/abs/%s", p->id);
		p->abs_url = p->url_buf;
	}
	if (json_object_object_get_ex(o, "score", &v) && v != NULL) {
		if (!json_object_is_type(v, json_type_double) &&
		    !json_object_is_type(v, json_type_int)) {
			errmsg_set(err, errlen,
			    "paper: \"score\": expected a number");
			return -1;
		}
		p->has_score = 1;
		p->score = json_object_get_double(v);
	}
	if (json_object_object_get_ex(o, "summary", &sum) && sum != NULL) {
		if (!json_object_is_type(sum, json_type_object)) {
			errmsg_set(err, errlen,
			    "paper: \"summary\": expected an object");
			return -1;
		}
		if (get_str(sum, "text", &p->summary, err, errlen) == -1 ||
		    get_str(sum, "model", &p->summary_model, err,
		    errlen) == -1) {
			errmsg_set(err, errlen, "paper: \"summary\": \"text\" "
			    "and \"model\" must be strings");
			return -1;
		}
		/* The extractive back end writes plain text, LLMs markdown. */
		p->summary_markdown = p->summary_model == NULL ||
		    strcmp(p->summary_model, "extractive") != 0;
		if (p->summary_model == NULL)
			p->summary_model = "unknown model";
	}
	return get_strs(o, "authors", &p->authors, &p->nauthors, err, errlen);
}

/* Whether p is in category cat: its primary one or a cross-list. */
static int
in_category(const struct render_paper *p, const char *cat)
{
	size_t i;

	if (p->category != NULL && strcmp(p->category, cat) == 0)
		return 1;
	for (i = 0; i < p->ncategories; i++)
		if (strcmp(p->categories[i], cat) == 0)
			return 1;
	return 0;
}

int
render_doc_add(struct render_doc *d, struct json_object *o, char *err,
    size_t errlen)
{
	struct render_paper p = {0};
	struct json_object *v;

	if (json_object_object_get_ex(o, "dropped", &v) && v != NULL) {
		d->dropped++;
		return 0;
	}
	if (read_paper(&p, o, err, errlen) == -1)
		goto fail;
	if (d->category != NULL && !in_category(&p, d->category)) {
		d->filtered++;
		free(p.authors);
		free(p.categories);
		free(p.url_buf);
		return 0;
	}
	if (d->npapers == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		struct render_paper *np;
		struct json_object **nr;

		if ((np = realloc(d->papers, cap * sizeof(*np))) == NULL)
			goto nomem;
		d->papers = np;
		if ((nr = realloc(d->records, cap * sizeof(*nr))) == NULL)
			goto nomem;
		d->records = nr;
		d->cap = cap;
	}
	d->papers[d->npapers] = p;
	d->records[d->npapers] = json_object_get(o);
	d->npapers++;
	return 0;
nomem:
	errmsg_set(err, errlen, "out of memory");
fail:
	free(p.authors);
	free(p.categories);
	free(p.url_buf);
	return -1;
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
		if (d->papers[i].category != NULL)
			(*v)[k++] = d->papers[i].category;
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
render_junk(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
		return 1;
	/* U+FFFE and U+FFFF: EF BF BE, EF BF BF. */
	if (c == 0xef && (unsigned char)s[1] == 0xbf &&
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

		if ((k = render_junk(s)) > 0) {
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
