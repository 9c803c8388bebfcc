#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tmpname.h"
#include "buf.h"
#include "config.h"
#include "configcheck.h"

/* Load data as a config (the file is removed at once). */
static struct config *
load(const char *data, char *err, size_t errlen)
{
	char name[64];
	struct config *c;
	FILE *fp;

	fp = fdopen(test_mkstemp(name, sizeof(name), "test_configcheck"), "w");
	fputs(data, fp);
	fclose(fp);
	c = config_load(name, err, errlen);
	unlink(name);
	return c;
}

/* The messages of checking data, one a line, errors marked "E:". */
static char *
check(const char *data)
{
	struct configcheck cc = { 0 };
	struct buf out = { 0 };
	struct config *c;
	char err[256];
	size_t i;

	c = load(data, err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(configcheck_run(&cc, c), 0);
	for (i = 0; i < cc.n; i++)
		assert_int_equal(buf_addf(&out, "%s%s\n",
		    cc.m[i].error ? "E:" : "", cc.m[i].text), 0);
	configcheck_free(&cc);
	config_free(c);
	if (out.data == NULL)
		return strdup("");
	return out.data;
}

static void
test_bot_config_is_clean(void **state)
{
	struct configcheck cc = { 0 };
	struct config *c;
	char err[256];

	(void)state;
	c = config_load(SRCDIR "/tests/fixtures/reference/bot-config.json",
	    err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(configcheck_run(&cc, c), 0);
	assert_int_equal(cc.n, 0);
	configcheck_free(&cc);
	configcheck_free(&cc);	/* twice is harmless */
	config_free(c);
}

static void
test_unknown_keys_name_the_nearest(void **state)
{
	char *s;

	(void)state;
	s = check("{\"keyword\": [\"x\"], \"exclude_keyword\": [],"
	    " \"ai_summary\": {\"modle\": \"m\"}, \"zzzzzzzzzz\": 1}");
	assert_string_equal(s,
	    "unknown key \"keyword\" (did you mean \"keywords\"?)\n"
	    "unknown key \"exclude_keyword\" (did you mean "
	    "\"exclude_keywords\"?)\n"
	    "unknown key \"ai_summary.modle\" (did you mean "
	    "\"ai_summary.model\"?)\n"
	    "unknown key \"zzzzzzzzzz\"\n");
	free(s);
}

static void
test_categories_from_the_taxonomy(void **state)
{
	char *s;

	(void)state;
	s = check("{\"categories\": [\"cs.AI\", \"cs.LGG\", \"cs.AI \","
	    " \"hep-th\", \"cs\", \"math-ph\", \"cond-mat.str-el\", 3]}");
	assert_string_equal(s,
	    "E:categories[1]: \"cs.LGG\" is not an arXiv category "
	    "(did you mean \"cs.LG\"?)\n"
	    "E:categories[2]: \"cs.AI \" is not an arXiv category "
	    "(did you mean \"cs.AI\"?)\n"
	    "E:categories[7]: expected a string, not a number\n");
	free(s);
	assert_true(configcheck_is_category("quant-ph"));
	assert_true(configcheck_is_category("physics.optics"));
	assert_false(configcheck_is_category("cs.ai"));
	assert_string_equal(configcheck_nearest_category("cs.ai"), "cs.AI");
	assert_null(configcheck_nearest_category("biology"));
}

static void
test_values_and_blocks(void **state)
{
	char *s;

	(void)state;
	s = check("{\"days_back\": -1, \"max_papers\": -2, \"min_score\": -1,"
	    " \"announce_types\": [\"new\", \"crosss\"],"
	    " \"ai_summary\": \"on\", \"arxiv\": \"http://x\","
	    " \"enable_deduplication\": \"yes\", \"display_limit\": null}");
	assert_string_equal(s,
	    "E:days_back: -1 is negative (0 or more; leave the key out for "
	    "the default)\n"
	    "E:max_papers: -2 is negative (0 or more; leave the key out for "
	    "the default)\n"
	    "E:announce_types[1]: \"crosss\" is not an arXiv announce type "
	    "(new, cross, replace, replace-cross) (did you mean \"cross\"?)\n"
	    "E:ai_summary: expected an object, not a string\n"
	    "E:arxiv: expected an object, not a string\n"
	    "E:enable_deduplication: expected true or false, not a string\n");
	free(s);
	s = check("{\"keywords\": [\"a\", {\"term\": \"b\", \"wieght\": 2,"
	    " \"fields\": [\"titel\"]}, {\"weight\": 1}],"
	    " \"ai_summary\": {\"input\": \"full\"}}");
	assert_string_equal(s,
	    "unknown key \"keywords[1].wieght\" (did you mean "
	    "\"keywords[1].weight\"?)\n"
	    "E:keywords[1].fields[0]: \"titel\" is not a field (title, "
	    "abstract, authors, comment, categories) (did you mean "
	    "\"title\"?)\n"
	    "E:keywords[2]: no \"term\"\n"
	    "E:ai_summary.input: \"full\" is not an input kind (fulltext, "
	    "abstract)\n");
	free(s);
}

static void
test_trailing_garbage(void **state)
{
	struct config *c;
	char err[256];

	(void)state;
	c = load("{\"a\": \"}\"}\n  \n", err, sizeof(err));
	assert_non_null(c);
	config_free(c);
	assert_null(load("{\"a\": 1}\n}\n", err, sizeof(err)));
	assert_non_null(strstr(err, ": line 2: trailing garbage after the "
	    "JSON object"));
	assert_null(load("{\"a\": 1}{\"b\": 2}", err, sizeof(err)));
	assert_non_null(strstr(err, "trailing garbage"));
}

static void
test_daily_facts(void **state)
{
	struct buf out = { 0 };
	struct config *c;
	char err[256];

	(void)state;
	c = load("{\"categories\": [\"cs.AI\", \"cs.LGG\", \"stat.ML\"],"
	    " \"keep_data_days\": 3, \"readme_template\": \"T.md\","
	    " \"ai_summary\": {\"enabled\": true}}", err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(configcheck_daily(c, &out), 0);
	assert_string_equal(out.data, "categories cs.AI stat.ML\n"
	    "keep_data_days 3\nreadme_template T.md\nfulltext 1\n"
	    "api_key_env DASHSCOPE_API_KEY\n");
	buf_free(&out);
	config_free(c);
	c = load("{\"ai_summary\": {\"enabled\": true, \"input\": "
	    "\"abstract\", \"api_key_env\": \"MY_KEY\"}}", err, sizeof(err));
	assert_int_equal(configcheck_daily(c, &out), 0);
	assert_string_equal(out.data, "categories\nkeep_data_days 14\n"
	    "fulltext 0\napi_key_env MY_KEY\n");
	buf_free(&out);
	config_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bot_config_is_clean),
		cmocka_unit_test(test_unknown_keys_name_the_nearest),
		cmocka_unit_test(test_categories_from_the_taxonomy),
		cmocka_unit_test(test_values_and_blocks),
		cmocka_unit_test(test_trailing_garbage),
		cmocka_unit_test(test_daily_facts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
