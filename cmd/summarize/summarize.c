/* arxiv-summarize: add a summary to each paper record. */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "config.h"
#include "ndjson.h"
#include "prog.h"
#include "record.h"
#include "summarize.h"

#define USAGE "arxiv-summarize [-qv] [-c config.json] [-l limit] " \
	"[-n sentences] [--max-chars n] [--max-record size] [--replace] " \
	"[file ...]"

enum { OPT_MAX_CHARS = 256, OPT_MAX_RECORD, OPT_REPLACE, OPT_VERSION };

struct counts {
	unsigned long	added, kept, over, no_abstract, dropped, other;
};

/* Pass the line just read on as it was. */
static void
pass_line(const struct ndjson_reader *r)
{
	const char *line;
	size_t len;

	line = ndjson_line(r, &len);
	prog_write_line(line, len);
}

/* Summarise the papers of one input; returns PROG_OK or PROG_FAIL. */
static int
summarize_input(struct summarize *z, const char *path, size_t max_record,
    int quiet, struct counts *n)
{
	struct ndjson_reader *r;
	struct json_object *obj;
	const char *id;
	char err[512];
	int rval = PROG_OK;

	if ((r = prog_open(path, max_record, &rval)) == NULL)
		return rval;
	while (prog_next(r, &obj, &rval) == NDJSON_RECORD) {
		if (strcmp(record_kind(obj), "paper") != 0) {
			n->other++;
			pass_line(r);
			json_object_put(obj);
			continue;
		}
		switch (summarize_paper(z, obj, err, sizeof(err))) {
		case SUMMARIZE_ADDED:
			n->added++;
			prog_write(obj);
			break;
		case SUMMARIZE_KEPT:
			n->kept++;
			pass_line(r);
			break;
		case SUMMARIZE_OVER_LIMIT:
			n->over++;
			pass_line(r);
			break;
		case SUMMARIZE_DROPPED:
			n->dropped++;
			pass_line(r);
			break;
		case SUMMARIZE_NO_ABSTRACT:
			n->no_abstract++;
			if (!quiet) {
				id = record_str(obj, "id");
				prog_warn_line(r, "paper %s has no abstract, "
				    "passed on without a summary",
				    id ? id : "without id");
			}
			pass_line(r);
			break;
		case SUMMARIZE_BAD:
		case SUMMARIZE_ERROR:
			prog_warn_line(r, "%s", err);
			rval = PROG_FAIL;
			pass_line(r);
			break;
		}
		json_object_put(obj);
	}
	ndjson_close(r);
	return rval;
}

/* Say once why no API is called although the config asks for one. */
static void
api_notice(const struct summarize_api *api, const char *model, int quiet,
    int verbose)
{
	const char *key;

	if (!api->enabled || quiet)
		return;
	if (api->key_env == NULL) {
		if (verbose)
			warnx("ai_summary: no api_key_env; writing %s "
			    "summaries", model);
		return;
	}
	key = getenv(api->key_env);
	if (key == NULL || *key == '\0') {
		if (verbose)
			warnx("ai_summary: %s is not set; writing %s summaries",
			    api->key_env, model);
		return;
	}
	warnx("ai_summary: the API back end%s%s is not in this release; "
	    "writing offline %s summaries", api->model ? " for " : "",
	    api->model ? api->model : "", model);
}

static long
count_arg(const char *opt, const char *arg)
{
	size_t v = prog_size_arg(opt, arg);

	if (v > LONG_MAX)
		prog_usage_error("%s: too large: %s", opt, arg);
	return (long)v;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "limit", required_argument, NULL, 'l' },
		{ "max-chars", required_argument, NULL, OPT_MAX_CHARS },
		{ "max-record", required_argument, NULL, OPT_MAX_RECORD },
		{ "quiet", no_argument, NULL, 'q' },
		{ "replace", no_argument, NULL, OPT_REPLACE },
		{ "sentences", required_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct summarize_opts o = { NULL, 0, 0, -1, 0 };
	struct summarize_api api;
	struct counts n = {0};
	struct summarize *z;
	struct config *cfg = NULL;
	const char *cfgpath = NULL;
	size_t max_record = 0;
	char err[512];
	int ch, i, quiet = 0, verbose = 0, rval = PROG_OK;

	prog_init(USAGE);
	while ((ch = getopt_long(argc, argv, "c:hl:n:qv", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			cfgpath = optarg;
			break;
		case 'h':
			printf("usage: %s\n", USAGE);
			return prog_finish(PROG_OK);
		case 'l':
			o.limit = count_arg("--limit", optarg);
			break;
		case 'n':
			if ((o.sentences = prog_size_arg("--sentences",
			    optarg)) == 0)
				prog_usage_error("--sentences: must be at "
				    "least 1");
			break;
		case 'q':
			quiet = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case OPT_MAX_CHARS:
			if ((o.max_chars = prog_size_arg("--max-chars",
			    optarg)) == 0)
				prog_usage_error("--max-chars: must be at "
				    "least 1");
			break;
		case OPT_MAX_RECORD:
			if ((max_record = prog_size_arg("--max-record",
			    optarg)) == 0)
				prog_usage_error("--max-record: must be at "
				    "least 1");
			break;
		case OPT_REPLACE:
			o.replace = 1;
			break;
		case OPT_VERSION:
			prog_version();
		default:
			prog_usage();
		}
	}
	argc -= optind;
	argv += optind;

	if (cfgpath && (cfg = config_load(cfgpath, err, sizeof(err))) == NULL)
		errx(PROG_FAIL, "%s", err);
	if (summarize_config(cfg, &api, err, sizeof(err)) == -1) {
		warnx("%s: %s", cfgpath, err);
		config_free(cfg);
		return prog_finish(PROG_FAIL);
	}
	if (o.limit < 0)
		o.limit = api.max_papers;
	if ((z = summarize_new(&o, err, sizeof(err))) == NULL) {
		warnx("%s", err);
		config_free(cfg);
		return prog_finish(PROG_FAIL);
	}
	api_notice(&api, summarize_model(z), quiet, verbose);

	if (argc == 0)
		rval |= summarize_input(z, NULL, max_record, quiet, &n);
	for (i = 0; i < argc; i++)
		rval |= summarize_input(z, argv[i], max_record, quiet, &n);

	if (verbose)
		warnx("summarised %lu, kept %lu existing summaries, "
		    "%lu over the limit, %lu without abstract, %lu dropped, "
		    "%lu other records passed on", n.added, n.kept, n.over,
		    n.no_abstract, n.dropped, n.other);
	summarize_free(z);
	config_free(cfg);
	return prog_finish(rval);
}
