/*
 * paper_to_json(): a paper built as a json-c tree, field by field in the
 * schema's order.  Test-only: it is the reference paperjson_write() (the
 * one encoder) is checked against, byte for byte.
 */
#ifndef PAPER_REF_H
#define PAPER_REF_H

#include <stdio.h>

#include <json.h>

#include "record.h"

static inline struct json_object *
str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static inline struct json_object *
strlist_json(const struct strlist *l)
{
	struct json_object *a = json_object_new_array_ext((int)l->n);
	size_t i;

	for (i = 0; i < l->n; i++)
		json_object_array_add(a, json_object_new_string(l->v[i]));
	return a;
}

static inline struct json_object *
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
	if (p->arxiv_id)
		json_object_object_add(o, "arxiv_id", str_or_null(p->arxiv_id));
	else if (p->id && p->version) {
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
	if (p->link_abs)
		json_object_object_add(links, "abs", str_or_null(p->link_abs));
	else if (p->id) {
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

#endif
