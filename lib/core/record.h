/*
 * The records that flow between stages (arxivpipe(5)).
 *
 * Ownership (json-c): functions returning struct json_object * return a
 * new reference the caller releases with json_object_put(); functions
 * taking one borrow it.  record_str() and friends return borrowed
 * pointers into the object, valid while the object lives.
 *
 * struct paper is the one C form of a "paper" record, for every stage:
 * parse builds it and writes it with paperjson_write(); score, summarize
 * and render read it with paper_from_json().  NULL means the field is
 * absent or null.  A paper either owns its strings (malloc'd, released by
 * paper_clear()) or, when p->borrowed is set, borrows them from the
 * struct paper_dec that decoded it, valid until that decoder's next use;
 * paper_clear() then only forgets them.
 */
#ifndef RECORD_H
#define RECORD_H

#include <stddef.h>

#include "buf.h"		/* BUF_MUST_USE */

struct json_object;

struct strlist {
	char	**v;
	size_t	 n;
	size_t	 cap;
};

/* What a summary stage added to a paper ("summary" in arxivpipe(5)). */
struct paper_summary {
	char		*text;		/* NULL: the paper has no summary */
	char		*model;		/* "extractive" or the LLM's name */
	char		*input;		/* html, pdf, abstract */
	char		*language;
	int		 cached;	/* 1: from the summary cache */
	int		 truncated;	/* 1: the model hit max_tokens */
	long		 prompt_tokens;	/* -1: not reported */
	long		 completion_tokens;
};

struct paper {
	char		*id;		/* 2512.18127, cond-mat/0412498 */
	int		 version;	/* 0: unknown (written as null) */
	char		*arxiv_id;	/* as read; NULL: id and version */
	char		*title;
	char		*abstract;
	struct strlist	 authors;
	struct strlist	 categories;	/* primary first */
	char		*primary_category;	/* NULL: categories.v[0] */
	char		*announce_type;	/* new, cross, replace, replace-cross */
	char		*published;	/* RFC 3339 UTC */
	char		*updated;
	char		*link_abs;	/* NULL: derived from id */
	char		*link_pdf;	/* NULL: derived from id and version */
	char		*link_html;	/* NULL: absent */
	char		*comment;
	char		*journal_ref;
	char		*doi;
	char		*license;
	char		*source_format;	/* rss, atom, rss1, api, oai, ... */
	char		*source_feed;	/* what the document calls itself */
	char		*source_url;	/* where it was fetched from */
	/* What later stages add: arxiv-score, arxiv-summarize. */
	int		 has_score;
	double		 score;
	int		 dropped;	/* arxiv-score --explain: not kept */
	struct paper_summary summary;
	char		*summary_error;
	int		 borrowed;	/* strings belong to a paper_dec */
};

/* Append a copy of s (n bytes) to a list; -1 when out of memory. */
int	strlist_add(struct strlist *, const char *s, size_t n) BUF_MUST_USE;
int	strlist_adds(struct strlist *, const char *s) BUF_MUST_USE;
/* Append s itself, which the list now owns; -1 (s not taken) on failure. */
int	strlist_take(struct strlist *, char *s) BUF_MUST_USE;
void	strlist_free(struct strlist *);

/* Release the fields of p (not p itself) and zero it. */
void	paper_clear(struct paper *);
/*
 * Replace *field with a copy of s (n bytes, or strlen(s) if n is
 * (size_t)-1); s NULL clears it.  -1 when out of memory.
 */
int	paper_set(char **field, const char *s, size_t n) BUF_MUST_USE;

/*
 * Split "2512.18127v2" or "cond-mat/0412498v1" into id and version (0 if
 * none); accepts a leading "arXiv:" and the abs/pdf URL forms.  Returns
 * -1 if s holds no arXiv identifier.  *id is new, caller frees.
 */
int	arxiv_id_split(const char *s, char **id, int *version);

/*
 * Decoding "paper" records: one decoder, one rule for every stage.
 *
 * The fields a stage uses are type-checked on each decode (all of them up
 * front, whichever are decoded now); a field of the wrong type refuses
 * the paper with one wording,
 * "paper 2512.00001: title: expected a string" ("paper: id: ..." when the
 * id itself is missing or not a string).  Only the fields asked for
 * (PAPER_F_*) are decoded, so a stage reads no more than it uses.
 */
#define PAPER_F_ID	0x0001u	/* id, version, arxiv_id: always decoded */
#define PAPER_F_TITLE	0x0002u
#define PAPER_F_ABSTRACT 0x0004u
#define PAPER_F_AUTHORS	0x0008u
#define PAPER_F_CATEGORIES 0x0010u	/* categories, primary_category */
#define PAPER_F_ANNOUNCE 0x0020u	/* announce_type */
#define PAPER_F_DATES	0x0040u	/* published, updated */
#define PAPER_F_LINKS	0x0080u
#define PAPER_F_COMMENT	0x0100u
#define PAPER_F_META	0x0200u	/* journal_ref, doi, license, source */
#define PAPER_F_SCORE	0x0400u	/* score, dropped */
#define PAPER_F_SUMMARY	0x0800u	/* summary, summary_error */
#define PAPER_F_ALL	0x0fffu

struct paper_dec;

struct jscan;

/*
 * A decoder: scratch space reused from paper to paper; NULL if no memory.
 * uses is every field the stage may decode (PAPER_F_*; 0: all): those
 * are the fields whose types are checked, so a stage refuses a paper for
 * what it reads and passes the rest through untouched.  PAPER_DEC_TREE
 * turns the fast path off (every line through json-c), so a test can
 * check the two paths agree.
 */
#define PAPER_DEC_TREE	0x1
struct paper_dec *paper_dec_new(unsigned uses, int flags);
void	paper_dec_free(struct paper_dec *);

/*
 * Decode a "paper" record into *p (cleared first).  The record is obj (a
 * json-c object, borrowed) or, when obj is NULL, the line of len bytes:
 * a line jscan.h scans (any valid record) is read in place, without
 * building a tree (the fast path that keeps arxiv-score fast); any other
 * line is parsed with json-c, for its error message.  With dec NULL, p owns its
 * strings (and the fields checked are those decoded); with a dec, p
 * borrows them from it (p->borrowed).  Returns 0
 * for a paper, 1 for a record of another kind (nothing decoded), or -1
 * with err (a refused field as above; "invalid JSON: ..." for a line
 * that is not a record).
 */
int	paper_from_json(struct paper_dec *, struct json_object *obj,
	    const char *line, size_t len, unsigned fields, struct paper *p,
	    char *err, size_t errlen);
/*
 * Decode more fields of the record last given to dec into *p, which that
 * call filled (a stage that drops most papers on cheap fields decodes the
 * text only of those left).  0, or -1 with err.
 */
int	paper_dec_more(struct paper_dec *, unsigned fields, struct paper *p,
	    char *err, size_t errlen);
/*
 * How dec read the last record: its json-c tree (borrowed), or NULL when
 * it took the fast path; then paper_dec_scan() has the line's scan.
 */
struct json_object *paper_dec_tree(const struct paper_dec *);
const struct jscan *paper_dec_scan(const struct paper_dec *);

/*
 * 1 if the paper record dec was last given has a "dropped" member that
 * is not null (arxiv-score --explain), even when its fields were
 * refused; 0 otherwise (another kind, not JSON).
 */
int	paper_dec_dropped(const struct paper_dec *);

/*
 * A warning about the record dec last decoded, or NULL: "paper 2512.00001:
 * lone surrogate escape read as U+FFFD" (arxivpipe(5): invalid input
 * is repaired with a warning).  The paper was decoded; the stage prints
 * the warning once, with the line it came from.
 */
const char *paper_dec_warning(const struct paper_dec *);

/*
 * Writing a record back with some members replaced: append to out the
 * record line (len bytes) without its top-level members named in remove
 * (a NULL-terminated list, or NULL; keys compared as decoded, every
 * duplicate removed), then the members in append (alen bytes, each
 * starting with a comma: ",\"score\":1.0,\"matches\":[]"), then '}'.
 * Every other member keeps its bytes, in order: numbers as written,
 * escapes, white space inside values, duplicate keys; only the white
 * space between members, around their colons and around the line is
 * dropped, so the record stays one compact line.  A leading
 * comma of append is dropped when no member is left before it.  0, or -1
 * if the line is not a JSON object (see jscan_object()) or out of memory
 * (out may then hold part of the record: reset it).
 *
 * record_splice_scan() does the same from a scan the caller has already
 * made (paper_dec_scan()), so the line is not scanned twice.
 */
int	record_splice(const char *line, size_t len, const char *const *remove,
	    const char *append, size_t alen, struct buf *out) BUF_MUST_USE;
int	record_splice_scan(const struct jscan *, const char *const *remove,
	    const char *append, size_t alen, struct buf *out) BUF_MUST_USE;

/*
 * The same with members set in place: names[i] (NULL-terminated, at most
 * RECORD_REPLACE_MAX) gets the JSON text values[i], where the first
 * member of that name stood (its duplicates dropped), or at the end if
 * the line has none; a NULL value removes the member.  As the tree's
 * json_object_object_add() and _del() would, but every other member
 * keeps its bytes.  0, or -1 as record_splice(); record_replace_scan()
 * from the caller's scan, as record_splice_scan().
 */
#define RECORD_REPLACE_MAX	8
int	record_replace(const char *line, size_t len, const char *const *names,
	    const char *const *values, struct buf *out) BUF_MUST_USE;
int	record_replace_scan(const struct jscan *, const char *const *names,
	    const char *const *values, struct buf *out) BUF_MUST_USE;

/* A copy of src that owns its strings, into *dst; -1 when out of memory. */
int	paper_copy(struct paper *dst, const struct paper *src) BUF_MUST_USE;

/*
 * The paper's arXiv id with version ("2512.18127v2"): arxiv_id if the
 * record had one, else id and version; into buf.  NULL if no id.
 */
const char *paper_arxiv_id(const struct paper *, char *buf, size_t len);

/* Borrowed accessors; NULL when the key is absent or not a string. */
const char *record_kind(struct json_object *);
const char *record_str(struct json_object *, const char *key);
/* The record's number at key, or def if absent or not a number. */
double	record_num(struct json_object *, const char *key, double def);

#endif
