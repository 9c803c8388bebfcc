/*
 * The records that flow between stages (docs/schema.md, arxivpipe(5)).
 *
 * Ownership (json-c): functions returning struct json_object * return a
 * new reference the caller releases with json_object_put(); functions
 * taking one borrow it.  record_str() and friends return borrowed
 * pointers into the object, valid while the object lives.
 *
 * struct paper is the C form of a "paper" record.  Its strings are owned
 * by the struct (malloc'd) and released by paper_free(); NULL means the
 * field is absent, which the record writes as null.  paper_to_json()
 * writes the fields in the fixed order of the schema, so output is
 * byte-stable for golden files.
 */
#ifndef RECORD_H
#define RECORD_H

#include <stddef.h>

struct json_object;

struct strlist {
	char	**v;
	size_t	 n;
	size_t	 cap;
};

struct paper {
	char		*id;		/* 2512.18127, cond-mat/0412498 */
	int		 version;	/* 0: unknown (written as null) */
	char		*title;
	char		*abstract;
	struct strlist	 authors;
	struct strlist	 categories;	/* primary first */
	char		*primary_category;	/* NULL: categories.v[0] */
	char		*announce_type;	/* new, cross, replace, replace-cross */
	char		*published;	/* RFC 3339 UTC */
	char		*updated;
	char		*link_pdf;	/* NULL: derived from id and version */
	char		*link_html;	/* NULL: absent */
	char		*comment;
	char		*journal_ref;
	char		*doi;
	char		*license;
	char		*source_format;	/* rss, atom, rss1, api, oai, ... */
	char		*source_feed;	/* what the document calls itself */
	char		*source_url;	/* where it was fetched from */
};

/* Append a copy of s (n bytes) to a list; -1 when out of memory. */
int	strlist_add(struct strlist *, const char *s, size_t n);
int	strlist_adds(struct strlist *, const char *s);
/* Append s itself, which the list now owns; -1 (s not taken) on failure. */
int	strlist_take(struct strlist *, char *s);
void	strlist_free(struct strlist *);

/* Release the fields of p (not p itself) and zero it. */
void	paper_clear(struct paper *);
/*
 * Replace *field with a copy of s (n bytes, or strlen(s) if n is
 * (size_t)-1); s NULL clears it.  -1 when out of memory.
 */
int	paper_set(char **field, const char *s, size_t n);

/*
 * Split "2512.18127v2" or "cond-mat/0412498v1" into id and version (0 if
 * none); accepts a leading "arXiv:" and the abs/pdf URL forms.  Returns
 * -1 if s holds no arXiv identifier.  *id is new, caller frees.
 */
int	arxiv_id_split(const char *s, char **id, int *version);

/* The paper as a "paper" record, fields in schema order (new reference). */
struct json_object *paper_to_json(const struct paper *);

/* Borrowed accessors; NULL when the key is absent or not a string. */
const char *record_kind(struct json_object *);
const char *record_str(struct json_object *, const char *key);
/* The record's number at key, or def if absent or not a number. */
double	record_num(struct json_object *, const char *key, double def);

/*
 * Set key on obj to val (stolen), keeping the key's position if it is
 * already present so the record's field order stays stable.
 */
void	record_set(struct json_object *obj, const char *key,
	    struct json_object *val);

#endif
