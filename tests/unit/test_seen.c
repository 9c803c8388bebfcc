#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tmpname.h"
#include "seen.h"

static void
test_load_add_commit(void **state)
{
	char dir[64], path[128], err[256], buf[256];
	struct seen *s;
	FILE *fp;
	size_t n;

	(void)state;
	assert_non_null(test_mkdtemp(dir, sizeof(dir), "test_seen"));
	snprintf(path, sizeof(path), "%s/seen", dir);
	/* A missing file is an empty list; nothing added: nothing written. */
	assert_non_null(s = seen_load(path, err, sizeof(err)));
	assert_int_equal(seen_version(s, "2512.18127", 10), -1);
	assert_int_equal(seen_commit(s, err, sizeof(err)), 0);
	assert_int_equal(access(path, F_OK), -1);
	seen_free(s);

	fp = fopen(path, "w");
	fputs("# comment\n2512.18127v2\ncond-mat/0412498\n\nnot an id\n"
	    "2512.18127v1", fp);
	fclose(fp);
	assert_non_null(s = seen_load(path, err, sizeof(err)));
	assert_int_equal(seen_version(s, "2512.18127", 10), 2);
	assert_int_equal(seen_version(s, "cond-mat/0412498", 16), 0);
	assert_int_equal(seen_add(s, "2601.00001", 10, 3), 0);
	assert_int_equal(seen_version(s, "2601.00001", 10), 3);
	assert_int_equal(seen_commit(s, err, sizeof(err)), 0);
	seen_free(s);
	fp = fopen(path, "r");
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_string_equal(buf, "# comment\n2512.18127v2\ncond-mat/0412498\n"
	    "\nnot an id\n2512.18127v1\n2601.00001v3\n");
	unlink(path);
	rmdir(dir);
}

static void
test_unreadable(void **state)
{
	char err[256];

	(void)state;
	assert_null(seen_load("/", err, sizeof(err)));
	assert_non_null(strstr(err, "/"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_add_commit),
		cmocka_unit_test(test_unreadable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
