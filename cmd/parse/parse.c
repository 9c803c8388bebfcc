/* arxiv-parse: placeholder until its stage lands; passes records through. */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <json.h>

#include "ndjson.h"
#include "prog.h"
#include "record.h"

#define USAGE "arxiv-parse [file ...]"

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct ndjson_reader *r;
	struct json_object *obj;
	enum ndjson_status st;
	char err[512];
	int ch, rval = PROG_OK;

	prog_init(USAGE);
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			printf("usage: %s\n", USAGE);
			return prog_finish(PROG_OK);
		case 'V':
			prog_version();
		default:
			prog_usage();
		}
	}
	if ((r = ndjson_open(optind < argc ? argv[optind] : NULL, 0, err,
	    sizeof(err))) == NULL)
		errx(PROG_FAIL, "%s", err);
	while ((st = ndjson_next(r, &obj, err, sizeof(err))) != NDJSON_EOF) {
		if (st != NDJSON_RECORD) {
			prog_warn_line(r, "%s", err);
			rval = PROG_FAIL;
			if (st == NDJSON_ERROR)
				break;
			continue;
		}
		prog_write(obj);
		json_object_put(obj);
	}
	ndjson_close(r);
	return prog_finish(rval);
}
