/*
 * Summary back ends behind one small interface.
 *
 * A back end turns a paper (struct paper, record.h: title and abstract)
 * into summary text at once.  There is one, "extractive" (summary.h),
 * which works offline.  The API client is not a back end of this table:
 * its requests run many at a time and finish out of order, so it has its
 * own run (sumrun.h) and shares only the choice of papers (summarize.h).
 *
 * Ownership: sumback_open() returns a handle the caller releases with
 * sumback_free().  The settings struct is copied; the strings it points
 * to are borrowed and must outlive the handle.  sumback_summarize()
 * borrows the paper and fills *text with a new string the caller frees.
 */
#ifndef SUMBACK_H
#define SUMBACK_H

#include <stddef.h>

#define SUMBACK_DEFAULT	"extractive"

/* What a back end needs to know; unused fields stay NULL or 0. */
struct sumback_settings {
	size_t		 sentences;	/* extractive: sentences to keep */
	size_t		 max_chars;	/* extractive: cap on the length */
	const char	*model;		/* API: the model to ask */
	const char	*base_url;	/* API: https://host/v1 */
	const char	*api_key;	/* API: the key */
	const char	*prompt;	/* API: the instructions */
};

struct paper;
struct sumback;

/* One back end: an entry of the table. */
struct sumback_ops {
	const char	*name;
	/* Set up b->state from b->settings; -1 with err. */
	int		(*open)(struct sumback *, char *err, size_t errlen);
	/* Summarise p into a new string *text; -1 with err. */
	int		(*summarize)(struct sumback *,
			    const struct paper *, char **text,
			    char *err, size_t errlen);
	/* Release b->state (may be NULL). */
	void		(*close)(struct sumback *);
	/* The "model" a summary records; NULL: the back end's name. */
	const char	*(*model)(const struct sumback *);
	/* The "source" a summary records: "abstract", "fulltext". */
	const char	*source;
};

struct sumback {
	const struct sumback_ops	*ops;
	struct sumback_settings		 settings;
	void				*state;
};

/* The back end called name, or NULL; the table lists every back end. */
const struct sumback_ops *sumback_find(const char *name);
/* The names of the back ends, NULL-terminated, for messages. */
const char *const *sumback_names(void);

/* Open the back end called name with settings; NULL with err. */
struct sumback *sumback_open(const char *name,
	    const struct sumback_settings *, char *err, size_t errlen);
void	sumback_free(struct sumback *);

/* Summarise p into a new string *text; -1 with err. */
int	sumback_summarize(struct sumback *, const struct paper *,
	    char **text, char *err, size_t errlen);
/* The model and source names a summary from this back end records. */
const char *sumback_model(const struct sumback *);
const char *sumback_source(const struct sumback *);

#endif
