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
#include "nest.h"

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
		"{\"a\":[1}", "{\"a\":{\"b\":1]}", "{\"a\":[1,]}",
		"{\"a\":{\"b\"}}", "{\"a\":[[[]]}",
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
		"{\"\":1,\"\":2}", "{\"o\":{\"\":1,\"\":2}}",	/* fuzz_jscan */
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

/* Nesting of n levels below the top-level member "a", as a string. */
static char *
nested(size_t n, int objects)
{
	char *s = malloc(n * 6 + 32), *p = s;

	p += sprintf(p, "{\"a\":");
	p = nest_value(p, n, objects);
	memcpy(p, ",\"b\":2}", 8);
	return s;
}

/* Any depth scans (no recursion), with the members after it. */
static void
test_depth(void **state)
{
	static struct jscan js;
	static const size_t depths[] = { 33, 1000, 100000 };
	size_t i;
	int obj;
	char *s;

	(void)state;
	for (i = 0; i < sizeof(depths) / sizeof(depths[0]); i++)
		for (obj = 0; obj < 2; obj++) {
			s = nested(depths[i], obj);
			assert_int_equal(scan(&js, s), 0);
			assert_int_equal(js.n, 2);
			assert_int_equal(jscan_get(&js, "a")->type,
			    obj ? JSCAN_OBJECT : JSCAN_ARRAY);
			assert_memory_equal(jscan_get(&js, "b")->val, "2", 1);
			/* json-c's tree stops at JSCAN_JSONC_DEPTH. */
			assert_int_equal(js.canonical, depths[i] < 900);
			s[strlen(s) - 8] = obj ? ']' : '}';	/* unbalanced */
			assert_int_equal(scan(&js, s), -1);
			free(s);
		}
	jscan_free(&js);
}

/* More members than the inline array: they are all there. */
static void
test_many_members(void **state)
{
	static struct jscan js;
	char *s = malloc(2000 * 16), *p = s;
	int i;

	(void)state;
	*p++ = '{';
	for (i = 0; i < 2000; i++)
		p += sprintf(p, "%s\"k%d\":%d", i ? "," : "", i, i);
	memcpy(p, "}", 2);
	assert_int_equal(scan(&js, s), 0);
	/* The heap grows more than once (fuzz_jscan). */
	assert_int_equal(js.n, 2000);
	assert_memory_equal(jscan_get(&js, "k1999")->val, "1999", 4);
	assert_memory_equal(jscan_get(&js, "k199")->val, "199", 3);
	assert_memory_equal(jscan_get(&js, "k0")->val, "0", 1);
	jscan_free(&js);
	free(s);
}

/*
 * Regression (fuzz_jscan): the key's escape flag is its own, not the
 * value's; jscan_key() decodes it.  Duplicates: jscan_get() has the last.
 */
static void
test_keys(void **state)
{
	static struct jscan js;
	struct buf b = {0};
	const char *k;
	size_t n;

	(void)state;
	assert_int_equal(scan(&js, "{\"\\n\":1}"), 0);
	assert_true(js.m[0].key_escaped);
	assert_false(js.m[0].escaped);
	assert_true(js.key_escaped);
	assert_int_equal(jscan_key(&js.m[0], &b, &k, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(k[0], '\n');
	assert_int_equal(scan(&js, "{\"a\":\"\\n\"}"), 0);
	assert_false(js.m[0].key_escaped);
	assert_true(js.m[0].escaped);
	assert_int_equal(scan(&js, "{\"a\":1,\"a\":2}"), 0);
	assert_memory_equal(jscan_get(&js, "a")->val, "2", 1);
	buf_free(&b);
}

/* A lone surrogate is noted and decodes to U+FFFD; a pair is not. */
static void
test_surrogates(void **state)
{
	static struct jscan js;
	struct buf b = {0};
	const char *s;
	size_t n;

	(void)state;
	assert_int_equal(scan(&js, "{\"a\":\"x\\ud800y\"}"), 0);
	assert_non_null(js.lone);
	assert_int_equal(jscan_string(&js.m[0], &b, &s, &n), 1);
	assert_string_equal(s, "x\xef\xbf\xbdy");
	assert_int_equal(scan(&js, "{\"a\":\"\\udc00\"}"), 0);
	assert_non_null(js.lone);
	assert_int_equal(scan(&js, "{\"a\":\"\\ud83d\\ude00\"}"), 0);
	assert_null(js.lone);
	assert_int_equal(jscan_string(&js.m[0], &b, &s, &n), 0);
	assert_string_equal(s, "\xf0\x9f\x98\x80");
	assert_int_equal(scan(&js, "{\"a\":[\"\\ud800\"]}"), 0);
	assert_non_null(js.lone);
	buf_reset(&b);
	assert_int_equal(jscan_strings(&js.m[0], &b, &n), 1);
	/* \u0000 scans now (json-c takes it too), not canonical. */
	assert_int_equal(scan(&js, "{\"a\":\"\\u0000\"}"), 0);
	assert_false(js.canonical);
	buf_free(&b);
}

/* What the scan notes of a nested value, so readers need no second pass. */
static void
test_value_flags(void **state)
{
	static struct jscan js;
	struct buf b = {0};
	size_t n;

	(void)state;
	assert_int_equal(scan(&js, "{\"a\":[\"x\",null],\"b\":[],"
	    "\"c\":[\"x\",[\"y\"]],\"o\":{\"k\":null,\"s\":\"v\"},"
	    "\"p\":{\"k\":1},\"q\":{\"\\u0061\":\"x\"},"
	    "\"r\":{\"x\":{\"\\u0062\":1}},\"d\":[\"x\",{}]}"), 0);
	assert_false(jscan_is_strings(jscan_get(&js, "a")));
	assert_true(jscan_is_strings(jscan_get(&js, "b")));
	assert_false(jscan_is_strings(jscan_get(&js, "c")));
	assert_false(jscan_is_strings(jscan_get(&js, "d")));
	/* An object of strings and nulls; it is no array of strings. */
	assert_true(jscan_get(&js, "o")->strings);
	assert_false(jscan_is_strings(jscan_get(&js, "o")));
	assert_false(jscan_get(&js, "p")->strings);
	assert_false(jscan_get(&js, "o")->keys_escaped);
	assert_true(jscan_get(&js, "q")->keys_escaped);
	assert_false(jscan_get(&js, "r")->keys_escaped);
	assert_int_equal(jscan_strings(jscan_get(&js, "a"), &b, &n), -1);
	/* White space, escapes and "" in an array of strings. */
	assert_int_equal(scan(&js, "{\"a\" : [ \"x\" ,\t\"\\u00e9\\n\" ,"
	    "\"\"] }"), 0);
	buf_reset(&b);
	assert_int_equal(jscan_strings(jscan_get(&js, "a"), &b, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(b.len, 7);
	assert_memory_equal(b.data, "x\0\xc3\xa9\n\0\0", 8);
	buf_free(&b);
}

/*
 * A byte that ends or breaks a plain run, at every offset of strings of
 * up to 40 bytes: the 16- and 8-byte steps must stop on it, not skip it.
 */
static void
test_string_runs(void **state)
{
	static struct jscan js;
	static const struct {
		const char	*ins;	/* put into the string */
		int		 ok;
		const char	*dec;	/* as decoded */
	} cases[] = {
		{ "\\\"", 1, "\"" }, { "\\u00e9", 1, "\xc3\xa9" },
		{ "\xc3\xa9", 1, "\xc3\xa9" }, { "\xff", 0, NULL },
		{ "\x01", 0, NULL }, { "\x1f", 0, NULL }, { " ", 1, " " },
		{ "\x7f", 1, "\x7f" }, { "\xe2\x82", 0, NULL },
	};
	char line[160], want[128];
	const struct jscan_member *m;
	struct buf b = {0};
	const char *s;
	size_t len, pos, c, n;

	(void)state;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
		for (len = 0; len <= 40; len++)
			for (pos = 0; pos <= len; pos++) {
				snprintf(line, sizeof(line), "{\"k\":\"%.*s%s%.*s\","
				    "\"z\":1}", (int)pos,
				    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
				    cases[c].ins, (int)(len - pos),
				    "cccccccccccccccccccccccccccccccccccccccc");
				assert_int_equal(scan(&js, line),
				    cases[c].ok ? 0 : -1);
				if (!cases[c].ok)
					continue;
				snprintf(want, sizeof(want), "%.*s%s%.*s",
				    (int)pos,
				    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
				    cases[c].dec, (int)(len - pos),
				    "cccccccccccccccccccccccccccccccccccccccc");
				assert_int_equal(js.n, 2);
				m = jscan_get(&js, "k");
				assert_int_equal(jscan_string(m, &b, &s, &n),
				    0);
				assert_int_equal(n, strlen(want));
				assert_memory_equal(s, want, n);
			}
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_canonical_is_jsonc),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_many_members),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_surrogates),
		cmocka_unit_test(test_value_flags),
		cmocka_unit_test(test_string_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
