/* Unit tests for lib/ingest.c: records, responses, raw documents. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <json.h>

#include "tmpname.h"
#include "buf.h"
#include "ingest.h"
#include "ndjson.h"

struct got {
	struct buf	out;
	struct buf	msgs;
};

static void
on_record(void *arg, struct json_object *rec)
{
	struct got *g = arg;

	assert_int_equal(buf_addf(&g->out, "%s\n",
	    json_object_to_json_string_ext(rec, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE)), 0);
}

static void
on_line(void *arg, const char *line, size_t len)
{
	struct got *g = arg;

	assert_int_equal(buf_add(&g->out, line, len), 0);
	assert_int_equal(buf_addc(&g->out, '\n'), 0);
}

static void
on_warn(void *arg, const char *where, const char *msg)
{
	struct got *g = arg;

	assert_int_equal(buf_addf(&g->msgs, "%s: %s\n", where, msg), 0);
}

static int
run(const char *input, struct got *g)
{
	struct ingest_opts o = { FEED_AUTO, 0 };
	struct ingest_out out = { on_record, on_line, on_warn, g };
	struct ndjson_reader *r;
	char path[64], err[256];
	int fd, rc;

	memset(g, 0, sizeof(*g));
	assert_true((fd = test_mkstemp(path, sizeof(path), "test_ingest")) != -1);
	assert_int_equal(write(fd, input, strlen(input)),
	    (ssize_t)strlen(input));
	close(fd);
	r = ndjson_open(path, 0, err, sizeof(err));
	assert_non_null(r);
	rc = ingest_run(r, &o, &out);
	ndjson_close(r);
	unlink(path);
	return rc;
}

static void
test_records(void **state)
{
	struct got g;

	(void)state;
	assert_int_equal(run("{\"kind\":\"x\",  \"a\":1}\nnope\n"
	    "{\"kind\":\"response\",\"status\":0,\"body\":null}\n"
	    "{\"kind\":\"response\",\"status\":503,\"body\":\"<html>busy</html>\"}\n"
	    "{\"kind\":\"response\",\"status\":200,\"url\":\"u\",\"body\":"
	    "\"<rss version='2.0'><channel><item><guid>oai:arXiv.org:2501.00001v1"
	    "</guid></item></channel></rss>\"}\n", &g), 1);
	assert_non_null(strstr(buf_str(&g.out), "{\"kind\":\"x\",  \"a\":1}\n"
	    "{\"kind\":\"response\",\"status\":0,\"body\":null}\n"
	    "{\"kind\":\"response\",\"status\":503,"));
	assert_non_null(strstr(buf_str(&g.out), "\"arxiv_id\":\"2501.00001v1\""));
	assert_non_null(strstr(buf_str(&g.out), "\"url\":\"u\""));
	/* Only the bad line is reported: failed responses pass quietly. */
	assert_non_null(strstr(buf_str(&g.msgs), ":2: invalid JSON"));
	assert_null(strchr(strchr(buf_str(&g.msgs), '\n') + 1, '\n'));
	buf_free(&g.out);
	buf_free(&g.msgs);
}

static void
test_raw_positions(void **state)
{
	struct got g;

	(void)state;
	assert_int_equal(run("\n\n<rss version='2.0'>\n<channel><item>"
	    "<guid>oai:arXiv.org:2501.00001v1</guid></item>\n</chanel></rss>\n",
	    &g), 1);
	assert_non_null(strstr(buf_str(&g.out), "2501.00001v1"));
	/* The document's line 3 is the file's line 5. */
	assert_non_null(strstr(buf_str(&g.msgs), ":5:"));
	assert_non_null(strstr(buf_str(&g.msgs), "malformed XML"));
	buf_free(&g.out);
	buf_free(&g.msgs);
}

static void
test_body_positions(void **state)
{
	struct got g;

	(void)state;
	assert_int_equal(run("{\"kind\":\"a\"}\n{\"kind\":\"response\","
	    "\"status\":200,\"body\":\"<feed xmlns='http://www.w3.org/2005/Atom'>"
	    "\\n<entry><id>https://arxiv.org/api/errors#x</id><summary>bad"
	    "</summary></entry></feed>\"}\n", &g), 1);
	assert_string_equal(buf_str(&g.out), "{\"kind\":\"a\"}\n");
	assert_non_null(strstr(buf_str(&g.msgs),
	    ":2: body:2: arXiv API error: bad\n"));
	buf_free(&g.out);
	buf_free(&g.msgs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_raw_positions),
		cmocka_unit_test(test_body_positions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
