#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json.h>

#include "buf.h"
#include "date.h"
#include "errmsg.h"
#include "record.h"
#include "render.h"
#include "render_html.h"
#include "render_jsonfeed.h"

/*
 * Set key on o to a new string s (when s is not NULL).  json-c: the
 * object takes the new reference.  -1 when out of memory.
 */
static int
put_str(struct json_object *o, const char *key, const char *s)
{
	struct json_object *v;

	if (s == NULL)
		return 0;
	if ((v = json_object_new_string(s)) == NULL)
		return -1;
	if (json_object_object_add(o, key, v) != 0) {
		json_object_put(v);
		return -1;
	}
	return 0;
}

/* An RFC 3339 time normalised to UTC, or NULL (into buf). */
static const char *
rfc3339(const char *s, char *buf, size_t len)
{
	time_t t;

	if (s == NULL || date_parse(s, &t) == -1)
		return NULL;
	date_format(t, buf, len);
	return buf;
}

static struct json_object *
item(const struct paper *p, struct buf *html, char *err,
    size_t errlen)
{
	struct json_object *it, *a, *o;
	char pub[DATE_LEN], upd[DATE_LEN];
	size_t i;

	buf_reset(html);
	if (render_html_paper(html, p, 0, err, errlen) == -1)
		return NULL;
	if ((it = json_object_new_object()) == NULL)
		goto nomem;
	if (put_str(it, "id", p->arxiv_id ? p->arxiv_id : p->link_abs) == -1 ||
	    put_str(it, "url", p->link_abs) == -1 ||
	    put_str(it, "title", p->title ? p->title : "(no title)") == -1 ||
	    put_str(it, "content_html", buf_str(html)) == -1 ||
	    put_str(it, "content_text", p->abstract) == -1 ||
	    put_str(it, "date_published", rfc3339(p->published, pub,
	    sizeof(pub))) == -1 ||
	    put_str(it, "date_modified", rfc3339(p->updated, upd,
	    sizeof(upd))) == -1)
		goto nomem;
	if (p->authors.n > 0) {
		if ((a = json_object_new_array()) == NULL ||
		    json_object_object_add(it, "authors", a) != 0)
			goto nomem;
		for (i = 0; i < p->authors.n; i++)
			if ((o = json_object_new_object()) == NULL ||
			    json_object_array_add(a, o) != 0 ||
			    put_str(o, "name", p->authors.v[i]) == -1)
				goto nomem;
	}
	if (p->primary_category != NULL || p->categories.n > 0) {
		if ((a = json_object_new_array()) == NULL ||
		    json_object_object_add(it, "tags", a) != 0)
			goto nomem;
		if (p->primary_category && json_object_array_add(a,
		    json_object_new_string(p->primary_category)) != 0)
			goto nomem;
		for (i = 0; i < p->categories.n; i++)
			if ((p->primary_category == NULL ||
			    strcmp(p->categories.v[i], p->primary_category) != 0) &&
			    json_object_array_add(a,
			    json_object_new_string(p->categories.v[i])) != 0)
				goto nomem;
	}
	return it;
nomem:
	json_object_put(it);
	errmsg_set(err, errlen, "out of memory");
	return NULL;
}

int
render_jsonfeed_write(struct buf *b, const struct render_doc *d, char *err,
    size_t errlen)
{
	struct json_object *feed, *items, *it;
	struct buf html = {0}, title = {0};
	const char *s;
	size_t i, len, shown = render_doc_shown(d);
	int rc = -1;

	if ((feed = json_object_new_object()) == NULL ||
	    render_doc_title(d, &title) == -1 ||
	    put_str(feed, "version", "https://jsonfeed.org/version/1.1") == -1 ||
	    put_str(feed, "title", buf_str(&title)) == -1 ||
	    put_str(feed, "home_page_url", "https://arxiv.org/") == -1 ||
	    put_str(feed, "feed_url", d->base_url) == -1 ||
	    put_str(feed, "description", "Relevant papers from arXiv, "
	    "selected and ranked by the configured criteria.") == -1 ||
	    put_str(feed, "language", "en") == -1 ||
	    (items = json_object_new_array()) == NULL ||
	    json_object_object_add(feed, "items", items) != 0)
		goto nomem;
	for (i = 0; i < shown; i++) {
		if ((it = item(&d->papers[i], &html, err, errlen)) == NULL)
			goto out;
		if (json_object_array_add(items, it) != 0) {
			json_object_put(it);
			goto nomem;
		}
	}
	s = json_object_to_json_string_length(feed, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	if (s == NULL || buf_add(b, s, len) == -1 || buf_addc(b, '\n') == -1)
		goto nomem;
	rc = 0;
	goto out;
nomem:
	errmsg_set(err, errlen, "out of memory");
out:
	json_object_put(feed);
	buf_free(&html);
	buf_free(&title);
	return rc;
}
