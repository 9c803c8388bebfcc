/*
 * OAI-PMH responses (export.arxiv.org/oai2, oaipmh.arxiv.org/oai):
 * GetRecord and ListRecords in the arXiv, arXivRaw and oai_dc metadata
 * formats, and the protocol's errors.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_impl.h"
#include "text.h"

/* Percent-encode what a URL's query cannot hold as it is; -1 if no memory. */
static int
query_add(struct buf *b, const char *s, size_t n)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalnum(c) || strchr("-._~:/", c) != NULL)
			rc |= buf_addc(b, (char)c);
		else
			rc |= buf_addf(b, "%%%02X", c);
	}
	return rc;
}

static void
oai_start(struct feed *f, const char *name, const char *ns,
    const struct xml_attr *attrs, size_t nattrs)
{
	char *v;
	size_t i;
	int rc = 0;

	if (f->depth == 2 && feed_is(name, ns, "request", NS_OAI)) {
		/* The request's arguments, in document order. */
		buf_reset(&f->query);
		for (i = 0; i < nattrs; i++) {
			rc |= buf_addc(&f->query, i == 0 ? '?' : '&');
			rc |= query_add(&f->query, attrs[i].name,
			    strlen(attrs[i].name));
			rc |= buf_addc(&f->query, '=');
			rc |= query_add(&f->query, attrs[i].value,
			    attrs[i].len);
		}
		if (rc != 0)
			feed_nomem(f);
		return;
	}
	if (f->depth == 2 && feed_is(name, ns, "error", NS_OAI)) {
		free(f->code);
		f->code = feed_attr(f, attrs, nattrs, "code");
		f->line = xml_parser_line(f->xp);
		return;
	}
	if (!f->in_item) {
		if (feed_is(name, ns, "record", NS_OAI)) {
			feed_item_begin(f);
			f->format = NULL;
			f->in_meta = 0;
		}
		return;
	}
	if (f->depth == f->item_depth + 1 &&
	    feed_is(name, ns, "metadata", NS_OAI))
		f->in_meta = 1;
	if (feed_is(name, ns, "header", NS_OAI)) {
		if ((v = feed_attr(f, attrs, nattrs, "status")) != NULL &&
		    strcmp(v, "deleted") == 0)
			f->skip = 1;
		free(v);
		return;
	}
	if (f->in_meta && f->format == NULL &&
	    f->depth == f->item_depth + 2) {
		/* The metadata's root names its format. */
		if (feed_is(name, ns, "arXiv", NS_OAI_ARXIV))
			f->format = "oai-arXiv";
		else if (feed_is(name, ns, "arXivRaw", NS_OAI_RAW))
			f->format = "oai-arXivRaw";
		else if (feed_is(name, ns, "dc", NS_OAI_DC))
			f->format = "oai_dc";
		else {
			/* Said once: every record of the page is the same. */
			if (f->nunknown++ == 0)
				feed_problem(f, 0, 1, "unsupported OAI-PMH "
				    "metadata format <%s xmlns=\"%s\">, its "
				    "records skipped", name, ns);
			f->skip = 1;
		}
		return;
	}
	if (NAME_IS(name, "author") && strcmp(ns, NS_OAI_ARXIV) == 0) {
		f->in_author = 1;
		free(f->keyname);
		free(f->forenames);
		free(f->suffix);
		f->keyname = f->forenames = f->suffix = NULL;
	} else if (NAME_IS(name, "version") &&
	    strcmp(ns, NS_OAI_RAW) == 0) {
		v = feed_attr(f, attrs, nattrs, "version");
		f->version = v && v[0] == 'v' ? (int)strtol(v + 1, NULL, 10) :
		    0;
		free(v);
	}
}

/* "forenames keyname suffix", as the other formats write names. */
static void
arxiv_author(struct feed *f)
{
	struct buf b = {0};
	int rc = 0;

	if (f->forenames)
		rc |= buf_adds(&b, f->forenames);
	if (f->keyname) {
		if (b.len)
			rc |= buf_addc(&b, ' ');
		rc |= buf_adds(&b, f->keyname);
	}
	if (f->suffix) {
		if (b.len)
			rc |= buf_addc(&b, ' ');
		rc |= buf_adds(&b, f->suffix);
	}
	if (rc != 0)
		feed_nomem(f);
	else
		feed_author(f, buf_str(&b), b.len);
	buf_free(&b);
}

static void
categories(struct feed *f, const char *s)
{
	size_t n;

	for (;;) {
		s += strspn(s, " \t\r\n");
		if ((n = strcspn(s, " \t\r\n")) == 0)
			break;
		feed_category(f, s, n);
		s += n;
	}
}

/* Fields both arXiv and arXivRaw have. */
static void
common_field(struct feed *f, const char *name, char *text)
{
	struct paper *p = &f->p;

	if (NAME_IS(name, "id"))
		feed_id(f, text);
	else if (NAME_IS(name, "title"))
		feed_set(f, &p->title, text);
	else if (NAME_IS(name, "abstract"))
		feed_set(f, &p->abstract, text);
	else if (NAME_IS(name, "categories"))
		categories(f, text);
	else if (NAME_IS(name, "comments"))
		feed_set(f, &p->comment, text);
	else if (NAME_IS(name, "journal-ref"))
		feed_set(f, &p->journal_ref, text);
	else if (NAME_IS(name, "doi"))
		feed_set(f, &p->doi, text);
	else if (NAME_IS(name, "license"))
		feed_set(f, &p->license, text);
}

static void
arxiv_field(struct feed *f, const char *name, char *text)
{
	if (f->in_author) {
		if (NAME_IS(name, "author")) {
			if (f->in_author == 1)
				arxiv_author(f);
			f->in_author = 0;
		} else if (NAME_IS(name, "keyname"))
			feed_set(f, &f->keyname, text);
		else if (NAME_IS(name, "forenames"))
			feed_set(f, &f->forenames, text);
		else if (NAME_IS(name, "suffix"))
			feed_set(f, &f->suffix, text);
		else if (NAME_IS(name, "affiliation")) {
			/* The name is complete: add the author now. */
			if (f->in_author == 1) {
				arxiv_author(f);
				f->in_author = 2;
			}
			feed_affiliation(f, text);
		}
		return;
	}
	if (NAME_IS(name, "created"))
		feed_date(f, &f->p.published, text);
	else if (NAME_IS(name, "updated"))
		feed_date(f, &f->p.updated, text);
	else
		common_field(f, name, text);
}

static void
raw_field(struct feed *f, const char *name, char *text)
{
	if (NAME_IS(name, "date")) {
		/* <version version="vN"><date>: the history, oldest first. */
		if (f->version == 1 || f->p.published == NULL)
			feed_date(f, &f->p.published, text);
		if (f->version >= f->maxver) {
			f->maxver = f->version;
			feed_date(f, &f->p.updated, text);
		}
	} else if (NAME_IS(name, "authors"))
		feed_authors(f, text_collapse(text));
	else
		common_field(f, name, text);
}

/* "Kane, Daniel M." as "Daniel M. Kane". */
static void
dc_creator(struct feed *f, char *text)
{
	struct buf b = {0};
	char *comma;

	text_collapse(text);
	if ((comma = strchr(text, ',')) == NULL) {
		feed_author(f, text, strlen(text));
		return;
	}
	*comma = '\0';
	if (buf_adds(&b, comma + 1) == -1 || buf_addc(&b, ' ') == -1 ||
	    buf_adds(&b, text) == -1)
		feed_nomem(f);
	else
		feed_author(f, buf_str(&b), b.len);
	buf_free(&b);
}

static void
dc_field(struct feed *f, const char *name, char *text)
{
	struct paper *p = &f->p;

	text_collapse(text);
	if (NAME_IS(name, "title"))
		feed_set(f, &p->title, text);
	else if (NAME_IS(name, "creator"))
		dc_creator(f, text);
	else if (NAME_IS(name, "description")) {
		if (strncmp(text, "Comment:", 8) == 0)
			feed_set(f, &p->comment, text + 8);
		else if (p->abstract == NULL)
			feed_set(f, &p->abstract, text);
	} else if (NAME_IS(name, "date")) {
		/* One date per version, oldest first. */
		if (f->ndates++ == 0)
			feed_date(f, &p->published, text);
		else
			feed_date(f, &p->updated, text);
	} else if (NAME_IS(name, "identifier")) {
		if (strncmp(text, "doi:", 4) == 0)
			feed_set(f, &p->doi, text + 4);
		else if (strstr(text, "arxiv.org/abs/") != NULL)
			feed_id(f, text);
	} else if (NAME_IS(name, "rights"))
		feed_set(f, &p->license, text);
}

static void
oai_end(struct feed *f, const char *name, const char *ns, char *text)
{
	if (f->depth == 2 && feed_is(name, ns, "request", NS_OAI)) {
		struct buf b = {0};

		if (buf_adds(&b, text_collapse(text)) == -1 ||
		    buf_adds(&b, buf_str(&f->query)) == -1)
			feed_nomem(f);
		else
			feed_set(f, &f->feed_name, buf_str(&b));
		buf_free(&b);
		return;
	}
	if (f->depth == 2 && feed_is(name, ns, "error", NS_OAI)) {
		/* An empty harvest is an answer, not a failure. */
		if (f->code == NULL || strcmp(f->code, "noRecordsMatch") != 0)
			feed_problem(f, f->line, 1, "OAI-PMH error %s: %s",
			    f->code ? f->code : "(no code)",
			    text_collapse(text));
		return;
	}
	if (!f->in_item)
		return;
	if (f->depth == f->item_depth) {
		if (f->skip)
			feed_item_drop(f);
		else if (f->format == NULL) {
			feed_problem(f, f->item_line, 1,
			    "record has no metadata, skipped");
			feed_item_drop(f);
		} else {
			/* arXivRaw: the latest version of the history. */
			if (f->p.version == 0 && f->maxver > 0)
				f->p.version = f->maxver;
			feed_item_end(f);
		}
		return;
	}
	if (f->skip)
		return;
	if (feed_is(name, ns, "identifier", NS_OAI))
		feed_id(f, text);
	else if (strcmp(ns, NS_OAI_ARXIV) == 0)
		arxiv_field(f, name, text);
	else if (strcmp(ns, NS_OAI_RAW) == 0)
		raw_field(f, name, text);
	else if (strcmp(ns, NS_DC) == 0)
		dc_field(f, name, text);
}

const struct feed_ops feed_oai_ops = { oai_start, oai_end };
