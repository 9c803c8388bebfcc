/* The summary cache (sumcache.h): round trip, key checks, corruption. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>

#include "tmpname.h"
#include "sumcache.h"

/* The one entry file under dir/summary, into path; 0 if none. */
static int
entry_file(const char *dir, char *path, size_t len)
{
	struct dirent *de;
	char sub[512];
	DIR *d;
	int n = 0;

	snprintf(sub, sizeof(sub), "%s/summary", dir);
	assert_non_null(d = opendir(sub));
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.') {
			snprintf(path, len, "%s/%s", sub, de->d_name);
			n++;
		}
	closedir(d);
	return n;
}

static void
test_cache(void **state)
{
	struct sumcache_key k = { "2512.00001v1", "qwen-long",
	    "system prompt", "html", NULL };
	struct sumcache_entry e = { NULL, 1, 1200, 300 }, got;
	struct sumcache *c;
	char dir[256], path[1024], err[256], text[] = "A summary.";
	FILE *fp;

	(void)state;
	assert_non_null(test_mkdtemp(dir, sizeof(dir), "test_llm_cache"));
	c = sumcache_open(dir, err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(sumcache_get(c, &k, &got), 0);
	e.text = text;
	assert_int_equal(sumcache_put(c, &k, &e, err, sizeof(err)), 0);
	assert_int_equal(sumcache_get(c, &k, &got), 1);
	assert_string_equal(got.text, "A summary.");
	assert_int_equal(got.truncated, 1);
	assert_int_equal(got.prompt_tokens, 1200);
	assert_int_equal(got.completion_tokens, 300);
	sumcache_entry_clear(&got);

	/* Each part of the key makes another entry. */
	k.language = "English";
	assert_int_equal(sumcache_get(c, &k, &got), 0);
	k.language = NULL;
	k.prompt = "another prompt";
	assert_int_equal(sumcache_get(c, &k, &got), 0);
	k.prompt = "system prompt";
	k.input = "abstract";
	assert_int_equal(sumcache_get(c, &k, &got), 0);
	k.input = "html";

	/* A corrupt entry is a miss, and it is removed. */
	assert_int_equal(entry_file(dir, path, sizeof(path)), 1);
	assert_non_null(fp = fopen(path, "w"));
	fputs("{\"key\":", fp);
	fclose(fp);
	assert_int_equal(sumcache_get(c, &k, &got), 2);
	assert_null(got.text);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(sumcache_get(c, &k, &got), 0);

	/* An entry whose stored key differs (a hash collision) is a miss. */
	assert_int_equal(sumcache_put(c, &k, &e, err, sizeof(err)), 0);
	assert_non_null(fp = fopen(path, "w"));
	fputs("{\"key\":\"other\",\"text\":\"x\"}", fp);
	fclose(fp);
	assert_int_equal(sumcache_get(c, &k, &got), 0);
	unlink(path);
	sumcache_close(c);
	sumcache_close(NULL);
	snprintf(path, sizeof(path), "%s/summary", dir);
	rmdir(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
