#include <string.h>

#include "buf.h"
#include "jsonc.h"
#include "paperjson.h"
#include "record.h"

/* s as a JSON string, escaped the way json-c does it. */
static int
put_str(struct buf *b, const char *s)
{
	return jsonc_escape(b, s, strlen(s));
}

static int
put_str_or_null(struct buf *b, const char *s)
{
	return s ? put_str(b, s) : buf_add(b, "null", 4);
}

static int
put_list(struct buf *b, const struct strlist *l)
{
	size_t i;
	int rc = buf_addc(b, '[');

	for (i = 0; i < l->n && rc == 0; i++) {
		if (i)
			rc = buf_addc(b, ',');
		if (rc == 0)
			rc = put_str(b, l->v[i]);
	}
	return rc ? rc : buf_addc(b, ']');
}

static int
put_int(struct buf *b, int v)
{
	if (v < 0 && buf_addc(b, '-') == -1)
		return -1;
	return buf_addu(b, v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v);
}

/*
 * "PREFIXidvV" (no "vV" when v is 0), the id unescaped as the formats
 * it was made by had it (printf, not the escaper, wrote it before).
 */
static int
put_url(struct buf *b, const char *prefix, const char *id, int v)
{
	int rc = buf_addc(b, '"');

	rc |= buf_adds(b, prefix);
	rc |= buf_adds(b, id);
	if (v) {
		rc |= buf_addc(b, 'v');
		rc |= put_int(b, v);
	}
	return rc | buf_addc(b, '"');
}

/* The separator and name before a value, ,"key": (k a literal). */
#define KEY(b, k)	buf_add((b), ",\"" k "\":", sizeof(",\"" k "\":") - 1)

int
paperjson_write(struct buf *b, const struct paper *p,
    struct json_object *affs)
{
	const char *primary, *s;
	size_t len;
	int rc = 0;

	buf_reset(b);
	rc |= buf_adds(b, "{\"kind\":\"paper\"");
	rc |= KEY(b, "id");
	rc |= put_str_or_null(b, p->id);
	rc |= KEY(b, "version");
	rc |= p->version ? put_int(b, p->version) : buf_adds(b, "null");
	rc |= KEY(b, "arxiv_id");
	if (p->arxiv_id)
		rc |= put_str(b, p->arxiv_id);
	else if (p->id && p->version)
		rc |= put_url(b, "", p->id, p->version);
	else
		rc |= put_str_or_null(b, p->id);
	rc |= KEY(b, "title");
	rc |= put_str_or_null(b, p->title);
	rc |= KEY(b, "abstract");
	rc |= put_str_or_null(b, p->abstract);
	rc |= KEY(b, "authors");
	rc |= put_list(b, &p->authors);
	rc |= KEY(b, "categories");
	rc |= put_list(b, &p->categories);
	primary = p->primary_category ? p->primary_category :
	    p->categories.n ? p->categories.v[0] : NULL;
	rc |= KEY(b, "primary_category");
	rc |= put_str_or_null(b, primary);
	rc |= KEY(b, "announce_type");
	rc |= put_str_or_null(b, p->announce_type);
	rc |= KEY(b, "published");
	rc |= put_str_or_null(b, p->published);
	rc |= KEY(b, "updated");
	rc |= put_str_or_null(b, p->updated);
	rc |= buf_adds(b, ",\"links\":{\"abs\":");
	if (p->link_abs)
		rc |= put_str(b, p->link_abs);
	else if (p->id)
		rc |= put_url(b, "https://arxiv.org/abs/", p->id, 0);
	else
		rc |= buf_adds(b, "null");
	rc |= buf_adds(b, ",\"pdf\":");
	if (p->link_pdf)
		rc |= put_str(b, p->link_pdf);
	else if (p->id && p->version)
		rc |= put_url(b, "https://arxiv.org/pdf/", p->id, p->version);
	else if (p->id)
		rc |= put_url(b, "https://arxiv.org/pdf/", p->id, 0);
	else
		rc |= buf_adds(b, "null");
	rc |= buf_adds(b, ",\"html\":");
	rc |= put_str_or_null(b, p->link_html);
	rc |= buf_addc(b, '}');
	rc |= KEY(b, "comment");
	rc |= put_str_or_null(b, p->comment);
	rc |= KEY(b, "journal_ref");
	rc |= put_str_or_null(b, p->journal_ref);
	rc |= KEY(b, "doi");
	rc |= put_str_or_null(b, p->doi);
	rc |= KEY(b, "license");
	rc |= put_str_or_null(b, p->license);
	rc |= buf_adds(b, ",\"source\":{\"format\":");
	rc |= put_str_or_null(b, p->source_format);
	rc |= buf_adds(b, ",\"feed\":");
	rc |= put_str_or_null(b, p->source_feed);
	rc |= buf_adds(b, ",\"url\":");
	rc |= put_str_or_null(b, p->source_url);
	rc |= buf_addc(b, '}');
	if (affs) {
		s = jsonc_write(affs, &len);
		rc |= KEY(b, "affiliations");
		rc |= s ? buf_add(b, s, len) : -1;
	}
	rc |= buf_addc(b, '}');
	return rc ? -1 : 0;
}
