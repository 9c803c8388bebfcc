#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json.h>

#include "tmpname.h"
#include "fetch.h"
#include "http.h"
#include "source.h"

static char dir[64];
static struct json_object *emitted[8];
static int nemitted;
static char messages[2048];

static void
emit(void *arg, struct json_object *o)
{
	(void)arg;
	assert_true(nemitted < 8);
	emitted[nemitted++] = json_object_get(o);
}

static void
notify(void *arg, enum fetch_level lv, const char *msg)
{
	(void)arg;
	if (lv != FETCH_WARN)
		return;
	strncat(messages, msg, sizeof(messages) - strlen(messages) - 2);
	strcat(messages, "\n");
}

static int
setup(void **state)
{
	char err[256];

	(void)state;
	nemitted = 0;
	messages[0] = '\0';
	return test_mkdtemp(dir, sizeof(dir), "test_fetch") &&
	    http_global_init(err, sizeof(err)) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];
	int i;

	(void)state;
	for (i = 0; i < nemitted; i++)
		json_object_put(emitted[i]);
	http_global_cleanup();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct fetch *
fetcher(void)
{
	struct fetch_options o;
	char cache[128], err[256];
	struct fetch *f;

	snprintf(cache, sizeof(cache), "%s/cache", dir);
	memset(&o, 0, sizeof(o));
	o.cache_dir = strdup(cache);
	o.delay = -1;
	o.timeout = 5;
	o.retries = 1;
	o.max_size = 1024;
	o.max_redirects = 5;
	o.bases.rss = SOURCE_RSS_BASE;
	o.emit = emit;
	o.notify = notify;
	assert_non_null(f = fetch_new(&o, err, sizeof(err)));
	free((char *)(uintptr_t)o.cache_dir);
	return f;
}

static struct source *
url_source(const char *name, const char *content, size_t n)
{
	static const struct source_defaults d = { 100, 100, NULL, NULL, NULL,
	    NULL, NULL, NULL };
	char path[128], url[160], err[256];
	struct source *s;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (content) {
		fp = fopen(path, "w");
		fwrite(content, 1, n, fp);
		fclose(fp);
	}
	snprintf(url, sizeof(url), "file://%s", path);
	assert_non_null(s = source_new(SOURCE_URL, url, &d, err, sizeof(err)));
	return s;
}

static const char *
str(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return NULL;
	return json_object_get_string(v);
}

static void
test_file_ok(void **state)
{
	struct fetch *f = fetcher();
	struct source *s = url_source("a.xml", "<feed/>\n", 8);
	struct json_object *o;
	char want[256];
	int i = 0;

	(void)state;
	assert_int_equal(fetch_run(f, s), 0);
	assert_int_equal(nemitted, 1);
	o = emitted[0];
	/* The schema's fields, in the schema's order. */
	json_object_object_foreach(o, key, val) {
		static const char *const order[] = { "kind", "url", "request",
		    "status", "content_type", "etag", "last_modified",
		    "fetched_at", "from_cache", "body", "source", "page" };

		(void)val;
		assert_true(i < 12);
		assert_string_equal(key, order[i++]);
	}
	assert_int_equal(i, 12);
	snprintf(want, sizeof(want), "file://%s/a.xml", dir);
	assert_string_equal(str(o, "url"), want);
	assert_string_equal(str(o, "body"), "<feed/>\n");
	/* A file that was read counts as 200 (docs/schema.md). */
	assert_string_equal(str(o, "status"), "200");
	assert_string_equal(str(o, "from_cache"), "false");
	assert_string_equal(str(o, "source"), "url");
	assert_string_equal(str(o, "page"), "1");
	assert_int_equal(strlen(str(o, "fetched_at")), 20);
	assert_string_equal(messages, "");
	source_free(s);
	fetch_free(f);
}

static void
test_file_missing(void **state)
{
	struct fetch *f = fetcher();
	struct source *s = url_source("missing.xml", NULL, 0);
	struct json_object *o;

	(void)state;
	assert_int_equal(fetch_run(f, s), -1);
	assert_int_equal(nemitted, 1);
	o = emitted[0];
	assert_null(str(o, "body"));
	assert_non_null(str(o, "error"));
	assert_int_equal(strncmp(str(o, "error"), "cannot read file", 16), 0);
	assert_non_null(strstr(messages, "missing.xml: cannot read file"));
	source_free(s);
	fetch_free(f);
}

static void
test_bad_utf8_and_cap(void **state)
{
	struct fetch *f = fetcher();
	struct source *s = url_source("bad.xml", "<a>\xff\xfe</a>", 9);
	struct source *big;
	char content[2048];

	(void)state;
	assert_int_equal(fetch_run(f, s), 0);
	/* Not UTF-8: the bytes, kept in base64, and "body" null. */
	assert_null(str(emitted[0], "body"));
	assert_string_equal(str(emitted[0], "body_base64"), "PGE+//48L2E+");
	memset(content, 'x', sizeof(content));
	big = url_source("big.xml", content, sizeof(content));
	assert_int_equal(fetch_run(f, big), -1);
	assert_string_equal(str(emitted[1], "error"),
	    "response larger than 1024 bytes (see --max-size)");
	source_free(s);
	source_free(big);
	/* The base64 of 1 and 2 bytes past a multiple of 3, padded. */
	s = url_source("one.bin", "ab\xff\xfe", 4);
	assert_int_equal(fetch_run(f, s), 0);
	assert_string_equal(str(emitted[2], "body_base64"), "YWL//g==");
	source_free(s);
	s = url_source("two.bin", "\x80\0z\x01\xc3", 5);
	assert_int_equal(fetch_run(f, s), 0);
	assert_string_equal(str(emitted[3], "body_base64"), "gAB6AcM=");
	source_free(s);
	fetch_free(f);
}

static void
test_user_agent(void **state)
{
	char *ua;

	(void)state;
	ua = fetch_user_agent(NULL);
	assert_int_equal(strncmp(ua, "arxivpipe/", 10), 0);
	assert_non_null(strstr(ua, "(arxiv-fetch)"));
	free(ua);
	ua = fetch_user_agent("me@example.org");
	assert_non_null(strstr(ua, "(arxiv-fetch; mailto:me@example.org)"));
	free(ua);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_file_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_missing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_utf8_and_cap, setup,
		    teardown),
		cmocka_unit_test(test_user_agent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
