#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "prog.h"

extern char *program_invocation_short_name;

static void
test_size_suffixes(void **state)
{
	char err[128];
	size_t v;

	(void)state;
	assert_int_equal(prog_parse_size("0", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 0);
	assert_int_equal(prog_parse_size("100", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 100);
	assert_int_equal(prog_parse_size("64K", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 64 * 1024);
	assert_int_equal(prog_parse_size("1m", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 1024 * 1024);
	assert_int_equal(prog_parse_size("2G", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 2ULL << 30);
}

static void
test_size_rejects(void **state)
{
	static const char *bad[] = {
		"", "lots", "K", "-1", "+1", " 1", "1 ", "1KB", "1T", "1.5M",
		"0x10", "99999999999999999999", "18446744073709551616",
		"17179869184G",
	};
	char err[128];
	size_t i, v = 7;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(prog_parse_size(bad[i], 0, &v, err,
		    sizeof(err)), -1);
		assert_true(strncmp(err, "not a size: ", 12) == 0);
		assert_string_equal(err + 12, bad[i]);
	}
	assert_int_equal(v, 7);
}

static void
test_size_min(void **state)
{
	char err[128];
	size_t v = 7;

	(void)state;
	assert_int_equal(prog_parse_size("0", 1, &v, err, sizeof(err)), -1);
	assert_string_equal(err, "must be at least 1");
	assert_int_equal(prog_parse_size("0K", 1, &v, err, sizeof(err)), -1);
	assert_int_equal(v, 7);
	assert_int_equal(prog_parse_size("1", 1, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 1);
}

static void
test_count(void **state)
{
	static const char *bad[] = {
		"", "x", "1K", "1k", "-1", "+1", " 1", "1.0", "1e3",
		"1000000001", "99999999999999999999999",
	};
	char err[128];
	size_t i;
	long v;

	(void)state;
	assert_int_equal(prog_parse_count("0", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 0);
	assert_int_equal(prog_parse_count("15", 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 15);
	assert_int_equal(prog_parse_count("1000000000", 0, &v, err,
	    sizeof(err)), 0);
	assert_int_equal(v, PROG_COUNT_MAX);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(prog_parse_count(bad[i], 0, &v, err,
		    sizeof(err)), -1);
		assert_true(strncmp(err, "not a count: ", 13) == 0);
		assert_string_equal(err + 13, bad[i]);
	}
	assert_int_equal(prog_parse_count("0", 1, &v, err, sizeof(err)), -1);
	assert_string_equal(err, "must be at least 1");
}

/* The exiting wrappers on good input. */
static void
test_wrappers(void **state)
{
	(void)state;
	assert_int_equal(prog_size_arg("--max-size", "1K"), 1024);
	assert_int_equal(prog_size_arg_min("--max-size", "3", 1), 3);
	assert_int_equal(prog_count_arg("--max", "30000", 0), 30000);
	assert_int_equal(prog_max_record_arg("64K"), 65536);
}
/*
 * Run f in a child with stdout and stderr on files, then prog_finish();
 * the child's stderr into err.  Returns its wait status.
 */
static int
in_child(void (*f)(void), char *err, size_t len)
{
	FILE *e = tmpfile();
	pid_t pid;
	size_t n;
	int st;

	assert_non_null(e);
	if ((pid = fork()) == 0) {
		if (dup2(fileno(e), 2) == -1 || freopen("/dev/null", "w",
		    stdout) == NULL)
			_exit(98);
		f();
		_exit(prog_finish(PROG_OK));
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	rewind(e);
	n = fread(err, 1, len - 1, e);
	err[n] = '\0';
	fclose(e);
	return st;
}

static void
flood(void)
{
	int i;

	for (i = 1; i <= 30; i++)
		prog_warn_at(i % 2 ? "<stdin>:1" : "<stdin>:22",
		    "invalid JSON: unexpected character at byte %d", i);
	prog_warn_at("<stdin>:40", "paper 2512.00001: title: expected a string");
}

/* Warnings alike but for their numbers: 10, then a count at the end. */
static void
test_warning_flood(void **state)
{
	char err[8192], want[256];
	const char *p;
	int n = 0;

	(void)state;
	assert_int_equal(in_child(flood, err, sizeof(err)), 0);
	for (p = err; (p = strstr(p, "invalid JSON")) != NULL; p++)
		n++;
	assert_int_equal(n, 11);
	assert_non_null(strstr(err, "title: expected a string\n"));
	snprintf(want, sizeof(want), "%s: <stdin>: invalid JSON: unexpected "
	    "character at byte 1 ... and 20 more like this\n",
	    program_invocation_short_name);
	assert_non_null(strstr(err, want));
	assert_string_equal(err + strlen(err) - strlen(want), want);
}

static void
write_closed(void)
{
	int fd[2];

	if (pipe(fd) == -1 || dup2(fd[1], 1) == -1)
		_exit(97);
	close(fd[0]);
	signal(SIGPIPE, SIG_IGN);	/* as a library may leave it */
	prog_write_line("{}", 2);
	fflush(stdout);
	prog_check_stdout();
}

/* A closed pipe: killed by SIGPIPE, nothing said, even if ignored. */
static void
test_closed_pipe(void **state)
{
	char err[256];
	int st;

	(void)state;
	st = in_child(write_closed, err, sizeof(err));
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGPIPE);
	assert_string_equal(err, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size_suffixes),
		cmocka_unit_test(test_size_rejects),
		cmocka_unit_test(test_size_min),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_wrappers),
		cmocka_unit_test(test_warning_flood),
		cmocka_unit_test(test_closed_pipe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
