#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

static void
test_collapse(void **state)
{
	char s1[] = "  a\n\t b  \r\nc ";
	char s2[] = "x\xc2\xa0\xc2\xa0y";
	char s3[] = " \n ";
	char s4[] = "$\\alpha$  and \xc3\xa9";

	(void)state;
	assert_string_equal(text_collapse(s1), "a b c");
	assert_string_equal(text_collapse(s2), "x y");
	assert_string_equal(text_collapse(s3), "");
	assert_string_equal(text_collapse(s4), "$\\alpha$ and \xc3\xa9");
}

static void
test_utf8_valid(void **state)
{
	(void)state;
	assert_true(text_utf8_valid("plain", 5));
	assert_true(text_utf8_valid("\xc3\xa9\xf0\x9d\x90\xb7", 6));
	assert_false(text_utf8_valid("\xff", 1));
	assert_false(text_utf8_valid("\xc0\xaf", 2));		/* overlong */
	assert_false(text_utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_false(text_utf8_valid("\xe2\x82", 2));		/* truncated */
	assert_false(text_utf8_valid("a\0b", 3));		/* NUL */
}

static void
test_utf8_repair(void **state)
{
	size_t bad;
	char *s;

	(void)state;
	s = text_utf8_repair("a\xffz\xc3\xa9", 5, &bad);
	assert_string_equal(s, "a\xef\xbf\xbdz\xc3\xa9");
	assert_int_equal(bad, 1);
	free(s);
	s = text_utf8_repair("ok", 2, &bad);
	assert_string_equal(s, "ok");
	assert_int_equal(bad, 0);
	free(s);
}

static void
test_truncate_on_char_boundary(void **state)
{
	char *s;
	int cut;

	(void)state;
	s = text_truncate("abc", 10, &cut);
	assert_string_equal(s, "abc");
	assert_false(cut);
	free(s);
	/* "é" is two bytes: cutting at 2 must not split it. */
	s = text_truncate("a\xc3\xa9z", 2, &cut);
	assert_string_equal(s, "a");
	assert_true(cut);
	free(s);
}

/* The obvious collapse, as an oracle for the fast one. */
static void
collapse_slow(char *s)
{
	char *r = s, *w = s;
	int space = 0;

	while (*r) {
		int n = 0;

		if (strchr(" \t\n\r\f\v", *r))
			n = 1;
		else if (r[0] == '\xc2' && r[1] == '\xa0')
			n = 2;
		if (n) {
			space = 1;
			r += n;
			continue;
		}
		if (space && w != s)
			*w++ = ' ';
		space = 0;
		*w++ = *r++;
	}
	*w = '\0';
}

static void
test_collapse_matches_oracle(void **state)
{
	static const char alphabet[] = " \t\n\r\f\v\xc2\xa0\x01" "ab.";
	char a[64], b[64];
	unsigned long seed = 12345;
	int i, j, n;

	(void)state;
	for (i = 0; i < 200000; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		n = (int)(seed >> 59) + 1;
		for (j = 0; j < n; j++) {
			seed = seed * 6364136223846793005UL + 1UL;
			a[j] = alphabet[(seed >> 33) % (sizeof(alphabet) - 1)];
		}
		a[n] = '\0';
		memcpy(b, a, (size_t)n + 1);
		collapse_slow(b);
		assert_string_equal(text_collapse(a), b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collapse),
		cmocka_unit_test(test_collapse_matches_oracle),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_repair),
		cmocka_unit_test(test_truncate_on_char_boundary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
