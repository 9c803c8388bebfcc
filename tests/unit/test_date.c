#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"

static void
expect(const char *in, const char *want)
{
	char *got = date_normalise(in);

	if (want == NULL) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_rfc822(void **state)
{
	(void)state;
	expect("Thu, 24 Sep 2026 00:00:00 -0400", "2026-09-24T04:00:00Z");
	expect("Mon, 27 Apr 2026 04:00:00 +0000", "2026-04-27T04:00:00Z");
	expect("24 Sep 2026 08:58:05 GMT", "2026-09-24T08:58:05Z");
	expect("Sun, 29 Mar 2026 00:00:00 -0400", "2026-03-29T04:00:00Z");
}

static void
test_rfc3339(void **state)
{
	(void)state;
	expect("2016-10-09T00:00:00-04:00", "2016-10-09T04:00:00Z");
	expect("2026-04-12T22:09:27Z", "2026-04-12T22:09:27Z");
	expect("2025-11-23T05:00:04.556492+00:00", "2025-11-23T05:00:04Z");
	expect("2014-01-16", "2014-01-16T00:00:00Z");
	expect(" 2000-02-29T12:00:00Z\n", "2000-02-29T12:00:00Z");
}

static void
test_rejects(void **state)
{
	(void)state;
	expect("", NULL);
	expect("yesterday", NULL);
	expect("2026-13-01", NULL);
	expect("Thu, 24 Foo 2026 00:00:00 GMT", NULL);
	expect("2026-01-01T10:00:00+bogus", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc822),
		cmocka_unit_test(test_rfc3339),
		cmocka_unit_test(test_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
