#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <json.h>

#include "tmpname.h"
#include "ndjson.h"

/* Write data to a temporary file and return its name (static buffer). */
static const char *
tmpfile_with(const char *data, size_t len)
{
	static char name[64];
	FILE *fp;
	int fd;

	fd = test_mkstemp(name, sizeof(name), "test_ndjson");
	assert_true(fd != -1);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
	return name;
}

static void
test_records_bad_lines_and_numbers(void **state)
{
	const char data[] = "{\"kind\":\"a\"}\n\nnot json\n[1]\n{\"x\":1}\n"
	    "{\"kind\":\"b\",\"v\":[1,2]}  \n{\"kind\":\"c\"} trailing\n"
	    "{\"kind\":\"d\"}";
	struct ndjson_reader *r;
	struct json_object *o;
	const char *name;
	char err[256];

	(void)state;
	name = tmpfile_with(data, sizeof(data) - 1);
	r = ndjson_open(name, 0, err, sizeof(err));
	assert_non_null(r);

	assert_int_equal(ndjson_next(r, &o, err, sizeof(err)), NDJSON_RECORD);
	assert_int_equal(ndjson_lineno(r), 1);
	json_object_put(o);
	/* The blank line 2 is skipped. */
	assert_int_equal(ndjson_next(r, &o, err, sizeof(err)), NDJSON_BAD);
	assert_int_equal(ndjson_lineno(r), 3);
	assert_non_null(strstr(err, "invalid JSON"));
	assert_int_equal(ndjson_next(r, &o, err, sizeof(err)), NDJSON_BAD);
	assert_string_equal(err, "not a JSON object");
	assert_int_equal(ndjson_next(r, &o, err, sizeof(err)), NDJSON_BAD);
	assert_string_equal(err, "record has no \"kind\"");
	assert_int_equal(ndjson_next(r, &o, err, sizeof(err)), NDJSON_RECORD);
	assert_int_equal(ndjson_lineno(r), 6);
	json_object_put(o);
	assert_int_equal(ndjson_next(r, &o, err, sizeof(err)), NDJSON_BAD);
	assert_string_equal(err,
	    "invalid JSON: unexpected character at byte 14");
	/* The last line has no newline and still counts. */
	assert_int_equal(ndjson_next(r, &o, err, sizeof(err)), NDJSON_RECORD);
	assert_int_equal(ndjson_lineno(r), 8);
	json_object_put(o);
	assert_int_equal(ndjson_next(r, &o, err, sizeof(err)), NDJSON_EOF);
	ndjson_close(r);
	unlink(name);
}

static void
test_cap_skips_long_line(void **state)
{
	struct ndjson_reader *r;
	struct json_object *o;
	char *data, err[256];
	const char *name;
	size_t n = 300000, i;

	(void)state;
	data = malloc(n + 64);
	i = (size_t)snprintf(data, 64, "{\"kind\":\"x\",\"s\":\"");
	memset(data + i, 'a', n);
	i += n;
	memcpy(data + i, "\"}\n{\"kind\":\"y\"}\n", 17);
	name = tmpfile_with(data, i + 17);
	free(data);

	r = ndjson_open(name, 100000, err, sizeof(err));
	assert_non_null(r);
	assert_int_equal(ndjson_next(r, &o, err, sizeof(err)), NDJSON_BAD);
	assert_non_null(strstr(err, "record too long"));
	assert_int_equal(ndjson_next(r, &o, err, sizeof(err)), NDJSON_RECORD);
	assert_string_equal(json_object_get_string(
	    json_object_object_get(o, "kind")), "y");
	assert_int_equal(ndjson_lineno(r), 2);
	json_object_put(o);
	ndjson_close(r);

	/* Without the cap the same line is read whole. */
	r = ndjson_open(name, 0, err, sizeof(err));
	assert_int_equal(ndjson_next(r, &o, err, sizeof(err)), NDJSON_RECORD);
	json_object_put(o);
	ndjson_close(r);
	unlink(name);
}

static void
test_invalid_utf8_is_bad(void **state)
{
	const char data[] = "{\"kind\":\"x\",\"t\":\"\xff\"}\n";
	struct ndjson_reader *r;
	struct json_object *o;
	const char *name;
	char err[256];

	(void)state;
	name = tmpfile_with(data, sizeof(data) - 1);
	r = ndjson_open(name, 0, err, sizeof(err));
	assert_int_equal(ndjson_next(r, &o, err, sizeof(err)), NDJSON_BAD);
	assert_non_null(strstr(err, "invalid JSON"));
	ndjson_close(r);
	unlink(name);
}

static void
test_peek_and_read_raw(void **state)
{
	const char data[] = "\n  <rss>x</rss>\n";
	struct ndjson_reader *r;
	const char *name;
	char err[256], *all;
	size_t len;

	(void)state;
	name = tmpfile_with(data, sizeof(data) - 1);
	r = ndjson_open(name, 0, err, sizeof(err));
	assert_int_equal(ndjson_peek(r), '<');
	all = ndjson_slurp(r, 0, &len, err, sizeof(err));
	assert_string_equal(all, "<rss>x</rss>\n");
	assert_int_equal(len, 13);
	free(all);
	assert_int_equal(ndjson_peek(r), EOF);
	ndjson_close(r);
	unlink(name);
}

static void
test_open_missing_file(void **state)
{
	char err[256];

	(void)state;
	assert_null(ndjson_open("/nonexistent/x.ndjson", 0, err, sizeof(err)));
	assert_string_equal(err,
	    "/nonexistent/x.ndjson: No such file or directory");
}

static void
test_write_compact_unescaped_slash(void **state)
{
	struct json_object *o;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	o = json_tokener_parse("{\"kind\":\"x\",\"url\":\"https://a/b\","
	    "\"t\":\"\xc3\xa9\"}");
	fp = open_memstream(&out, &len);
	assert_int_equal(ndjson_write(fp, o), 0);
	fclose(fp);
	assert_string_equal(out,
	    "{\"kind\":\"x\",\"url\":\"https://a/b\",\"t\":\"\xc3\xa9\"}\n");
	free(out);
	json_object_put(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records_bad_lines_and_numbers),
		cmocka_unit_test(test_cap_skips_long_line),
		cmocka_unit_test(test_invalid_utf8_is_bad),
		cmocka_unit_test(test_peek_and_read_raw),
		cmocka_unit_test(test_open_missing_file),
		cmocka_unit_test(test_write_compact_unescaped_slash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
