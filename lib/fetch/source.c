#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "buf.h"
#include "errmsg.h"
#include "record.h"
#include "source.h"
#include "url.h"

static const char *const type_names[] = {
	"rss", "atom", "api", "ids", "oai", "html", "url", "pdf"
};

int
source_type_from_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strcmp(name, type_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
source_type_name(enum source_type t)
{
	return type_names[t];
}

void
source_free(struct source *s)
{
	if (s == NULL)
		return;
	free(s->arg);
	strlist_free(&s->ids);
	free(s->sort);
	free(s->order);
	free(s->set);
	free(s->from);
	free(s->until);
	free(s->prefix);
	json_object_put(s->request);
	free(s);
}

int
source_valid_date(const char *s)
{
	static const char day[] = "dddd-dd-dd", full[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i, n = strlen(s);
	const char *pat;

	if (n == sizeof(day) - 1)
		pat = day;
	else if (n == sizeof(full) - 1)
		pat = full;
	else
		return 0;
	for (i = 0; i < n; i++)
		if (pat[i] == 'd' ? !isdigit((unsigned char)s[i]) :
		    s[i] != pat[i])
			return 0;
	return 1;
}

/* A feed is categories joined by '+': "cs.AI+cs.LG", "math", "astro-ph.GA". */
static int
valid_feed(const char *s)
{
	const char *p;

	if (*s == '\0' || *s == '+')
		return 0;
	for (p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' &&
		    !(*p == '+' && p[1] != '+' && p[1] != '\0'))
			return 0;
	return 1;
}

/* The identifier as arXiv's URLs want it: "2501.11120v1", "hep-th/9901001". */
static char *
norm_id(const char *s, char *err, size_t errlen)
{
	struct buf b = {0};
	char *id;
	int v;

	if (arxiv_id_split(s, &id, &v) == -1) {
		errmsg_set(err, errlen, "not an arXiv identifier: %s", s);
		return NULL;
	}
	if (buf_adds(&b, id) == -1 || (v > 0 && buf_addf(&b, "v%d", v) == -1)) {
		free(id);
		buf_free(&b);
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	free(id);
	return buf_take(&b);
}

static int
dup_opt(char **dst, const char *s)
{
	if (s == NULL)
		return 0;
	return (*dst = strdup(s)) ? 0 : -1;
}

/* Check the paging and harvesting settings; -1 with err. */
static int
check(const struct source *s, char *err, size_t errlen)
{
	if (s->type == SOURCE_API) {
		if (s->max < 0 || s->max > SOURCE_API_LIMIT) {
			errmsg_set(err, errlen, "max: %ld: arXiv serves at "
			    "most %d results per query (0 asks for all of "
			    "them); split the query, e.g. by date", s->max,
			    SOURCE_API_LIMIT);
			return -1;
		}
		if (s->sort && strcmp(s->sort, "relevance") != 0 &&
		    strcmp(s->sort, "submitted") != 0 &&
		    strcmp(s->sort, "updated") != 0) {
			errmsg_set(err, errlen, "sort: %s: expected relevance, "
			    "submitted or updated", s->sort);
			return -1;
		}
		if (s->order && strcmp(s->order, "asc") != 0 &&
		    strcmp(s->order, "desc") != 0) {
			errmsg_set(err, errlen, "order: %s: expected asc or "
			    "desc", s->order);
			return -1;
		}
	}
	if ((s->type == SOURCE_API || s->type == SOURCE_IDS) &&
	    (s->page_size < 1 || s->page_size > SOURCE_PAGE_MAX)) {
		errmsg_set(err, errlen, "page size: %ld: expected 1 to %d",
		    s->page_size, SOURCE_PAGE_MAX);
		return -1;
	}
	if (s->type == SOURCE_OAI) {
		if (s->prefix && strcmp(s->prefix, "arXiv") != 0 &&
		    strcmp(s->prefix, "arXivRaw") != 0 &&
		    strcmp(s->prefix, "oai_dc") != 0) {
			errmsg_set(err, errlen, "prefix: %s: expected arXiv, "
			    "arXivRaw or oai_dc", s->prefix);
			return -1;
		}
		if (s->from && !source_valid_date(s->from)) {
			errmsg_set(err, errlen, "from: %s: expected "
			    "YYYY-MM-DD", s->from);
			return -1;
		}
		if (s->until && !source_valid_date(s->until)) {
			errmsg_set(err, errlen, "until: %s: expected "
			    "YYYY-MM-DD", s->until);
			return -1;
		}
		if (s->set && (*s->set == '\0' ||
		    strpbrk(s->set, " \t\r\n&#") != NULL)) {
			errmsg_set(err, errlen, "set: %s: not a set spec",
			    s->set);
			return -1;
		}
	}
	return 0;
}

/* Check and store the operand of a single-argument source. */
static int
set_arg(struct source *s, const char *arg, char *err, size_t errlen)
{
	switch (s->type) {
	case SOURCE_RSS:
	case SOURCE_ATOM:
		if (!valid_feed(arg)) {
			errmsg_set(err, errlen, "%s: not a category or "
			    "categories joined by '+': %s",
			    source_type_name(s->type), arg);
			return -1;
		}
		break;
	case SOURCE_API:
		if (*arg == '\0') {
			errmsg_set(err, errlen, "api: empty query");
			return -1;
		}
		break;
	case SOURCE_HTML:
	case SOURCE_PDF:
		if ((s->arg = norm_id(arg, err, errlen)) == NULL)
			return -1;
		return 0;
	case SOURCE_URL:
		if (!url_has_scheme(arg, "http") &&
		    !url_has_scheme(arg, "https") &&
		    !url_has_scheme(arg, "file")) {
			errmsg_set(err, errlen, "url: not an http, https or "
			    "file URL: %s", arg);
			return -1;
		}
		if (strpbrk(arg, " \t\r\n") != NULL) {
			errmsg_set(err, errlen, "url: white space in URL");
			return -1;
		}
		break;
	case SOURCE_IDS:
		return source_add_id(s, arg, err, errlen);
	case SOURCE_OAI:
		break;
	}
	if ((s->arg = strdup(arg)) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

static struct source *
source_alloc(enum source_type type, const struct source_defaults *d)
{
	struct source *s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->type = type;
	s->max = d->max;
	s->page_size = d->page_size;
	if (dup_opt(&s->sort, d->sort) == -1 ||
	    dup_opt(&s->order, d->order) == -1 ||
	    dup_opt(&s->set, d->set) == -1 ||
	    dup_opt(&s->from, d->from) == -1 ||
	    dup_opt(&s->until, d->until) == -1 ||
	    dup_opt(&s->prefix, d->prefix) == -1) {
		source_free(s);
		return NULL;
	}
	return s;
}

int
source_add_id(struct source *s, const char *id, char *err, size_t errlen)
{
	char *n;

	if ((n = norm_id(id, err, errlen)) == NULL)
		return -1;
	if (strlist_adds(&s->ids, n) == -1) {
		free(n);
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	free(n);
	return 0;
}

static void
add(struct json_object *o, const char *key, const char *s)
{
	if (s)
		json_object_object_add(o, key, json_object_new_string(s));
}

/* The request object equivalent to an operand source. */
static struct json_object *
operand_request(const struct source *s)
{
	struct json_object *o, *a;
	const char *p, *q;
	size_t i;

	if ((o = json_object_new_object()) == NULL)
		return NULL;
	add(o, "kind", "request");
	add(o, "source", source_type_name(s->type));
	switch (s->type) {
	case SOURCE_RSS:
	case SOURCE_ATOM:
		if (strchr(s->arg, '+') == NULL) {
			add(o, "category", s->arg);
			break;
		}
		a = json_object_new_array();
		for (p = s->arg; *p; p = *q ? q + 1 : q) {
			q = p + strcspn(p, "+");
			json_object_array_add(a,
			    json_object_new_string_len(p, (int)(q - p)));
		}
		json_object_object_add(o, "categories", a);
		break;
	case SOURCE_API:
		add(o, "query", s->arg);
		json_object_object_add(o, "max", json_object_new_int64(s->max));
		json_object_object_add(o, "page_size",
		    json_object_new_int64(s->page_size));
		add(o, "sort", s->sort);
		add(o, "order", s->order);
		break;
	case SOURCE_IDS:
		a = json_object_new_array();
		for (i = 0; i < s->ids.n; i++)
			json_object_array_add(a,
			    json_object_new_string(s->ids.v[i]));
		json_object_object_add(o, "ids", a);
		break;
	case SOURCE_OAI:
		add(o, "set", s->set);
		add(o, "from", s->from);
		add(o, "until", s->until);
		add(o, "prefix", s->prefix ? s->prefix : "arXiv");
		break;
	case SOURCE_HTML:
	case SOURCE_PDF:
		add(o, "id", s->arg);
		break;
	case SOURCE_URL:
		add(o, "url", s->arg);
		break;
	}
	return o;
}

struct source *
source_new(enum source_type type, const char *arg,
    const struct source_defaults *d, char *err, size_t errlen)
{
	struct source *s;

	if ((s = source_alloc(type, d)) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	if ((arg && set_arg(s, arg, err, errlen) == -1) ||
	    check(s, err, errlen) == -1) {
		source_free(s);
		return NULL;
	}
	return s;
}

/* Record fields: a string, or NULL; -1 with err for another type. */
static int
rec_str(struct json_object *o, const char *key, const char **out, char *err,
    size_t errlen)
{
	struct json_object *v;

	*out = NULL;
	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_string)) {
		errmsg_set(err, errlen, "request: \"%s\" is not a string", key);
		return -1;
	}
	*out = json_object_get_string(v);
	return 0;
}

static int
rec_long(struct json_object *o, const char *key, long *out, char *err,
    size_t errlen)
{
	struct json_object *v;
	int64_t n;

	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_int) ||
	    (n = json_object_get_int64(v)) < 0 || n > 1000000000) {
		errmsg_set(err, errlen, "request: \"%s\" is not a count", key);
		return -1;
	}
	*out = (long)n;
	return 0;
}

/* Strings of an array field joined by sep into b; -1 with err. */
static int
rec_join(struct json_object *o, const char *key, char sep, struct buf *b,
    char *err, size_t errlen)
{
	struct json_object *v, *e;
	size_t i, n;

	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_array) ||
	    (n = json_object_array_length(v)) == 0)
		goto bad;
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(v, i);
		if (!json_object_is_type(e, json_type_string))
			goto bad;
		if ((i > 0 && buf_addc(b, sep) == -1) ||
		    buf_adds(b, json_object_get_string(e)) == -1) {
			errmsg_set(err, errlen, "out of memory");
			return -1;
		}
	}
	return 1;
bad:
	errmsg_set(err, errlen, "request: \"%s\" is not an array of strings",
	    key);
	return -1;
}

struct source *
source_from_record(struct json_object *rq, const struct source_defaults *d,
    char *err, size_t errlen)
{
	const char *name, *arg = NULL, *sv;
	struct source_defaults rd = *d;
	struct source *s = NULL;
	struct buf list = {0};
	const char *p, *q;
	int type, rc = -1;

	if (rec_str(rq, "source", &name, err, errlen) == -1)
		return NULL;
	if (name == NULL)
		name = "url";
	if ((type = source_type_from_name(name)) == -1) {
		errmsg_set(err, errlen, "request: unknown source \"%s\"", name);
		return NULL;
	}
	if (rec_long(rq, "max", &rd.max, err, errlen) == -1 ||
	    rec_long(rq, "page_size", &rd.page_size, err, errlen) == -1)
		return NULL;
#define STR(key) do {							\
	if (rec_str(rq, #key, &sv, err, errlen) == -1)			\
		return NULL;						\
	if (sv)								\
		rd.key = sv;						\
} while (0)
	STR(sort);
	STR(order);
	STR(set);
	STR(from);
	STR(until);
	STR(prefix);
#undef STR
	switch (type) {
	case SOURCE_RSS:
	case SOURCE_ATOM:
		if (rec_str(rq, "category", &arg, err, errlen) == -1 ||
		    (arg == NULL && (rc = rec_join(rq, "categories", '+',
		    &list, err, errlen)) != 1)) {
			if (arg == NULL && rc == 0)
				errmsg_set(err, errlen, "request: %s: no "
				    "\"category\" or \"categories\"", name);
			goto fail;
		}
		if (arg == NULL)
			arg = buf_str(&list);
		break;
	case SOURCE_API:
		if (rec_str(rq, "query", &arg, err, errlen) == -1)
			goto fail;
		if (arg == NULL) {
			errmsg_set(err, errlen, "request: api: no \"query\"");
			goto fail;
		}
		break;
	case SOURCE_IDS:
		if (rec_str(rq, "id", &arg, err, errlen) == -1 ||
		    (arg == NULL && (rc = rec_join(rq, "ids", ' ', &list,
		    err, errlen)) != 1)) {
			if (arg == NULL && rc == 0)
				errmsg_set(err, errlen, "request: ids: no "
				    "\"id\" or \"ids\"");
			goto fail;
		}
		break;
	case SOURCE_HTML:
	case SOURCE_PDF:
		if (rec_str(rq, "id", &arg, err, errlen) == -1)
			goto fail;
		if (arg == NULL) {
			errmsg_set(err, errlen, "request: %s: no \"id\"", name);
			goto fail;
		}
		break;
	case SOURCE_URL:
		if (rec_str(rq, "url", &arg, err, errlen) == -1)
			goto fail;
		if (arg == NULL) {
			errmsg_set(err, errlen, "request: no \"url\" or "
			    "\"source\"");
			goto fail;
		}
		break;
	default:
		break;
	}
	if (type == SOURCE_IDS && arg == NULL) {
		if ((s = source_new(SOURCE_IDS, NULL, &rd, err, errlen)) ==
		    NULL)
			goto fail;
		for (p = buf_str(&list); *p; p = *q ? q + 1 : q) {
			char one[256];
			size_t n;

			q = p + strcspn(p, " ");
			n = (size_t)(q - p);
			if (n >= sizeof(one)) {
				errmsg_set(err, errlen, "not an arXiv "
				    "identifier: %.*s...", 40, p);
				goto fail;
			}
			memcpy(one, p, n);
			one[n] = '\0';
			if (source_add_id(s, one, err, errlen) == -1)
				goto fail;
		}
	} else if ((s = source_new((enum source_type)type, arg, &rd, err,
	    errlen)) == NULL)
		goto fail;
	s->request = json_object_get(rq);
	buf_free(&list);
	return s;
fail:
	source_free(s);
	buf_free(&list);
	return NULL;
}

struct json_object *
source_request(struct source *s)
{
	if (s->request == NULL)
		s->request = operand_request(s);
	return s->request;
}

char *
source_url(const struct source *s, const struct source_bases *b, long start,
    long n, const char *token)
{
	struct buf u = {0};
	const char *p;
	char *e = NULL;
	long i;
	int bad = 0;

	switch (s->type) {
	case SOURCE_RSS:
		bad = buf_addf(&u, "%s%s", b->rss, s->arg);
		break;
	case SOURCE_ATOM:
		bad = buf_addf(&u, "%s%s", b->atom, s->arg);
		break;
	case SOURCE_HTML:
	case SOURCE_PDF:
		/* {base}/{id}: the slash is added unless the base has one. */
		p = s->type == SOURCE_HTML ? b->html : b->pdf;
		bad = buf_addf(&u, "%s%s%s", p, *p && p[strlen(p) - 1] == '/' ?
		    "" : "/", s->arg);
		break;
	case SOURCE_URL:
		bad = buf_adds(&u, s->arg);
		break;
	case SOURCE_API:
		if ((e = url_escape(s->arg)) == NULL)
			return NULL;
		bad = buf_addf(&u, "%s%csearch_query=%s&start=%ld"
		    "&max_results=%ld", b->api, strchr(b->api, '?') ? '&' : '?',
		    e, start, n);
		if (!bad && s->sort)
			bad = buf_addf(&u, "&sortBy=%s",
			    strcmp(s->sort, "submitted") == 0 ? "submittedDate" :
			    strcmp(s->sort, "updated") == 0 ? "lastUpdatedDate" :
			    "relevance");
		if (!bad && s->order)
			bad = buf_addf(&u, "&sortOrder=%s",
			    strcmp(s->order, "asc") == 0 ? "ascending" :
			    "descending");
		break;
	case SOURCE_IDS:
		bad = buf_addf(&u, "%s%cid_list=", b->api,
		    strchr(b->api, '?') ? '&' : '?');
		for (i = start; !bad && i < start + n && (size_t)i < s->ids.n;
		    i++)
			bad = buf_addf(&u, "%s%s", i > start ? "," : "",
			    s->ids.v[i]);
		if (!bad)
			bad = buf_addf(&u, "&max_results=%ld", n);
		break;
	case SOURCE_OAI:
		bad = buf_addf(&u, "%s%cverb=ListRecords", b->oai,
		    strchr(b->oai, '?') ? '&' : '?');
		if (token) {
			if ((e = url_escape(token)) == NULL)
				bad = -1;
			else
				bad = buf_addf(&u, "&resumptionToken=%s", e);
			break;
		}
		bad = buf_addf(&u, "&metadataPrefix=%s",
		    s->prefix ? s->prefix : "arXiv");
		if (!bad && s->set) {
			if ((e = url_escape(s->set)) == NULL)
				bad = -1;
			else
				bad = buf_addf(&u, "&set=%s", e);
		}
		if (!bad && s->from)
			bad = buf_addf(&u, "&from=%s", s->from);
		if (!bad && s->until)
			bad = buf_addf(&u, "&until=%s", s->until);
		break;
	}
	free(e);
	if (bad) {
		buf_free(&u);
		return NULL;
	}
	return buf_take(&u);
}
