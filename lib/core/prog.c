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

#include <json.h>

#include "ndjson.h"
#include "prog.h"
#include "version.h"

extern char *program_invocation_short_name;

static const char *usage_text = "";

void
prog_init(const char *usage_line)
{
	signal(SIGPIPE, SIG_DFL);
	usage_text = usage_line;
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

size_t
prog_size_arg(const char *opt, const char *arg)
{
	unsigned long long v;
	unsigned shift = 0;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (end == arg || arg[0] == '-' || errno)
		prog_usage_error("%s: not a size: %s", opt, arg);
	switch (*end) {
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
	if (shift)
		end++;
	if (*end != '\0' || v > (ULLONG_MAX >> shift) ||
	    (v << shift) > SIZE_MAX)
		prog_usage_error("%s: not a size: %s", opt, arg);
	return (size_t)(v << shift);
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

void
prog_warn_line(const struct ndjson_reader *r, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s:%lu: ", program_invocation_short_name,
	    ndjson_name(r), ndjson_lineno(r));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A write to stdout failed: end quietly on a closed pipe, loudly otherwise. */
static void
write_failed(void)
{
	if (errno == EPIPE)
		_exit(PROG_FAIL);
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
			return PROG_FAIL;
		warn("write error");
		return PROG_FAIL;
	}
	return rval;
}
