#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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

/*
 * RFC 822 dates read the slow way, as an oracle for date_parse's fast
 * path: sscanf() and timegm(), for the zones the generator below uses.
 */
static int
rfc822_oracle(const char *s, time_t *t)
{
	static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	static const struct { const char *z; long off; } zones[] = {
		{ "", 0 }, { " GMT", 0 }, { " -0400", -14400 },
		{ " +05:30", 19800 },
	};
	struct tm tm = {0};
	char mon[4];
	int d, y, h, mi, sec = 0, n = 0, mo;
	size_t i;

	if (sscanf(s, "%d %3s %d %d:%d%n", &d, mon, &y, &h, &mi, &n) != 5)
		return -1;
	s += n;
	if (s[0] == ':') {
		if (!isdigit((unsigned char)s[1]) ||
		    !isdigit((unsigned char)s[2]))
			return -1;
		sec = (s[1] - '0') * 10 + s[2] - '0';
		s += 3;
	}
	for (mo = 0; mo < 12 && strcasecmp(mon, months[mo]) != 0; mo++)
		;
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (strcmp(s, zones[i].z) == 0)
			break;
	if (mo == 12 || i == sizeof(zones) / sizeof(zones[0]) || y < 1000 ||
	    d < 1 || d > 31 || h < 0 || h > 24 || mi < 0 || mi > 59 ||
	    sec > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*t = timegm(&tm) - zones[i].off;
	return 0;
}

static const char *
pick(unsigned long *seed, const char *const *v, size_t n)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return v[(*seed >> 33) % n];
}
#define PICK(a)	pick(&seed, a, sizeof(a) / sizeof(a[0]))

/* Dates near the common shape, each piece sometimes off by a little. */
static void
test_rfc822_matches_oracle(void **state)
{
	static const char *day[] = { "24", "4", "024", "+4", " 4", "x" };
	static const char *sep[] = { " ", " ", " ", "  ", "\t", "" };
	static const char *mon[] = { "Sep", "sep", "SEP", "Sept", "Se", "Foo",
	    "S1p" };
	static const char *year[] = { "2026", "1999", "20261", "999", "+2026",
	    "2o26" };
	static const char *tim[] = { "00:00", "08:58:05", "23:59:60",
	    "0:00", "00:000", "24:00", "12: 30", "12:3", "12:30:5" };
	static const char *zone[] = { "", " GMT", " -0400", " +05:30" };
	char s[128], out[DATE_LEN], slow[DATE_LEN];
	unsigned long seed = 99;
	struct tm tm;
	size_t ns;
	int nok = 0;
	time_t got, want;
	int i, rg, rw;

	(void)state;
	for (i = 0; i < 50000; i++) {
		snprintf(s, sizeof(s), "%s%s%s%s%s%s%s%s", PICK(day),
		    PICK(sep), PICK(mon), PICK(sep), PICK(year), PICK(sep),
		    PICK(tim), PICK(zone));
		rg = date_parse(s, &got);
		rw = rfc822_oracle(s, &want);
		if (s[0] == ' ' || s[strlen(s) - 1] == ' ')
			continue;	/* date_parse trims; the oracle not */
		if (rg != rw)
			fail_msg("%s: date_parse %d, oracle %d", s, rg, rw);
		if (rg != 0)
			continue;
		assert_true(got == want);
		nok++;
		/* date_format's figures are strftime()'s, its failures too. */
		gmtime_r(&got, &tm);
		ns = strftime(slow, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm);
		assert_int_equal(date_format(got, out, sizeof(out)),
		    ns ? 0 : -1);
		if (ns)
			assert_string_equal(out, slow);
	}
	assert_true(nok > 1000);	/* the common shape was tried */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc822),
		cmocka_unit_test(test_rfc3339),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_rfc822_matches_oracle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
