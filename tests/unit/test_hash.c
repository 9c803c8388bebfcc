#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
