#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "prog.h"

static void
test_size_suffixes(void **state)
{
	char err[128];
	size_t v;

	(void)state;
	assert_int_equal(prog_parse_size("0", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 0);
	assert_int_equal(prog_parse_size("100", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 100);
	assert_int_equal(prog_parse_size("64K", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 64 * 1024);
	assert_int_equal(prog_parse_size("1m", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 1024 * 1024);
	assert_int_equal(prog_parse_size("2G", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 2ULL << 30);
}

static void
test_size_rejects(void **state)
{
	static const char *bad[] = {
		"", "lots", "K", "-1", "+1", " 1", "1 ", "1KB", "1T", "1.5M",
		"0x10", "99999999999999999999", "18446744073709551616",
		"17179869184G",
	};
	char err[128];
	size_t i, v = 7;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(prog_parse_size(bad[i], 0, &v, err,
		    sizeof(err)), -1);
		assert_true(strncmp(err, "not a size: ", 12) == 0);
		assert_string_equal(err + 12, bad[i]);
	}
	assert_int_equal(v, 7);
}

static void
test_size_min(void **state)
{
	char err[128];
	size_t v = 7;

	(void)state;
	assert_int_equal(prog_parse_size("0", 1, &v, err, sizeof(err)), -1);
	assert_string_equal(err, "must be at least 1");
	assert_int_equal(prog_parse_size("0K", 1, &v, err, sizeof(err)), -1);
	assert_int_equal(v, 7);
	assert_int_equal(prog_parse_size("1", 1, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 1);
}

static void
test_count(void **state)
{
	static const char *bad[] = {
		"", "x", "1K", "1k", "-1", "+1", " 1", "1.0", "1e3",
		"1000000001", "99999999999999999999999",
	};
	char err[128];
	size_t i;
	long v;

	(void)state;
	assert_int_equal(prog_parse_count("0", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 0);
	assert_int_equal(prog_parse_count("15", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 15);
	assert_int_equal(prog_parse_count("1000000000", 0, &v, err,
	    sizeof(err)), 0);
	assert_int_equal(v, PROG_COUNT_MAX);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(prog_parse_count(bad[i], 0, &v, err,
		    sizeof(err)), -1);
		assert_true(strncmp(err, "not a count: ", 13) == 0);
		assert_string_equal(err + 13, bad[i]);
	}
	assert_int_equal(prog_parse_count("0", 1, &v, err, sizeof(err)), -1);
	assert_string_equal(err, "must be at least 1");
}

/* The exiting wrappers on good input. */
static void
test_wrappers(void **state)
{
	(void)state;
	assert_int_equal(prog_size_arg("--max-size", "1K"), 1024);
	assert_int_equal(prog_size_arg_min("--max-size", "3", 1), 3);
	assert_int_equal(prog_count_arg("--max", "30000", 0), 30000);
	assert_int_equal(prog_max_record_arg("64K"), 65536);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size_suffixes),
		cmocka_unit_test(test_size_rejects),
		cmocka_unit_test(test_size_min),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_wrappers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
