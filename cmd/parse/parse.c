/*
 * arxiv-parse: arXiv feeds, API and OAI-PMH responses and HTML papers
 * to "paper" and "fulltext" records (arxiv-parse(1)).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "feed.h"
#include "ingest.h"
#include "ndjson.h"
#include "prog.h"

#define USAGE	"arxiv-parse [-f format] [--max-record size] [file ...]"

static void
out_record(void *arg, struct json_object *rec)
{
	(void)arg;
	prog_write(rec);
}

static void
out_line(void *arg, const char *line, size_t len)
{
	(void)arg;
	prog_write_line(line, len);
}

/* arg is the reader: pretty-printed input gets one hint (prog.h). */
static void
out_warn(void *arg, const char *where, const char *msg)
{
	/* Flushed first so that messages follow the records they concern. */
	fflush(stdout);
	prog_check_stdout();
	prog_warn_in(arg, where, "%s", msg);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "max-record", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct ingest_opts o = { FEED_AUTO, 0 };
	struct ingest_out out = { out_record, out_line, out_warn, NULL };
	struct ndjson_reader *r;
	int ch, i, rval = PROG_OK;

	prog_init(USAGE);
	while ((ch = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (feed_format_parse(optarg, &o.format) == -1)
				prog_usage_error("-f: unknown format: %s (rss, "
				    "rss1, atom, api, oai, html)", optarg);
			break;
		case 'm':
			o.max_record = prog_max_record_arg(optarg);
			break;
		case 'h':
			printf("usage: %s\n", USAGE);
			return prog_finish(PROG_OK);
		case 'V':
			prog_version();
		default:
			prog_usage();
		}
	}
	argc -= optind;
	argv += optind;

	i = 0;
	do {
		const char *path = argc > 0 ? argv[i] : NULL;

		if ((r = prog_open(path, o.max_record, &rval)) == NULL)
			continue;
		out.arg = r;
		if (ingest_run(r, &o, &out) != 0)
			rval = PROG_FAIL;
		ndjson_close(r);
	} while (++i < argc);
	return prog_finish(rval);
}
