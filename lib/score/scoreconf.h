/*
 * The keys of config.json that arxiv-score reads (arxivpipe-config(5)),
 * checked and turned into a struct.  Keys of other stages and of the bot
 * are not looked at, so they never cause an error here.
 *
 * Ownership: scoreconf_load() fills a caller's struct scoreconf whose
 * strings are copies; scoreconf_free() releases them.  A zeroed struct
 * after scoreconf_default() is the configuration of a run without -c.
 */
#ifndef SCORECONF_H
#define SCORECONF_H

#include <stddef.h>

struct config;

/* The fields a keyword can be looked for in. */
#define SCORE_F_TITLE		0x01
#define SCORE_F_ABSTRACT	0x02
#define SCORE_F_AUTHORS		0x04
#define SCORE_F_COMMENT		0x08
#define SCORE_F_CATEGORIES	0x10
#define SCORE_NFIELDS		5

struct scoreconf_term {
	char		*term;
	double		 weight;	/* keywords 1, authors 3 by default */
	unsigned	 fields;	/* SCORE_F_* */
	int		 regex;
};

struct scoreconf {
	int			 rules;		/* 0: no -c, every paper passes */
	char			**categories;
	size_t			 ncategories;
	struct scoreconf_term	*keywords;
	size_t			 nkeywords;
	struct scoreconf_term	*excludes;
	size_t			 nexcludes;
	struct scoreconf_term	*authors;
	size_t			 nauthors;
	char			**announce;	/* announce_types */
	size_t			 nannounce;
	long			 max_papers;	/* -1: no limit */
	double			 days_back;	/* < 0: no limit */
	double			 min_score;
	int			 has_min_score;
	int			 dedup;		/* enable_deduplication */
	int			 dedup_id, dedup_title, dedup_link;
	double			 title_bonus;
	double			 library_weight;
};

/* The defaults: no rule, title_bonus 0.5, library_weight 5. */
void	scoreconf_default(struct scoreconf *);
/* Read score's keys from c; -1 with err ("keywords[2]: ...") if bad. */
int	scoreconf_load(struct scoreconf *, const struct config *c, char *err,
	    size_t errlen);
void	scoreconf_free(struct scoreconf *);

/* The name of a field bit ("title"), for matches. */
const char *scoreconf_field_name(unsigned field);

#endif
