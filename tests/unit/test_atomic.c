#include <sys/stat.h>

#include <dirent.h>
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
#include "atomic.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	return test_mkdtemp(dir, sizeof(dir), "test_atomic") ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *
slurp(const char *path)
{
	static char buf[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static int
entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void
test_replace_and_abort_keep_old(void **state)
{
	struct atomic_file *a;
	char path[128], err[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/README.md", dir);
	assert_int_equal(atomic_write(path, "old\n", 4, err, sizeof(err)), 0);
	assert_string_equal(slurp(path), "old\n");

	/* An aborted replacement leaves the old file and no temp file. */
	a = atomic_open(path, err, sizeof(err));
	assert_non_null(a);
	fputs("half", atomic_fp(a));
	assert_string_equal(slurp(path), "old\n");
	atomic_abort(a);
	assert_string_equal(slurp(path), "old\n");
	assert_int_equal(entries(), 1);

	a = atomic_open(path, err, sizeof(err));
	fputs("new\n", atomic_fp(a));
	assert_int_equal(atomic_commit(a, err, sizeof(err)), 0);
	assert_string_equal(slurp(path), "new\n");
	assert_int_equal(entries(), 1);
}

static void
test_mode_follows_umask(void **state)
{
	char path[128], err[256];
	struct stat st;
	mode_t old;

	(void)state;
	snprintf(path, sizeof(path), "%s/feed.xml", dir);
	old = umask(022);
	assert_int_equal(atomic_write(path, "x", 1, err, sizeof(err)), 0);
	umask(old);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
}

static void
test_missing_dir_fails_cleanly(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(atomic_write("/nonexistent/dir/x", "x", 1, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/dir/x: "));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replace_and_abort_keep_old),
		cmocka_unit_test(test_mode_follows_umask),
		cmocka_unit_test(test_missing_dir_fails_cleanly),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
