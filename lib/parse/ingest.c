#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "buf.h"
#include "feed.h"
#include "fulltext.h"
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
 * An HTML page: the full text.  Returns 0, 1 on a failure (reported), or
 * 2 when quiet and the page is not a paper.
 */
static int
html(struct ingest *in, const char *doc, size_t len, const char *url,
    int quiet)
{
	struct fulltext *ft;
	struct json_object *rec;
	char err[256], msg[128];

	if ((ft = fulltext_parse(doc, len, url, err, sizeof(err))) == NULL) {
		if (quiet)
			return 2;
		warn_at(in, 0, 0, err);
		return 1;
	}
	if (ft->nrepaired) {
		snprintf(msg, sizeof(msg), "invalid UTF-8: %zu byte%s "
		    "replaced with U+FFFD", ft->nrepaired,
		    ft->nrepaired == 1 ? "" : "s");
		warn_at(in, 0, 0, msg);
	}
	rec = fulltext_to_json(ft);
	in->out->record(in->out->arg, rec);
	json_object_put(rec);
	fulltext_free(ft);
	return 0;
}

/*
 * A PDF: its full text through poppler (pdf.h), written as a "fulltext"
 * record with "format": "pdf".  Returns as html() does.
 */
static int
pdf(struct ingest *in, const char *doc, size_t len, const char *url,
    int quiet)
{
	struct fulltext *ft;
	struct json_object *rec;
	char err[256], msg[128];

	if ((ft = pdf_fulltext(doc, len, url, err, sizeof(err))) == NULL) {
		if (quiet)
			return 2;
		warn_at(in, 0, 0, err);
		return 1;
	}
	if (ft->nrepaired) {
		snprintf(msg, sizeof(msg), "invalid UTF-8: %zu byte%s "
		    "replaced with U+FFFD", ft->nrepaired,
		    ft->nrepaired == 1 ? "" : "s");
		warn_at(in, 0, 0, msg);
	}
	rec = fulltext_to_json(ft);
	json_object_object_add(rec, "format", json_object_new_string("pdf"));
	in->out->record(in->out->arg, rec);
	json_object_put(rec);
	fulltext_free(ft);
	return 0;
}

/* A document in memory (a response's body); as html() for the result. */
static int
document(struct ingest *in, const char *doc, size_t len, const char *url,
    int quiet)
{
	struct feed_sink sink = { on_paper, on_problem, in };
	enum feed_format fmt = in->o->format;
	enum feed_status st;
	struct feed *f;
	char err[256];

	if (pdf_sniff(doc, len))
		return pdf(in, doc, len, url, quiet);
	if (fmt == FEED_AUTO)
		fmt = feed_sniff(doc, len);
	if (fmt == FEED_HTML)
		return html(in, doc, len, url, quiet);
	if ((f = feed_new(fmt, url, in->max, quiet, &sink, err,
	    sizeof(err))) == NULL) {
		warn_at(in, 0, 0, err);
		return 1;
	}
	feed_write(f, doc, len);
	st = feed_finish(f);
	feed_free(f);
	return st == FEED_NOT_FEED ? 2 : st == FEED_FAILED;
}

/* The value of a base64 digit, -1 for any other byte. */
static int
b64(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/*
 * Decode base64 (white space and padding skipped) into out; -1 on a
 * byte that is not base64 or past out's cap.  A binary body (a PDF)
 * travels in a response as base64 with "body_encoding": "base64".
 */
static int
base64_decode(const char *s, size_t n, struct buf *out)
{
	unsigned long acc = 0;
	int bits = 0, v;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '=' || s[i] == '\n' || s[i] == '\r' || s[i] == ' ')
			continue;
		if ((v = b64((unsigned char)s[i])) < 0)
			return -1;
		acc = (acc << 6 | (unsigned long)v) & 0xffffff;
		if ((bits += 6) >= 8) {
			bits -= 8;
			if (buf_addc(out, (char)(acc >> bits & 0xff)) == -1)
				return -1;
		}
	}
	return 0;
}

static void
response(struct ingest *in, struct json_object *obj)
{
	struct json_object *body;
	struct buf bin = {0};
	const char *line, *enc;
	double status;
	size_t len;
	int rc, save = in->rval;

	if (!json_object_object_get_ex(obj, "body", &body) ||
	    !json_object_is_type(body, json_type_string)) {
		line = ndjson_line(in->r, &len);
		in->out->line(in->out->arg, line, len);
		return;
	}
	status = record_num(obj, "status", 0);
	in->recline = ndjson_lineno(in->r);
	enc = record_str(obj, "body_encoding");
	if (enc && strcmp(enc, "base64") == 0) {
		bin.max = in->max;
		if (base64_decode(json_object_get_string(body),
		    (size_t)json_object_get_string_len(body), &bin) == -1 ||
		    buf_add(&bin, "", 0) == -1) {
			warn_at(in, 0, 0, "body: not base64, or too large");
			in->rval = 1;
			rc = 1;
		} else
			rc = document(in, bin.data, bin.len,
			    record_str(obj, "url"),
			    status != 0 && (status < 200 || status > 299));
		buf_free(&bin);
	} else
		rc = document(in, json_object_get_string(body),
		    (size_t)json_object_get_string_len(body),
		    record_str(obj, "url"),
		    status != 0 && (status < 200 || status > 299));
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
		fmt = feed_sniff(chunk, n);
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
		    html(in, buf_str(&doc), doc.len, NULL, 0)) == 1)
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
	 * '<', the byte-order mark of a UTF-8 or UTF-16 document, or the
	 * '%' of "%PDF-".
	 */
	c = ndjson_peek(r);
	if (c == '<' || c == 0xef || c == 0xfe || c == 0xff || c == '%') {
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
