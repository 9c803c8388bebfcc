/*
 * What the five programs share around their main loop: stdout
 * discipline, per-line diagnostics and the exit status.
 *
 * This is the one lib/ module that writes to stderr and may exit: it
 * does so on the programs' behalf, so that every stage reports the same
 * way ("arxiv-score: <stdin>:2: invalid JSON: ...") and treats a closed
 * pipe the same way (quietly).  Everything else in lib/ only returns
 * errors.
 */
#ifndef PROG_H
#define PROG_H

#include <stdio.h>

#include "ndjson.h"

struct json_object;

/* Exit statuses shared by every program. */
#define PROG_OK		0	/* all good */
#define PROG_FAIL	1	/* some input or source failed */
#define PROG_USAGE	2	/* usage error */

/* stdout's buffer when it is not a terminal (see prog_init()). */
#define PROG_OUTBUF	(64 * 1024)
/*
 * Set up a program: SIGPIPE at its default so that "| head" ends it
 * quietly, stdout fully buffered (PROG_OUTBUF) unless it is a terminal,
 * and remember the usage line for prog_usage().
 */
void	prog_init(const char *usage_line);

/* Print "usage: ..." to stderr and exit PROG_USAGE. */
void	prog_usage(void) __attribute__((noreturn));
/* Print the reason, then the usage line, and exit PROG_USAGE. */
void	prog_usage_error(const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
/* Print "NAME VERSION" to stdout and exit 0. */
void	prog_version(void) __attribute__((noreturn));

/*
 * Option arguments: one rule and one message for every program.
 *
 *   size	decimal digits, optionally followed by one suffix K, M or G
 *		(either case, powers of 1024): "64K", "1M", "100".  Byte
 *		sizes such as --max-record and --max-size.
 *   count	decimal digits only, no sign, no suffix, at most
 *		PROG_COUNT_MAX: "0", "15".  Numbers of things such as --max,
 *		--retries, --page-size and --limit.
 *
 * Anything else is "OPT: not a size: ARG" or "OPT: not a count: ARG"; a
 * value below the option's minimum is "OPT: must be at least MIN".
 * --max-record is a size of at least 1 in every program.
 *
 * prog_parse_size() and prog_parse_count() do the parsing: they return
 * 0 and set *v, or return -1 with the message after "OPT: " in err.
 * The *_arg() wrappers make a failure a usage error naming the option.
 */
#define PROG_COUNT_MAX	1000000000L

int	prog_parse_size(const char *arg, size_t min, size_t *v, char *err,
	    size_t errlen);
int	prog_parse_count(const char *arg, long min, long *v, char *err,
	    size_t errlen);
/* A size of at least 0. */
size_t	prog_size_arg(const char *opt, const char *arg);
/* A size of at least min. */
size_t	prog_size_arg_min(const char *opt, const char *arg, size_t min);
/* A count of at least min. */
long	prog_count_arg(const char *opt, const char *arg, long min);
/* The --max-record option: a size of at least 1. */
size_t	prog_max_record_arg(const char *arg);
/* A non-negative decimal number (seconds, weights); usage error if bad. */
double	prog_number_arg(const char *opt, const char *arg);

/*
 * Reading records the shared way.  prog_open() opens path (NULL or "-":
 * stdin), reporting a failure and setting *rval to PROG_FAIL.
 * prog_next() returns the next record (NDJSON_RECORD, *obj a new
 * reference), reporting each line that is not a record with its line
 * number; it returns NDJSON_EOF at the end and NDJSON_ERROR after a read
 * error, both times with the failures remembered in *rval.
 * prog_next_line() is the same for the raw line, unparsed.
 */
struct ndjson_reader *prog_open(const char *path, size_t max_record,
	    int *rval);
enum ndjson_status prog_next(struct ndjson_reader *, struct json_object **obj,
	    int *rval);
enum ndjson_status prog_next_line(struct ndjson_reader *, const char **line,
	    size_t *len, int *rval);

/*
 * Report "NAME: where:line: what" for the reader's current line.  A flood
 * is cut short: of warnings alike but for their numbers (line, byte,
 * paper id), the first PROG_WARN_REPEAT are printed and prog_finish()
 * ends with "NAME: where: what ... and N more like this".  Input that is
 * pretty-printed JSON (ndjson_looks_pretty()) gets one hint, "input is
 * not one JSON object per line (use jq -c)", instead of an error a line.
 */
#define PROG_WARN_REPEAT	10
void	prog_warn_line(struct ndjson_reader *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The same with the place given as text ("<stdin>:42", "feed.xml:3:7"). */
void	prog_warn_in(struct ndjson_reader *, const char *where,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The same for a place that is not a line of a reader. */
void	prog_warn_at(const char *where, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * Write a record to stdout.  A write error ends the program: for a closed
 * pipe ("| head") quietly, killed by SIGPIPE (status 141 in the shell)
 * even if SIGPIPE was ignored meanwhile; with "write error" and status 1
 * otherwise, so a full disk is never mistaken for success.
 */
void	prog_write(struct json_object *);
/* The same for a line of bytes (a record passed through untouched). */
void	prog_write_line(const char *line, size_t len);
/* Check a stdio write on stdout the same way (pass the return value). */
void	prog_check_stdout(void);

/*
 * Flush and close stdout, report a write error (a closed pipe: SIGPIPE,
 * as above), print the counts of warnings cut short, and return the
 * status to exit with: rval, or PROG_FAIL if the output could not be
 * written.
 */
int	prog_finish(int rval);

#endif
