#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "hash.h"

/* The published FNV-1a 64-bit test vectors (fnv_test.c, FNV1A_64). */
static void
test_vectors(void **state)
{
	static const struct {
		const char	*s;
		uint64_t	 h;
	} v[] = {
		{ "", 0xcbf29ce484222325ULL },
		{ "a", 0xaf63dc4c8601ec8cULL },
		{ "b", 0xaf63df4c8601f1a5ULL },
		{ "foobar", 0x85944171f73967e8ULL },
		{ "chongo was here!\n", 0x46810940eff5f915ULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_true(hash_fnv1a(v[i].s, strlen(v[i].s)) == v[i].h);
}

/* Bytes, not a string: a NUL byte and bytes past 0x7f count. */
static void
test_bytes(void **state)
{
	(void)state;
	assert_true(hash_fnv1a("a\0b", 3) != hash_fnv1a("a", 1));
	assert_true(hash_fnv1a("\xff", 1) != hash_fnv1a("\x7f", 1));
	assert_true(hash_fnv1a(NULL, 0) == 0xcbf29ce484222325ULL);
}

/*
 * hash_mem(): every byte counts, wherever it falls in a step or the
 * tail, and so does the length (trailing NUL bytes); the table's low
 * bits spread: 4,096 keys of one shape fill most of 4,096 buckets.
 */
static void
test_mem(void **state)
{
	unsigned char b[40], seen[4096] = { 0 };
	char key[32];
	uint64_t h;
	size_t n, i, used = 0;
	int bit;

	(void)state;
	memset(b, 0, sizeof(b));
	assert_true(hash_mem(NULL, 0) == hash_mem(b, 0));
	for (n = 1; n <= sizeof(b); n++) {
		h = hash_mem(b, n);
		assert_true(h != hash_mem(b, n - 1));
		for (i = 0; i < n; i++)
			for (bit = 0; bit < 8; bit++) {
				b[i] ^= (unsigned char)(1u << bit);
				assert_true(hash_mem(b, n) != h);
				b[i] ^= (unsigned char)(1u << bit);
			}
	}
	for (i = 0; i < 4096; i++) {
		n = (size_t)snprintf(key, sizeof(key), "t2512.%05zu", i);
		h = hash_mem(key, n) & 4095;
		used += !seen[h];
		seen[h] = 1;
	}
	assert_true(used > 2400);	/* a random hash fills 63% */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_mem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
