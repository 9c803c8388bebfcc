/*
 * Digests: a ranked list of papers written as one document, in one of
 * several formats behind a small table (markdown now; html through
 * cmark-gfm; RSS, Atom, JSON Feed and e-mail are later rows).
 *
 * A struct render_doc collects the papers in input order.  Each paper is
 * checked once when added and its fields are read into a struct
 * render_paper, so a format writer never looks at JSON.  The doc holds a
 * reference to each paper record (json-c: render_doc_add() takes its own
 * reference; the caller keeps and releases its one), and the
 * render_paper strings are borrowed from those records.  Strings from the
 * configuration are borrowed from the struct config, which must outlive
 * the doc.
 */
#ifndef RENDER_H
#define RENDER_H

#include <stddef.h>
#include <time.h>

struct buf;
struct config;
struct json_object;

#define RENDER_TITLE		"arXiv Papers"
#define RENDER_ABSTRACT_MAX	300	/* characters shown of an abstract */
#define RENDER_TEMPLATE_MAX	(16 * 1024 * 1024)	/* bytes */
#define RENDER_NONE		"No papers matched the configured criteria."

/* A paper's fields as a digest shows them; NULL or 0 when absent. */
struct render_paper {
	const char	 *id;
	const char	 *arxiv_id;	/* with version, else id */
	const char	 *title;
	const char	 *abs_url;	/* links.abs (http/https), else from id */
	const char	**authors;	/* NULL-terminated, owned by the doc */
	size_t		  nauthors;
	const char	 *category;	/* primary, else categories[0] */
	const char	**categories;	/* NULL-terminated, owned by the doc */
	size_t		  ncategories;
	const char	 *announce_type;
	const char	 *published;	/* as in the record (RFC 3339) */
	const char	 *updated;
	const char	 *abstract;
	int		  has_score;
	double		  score;
	const char	 *summary;	/* summary.text */
	const char	 *summary_model;
	int		  summary_markdown;	/* 0: plain text (extractive) */
	char		 *url_buf;	/* owned: abs_url when built */
};

struct render_doc {
	const char		 *title;	/* NULL: RENDER_TITLE */
	time_t			  now;		/* "Last Updated" */
	const char		 *base_url;	/* where it is served, or NULL */
	const char		 *category;	/* only papers in it, or NULL */
	long			  ttl;		/* feeds: minutes, 0: none */
	char			 *tmpl;		/* markdown template, or NULL */
	size_t			  tmpl_len;
	const char		 *mail_from;	/* e-mail headers, or NULL */
	const char		 *mail_to;
	const char		 *mail_subject;
	long			  limit;	/* papers listed; -1: all */
	const char		**categories;	/* config "categories" */
	size_t			  ncategories;
	const char		**keywords;	/* config "keywords" or NULL */
	size_t			  nkeywords;
	const char		**exclude;	/* config "exclude_keywords" */
	size_t			  nexclude;
	struct render_paper	 *papers;
	size_t			  npapers;
	size_t			  cap;
	struct json_object	**records;	/* the references held */
	unsigned long		  ignored;	/* records of other kinds */
	unsigned long		  dropped;	/* papers marked "dropped" */
	unsigned long		  filtered;	/* not in d->category */
};

/* A format: a name for -f and a writer appending the document to out. */
struct render_format {
	const char	*name;
	const char	*alias;		/* another accepted name, or NULL */
	const char	*what;		/* one line for --help and errors */
	int		(*write)(struct buf *out, const struct render_doc *,
			    char *err, size_t errlen);
};

/* The format called name (or its alias), or NULL. */
const struct render_format *render_format_find(const char *name);
/* The table of formats, *n entries. */
const struct render_format *render_formats(size_t *n);

/* A new empty doc; NULL when out of memory. */
struct render_doc *render_doc_new(void);
void	render_doc_free(struct render_doc *);

/*
 * Read the keys a digest shows from c: categories, keywords,
 * exclude_keywords, and display_limit unless a limit is already set.
 * -1 with err on a key of the wrong type.
 */
int	render_doc_config(struct render_doc *, const struct config *c,
	    char *err, size_t errlen);

/*
 * Add a "paper" record.  -1 with err ("paper: \"authors\": expected an
 * array of strings") if a field the digest shows has the wrong type; the
 * paper is then left out.  A paper that arxiv-score --explain marked
 * "dropped" is not part of the selection: it is only counted.
 */
int	render_doc_add(struct render_doc *, struct json_object *paper,
	    char *err, size_t errlen);

/*
 * The document's title into b (reset first): d->title, else
 * RENDER_TITLE, with ": CATEGORY" after it under --category unless a
 * title was given.  -1 when out of memory.
 */
int	render_doc_title(const struct render_doc *, struct buf *b);

/*
 * Read the markdown template at path (render_md_template()) into the
 * doc, which owns it; -1 with err.
 */
int	render_doc_template(struct render_doc *, const char *path,
	    char *err, size_t errlen);

/* The papers listed: all, or the first limit of them. */
size_t	render_doc_shown(const struct render_doc *);

/*
 * The categories to show as monitored: the configuration's, or else the
 * papers' primary categories, sorted, each once.  *v is a new array of
 * borrowed strings the caller frees; -1 when out of memory.
 */
int	render_doc_categories(const struct render_doc *, const char ***v,
	    size_t *n);

/* Write the doc in format f into out; -1 with err. */
int	render_write(const struct render_format *f, const struct render_doc *,
	    struct buf *out, char *err, size_t errlen);

/*
 * A score the way the Python bot printed it (Python's repr of a float):
 * "13.5", "6.0", "7.25".  buf holds at least 32 bytes.
 */
void	render_score(double v, char *buf, size_t len);

/* The day of an RFC 3339 time, "2025-12-23", into buf (11 bytes); -1 if
 * s is not a date. */
int	render_day(const char *s, char *buf, size_t len);

/*
 * How many bytes at s (NUL-terminated) to leave out of any document: 1
 * for a C0 control other than tab and newline, or DEL; 3 for U+FFFE and
 * U+FFFF; 0 for anything else.  Such bytes make XML ill-formed and are
 * never text anyone meant.
 */
size_t	render_junk(const char *s);

/* "2025-12-23 05:59:15 UTC" into buf. */
void	render_when(time_t t, char *buf, size_t len);

/*
 * The document's clock: the RFC 3339 time now if not NULL, else
 * SOURCE_DATE_EPOCH (seconds) if set, else the system clock.  -1 with
 * err ("--now: not a date: x") when now or SOURCE_DATE_EPOCH is bad.
 */
int	render_clock(const char *now, time_t *t, char *err, size_t errlen);

/*
 * Append s escaped for HTML text and attribute values (& < > "), with
 * the control characters XML forbids left out.
 */
int	render_html_escape(struct buf *, const char *s);

#endif
