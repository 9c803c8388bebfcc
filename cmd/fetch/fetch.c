/*
 * arxiv-fetch: fetch arXiv feeds, API pages, OAI-PMH harvests, HTML
 * pages and URLs into "response" records, politely (arxiv-fetch(1)).
 */
#include <err.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json.h>

#include "buf.h"
#include "config.h"
#include "fetch.h"
#include "http.h"
#include "ndjson.h"
#include "prog.h"
#include "record.h"
#include "source.h"
#include "url.h"

#define USAGE "arxiv-fetch [-qv] [-c config] [--cache-dir dir] [--no-cache] " \
	"[--delay sec] [--max-age sec] [--timeout sec] [--retries n] " \
	"[--mailto addr] [--max-size size] [--max-record size] [--max n] " \
	"[--page-size n] [--sort key] [--order dir] [--set spec] " \
	"[--from date] [--until date] [--prefix format] [--rss-base url] " \
	"[--atom-base url] [--api-base url] [--oai-base url] " \
	"[--html-base url] [file ...] [source [arg ...]] ..."

#define DEFAULT_TIMEOUT		120.0
#define DEFAULT_RETRIES		4
#define DEFAULT_MAX_SIZE	(32UL * 1024 * 1024)
#define MAX_REDIRECTS		5
#define MAX_SECONDS		86400	/* longest --delay and --timeout */

/* One thing to do, in operand order: a source, or a file of requests. */
struct job {
	struct source	*source;
	const char	*requests;	/* a file of request records, "-" */
};

struct run {
	int	 progress;		/* show FETCH_PROGRESS messages */
	int	 verbose;		/* show FETCH_INFO messages */
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
	struct run *run = arg;

	if (lv == FETCH_WARN || (lv == FETCH_PROGRESS && run->progress) ||
	    run->verbose)
		warnx("%s", msg);
}

static const char *
base_arg(const char *opt, const char *arg)
{
	if (!url_has_scheme(arg, "http") && !url_has_scheme(arg, "https") &&
	    !url_has_scheme(arg, "file"))
		prog_usage_error("%s: not an http, https or file URL: %s", opt,
		    arg);
	return arg;
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
		json_object_put(obj);
	}
	ndjson_close(r);
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
		if (next != -1) {
			if (kw && nargs == 0 && t != SOURCE_OAI)
				prog_usage_error("%s: missing its %s", kw,
				    t == -3 ? "files" : t == SOURCE_API ?
				    "query" : t == SOURCE_IDS ||
				    t == SOURCE_HTML ? "identifiers" :
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

/* The config's "arxiv" bases, where no option set them. */
static void
config_bases(const struct config *cf, struct source_bases *b,
    const struct source_bases *set)
{
	static const struct {
		const char	*key;
		size_t		 off;
	} keys[] = {
		{ "arxiv.rss_base", offsetof(struct source_bases, rss) },
		{ "arxiv.atom_base", offsetof(struct source_bases, atom) },
		{ "arxiv.api_base", offsetof(struct source_bases, api) },
		{ "arxiv.oai_base", offsetof(struct source_bases, oai) },
		{ "arxiv.html_base", offsetof(struct source_bases, html) },
	};
	const char *v, **dst;
	char err[512];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (*(const char *const *)((const char *)set + keys[i].off))
			continue;
		rc = config_string(cf, keys[i].key, &v, err, sizeof(err));
		if (rc == -1)
			errx(PROG_FAIL, "%s: %s", cf->path, err);
		if (rc == 0) {
			if (!url_has_scheme(v, "http") &&
			    !url_has_scheme(v, "https") &&
			    !url_has_scheme(v, "file"))
				errx(PROG_FAIL, "%s: %s: not an http, https "
				    "or file URL: %s", cf->path, keys[i].key,
				    v);
			dst = (const char **)((char *)b + keys[i].off);
			*dst = v;
		}
	}
}

/* The config's categories as one combined RSS feed: one request, not n. */
static struct source *
config_feed(const struct config *cf, const struct source_defaults *d)
{
	const char **cats;
	struct buf feed = {0};
	struct source *s;
	char err[512];
	size_t i, n;
	int rc;

	rc = config_strings(cf, "categories", &cats, &n, err, sizeof(err));
	if (rc == -1)
		errx(PROG_FAIL, "%s: %s", cf->path, err);
	if (rc == 1 || n == 0)
		errx(PROG_FAIL, "%s: categories: no categories to fetch",
		    cf->path);
	for (i = 0; i < n; i++)
		if ((i && buf_addc(&feed, '+') == -1) ||
		    buf_adds(&feed, cats[i]) == -1)
			errx(PROG_FAIL, "out of memory");
	free(cats);
	s = source_new(SOURCE_RSS, buf_str(&feed), d, err, sizeof(err));
	buf_free(&feed);
	if (s == NULL)
		errx(PROG_FAIL, "%s: categories: %s", cf->path, err);
	return s;
}

int
main(int argc, char *argv[])
{
	enum {
		OPT_CACHE_DIR = 256, OPT_NO_CACHE, OPT_DELAY, OPT_MAX_AGE,
		OPT_TIMEOUT, OPT_RETRIES, OPT_MAILTO, OPT_MAX_SIZE,
		OPT_MAX_RECORD, OPT_MAX, OPT_PAGE_SIZE, OPT_SORT, OPT_ORDER,
		OPT_SET, OPT_FROM, OPT_UNTIL, OPT_PREFIX, OPT_RSS_BASE,
		OPT_ATOM_BASE, OPT_API_BASE, OPT_OAI_BASE, OPT_HTML_BASE,
		OPT_VERSION
	};
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "cache-dir", required_argument, NULL, OPT_CACHE_DIR },
		{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
		{ "delay", required_argument, NULL, OPT_DELAY },
		{ "max-age", required_argument, NULL, OPT_MAX_AGE },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "retries", required_argument, NULL, OPT_RETRIES },
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
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct source_defaults d = {
		SOURCE_DEFAULT_MAX, SOURCE_DEFAULT_PAGE, NULL, NULL, NULL,
		NULL, NULL, NULL
	};
	struct fetch_options fo;
	struct source_bases set = {0};
	struct run run = {0};
	struct config *cf = NULL;
	struct fetch *f = NULL;
	struct job *jobs = NULL;
	struct buf cache = {0};
	const char *config_path = NULL, *cache_dir = NULL, *xdg;
	size_t max_record = 0, nj = 0, i;
	char err[512];
	int ch, quiet = 0, rval = PROG_OK, rc;

	prog_init(USAGE);
	memset(&fo, 0, sizeof(fo));
	fo.delay = -1;
	fo.timeout = DEFAULT_TIMEOUT;
	fo.retries = DEFAULT_RETRIES;
	fo.max_size = DEFAULT_MAX_SIZE;
	fo.max_redirects = MAX_REDIRECTS;
	while ((ch = getopt_long(argc, argv, "c:qvh", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			config_path = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'v':
			run.verbose = 1;
			break;
		case OPT_CACHE_DIR:
			if (*optarg == '\0')
				prog_usage_error("--cache-dir: empty path");
			cache_dir = optarg;
			break;
		case OPT_NO_CACHE:
			fo.no_store = 1;
			break;
		case OPT_DELAY:
			fo.delay = prog_number_arg("--delay", optarg);
			if (fo.delay > MAX_SECONDS)
				prog_usage_error("--delay: at most %d: %s",
				    MAX_SECONDS, optarg);
			break;
		case OPT_MAX_AGE:
			fo.max_age = prog_number_arg("--max-age", optarg);
			break;
		case OPT_TIMEOUT:
			fo.timeout = prog_number_arg("--timeout", optarg);
			if (!(fo.timeout > 0) || fo.timeout > MAX_SECONDS)
				prog_usage_error("--timeout: must be more "
				    "than 0 and at most %d: %s", MAX_SECONDS,
				    optarg);
			break;
		case OPT_RETRIES:
			fo.retries = (int)prog_count_arg("--retries", optarg,
			    0);
			if (fo.retries > 100)
				prog_usage_error("--retries: at most 100: %s",
				    optarg);
			break;
		case OPT_MAILTO:
			if (strchr(optarg, '@') == NULL ||
			    strpbrk(optarg, " \t\r\n()<>;\"") != NULL)
				prog_usage_error("--mailto: not an e-mail "
				    "address: %s", optarg);
			fo.mailto = optarg;
			break;
		case OPT_MAX_SIZE:
			fo.max_size = prog_size_arg_min("--max-size", optarg,
			    1);
			break;
		case OPT_MAX_RECORD:
			max_record = prog_max_record_arg(optarg);
			break;
		case OPT_MAX:
			d.max = prog_count_arg("--max", optarg, 0);
			break;
		case OPT_PAGE_SIZE:
			d.page_size = prog_count_arg("--page-size", optarg,
			    0);
			break;
		case OPT_SORT:
			d.sort = optarg;
			break;
		case OPT_ORDER:
			d.order = optarg;
			break;
		case OPT_SET:
			d.set = optarg;
			break;
		case OPT_FROM:
			d.from = optarg;
			break;
		case OPT_UNTIL:
			d.until = optarg;
			break;
		case OPT_PREFIX:
			d.prefix = optarg;
			break;
		case OPT_RSS_BASE:
			set.rss = base_arg("--rss-base", optarg);
			break;
		case OPT_ATOM_BASE:
			set.atom = base_arg("--atom-base", optarg);
			break;
		case OPT_API_BASE:
			set.api = base_arg("--api-base", optarg);
			break;
		case OPT_OAI_BASE:
			set.oai = base_arg("--oai-base", optarg);
			break;
		case OPT_HTML_BASE:
			set.html = base_arg("--html-base", optarg);
			break;
		case 'h':
			printf("usage: %s\n", USAGE);
			return prog_finish(PROG_OK);
		case OPT_VERSION:
			prog_version();
		default:
			prog_usage();
		}
	}
	argc -= optind;
	argv += optind;

	/* Every operand is checked before the first request. */
	if ((jobs = calloc((size_t)argc + 1, sizeof(*jobs))) == NULL)
		errx(PROG_FAIL, "out of memory");
	nj = parse_operands(argc, argv, &d, jobs);
	if (config_path &&
	    (cf = config_load(config_path, err, sizeof(err))) == NULL)
		errx(PROG_FAIL, "%s", err);
	if (nj == 0) {
		if (cf)
			jobs[nj++].source = config_feed(cf, &d);
		else if (isatty(STDIN_FILENO))
			prog_usage_error("no source given, and standard input "
			    "is a terminal");
		else
			jobs[nj++].requests = "-";
	}
	fo.bases = set;
	if (cf)
		config_bases(cf, &fo.bases, &set);
	if (fo.bases.rss == NULL)
		fo.bases.rss = SOURCE_RSS_BASE;
	if (fo.bases.atom == NULL)
		fo.bases.atom = SOURCE_ATOM_BASE;
	if (fo.bases.api == NULL)
		fo.bases.api = SOURCE_API_BASE;
	if (fo.bases.oai == NULL)
		fo.bases.oai = SOURCE_OAI_BASE;
	if (fo.bases.html == NULL)
		fo.bases.html = SOURCE_HTML_BASE;
	if (cache_dir == NULL) {
		if ((xdg = getenv("XDG_CACHE_HOME")) != NULL && *xdg == '/')
			rc = buf_addf(&cache, "%s/arxivpipe", xdg);
		else if ((xdg = getenv("HOME")) != NULL && *xdg != '\0')
			rc = buf_addf(&cache, "%s/.cache/arxivpipe", xdg);
		else
			rc = 0;
		if (rc == -1)
			errx(PROG_FAIL, "out of memory");
		cache_dir = cache.len ? buf_str(&cache) : NULL;
	}
	fo.cache_dir = cache_dir;
	run.progress = !quiet && isatty(STDERR_FILENO);
	fo.emit = emit;
	fo.notify = notify;
	fo.arg = &run;

	if (http_global_init(err, sizeof(err)) == -1)
		errx(PROG_FAIL, "%s", err);
	if ((f = fetch_new(&fo, err, sizeof(err))) == NULL)
		errx(PROG_FAIL, "%s", err);
	for (i = 0; i < nj; i++) {
		if (jobs[i].source) {
			if (fetch_run(f, jobs[i].source) == -1)
				rval = PROG_FAIL;
		} else if (run_requests(f, jobs[i].requests, max_record, &d) !=
		    PROG_OK)
			rval = PROG_FAIL;
	}
	fetch_free(f);
	http_global_cleanup();
	for (i = 0; i < nj; i++)
		source_free(jobs[i].source);
	free(jobs);
	config_free(cf);
	buf_free(&cache);
	return prog_finish(rval);
}
