#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "jsonc.h"

/* The obvious escaper, byte by byte, as an oracle for the fast one. */
static void
escape_slow(struct buf *b, const char *s, size_t n)
{
	size_t i;
	char e[8];
	int rc = buf_addc(b, '"');

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			snprintf(e, sizeof(e), "\\%c", c);
		else if (c == '\b' || c == '\f' || c == '\n' || c == '\r' ||
		    c == '\t')
			snprintf(e, sizeof(e), "\\%c", c == '\b' ? 'b' :
			    c == '\f' ? 'f' : c == '\n' ? 'n' : c == '\r' ?
			    'r' : 't');
		else if (c < 0x20)
			snprintf(e, sizeof(e), "\\u%04x", c);
		else
			snprintf(e, sizeof(e), "%c", c);
		rc |= buf_adds(b, e);
	}
	rc |= buf_addc(b, '"');
	assert_int_equal(rc, 0);
}

static void
test_escape(void **state)
{
	struct buf b = {0};

	(void)state;
	assert_int_equal(jsonc_escape(&b, "a\"\\\n\x01/\xc3\xa9", 8), 0);
	assert_string_equal(buf_str(&b), "\"a\\\"\\\\\\n\\u0001/\xc3\xa9\"");
	buf_reset(&b);
	assert_int_equal(jsonc_escape(&b, "", 0), 0);
	assert_string_equal(buf_str(&b), "\"\"");
	buf_free(&b);
}

/*
 * Random strings, mostly plain with a byte to escape at every offset
 * of the sixteen- and eight-byte steps, NUL bytes included.
 */
static void
test_escape_matches_oracle(void **state)
{
	static const char plain[] = "abcdefghij KLMNOP/\xc3\xa9\x7f\xff";
	static const char special[] = "\"\\\n\t\r\b\f\x01\x1f";
	struct buf got = {0}, want = {0};
	unsigned long seed = 7;
	char s[96];
	size_t n, j;
	int i;

	(void)state;
	for (i = 0; i < 100000; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		n = (size_t)(seed >> 58) + (size_t)(seed >> 62) * 10;
		for (j = 0; j < n; j++) {
			seed = seed * 6364136223846793005UL + 1UL;
			if ((seed >> 40) % 29 == 0)
				s[j] = (seed >> 50) % 11 == 0 ? '\0' :
				    special[(seed >> 33) % (sizeof(special) - 1)];
			else
				s[j] = plain[(seed >> 33) % (sizeof(plain) - 1)];
		}
		buf_reset(&got);
		buf_reset(&want);
		assert_int_equal(jsonc_escape(&got, s, n), 0);
		escape_slow(&want, s, n);
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.data, want.data, got.len);
	}
	buf_free(&got);
	buf_free(&want);
}

/*
 * Numbers are written back as they were, wherever they sit, and strings
 * that look like numbers ("-0" in a date, long digit runs, escaped
 * quotes before them) change nothing.
 */
static void
test_numbers_as_written(void **state)
{
	static const char *lines[] = {
		"{\"kind\":\"x\",\"a\":-0,\"d\":\"2026-04-28\"}",
		"{\"kind\":\"x\",\"d\":\"2026-04-28\",\"a\":-0}",
		"{\"kind\":\"x\",\"big\":18446744073709551616}",
		"{\"kind\":\"x\",\"s\":\"123456789012345678901234567890\","
		    "\"n\":123456789012345678901234567890}",
		"{\"kind\":\"x\",\"s\":\"a\\\"-0\\\\\",\"n\":[-0,1,-0.5]}",
		"{\"kind\":\"x\",\"s\":\"\\\"\",\"n\":-0}",
		"{\"kind\":\"x\",\"s\":\"\\\\\",\"n\":-0}",
		"{\"kind\":\"x\",\"o\":{\"k\\\"\":[{\"z\":99999999999999999999}]}}",
	};
	struct jsonc_parser *p = jsonc_parser_new();
	struct json_object *o;
	const char *out;
	char err[256];
	size_t i, n;

	(void)state;
	assert_non_null(p);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		assert_int_equal(jsonc_parse_record(p, lines[i],
		    strlen(lines[i]), &o, err, sizeof(err)), 0);
		out = jsonc_write(o, &n);
		assert_non_null(out);
		assert_string_equal(out, lines[i]);
		jsonc_put(o);
	}
	jsonc_parser_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_matches_oracle),
		cmocka_unit_test(test_numbers_as_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
