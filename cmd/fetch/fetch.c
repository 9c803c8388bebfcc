/*
 * arxiv-fetch: fetch arXiv feeds, API pages, OAI-PMH harvests, HTML
 * pages and URLs into "response" records, politely (arxiv-fetch(1)).
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "config.h"
#include "fetch.h"
#include "fetchconf.h"
#include "http.h"
#include "jsonc.h"
#include "ndjson.h"
#include "prog.h"
#include "record.h"
#include "source.h"

#define USAGE "arxiv-fetch [-qv] [-c config] [--cache-dir dir] [--no-cache] " \
	"[--delay sec] [--max-age sec] [--timeout sec] [--retries n] " \
	"[--speed-limit bytes] [--speed-time sec] [--deadline sec] " \
	"[--mailto addr] [--max-size size] [--max-record size] [--max n] " \
	"[--page-size n] [--sort key] [--order dir] [--set spec] " \
	"[--from date] [--until date] [--prefix format] [--rss-base url] " \
	"[--atom-base url] [--api-base url] [--oai-base url] " \
	"[--html-base url] [--pdf-base url] [file ...] [source [arg ...]] ..."

#define MAX_SECONDS	86400	/* longest --delay and --timeout */
#define MAX_RETRIES	100
#define MAX_SPEED	(1024UL * 1024 * 1024)	/* longest --speed-limit */

/* One thing to do, in operand order: a source, or a file of requests. */
struct job {
	struct source	*source;
	const char	*requests;	/* a file of request records, "-" */
	const char	*papers;	/* fulltext: a file of papers, "-" */
};

/* What the options say. */
struct opts {
	struct fetch_options	 fo;
	struct source_defaults	 d;
	const char		*config_path;
	size_t			 max_record;
	int			 quiet;
	int			 verbose;
	int			 progress;	/* show FETCH_PROGRESS messages */
	int			 max_set;	/* --max was given */
};

enum {
	OPT_CACHE_DIR = 256, OPT_NO_CACHE, OPT_DELAY, OPT_MAX_AGE,
	OPT_TIMEOUT, OPT_RETRIES, OPT_MAILTO, OPT_MAX_SIZE, OPT_MAX_RECORD,
	OPT_MAX, OPT_PAGE_SIZE, OPT_SORT, OPT_ORDER, OPT_SET, OPT_FROM,
	OPT_UNTIL, OPT_PREFIX, OPT_RSS_BASE, OPT_ATOM_BASE, OPT_API_BASE,
	OPT_OAI_BASE, OPT_HTML_BASE, OPT_VERSION, OPT_SPEED_LIMIT,
	OPT_SPEED_TIME, OPT_DEADLINE, OPT_PDF_BASE
};

static const struct option longopts[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "cache-dir", required_argument, NULL, OPT_CACHE_DIR },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "delay", required_argument, NULL, OPT_DELAY },
	{ "max-age", required_argument, NULL, OPT_MAX_AGE },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "retries", required_argument, NULL, OPT_RETRIES },
	{ "speed-limit", required_argument, NULL, OPT_SPEED_LIMIT },
	{ "speed-time", required_argument, NULL, OPT_SPEED_TIME },
	{ "deadline", required_argument, NULL, OPT_DEADLINE },
	{ "mailto", required_argument, NULL, OPT_MAILTO },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "max-record", required_argument, NULL, OPT_MAX_RECORD },
	{ "max", required_argument, NULL, OPT_MAX },
	{ "page-size", required_argument, NULL, OPT_PAGE_SIZE },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "order", required_argument, NULL, OPT_ORDER },
	{ "set", required_argument, NULL, OPT_SET },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "prefix", required_argument, NULL, OPT_PREFIX },
	{ "rss-base", required_argument, NULL, OPT_RSS_BASE },
	{ "atom-base", required_argument, NULL, OPT_ATOM_BASE },
	{ "api-base", required_argument, NULL, OPT_API_BASE },
	{ "oai-base", required_argument, NULL, OPT_OAI_BASE },
	{ "html-base", required_argument, NULL, OPT_HTML_BASE },
	{ "pdf-base", required_argument, NULL, OPT_PDF_BASE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static void
emit(void *arg, struct json_object *response)
{
	(void)arg;
	prog_write(response);
}

static void
notify(void *arg, enum fetch_level lv, const char *msg)
{
	struct opts *o = arg;

	if (lv == FETCH_WARN || (lv == FETCH_PROGRESS && o->progress) ||
	    o->verbose)
		warnx("%s", msg);
}

static const char *
base_arg(const char *opt, const char *arg)
{
	if (!fetchconf_base_ok(arg))
		prog_usage_error("%s: not an http, https or file URL: %s", opt,
		    arg);
	return arg;
}

/* A number of seconds for opt, at most MAX_SECONDS. */
static double
seconds_arg(const char *opt, const char *arg)
{
	double v = prog_number_arg(opt, arg);

	if (v > MAX_SECONDS)
		prog_usage_error("%s: at most %d: %s", opt, MAX_SECONDS, arg);
	return v;
}

/* The option ch with its argument arg into o. */
static void
set_option(struct opts *o, int ch, const char *arg)
{
	struct fetch_options *fo = &o->fo;
	struct source_defaults *d = &o->d;
	size_t sz;

	switch (ch) {
	case 'c':
		o->config_path = arg;
		break;
	case 'q':
		o->quiet = 1;
		break;
	case 'v':
		o->verbose = 1;
		break;
	case OPT_CACHE_DIR:
		if (*arg == '\0')
			prog_usage_error("--cache-dir: empty path");
		fo->cache_dir = arg;
		break;
	case OPT_NO_CACHE:
		fo->no_store = 1;
		break;
	case OPT_DELAY:
		fo->delay = seconds_arg("--delay", arg);
		break;
	case OPT_MAX_AGE:
		fo->max_age = prog_number_arg("--max-age", arg);
		break;
	case OPT_TIMEOUT:
		fo->timeout = prog_number_arg("--timeout", arg);
		if (!(fo->timeout > 0) || fo->timeout > MAX_SECONDS)
			prog_usage_error("--timeout: must be more than 0 and "
			    "at most %d: %s", MAX_SECONDS, arg);
		break;
	case OPT_RETRIES:
		fo->retries = (int)prog_count_arg("--retries", arg, 0);
		if (fo->retries > MAX_RETRIES)
			prog_usage_error("--retries: at most %d: %s",
			    MAX_RETRIES, arg);
		break;
	case OPT_SPEED_LIMIT:
		sz = prog_size_arg_min("--speed-limit", arg, 1);
		if (sz > MAX_SPEED)
			prog_usage_error("--speed-limit: at most 1G: %s", arg);
		fo->speed_limit = (long)sz;
		break;
	case OPT_SPEED_TIME:
		fo->speed_time = seconds_arg("--speed-time", arg);
		break;
	case OPT_DEADLINE:
		fo->deadline = seconds_arg("--deadline", arg);
		break;
	case OPT_MAILTO:
		if (strchr(arg, '@') == NULL ||
		    strpbrk(arg, " \t\r\n()<>;\"") != NULL)
			prog_usage_error("--mailto: not an e-mail address: %s",
			    arg);
		fo->mailto = arg;
		break;
	case OPT_MAX_SIZE:
		fo->max_size = prog_size_arg_min("--max-size", arg, 1);
		break;
	case OPT_MAX_RECORD:
		o->max_record = prog_max_record_arg(arg);
		break;
	case OPT_MAX:
		d->max = prog_count_arg("--max", arg, 0);
		o->max_set = 1;
		break;
	case OPT_PAGE_SIZE:
		d->page_size = prog_count_arg("--page-size", arg, 0);
		break;
	case OPT_SORT:
		d->sort = arg;
		break;
	case OPT_ORDER:
		d->order = arg;
		break;
	case OPT_SET:
		d->set = arg;
		break;
	case OPT_FROM:
		d->from = arg;
		break;
	case OPT_UNTIL:
		d->until = arg;
		break;
	case OPT_PREFIX:
		d->prefix = arg;
		break;
	case OPT_RSS_BASE:
		fo->bases.rss = base_arg("--rss-base", arg);
		break;
	case OPT_ATOM_BASE:
		fo->bases.atom = base_arg("--atom-base", arg);
		break;
	case OPT_API_BASE:
		fo->bases.api = base_arg("--api-base", arg);
		break;
	case OPT_OAI_BASE:
		fo->bases.oai = base_arg("--oai-base", arg);
		break;
	case OPT_HTML_BASE:
		fo->bases.html = base_arg("--html-base", arg);
		break;
	case OPT_PDF_BASE:
		fo->bases.pdf = base_arg("--pdf-base", arg);
		break;
	case 'h':
		printf("usage: %s\n", USAGE);
		exit(prog_finish(PROG_OK));
	case OPT_VERSION:
		prog_version();
	default:
		prog_usage();
	}
}

/* Read the options into o, with the defaults for what they leave out. */
static void
parse_options(int argc, char *argv[], struct opts *o)
{
	const struct source_defaults d = {
		SOURCE_DEFAULT_MAX, SOURCE_DEFAULT_PAGE, NULL, NULL, NULL,
		NULL, NULL, NULL
	};
	int ch;

	memset(o, 0, sizeof(*o));
	fetch_options_init(&o->fo);
	o->d = d;
	while ((ch = getopt_long(argc, argv, "c:qvh", longopts, NULL)) != -1)
		set_option(o, ch, optarg);
	o->progress = !o->quiet && isatty(STDERR_FILENO);
	o->fo.emit = emit;
	o->fo.notify = notify;
	o->fo.arg = o;
}

/* Read request records from path and fetch each; the status to exit with. */
static int
run_requests(struct fetch *f, const char *path, size_t max_record,
    const struct source_defaults *d)
{
	struct ndjson_reader *r;
	struct json_object *obj;
	struct source *s;
	const char *line;
	char err[512];
	size_t len;
	int rval = PROG_OK;

	if ((r = prog_open(path, max_record, &rval)) == NULL)
		return rval;
	while (prog_next(r, &obj, &rval) == NDJSON_RECORD) {
		if (strcmp(record_kind(obj), "request") != 0) {
			line = ndjson_line(r, &len);
			prog_write_line(line, len);
		} else if ((s = source_from_record(obj, d, err,
		    sizeof(err))) == NULL) {
			prog_warn_line(r, "%s", err);
			rval = PROG_FAIL;
		} else {
			if (fetch_run(f, s) == -1)
				rval = PROG_FAIL;
			source_free(s);
		}
		jsonc_put(obj);
	}
	ndjson_close(r);
	return rval;
}

/*
 * fulltext: pass the records of path through, each line as it is, and
 * after each of the first *left papers not dropped write the response
 * for its full text (*left < 0: every paper).  The status to exit with.
 */
static int
run_fulltext(struct fetch *f, const char *path, size_t max_record,
    long *left)
{
	struct ndjson_reader *r;
	struct json_object *obj;
	struct paper_dec *dec;
	struct paper p;
	const char *line, *id;
	char err[512], idbuf[256];
	size_t len;
	int rval = PROG_OK, rc;

	if ((dec = paper_dec_new(PAPER_F_ID | PAPER_F_SCORE, 0)) == NULL)
		errx(PROG_FAIL, "out of memory");
	if ((r = prog_open(path, max_record, &rval)) == NULL) {
		paper_dec_free(dec);
		return rval;
	}
	memset(&p, 0, sizeof(p));
	while (prog_next(r, &obj, &rval) == NDJSON_RECORD) {
		line = ndjson_line(r, &len);
		prog_write_line(line, len);
		if (strcmp(record_kind(obj), "paper") != 0 || *left == 0) {
			jsonc_put(obj);
			continue;
		}
		/* p borrows from dec, until its next paper. */
		rc = paper_from_json(dec, obj, NULL, 0, PAPER_F_ID |
		    PAPER_F_SCORE, &p, err, sizeof(err));
		jsonc_put(obj);
		if (rc == -1) {
			prog_warn_line(r, "%s", err);
			rval = PROG_FAIL;
			continue;
		}
		/* Repaired input: said, and the status is 1 (arxivpipe(5)). */
		if (rc == 0 && paper_dec_warning(dec) != NULL) {
			prog_warn_line(r, "%s", paper_dec_warning(dec));
			rval = PROG_FAIL;
		}
		if (rc != 0 || p.dropped) {
			paper_clear(&p);
			continue;
		}
		if (*left > 0)
			(*left)--;
		if ((id = paper_arxiv_id(&p, idbuf, sizeof(idbuf))) == NULL)
			id = p.id;
		if ((rc = fetch_fulltext(f, id, err, sizeof(err))) == -2) {
			prog_warn_line(r, "paper %s: %s", p.id,
			    strncmp(err, "not an arXiv", 12) == 0 ?
			    "id: not an arXiv identifier" : err);
			rval = PROG_FAIL;
		} else if (rc == -1)
			rval = PROG_FAIL;
		paper_clear(&p);
	}
	ndjson_close(r);
	paper_dec_free(dec);
	return rval;
}

/*
 * Turn the operands into jobs: each source keyword starts a group, and
 * every operand up to the next keyword is one of its arguments.
 * Operands before the first keyword are files of request records, as
 * the other stages take files of records.
 */
static size_t
parse_operands(int argc, char *argv[], const struct source_defaults *d,
    struct job *jobs)
{
	struct source *s = NULL;
	const char *kw = NULL;
	char err[512];
	size_t nj = 0;
	int i, t = -1, nargs = 0;

	for (i = 0; i <= argc; i++) {
		int next = i == argc ? -2 : source_type_from_name(argv[i]);

		if (i < argc && strcmp(argv[i], "requests") == 0)
			next = -3;
		if (i < argc && strcmp(argv[i], "fulltext") == 0)
			next = -4;
		if (next != -1) {
			/* fulltext with no file reads standard input. */
			if (kw && nargs == 0 && t == -4)
				jobs[nj++].papers = "-";
			else if (kw && nargs == 0 && t != SOURCE_OAI)
				prog_usage_error("%s: missing its %s", kw,
				    t == -3 ? "files" : t == SOURCE_API ?
				    "query" : t == SOURCE_IDS ||
				    t == SOURCE_HTML || t == SOURCE_PDF ?
				    "identifiers" :
				    t == SOURCE_URL ? "URLs" : "categories");
			if (i == argc)
				break;
			kw = argv[i];
			t = next;
			nargs = 0;
			s = NULL;
			if (t == SOURCE_OAI) {
				if ((s = source_new(SOURCE_OAI, NULL, d, err,
				    sizeof(err))) == NULL)
					prog_usage_error("%s", err);
				jobs[nj++].source = s;
			}
			continue;
		}
		if (kw == NULL) {
			/* Operands before any source are files of requests. */
			jobs[nj++].requests = argv[i];
			continue;
		}
		nargs++;
		if (t == -3) {
			jobs[nj++].requests = argv[i];
		} else if (t == -4) {
			jobs[nj++].papers = argv[i];
		} else if (t == SOURCE_OAI) {
			prog_usage_error("oai: unexpected operand %s (use "
			    "--set, --from, --until, --prefix)", argv[i]);
		} else if (t == SOURCE_IDS && s != NULL) {
			if (source_add_id(s, argv[i], err, sizeof(err)) == -1)
				prog_usage_error("ids: %s", err);
		} else {
			if ((s = source_new((enum source_type)t, argv[i], d,
			    err, sizeof(err))) == NULL)
				prog_usage_error("%s", err);
			jobs[nj++].source = s;
			if (t != SOURCE_IDS)
				s = NULL;
		}
	}
	return nj;
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct config *cf = NULL;
	struct fetch *f;
	struct job *jobs;
	char *cache = NULL, err[512];
	size_t nj, i;
	long left = -1;
	int rval = PROG_OK;

	prog_init(USAGE);
	parse_options(argc, argv, &o);
	argc -= optind;
	argv += optind;

	/* Every operand is checked before the first request. */
	if ((jobs = calloc((size_t)argc + 1, sizeof(*jobs))) == NULL)
		errx(PROG_FAIL, "out of memory");
	nj = parse_operands(argc, argv, &o.d, jobs);
	if (o.config_path &&
	    (cf = config_load(o.config_path, err, sizeof(err))) == NULL)
		errx(PROG_FAIL, "%s", err);
	if (nj == 0) {
		if (cf) {
			if ((jobs[nj++].source = fetchconf_feed(cf, &o.d, err,
			    sizeof(err))) == NULL)
				errx(PROG_FAIL, "%s", err);
		} else if (isatty(STDIN_FILENO))
			prog_usage_error("no source given, and standard input "
			    "is a terminal");
		else
			jobs[nj++].requests = "-";
	}
	if (fetchconf_bases(&o.fo.bases, cf, err, sizeof(err)) == -1)
		errx(PROG_FAIL, "%s", err);
	/* fulltext: --max papers, else the papers arxiv-summarize takes. */
	for (i = 0; i < nj && jobs[i].papers == NULL; i++)
		;
	if (o.max_set)
		left = o.d.max;
	else if (i < nj && cf &&
	    fetchconf_fulltext_max(cf, &left, err, sizeof(err)) == -1)
		errx(PROG_FAIL, "%s", err);
	if (o.fo.cache_dir == NULL) {
		if (cache_default_dir(&cache) == -1)
			errx(PROG_FAIL, "out of memory");
		o.fo.cache_dir = cache;
	}

	if (http_global_init(err, sizeof(err)) == -1)
		errx(PROG_FAIL, "%s", err);
	if ((f = fetch_new(&o.fo, err, sizeof(err))) == NULL)
		errx(PROG_FAIL, "%s", err);
	for (i = 0; i < nj; i++) {
		if (jobs[i].source) {
			if (fetch_run(f, jobs[i].source) == -1)
				rval = PROG_FAIL;
		} else if (jobs[i].papers) {
			if (run_fulltext(f, jobs[i].papers, o.max_record,
			    &left) != PROG_OK)
				rval = PROG_FAIL;
		} else if (run_requests(f, jobs[i].requests, o.max_record,
		    &o.d) != PROG_OK)
			rval = PROG_FAIL;
	}
	fetch_free(f);
	http_global_cleanup();
	for (i = 0; i < nj; i++)
		source_free(jobs[i].source);
	free(jobs);
	config_free(cf);
	free(cache);
	return prog_finish(rval);
}
