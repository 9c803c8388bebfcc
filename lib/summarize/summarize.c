#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "config.h"
#include "errmsg.h"
#include "record.h"
#include "sumback.h"
#include "summarize.h"

struct summarize {
	struct summarize_opts	 o;
	struct sumback		*back;
	unsigned long		 with_summary;	/* added or kept so far */
};

int
summarize_config(const struct config *c, struct summarize_api *api,
    char *err, size_t errlen)
{
	long n;
	int rc;

	memset(api, 0, sizeof(*api));
	api->max_papers = -1;
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
	    (rc = config_int(c, "ai_summary.max_papers_to_summarize", &n,
	    err, errlen)) == -1)
		return -1;
	if (rc == 0) {
		if (n < 0) {
			errmsg_set(err, errlen,
			    "ai_summary.max_papers_to_summarize: expected a "
			    "number of papers, not %ld", n);
			return -1;
		}
		api->max_papers = n;
	}
	return 0;
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
	if ((z->back = sumback_open(o->backend ? o->backend : SUMBACK_DEFAULT,
	    &s, err, errlen)) == NULL) {
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
	free(z);
}

const char *
summarize_model(const struct summarize *z)
{
	return sumback_model(z->back);
}

/*
 * The string at key, NULL if absent or null; -1 with err if the field
 * holds anything but a string.
 */
static int
opt_string(struct json_object *o, const char *key, const char **out,
    char *err, size_t errlen)
{
	struct json_object *v;

	*out = NULL;
	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_string)) {
		errmsg_set(err, errlen, "paper: \"%s\" is not a string", key);
		return -1;
	}
	*out = json_object_get_string(v);
	return 0;
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
summarize_paper(struct summarize *z, struct json_object *paper, char *err,
    size_t errlen)
{
	struct sumback_paper p = {0};
	struct json_object *have, *sum;
	char *text;
	int has;

	if (opt_string(paper, "id", &p.id, err, errlen) == -1 ||
	    opt_string(paper, "title", &p.title, err, errlen) == -1 ||
	    opt_string(paper, "abstract", &p.abstract, err, errlen) == -1)
		return SUMMARIZE_BAD;
	if (json_object_object_get_ex(paper, "dropped", &have) && have != NULL)
		return SUMMARIZE_DROPPED;
	has = json_object_object_get_ex(paper, "summary", &have) &&
	    have != NULL;
	if (has && !z->o.replace) {
		z->with_summary++;
		return SUMMARIZE_KEPT;
	}
	if (z->o.limit >= 0 && z->with_summary >= (unsigned long)z->o.limit)
		return SUMMARIZE_OVER_LIMIT;
	if (p.abstract == NULL || blank(p.abstract)) {
		if (has)
			z->with_summary++;
		return SUMMARIZE_NO_ABSTRACT;
	}
	if (sumback_summarize(z->back, &p, &text, err, errlen) == -1)
		return SUMMARIZE_ERROR;
	sum = json_object_new_object();
	json_object_object_add(sum, "text", json_object_new_string(text));
	json_object_object_add(sum, "model",
	    json_object_new_string(sumback_model(z->back)));
	json_object_object_add(sum, "source",
	    json_object_new_string(sumback_source(z->back)));
	free(text);
	record_set(paper, "summary", sum);
	z->with_summary++;
	return SUMMARIZE_ADDED;
}
