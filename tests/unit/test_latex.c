#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "latex.h"

static size_t
end_at(const char *s, size_t i)
{
	struct latex_scan ls;

	latex_scan_init(&ls, s, strlen(s));
	return latex_math_end(&ls, i);
}

static void
test_inline(void **state)
{
	(void)state;
	assert_int_equal(end_at("a $x_1$ b", 2), 7);
	assert_int_equal(end_at("a $x_1$ b", 0), 0);
	/* An escaped dollar does not close. */
	assert_int_equal(end_at("$a\\$b$", 0), 6);
	/* No partner: ordinary text. */
	assert_int_equal(end_at("costs $5 only", 6), 0);
}

static void
test_display_and_delimiters(void **state)
{
	(void)state;
	assert_int_equal(end_at("$$a+b$$ c", 0), 7);
	assert_int_equal(end_at("\\(a\\) c", 0), 5);
	assert_int_equal(end_at("\\[a\\] c", 0), 5);
	assert_int_equal(end_at("\\(a c", 0), 0);
	assert_int_equal(end_at("\\textbf{x}", 0), 0);
}

static void
test_bounded(void **state)
{
	struct latex_scan ls;

	(void)state;
	/* The closer past n is not seen. */
	latex_scan_init(&ls, "$a$", 2);
	assert_int_equal(latex_math_end(&ls, 0), 0);
	assert_int_equal(latex_math_end(&ls, 5), 0);
}

static void
test_memo_many_openers(void **state)
{
	struct latex_scan ls;
	size_t n = 100000, i, found = 0;
	char *s = malloc(n + 2);

	(void)state;
	memset(s, '$', n);
	s[0] = 'x';
	s[n] = '\0';
	latex_scan_init(&ls, s, n);
	for (i = 0; i < n; i++)
		if (latex_math_end(&ls, i))
			found++;
	assert_true(found > 0);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inline),
		cmocka_unit_test(test_display_and_delimiters),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_memo_many_openers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
