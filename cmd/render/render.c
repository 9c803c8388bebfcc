/* arxiv-render: write paper records as one document. */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "buf.h"
#include "config.h"
#include "jsonc.h"
#include "ndjson.h"
#include "prog.h"
#include "record.h"
#include "render.h"
#include "render_mail.h"
#include "render_merge.h"

#define USAGE "arxiv-render [-v] [-c config.json] [-f format] [-n limit] " \
	"[-o file] [--base-url url] [--category cat] [--from address] " \
	"[--keep-days days] [--max-items n] [--max-record size] " \
	"[--merge state] [--now time] [--subject text] [--template file] " \
	"[--title text] [--to address] [--ttl minutes] [file ...]"

enum {
	OPT_BASE_URL = 256, OPT_CATEGORY, OPT_FROM, OPT_KEEP_DAYS,
	OPT_MAX_ITEMS, OPT_MAX_RECORD, OPT_MERGE, OPT_NOW, OPT_SUBJECT,
	OPT_TEMPLATE, OPT_TITLE, OPT_TO, OPT_TTL, OPT_VERSION
};

/* What the options ask for; the document's own settings go to d. */
struct opts {
	struct render_doc		*d;
	const struct render_format	*fmt;
	struct config			*cfg;
	const char			*cfgpath, *output, *merge, *tmpl, *now;
	size_t				 max_record;
	long				 keep_days, max_items;
	int				 verbose;
};

static void
list_formats(FILE *fp)
{
	const struct render_format *f;
	size_t i, n;

	f = render_formats(&n);
	for (i = 0; i < n; i++)
		fprintf(fp, "  %-10s %s\n", f[i].name, f[i].what);
}

static void
options(int argc, char *argv[], struct opts *o)
{
	static const struct option opts[] = {
		{ "base-url", required_argument, NULL, OPT_BASE_URL },
		{ "category", required_argument, NULL, OPT_CATEGORY },
		{ "config", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "help", no_argument, NULL, 'h' },
		{ "keep-days", required_argument, NULL, OPT_KEEP_DAYS },
		{ "limit", required_argument, NULL, 'n' },
		{ "max-items", required_argument, NULL, OPT_MAX_ITEMS },
		{ "max-record", required_argument, NULL, OPT_MAX_RECORD },
		{ "merge", required_argument, NULL, OPT_MERGE },
		{ "now", required_argument, NULL, OPT_NOW },
		{ "output", required_argument, NULL, 'o' },
		{ "subject", required_argument, NULL, OPT_SUBJECT },
		{ "template", required_argument, NULL, OPT_TEMPLATE },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "to", required_argument, NULL, OPT_TO },
		{ "ttl", required_argument, NULL, OPT_TTL },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct render_doc *d = o->d;
	const char *format = "markdown";
	int ch;

	while ((ch = getopt_long(argc, argv, "c:f:hn:o:v", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c': o->cfgpath = optarg; break;
		case 'f': format = optarg; break;
		case 'h':
			printf("usage: %s\n\nformats:\n", USAGE);
			list_formats(stdout);
			render_doc_free(d);
			exit(prog_finish(PROG_OK));
		case 'n': d->limit = prog_count_arg("--limit", optarg, 0); break;
		case 'o': o->output = optarg; break;
		case 'v': o->verbose = 1; break;
		case OPT_BASE_URL: d->base_url = optarg; break;
		case OPT_CATEGORY: d->category = optarg; break;
		case OPT_FROM: d->mail_from = optarg; break;
		case OPT_KEEP_DAYS:
			o->keep_days = prog_count_arg("--keep-days", optarg,
			    0);
			break;
		case OPT_MAX_ITEMS:
			o->max_items = prog_count_arg("--max-items", optarg,
			    0);
			break;
		case OPT_MAX_RECORD:
			o->max_record = prog_max_record_arg(optarg);
			break;
		case OPT_MERGE: o->merge = optarg; break;
		case OPT_NOW: o->now = optarg; break;
		case OPT_SUBJECT: d->mail_subject = optarg; break;
		case OPT_TEMPLATE: o->tmpl = optarg; break;
		case OPT_TITLE: d->title = optarg; break;
		case OPT_TO: d->mail_to = optarg; break;
		case OPT_TTL: d->ttl = prog_count_arg("--ttl", optarg, 0); break;
		case OPT_VERSION: prog_version();
		default: prog_usage();
		}
	}
	if ((o->fmt = render_format_find(format)) == NULL) {
		warnx("unknown format: %s; the formats are:", format);
		list_formats(stderr);
		prog_usage();
	}
}

/* Usage errors, the clock, the configuration and the template. */
static int
validate(struct opts *o)
{
	struct render_doc *d = o->d;
	char err[512];

	if (o->output != NULL && *o->output == '\0')
		prog_usage_error("-o: empty file name");
	if (o->merge != NULL && *o->merge == '\0')
		prog_usage_error("--merge: empty file name");
	if (o->tmpl != NULL && strcmp(o->fmt->name, "markdown") != 0)
		prog_usage_error("--template: only with -f markdown");
	if ((d->mail_from && render_mail_check("--from", d->mail_from, err,
	    sizeof(err)) == -1) || (d->mail_to && render_mail_check("--to",
	    d->mail_to, err, sizeof(err)) == -1) ||
	    render_clock(o->now, &d->now, err, sizeof(err)) == -1)
		prog_usage_error("%s", err);
	if (o->cfgpath != NULL &&
	    ((o->cfg = config_load(o->cfgpath, err, sizeof(err))) == NULL ||
	    render_doc_config(d, o->cfg, err, sizeof(err)) == -1)) {
		if (o->cfg != NULL)
			warnx("%s: %s", o->cfgpath, err);
		else
			warnx("%s", err);
		return PROG_FAIL;
	}
	if (o->tmpl != NULL && render_doc_template(d, o->tmpl, err,
	    sizeof(err)) == -1) {
		warnx("%s", err);
		return PROG_FAIL;
	}
	return PROG_OK;
}

/*
 * Read one input's paper records into d.  Returns PROG_OK, or PROG_FAIL
 * after a bad line; *unreadable is set when the input could not be
 * opened or read to its end, *repaired when a paper came with a warning
 * (it is in the document).
 */
static int
read_input(struct render_doc *d, const char *path, size_t max_record,
    int *unreadable, int *repaired)
{
	struct ndjson_reader *r;
	enum ndjson_status st;
	const char *line;
	size_t len;
	char err[512];
	int rval = PROG_OK, rc;

	if ((r = prog_open(path, max_record, &rval)) == NULL) {
		*unreadable = 1;
		return rval;
	}
	while ((st = prog_next_line(r, &line, &len, &rval)) ==
	    NDJSON_RECORD) {
		if ((rc = render_doc_add_line(d, line, len, err,
		    sizeof(err))) == 1)
			d->ignored++;
		else if (rc == -1) {
			prog_warn_line(r, "%s", err);
			rval = PROG_FAIL;
		} else if (d->warning != NULL) {
			prog_warn_line(r, "%s", d->warning);
			*repaired = 1;
		}
	}
	if (st == NDJSON_ERROR)
		*unreadable = 1;
	ndjson_close(r);
	return rval;
}

/* Write buf to path atomically, or to stdout when path is NULL. */
static int
put(const char *path, const struct buf *b)
{
	char err[512];

	if (path == NULL) {
		fwrite(buf_str(b), 1, b->len, stdout);
		prog_check_stdout();
	} else if (atomic_write(path, b->data, b->len, err,
	    sizeof(err)) == -1) {
		warnx("%s", err);
		return PROG_FAIL;
	}
	return PROG_OK;
}

/* A warning about a paper of the merge state (as in read_input()). */
static void
state_warning(void *arg, const char *where, const char *what)
{
	prog_warn_at(where, "%s", what);
	*(int *)arg = 1;
}

/* Merge, read, write the document, then the merge state. */
static int
run(struct opts *o, int argc, char *argv[])
{
	struct render_doc *d = o->d;
	struct buf out = {0}, state = {0};
	char err[512];
	int i, unreadable = 0, repaired = 0, rval = PROG_OK;

	if (o->merge != NULL && render_merge_load(d, o->merge,
	    o->max_record, state_warning, &repaired, err, sizeof(err)) == -1) {
		warnx("%s", err);
		return PROG_FAIL;
	}
	if (argc == 0)
		rval |= read_input(d, NULL, o->max_record, &unreadable,
		    &repaired);
	for (i = 0; i < argc; i++)
		rval |= read_input(d, argv[i], o->max_record, &unreadable,
		    &repaired);
	if ((o->merge != NULL && (render_merge_apply(d, o->keep_days,
	    o->max_items, err, sizeof(err)) == -1 ||
	    render_merge_state(d, &state, err, sizeof(err)) == -1)) ||
	    render_write(o->fmt, d, &out, err, sizeof(err)) == -1) {
		warnx("%s", err);
		rval = PROG_FAIL;
	} else if (unreadable && (o->output != NULL || o->merge != NULL)) {
		warnx("%s: not replaced: an input could not be read",
		    o->output != NULL ? o->output : o->merge);
		rval = PROG_FAIL;
	} else if ((rval |= put(o->output, &out)) == PROG_OK &&
	    o->merge != NULL)
		rval |= put(o->merge, &state);
	/* Repaired input is status 1 (arxivpipe(5)); the files are written. */
	if (repaired)
		rval = PROG_FAIL;
	buf_free(&out);
	buf_free(&state);
	return rval;
}

/* -v: what went into the document. */
static void
verbose(const struct render_doc *d)
{
	char cat[256] = "";

	if (d->category != NULL)
		snprintf(cat, sizeof(cat), "%lu not in %s, ", d->filtered,
		    d->category);
	warnx("%zu paper%s, %zu listed, %lu dropped by arxiv-score left out, "
	    "%s%lu other record%s ignored", d->npapers,
	    d->npapers == 1 ? "" : "s", render_doc_shown(d), d->dropped, cat,
	    d->ignored, d->ignored == 1 ? "" : "s");
}

int
main(int argc, char *argv[])
{
	struct opts o = { .keep_days = RENDER_KEEP_DAYS,
	    .max_items = RENDER_MAX_ITEMS };
	int rval;

	prog_init(USAGE);
	if ((o.d = render_doc_new()) == NULL)
		errx(PROG_FAIL, "out of memory");
	options(argc, argv, &o);
	if ((rval = validate(&o)) == PROG_OK)
		rval = run(&o, argc - optind, argv + optind);
	if (o.verbose)
		verbose(o.d);
	render_doc_free(o.d);
	config_free(o.cfg);
	return prog_finish(rval);
}
