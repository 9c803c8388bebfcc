#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "config.h"
#include "configcheck.h"
#include "jsonc.h"

/*
 * arXiv's category taxonomy (https://arxiv.org/category_taxonomy): the
 * archives first, which arxiv-score reads as all their categories, then
 * every category.
 */
static const char *const categories[] = {
	"astro-ph", "cond-mat", "cs", "econ", "eess", "gr-qc", "hep-ex",
	"hep-lat", "hep-ph", "hep-th", "math", "math-ph", "nlin", "nucl-ex",
	"nucl-th", "physics", "q-bio", "q-fin", "quant-ph", "stat",
	"astro-ph.CO", "astro-ph.EP", "astro-ph.GA", "astro-ph.HE",
	"astro-ph.IM", "astro-ph.SR",
	"cond-mat.dis-nn", "cond-mat.mes-hall", "cond-mat.mtrl-sci",
	"cond-mat.other", "cond-mat.quant-gas", "cond-mat.soft",
	"cond-mat.stat-mech", "cond-mat.str-el", "cond-mat.supr-con",
	"cs.AI", "cs.AR", "cs.CC", "cs.CE", "cs.CG", "cs.CL", "cs.CR", "cs.CV",
	"cs.CY", "cs.DB", "cs.DC", "cs.DL", "cs.DM", "cs.DS", "cs.ET", "cs.FL",
	"cs.GL", "cs.GR", "cs.GT", "cs.HC", "cs.IR", "cs.IT", "cs.LG", "cs.LO",
	"cs.MA", "cs.MM", "cs.MS", "cs.NA", "cs.NE", "cs.NI", "cs.OH", "cs.OS",
	"cs.PF", "cs.PL", "cs.RO", "cs.SC", "cs.SD", "cs.SE", "cs.SI", "cs.SY",
	"econ.EM", "econ.GN", "econ.TH",
	"eess.AS", "eess.IV", "eess.SP", "eess.SY",
	"math.AC", "math.AG", "math.AP", "math.AT", "math.CA", "math.CO",
	"math.CT", "math.CV", "math.DG", "math.DS", "math.FA", "math.GM",
	"math.GN", "math.GR", "math.GT", "math.HO", "math.IT", "math.KT",
	"math.LO", "math.MG", "math.MP", "math.NA", "math.NT", "math.OA",
	"math.OC", "math.PR", "math.QA", "math.RA", "math.RT", "math.SG",
	"math.SP", "math.ST",
	"nlin.AO", "nlin.CD", "nlin.CG", "nlin.PS", "nlin.SI",
	"physics.acc-ph", "physics.ao-ph", "physics.app-ph", "physics.atm-clus",
	"physics.atom-ph", "physics.bio-ph", "physics.chem-ph",
	"physics.class-ph", "physics.comp-ph", "physics.data-an",
	"physics.ed-ph", "physics.flu-dyn", "physics.gen-ph", "physics.geo-ph",
	"physics.hist-ph", "physics.ins-det", "physics.med-ph",
	"physics.optics", "physics.plasm-ph", "physics.pop-ph",
	"physics.soc-ph", "physics.space-ph",
	"q-bio.BM", "q-bio.CB", "q-bio.GN", "q-bio.MN", "q-bio.NC", "q-bio.OT",
	"q-bio.PE", "q-bio.QM", "q-bio.SC", "q-bio.TO",
	"q-fin.CP", "q-fin.EC", "q-fin.GN", "q-fin.MF", "q-fin.PM", "q-fin.PR",
	"q-fin.RM", "q-fin.ST", "q-fin.TR",
	"stat.AP", "stat.CO", "stat.ME", "stat.ML", "stat.OT", "stat.TH",
};
#define NCATEGORIES	(sizeof(categories) / sizeof(categories[0]))

/* What a key holds; null is always allowed (it means the default). */
enum kind {
	K_ARRAY, K_OBJECT, K_STRING, K_BOOL,
	K_NUMBER,		/* any finite number */
	K_COUNT,		/* a number >= 0 */
};

struct key {
	const char	*name;
	enum kind	 kind;
	const char	*elements;	/* arrays: the element rule, below */
};

static const struct key top_keys[] = {
	{ "ai_summary", K_OBJECT, NULL },
	{ "announce_types", K_ARRAY, "announce" },
	{ "arxiv", K_OBJECT, NULL },
	{ "authors", K_ARRAY, "author" },
	{ "categories", K_ARRAY, "category" },
	{ "days_back", K_COUNT, NULL },
	{ "deduplication_methods", K_ARRAY, "dedup" },
	{ "display_limit", K_COUNT, NULL },
	{ "enable_deduplication", K_BOOL, NULL },
	{ "exclude_keywords", K_ARRAY, "term" },
	{ "fetch_ratings", K_BOOL, NULL },
	{ "keep_data_days", K_COUNT, NULL },
	{ "keywords", K_ARRAY, "term" },
	{ "library_weight", K_NUMBER, NULL },
	{ "mail", K_OBJECT, NULL },
	{ "max_papers", K_COUNT, NULL },
	{ "min_score", K_NUMBER, NULL },
	{ "readme_template", K_STRING, NULL },
	{ "title_bonus", K_NUMBER, NULL },
};

static const struct key ai_keys[] = {
	{ "api_key_env", K_STRING, NULL },
	{ "base_url", K_STRING, NULL },
	{ "enabled", K_BOOL, NULL },
	{ "extra_headers", K_OBJECT, NULL },
	{ "input", K_STRING, NULL },
	{ "language", K_STRING, NULL },
	{ "max_input_tokens", K_COUNT, NULL },
	{ "max_papers_to_summarize", K_COUNT, NULL },
	{ "max_tokens", K_COUNT, NULL },
	{ "max_workers", K_COUNT, NULL },
	{ "model", K_STRING, NULL },
	{ "prompt_file", K_STRING, NULL },
	{ "retries", K_COUNT, NULL },
	{ "temperature", K_NUMBER, NULL },
	{ "timeout", K_COUNT, NULL },
};

static const struct key arxiv_keys[] = {
	{ "api_base", K_STRING, NULL },
	{ "atom_base", K_STRING, NULL },
	{ "html_base", K_STRING, NULL },
	{ "oai_base", K_STRING, NULL },
	{ "pdf_base", K_STRING, NULL },
	{ "rss_base", K_STRING, NULL },
};

static const struct key mail_keys[] = {
	{ "from", K_STRING, NULL },
	{ "sendmail", K_STRING, NULL },
	{ "smtp_password_env", K_STRING, NULL },
	{ "smtp_url", K_STRING, NULL },
	{ "smtp_user_env", K_STRING, NULL },
	{ "subject", K_STRING, NULL },
	{ "to", K_STRING, NULL },
};

static const struct key term_keys[] = {
	{ "fields", K_ARRAY, "field" },
	{ "regex", K_BOOL, NULL },
	{ "term", K_STRING, NULL },
	{ "weight", K_NUMBER, NULL },
};

static const struct key author_keys[] = {
	{ "name", K_STRING, NULL },
	{ "weight", K_NUMBER, NULL },
};

static const char *const announce_types[] = {
	"new", "cross", "replace", "replace-cross"
};
static const char *const dedup_methods[] = { "id", "title", "link" };
static const char *const term_fields[] = {
	"title", "abstract", "authors", "comment", "categories"
};
static const char *const inputs[] = { "fulltext", "abstract" };

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Add a message (printf-style); -1 out of memory. */
static int
say(struct configcheck *cc, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
say(struct configcheck *cc, int error, const char *fmt, ...)
{
	struct configcheck_msg *m;
	va_list ap;
	char text[512];

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (cc->n == cc->cap) {
		size_t cap = cc->cap ? cc->cap * 2 : 8;

		if ((m = realloc(cc->m, cap * sizeof(*m))) == NULL)
			return -1;
		cc->m = m;
		cc->cap = cap;
	}
	if ((cc->m[cc->n].text = strdup(text)) == NULL)
		return -1;
	cc->m[cc->n++].error = error;
	if (error)
		cc->nerrors++;
	return 0;
}

void
configcheck_free(struct configcheck *cc)
{
	size_t i;

	if (cc == NULL)
		return;
	for (i = 0; i < cc->n; i++)
		free(cc->m[i].text);
	free(cc->m);
	cc->m = NULL;
	cc->n = cc->cap = cc->nerrors = 0;
}

/*
 * The edit distance between a and b (Levenshtein, case-insensitive),
 * capped: names longer than 63 bytes are compared on their first 63.
 */
static size_t
distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t row[64], i, j, prev, cur;

	if (la > 63)
		la = 63;
	if (lb > 63)
		lb = 63;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			if (tolower((unsigned char)a[i - 1]) ==
			    tolower((unsigned char)b[j - 1]))
				row[j] = prev;
			else {
				row[j] = prev;
				if (row[j - 1] < row[j])
					row[j] = row[j - 1];
				if (cur < row[j])
					row[j] = cur;
				row[j]++;
			}
			prev = cur;
		}
	}
	return row[lb];
}

const char *
configcheck_nearest(const char *s, const char *const *set, size_t n)
{
	const char *best = NULL;
	size_t i, d, bestd = (size_t)-1, len, limit;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	for (i = 0; i < n; i++) {
		d = distance(s, len, set[i], strlen(set[i]));
		if (d < bestd) {
			bestd = d;
			best = set[i];
		}
	}
	return bestd <= limit ? best : NULL;
}

int
configcheck_is_category(const char *cat)
{
	size_t i;

	for (i = 0; i < NCATEGORIES; i++)
		if (strcmp(categories[i], cat) == 0)
			return 1;
	return 0;
}

const char *
configcheck_nearest_category(const char *cat)
{
	return configcheck_nearest(cat, categories, NCATEGORIES);
}

static const char *
type_name(struct json_object *v)
{
	return jsonc_is_bool(v) ? "true or false" :
	    jsonc_is_number(v) ? "a number" :
	    jsonc_is_object(v) ? "an object" :
	    jsonc_is_array(v) ? "an array" :
	    jsonc_is_string(v) ? "a string" : "null";
}

/* A string value that must be one of set: an error with the nearest. */
static int
one_of(struct configcheck *cc, const char *where, const char *s,
    const char *what, const char *const *set, size_t n)
{
	const char *near;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return 0;
	if ((near = configcheck_nearest(s, set, n)) != NULL)
		return say(cc, 1, "%s: \"%s\" is not %s (did you mean "
		    "\"%s\"?)", where, s, what, near);
	return say(cc, 1, "%s: \"%s\" is not %s", where, s, what);
}

static int check_object(struct configcheck *, const char *prefix,
	    struct json_object *, const struct key *, size_t);
static int check_mail(struct configcheck *, struct json_object *);

/* One element of an array key, by the key's element rule. */
static int
check_element(struct configcheck *cc, const char *where, const char *rule,
    struct json_object *e)
{
	const char *s = jsonc_is_string(e) ?
	    jsonc_string(e, NULL) : NULL;
	const char *near;

	if (strcmp(rule, "term") == 0 || strcmp(rule, "author") == 0) {
		int term = rule[0] == 't';

		if (s != NULL)
			return 0;
		if (!jsonc_is_object(e))
			return say(cc, 1, "%s: expected a string or an "
			    "object, not %s", where, type_name(e));
		if (term ? check_object(cc, where, e, term_keys,
		    NELEM(term_keys)) : check_object(cc, where, e,
		    author_keys, NELEM(author_keys)))
			return -1;
		if (!jsonc_has(e, term ? "term" : "name"))
			return say(cc, 1, "%s: no \"%s\"", where,
			    term ? "term" : "name");
		return 0;
	}
	if (s == NULL)
		return say(cc, 1, "%s: expected a string, not %s", where,
		    type_name(e));
	if (strcmp(rule, "category") == 0) {
		if (configcheck_is_category(s))
			return 0;
		if ((near = configcheck_nearest_category(s)) != NULL)
			return say(cc, 1, "%s: \"%s\" is not an arXiv category "
			    "(did you mean \"%s\"?)", where, s, near);
		return say(cc, 1, "%s: \"%s\" is not an arXiv category",
		    where, s);
	}
	if (strcmp(rule, "announce") == 0)
		return one_of(cc, where, s, "an arXiv announce type (new, "
		    "cross, replace, replace-cross)", announce_types,
		    NELEM(announce_types));
	if (strcmp(rule, "dedup") == 0)
		return one_of(cc, where, s, "a deduplication method (id, "
		    "title, link)", dedup_methods, NELEM(dedup_methods));
	return one_of(cc, where, s, "a field (title, abstract, authors, "
	    "comment, categories)", term_fields, NELEM(term_fields));
}

/* One value of a known key: its type, its range, its elements. */
static int
check_value(struct configcheck *cc, const char *where, const struct key *k,
    struct json_object *v)
{
	char at[640];
	double d;
	size_t i, n;

	if (v == NULL)		/* null: the default */
		return 0;
	switch (k->kind) {
	case K_ARRAY:
		if (!jsonc_is_array(v))
			return say(cc, 1, "%s: expected an array, not %s",
			    where, type_name(v));
		n = jsonc_array_len(v);
		for (i = 0; i < n; i++) {
			snprintf(at, sizeof(at), "%s[%zu]", where, i);
			if (check_element(cc, at, k->elements,
			    jsonc_array_at(v, i)) == -1)
				return -1;
		}
		return 0;
	case K_OBJECT:
		if (!jsonc_is_object(v))
			return say(cc, 1, "%s: expected an object, not %s",
			    where, type_name(v));
		return 0;
	case K_STRING:
		if (!jsonc_is_string(v))
			return say(cc, 1, "%s: expected a string, not %s",
			    where, type_name(v));
		if (strncmp(where, "mail.", 5) == 0 &&
		    strpbrk(jsonc_string(v, NULL), "\r\n") != NULL)
			return say(cc, 1, "%s: a line break", where);
		if (strcmp(where, "ai_summary.input") == 0)
			return one_of(cc, where, jsonc_string(v, NULL),
			    "an input kind (fulltext, abstract)", inputs,
			    NELEM(inputs));
		return 0;
	case K_BOOL:
		if (!jsonc_is_bool(v))
			return say(cc, 1, "%s: expected true or false, not %s",
			    where, type_name(v));
		return 0;
	case K_NUMBER:
	case K_COUNT:
		if (!jsonc_is_number(v))
			return say(cc, 1, "%s: expected a number, not %s",
			    where, type_name(v));
		d = jsonc_number(v);
		if (!isfinite(d))
			return say(cc, 1, "%s: expected a finite number",
			    where);
		if (k->kind == K_COUNT && d < 0)
			return say(cc, 1, "%s: %g is negative (0 or more; "
			    "leave the key out for the default)", where, d);
		return 0;
	}
	return 0;
}

/* The mail block: its keys, and a recipient and a way to send. */
static int
check_mail(struct configcheck *cc, struct json_object *m)
{
	if (check_object(cc, "mail", m, mail_keys, NELEM(mail_keys)) == -1)
		return -1;
	if (!jsonc_has(m, "to") &&
	    say(cc, 1, "mail.to: needed to send the digest") == -1)
		return -1;
	if (!jsonc_has(m, "sendmail") &&
	    !jsonc_has(m, "smtp_url"))
		return say(cc, 1, "mail: needs \"sendmail\" (a command) or "
		    "\"smtp_url\"");
	return 0;
}

/*
 * The members of object o against keys (sorted or not): an unknown one
 * is a warning with the nearest known key; a known one is checked, and
 * the two blocks of the top level are walked into.
 */
static int
check_object(struct configcheck *cc, const char *prefix,
    struct json_object *o, const struct key *keys, size_t n)
{
	const char *names[32], *near, *name;
	struct jsonc_iter it = { 0 };
	struct json_object *v;
	char where[512];
	size_t i;

	for (i = 0; i < n && i < NELEM(names); i++)
		names[i] = keys[i].name;
	while (jsonc_each(o, &it, &name, &v)) {
		snprintf(where, sizeof(where), "%s%s%s", prefix,
		    *prefix ? "." : "", name);
		for (i = 0; i < n; i++)
			if (strcmp(keys[i].name, name) == 0)
				break;
		if (i == n) {
			near = configcheck_nearest(name, names, n);
			if ((near ? say(cc, 0, "unknown key \"%s\" (did you "
			    "mean \"%s%s%s\"?)", where, prefix,
			    *prefix ? "." : "", near) :
			    say(cc, 0, "unknown key \"%s\"", where)) == -1)
				return -1;
			continue;
		}
		if (check_value(cc, where, &keys[i], v) == -1)
			return -1;
		if (*prefix || v == NULL ||
		    !jsonc_is_object(v))
			continue;
		if (strcmp(name, "ai_summary") == 0 && check_object(cc, name,
		    v, ai_keys, NELEM(ai_keys)) == -1)
			return -1;
		if (strcmp(name, "arxiv") == 0 && check_object(cc, name, v,
		    arxiv_keys, NELEM(arxiv_keys)) == -1)
			return -1;
		if (strcmp(name, "mail") == 0 && check_mail(cc, v) == -1)
			return -1;
	}
	return 0;
}

int
configcheck_run(struct configcheck *cc, const struct config *c)
{
	if (check_object(cc, "", c->root, top_keys, NELEM(top_keys)) == -1)
		return -1;
	return 0;
}

int
configcheck_daily(const struct config *c, struct buf *out)
{
	struct json_object *v, *e;
	size_t i, n;
	const char *s;
	int rc = 0, fulltext = 0;

	rc |= buf_adds(out, "categories");
	if ((v = config_get(c, "categories")) != NULL &&
	    jsonc_is_array(v)) {
		n = jsonc_array_len(v);
		for (i = 0; i < n; i++) {
			e = jsonc_array_at(v, i);
			if (jsonc_is_string(e) &&
			    configcheck_is_category(s = jsonc_string(e, NULL)))
				rc |= buf_addf(out, " %s", s);
		}
	}
	rc |= buf_addc(out, '\n');
	v = config_get(c, "keep_data_days");
	rc |= buf_addf(out, "keep_data_days %ld\n", v != NULL &&
	    jsonc_number(v) >= 0 && jsonc_number(v) < 1e6 ?
	    (long)jsonc_number(v) : 14L);
	if ((v = config_get(c, "readme_template")) != NULL &&
	    jsonc_is_string(v) &&
	    strchr(s = jsonc_string(v, NULL), '\n') == NULL)
		rc |= buf_addf(out, "readme_template %s\n", s);
	if ((v = config_get(c, "ai_summary.enabled")) != NULL &&
	    jsonc_is_bool(v) && jsonc_bool(v)) {
		v = config_get(c, "ai_summary.input");
		fulltext = v == NULL || (jsonc_is_string(v) &&
		    strcmp(jsonc_string(v, NULL), "fulltext") == 0);
	}
	rc |= buf_addf(out, "fulltext %d\n", fulltext);
	/* The variable that must hold the key for a model to be asked. */
	if ((v = config_get(c, "ai_summary.api_key_env")) == NULL ||
	    !jsonc_is_string(v) || strpbrk(s = jsonc_string(v, NULL),
	    " \t\r\n") != NULL || *s == '\0')
		s = "DASHSCOPE_API_KEY";
	rc |= buf_addf(out, "api_key_env %s\n", s);
	for (i = 0; i < NELEM(mail_keys); i++) {
		char key[64];

		snprintf(key, sizeof(key), "mail.%s", mail_keys[i].name);
		if ((v = config_get(c, key)) != NULL &&
		    jsonc_is_string(v) &&
		    strpbrk(s = jsonc_string(v, NULL), "\r\n") == NULL)
			rc |= buf_addf(out, "mail_%s %s\n", mail_keys[i].name,
			    s);
	}
	return rc ? -1 : 0;
}
