#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "config.h"
#include "errmsg.h"
#include "jsonc.h"
#include "record.h"
#include "sumback.h"
#include "summarize.h"

/* The fields this stage reads, and checks, of a paper. */
#define USES	(PAPER_F_TITLE | PAPER_F_ABSTRACT | PAPER_F_SCORE | \
	PAPER_F_SUMMARY)

struct summarize {
	struct summarize_opts	 o;
	struct sumback		*back;
	struct paper_dec	*dec;
	unsigned long		 with_summary;	/* added or kept so far */
};

/* A number key within [lo, hi]; 0 present, 1 absent, -1 with err. */
static int
num_key(const struct config *c, const char *key, double lo, double hi,
    double *out, char *err, size_t errlen)
{
	double v;
	int rc;

	if ((rc = config_number(c, key, &v, err, errlen)) != 0)
		return rc;
	if (v < lo || v > hi) {
		errmsg_set(err, errlen, "%s: expected a number from %g to %g, "
		    "not %g", key, lo, hi, v);
		return -1;
	}
	*out = v;
	return 0;
}

/* An integer key within [lo, hi]; as num_key(). */
static int
int_key(const struct config *c, const char *key, long lo, long hi,
    long *out, char *err, size_t errlen)
{
	long v;
	int rc;

	if ((rc = config_int(c, key, &v, err, errlen)) != 0)
		return rc;
	if (v < lo || v > hi) {
		errmsg_set(err, errlen, "%s: expected a number from %ld to %ld, "
		    "not %ld", key, lo, hi, v);
		return -1;
	}
	*out = v;
	return 0;
}

/*
 * ai_summary.extra_headers: an object {"Name": "value"} into a new
 * NULL-terminated array of "Name: value" strings in api (one allocation).
 */
static int
extra_headers(const struct config *c, struct summarize_api *api, char *err,
    size_t errlen)
{
	struct json_object *o;
	size_t n = 0, size = 0, i = 0;
	char *p;

	if ((o = config_get(c, "ai_summary.extra_headers")) == NULL)
		return 0;
	if (!json_object_is_type(o, json_type_object)) {
		errmsg_set(err, errlen, "ai_summary.extra_headers: expected "
		    "an object of strings");
		return -1;
	}
	json_object_object_foreach(o, k, v) {
		if (!json_object_is_type(v, json_type_string) ||
		    strpbrk(k, ":\r\n") != NULL || *k == '\0' ||
		    strpbrk(json_object_get_string(v), "\r\n") != NULL) {
			errmsg_set(err, errlen, "ai_summary.extra_headers: %s: "
			    "expected a one-line string", k);
			return -1;
		}
		n++;
		size += strlen(k) + 2 + strlen(json_object_get_string(v)) + 1;
	}
	if ((api->extra_headers = malloc((n + 1) * sizeof(char *) + size)) ==
	    NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	p = (char *)(api->extra_headers + n + 1);
	json_object_object_foreach(o, k2, v2) {
		api->extra_headers[i++] = p;
		p += snprintf(p, size, "%s: %s", k2,
		    json_object_get_string(v2)) + 1;
	}
	api->extra_headers[n] = NULL;
	return 0;
}

int
summarize_config(const struct config *c, struct summarize_api *api,
    char *err, size_t errlen)
{
	long n;
	int rc;

	memset(api, 0, sizeof(*api));
	api->max_papers = -1;
	api->temperature = -1;
	api->retries = -1;
	if (c == NULL)
		return 0;
	if (config_bool(c, "ai_summary.enabled", &api->enabled, err,
	    errlen) == -1 ||
	    config_string(c, "ai_summary.api_key_env", &api->key_env, err,
	    errlen) == -1 ||
	    config_string(c, "ai_summary.model", &api->model, err,
	    errlen) == -1 ||
	    config_string(c, "ai_summary.base_url", &api->base_url, err,
	    errlen) == -1 ||
	    config_string(c, "ai_summary.prompt_file", &api->prompt_file, err,
	    errlen) == -1 ||
	    config_string(c, "ai_summary.language", &api->language, err,
	    errlen) == -1 ||
	    config_string(c, "ai_summary.input", &api->input, err,
	    errlen) == -1 ||
	    int_key(c, "ai_summary.max_workers", 1, 64, &api->max_workers,
	    err, errlen) == -1 ||
	    num_key(c, "ai_summary.temperature", 0, 2, &api->temperature,
	    err, errlen) == -1 ||
	    int_key(c, "ai_summary.max_tokens", 1, 1000000, &api->max_tokens,
	    err, errlen) == -1 ||
	    int_key(c, "ai_summary.max_input_tokens", 100, 10000000,
	    &api->max_input_tokens, err, errlen) == -1 ||
	    num_key(c, "ai_summary.timeout", 0.001, 86400, &api->timeout,
	    err, errlen) == -1 ||
	    int_key(c, "ai_summary.retries", 0, 100, &api->retries, err,
	    errlen) == -1 ||
	    (rc = config_int(c, "ai_summary.max_papers_to_summarize", &n,
	    err, errlen)) == -1)
		return -1;
	if (api->input && strcmp(api->input, "fulltext") != 0 &&
	    strcmp(api->input, "abstract") != 0) {
		errmsg_set(err, errlen, "ai_summary.input: expected "
		    "\"fulltext\" or \"abstract\", not \"%s\"", api->input);
		return -1;
	}
	if (rc == 0) {
		if (n < 0) {
			errmsg_set(err, errlen,
			    "ai_summary.max_papers_to_summarize: expected a "
			    "number of papers, not %ld", n);
			return -1;
		}
		api->max_papers = n;
	}
	return extra_headers(c, api, err, errlen);
}

void
summarize_api_clear(struct summarize_api *api)
{
	free(api->extra_headers);
	api->extra_headers = NULL;
}

struct summarize *
summarize_new(const struct summarize_opts *o, char *err, size_t errlen)
{
	struct sumback_settings s = {0};
	struct summarize *z;

	if ((z = calloc(1, sizeof(*z))) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	z->o = *o;
	s.sentences = o->sentences;
	s.max_chars = o->max_chars;
	if ((z->dec = paper_dec_new(USES, 0)) == NULL) {
		free(z);
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	if ((z->back = sumback_open(o->backend ? o->backend : SUMBACK_DEFAULT,
	    &s, err, errlen)) == NULL) {
		paper_dec_free(z->dec);
		free(z);
		return NULL;
	}
	return z;
}

void
summarize_free(struct summarize *z)
{
	if (z == NULL)
		return;
	sumback_free(z->back);
	paper_dec_free(z->dec);
	free(z);
}

const char *
summarize_model(const struct summarize *z)
{
	return sumback_model(z->back);
}

const char *
summarize_warning(const struct summarize *z)
{
	return paper_dec_warning(z->dec);
}

static int
blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

enum summarize_status
summarize_pick(struct summarize *z, struct json_object *paper,
    const char *line, size_t len, struct paper *p, char *err, size_t errlen)
{
	int has, rc;

	if ((rc = paper_from_json(z->dec, paper, line, len, USES, p, err,
	    errlen)) == 1)
		return SUMMARIZE_OTHER;
	if (rc == -1)
		return paper_dec_tree(z->dec) == NULL &&
		    paper_dec_scan(z->dec) == NULL ? SUMMARIZE_INVALID :
		    SUMMARIZE_BAD;
	if (p->dropped)
		return SUMMARIZE_DROPPED;
	has = p->summary.text != NULL;
	if (has && !z->o.replace) {
		z->with_summary++;
		return SUMMARIZE_KEPT;
	}
	if (z->o.limit >= 0 && z->with_summary >= (unsigned long)z->o.limit)
		return SUMMARIZE_OVER_LIMIT;
	if (p->abstract == NULL || blank(p->abstract)) {
		if (has)
			z->with_summary++;
		return SUMMARIZE_NO_ABSTRACT;
	}
	z->with_summary++;
	return SUMMARIZE_ADDED;
}

/* The back end's summary of p as a "summary" object; NULL with err. */
static struct json_object *
summary_of(struct summarize *z, const struct paper *p, char *err,
    size_t errlen)
{
	struct json_object *sum;
	char *text;

	if (sumback_summarize(z->back, p, &text, err, errlen) == -1)
		return NULL;
	if ((sum = json_object_new_object()) == NULL) {
		free(text);
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	json_object_object_add(sum, "text", json_object_new_string(text));
	json_object_object_add(sum, "model",
	    json_object_new_string(sumback_model(z->back)));
	json_object_object_add(sum, "source",
	    json_object_new_string(sumback_source(z->back)));
	free(text);
	return sum;
}

enum summarize_status
summarize_line(struct summarize *z, const char *line, size_t len,
    struct paper *p, struct buf *out, char *err, size_t errlen)
{
	static const char *const own[] = { "summary", NULL };
	struct json_object *sum, *tree;
	const struct jscan *js;
	enum summarize_status st;
	const char *val[1], *s;
	size_t n;
	int rc;

	if ((st = summarize_pick(z, NULL, line, len, p, err, errlen)) !=
	    SUMMARIZE_ADDED)
		return st;
	if ((sum = summary_of(z, p, err, errlen)) == NULL)
		return SUMMARIZE_ERROR;
	buf_reset(out);
	/* The decoder's scan of the line, unless it took the tree path. */
	if ((val[0] = jsonc_write(sum, &n)) == NULL)
		rc = -1;
	else if ((js = paper_dec_scan(z->dec)) != NULL)
		rc = record_replace_scan(js, own, val, out);
	else if ((rc = record_replace(line, len, own, val, out)) == -1 &&
	    (tree = paper_dec_tree(z->dec)) != NULL) {
		/*
		 * A line past what the splice scans was decoded from its
		 * tree: that is written whole, the summary added.
		 */
		jsonc_set(tree, "summary", json_object_get(sum));
		buf_reset(out);
		rc = (s = jsonc_write(tree, &n)) == NULL ? -1 :
		    buf_add(out, s, n);
	}
	json_object_put(sum);
	if (rc == -1) {
		errmsg_set(err, errlen, "out of memory");
		return SUMMARIZE_ERROR;
	}
	return SUMMARIZE_ADDED;
}
