/*
 * The summarize stage's work on one record: add a "summary" object to a
 * "paper" record, through a back end (lib/sumback.h), honouring the
 * limit on how many papers get one.
 *
 * Ownership: summarize_line() borrows the line and writes the new one
 * into the caller's buffer; summarize_pick() borrows the record (a
 * json-c tree, or a line).  Strings in struct summarize_api are borrowed
 * from the struct config.
 */
#ifndef SUMMARIZE_H
#define SUMMARIZE_H

#include <stddef.h>

struct config;
struct json_object;

struct summarize_opts {
	const char	*backend;	/* NULL: SUMBACK_DEFAULT */
	size_t		 sentences;	/* 0: the back end's default */
	size_t		 max_chars;	/* 0: no cap */
	long		 limit;		/* papers to summarise; -1: all */
	int		 replace;	/* replace summaries already there */
};

/*
 * The "ai_summary" keys of config.json that this stage reads: the bot's
 * (enabled .. max_workers) and arxivpipe's extensions
 * (arxivpipe-config(5)).  Absent keys: disabled, NULL, -1 or 0, which
 * mean "the default" to sumrun.h.
 */
struct summarize_api {
	int		 enabled;	/* ai_summary.enabled */
	const char	*key_env;	/* ai_summary.api_key_env */
	const char	*model;		/* ai_summary.model */
	const char	*base_url;	/* ai_summary.base_url */
	const char	*prompt_file;	/* ai_summary.prompt_file */
	long		 max_papers;	/* ..max_papers_to_summarize; -1 */
	long		 max_workers;	/* 0: default */
	double		 temperature;	/* -1: default (0.3) */
	long		 max_tokens;	/* 0: not sent */
	const char	*language;
	const char	*input;		/* "fulltext" or "abstract" */
	long		 max_input_tokens; /* 0: default */
	double		 timeout;	/* seconds; 0: default */
	long		 retries;	/* -1: default */
	const char	**extra_headers; /* "Name: value", NULL-terminated;
					   the array is owned, free() it */
};

/*
 * Read the ai_summary keys of c into *api.  -1 with err on a key of the
 * wrong type or a value out of range.  Release with
 * summarize_api_clear().
 */
int	summarize_config(const struct config *c, struct summarize_api *api,
	    char *err, size_t errlen);

void	summarize_api_clear(struct summarize_api *);

enum summarize_status {
	SUMMARIZE_ADDED,	/* a summary was added */
	SUMMARIZE_KEPT,		/* it already had one; unchanged */
	SUMMARIZE_OVER_LIMIT,	/* past the limit; unchanged */
	SUMMARIZE_NO_ABSTRACT,	/* nothing to summarise; unchanged */
	SUMMARIZE_DROPPED,	/* arxiv-score --explain dropped it; unchanged */
	SUMMARIZE_BAD,		/* a field has the wrong type; err says which */
	SUMMARIZE_ERROR,	/* the back end failed; err says why */
	SUMMARIZE_OTHER,	/* not a paper record; unchanged */
	SUMMARIZE_INVALID	/* a line that is not a JSON record; err */
};

struct summarize;

/* A new stage with the options (copied); NULL with err. */
struct summarize *summarize_new(const struct summarize_opts *, char *err,
	    size_t errlen);
void	summarize_free(struct summarize *);

/*
 * Summarise one "paper" record, its line of len bytes (no tree is
 * built): for SUMMARIZE_ADDED, out is the line with "summary": {"text",
 * "model", "source"} after its other members (or in place of the one
 * there, with opts.replace; its duplicates dropped): record.h's
 * record_replace(), so every other member keeps its bytes.  A paper
 * whose abstract is absent, null or blank is left as it is, and so is
 * one that arxiv-score --explain marked "dropped" (it is not part of the
 * selection).  Papers that already have a summary count toward the
 * limit.  A line that is not a record is SUMMARIZE_INVALID, one of
 * another kind SUMMARIZE_OTHER; out is untouched but for
 * SUMMARIZE_ADDED.  *p is the paper as summarize_pick() leaves it.
 */
struct buf;
struct paper;
enum summarize_status summarize_line(struct summarize *, const char *line,
	    size_t len, struct paper *p, struct buf *out, char *err,
	    size_t errlen);

/*
 * The first half of it: the paper decoded with paper_from_json()
 * (record.h; its one wording for a field of the wrong type) from its
 * tree, or from its line when paper is NULL, and the limit.
 * SUMMARIZE_ADDED means "this paper gets a summary" (it now counts
 * toward the limit); the caller writes it, as the API client does
 * later.  *p borrows from the stage's decoder and from paper or line,
 * valid until the next call.
 */
enum summarize_status summarize_pick(struct summarize *,
	    struct json_object *paper, const char *line, size_t len,
	    struct paper *p, char *err, size_t errlen);

/*
 * A warning about the paper summarize_pick() last decoded, or NULL:
 * "paper 2512.00001: lone surrogate escape read as U+FFFD" (record.h's
 * paper_dec_warning(); arxivpipe(5): repaired input is said once per
 * record).  Valid until the next call.
 */
const char *summarize_warning(const struct summarize *);

/* The model name the back end writes into summaries. */
const char *summarize_model(const struct summarize *);

#endif
