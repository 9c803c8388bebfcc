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
test_utf8_decode(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(text_utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(text_utf8_decode("", 1, &cp), 1);	/* NUL */
	assert_int_equal(cp, 0);
	assert_int_equal(text_utf8_decode("\xe2\x82\xac", 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(text_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(text_utf8_decode("\xef\xbf\xbd", 3, &cp), 3);
	assert_int_equal(cp, 0xfffd);
	/* Bad input: U+FFFD of length 1. */
	assert_int_equal(text_utf8_decode("\xe2\x82", 2, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(text_utf8_decode("\xe2\x82\xac", 2, &cp), 1);
	assert_int_equal(text_utf8_decode("\xed\xa0\x80", 3, &cp), 1);
	assert_int_equal(text_utf8_decode("\xc0\xaf", 2, &cp), 1);
	assert_int_equal(text_utf8_decode("\xe0\x80\xaf", 3, &cp), 1);
	assert_int_equal(text_utf8_decode("\xf4\x90\x80\x80", 4, &cp), 1);
	assert_int_equal(text_utf8_decode("\x80", 1, &cp), 1);
	assert_int_equal(text_utf8_decode("\xff", 1, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(text_utf8_decode("\xc3(", 2, &cp), 1);
}

/* Every code point survives encode then decode; UTF-8 cannot hold some. */
static void
test_utf8_encode_round_trip(void **state)
{
	char out[TEXT_UTF8_MAX];
	uint32_t cp, back;
	size_t n;

	(void)state;
	for (cp = 0; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		n = text_utf8_encode(cp, out);
		assert_int_equal(n, cp < 0x80 ? 1 : cp < 0x800 ? 2 :
		    cp < 0x10000 ? 3 : 4);
		assert_int_equal(text_utf8_decode(out, n, &back), n);
		assert_int_equal(back, cp);
	}
	assert_int_equal(text_utf8_encode(0xd800, out), 3);
	assert_memory_equal(out, "\xef\xbf\xbd", 3);
	assert_int_equal(text_utf8_encode(0x110000, out), 3);
	assert_memory_equal(out, "\xef\xbf\xbd", 3);
}

/* Whether some continuation bytes complete the n bytes at s. */
static int
completable(const unsigned char *s, size_t n, size_t len)
{
	unsigned char t[4];
	uint32_t cp;
	unsigned a, b;

	memcpy(t, s, n);
	for (a = 0x80; a <= 0xbf; a++)
		for (b = 0x80; b <= 0xbf; b++) {
			t[n] = (unsigned char)a;
			if (n + 2 <= len)
				t[n + 1] = (unsigned char)b;
			if (n + 2 < len)
				t[n + 2] = 0x80;
			if (text_utf8_decode((char *)t, len, &cp) == len)
				return 1;
			if (n + 1 == len)
				break;
		}
	return 0;
}

static void
test_utf8_partial(void **state)
{
	unsigned char s[3];
	unsigned lead, b1, b2;
	size_t len;

	(void)state;
	assert_false(text_utf8_partial("", 0));
	assert_false(text_utf8_partial("a", 1));
	assert_false(text_utf8_partial("\xc3\xa9", 2));	/* complete */
	assert_true(text_utf8_partial("\xc3", 1));
	assert_true(text_utf8_partial("\xe2\x82", 2));
	assert_true(text_utf8_partial("\xf0\x9f\x98", 3));
	assert_false(text_utf8_partial("\xe2(", 2));
	assert_false(text_utf8_partial("\xed\xa0", 2));	/* surrogate */
	assert_false(text_utf8_partial("\xf4\x90", 2));	/* > U+10FFFF */
	/* Against the brute force, for every lead and first bytes. */
	for (lead = 0xc2; lead <= 0xf4; lead++) {
		len = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
		s[0] = (unsigned char)lead;
		assert_int_equal(text_utf8_partial((char *)s, 1),
		    completable(s, 1, len));
		for (b1 = 0x70; len > 2 && b1 <= 0xc0; b1++) {
			s[1] = (unsigned char)b1;
			assert_int_equal(text_utf8_partial((char *)s, 2),
			    completable(s, 2, len));
			for (b2 = 0x70; len > 3 && b2 <= 0xc0; b2 += 0x10) {
				s[2] = (unsigned char)b2;
				assert_int_equal(text_utf8_partial((char *)s,
				    3), completable(s, 3, len));
			}
		}
	}
}

static void
test_utf8_chars_and_prefix(void **state)
{
	const char *s = "a\xc3\xa9\xe2\x82\xac!";	/* a é € ! */

	(void)state;
	assert_int_equal(text_utf8_chars(s, 7), 4);
	assert_int_equal(text_utf8_chars("", 0), 0);
	assert_int_equal(text_utf8_prefix(s, 7, 0), 0);
	assert_int_equal(text_utf8_prefix(s, 7, 1), 1);
	assert_int_equal(text_utf8_prefix(s, 7, 2), 3);
	assert_int_equal(text_utf8_prefix(s, 7, 3), 6);
	assert_int_equal(text_utf8_prefix(s, 7, 4), 7);
	assert_int_equal(text_utf8_prefix(s, 7, 99), 7);
}

static void
test_trim(void **state)
{
	const char *s = " \t\r\n\v\fa b\n ", *t;
	size_t n = strlen(s);

	(void)state;
	t = s;
	text_trim(&t, &n);
	assert_int_equal(n, 3);
	assert_memory_equal(t, "a b", 3);
	t = "   ";
	n = 3;
	text_trim(&t, &n);
	assert_int_equal(n, 0);
	t = "\xc2\xa0x";		/* only ASCII white space goes */
	n = 3;
	text_trim(&t, &n);
	assert_int_equal(n, 3);
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
	/*
	 * Mostly white space, then mostly words: the second reaches the
	 * eight-byte steps, with single spaces at every offset of a word.
	 */
	static const char *alphabets[] = {
		" \t\n\r\f\v\xc2\xa0\x01" "ab.",
		"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ .,;:()[] \xc3\xa9 \xc2",
	};
	const char *alphabet;
	char a[160], b[160];
	unsigned long seed = 12345;
	int i, j, n;
	size_t na;

	(void)state;
	for (i = 0; i < 400000; i++) {
		alphabet = alphabets[i & 1];
		na = strlen(alphabet);
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		n = (int)(seed >> 57) + 1;	/* several windows of 31 */
		for (j = 0; j < n; j++) {
			seed = seed * 6364136223846793005UL + 1UL;
			a[j] = alphabet[(seed >> 33) % na];
			/* Now and then white space of the first alphabet. */
			if (i & 1 && (seed >> 20) % 23 == 0)
				a[j] = " \t\n"[(seed >> 40) % 3];
		}
		a[n] = '\0';
		memcpy(b, a, (size_t)n + 1);
		collapse_slow(b);
		if (i & 2)
			assert_string_equal(text_collapse(a), b);
		else
			assert_int_equal(text_collapse_len(a, strlen(a)),
			    strlen(b));
		assert_string_equal(a, b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collapse),
		cmocka_unit_test(test_collapse_matches_oracle),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_utf8_encode_round_trip),
		cmocka_unit_test(test_utf8_partial),
		cmocka_unit_test(test_utf8_chars_and_prefix),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_utf8_repair),
		cmocka_unit_test(test_truncate_on_char_boundary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
