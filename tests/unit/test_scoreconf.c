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
#include "config.h"
#include "scoreconf.h"

/* Load text as a config and read score's keys: 0, or -1 with err. */
static int
load(const char *text, struct scoreconf *sc, char *err, size_t errlen)
{
	char path[64];
	struct config *c;
	int fd, rc;

	assert_true((fd = test_mkstemp(path, sizeof(path), "test_scoreconf")) >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	c = config_load(path, err, errlen);
	unlink(path);
	assert_non_null(c);
	rc = scoreconf_load(sc, c, err, errlen);
	config_free(c);
	return rc;
}

static void
test_bot_config(void **state)
{
	struct scoreconf sc;
	char err[256];

	(void)state;
	assert_int_equal(load("{\"categories\":[\"cs.AI\"],\"keywords\":"
	    "[\"LLM\",\"RL\"],\"exclude_keywords\":[\"survey\"],\"max_papers\":"
	    "30,\"days_back\":7,\"min_score\":2.5,\"enable_deduplication\":"
	    "true,\"deduplication_methods\":[\"id\",\"title\"],"
	    "\"fetch_ratings\":true,\"display_limit\":500,\"ai_summary\":{}}",
	    &sc, err, sizeof(err)), 0);
	assert_true(sc.rules);
	assert_int_equal(sc.nkeywords, 2);
	assert_string_equal(sc.keywords[1].term, "RL");
	assert_true(sc.keywords[0].weight == 1);
	assert_int_equal(sc.keywords[0].fields,
	    SCORE_F_TITLE | SCORE_F_ABSTRACT);
	assert_int_equal(sc.nexcludes, 1);
	assert_int_equal(sc.max_papers, 30);
	assert_true(sc.days_back == 7);
	assert_true(sc.has_min_score && sc.min_score == 2.5);
	assert_true(sc.dedup && sc.dedup_id && sc.dedup_title);
	assert_false(sc.dedup_link);
	assert_int_equal(sc.nannounce, 1);
	assert_string_equal(sc.announce[0], "new");
	assert_true(sc.title_bonus == 0.5);
	scoreconf_free(&sc);
}

static void
test_extensions(void **state)
{
	struct scoreconf sc;
	char err[256];

	(void)state;
	assert_int_equal(load("{\"keywords\":[{\"term\":\"spec dec\",\"weight\":"
	    "2,\"fields\":[\"title\",\"comment\"],\"regex\":false},{\"term\":"
	    "\"x+\",\"regex\":true}],\"authors\":[\"A B\",{\"name\":\"C\","
	    "\"weight\":1.5}],\"announce_types\":[\"new\",\"cross\"],"
	    "\"title_bonus\":1}", &sc, err, sizeof(err)), 0);
	assert_true(sc.keywords[0].weight == 2);
	assert_int_equal(sc.keywords[0].fields, SCORE_F_TITLE |
	    SCORE_F_COMMENT);
	assert_true(sc.keywords[1].regex);
	assert_int_equal(sc.nauthors, 2);
	assert_true(sc.authors[0].weight == 3);
	assert_true(sc.authors[1].weight == 1.5);
	assert_int_equal(sc.authors[1].fields, SCORE_F_AUTHORS);
	assert_int_equal(sc.nannounce, 2);
	assert_int_equal(sc.max_papers, -1);
	assert_true(sc.dedup_link);
	assert_string_equal(scoreconf_field_name(SCORE_F_COMMENT), "comment");
	scoreconf_free(&sc);
}

static void
test_errors(void **state)
{
	static const struct {
		const char *text, *err;
	} cases[] = {
		{ "{\"keywords\":\"LLM\"}", "keywords: expected an array" },
		{ "{\"keywords\":[1]}",
		    "keywords[0]: expected a string or an object" },
		{ "{\"keywords\":[{\"weight\":1}]}",
		    "keywords[0]: term: expected a string" },
		{ "{\"keywords\":[{\"term\":\"a\",\"fields\":[]}]}",
		    "keywords[0]: fields: empty" },
		{ "{\"authors\":[{\"name\":\"a\",\"weight\":\"x\"}]}",
		    "authors[0]: weight: expected a number" },
		{ "{\"max_papers\":-3}", "max_papers: expected a number >= 0" },
		{ "{\"max_papers\":-1}", "max_papers: expected a number >= 0" },
		{ "{\"days_back\":-1}", "days_back: expected a number >= 0" },
		{ "{\"max_papers\":2.5}", "max_papers: expected a whole number" },
		{ "{\"deduplication_methods\":[\"doi\"]}",
		    "deduplication_methods: unknown method \"doi\" (id, title, "
		    "link)" },
		{ "{\"enable_deduplication\":1}",
		    "enable_deduplication: expected true or false" },
	};
	struct scoreconf sc;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(load(cases[i].text, &sc, err, sizeof(err)), -1);
		assert_string_equal(err, cases[i].err);
		scoreconf_free(&sc);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bot_config),
		cmocka_unit_test(test_extensions),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
