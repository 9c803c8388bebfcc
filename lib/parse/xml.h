/*
 * Streaming XML for untrusted documents: a thin layer over libxml2's SAX2
 * push parser.  Only this module (and fulltext.c, which needs libxml2's
 * HTML parser) include libxml2.
 *
 * The caller feeds bytes as they arrive (xml_parser_feed) and receives
 * start tags, end tags and character data through callbacks, so memory
 * stays constant whatever the document's size.  Names are local names
 * with their namespace URI ("" when none), strings are UTF-8.
 *
 * Safety: nothing is ever fetched (no network, no DTD loading, no
 * external subset) and no entity is ever expanded: a document that
 * declares an entity (the "billion laughs" bomb, an external entity
 * naming a local file) is stopped at the declaration with an error.
 * A document in another encoding (a byte-order mark, the XML
 * declaration, or the caller's charset says which) is converted to UTF-8
 * first, losslessly.  Before the bytes reach libxml2, invalid sequences
 * and the control characters XML forbids are replaced with U+FFFD, so
 * one bad byte does not end the parse; xml_parser_repaired() counts
 * them.  The limits below are checked there too.
 *
 * Errors are "LINE:COL: what" in the caller's buffer.  Pointers passed to
 * callbacks are valid only during the call.
 */
#ifndef XML_H
#define XML_H

#include <stddef.h>

/*
 * What a document may hold, checked on the bytes before libxml2 sees
 * them (so its work stays linear in the input): past one of these the
 * document fails with an error naming the limit, after everything
 * before the offending tag was parsed.
 */
#define XML_MAX_DEPTH	256		/* elements open at once */
#define XML_MAX_ATTRS	256		/* attributes (and xmlns) on one tag */

struct xml_parser;

struct xml_attr {
	const char	*name;		/* local name */
	const char	*ns;		/* namespace URI, "" when none */
	const char	*value;		/* not NUL-terminated: use len */
	size_t		 len;
};

struct xml_handler {
	void	(*start)(void *arg, const char *name, const char *ns,
		    const struct xml_attr *attrs, size_t nattrs);
	void	(*end)(void *arg, const char *name, const char *ns);
	void	(*text)(void *arg, const char *s, size_t len);
};

/* A new parser calling h's callbacks with arg; NULL with err. */
struct xml_parser *xml_parser_new(const struct xml_handler *h, void *arg,
	    char *err, size_t errlen);
void	xml_parser_free(struct xml_parser *);

/*
 * The charset the document came with (a response's Content-Type), used
 * when it has no byte-order mark and its XML declaration names no
 * encoding; before the first xml_parser_feed().  0, or -1 out of memory.
 */
int	xml_parser_set_charset(struct xml_parser *, const char *charset);

/*
 * Parse the next len bytes of the document.  Returns 0, or -1 with err
 * once the document is known to be bad (malformed, stopped by a callback
 * or by a forbidden declaration); later calls then fail the same way.
 */
int	xml_parser_feed(struct xml_parser *, const char *data, size_t len,
	    char *err, size_t errlen);
/* End of input: 0 if the document was complete and well-formed. */
int	xml_parser_finish(struct xml_parser *, char *err, size_t errlen);

/*
 * From a callback: abandon the document with msg as its error (reported
 * with the current position by the feed or finish in progress).
 */
void	xml_parser_stop(struct xml_parser *, const char *msg);

/* The line the parser is at (from 1), for messages from callbacks. */
unsigned long xml_parser_line(const struct xml_parser *);

/*
 * How many bytes were replaced with U+FFFD, and the line of the first
 * (0 if none).
 */
size_t	xml_parser_repaired(const struct xml_parser *,
	    unsigned long *first_line);

#endif
