/*
 * A run of arxiv-summarize over a stream of records, the stage's policy
 * in one place: which papers get a summary (summarize.h), the full text
 * each is paired with, the cache, up to jobs API requests in flight on
 * lib/net/http's multi interface, retries, and output in input order.
 *
 * The caller feeds records with sumrun_take() and writes what
 * sumrun_next() hands back, in that order; sumrun_finish() says the
 * input ended, after which sumrun_next() waits for the requests left.
 * A record waits in the run only while a paper before it (or itself) is
 * being summarised, and at most SUMRUN_MAX_HELD records or bytes are
 * held: past that the run waits for the oldest paper, which then goes
 * ahead with what it has (its abstract if no full text came yet).
 *
 * Pairing: a "fulltext" record (arxivpipe(5)) belongs to the paper with
 * the same id and version, before or after it anywhere in the input; it
 * is passed on unchanged too.
 *
 * Failures: a paper whose summary failed is written with a
 * "summary_error" member and counted; the caller exits 1.  A 401 or 403
 * fails every paper left without another request, with one message.
 * The API key is only ever put in the Authorization header: never in a
 * message, a record, the cache or a URL.
 *
 * Ownership: sumrun_new() copies what it needs from the options but the
 * key, the prompt and the headers, which it borrows; lines and messages
 * returned are valid until the next call on the run.
 */
#ifndef SUMRUN_H
#define SUMRUN_H

#include <stddef.h>

#include "summarize.h"

struct json_object;
struct sumrun;

#define SUMRUN_MAX_HELD	4096	/* records held for order */

struct sumrun_opts {
	struct summarize_opts	 pick;		/* limit, replace, extractive */
	int			 api;		/* 0: extractive, offline */
	const char		*base_url;	/* https://host/v1 */
	const char		*model;
	const char		*api_key;	/* borrowed, never shown */
	const char		*key_env;	/* its name, for messages */
	const char		*prompt;	/* NULL: the built-in one */
	const char		*language;	/* NULL: the prompt decides */
	int			 fulltext;	/* pair with fulltext records */
	double			 temperature;	/* < 0: not sent */
	long			 max_tokens;	/* 0: not sent */
	size_t			 max_input_tokens;	/* 0: default */
	double			 timeout;	/* seconds; 0: default */
	int			 retries;	/* < 0: default */
	size_t			 jobs;		/* 0: default */
	const char *const	*headers;	/* more "Name: value" */
	const char		*cache_dir;	/* NULL: no cache */
	int			 dry_run;	/* no request; say the cost */
	int			 verbose;	/* a message per request */
};

#define SUMRUN_TIMEOUT		300.0	/* seconds a request may take */
#define SUMRUN_RETRIES		3
#define SUMRUN_JOBS		3	/* the bot's max_workers */
#define SUMRUN_INPUT_TOKENS	20000	/* full-text budget */
#define SUMRUN_TEMPERATURE	0.3

struct sumrun_stats {
	unsigned long	papers;		/* to summarise */
	unsigned long	done;		/* summarised or failed */
	unsigned long	requests;	/* HTTP requests, retries too */
	unsigned long	retried;
	unsigned long	cached;
	unsigned long	failed;
	unsigned long	prompt_tokens;
	unsigned long	completion_tokens;
	unsigned long	est_tokens;	/* --dry-run: the estimate */
	unsigned long	max_in_flight;
	/* What became of the records (summarize.h's statuses). */
	unsigned long	added, kept, over, no_abstract, dropped, other;
};

/* A new run; NULL with err. */
struct sumrun *sumrun_new(const struct sumrun_opts *, char *err,
	    size_t errlen);
void	sumrun_free(struct sumrun *);

/*
 * Take one record: line its bytes as read, and obj its tree (borrowed)
 * or NULL.  Offline the record is read from its line and no tree is
 * needed; the API client builds one when obj is NULL.  Returns a
 * summarize_status: SUMMARIZE_NO_ABSTRACT and SUMMARIZE_BAD (a field of
 * the wrong type, or offline a summary that failed, the record passed
 * on as it was; or a line that is not JSON, which is not) with err for
 * the caller to report with the line; SUMMARIZE_ERROR with err if the
 * run cannot go on (out of memory).
 */
enum summarize_status sumrun_take(struct sumrun *, struct json_object *obj,
	    const char *line, size_t len, char *err, size_t errlen);
/*
 * A warning about the record sumrun_take() last took, for the caller to
 * report with its line, or NULL: "paper 2512.00001: lone surrogate
 * escape read as U+FFFD" (summarize_warning()), or the same about a
 * "fulltext 2512.00001v1" whose text a paper reads.  The record was
 * taken all the same.
 */
const char *sumrun_warning(const struct sumrun *);
/* The input ended: papers still waiting for a full text go ahead. */
void	sumrun_finish(struct sumrun *);
/*
 * The next output line: 1 with *line, 0 when none is ready yet, -1 with
 * err if the run cannot go on.  After sumrun_finish() it waits (up to a
 * second at a time, so the caller can show progress) while
 * sumrun_pending() says records are left.
 */
int	sumrun_next(struct sumrun *, const char **line, size_t *len,
	    char *err, size_t errlen);
/* 1 while records are held: papers being summarised, lines after them. */
int	sumrun_pending(const struct sumrun *);
/* The next message for stderr, or NULL. */
const char *sumrun_message(struct sumrun *);

const struct sumrun_stats *sumrun_stats(const struct sumrun *);
/* The end-of-run line ("5 papers: 3 requests, ...") into buf. */
void	sumrun_report(const struct sumrun *, char *buf, size_t len);
/* The -v tally of records ("summarised 15, kept 0 ...") into buf. */
void	sumrun_tally(const struct sumrun *, char *buf, size_t len);
/* The progress line ("summaries 3/15, ...") into buf. */
void	sumrun_progress(const struct sumrun *, char *buf, size_t len);

#endif
