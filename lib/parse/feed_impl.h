/*
 * Inside the feed module: the state shared by feed.c (dispatch, text,
 * emitting papers) and the per-format files feed_rss.c, feed_atom.c and
 * feed_oai.c.  Not for use outside lib/feed*.c.
 *
 * Each format is a pair of callbacks.  start() sees an element's name,
 * namespace and attributes; end() sees its name and all the text it
 * held, its children's included, in document order ("A <b>bold</b> c"
 * is "A bold c"), as it came (the helpers below collapse white space),
 * NUL-terminated; end() may modify it.  f->depth is the element's own
 * depth (the root is 1) in both.
 *
 * The text of containers is not gathered: the root, an item and an
 * item's parent (a channel, a ListRecords) see "" or only what they held
 * before their first item, so memory stays bounded by the largest item.
 */
#ifndef FEED_IMPL_H
#define FEED_IMPL_H

#include <stddef.h>
#include <string.h>

#include "buf.h"
#include "feed.h"
#include "record.h"
#include "xml.h"

/*
 * An element's name is lit (a literal); its first byte tells most names
 * apart, and every element of every item is told apart by its name.
 */
#define NAME_IS(name, lit) \
	((name)[0] == (lit)[0] && strcmp((name), (lit)) == 0)

/* The element name in namespace ns is want in want_ns. */
static inline int
feed_is(const char *name, const char *ns, const char *want,
    const char *want_ns)
{
	return NAME_IS(name, want) && strcmp(ns, want_ns) == 0;
}

#define NS_ATOM		"http://www.w3.org/2005/Atom"
#define NS_ARXIV	"http://arxiv.org/schemas/atom"
#define NS_OPENSEARCH	"http://a9.com/-/spec/opensearch/1.1/"
#define NS_DC		"http://purl.org/dc/elements/1.1/"
#define NS_RDF		"http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS1		"http://purl.org/rss/1.0/"
#define NS_OAI		"http://www.openarchives.org/OAI/2.0/"
#define NS_OAI_ARXIV	"http://arxiv.org/OAI/arXiv/"
#define NS_OAI_RAW	"http://arxiv.org/OAI/arXivRaw/"
#define NS_OAI_DC	"http://www.openarchives.org/OAI/2.0/oai_dc/"

/* Deeper than xml.h's limit never reaches the formats. */
#define FEED_MAX_DEPTH	XML_MAX_DEPTH
/*
 * What one item may hold: a paper with 3,000 authors has ~12,000
 * elements; arXiv has ~160 categories.  Past the first the document
 * stops with an error; past the second the rest are reported and left
 * out (each is checked against those kept, so the cap keeps that linear).
 */
#define FEED_MAX_ITEM_ELEMENTS	100000
/* The same problem is said this many times, then counted. */
#define FEED_REPEAT	10
#define FEED_REPEAT_KINDS	8
#define FEED_MAX_CATEGORIES	1000

struct feed;

struct feed_ops {
	void	(*start)(struct feed *, const char *name, const char *ns,
		    const struct xml_attr *attrs, size_t nattrs);
	void	(*end)(struct feed *, const char *name, const char *ns,
		    char *text);
};

extern const struct feed_ops feed_rss_ops, feed_rss1_ops, feed_atom_ops,
	    feed_oai_ops;

struct feed {
	struct xml_parser	*xp;
	struct feed_sink	 sink;
	const struct feed_ops	*ops;
	enum feed_format	 forced;
	enum feed_status	 status;
	int			 quiet;
	int			 root_seen;
	int			 done;		/* failure reported, stop */
	unsigned		 depth;
	struct buf		 text;		/* the open elements' text */
	size_t			 tstart[FEED_MAX_DEPTH + 2];	/* theirs */
	unsigned char		 container[FEED_MAX_DEPTH + 2];
	struct buf		 scratch;	/* a copy end() may change */
	struct buf		 part;		/* one name of an author list */
	struct buf		 json;		/* the paper as JSON */
	unsigned long		 count;
	char			*url;

	/* The document. */
	const char		*format;	/* its papers' source.format */
	char			*feed_name;	/* what it calls itself */
	char			*feed_id;
	char			*feed_date;	/* announcement date (RSS) */
	int			 in_channel;
	int			 api;		/* an API response */

	/* The item in progress. */
	int			 in_item;
	unsigned		 item_depth;
	unsigned long		 item_line;
	unsigned long		 item_elements;
	int			 many_categories;
	struct paper		 p;
	struct json_object	*affs;		/* per author, or NULL */
	int			 any_aff;

	/* Scratch for the formats. */
	int			 in_author;
	int			 in_meta;	/* inside OAI <metadata> */
	unsigned long		 line;		/* where an element began */
	int			 nomem;		/* out of memory in the item */
	int			 error_entry;
	int			 skip;		/* deleted or unknown record */
	unsigned long		 nunknown;	/* records in unknown formats */
	int			 version;	/* arXivRaw <version> */
	int			 maxver;
	int			 ndates;
	char			*keyname, *forenames, *suffix;
	char			*code;		/* OAI error code */
	struct buf		 query;		/* OAI request arguments */

	/* Problems said so far, by their format string (feed_problem). */
	struct {
		const char	*fmt;
		unsigned long	 n;		/* times it happened */
		unsigned long	 last_line;
		int		 failure;
		char		 first[160];	/* its first wording */
	}			 said[FEED_REPEAT_KINDS];
};

/*
 * Out of memory while taking the document apart.  Inside an item, the
 * item is dropped at its end with "out of memory" reported there, as
 * when its record cannot be written; elsewhere it is reported at once.
 * The helpers below call it themselves.
 */
void	feed_nomem(struct feed *);
/* strndup(), calling feed_nomem() when it fails. */
char	*feed_strndup(struct feed *, const char *s, size_t n);
/* The value of attribute name (no namespace) as a new string, or NULL. */
char	*feed_attr(struct feed *, const struct xml_attr *, size_t n,
	    const char *name);
/* Replace *field with a copy of text ("" becomes NULL). */
void	feed_set(struct feed *, char **field, const char *text);
/*
 * Set the paper's id (and version, if not yet known) from s: -1 if s
 * holds no arXiv id, though once both are known s is not read (0).
 */
int	feed_id(struct feed *, const char *s);
/* RFC 3339 UTC from any date form; NULL stays NULL if s is not one. */
void	feed_date(struct feed *, char **field, const char *s);
/* Add an arXiv category (other schemes' terms, MSC codes, are left out). */
void	feed_category(struct feed *, const char *s, size_t n);
/* Add one author, with no affiliation yet. */
void	feed_author(struct feed *, const char *name, size_t n);
/* Add an affiliation to the last author. */
void	feed_affiliation(struct feed *, const char *s);
/*
 * Split a list of names ("A, B and C", "A (MIT), B") into authors; text
 * in parentheses becomes the author's affiliation.
 */
void	feed_authors(struct feed *, const char *s);
/* An announcement type as the records spell it ("new", "replace-cross"). */
void	feed_announce(struct feed *, const char *s, size_t n);
/*
 * Take "arXiv:ID Announce Type: T Abstract: ..." apart (RSS and Atom
 * from rss.arxiv.org): sets id, version and announce type when found,
 * and the abstract (the whole text when there is no "Abstract:").
 */
void	feed_description(struct feed *, const char *s);
/* Plain text from HTML: tags dropped, entities decoded; new string. */
char	*feed_html_text(struct feed *, const char *s);

/* Start an item at the current position. */
void	feed_item_begin(struct feed *);
/* The item is complete: hand its paper to the sink and reset. */
void	feed_item_end(struct feed *);
/* Drop the item in progress. */
void	feed_item_drop(struct feed *);
/*
 * Report a problem at line (0: the current line).  The same problem (the
 * same fmt) is reported FEED_REPEAT times, then only counted: a flood of
 * bad items costs one line at the end, "... and 999,990 more like this".
 */
void	feed_problem(struct feed *, unsigned long line, int failure,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
