/*
 * arXiv documents to "paper" records: RSS 2.0 and Atom from
 * rss.arxiv.org, the legacy RSS 1.0/RDF feeds, Atom API responses and
 * OAI-PMH (arXiv, arXivRaw and oai_dc metadata).
 *
 * A struct feed parses one document fed to it in pieces of any size
 * (feed_write), in constant memory: each paper is handed to the sink as
 * soon as its item ends, so everything before a fault in the document is
 * kept.  The format is told by the document's root element unless the
 * caller forces one.
 *
 * Each paper reaches sink->paper as one compact JSON object, the bytes
 * paper_to_json() would give (see paperjson.h), without a newline; the
 * bytes are valid only during the call.
 *
 * Problems inside the document (malformed XML, an API error entry, an
 * OAI-PMH error, an item with no arXiv identifier, repaired UTF-8) go to
 * sink->problem with the document line (and column, 0 if none) and
 * whether they make the input a failure.
 */
#ifndef FEED_H
#define FEED_H

#include <stddef.h>

struct json_object;
struct feed;

enum feed_format {
	FEED_AUTO = 0,		/* from the root element */
	FEED_RSS,		/* RSS 2.0, rss.arxiv.org */
	FEED_RSS1,		/* RSS 1.0/RDF, export.arxiv.org/rss */
	FEED_ATOM,		/* Atom, rss.arxiv.org/atom */
	FEED_API,		/* Atom, export.arxiv.org/api/query */
	FEED_OAI,		/* OAI-PMH */
	FEED_HTML		/* LaTeXML full text (see fulltext.h) */
};

enum feed_status {
	FEED_OK = 0,		/* parsed; zero papers is fine */
	FEED_FAILED,		/* something was reported as a failure */
	FEED_NOT_FEED		/* quiet mode: not an arXiv document at all */
};

struct feed_sink {
	void	(*paper)(void *arg, const char *rec, size_t len);
	void	(*problem)(void *arg, unsigned long line, unsigned long col,
		    int failure, const char *msg);
	void	*arg;
};

/* "rss", "rss1", "atom", "api", "oai", "html": 0, or -1 if unknown. */
int	feed_format_parse(const char *name, enum feed_format *);

/*
 * Whether the document starting with these bytes is HTML (a LaTeXML
 * page) rather than XML: FEED_HTML or FEED_AUTO.
 */
enum feed_format feed_sniff(const char *s, size_t len);

/*
 * A parser for one document.  url (may be NULL) becomes source.url;
 * max_field caps any one element's text (0: 64 MiB).  With quiet set, a
 * document that is not XML or not an arXiv format is not reported
 * (feed_finish says FEED_NOT_FEED), for bodies of failed responses.
 */
struct feed *feed_new(enum feed_format forced, const char *url,
	    size_t max_field, int quiet, const struct feed_sink *sink,
	    char *err, size_t errlen);
void	feed_free(struct feed *);
/*
 * The charset a document came with (a response's Content-Type), used
 * when it has no byte-order mark and its XML declaration names no
 * encoding; before the first feed_write.  0, or -1 out of memory.
 */
int	feed_set_charset(struct feed *, const char *charset);

/* Parse the next bytes; -1 once the document has failed (reported). */
int	feed_write(struct feed *, const char *data, size_t len);
/* End of the document: the final status. */
enum feed_status feed_finish(struct feed *);

/* Papers handed to the sink so far. */
unsigned long feed_count(const struct feed *);

#endif
