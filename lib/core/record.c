#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "record.h"

int
strlist_take(struct strlist *l, char *s)
{
	char **v;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;

		if ((v = realloc(l->v, cap * sizeof(*v))) == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
	return 0;
}

int
strlist_add(struct strlist *l, const char *s, size_t n)
{
	char *c;

	if ((c = strndup(s, n)) == NULL)
		return -1;
	if (strlist_take(l, c) == -1) {
		free(c);
		return -1;
	}
	return 0;
}

int
strlist_adds(struct strlist *l, const char *s)
{
	return strlist_add(l, s, strlen(s));
}

void
strlist_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void
paper_clear(struct paper *p)
{
	free(p->id);
	free(p->title);
	free(p->abstract);
	strlist_free(&p->authors);
	strlist_free(&p->categories);
	free(p->primary_category);
	free(p->announce_type);
	free(p->published);
	free(p->updated);
	free(p->link_pdf);
	free(p->link_html);
	free(p->comment);
	free(p->journal_ref);
	free(p->doi);
	free(p->license);
	free(p->source_format);
	free(p->source_feed);
	free(p->source_url);
	memset(p, 0, sizeof(*p));
}

int
paper_set(char **field, const char *s, size_t n)
{
	char *c = NULL;

	if (s != NULL) {
		if (n == (size_t)-1)
			n = strlen(s);
		if ((c = strndup(s, n)) == NULL)
			return -1;
	}
	free(*field);
	*field = c;
	return 0;
}

/* Length of a new-style id "YYMM.NNNN[N]" at s, or 0. */
static size_t
new_style_len(const char *s)
{
	size_t i, n;

	for (i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	if (s[4] != '.')
		return 0;
	for (n = 0; isdigit((unsigned char)s[5 + n]); n++)
		;
	return (n == 4 || n == 5) ? 5 + n : 0;
}

/* Length of an old-style id "archive(.SUB)/YYMMNNN" at s, or 0. */
static size_t
old_style_len(const char *s)
{
	size_t i = 0, n;

	while (islower((unsigned char)s[i]) || s[i] == '-')
		i++;
	if (i == 0)
		return 0;
	if (s[i] == '.') {
		i++;
		while (isalpha((unsigned char)s[i]))
			i++;
	}
	if (s[i] != '/')
		return 0;
	i++;
	for (n = 0; isdigit((unsigned char)s[i + n]); n++)
		;
	return n == 7 ? i + n : 0;
}

int
arxiv_id_split(const char *s, char **id, int *version)
{
	static const char *prefixes[] = {
		"oai:arXiv.org:", "arXiv:", "arxiv:",
		"http://arxiv.org/abs/", "https://arxiv.org/abs/",
		"http://arxiv.org/pdf/", "https://arxiv.org/pdf/",
		"http://export.arxiv.org/abs/", "https://export.arxiv.org/abs/",
	};
	size_t i, n;
	long v = 0;
	char *end;

	*id = NULL;
	*version = 0;
	while (isspace((unsigned char)*s))
		s++;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t pl = strlen(prefixes[i]);

		if (strncmp(s, prefixes[i], pl) == 0) {
			s += pl;
			break;
		}
	}
	if ((n = new_style_len(s)) == 0 && (n = old_style_len(s)) == 0)
		return -1;
	if (s[n] == 'v' && isdigit((unsigned char)s[n + 1])) {
		v = strtol(s + n + 1, &end, 10);
		if (v <= 0 || v > 1000000)
			v = 0;
	}
	if ((*id = strndup(s, n)) == NULL)
		return -1;
	*version = (int)v;
	return 0;
}

static struct json_object *
str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static struct json_object *
strlist_json(const struct strlist *l)
{
	struct json_object *a = json_object_new_array_ext((int)l->n);
	size_t i;

	for (i = 0; i < l->n; i++)
		json_object_array_add(a, json_object_new_string(l->v[i]));
	return a;
}

struct json_object *
paper_to_json(const struct paper *p)
{
	struct json_object *o, *links, *src;
	char buf[256];
	const char *primary;

	o = json_object_new_object();
	json_object_object_add(o, "kind", json_object_new_string("paper"));
	json_object_object_add(o, "id", str_or_null(p->id));
	json_object_object_add(o, "version",
	    p->version ? json_object_new_int(p->version) : NULL);
	if (p->id && p->version) {
		snprintf(buf, sizeof(buf), "%sv%d", p->id, p->version);
		json_object_object_add(o, "arxiv_id",
		    json_object_new_string(buf));
	} else
		json_object_object_add(o, "arxiv_id", str_or_null(p->id));
	json_object_object_add(o, "title", str_or_null(p->title));
	json_object_object_add(o, "abstract", str_or_null(p->abstract));
	json_object_object_add(o, "authors", strlist_json(&p->authors));
	json_object_object_add(o, "categories", strlist_json(&p->categories));
	primary = p->primary_category ? p->primary_category :
	    p->categories.n ? p->categories.v[0] : NULL;
	json_object_object_add(o, "primary_category", str_or_null(primary));
	json_object_object_add(o, "announce_type", str_or_null(p->announce_type));
	json_object_object_add(o, "published", str_or_null(p->published));
	json_object_object_add(o, "updated", str_or_null(p->updated));

	links = json_object_new_object();
	if (p->id) {
		snprintf(buf, sizeof(buf), "https://arxiv.org/abs/%s", p->id);
		json_object_object_add(links, "abs",
		    json_object_new_string(buf));
	} else
		json_object_object_add(links, "abs", NULL);
	if (p->link_pdf)
		json_object_object_add(links, "pdf",
		    json_object_new_string(p->link_pdf));
	else if (p->id) {
		if (p->version)
			snprintf(buf, sizeof(buf), "https://arxiv.org/pdf/%sv%d",
			    p->id, p->version);
		else
			snprintf(buf, sizeof(buf), "https://arxiv.org/pdf/%s",
			    p->id);
		json_object_object_add(links, "pdf",
		    json_object_new_string(buf));
	} else
		json_object_object_add(links, "pdf", NULL);
	json_object_object_add(links, "html", str_or_null(p->link_html));
	json_object_object_add(o, "links", links);

	json_object_object_add(o, "comment", str_or_null(p->comment));
	json_object_object_add(o, "journal_ref", str_or_null(p->journal_ref));
	json_object_object_add(o, "doi", str_or_null(p->doi));
	json_object_object_add(o, "license", str_or_null(p->license));

	src = json_object_new_object();
	json_object_object_add(src, "format", str_or_null(p->source_format));
	json_object_object_add(src, "feed", str_or_null(p->source_feed));
	json_object_object_add(src, "url", str_or_null(p->source_url));
	json_object_object_add(o, "source", src);
	return o;
}

const char *
record_str(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

const char *
record_kind(struct json_object *o)
{
	return record_str(o, "kind");
}

double
record_num(struct json_object *o, const char *key, double def)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return def;
	if (json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double))
		return json_object_get_double(v);
	return def;
}

void
record_set(struct json_object *o, const char *key, struct json_object *val)
{
	/*
	 * json-c keeps insertion order and json_object_object_add() replaces
	 * a present key's value in place, so the position is kept.
	 */
	json_object_object_add(o, key, val);
}
