/* arxiv-render: write paper records as one digest document. */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json.h>

#include "atomic.h"
#include "buf.h"
#include "config.h"
#include "ndjson.h"
#include "prog.h"
#include "record.h"
#include "render.h"

#define USAGE "arxiv-render [-v] [-c config.json] [-f format] [-n limit] " \
	"[-o file] [--max-record size] [--now time] [--title text] " \
	"[file ...]"

enum { OPT_MAX_RECORD = 256, OPT_NOW, OPT_TITLE, OPT_VERSION };

/*
 * Read one input's paper records into d.  Returns PROG_OK, or PROG_FAIL
 * after a bad line; *unreadable is set when the input could not be
 * opened or read to its end.
 */
static int
read_input(struct render_doc *d, const char *path, size_t max_record,
    int *unreadable)
{
	struct ndjson_reader *r;
	struct json_object *obj;
	enum ndjson_status st;
	char err[512];
	int rval = PROG_OK;

	if ((r = prog_open(path, max_record, &rval)) == NULL) {
		*unreadable = 1;
		return rval;
	}
	while ((st = prog_next(r, &obj, &rval)) == NDJSON_RECORD) {
		if (strcmp(record_kind(obj), "paper") != 0)
			d->ignored++;
		else if (render_doc_add(d, obj, err, sizeof(err)) == -1) {
			prog_warn_line(r, "%s", err);
			rval = PROG_FAIL;
		}
		json_object_put(obj);
	}
	if (st == NDJSON_ERROR)
		*unreadable = 1;
	ndjson_close(r);
	return rval;
}

static void
list_formats(FILE *fp)
{
	const struct render_format *f;
	size_t i, n;

	f = render_formats(&n);
	for (i = 0; i < n; i++)
		fprintf(fp, "  %-10s %s\n", f[i].name, f[i].what);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "limit", required_argument, NULL, 'n' },
		{ "max-record", required_argument, NULL, OPT_MAX_RECORD },
		{ "now", required_argument, NULL, OPT_NOW },
		{ "output", required_argument, NULL, 'o' },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const struct render_format *fmt;
	struct render_doc *d;
	struct config *cfg = NULL;
	struct buf out = {0};
	const char *cfgpath = NULL, *format = "markdown", *output = NULL;
	const char *now = NULL, *title = NULL;
	size_t max_record = 0, v;
	long limit = -1;
	char err[512];
	int ch, i, verbose = 0, unreadable = 0, rval = PROG_OK;

	prog_init(USAGE);
	while ((ch = getopt_long(argc, argv, "c:f:hn:o:v", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			cfgpath = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'h':
			printf("usage: %s\n\nformats:\n", USAGE);
			list_formats(stdout);
			return prog_finish(PROG_OK);
		case 'n':
			if ((v = prog_size_arg("--limit", optarg)) > LONG_MAX)
				prog_usage_error("--limit: too large: %s",
				    optarg);
			limit = (long)v;
			break;
		case 'o':
			output = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		case OPT_MAX_RECORD:
			if ((max_record = prog_size_arg("--max-record",
			    optarg)) == 0)
				prog_usage_error("--max-record: must be at "
				    "least 1");
			break;
		case OPT_NOW:
			now = optarg;
			break;
		case OPT_TITLE:
			title = optarg;
			break;
		case OPT_VERSION:
			prog_version();
		default:
			prog_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if ((fmt = render_format_find(format)) == NULL) {
		warnx("unknown format: %s; the formats are:", format);
		list_formats(stderr);
		prog_usage();
	}
	if (output != NULL && *output == '\0')
		prog_usage_error("-o: empty file name");

	if ((d = render_doc_new()) == NULL)
		errx(PROG_FAIL, "out of memory");
	if (render_clock(now, &d->now, err, sizeof(err)) == -1) {
		render_doc_free(d);
		prog_usage_error("%s", err);
	}
	d->title = title;
	d->limit = limit;
	if (cfgpath != NULL) {
		if ((cfg = config_load(cfgpath, err, sizeof(err))) == NULL ||
		    render_doc_config(d, cfg, err, sizeof(err)) == -1) {
			if (cfg != NULL)
				warnx("%s: %s", cfgpath, err);
			else
				warnx("%s", err);
			render_doc_free(d);
			config_free(cfg);
			return prog_finish(PROG_FAIL);
		}
	}

	if (argc == 0)
		rval |= read_input(d, NULL, max_record, &unreadable);
	for (i = 0; i < argc; i++)
		rval |= read_input(d, argv[i], max_record, &unreadable);

	if (render_write(fmt, d, &out, err, sizeof(err)) == -1) {
		warnx("%s", err);
		rval = PROG_FAIL;
	} else if (output != NULL && unreadable) {
		warnx("%s: not replaced: an input could not be read", output);
		rval = PROG_FAIL;
	} else if (output != NULL) {
		if (atomic_write(output, out.data, out.len, err,
		    sizeof(err)) == -1) {
			warnx("%s", err);
			rval = PROG_FAIL;
		}
	} else {
		fwrite(buf_str(&out), 1, out.len, stdout);
		prog_check_stdout();
	}
	if (verbose)
		warnx("%zu paper%s, %zu listed, %lu dropped by arxiv-score "
		    "left out, %lu other record%s ignored",
		    d->npapers, d->npapers == 1 ? "" : "s",
		    render_doc_shown(d), d->dropped, d->ignored,
		    d->ignored == 1 ? "" : "s");
	buf_free(&out);
	render_doc_free(d);
	config_free(cfg);
	return prog_finish(rval);
}
