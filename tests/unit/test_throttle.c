#include <sys/file.h>
#include <sys/wait.h>

#include <fcntl.h>
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
#include "throttle.h"

/* A fake clock: sleeping advances it, so nothing here really waits. */
static double fake_now;
static double slept;
static int nsleeps;

static double
clock_fn(void)
{
	return fake_now;
}

static void
sleep_fn(double s)
{
	slept += s;
	nsleeps++;
	fake_now += s;
}

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	fake_now = 1000000;
	slept = 0;
	nsleeps = 0;
	return test_mkdtemp(dir, sizeof(dir), "test_throttle") ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
test_wait_time(void **state)
{
	(void)state;
	assert_float_equal(throttle_wait_time(0, 100, 3), 0, 1e-9);
	assert_float_equal(throttle_wait_time(100, 100, 3), 3, 1e-9);
	assert_float_equal(throttle_wait_time(100, 101, 3), 2, 1e-9);
	assert_float_equal(throttle_wait_time(100, 103, 3), 0, 1e-9);
	assert_float_equal(throttle_wait_time(100, 200, 3), 0, 1e-9);
	assert_float_equal(throttle_wait_time(100, 101, 0), 0, 1e-9);
	/* A clock set back: the last request counts as now. */
	assert_float_equal(throttle_wait_time(500, 100, 3), 3, 1e-9);
}

/* The default arXiv spacing: three requests take 6 s, not less. */
static void
test_spacing_in_process(void **state)
{
	struct throttle *t;

	(void)state;
	t = throttle_new(NULL, NULL, 0);
	throttle_set_clock(t, clock_fn, sleep_fn);
	assert_int_equal(throttle_begin(t, "arxiv.org", 3, NULL, 0), 0);
	throttle_end(t);
	assert_int_equal(nsleeps, 0);
	fake_now += 1;
	assert_int_equal(throttle_begin(t, "arxiv.org", 3, NULL, 0), 0);
	throttle_end(t);
	assert_float_equal(slept, 2, 1e-9);
	/* Another host has its own spacing. */
	assert_int_equal(throttle_begin(t, "example.org", 3, NULL, 0), 0);
	throttle_end(t);
	assert_float_equal(slept, 2, 1e-9);
	assert_int_equal(throttle_begin(t, "arxiv.org", 3, NULL, 0), 0);
	throttle_end(t);
	assert_float_equal(slept, 5, 1e-9);
	throttle_free(t);
}

static int waits_seen;

static void
on_wait(void *arg, const char *group, double secs)
{
	(void)arg;
	assert_string_equal(group, "127.0.0.1:8080");
	assert_true(secs > 0);
	waits_seen++;
}

/* Two throttles on one directory behave as two processes would. */
static void
test_spacing_shared(void **state)
{
	struct throttle *a, *b;

	(void)state;
	a = throttle_new(dir, NULL, 0);
	b = throttle_new(dir, NULL, 0);
	throttle_set_clock(a, clock_fn, sleep_fn);
	throttle_set_clock(b, clock_fn, sleep_fn);
	throttle_set_on_wait(b, on_wait, NULL);
	assert_int_equal(throttle_begin(a, "127.0.0.1:8080", 3, NULL, 0), 0);
	throttle_end(a);
	fake_now += 0.5;
	assert_int_equal(throttle_begin(b, "127.0.0.1:8080", 3, NULL, 0), 0);
	throttle_end(b);
	assert_float_equal(slept, 2.5, 1e-6);
	assert_int_equal(waits_seen, 1);
	{
		char path[128];

		snprintf(path, sizeof(path), "%s/127.0.0.1_8080", dir);
		assert_int_equal(access(path, F_OK), 0);
	}
	throttle_free(a);
	throttle_free(b);
}

/* While a request runs, its group's lock is held: one at a time. */
static void
test_lock_held(void **state)
{
	struct throttle *t;
	char path[128];
	pid_t pid;
	int status, fd;

	(void)state;
	snprintf(path, sizeof(path), "%s/arxiv.org", dir);
	t = throttle_new(dir, NULL, 0);
	assert_int_equal(throttle_begin(t, "arxiv.org", 0, NULL, 0), 0);
	if ((pid = fork()) == 0) {
		fd = open(path, O_RDWR);
		_exit(fd != -1 && flock(fd, LOCK_EX | LOCK_NB) == -1 ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), 0);
	throttle_end(t);
	if ((pid = fork()) == 0) {
		fd = open(path, O_RDWR);
		_exit(fd != -1 && flock(fd, LOCK_EX | LOCK_NB) == 0 ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), 0);
	throttle_free(t);
}

/* A garbled lock file makes the next request wait the whole spacing. */
static void
test_garbled_file(void **state)
{
	struct throttle *t;
	char path[128];
	FILE *fp;

	(void)state;
	snprintf(path, sizeof(path), "%s/arxiv.org", dir);
	fp = fopen(path, "w");
	fputs("garbage", fp);
	fclose(fp);
	t = throttle_new(dir, NULL, 0);
	throttle_set_clock(t, clock_fn, sleep_fn);
	assert_int_equal(throttle_begin(t, "arxiv.org", 3, NULL, 0), 0);
	throttle_end(t);
	assert_float_equal(slept, 3, 1e-6);
	throttle_free(t);
}

static void
test_unusable_dir(void **state)
{
	struct throttle *t;
	char err[256] = "";

	(void)state;
	t = throttle_new("/nonexistent/dir", NULL, 0);
	throttle_set_clock(t, clock_fn, sleep_fn);
	assert_int_equal(throttle_begin(t, "arxiv.org", 3, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "/nonexistent/dir/arxiv.org"));
	throttle_end(t);
	/* Still spaced in this process. */
	throttle_begin(t, "arxiv.org", 3, NULL, 0);
	throttle_end(t);
	assert_float_equal(slept, 3, 1e-6);
	throttle_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wait_time),
		cmocka_unit_test_setup_teardown(test_spacing_in_process, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_spacing_shared, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lock_held, setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbled_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unusable_dir, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
