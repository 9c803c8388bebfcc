/*
 * Scoring one paper: the rules of arxiv-score(1) over the fields of a
 * paper record, in two steps so that a paper dropped by a cheap rule
 * (announce type, category, date) never has its text looked at.
 *
 * Ownership: score_new() returns a scorer the caller frees with
 * score_free(); it borrows the struct scoreconf, which must outlive it.
 * Papers are the one struct paper of record.h, borrowed for each call.  A
 * struct score_result is zeroed to start and released with
 * score_result_free().
 */
#ifndef SCORE_H
#define SCORE_H

#include <stddef.h>
#include <time.h>

struct buf;
struct paper;
struct scoreconf;
struct score;

struct score_match {
	const char	*term;		/* borrowed from the configuration */
	unsigned	 field;		/* SCORE_F_* */
	unsigned	 count;
	double		 weight;	/* what this match added to the score */
};

/* Why the rules dropped a paper, for the line at the end of a run. */
enum score_why {
	SCORE_WHY_TYPE,		/* announce_types */
	SCORE_WHY_CATEGORY,	/* categories */
	SCORE_WHY_OLD,		/* days_back */
	SCORE_WHY_EXCLUDED,	/* exclude_keywords */
	SCORE_WHY_NOKEYWORD,	/* keywords, authors */
	SCORE_WHY_MINSCORE,	/* min_score */
	SCORE_NWHY
};

struct score_tally {
	unsigned long	 dropped[SCORE_NWHY];
};

struct score_result {
	double			 score;
	struct score_match	*m;
	size_t			 n, cap;
	int			 dropped;
	char			 reason[256];
	char			 warning[256];	/* a regex failed here, or "" */
};

/*
 * A scorer for a configuration; compat selects the bot's rules, now is
 * the time days_back counts back from.  NULL with err (a regex that does
 * not compile, naming the term) on failure.
 */
struct score *score_new(const struct scoreconf *, int compat, time_t now,
	    char *err, size_t errlen);
void	score_free(struct score *);
/* The fields (SCORE_F_*) the rules look at, so others need not be read. */
unsigned score_fields_used(const struct score *);
/* Write the reasons papers are dropped into results (off by default). */
void	score_reasons(struct score *, int on);

/*
 * The rules on cheap fields: announce type, categories, date.  Returns 1
 * and fills r->reason if the paper is dropped, else 0.
 */
int	score_prefilter(struct score *, const struct paper *,
	    struct score_result *r);

/*
 * Match and score the paper (extra is added to the score: the library
 * term); returns 1 if dropped (excluded term, no keyword, under
 * min_score), 0 if kept, -1 with err when out of memory.  A regex that
 * fails to run on this paper (match.h's limits) counts nothing in it and
 * leaves r->warning ("regex \"(a+)+$\" failed: match limit exceeded (not
 * counted for this paper)"); the paper is scored on the other terms.
 */
int	score_eval(struct score *, const struct paper *, double extra,
	    struct score_result *r, char *err, size_t errlen);

/* Append ,"score":N,"matches":[...] for r to out; -1 out of memory. */
int	score_fields(const struct score_result *, struct buf *out);

/* How many papers each rule dropped so far (borrowed, live). */
const struct score_tally *score_tally(const struct score *);

/*
 * The line a run ends with, into line: "kept 3 of 13 (7 older than
 * days_back=7, 2 without a keyword, 1 excluded)", total papers read and
 * kept written; what the rules did not drop but was not kept went to
 * --seen, deduplication or max_papers.
 */
void	score_tally_line(const struct score_tally *,
	    const struct scoreconf *, unsigned long total, unsigned long kept,
	    char *line, size_t len);

void	score_result_reset(struct score_result *);
void	score_result_free(struct score_result *);

/*
 * Write a number the way records carry it: rounded to 6 decimals, the
 * shortest form, with ".0" on whole numbers ("13.5", "6.0").
 */
void	score_format(double v, char *buf, size_t len);
/* Round as score_format() does, so ranking sees what is written. */
double	score_round(double v);

#endif
