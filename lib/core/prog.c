#include <err.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errmsg.h"
#include "ndjson.h"
#include "prog.h"
#include "version.h"

extern char *program_invocation_short_name;

static const char *usage_text = "";

static void	warn_summary(void);

void
prog_init(const char *usage_line)
{
	static char outbuf[PROG_OUTBUF];	/* glibc ignores a size alone */

	signal(SIGPIPE, SIG_DFL);
	usage_text = usage_line;
	/*
	 * Into a pipe or a file, records go out a pipe's capacity at a
	 * time: stdio's default there is 4 KiB, a write(2) every two
	 * papers.  A terminal keeps its line buffering.
	 */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
}

void
prog_usage(void)
{
	fprintf(stderr, "usage: %s\n", usage_text);
	exit(PROG_USAGE);
}

void
prog_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	prog_usage();
}

void
prog_version(void)
{
	printf("%s %s\n", program_invocation_short_name, ARXIVPIPE_VERSION);
	exit(prog_finish(PROG_OK));
}

/* The number of leading decimal digits in arg (0 if it starts otherwise). */
static size_t
digits(const char *arg)
{
	size_t n = 0;

	while (arg[n] >= '0' && arg[n] <= '9')
		n++;
	return n;
}

/*
 * Decimal digits to a number, or -1 past max.  strtoull() is not used:
 * it skips blanks and takes a sign, which a size must not have.
 */
static int
decimal(const char *arg, size_t n, unsigned long long max,
    unsigned long long *v)
{
	unsigned long long x = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (x > (max - (unsigned long long)(arg[i] - '0')) / 10)
			return -1;
		x = x * 10 + (unsigned long long)(arg[i] - '0');
	}
	*v = x;
	return 0;
}

int
prog_parse_size(const char *arg, size_t min, size_t *v, char *err,
    size_t errlen)
{
	unsigned long long x;
	unsigned shift = 0;
	size_t n = digits(arg);

	switch (n ? arg[n] : '\0') {
	case 'K': case 'k':
		shift = 10;
		break;
	case 'M': case 'm':
		shift = 20;
		break;
	case 'G': case 'g':
		shift = 30;
		break;
	default:
		break;
	}
	if (n == 0 || arg[n + (shift != 0)] != '\0' ||
	    decimal(arg, n, SIZE_MAX >> shift, &x) == -1) {
		errmsg_set(err, errlen, "not a size: %s", arg);
		return -1;
	}
	x <<= shift;
	if (x < min) {
		errmsg_set(err, errlen, "must be at least %zu", min);
		return -1;
	}
	*v = (size_t)x;
	return 0;
}

int
prog_parse_count(const char *arg, long min, long *v, char *err,
    size_t errlen)
{
	unsigned long long x;
	size_t n = digits(arg);

	if (n == 0 || arg[n] != '\0' ||
	    decimal(arg, n, PROG_COUNT_MAX, &x) == -1) {
		errmsg_set(err, errlen, "not a count: %s", arg);
		return -1;
	}
	if ((long)x < min) {
		errmsg_set(err, errlen, "must be at least %ld", min);
		return -1;
	}
	*v = (long)x;
	return 0;
}

size_t
prog_size_arg(const char *opt, const char *arg)
{
	return prog_size_arg_min(opt, arg, 0);
}

size_t
prog_size_arg_min(const char *opt, const char *arg, size_t min)
{
	char err[1024];
	size_t v;

	if (prog_parse_size(arg, min, &v, err, sizeof(err)) == -1)
		prog_usage_error("%s: %s", opt, err);
	return v;
}

long
prog_count_arg(const char *opt, const char *arg, long min)
{
	char err[1024];
	long v;

	if (prog_parse_count(arg, min, &v, err, sizeof(err)) == -1)
		prog_usage_error("%s: %s", opt, err);
	return v;
}

size_t
prog_max_record_arg(const char *arg)
{
	return prog_size_arg_min("--max-record", arg, 1);
}

double
prog_number_arg(const char *opt, const char *arg)
{
	double v;
	char *end;

	errno = 0;
	v = strtod(arg, &end);
	if (end == arg || *end != '\0' || errno || !isfinite(v) ||
	    !(v >= 0))
		prog_usage_error("%s: not a non-negative number: %s", opt,
		    arg);
	return v;
}

struct ndjson_reader *
prog_open(const char *path, size_t max_record, int *rval)
{
	struct ndjson_reader *r;
	char err[512];

	if ((r = ndjson_open(path, max_record, err, sizeof(err))) == NULL) {
		warnx("%s", err);
		*rval = PROG_FAIL;
	}
	return r;
}

/* Whether a line's message says it is not a JSON record at all. */
static int
not_json(const char *what)
{
	return strncmp(what, "invalid JSON", 12) == 0 ||
	    strcmp(what, "not a JSON object") == 0 ||
	    strcmp(what, "record has no \"kind\"") == 0;
}

/* Report what ndjson_next*() said is not a record; 1 to read on. */
static int
not_record(struct ndjson_reader *r, enum ndjson_status st, const char *err,
    int *rval)
{
	*rval = PROG_FAIL;
	if (st == NDJSON_ERROR) {
		warnx("%s: %s", ndjson_name(r), err);
		return 0;
	}
	prog_warn_line(r, "%s", err);
	return 1;
}

enum ndjson_status
prog_next(struct ndjson_reader *r, struct json_object **obj, int *rval)
{
	enum ndjson_status st;
	char err[512];

	while ((st = ndjson_next(r, obj, err, sizeof(err))) != NDJSON_RECORD &&
	    st != NDJSON_EOF)
		if (!not_record(r, st, err, rval))
			break;
	return st;
}

enum ndjson_status
prog_next_line(struct ndjson_reader *r, const char **line, size_t *len,
    int *rval)
{
	enum ndjson_status st;
	char err[512];

	while ((st = ndjson_next_line(r, line, len, err, sizeof(err))) !=
	    NDJSON_RECORD && st != NDJSON_EOF)
		if (!not_record(r, st, err, rval))
			break;
	return st;
}

/*
 * Repeated line warnings are counted, not repeated: a warning is "like"
 * an earlier one when its text is the same but for its numbers (line,
 * byte offset, paper id).  The first PROG_WARN_REPEAT of each kind are
 * printed; prog_finish() says how many more there were.
 */
struct warn_kind {
	char		 shape[96];	/* the text, digit runs as '#' */
	char		 first[512];	/* "where: what" of the first one */
	unsigned long	 n;
};

#define WARN_KINDS	32

static struct warn_kind warn_kinds[WARN_KINDS + 1];	/* +1: all others */
static size_t nwarn_kinds;

static void
shape_of(const char *s, char *out, size_t len)
{
	size_t i = 0;

	while (*s && i + 1 < len) {
		if (*s >= '0' && *s <= '9') {
			while (*s >= '0' && *s <= '9')
				s++;
			out[i++] = '#';
			continue;
		}
		out[i++] = *s++;
	}
	out[i] = '\0';
}

/* The kind of a warning, counted; 1 if it is to be printed. */
static int
warn_count(const char *where, const char *what)
{
	struct warn_kind *k;
	char shape[sizeof(warn_kinds[0].shape)];
	size_t i;

	shape_of(what, shape, sizeof(shape));
	for (i = 0; i < nwarn_kinds; i++)
		if (strcmp(warn_kinds[i].shape, shape) == 0)
			break;
	if (i == nwarn_kinds) {
		if (nwarn_kinds < WARN_KINDS)
			nwarn_kinds++;
		else
			i = WARN_KINDS;		/* the rest share one count */
		k = &warn_kinds[i];
		if (k->n == 0) {
			snprintf(k->shape, sizeof(k->shape), "%s",
			    i == WARN_KINDS ? "" : shape);
			snprintf(k->first, sizeof(k->first), "%.200s: %.300s", where,
			    i == WARN_KINDS ? "other warnings" : what);
		}
	}
	k = &warn_kinds[i];
	return ++k->n <= PROG_WARN_REPEAT;
}

/* At the end: "... and N more like this" for each kind cut short. */
static void
warn_summary(void)
{
	size_t i;

	for (i = 0; i <= WARN_KINDS; i++)
		if (warn_kinds[i].n > PROG_WARN_REPEAT) {
			fprintf(stderr, "%s: %s ... and %lu more like this\n",
			    program_invocation_short_name, warn_kinds[i].first,
			    warn_kinds[i].n - PROG_WARN_REPEAT);
			warn_kinds[i].n = 0;
		}
}

/* Print a warning at where unless it repeats earlier ones (see above). */
static void
warn_where(const char *where, const char *what)
{
	char name[256];
	const char *colon;

	/* Counted by the file, without the line number after it. */
	colon = strrchr(where, ':');
	snprintf(name, sizeof(name), "%.*s", colon && colon[1] >= '0' &&
	    colon[1] <= '9' ? (int)(colon - where) : (int)strlen(where), where);
	if (warn_count(name, what))
		fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name,
		    where, what);
}

/*
 * A warning about a line of r.  Pretty-printed JSON (jq without -c) is
 * not wrong line by line: one hint says what is, and the lines it breaks
 * are not listed.
 */
static void
warn_reader(struct ndjson_reader *r, const char *where, const char *what)
{
	if (r != NULL && ndjson_looks_pretty(r) && not_json(what)) {
		if (ndjson_pretty(r))
			fprintf(stderr, "%s: %s: input is not one JSON object "
			    "per line (use jq -c)\n",
			    program_invocation_short_name, where);
		return;
	}
	warn_where(where, what);
}

void
prog_warn_at(const char *where, const char *fmt, ...)
{
	char what[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	warn_where(where, what);
}

void
prog_warn_in(struct ndjson_reader *r, const char *where, const char *fmt,
    ...)
{
	char what[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	warn_reader(r, where, what);
}

void
prog_warn_line(struct ndjson_reader *r, const char *fmt, ...)
{
	char where[256], what[1024];
	va_list ap;

	snprintf(where, sizeof(where), "%s:%lu", ndjson_name(r),
	    ndjson_lineno(r));
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	warn_reader(r, where, what);
}

/*
 * The reader of stdout went away: end the way SIGPIPE at its default
 * ends a program, whatever the signal's disposition was meanwhile (a
 * library may ignore it around its own writes), so every program ends
 * "| head" the same way: killed by SIGPIPE, status 141 in the shell,
 * nothing on stderr.
 */
static void
closed_pipe(void)
{
	signal(SIGPIPE, SIG_DFL);
	raise(SIGPIPE);
	_exit(128 + SIGPIPE);
}

/* A write to stdout failed: end quietly on a closed pipe, loudly otherwise. */
static void
write_failed(void)
{
	if (errno == EPIPE)
		closed_pipe();
	warn("write error");
	exit(PROG_FAIL);
}

void
prog_check_stdout(void)
{
	if (ferror(stdout))
		write_failed();
}

void
prog_write(struct json_object *obj)
{
	if (ndjson_write(stdout, obj) == -1)
		write_failed();
}

void
prog_write_line(const char *line, size_t len)
{
	if (ndjson_write_line(stdout, line, len) == -1)
		write_failed();
}

int
prog_finish(int rval)
{
	int failed;

	errno = 0;
	failed = fflush(stdout) == EOF || ferror(stdout);
	if (fclose(stdout) == EOF)
		failed = 1;
	if (failed) {
		if (errno == EPIPE)
			closed_pipe();
		warn("write error");
		rval = PROG_FAIL;
	}
	warn_summary();
	return rval;
}
