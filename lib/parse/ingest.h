/*
 * arxiv-parse's work on one input: NDJSON records, of which "response"
 * records carry documents in their body, or one raw document (the input
 * starts with '<', a byte-order mark or "%PDF-").  Documents become
 * "paper" records (feed.h) or, for arXiv HTML pages and PDFs, a
 * "fulltext" record (fulltext.h, pdf.h; a PDF's has "format": "pdf");
 * records of other kinds pass through byte for byte.  A body that is not
 * UTF-8 (a PDF, a Latin-1 feed) comes as "body_base64" (with "body"
 * null), and is decoded by its byte-order mark, its XML declaration or
 * the charset of the response's "content_type", in that order (xml.h); a
 * body that came as a string was UTF-8 already, and its content_type is
 * not used.  A response
 * whose body is neither a string nor null, with no "body_base64", is
 * reported with its line and not passed on.
 *
 * A response with no body (the fetch failed, and arxiv-fetch said so)
 * passes through unchanged and quietly.  A body is parsed whatever the
 * HTTP status, since the API explains a bad query in an error feed; but
 * when the status is not 2xx and the body is not an arXiv document (an
 * HTML error page), the response passes through quietly too.
 *
 * lib/ never prints: output and messages go to the caller's callbacks.
 * Messages come with where they apply: "feed.xml:12:5" in a raw
 * document, "<stdin>:3: body:12:5" in a response's body.  Records are
 * borrowed by the callbacks.
 */
#ifndef INGEST_H
#define INGEST_H

#include <stddef.h>

#include "feed.h"

struct json_object;
struct ndjson_reader;

struct ingest_out {
	void	(*record)(void *arg, struct json_object *rec);
	void	(*line)(void *arg, const char *line, size_t len);
	void	(*warn)(void *arg, const char *where, const char *msg);
	void	*arg;
};

struct ingest_opts {
	enum feed_format format;	/* FEED_AUTO: tell from the document */
	size_t		 max_record;	/* caps a line, a document's element
					   and an HTML page (0: 64 MiB) */
};

/* Read r to its end; 0, or 1 if anything in it failed (reported). */
int	ingest_run(struct ndjson_reader *r, const struct ingest_opts *,
	    const struct ingest_out *);

#endif
