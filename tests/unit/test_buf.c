#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

static void
test_add_and_format(void **state)
{
	struct buf b = {0};

	(void)state;
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(buf_adds(&b, "abc"), 0);
	assert_int_equal(buf_addc(&b, '-'), 0);
	assert_int_equal(buf_addf(&b, "%d/%s", 42, "x"), 0);
	assert_string_equal(buf_str(&b), "abc-42/x");
	assert_int_equal(b.len, 8);
	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
}

static void
test_cap_refuses_and_keeps(void **state)
{
	struct buf b = {0};

	(void)state;
	b.max = 5;
	assert_int_equal(buf_adds(&b, "12345"), 0);
	assert_int_equal(buf_adds(&b, "6"), -1);
	assert_string_equal(buf_str(&b), "12345");
	buf_free(&b);
}

static void
test_grows_large(void **state)
{
	struct buf b = {0};
	char chunk[1000];
	int i;

	(void)state;
	memset(chunk, 'x', sizeof(chunk));
	for (i = 0; i < 1000; i++)
		assert_int_equal(buf_add(&b, chunk, sizeof(chunk)), 0);
	assert_int_equal(b.len, 1000000);
	assert_int_equal(strlen(buf_str(&b)), 1000000);
	buf_free(&b);
}

static void
test_take(void **state)
{
	struct buf b = {0};
	char *s;

	(void)state;
	s = buf_take(&b);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(buf_adds(&b, "kept"), 0);
	s = buf_take(&b);
	assert_string_equal(s, "kept");
	assert_null(b.data);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_format),
		cmocka_unit_test(test_cap_refuses_and_keeps),
		cmocka_unit_test(test_grows_large),
		cmocka_unit_test(test_take),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
