/*
 * A run of arxiv-score over a stream of records: each line is passed
 * through (not a paper), dropped, or held as a candidate; at the end the
 * candidates are deduplicated and ranked, and the output lines come out
 * best first (then, with explain, the dropped papers in input order).
 *
 * Papers are read by record.h's paper_from_json(): every line is scanned
 * once (jscan.h) and never decoded as a whole, and a kept paper's fields
 * are spliced into its line by record_splice(), so every other member
 * keeps its bytes, numbers as written.  The full_parse option decodes
 * every paper from a json-c tree instead, to check the fast path; the
 * output is the same.  A line jscan cannot read (not valid JSON) is
 * refused with json-c's message.  Ranking is rank.h's (a heap of the best
 * max_papers, a spool for the rest), dedup is dedup.h's.
 *
 * Ownership: scorerun_new() borrows the scoreconf (it must outlive the
 * run) and returns a run freed with scorerun_free().  Lines returned by
 * scorerun_next() are valid until the next call.
 */
#ifndef SCORERUN_H
#define SCORERUN_H

#include <stddef.h>
#include <time.h>

struct scoreconf;
struct scorerun;

struct scorerun_opts {
	int		 compat;	/* the bot's rules */
	int		 explain;	/* write dropped papers too */
	int		 full_parse;	/* no fast path */
	time_t		 now;		/* days_back counts back from it */
	const char	*seen;		/* --seen FILE or NULL */
	const char	*library;	/* --library FILE or NULL */
};

enum scorerun_status {
	SCORERUN_PASS,		/* not a paper: write the line unchanged */
	SCORERUN_HELD,		/* a paper, taken in */
	SCORERUN_BAD,		/* not a record, or a paper it cannot read */
	SCORERUN_ERROR		/* cannot go on (out of memory, I/O) */
};

struct scorerun *scorerun_new(const struct scoreconf *,
	    const struct scorerun_opts *, char *err, size_t errlen);
void	scorerun_free(struct scorerun *);

/* Take one input line (err says why for BAD and ERROR). */
enum scorerun_status scorerun_line(struct scorerun *, const char *line,
	    size_t len, char *err, size_t errlen);

/*
 * What went wrong with the last line taken, short of refusing it, or
 * NULL: a regex that failed to run on the paper (it costs the paper
 * that term's match, not the run) or a string the decoder repaired.
 * "paper 2512.00001: regex \"(a+)+$\" failed: match limit exceeded
 * (not counted for this paper)".  The program reports it with the line.
 */
const char *scorerun_warning(const struct scorerun *);

/* End of input: rank the candidates.  -1 with err. */
int	scorerun_finish(struct scorerun *, char *err, size_t errlen);
/* The next output line: 1 and *line, 0 at the end, -1 with err. */
int	scorerun_next(struct scorerun *, const char **line, size_t *len,
	    char *err, size_t errlen);
/* Add the papers written to the --seen file; -1 with err. */
int	scorerun_commit(struct scorerun *, char *err, size_t errlen);
/*
 * The line a run ends with (score.h's score_tally_line()); returns the
 * number of papers read.
 */
unsigned long scorerun_tally_line(const struct scorerun *, char *line,
	    size_t len);

#endif
