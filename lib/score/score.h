/*
 * Scoring one paper: the rules of arxiv-score(1) over the fields of a
 * paper record, in two steps so that a paper dropped by a cheap rule
 * (announce type, category, date) never has its text looked at.
 *
 * Ownership: score_new() returns a scorer the caller frees with
 * score_free(); it borrows the struct scoreconf, which must outlive it.
 * struct score_paper borrows every string it points at.  A struct
 * score_result is zeroed to start and released with score_result_free().
 */
#ifndef SCORE_H
#define SCORE_H

#include <stddef.h>
#include <time.h>

struct buf;
struct scoreconf;
struct score;

/* The fields scoring reads; a NULL string is an absent or null field. */
struct score_paper {
	const char	*id;		/* not NUL-terminated */
	size_t		 id_len;
	long		 version;	/* 0: none */
	const char	*title;
	size_t		 title_len;
	const char	*abstract;
	size_t		 abstract_len;
	const char	*comment;
	size_t		 comment_len;
	const char	*authors;	/* each followed by a NUL byte */
	size_t		 nauthors;
	size_t		 authors_len;	/* bytes, NULs included */
	const char	*categories;	/* the same */
	size_t		 ncategories;
	size_t		 categories_len;
	const char	*announce;
	size_t		 announce_len;
	const char	*published;
	size_t		 published_len;
};

struct score_match {
	const char	*term;		/* borrowed from the configuration */
	unsigned	 field;		/* SCORE_F_* */
	unsigned	 count;
	double		 weight;	/* what this match added to the score */
};

struct score_result {
	double			 score;
	struct score_match	*m;
	size_t			 n, cap;
	int			 dropped;
	char			 reason[256];
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
int	score_prefilter(struct score *, const struct score_paper *,
	    struct score_result *r);

/*
 * Match and score the paper (extra is added to the score: the library
 * term); returns 1 if dropped (excluded term, no keyword, under
 * min_score), 0 if kept, -1 with err if matching failed.
 */
int	score_eval(struct score *, const struct score_paper *, double extra,
	    struct score_result *r, char *err, size_t errlen);

/* Append ,"score":N,"matches":[...] for r to out; -1 out of memory. */
int	score_fields(const struct score_result *, struct buf *out);

void	score_result_reset(struct score_result *);
void	score_result_free(struct score_result *);

/*
 * Write a number the way records carry it: rounded to 6 decimals, the
 * shortest form, with ".0" on whole numbers ("13.5", "6.0").
 */
void	score_format(double v, char *buf, size_t len);
/* Round as score_format() does, so ranking sees what is written. */
double	score_round(double v);

/* Append s as a JSON string, escaped the way json-c escapes it. */
int	score_json_string(struct buf *out, const char *s, size_t n);

#endif
