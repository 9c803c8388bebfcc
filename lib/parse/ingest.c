#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json.h>

#include "base64.h"
#include "buf.h"
#include "feed.h"
#include "fulltext.h"
#include "htmlenc.h"
#include "ingest.h"
#include "ndjson.h"
#include "pdf.h"
#include "record.h"

/* Bytes read ahead of a raw document to tell HTML from XML. */
#define SNIFF	4096
#define CHUNK	(64 * 1024)

struct ingest {
	const struct ingest_opts *o;
	const struct ingest_out	*out;
	struct ndjson_reader	*r;
	size_t			 max;
	unsigned long		 recline;	/* the response's line, or 0 */
	unsigned long		 lineoff;	/* lines before a document */
	int			 rval;
};

/* Report msg with where it applies (see ingest.h). */
static void
warn_at(struct ingest *in, unsigned long line, unsigned long col,
    const char *msg)
{
	char where[600], pos[64] = "";
	const char *name = ndjson_name(in->r);

	if (line && col)
		snprintf(pos, sizeof(pos), ":%lu:%lu", line, col);
	else if (line)
		snprintf(pos, sizeof(pos), ":%lu", line);
	if (in->recline)
		snprintf(where, sizeof(where), "%s:%lu: body%s", name,
		    in->recline, pos);
	else if (line && col)
		/* A raw document's lines are the input's lines. */
		snprintf(where, sizeof(where), "%s:%lu:%lu", name,
		    line + in->lineoff, col);
	else if (line)
		snprintf(where, sizeof(where), "%s:%lu", name,
		    line + in->lineoff);
	else
		snprintf(where, sizeof(where), "%s", name);
	in->out->warn(in->out->arg, where, msg);
}

static void
on_paper(void *arg, const char *rec, size_t len)
{
	struct ingest *in = arg;

	in->out->line(in->out->arg, rec, len);
}

static void
on_problem(void *arg, unsigned long line, unsigned long col, int failure,
    const char *msg)
{
	struct ingest *in = arg;

	if (failure)
		in->rval = 1;
	warn_at(in, line, col, msg);
}

/*
 * Write the full text a parser gave (ft, or NULL with err) as a
 * "fulltext" record, with "format" when given.  Returns 0, 1 on a
 * failure (reported), or 2 when quiet and the document is not a paper.
 */
static int
put_fulltext(struct ingest *in, struct fulltext *ft, const char *err,
    int quiet, const char *format)
{
	struct json_object *rec;
	char msg[128];
	int rc;

	if (ft == NULL) {
		if (quiet)
			return 2;
		warn_at(in, 0, 0, err);
		return 1;
	}
	if (ft->nrepaired) {
		snprintf(msg, sizeof(msg), "invalid %s: %zu byte%s "
		    "replaced with U+FFFD", ft->encoding ? ft->encoding :
		    "UTF-8", ft->nrepaired, ft->nrepaired == 1 ? "" : "s");
		warn_at(in, 0, 0, msg);
	}
	if (ft->cut) {
		/* The text up to the cut is written, and the page fails. */
		snprintf(msg, sizeof(msg), "elements nested too deep (over %d "
		    "levels): the text after that point is lost",
		    FULLTEXT_MAX_DEPTH);
		warn_at(in, 0, 0, msg);
	}
	rec = fulltext_to_json(ft);
	if (format != NULL)
		json_object_object_add(rec, "format",
		    json_object_new_string(format));
	in->out->record(in->out->arg, rec);
	json_object_put(rec);
	rc = ft->cut;
	fulltext_free(ft);
	return rc;
}

/*
 * An HTML page: the full text, decoded as its charset (the response's,
 * or NULL) or the page says (fulltext_parse()).  Returns as
 * put_fulltext() does.
 */
static int
html(struct ingest *in, const char *doc, size_t len, const char *url,
    const char *charset, int quiet)
{
	char err[256];
	struct fulltext *ft = fulltext_parse(doc, len, url, charset, err,
	    sizeof(err));

	return put_fulltext(in, ft, err, quiet, NULL);
}

/*
 * The format of a document from its first len bytes (feed_sniff()); a
 * document in UTF-16, which feed_sniff() cannot read, is looked at in
 * UTF-8 (htmlenc.h).
 */
static enum feed_format
sniff(const char *doc, size_t len)
{
	enum feed_format fmt = feed_sniff(doc, len);
	struct buf u = {0};
	char name[64], err[128];
	size_t skip, bad = 0;

	if (len > SNIFF)
		len = SNIFF;
	if (fmt != FEED_AUTO || htmlenc_detect(doc, len, NULL, name,
	    sizeof(name), &skip) != 1 || strncmp(name, "UTF-16", 6) != 0)
		return fmt;
	if (htmlenc_to_utf8(doc + skip, len - skip, name, &u, &bad, err,
	    sizeof(err)) == 0)
		fmt = feed_sniff(u.data, u.len);
	buf_free(&u);
	return fmt;
}

/*
 * A PDF: its full text through poppler (pdf.h), written as a "fulltext"
 * record with "format": "pdf".  Returns as html() does.
 */
static int
pdf(struct ingest *in, const char *doc, size_t len, const char *url,
    int quiet)
{
	char err[256];
	struct fulltext *ft = pdf_fulltext(doc, len, url, err, sizeof(err));

	return put_fulltext(in, ft, err, quiet, "pdf");
}

/* A document in memory (a response's body); as html() for the result. */
static int
document(struct ingest *in, const char *doc, size_t len, const char *url,
    const char *charset, int quiet)
{
	struct feed_sink sink = { on_paper, on_problem, in };
	enum feed_format fmt = in->o->format;
	enum feed_status st;
	struct feed *f;
	char err[256];

	if (pdf_sniff(doc, len))
		return pdf(in, doc, len, url, quiet);
	if (fmt == FEED_AUTO)
		fmt = sniff(doc, len);
	if (fmt == FEED_HTML)
		return html(in, doc, len, url, charset, quiet);
	if ((f = feed_new(fmt, url, in->max, quiet, &sink, err,
	    sizeof(err))) == NULL) {
		warn_at(in, 0, 0, err);
		return 1;
	}
	if (charset && feed_set_charset(f, charset) == -1) {
		feed_free(f);
		warn_at(in, 0, 0, "out of memory");
		return 1;
	}
	feed_write(f, doc, len);
	st = feed_finish(f);
	feed_free(f);
	return st == FEED_NOT_FEED ? 2 : st == FEED_FAILED;
}

/*
 * The charset parameter of a Content-Type ("text/xml; charset=latin1"),
 * into name (size n); NULL when there is none.
 */
static const char *
content_charset(const char *ct, char *name, size_t n)
{
	const char *c;
	size_t k;

	for (c = ct; c && (c = strchr(c, ';')) != NULL; ) {
		c += 1 + strspn(c + 1, " \t");
		if (strncasecmp(c, "charset=", 8) != 0)
			continue;
		c += 8;
		if (*c == '"')
			c++;
		k = strcspn(c, "\"; \t");
		if (k == 0 || k >= n)
			return NULL;
		memcpy(name, c, k);
		name[k] = '\0';
		return name;
	}
	return NULL;
}

/*
 * The document bytes of a response: "body" as a string, or
 * "body_base64", which arxiv-fetch writes (with "body" null) for a body
 * that is not UTF-8 (a Latin-1 or UTF-16 feed, a PDF).
 * Decoded bytes go into bin, which the caller frees.  Returns 0 with
 * *doc and *len, 1 when there is no body (null or absent: the fetch
 * failed), or -1 with *msg for a body that is not a string or not base64.
 */
static int
body_bytes(struct ingest *in, struct json_object *obj, struct buf *bin,
    const char **doc, size_t *len, const char **msg)
{
	struct json_object *body = NULL, *b64 = NULL;

	json_object_object_get_ex(obj, "body", &body);
	json_object_object_get_ex(obj, "body_base64", &b64);
	if (b64 != NULL) {
		if (!json_object_is_type(b64, json_type_string)) {
			*msg = "response: body_base64: expected a string";
			return -1;
		}
	} else if (body == NULL)
		return 1;
	else if (!json_object_is_type(body, json_type_string)) {
		*msg = "response: body: expected a string";
		return -1;
	} else {
		*doc = json_object_get_string(body);
		*len = (size_t)json_object_get_string_len(body);
		return 0;
	}
	bin->max = in->max;
	if (base64_decode(bin, json_object_get_string(b64),
	    (size_t)json_object_get_string_len(b64)) == -1 ||
	    buf_add(bin, "", 0) == -1) {
		*msg = "body_base64: not base64, or too large";
		return -1;
	}
	*doc = bin->data;
	*len = bin->len;
	return 0;
}

static void
response(struct ingest *in, struct json_object *obj)
{
	struct buf bin = {0};
	const char *line, *doc = NULL, *msg = NULL, *charset;
	char where[600], cs[64];
	double status;
	size_t len = 0;
	int rc, save = in->rval;

	if ((rc = body_bytes(in, obj, &bin, &doc, &len, &msg)) == 1) {
		line = ndjson_line(in->r, &len);
		in->out->line(in->out->arg, line, len);
		return;
	}
	if (rc == -1) {
		/* Reported with its line, and not passed on. */
		snprintf(where, sizeof(where), "%s:%lu", ndjson_name(in->r),
		    ndjson_lineno(in->r));
		in->out->warn(in->out->arg, where, msg);
		in->rval = 1;
		buf_free(&bin);
		return;
	}
	status = record_num(obj, "status", 0);
	/*
	 * A body that came as a string was UTF-8 already: a charset that
	 * says otherwise is a server's mislabel, and so is an HTML page's
	 * <meta>.  Only raw bytes use them.
	 */
	charset = bin.data == NULL ? "UTF-8" : content_charset(record_str(obj,
	    "content_type"), cs, sizeof(cs));
	in->recline = ndjson_lineno(in->r);
	rc = document(in, doc, len, record_str(obj, "url"), charset,
	    status != 0 && (status < 200 || status > 299));
	buf_free(&bin);
	in->recline = 0;
	if (rc == 2) {
		in->rval = save;
		line = ndjson_line(in->r, &len);
		in->out->line(in->out->arg, line, len);
	} else if (rc == 1)
		in->rval = 1;
}

/* Read up to n bytes, as many as the input has. */
static size_t
read_some(struct ndjson_reader *r, char *dst, size_t n, int *ioerr)
{
	size_t got = 0;
	long k;

	while (got < n) {
		if ((k = ndjson_read(r, dst + got, n - got)) <= 0) {
			if (k < 0)
				*ioerr = 1;
			break;
		}
		got += (size_t)k;
	}
	return got;
}

/* A raw document: the rest of the input, streamed into the parser. */
static void
raw(struct ingest *in)
{
	struct feed_sink sink = { on_paper, on_problem, in };
	enum feed_format fmt = in->o->format;
	struct feed *f = NULL;
	struct buf doc = {0};
	char *chunk, err[256];
	size_t n;
	int ioerr = 0;

	in->lineoff = ndjson_lineno(in->r);
	if ((chunk = malloc(CHUNK)) == NULL) {
		warn_at(in, 0, 0, "out of memory");
		in->rval = 1;
		return;
	}
	n = read_some(in->r, chunk, SNIFF, &ioerr);
	if (fmt == FEED_AUTO)
		fmt = sniff(chunk, n);
	if (fmt == FEED_HTML || pdf_sniff(chunk, n)) {
		/* A page or a PDF is read whole, within the size cap. */
		doc.max = in->max;
		while (n > 0 && !ioerr) {
			if (buf_add(&doc, chunk, n) == -1) {
				snprintf(err, sizeof(err), "document too large "
				    "(over %zu bytes, see --max-record)",
				    in->max);
				warn_at(in, 0, 0, err);
				in->rval = 1;
				goto done;
			}
			n = read_some(in->r, chunk, CHUNK, &ioerr);
		}
		if (!ioerr && (pdf_sniff(buf_str(&doc), doc.len) ?
		    pdf(in, buf_str(&doc), doc.len, ndjson_name(in->r), 0) :
		    html(in, buf_str(&doc), doc.len, NULL, NULL, 0)) == 1)
			in->rval = 1;
		goto done;
	}
	if ((f = feed_new(fmt, NULL, in->max, 0, &sink, err,
	    sizeof(err))) == NULL) {
		warn_at(in, 0, 0, err);
		in->rval = 1;
		goto done;
	}
	while (n > 0 && feed_write(f, chunk, n) == 0 && !ioerr)
		n = read_some(in->r, chunk, CHUNK, &ioerr);
	if (!ioerr && feed_finish(f) == FEED_FAILED)
		in->rval = 1;
done:
	if (ioerr) {
		warn_at(in, 0, 0, "read error");
		in->rval = 1;
	}
	feed_free(f);
	buf_free(&doc);
	free(chunk);
}

int
ingest_run(struct ndjson_reader *r, const struct ingest_opts *o,
    const struct ingest_out *out)
{
	struct ingest in = { o, out, r, 0, 0, 0, 0 };
	struct json_object *obj;
	enum ndjson_status st;
	const char *kind, *line;
	char err[512], where[600];
	size_t len;
	int c;

	in.max = o->max_record ? o->max_record : NDJSON_MAX_RECORD;
	/*
	 * '<', the byte-order mark of a UTF-8 or UTF-16 document, the NUL
	 * of a UTF-16BE or UTF-32BE one without a mark, or the '%' of
	 * "%PDF-".
	 */
	c = ndjson_peek(r);
	if (c == '<' || c == 0xef || c == 0xfe || c == 0xff || c == '%' ||
	    c == 0) {
		raw(&in);
		return in.rval;
	}
	while ((st = ndjson_next(r, &obj, err, sizeof(err))) != NDJSON_EOF) {
		if (st == NDJSON_ERROR) {
			out->warn(out->arg, ndjson_name(r), err);
			return 1;
		}
		if (st == NDJSON_BAD) {
			snprintf(where, sizeof(where), "%s:%lu", ndjson_name(r),
			    ndjson_lineno(r));
			out->warn(out->arg, where, err);
			in.rval = 1;
			continue;
		}
		kind = record_kind(obj);
		if (strcmp(kind, "response") == 0)
			response(&in, obj);
		else {
			line = ndjson_line(r, &len);
			out->line(out->arg, line, len);
		}
		json_object_put(obj);
	}
	return in.rval;
}
