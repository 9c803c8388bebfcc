#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "match.h"

/* How many times term occurs in text (one segment). */
static unsigned
count(const char *term, int regex, const char *text)
{
	struct match_set *m = match_set_new();
	struct match_text t = {0};
	unsigned c[1] = {0};
	char err[256];

	assert_non_null(m);
	assert_int_equal(match_set_add(m, term, regex, err, sizeof(err)), 0);
	assert_int_equal(match_text_add(m, &t, text, strlen(text)), 0);
	assert_int_equal(match_count(m, &t, c, err, sizeof(err)), 0);
	match_text_free(&t);
	match_set_free(m);
	return c[0];
}

static void
test_whole_words(void **state)
{
	(void)state;
	assert_int_equal(count("RL", 0, "deep RL and RL-based agents"), 2);
	assert_int_equal(count("RL", 0, "the world of URL"), 0);
	assert_int_equal(count("rl", 0, "Deep rl"), 1);
	assert_int_equal(count("LLM", 0, "LLMs and an LLM"), 2);
	assert_int_equal(count("query", 0, "queries"), 1);
	assert_int_equal(count("class", 0, "classes"), 1);
	assert_int_equal(count("LLM", 0, "LLMes-like"), 1);
	assert_int_equal(count("LLMs", 0, "LLM"), 0);
	assert_int_equal(count("FP8", 0, "FP8 training, fp8"), 2);
}

static void
test_prefix_phrase(void **state)
{
	(void)state;
	assert_int_equal(count("optim*", 0, "optimizer optimal Optimization"),
	    3);
	assert_int_equal(count("optim*", 0, "suboptimal"), 0);
	assert_int_equal(count("mixture of experts", 0,
	    "a Mixture-of-Experts and mixture  of experts"), 2);
	assert_int_equal(count("mixture of experts", 0,
	    "mixture of. experts"), 0);
	assert_int_equal(count("large language model*", 0,
	    "large language modelling"), 1);
	assert_int_equal(count("language model", 0,
	    "language models"), 1);
	assert_int_equal(count("speculative decoding", 0,
	    "speculative"), 0);
}

static void
test_unicode_latex(void **state)
{
	(void)state;
	assert_int_equal(count("K{\\\"a}hler", 0, "K\u00e4hler manifolds"), 1);
	assert_int_equal(count("K\u00e4hler", 0, "K{\\\"a}hler and K\\\"ahler"),
	    2);
	assert_int_equal(count("\u00e9tale", 0, "\u00c9TALE cohomology"), 1);
	assert_int_equal(count("\u0394", 0, "a \u03b4 b"), 1);
}

static void
test_literal_and_regex(void **state)
{
	struct match_set *m = match_set_new();
	char err[256];

	(void)state;
	assert_int_equal(count("C++", 0, "C++ and c++, not xC++"), 2);
	assert_int_equal(count("cs.LG", 0, "cs.LG cs.LGX"), 1);
	assert_int_equal(count("optimi[sz]e", 1, "optimise optimize"), 2);
	assert_int_equal(count("a*", 1, "bab"), 4);
	assert_int_equal(match_set_add(m, "(x", 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "bad regular expression at offset 2"));
	assert_int_equal(match_set_add(m, "  ", 0, err, sizeof(err)), -1);
	assert_string_equal(err, "empty term");
	assert_int_equal(match_set_add(m, "--", 0, err, sizeof(err)), -1);
	assert_int_equal(match_set_size(m), 0);
	match_set_free(m);
}

static void
test_segments(void **state)
{
	struct match_set *m = match_set_new();
	struct match_text t = {0};
	unsigned c[2] = {0, 0};
	char err[256];

	(void)state;
	assert_int_equal(match_set_add(m, "Yann LeCun", 0, err, sizeof(err)),
	    0);
	assert_int_equal(match_set_add(m, "Yann.*LeCun", 1, err, sizeof(err)), 1);
	assert_int_equal(match_text_add(m, &t, "Ann Yann", 8), 0);
	assert_int_equal(match_text_add(m, &t, "LeCun Jo", 8), 0);
	assert_int_equal(match_count(m, &t, c, err, sizeof(err)), 0);
	assert_int_equal(c[0], 0);	/* not across two authors */
	assert_int_equal(c[1], 0);
	match_text_reset(&t);
	assert_int_equal(match_text_add(m, &t, "Yann LeCun", 10), 0);
	assert_int_equal(match_count(m, &t, c, err, sizeof(err)), 0);
	assert_int_equal(c[0], 1);
	match_text_free(&t);
	match_set_free(m);
}
/*
 * A regex that backtracks catastrophically hits the match limit on a
 * long text: it counts nothing there (1, err names it), the other terms
 * are counted, and a short text still matches.
 */
static void
test_regex_limits(void **state)
{
	struct match_set *m = match_set_new();
	struct match_text t = {0};
	static const char *bad[] = { "(a+)+$", "(\\w+\\s*)*networkz" };
	unsigned c[3];
	char err[256], *text;
	size_t i, n = 3000;

	(void)state;
	text = malloc(n + 16);
	for (i = 0; i < n; i++)
		text[i] = (i > n / 2 && i % 7 == 6) ? ' ' : 'a';
	/* A 'z' somewhere, or PCRE2 sees "networkz" cannot match. */
	memcpy(text + n, " networks z!", 13);
	for (i = 0; i < 2; i++) {
		m = m ? m : match_set_new();
		assert_int_equal(match_set_add(m, bad[i], 1, err, sizeof(err)), 0);
		assert_int_equal(match_set_add(m, "networks", 0, err,
		    sizeof(err)), 1);
		match_text_reset(&t);
		assert_int_equal(match_text_add(m, &t, text, strlen(text)), 0);
		memset(c, 0, sizeof(c));
		err[0] = '\0';
		assert_int_equal(match_count(m, &t, c, err, sizeof(err)), 1);
		assert_int_equal(c[0], 0);
		assert_int_equal(c[1], 1);
		assert_non_null(strstr(err, "regex \""));
		assert_non_null(strstr(err, bad[i]));
		assert_non_null(strstr(err, "limit"));
		/* The same set on a short text: counted as usual. */
		match_text_reset(&t);
		assert_int_equal(match_text_add(m, &t, "aaa networkz", 12), 0);
		memset(c, 0, sizeof(c));
		assert_int_equal(match_count(m, &t, c, err, sizeof(err)), 0);
		assert_int_equal(c[0], i == 1 ? 1 : 0);
		match_set_free(m);
		m = NULL;
	}
	match_text_free(&t);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_words),
		cmocka_unit_test(test_prefix_phrase),
		cmocka_unit_test(test_unicode_latex),
		cmocka_unit_test(test_literal_and_regex),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_regex_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
