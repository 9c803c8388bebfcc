#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <json.h>

#include "buf.h"
#include "jscan.h"

static int
scan(struct jscan *js, const char *s)
{
	return jscan_object(js, s, strlen(s));
}

/* 1 if json-c writes s back byte for byte. */
static int
jsonc_same(const char *s)
{
	struct json_object *o = json_tokener_parse(s);
	int same;

	if (o == NULL)
		return 0;
	same = strcmp(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE), s) == 0;
	json_object_put(o);
	return same;
}

static void
test_members(void **state)
{
	static struct jscan js;
	const struct jscan_member *m;
	struct buf b = {0};
	const char *s;
	size_t n;

	(void)state;
	assert_int_equal(scan(&js, "{\"kind\":\"paper\",\"n\":-12,"
	    "\"t\":\"a\\\"b\\u00e9\",\"a\":[\"x\",\"y\\n\"],\"o\":{\"k\":null}}"),
	    0);
	assert_int_equal(js.n, 5);
	assert_false(js.canonical);	/* \u00e9 is written raw by json-c */
	m = jscan_get(&js, "kind");
	assert_int_equal(m->type, JSCAN_STRING);
	assert_int_equal(jscan_string(m, &b, &s, &n), 0);
	assert_int_equal(n, 5);
	assert_memory_equal(s, "paper", 5);
	m = jscan_get(&js, "t");
	assert_int_equal(jscan_string(m, &b, &s, &n), 0);
	assert_string_equal(s, "a\"b\u00e9");
	m = jscan_get(&js, "n");
	assert_int_equal(m->type, JSCAN_NUMBER);
	assert_memory_equal(m->val, "-12", 3);
	m = jscan_get(&js, "a");
	assert_true(jscan_is_strings(m));
	buf_reset(&b);
	assert_int_equal(jscan_strings(m, &b, &n), 0);
	assert_int_equal(n, 2);
	assert_memory_equal(b.data, "x\0y\n\0", 5);
	assert_int_equal(jscan_get(&js, "o")->type, JSCAN_OBJECT);
	assert_null(jscan_get(&js, "missing"));
	buf_free(&b);
}

static void
test_invalid(void **state)
{
	static struct jscan js;
	static const char *bad[] = {
		"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}",
		"{\"a\":1} x", "{\"a\":\"\x01\"}", "{\"a\":\"\xff\"}",
		"{\"a\":tru}", "{\"a\":\"\\x\"}", "{'a':1}", "{\"a\":1.}",
		"{\"a\":\"\\u0000\"}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(scan(&js, bad[i]), -1);
}

static void
test_canonical_is_jsonc(void **state)
{
	static struct jscan js;
	static const char *lines[] = {
		"{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e/f\"}}",
		"{\"a\":1.50,\"b\":1e5,\"c\":-0.0}",
		"{\"a\":\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\"}",
		"{\"a\":\"\\/\"}", "{\"a\": 1}", "{\"a\":-0}",
		"{\"a\":\"\\u00E9\"}", "{\"a\":\"\\u0041\"}",
		"{\"a\":1,\"a\":2}", "{\"o\":{\"k\":1,\"k\":2}}",
		"{\"a\":123456789012345678901}",
		"{\"a\":\"\\u000a\"}", "{\"a\":\"\xc3\xa9\x7f\"}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		assert_int_equal(scan(&js, lines[i]), 0);
		assert_int_equal(js.canonical, jsonc_same(lines[i]));
	}
}

static void
test_depth(void **state)
{
	static struct jscan js;
	char deep[200];
	int i, n = 0;

	(void)state;
	n += snprintf(deep + n, sizeof(deep) - (size_t)n, "{\"a\":");
	for (i = 0; i < 40; i++)
		deep[n++] = '[';
	for (i = 0; i < 40; i++)
		deep[n++] = ']';
	deep[n++] = '}';
	deep[n] = '\0';
	assert_int_equal(scan(&js, deep), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_canonical_is_jsonc),
		cmocka_unit_test(test_depth),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
