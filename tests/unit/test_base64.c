/* Unit tests for lib/core/base64.c: RFC 4648's vectors, both ways. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base64.h"
#include "buf.h"

static void
test_vectors(void **state)
{
	static const char *const in[] = {
		"", "f", "fo", "foo", "foob", "fooba", "foobar"
	};
	static const char *const out[] = {
		"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"
	};
	struct buf b = {0}, d = {0};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		buf_reset(&b);
		buf_reset(&d);
		assert_int_equal(base64_encode(&b, in[i], strlen(in[i])), 0);
		assert_string_equal(buf_str(&b), out[i]);
		assert_int_equal(base64_decode(&d, b.data ? b.data : "",
		    b.len), 0);
		assert_string_equal(buf_str(&d), in[i]);
	}
	buf_free(&b);
	buf_free(&d);
}

static void
test_binary_and_bad_input(void **state)
{
	unsigned char bytes[256];
	struct buf b = {0}, d = {0};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bytes); i++)
		bytes[i] = (unsigned char)i;
	assert_int_equal(base64_encode(&b, bytes, sizeof(bytes)), 0);
	/* Line breaks and blanks in the text are skipped. */
	assert_int_equal(base64_decode(&d, "AAEC\r\nAw ==", 11), 0);
	assert_int_equal(d.len, 4);
	assert_memory_equal(d.data, "\0\1\2\3", 4);
	buf_reset(&d);
	assert_int_equal(base64_decode(&d, b.data, b.len), 0);
	assert_int_equal(d.len, sizeof(bytes));
	assert_memory_equal(d.data, bytes, sizeof(bytes));
	buf_reset(&d);
	assert_int_equal(base64_decode(&d, "Zm9v!", 5), -1);
	/* Past the cap: refused, not cut. */
	buf_reset(&d);
	d.max = 2;
	assert_int_equal(base64_decode(&d, "Zm9v", 4), -1);
	buf_free(&b);
	buf_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_binary_and_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
