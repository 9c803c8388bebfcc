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
#include "config.h"

static const char *
write_tmp(const char *data)
{
	static char name[64];
	FILE *fp;

	fp = fdopen(test_mkstemp(name, sizeof(name), "test_config"), "w");
	fputs(data, fp);
	fclose(fp);
	return name;
}

static void
test_bot_config(void **state)
{
	struct config *c;
	const char **cats, *s;
	char err[256];
	double d;
	long l;
	size_t n;
	int b;

	(void)state;
	c = config_load(SRCDIR "/tests/fixtures/reference/bot-config.json",
	    err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(config_strings(c, "categories", &cats, &n, err,
	    sizeof(err)), 0);
	assert_int_equal(n, 4);
	assert_string_equal(cats[0], "cs.AI");
	assert_null(cats[4]);
	free(cats);
	assert_int_equal(config_int(c, "max_papers", &l, err, sizeof(err)), 0);
	assert_int_equal(l, 30);
	assert_int_equal(config_number(c, "min_score", &d, err, sizeof(err)), 0);
	assert_true(d == 2.5);
	assert_int_equal(config_bool(c, "enable_deduplication", &b, err,
	    sizeof(err)), 0);
	assert_true(b);
	assert_int_equal(config_string(c, "ai_summary.model", &s, err,
	    sizeof(err)), 0);
	assert_string_equal(s, "qwen-long");
	assert_int_equal(config_string(c, "arxiv.rss_base", &s, err,
	    sizeof(err)), 1);
	/* A wrong type is an error naming the key. */
	assert_int_equal(config_string(c, "max_papers", &s, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "max_papers: expected a string");
	assert_int_equal(config_int(c, "min_score", &l, err, sizeof(err)), -1);
	assert_string_equal(err, "min_score: expected a whole number");
	config_free(c);
}

static void
test_invalid_json_names_line(void **state)
{
	const char *name;
	char err[256], want[128];

	(void)state;
	name = write_tmp("{\n  \"a\": 1,\n  \"b\": [1 2]\n}\n");
	assert_null(config_load(name, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: line 3: invalid JSON:", name);
	assert_memory_equal(err, want, strlen(want));
	unlink(name);
	name = write_tmp("[1]");
	assert_null(config_load(name, err, sizeof(err)));
	assert_non_null(strstr(err, "not a JSON object"));
	unlink(name);
	assert_null(config_load("/nonexistent.json", err, sizeof(err)));
	assert_string_equal(err, "/nonexistent.json: No such file or directory");
}

static void
test_terms_take_strings_and_objects(void **state)
{
	struct config *c;
	const char **t;
	const char *name;
	char err[256];
	size_t n;

	(void)state;
	name = write_tmp("{\"keywords\": [\"LLM\", {\"term\": \"speculative "
	    "decoding\", \"weight\": 2}], \"bad\": [{\"weight\": 1}]}");
	c = config_load(name, err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(config_terms(c, "keywords", &t, &n, err, sizeof(err)),
	    0);
	assert_int_equal(n, 2);
	assert_string_equal(t[0], "LLM");
	assert_string_equal(t[1], "speculative decoding");
	free(t);
	assert_int_equal(config_strings(c, "keywords", &t, &n, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "keywords: expected an array of strings");
	assert_int_equal(config_terms(c, "bad", &t, &n, err, sizeof(err)), -1);
	assert_string_equal(err, "bad: expected an array of terms");
	config_free(c);
	unlink(name);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bot_config),
		cmocka_unit_test(test_invalid_json_names_line),
		cmocka_unit_test(test_terms_take_strings_and_objects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
