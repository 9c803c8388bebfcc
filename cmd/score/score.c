/* arxiv-score: keep, score and rank paper records (arxiv-score(1)). */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "config.h"
#include "configcheck.h"
#include "date.h"
#include "ndjson.h"
#include "prog.h"
#include "scoreconf.h"
#include "scorerun.h"

#define USAGE "arxiv-score [--check-config] [--compat] [--explain] " \
	"[--full-parse] " \
	"[-c config] [--library file] [--max-record size] [--now time] " \
	"[--seen file] [file ...]"

enum { OPT_COMPAT = 256, OPT_EXPLAIN, OPT_FULL, OPT_LIBRARY, OPT_MAXREC,
    OPT_NOW, OPT_SEEN, OPT_VERSION, OPT_CHECK };

/* Feed one input to the run; returns PROG_OK or PROG_FAIL. */
static int
score_input(struct scorerun *run, const char *path, size_t max_record)
{
	struct ndjson_reader *r;
	enum scorerun_status st;
	const char *line, *w;
	size_t len;
	char err[1024];
	int rval = PROG_OK;

	if ((r = prog_open(path, max_record, &rval)) == NULL)
		return rval;
	while (prog_next_line(r, &line, &len, &rval) == NDJSON_RECORD) {
		st = scorerun_line(run, line, len, err, sizeof(err));
		if ((w = scorerun_warning(run)) != NULL) {
			prog_warn_line(r, "%s", w);
			rval = PROG_FAIL;
		}
		switch (st) {
		case SCORERUN_PASS:
			prog_write_line(line, len);
			break;
		case SCORERUN_HELD:
			break;
		case SCORERUN_BAD:
			prog_warn_line(r, "%s", err);
			rval = PROG_FAIL;
			break;
		case SCORERUN_ERROR:
			prog_warn_line(r, "%s", err);
			ndjson_close(r);
			return -1;
		}
	}
	ndjson_close(r);
	return rval;
}

static int check_only;		/* --check-config */

/*
 * --check-config: every stage's keys of the configuration (configcheck.h),
 * warnings and errors on stderr, what arxivpipe-daily reads of it on
 * stdout; PROG_OK unless there is an error.
 */
static int
check_config(const char *path)
{
	struct configcheck cc = { 0 };
	struct config *cfg;
	struct buf out = { 0 };
	char err[1024];
	size_t i;
	int rval = PROG_OK;

	if (path == NULL)
		prog_usage_error("--check-config needs -c config");
	if ((cfg = config_load(path, err, sizeof(err))) == NULL) {
		warnx("%s", err);
		return PROG_FAIL;
	}
	if (configcheck_run(&cc, cfg) == -1 ||
	    configcheck_daily(cfg, &out) == -1) {
		warnx("out of memory");
		rval = PROG_FAIL;
		goto out;
	}
	for (i = 0; i < cc.n; i++)
		warnx("%s: %s%s", path, cc.m[i].error ? "" : "warning: ",
		    cc.m[i].text);
	if (cc.nerrors > 0)
		rval = PROG_FAIL;
	else if (out.len > 0)
		prog_write_line(out.data, out.len - 1);
out:
	buf_free(&out);
	configcheck_free(&cc);
	config_free(cfg);
	return rval;
}

/* The options into ro; returns the index of the first operand. */
static int
options(int argc, char *argv[], struct scorerun_opts *ro,
    const char **config_path, size_t *max_record)
{
	static const struct option opts[] = {
		{ "check-config", no_argument, NULL, OPT_CHECK },
		{ "config", required_argument, NULL, 'c' },
		{ "compat", no_argument, NULL, OPT_COMPAT },
		{ "explain", no_argument, NULL, OPT_EXPLAIN },
		{ "full-parse", no_argument, NULL, OPT_FULL },
		{ "help", no_argument, NULL, 'h' },
		{ "library", required_argument, NULL, OPT_LIBRARY },
		{ "max-record", required_argument, NULL, OPT_MAXREC },
		{ "now", required_argument, NULL, OPT_NOW },
		{ "seen", required_argument, NULL, OPT_SEEN },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	ro->now = time(NULL);
	while ((ch = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			*config_path = optarg;
			break;
		case OPT_CHECK:
			check_only = 1;
			break;
		case OPT_COMPAT:
			ro->compat = 1;
			break;
		case OPT_EXPLAIN:
			ro->explain = 1;
			break;
		case OPT_FULL:
			ro->full_parse = 1;
			break;
		case 'h':
			printf("usage: %s\n", USAGE);
			exit(prog_finish(PROG_OK));
		case OPT_LIBRARY:
			ro->library = optarg;
			break;
		case OPT_MAXREC:
			*max_record = prog_max_record_arg(optarg);
			break;
		case OPT_NOW:
			if (date_parse(optarg, &ro->now) == -1)
				prog_usage_error("--now: not a date: %s",
				    optarg);
			break;
		case OPT_SEEN:
			ro->seen = optarg;
			break;
		case OPT_VERSION:
			prog_version();
		default:
			prog_usage();
		}
	}
	if (ro->compat && ro->library != NULL)
		prog_usage_error("--library: not with --compat (the bot has "
		    "no library)");
	return optind;
}

/* The ranked papers to stdout; PROG_OK or PROG_FAIL. */
static int
output(struct scorerun *run)
{
	const char *line;
	size_t len;
	char err[1024];
	int rc;

	if (scorerun_finish(run, err, sizeof(err)) == -1) {
		warnx("%s", err);
		return PROG_FAIL;
	}
	while ((rc = scorerun_next(run, &line, &len, err, sizeof(err))) == 1)
		prog_write_line(line, len);
	if (rc == -1) {
		warnx("%s", err);
		return PROG_FAIL;
	}
	return PROG_OK;
}

int
main(int argc, char *argv[])
{
	struct scorerun_opts ro = { 0 };
	struct scoreconf conf;
	struct config *cfg = NULL;
	struct scorerun *run = NULL;
	const char *config_path = NULL;
	size_t max_record = 0;
	char err[1024];
	int i, k, n, rc, rval = PROG_OK, finished = 0;

	prog_init(USAGE);
	i = options(argc, argv, &ro, &config_path, &max_record);
	if (check_only)
		return prog_finish(check_config(config_path));
	n = argc - i;
	scoreconf_default(&conf);
	if (config_path != NULL &&
	    (cfg = config_load(config_path, err, sizeof(err))) == NULL) {
		warnx("%s", err);
		rval = PROG_FAIL;
		goto out;
	}
	if (cfg != NULL && scoreconf_load(&conf, cfg, err, sizeof(err)) == -1) {
		warnx("%s: %s", config_path, err);
		rval = PROG_FAIL;
		goto out;
	}
	if ((run = scorerun_new(&conf, &ro, err, sizeof(err))) == NULL) {
		warnx("%s", err);
		rval = PROG_FAIL;
		goto out;
	}
	for (k = 0; k < (n ? n : 1) && rval != -1; k++)
		if ((rc = score_input(run, n ? argv[i + k] : "-",
		    max_record)) != PROG_OK)
			rval = rc;
	if (rval == -1 || output(run) != PROG_OK) {
		rval = PROG_FAIL;
		goto out;
	}
	/* Always, but for an input without papers (nothing to explain). */
	if (scorerun_tally_line(run, err, sizeof(err)) > 0)
		warnx("%s", err);
	/* The --seen file learns only what was written out in full. */
	finished = 1;
	if (prog_finish(PROG_OK) != PROG_OK)
		rval = PROG_FAIL;
	else if (scorerun_commit(run, err, sizeof(err)) == -1) {
		warnx("%s", err);
		rval = PROG_FAIL;
	}
out:
	scorerun_free(run);
	scoreconf_free(&conf);
	config_free(cfg);
	return finished ? rval : prog_finish(rval);
}
