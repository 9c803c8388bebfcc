#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "strmap.h"

static void
sum(const char *key, size_t n, long v, void *arg)
{
	(void)key;
	(void)n;
	*(long *)arg += v;
}

static void
test_slots(void **state)
{
	struct strmap *m = strmap_new();
	char key[32];
	long *v, total = 0;
	int found, i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		v = strmap_slot(m, key, strlen(key), &found);
		assert_non_null(v);
		assert_false(found);
		*v = i;
	}
	v = strmap_slot(m, "k42", 3, &found);
	assert_true(found);
	assert_int_equal(*v, 42);
	assert_int_equal(*strmap_get(m, "k9999", 5), 9999);
	assert_null(strmap_get(m, "k10000", 6));
	assert_non_null(strmap_slot(m, "a\0b", 3, &found));
	assert_false(found);
	assert_null(strmap_get(m, "a", 1));
	assert_int_equal(strmap_count(m), 10001);
	strmap_each(m, sum, &total);
	assert_int_equal(total, 9999L * 10000 / 2);
	strmap_free(m);
	strmap_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slots),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
