#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cmocka.h>

#include "date.h"
#include "retry.h"

static void
test_status(void **state)
{
	(void)state;
	assert_true(retry_status(429));
	assert_true(retry_status(500));
	assert_true(retry_status(502));
	assert_true(retry_status(503));
	assert_true(retry_status(504));
	assert_false(retry_status(501));
	assert_false(retry_status(505));
	assert_false(retry_status(200));
	assert_false(retry_status(304));
	assert_false(retry_status(400));
	assert_false(retry_status(404));
}

static void
test_backoff(void **state)
{
	(void)state;
	/* Equal jitter: between half and all of base * 2^attempt. */
	assert_float_equal(retry_backoff(0, 1, 60, 0), 0.5, 1e-9);
	assert_float_equal(retry_backoff(0, 1, 60, 0.999999), 1.0, 1e-5);
	assert_float_equal(retry_backoff(1, 1, 60, 0), 1.0, 1e-9);
	assert_float_equal(retry_backoff(3, 1, 60, 0.5), 6.0, 1e-9);
	/* Capped, also for absurd attempts. */
	assert_float_equal(retry_backoff(10, 1, 60, 0), 30.0, 1e-9);
	assert_float_equal(retry_backoff(1000, 1, 60, 1), 60.0, 1e-9);
	assert_float_equal(retry_backoff(-1, 1, 60, 0), 0.5, 1e-9);
	assert_float_equal(retry_backoff(2, 1, 60, 7), 4.0, 1e-9);
}

static void
test_retry_after(void **state)
{
	time_t now;
	double s;

	(void)state;
	assert_int_equal(date_parse("2015-10-21T07:28:00Z", &now), 0);
	assert_int_equal(retry_after_parse("120", now, &s), 0);
	assert_float_equal(s, 120, 1e-9);
	assert_int_equal(retry_after_parse(" 0 ", now, &s), 0);
	assert_float_equal(s, 0, 1e-9);
	assert_int_equal(retry_after_parse("Wed, 21 Oct 2015 07:30:00 GMT", now,
	    &s), 0);
	assert_float_equal(s, 120, 1e-9);
	/* A date in the past means now. */
	assert_int_equal(retry_after_parse("Wed, 21 Oct 2015 07:00:00 GMT", now,
	    &s), 0);
	assert_float_equal(s, 0, 1e-9);
	assert_int_equal(retry_after_parse("soon", now, &s), -1);
	assert_int_equal(retry_after_parse("", now, &s), -1);
	assert_int_equal(retry_after_parse("12abc", now, &s), -1);
	assert_int_equal(retry_after_parse("-5", now, &s), -1);
	assert_int_equal(retry_after_parse("99999999999999999999", now, &s), 0);
	assert_true(s >= 1e9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_backoff),
		cmocka_unit_test(test_retry_after),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
