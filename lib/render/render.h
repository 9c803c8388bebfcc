/*
 * Documents: a ranked list of papers written as one document, in one of
 * several formats behind a small table (markdown, html, rss, atom,
 * jsonfeed, email).
 *
 * A struct render_doc collects the papers in input order, each decoded
 * once when added by the one paper decoder (paper_from_json(), record.h)
 * into a struct paper the doc owns, so a format writer never looks at
 * JSON.  Render's own rules are applied then, so every writer sees the
 * same paper: empty strings are absent; links.abs is kept only when it
 * is an http or https URL, else it is https://arxiv.org/abs/ID;
 * primary_category falls back to the first category; arxiv_id is the id
 * with version (paper_arxiv_id()); a summary without a model is by
 * "unknown model".  The doc also holds each record's line as it was
 * read, for the merge state, which keeps every byte of it (arxivpipe(5)).
 * Strings from the configuration
 * are borrowed from the struct config, which must outlive the doc.
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

struct paper;
struct paper_dec;

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
	struct paper		 *papers;
	size_t			  npapers;
	size_t			  cap;
	char			**records;	/* their lines, as read */
	struct paper_dec	 *dec;		/* the decoder, reused */
	const char		 *warning;	/* about the paper last added */
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
 * Add a "paper" record, its line of len bytes.  -1 with err ("paper
 * 2512.00001: authors: expected an array of strings", or "invalid JSON:
 * ...") if a field a document shows has the wrong type; the paper is
 * then left out.  1 for a record of another kind, which is left to the
 * caller.  A paper that arxiv-score --explain marked "dropped" is not
 * part of the selection: it is only counted (whatever its fields hold),
 * and so is one not in d->category.  d->warning is then a warning about
 * the record for the caller to report with its line, or NULL: "paper
 * 2512.00001: lone surrogate escape read as U+FFFD" (paper_dec_warning(),
 * record.h), valid until the next call; the paper was added all the
 * same.  The doc keeps a copy of the line, for the merge state.
 *
 * render_doc_add() is the same for a json-c tree (borrowed), decoded
 * from the tree and kept as json-c writes it; a record of another kind
 * is counted in d->ignored.
 */
int	render_doc_add_line(struct render_doc *, const char *line, size_t len,
	    char *err, size_t errlen);
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

/* Whether p's summary is markdown (any model but "extractive"). */
int	render_summary_markdown(const struct paper *p);

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
 * How many bytes at s (n bytes left, at least 1; RENDER_NUL when s is
 * NUL-terminated) to leave out of any document: 1 for a C0 control other
 * than tab and newline, or DEL; 3 for U+FFFE and U+FFFF; 0 for anything
 * else.  Such bytes make XML ill-formed and are never text anyone meant.
 */
#define RENDER_NUL	((size_t)3)	/* enough: a NUL ends the match early */
size_t	render_junk(const char *s, size_t n);

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
