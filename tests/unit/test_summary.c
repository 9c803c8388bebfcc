#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "summary.h"

/* Split text and compare the sentences with want (NULL-terminated). */
static void
check_split(const char *text, const char **want)
{
	struct summary_span *sp;
	size_t n, i;

	assert_int_equal(summary_split(text, &sp, &n), 0);
	for (i = 0; want[i] != NULL; i++) {
		assert_true(i < n);
		assert_int_equal(sp[i].len, strlen(want[i]));
		assert_memory_equal(text + sp[i].off, want[i], sp[i].len);
	}
	assert_int_equal(n, i);
	free(sp);
}

static void
test_split_plain(void **state)
{
	const char *want[] = { "One thing.", "Two things!", "Three?",
	    NULL };

	(void)state;
	check_split("  One thing.  Two things! Three?  ", want);
}

static void
test_split_abbreviations(void **state)
{
	const char *want[] = {
	    "Models, e.g. GPT-4 and i.e. BERT, et al. Smith et al. (2020) "
	    "agree.",
	    "See Fig. 3 and Eq. 2 vs. Sec. 4.",
	    "J. R. R. Tolkien wrote it in the U.S. Army.",
	    "Done.", NULL };

	(void)state;
	check_split("Models, e.g. GPT-4 and i.e. BERT, et al. Smith et al. "
	    "(2020) agree. See Fig. 3 and Eq. 2 vs. Sec. 4. J. R. R. "
	    "Tolkien wrote it in the U.S. Army. Done.", want);
}

static void
test_split_numbers_and_math(void **state)
{
	const char *want[] = {
	    "We get 3.5x and 0.25 of $O(n^{1.5}). Then$ more.",
	    "Also \\(a. B\\) and \\[x. Y\\] stay.",
	    "A stray $ sign.", "Splits.", NULL };

	(void)state;
	/* The last "$" has no partner: it is text, not math. */
	check_split("We get 3.5x and 0.25 of $O(n^{1.5}). Then$ more. Also "
	    "\\(a. B\\) and \\[x. Y\\] stay. A stray $ sign. Splits.", want);
}

static void
test_split_quotes_and_lowercase(void **state)
{
	const char *want[] = { "He said \"stop.\"", "(It did.)",
	    "Wait... it went on, then stopped.", "Really?!", "Yes.",
	    NULL };

	(void)state;
	check_split("He said \"stop.\" (It did.) Wait... it went on, then "
	    "stopped. Really?! Yes.", want);
}

static void
test_split_empty(void **state)
{
	struct summary_span *sp;
	size_t n;

	(void)state;
	assert_int_equal(summary_split("", &sp, &n), 0);
	assert_int_equal(n, 0);
	assert_null(sp);
	assert_int_equal(summary_split(" \t\n ", &sp, &n), 0);
	assert_int_equal(n, 0);
	free(sp);
}

static const char *abstract =
	"Large language models are expensive to serve. "
	"Serving systems batch requests to use accelerators well. "
	"We propose FastServe, a serving system that schedules requests "
	"by their expected length. "
	"The weather was nice during the experiments. "
	"FastServe cuts serving latency by 40% compared with vLLM on "
	"real traces. "
	"Code is available at https://github.com/example/fastserve.";

static void
test_extract_picks_informative(void **state)
{
	struct summary_opts o = { 2, 0 };
	char *s;

	(void)state;
	s = summary_extract("FastServe: Fast Serving for LLMs", abstract, &o,
	    NULL, 0);
	assert_non_null(s);
	assert_string_equal(s, "We propose FastServe, a serving system that "
	    "schedules requests by their expected length. FastServe cuts "
	    "serving latency by 40% compared with vLLM on real traces.");
	free(s);
}

static void
test_extract_deterministic_and_ordered(void **state)
{
	struct summary_opts o = { 3, 0 };
	char *a, *b;
	const char *p1, *p2;

	(void)state;
	a = summary_extract(NULL, abstract, &o, NULL, 0);
	b = summary_extract(NULL, abstract, &o, NULL, 0);
	assert_string_equal(a, b);
	/* Sentences keep their order in the abstract. */
	p1 = strstr(a, "We propose");
	p2 = strstr(a, "FastServe cuts");
	assert_non_null(p1);
	assert_non_null(p2);
	assert_true(p1 < p2);
	assert_null(strstr(a, "github"));
	free(a);
	free(b);
}

static void
test_extract_short_abstract(void **state)
{
	char *s;

	(void)state;
	s = summary_extract("T", "  Only   one\nsentence here  ", NULL, NULL,
	    0);
	assert_string_equal(s, "Only one sentence here");
	free(s);
	s = summary_extract("T", "", NULL, NULL, 0);
	assert_string_equal(s, "");
	free(s);
}

static void
test_extract_max_chars(void **state)
{
	struct summary_opts o = { 3, 60 };
	char *s;

	(void)state;
	s = summary_extract(NULL, abstract, &o, NULL, 0);
	assert_true(strlen(s) <= 60);
	assert_true(strlen(s) > 0);
	free(s);
	/* Nothing fits: the best sentence is cut at a word, with "...". */
	o.max_chars = 20;
	s = summary_extract("FastServe", abstract, &o, NULL, 0);
	assert_string_equal(s, "We propose...");
	free(s);
}

static void
test_extract_utf8_cut(void **state)
{
	struct summary_opts o = { 1, 7 };
	char *s;

	(void)state;
	/* Ten two-byte characters, no space: a hard cut on a character. */
	s = summary_extract(NULL, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9.", &o, NULL, 0);
	assert_string_equal(s, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...");
	free(s);
}

static void
test_long_pathological(void **state)
{
	size_t n = 200000, i;
	char *text = malloc(n + 1), *s;
	struct summary_opts o = { 3, 0 };

	(void)state;
	/* Unclosed math openers and runs of periods stay linear. */
	for (i = 0; i < n; i++)
		text[i] = "\\($. .."[i % 7];
	text[n] = '\0';
	s = summary_extract("t", text, &o, NULL, 0);
	assert_non_null(s);
	free(s);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_plain),
		cmocka_unit_test(test_split_abbreviations),
		cmocka_unit_test(test_split_numbers_and_math),
		cmocka_unit_test(test_split_quotes_and_lowercase),
		cmocka_unit_test(test_split_empty),
		cmocka_unit_test(test_extract_picks_informative),
		cmocka_unit_test(test_extract_deterministic_and_ordered),
		cmocka_unit_test(test_extract_short_abstract),
		cmocka_unit_test(test_extract_max_chars),
		cmocka_unit_test(test_extract_utf8_cut),
		cmocka_unit_test(test_long_pathological),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
