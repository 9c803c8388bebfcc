#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "config.h"
#include "errmsg.h"
#include "jsonc.h"
#include "scoreconf.h"

static const char *field_names[SCORE_NFIELDS] = {
	"title", "abstract", "authors", "comment", "categories"
};

const char *
scoreconf_field_name(unsigned field)
{
	unsigned i;

	for (i = 0; i < SCORE_NFIELDS; i++)
		if (field == (1u << i))
			return field_names[i];
	return "?";
}

void
scoreconf_default(struct scoreconf *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->max_papers = -1;
	sc->days_back = -1;
	sc->title_bonus = 0.5;
	sc->library_weight = 5;
}

static void
free_strs(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
free_terms(struct scoreconf_term *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(t[i].term);
	free(t);
}

void
scoreconf_free(struct scoreconf *sc)
{
	free_strs(sc->categories, sc->ncategories);
	free_strs(sc->announce, sc->nannounce);
	free_terms(sc->keywords, sc->nkeywords);
	free_terms(sc->excludes, sc->nexcludes);
	free_terms(sc->authors, sc->nauthors);
	memset(sc, 0, sizeof(*sc));
}

/* A copy of the array of strings at key; 1 if absent. */
static int
get_strs(const struct config *c, const char *key, char ***out, size_t *n,
    char *err, size_t errlen)
{
	const char **v;
	size_t i;
	int rc;

	if ((rc = config_strings(c, key, &v, n, err, errlen)) != 0)
		return rc;
	if ((*out = calloc(*n + 1, sizeof(**out))) == NULL)
		goto nomem;
	for (i = 0; i < *n; i++)
		if (((*out)[i] = strdup(v[i])) == NULL)
			goto nomem;
	free(v);
	return 0;
nomem:
	free(v);
	errmsg_set(err, errlen, "out of memory");
	return -1;
}

static int
parse_fields(struct json_object *a, unsigned *fields, char *err,
    size_t errlen, const char *where)
{
	struct json_object *e;
	size_t i, j, n;
	const char *s;

	if (!jsonc_is_array(a)) {
		errmsg_set(err, errlen, "%s: fields: expected an array", where);
		return -1;
	}
	*fields = 0;
	n = jsonc_array_len(a);
	for (i = 0; i < n; i++) {
		e = jsonc_array_at(a, i);
		if (!jsonc_is_string(e)) {
			errmsg_set(err, errlen,
			    "%s: fields: expected an array of strings", where);
			return -1;
		}
		s = jsonc_string(e, NULL);
		for (j = 0; j < SCORE_NFIELDS; j++)
			if (strcmp(s, field_names[j]) == 0)
				break;
		if (j == SCORE_NFIELDS) {
			errmsg_set(err, errlen, "%s: fields: unknown field "
			    "\"%s\" (title, abstract, authors, comment, "
			    "categories)", where, s);
			return -1;
		}
		*fields |= 1u << j;
	}
	if (*fields == 0) {
		errmsg_set(err, errlen, "%s: fields: empty", where);
		return -1;
	}
	return 0;
}

/*
 * One term: a string, or an object with namekey ("term" or "name"),
 * "weight", "fields" and "regex".
 */
static int
parse_term(struct json_object *e, struct scoreconf_term *t, const char *namekey,
    double defweight, unsigned deffields, char *err, size_t errlen,
    const char *where)
{
	struct json_object *v;

	t->weight = defweight;
	t->fields = deffields;
	if (jsonc_is_string(e)) {
		if ((t->term = strdup(jsonc_string(e, NULL))) == NULL)
			goto nomem;
		return 0;
	}
	if (!jsonc_is_object(e)) {
		errmsg_set(err, errlen, "%s: expected a string or an object",
		    where);
		return -1;
	}
	if (!jsonc_is_string(v = jsonc_get(e, namekey))) {
		errmsg_set(err, errlen, "%s: %s: expected a string", where,
		    namekey);
		return -1;
	}
	if ((t->term = strdup(jsonc_string(v, NULL))) == NULL)
		goto nomem;
	if ((v = jsonc_get(e, "weight")) != NULL) {
		if (!jsonc_is_number(v)) {
			errmsg_set(err, errlen, "%s: weight: expected a number",
			    where);
			return -1;
		}
		t->weight = jsonc_number(v);
		if (!(t->weight > -1e9 && t->weight < 1e9)) {
			errmsg_set(err, errlen, "%s: weight: out of range",
			    where);
			return -1;
		}
	}
	if ((v = jsonc_get(e, "fields")) != NULL &&
	    parse_fields(v, &t->fields, err, errlen, where) == -1)
		return -1;
	if ((v = jsonc_get(e, "regex")) != NULL) {
		if (!jsonc_is_bool(v)) {
			errmsg_set(err, errlen, "%s: regex: expected true or "
			    "false", where);
			return -1;
		}
		t->regex = jsonc_bool(v);
	}
	return 0;
nomem:
	errmsg_set(err, errlen, "out of memory");
	return -1;
}

static int
get_terms(const struct config *c, const char *key, const char *namekey,
    double defweight, struct scoreconf_term **out, size_t *n, char *err,
    size_t errlen)
{
	struct json_object *a = config_get(c, key);
	char where[128];
	size_t i, len;

	*out = NULL;
	*n = 0;
	if (a == NULL)
		return 0;
	if (!jsonc_is_array(a)) {
		errmsg_set(err, errlen, "%s: expected an array", key);
		return -1;
	}
	len = jsonc_array_len(a);
	if ((*out = calloc(len + 1, sizeof(**out))) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < len; i++) {
		snprintf(where, sizeof(where), "%s[%zu]", key, i);
		(*n)++;
		if (parse_term(jsonc_array_at(a, i), &(*out)[i],
		    namekey, defweight, SCORE_F_TITLE | SCORE_F_ABSTRACT, err,
		    errlen, where) == -1)
			return -1;
	}
	return 0;
}

int
scoreconf_load(struct scoreconf *sc, const struct config *c, char *err,
    size_t errlen)
{
	char **methods = NULL;
	size_t nmethods = 0, i;
	int rc;

	scoreconf_default(sc);
	sc->rules = 1;
	if (get_strs(c, "categories", &sc->categories, &sc->ncategories, err,
	    errlen) == -1)
		return -1;
	if (get_terms(c, "keywords", "term", 1, &sc->keywords, &sc->nkeywords,
	    err, errlen) == -1 ||
	    get_terms(c, "exclude_keywords", "term", 1, &sc->excludes,
	    &sc->nexcludes, err, errlen) == -1 ||
	    get_terms(c, "authors", "name", 3, &sc->authors, &sc->nauthors,
	    err, errlen) == -1)
		return -1;
	for (i = 0; i < sc->nauthors; i++)
		sc->authors[i].fields = SCORE_F_AUTHORS;
	if ((rc = get_strs(c, "announce_types", &sc->announce, &sc->nannounce,
	    err, errlen)) == -1)
		return -1;
	if (rc == 1) {
		if ((sc->announce = calloc(2, sizeof(char *))) == NULL ||
		    (sc->announce[0] = strdup("new")) == NULL) {
			errmsg_set(err, errlen, "out of memory");
			return -1;
		}
		sc->nannounce = 1;
	}
	/* A negative count is a mistake, not "no limit": leave the key out. */
	if ((rc = config_int(c, "max_papers", &sc->max_papers, err,
	    errlen)) == -1)
		return -1;
	if (rc == 0 && sc->max_papers < 0) {
		errmsg_set(err, errlen, "max_papers: expected a number >= 0");
		return -1;
	}
	if ((rc = config_number(c, "days_back", &sc->days_back, err,
	    errlen)) == -1)
		return -1;
	if (rc == 0 && sc->days_back < 0) {
		errmsg_set(err, errlen, "days_back: expected a number >= 0");
		return -1;
	}
	if (config_number(c, "title_bonus", &sc->title_bonus, err,
	    errlen) == -1 ||
	    config_number(c, "library_weight", &sc->library_weight, err,
	    errlen) == -1)
		return -1;
	if ((rc = config_number(c, "min_score", &sc->min_score, err,
	    errlen)) == -1)
		return -1;
	sc->has_min_score = rc == 0;
	sc->dedup = 1;
	if (config_bool(c, "enable_deduplication", &sc->dedup, err,
	    errlen) == -1)
		return -1;
	if ((rc = get_strs(c, "deduplication_methods", &methods, &nmethods,
	    err, errlen)) == -1)
		return -1;
	if (rc == 1)
		sc->dedup_id = sc->dedup_title = sc->dedup_link = 1;
	for (i = 0; i < nmethods; i++) {
		if (strcmp(methods[i], "id") == 0)
			sc->dedup_id = 1;
		else if (strcmp(methods[i], "title") == 0)
			sc->dedup_title = 1;
		else if (strcmp(methods[i], "link") == 0)
			sc->dedup_link = 1;
		else {
			errmsg_set(err, errlen, "deduplication_methods: unknown "
			    "method \"%s\" (id, title, link)", methods[i]);
			free_strs(methods, nmethods);
			return -1;
		}
	}
	free_strs(methods, nmethods);
	return 0;
}
