/* arxiv-summarize: add a summary to each paper record. */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "http.h"
#include "jsonc.h"
#include "ndjson.h"
#include "prog.h"
#include "summarize.h"
#include "sumplan.h"
#include "sumrun.h"

#define USAGE "arxiv-summarize [-qv] [-c config.json] [-j jobs] " \
	"[-l max] [-n sentences] [--api-base url] [--api-key-env name] " \
	"[--cache-dir dir] [--dry-run] [--extractive] [--input kind] " \
	"[--language lang] [--max-chars n] [--max-record size] " \
	"[--model name] [--no-cache] [--replace] [file ...]"

enum {
	OPT_MAX_CHARS = 256, OPT_MAX_RECORD, OPT_REPLACE, OPT_VERSION,
	OPT_API_BASE, OPT_API_KEY_ENV, OPT_CACHE_DIR, OPT_DRY_RUN,
	OPT_EXTRACTIVE, OPT_INPUT, OPT_LANGUAGE, OPT_MAX, OPT_MODEL,
	OPT_NO_CACHE
};

struct cli {
	struct sumrun_opts	 o;
	struct sumplan_cli	 plan;
	size_t			 max_record;
	int			 quiet;
	int			 progress;	/* stderr is a terminal */
	char			 shown[256];	/* the progress line shown */
};

static void
options(int argc, char *argv[], struct cli *c)
{
	static const struct option opts[] = {
		{ "api-base", required_argument, NULL, OPT_API_BASE },
		{ "api-key-env", required_argument, NULL, OPT_API_KEY_ENV },
		{ "cache-dir", required_argument, NULL, OPT_CACHE_DIR },
		{ "config", required_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "extractive", no_argument, NULL, OPT_EXTRACTIVE },
		{ "help", no_argument, NULL, 'h' },
		{ "input", required_argument, NULL, OPT_INPUT },
		{ "jobs", required_argument, NULL, 'j' },
		{ "language", required_argument, NULL, OPT_LANGUAGE },
		{ "limit", required_argument, NULL, 'l' },
		{ "max", required_argument, NULL, OPT_MAX },
		{ "max-chars", required_argument, NULL, OPT_MAX_CHARS },
		{ "max-record", required_argument, NULL, OPT_MAX_RECORD },
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "replace", no_argument, NULL, OPT_REPLACE },
		{ "sentences", required_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "c:hj:l:n:qv", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			c->plan.config_path = optarg;
			break;
		case 'h':
			printf("usage: %s\n", USAGE);
			exit(prog_finish(PROG_OK));
		case 'j':
			if ((c->o.jobs = (size_t)prog_count_arg("--jobs",
			    optarg, 1)) > 64)
				prog_usage_error("--jobs: at most 64");
			break;
		case 'l':
			c->o.pick.limit = prog_count_arg("--limit", optarg, 0);
			break;
		case OPT_MAX:
			c->o.pick.limit = prog_count_arg("--max", optarg, 0);
			break;
		case 'n':
			c->o.pick.sentences = prog_size_arg_min("--sentences",
			    optarg, 1);
			break;
		case 'q':
			c->quiet = 1;
			break;
		case 'v':
			c->o.verbose = 1;
			break;
		case OPT_API_BASE:
			c->o.base_url = optarg;
			break;
		case OPT_API_KEY_ENV:
			c->o.key_env = optarg;
			break;
		case OPT_CACHE_DIR:
			c->o.cache_dir = optarg;
			break;
		case OPT_DRY_RUN:
			c->o.dry_run = 1;
			break;
		case OPT_EXTRACTIVE:
			c->plan.extractive = 1;
			break;
		case OPT_INPUT:
			c->plan.input = optarg;
			break;
		case OPT_LANGUAGE:
			c->o.language = optarg;
			break;
		case OPT_MAX_CHARS:
			c->o.pick.max_chars = prog_size_arg_min("--max-chars",
			    optarg, 1);
			break;
		case OPT_MAX_RECORD:
			c->max_record = prog_max_record_arg(optarg);
			break;
		case OPT_MODEL:
			c->o.model = optarg;
			break;
		case OPT_NO_CACHE:
			c->plan.no_cache = 1;
			break;
		case OPT_REPLACE:
			c->o.pick.replace = 1;
			break;
		case OPT_VERSION:
			prog_version();
		default:
			prog_usage();
		}
	}
	if (c->plan.input && strcmp(c->plan.input, "fulltext") != 0 &&
	    strcmp(c->plan.input, "abstract") != 0)
		prog_usage_error("--input: expected fulltext or abstract");
}

/* Clear the progress line before a message. */
static void
unshow(struct cli *c)
{
	if (c->progress && c->shown[0]) {
		fputs("\r\033[K", stderr);
		c->shown[0] = '\0';
	}
}

/* Write what the run has ready, its messages, and the progress line. */
static void
drain(struct sumrun *z, struct cli *c)
{
	const char *line, *msg;
	char buf[256];
	size_t len;
	int rc, wrote = 0;

	while ((rc = sumrun_next(z, &line, &len, buf, sizeof(buf))) == 1) {
		prog_write_line(line, len);
		wrote = 1;
	}
	/* Summaries from the API come slowly: each shown when it is done. */
	if (wrote && c->o.api) {
		fflush(stdout);
		prog_check_stdout();
	}
	while ((msg = sumrun_message(z)) != NULL) {
		unshow(c);
		warnx("%s", msg);
	}
	if (rc == -1)
		errx(PROG_FAIL, "%s", buf);
	if (c->progress) {
		sumrun_progress(z, buf, sizeof(buf));
		if (strcmp(buf, c->shown) != 0) {
			fprintf(stderr, "\r%s\033[K", buf);
			snprintf(c->shown, sizeof(c->shown), "%s", buf);
		}
	}
}

/* Summarise the papers of one input; returns PROG_OK or PROG_FAIL. */
static int
run_input(struct sumrun *z, const char *path, struct cli *c)
{
	struct ndjson_reader *r;
	enum summarize_status st;
	const char *line, *w;
	size_t len;
	char err[512];
	int rval = PROG_OK;

	if ((r = prog_open(path, c->max_record, &rval)) == NULL)
		return rval;
	while (prog_next_line(r, &line, &len, &rval) == NDJSON_RECORD) {
		st = sumrun_take(z, NULL, line, len, err, sizeof(err));
		/* Repaired input: said, and the status is 1 (arxivpipe(5)). */
		if ((w = sumrun_warning(z)) != NULL) {
			unshow(c);
			prog_warn_line(r, "%s", w);
			rval = PROG_FAIL;
		}
		switch (st) {
		case SUMMARIZE_NO_ABSTRACT:
			if (!c->quiet) {
				unshow(c);
				prog_warn_line(r, "%s", err);
			}
			break;
		case SUMMARIZE_BAD:
			unshow(c);
			prog_warn_line(r, "%s", err);
			rval = PROG_FAIL;
			break;
		case SUMMARIZE_ERROR:
			errx(PROG_FAIL, "%s", err);
		default:
			break;
		}
		drain(z, c);
	}
	ndjson_close(r);
	return rval;
}

int
main(int argc, char *argv[])
{
	struct cli c = { .o = { .pick = { NULL, 0, 0, -1, 0 },
	    .temperature = -1, .retries = -1 } };
	struct summarize_api api;
	struct sumplan plan;
	struct config *cfg = NULL;
	struct sumrun *z;
	char err[512];
	int i, rval = PROG_OK;

	prog_init(USAGE);
	options(argc, argv, &c);
	argc -= optind;
	argv += optind;

	if (c.plan.config_path && (cfg = config_load(c.plan.config_path, err,
	    sizeof(err))) == NULL)
		errx(PROG_FAIL, "%s", err);
	if (summarize_config(cfg, &api, err, sizeof(err)) == -1 ||
	    sumplan_make(&c.plan, &api, &c.o, &plan, err, sizeof(err)) == -1 ||
	    /* Only the API needs curl: its start costs the offline run. */
	    (c.o.api && !c.o.dry_run && http_global_init(err,
	    sizeof(err)) == -1) ||
	    (z = sumrun_new(&c.o, err, sizeof(err))) == NULL)
		errx(PROG_FAIL, "%s%s%s", cfg ? c.plan.config_path : "",
		    cfg ? ": " : "", err);
	if (plan.warning[0] && !c.quiet)
		warnx("%s", plan.warning);
	c.progress = c.o.api && !c.quiet && isatty(STDERR_FILENO);

	if (argc == 0)
		rval |= run_input(z, NULL, &c);
	for (i = 0; i < argc; i++)
		rval |= run_input(z, argv[i], &c);
	sumrun_finish(z);
	do
		drain(z, &c);
	while (sumrun_pending(z));
	if (sumrun_stats(z)->failed > 0)
		rval = PROG_FAIL;
	unshow(&c);
	if (c.o.verbose) {
		sumrun_tally(z, err, sizeof(err));
		warnx("%s", err);
	}
	if (c.o.api && (!c.quiet || c.o.dry_run)) {
		sumrun_report(z, err, sizeof(err));
		warnx("%s", err);
	}
	sumrun_free(z);
	sumplan_clear(&plan);
	summarize_api_clear(&api);
	config_free(cfg);
	if (c.o.api && !c.o.dry_run)
		http_global_cleanup();
	return prog_finish(rval);
}
