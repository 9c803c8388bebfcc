#include <sys/stat.h>
#include <sys/time.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "tmpname.h"
#include "cache.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	return test_mkdtemp(dir, sizeof(dir), "test_cache") ? 0 : -1;
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
put(struct cache *c, const char *url, const char *body, size_t len)
{
	struct cache_entry e;
	char err[256];

	memset(&e, 0, sizeof(e));
	e.url = (char *)(uintptr_t)url;
	e.status = 200;
	e.content_type = (char *)(uintptr_t)"application/xml";
	e.etag = (char *)(uintptr_t)"\"abc\"";
	e.fetched_at = (char *)(uintptr_t)"2026-11-29T10:00:00Z";
	e.stored = 1700000000;
	e.body = (char *)(uintptr_t)body;
	e.len = len;
	assert_int_equal(cache_put(c, &e, err, sizeof(err)), 0);
}

/* The path of url's entry. */
static void
entry_file(const char *url, char *path, size_t n)
{
	snprintf(path, n, "%s/c/http/%016llx", dir,
	    (unsigned long long)cache_key(url));
}

static void
test_roundtrip(void **state)
{
	struct timeval old[2] = { { 1600000000, 0 }, { 1600000000, 0 } };
	struct cache_entry e;
	struct cache *c;
	char err[256], sub[128], path[256];

	(void)state;
	snprintf(sub, sizeof(sub), "%s/c", dir);
	assert_non_null(c = cache_open(sub, err, sizeof(err)));
	assert_int_equal(cache_get(c, "http://x/a", &e, err, sizeof(err)), 0);
	/* A body with a NUL and newlines survives byte for byte. */
	put(c, "http://x/a", "line 1\nli\0ne 2\n", 15);
	assert_int_equal(cache_get(c, "http://x/a", &e, err, sizeof(err)), 1);
	assert_string_equal(e.url, "http://x/a");
	assert_int_equal(e.status, 200);
	assert_string_equal(e.content_type, "application/xml");
	assert_string_equal(e.etag, "\"abc\"");
	assert_null(e.last_modified);
	assert_string_equal(e.fetched_at, "2026-11-29T10:00:00Z");
	/* Freshness is the later of the stored time and the file's mtime. */
	assert_true(e.stored >= time(NULL) - 60);
	assert_int_equal(e.len, 15);
	assert_memory_equal(e.body, "line 1\nli\0ne 2\n", 15);
	cache_entry_clear(&e);
	/* Replace, then remove. */
	put(c, "http://x/a", "", 0);
	assert_int_equal(cache_get(c, "http://x/a", &e, err, sizeof(err)), 1);
	assert_int_equal(e.len, 0);
	assert_string_equal(e.body, "");
	cache_entry_clear(&e);
	/* An old entry, touched (as after a 304), is fresh again. */
	entry_file("http://x/a", path, sizeof(path));
	assert_int_equal(utimes(path, old), 0);
	assert_int_equal(cache_get(c, "http://x/a", &e, err, sizeof(err)), 1);
	assert_int_equal(e.stored, 1700000000);
	cache_entry_clear(&e);
	assert_int_equal(cache_touch(c, "http://x/a", err, sizeof(err)), 0);
	assert_int_equal(cache_get(c, "http://x/a", &e, err, sizeof(err)), 1);
	assert_true(e.stored >= time(NULL) - 60);
	cache_entry_clear(&e);
	cache_remove(c, "http://x/a");
	assert_int_equal(cache_touch(c, "http://x/a", err, sizeof(err)), -1);
	assert_int_equal(cache_get(c, "http://x/a", &e, err, sizeof(err)), 0);
	cache_close(c);
}

static void
corrupt_with(const char *content, size_t n, const char *why)
{
	struct cache_entry e;
	struct cache *c;
	char err[256], sub[128], path[256];
	FILE *fp;

	snprintf(sub, sizeof(sub), "%s/c", dir);
	assert_non_null(c = cache_open(sub, err, sizeof(err)));
	put(c, "http://x/b", "<feed/>", 7);
	entry_file("http://x/b", path, sizeof(path));
	assert_non_null(fp = fopen(path, "w"));
	fwrite(content, 1, n, fp);
	fclose(fp);
	assert_int_equal(cache_get(c, "http://x/b", &e, err, sizeof(err)), -1);
	assert_non_null(strstr(err, why));
	/* The corrupt entry is gone, so the URL is fetched again. */
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(cache_get(c, "http://x/b", &e, err, sizeof(err)), 0);
	cache_close(c);
}

static void
test_corrupt(void **state)
{
	static const char good_meta[] = "{\"url\":\"http://x/b\",\"status\":200,"
	    "\"content_type\":null,\"etag\":null,\"last_modified\":null,"
	    "\"fetched_at\":\"2026-11-29T10:00:00Z\",\"stored\":1,\"length\":7}\n";
	char buf[512];

	(void)state;
	corrupt_with("", 0, "bad header");
	corrupt_with("garbage\n<feed/>", 15, "bad header");
	corrupt_with("{\"url\":\"http://x/b\"}\n<feed/>", 28, "bad header");
	snprintf(buf, sizeof(buf), "%s<fee", good_meta);
	corrupt_with(buf, strlen(buf), "wrong length");
	snprintf(buf, sizeof(buf), "%s<feed/>extra", good_meta);
	corrupt_with(buf, strlen(buf), "wrong length");
	corrupt_with(good_meta, 30, "bad header");
}

static void
test_other_url_same_file(void **state)
{
	struct cache_entry e;
	struct cache *c;
	char err[256], sub[128], from[256], to[256];

	(void)state;
	snprintf(sub, sizeof(sub), "%s/c", dir);
	assert_non_null(c = cache_open(sub, err, sizeof(err)));
	put(c, "http://x/one", "1", 1);
	/* Pretend a hash collision: another URL's entry under this name. */
	entry_file("http://x/one", from, sizeof(from));
	entry_file("http://x/two", to, sizeof(to));
	assert_int_equal(rename(from, to), 0);
	assert_int_equal(cache_get(c, "http://x/two", &e, err, sizeof(err)), 0);
	assert_int_equal(access(to, F_OK), 0);
	cache_close(c);
}

static void
test_mkdir(void **state)
{
	char path[128], err[256];
	struct stat st;
	FILE *fp;

	(void)state;
	snprintf(path, sizeof(path), "%s/a/b//c/", dir);
	assert_int_equal(cache_mkdir_p(path, err, sizeof(err)), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(cache_mkdir_p(path, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/file", dir);
	fp = fopen(path, "w");
	fclose(fp);
	snprintf(path, sizeof(path), "%s/file/sub", dir);
	assert_int_equal(cache_mkdir_p(path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "file"));
	assert_null(cache_open(path, err, sizeof(err)));
}

static void
test_key(void **state)
{
	(void)state;
	/* FNV-1a 64 test vectors. */
	assert_true(cache_key("") == 0xcbf29ce484222325ULL);
	assert_true(cache_key("a") == 0xaf63dc4c8601ec8cULL);
	assert_true(cache_key("foobar") == 0x85944171f73967e8ULL);
}

static void
test_cache_dir(void **state)
{
	char *d;

	(void)state;
	setenv("XDG_CACHE_HOME", "/xdg", 1);
	setenv("HOME", "/home/u", 1);
	assert_int_equal(cache_default_dir(&d), 0);
	assert_string_equal(d, "/xdg/arxivpipe");
	free(d);
	/* A relative XDG_CACHE_HOME is ignored, as the spec says. */
	setenv("XDG_CACHE_HOME", "rel", 1);
	assert_int_equal(cache_default_dir(&d), 0);
	assert_string_equal(d, "/home/u/.cache/arxivpipe");
	free(d);
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "", 1);
	assert_int_equal(cache_default_dir(&d), 0);
	assert_null(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache_dir),
		cmocka_unit_test_setup_teardown(test_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_url_same_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_mkdir, setup, teardown),
		cmocka_unit_test(test_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
