#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json.h>

#include "record.h"
#include "paper_ref.h"

static void
split(const char *in, const char *id, int version)
{
	char *got;
	int v;

	if (id == NULL) {
		assert_int_equal(arxiv_id_split(in, &got, &v), -1);
		assert_null(got);
		return;
	}
	assert_int_equal(arxiv_id_split(in, &got, &v), 0);
	assert_string_equal(got, id);
	assert_int_equal(v, version);
	free(got);
}

static void
test_id_split(void **state)
{
	(void)state;
	split("2512.18127v1", "2512.18127", 1);
	split("2512.18127", "2512.18127", 0);
	split("0704.0001v12", "0704.0001", 12);
	split("cond-mat/0412498v1", "cond-mat/0412498", 1);
	split("astro-ph/0601001", "astro-ph/0601001", 0);
	split("oai:arXiv.org:2609.26811v1", "2609.26811", 1);
	split("http://arxiv.org/abs/1111.2011v2", "1111.2011", 2);
	split("https://arxiv.org/abs/2205.06398", "2205.06398", 0);
	split("arXiv:1805.08875v1", "1805.08875", 1);
	split("math.AG/0601001v2", "math.AG/0601001", 2);
	split("abc", NULL, 0);
	split("12.345", NULL, 0);
	split("", NULL, 0);
}

static void
test_paper_to_json_order_and_nulls(void **state)
{
	struct paper p;
	struct json_object *o;

	(void)state;
	memset(&p, 0, sizeof(p));
	assert_int_equal(paper_set(&p.id, "2512.18127", (size_t)-1), 0);
	p.version = 1;
	assert_int_equal(paper_set(&p.title, "A title", (size_t)-1), 0);
	assert_int_equal(strlist_adds(&p.authors, "Yi Yang"), 0);
	assert_int_equal(strlist_adds(&p.categories, "cs.DC"), 0);
	assert_int_equal(strlist_adds(&p.categories, "cs.LG"), 0);
	assert_int_equal(paper_set(&p.announce_type, "new", (size_t)-1), 0);
	assert_int_equal(paper_set(&p.source_format, "rss", (size_t)-1), 0);
	o = paper_to_json(&p);
	assert_string_equal(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE),
	    "{\"kind\":\"paper\",\"id\":\"2512.18127\",\"version\":1,"
	    "\"arxiv_id\":\"2512.18127v1\",\"title\":\"A title\","
	    "\"abstract\":null,\"authors\":[\"Yi Yang\"],"
	    "\"categories\":[\"cs.DC\",\"cs.LG\"],\"primary_category\":\"cs.DC\","
	    "\"announce_type\":\"new\",\"published\":null,\"updated\":null,"
	    "\"links\":{\"abs\":\"https://arxiv.org/abs/2512.18127\","
	    "\"pdf\":\"https://arxiv.org/pdf/2512.18127v1\",\"html\":null},"
	    "\"comment\":null,\"journal_ref\":null,\"doi\":null,"
	    "\"license\":null,\"source\":{\"format\":\"rss\",\"feed\":null,"
	    "\"url\":null}}");
	json_object_put(o);
	paper_clear(&p);
	assert_null(p.id);
}

static void
test_accessors_and_set_keeps_position(void **state)
{
	struct json_object *o;

	(void)state;
	o = json_tokener_parse("{\"kind\":\"paper\",\"score\":1,\"x\":\"y\","
	    "\"n\":2.5}");
	assert_string_equal(record_kind(o), "paper");
	assert_string_equal(record_str(o, "x"), "y");
	assert_null(record_str(o, "score"));
	assert_true(record_num(o, "n", 0) == 2.5);
	assert_true(record_num(o, "missing", -1) == -1);
	record_set(o, "score", json_object_new_int(7));
	assert_string_equal(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN),
	    "{\"kind\":\"paper\",\"score\":7,\"x\":\"y\",\"n\":2.5}");
	json_object_put(o);
}

/* Decode line through the fast path and through json-c; both must agree. */
static void
decode_both(const char *line, int want, const char *werr, struct paper *fast)
{
	struct paper_dec *d = paper_dec_new(0, 0);
	struct paper_dec *t = paper_dec_new(0, PAPER_DEC_TREE);
	struct paper tp;
	char err[256] = "", terr[256] = "";
	int rc, trc;

	assert_non_null(d);
	assert_non_null(t);
	rc = paper_from_json(d, NULL, line, strlen(line), PAPER_F_ALL, fast,
	    err, sizeof(err));
	trc = paper_from_json(t, NULL, line, strlen(line), PAPER_F_ALL, &tp,
	    terr, sizeof(terr));
	assert_int_equal(rc, want);
	assert_int_equal(trc, want);
	if (werr) {
		assert_string_equal(err, werr);
		assert_string_equal(terr, werr);
	}
	if (rc == 0) {
		/* Owned copies outlive the decoders. */
		struct paper a, b;

		assert_int_equal(paper_copy(&a, fast), 0);
		assert_int_equal(paper_copy(&b, &tp), 0);
		paper_dec_free(d);
		paper_dec_free(t);
		assert_string_equal(a.id, b.id);
		assert_int_equal(a.version, b.version);
		assert_int_equal(a.authors.n, b.authors.n);
		if (a.title)
			assert_string_equal(a.title, b.title);
		if (a.summary.text)
			assert_string_equal(a.summary.text, b.summary.text);
		*fast = a;
		paper_clear(&b);
		return;
	}
	paper_dec_free(d);
	paper_dec_free(t);
}

static void
test_decode_fields(void **state)
{
	struct paper p;

	(void)state;
	decode_both("{\"kind\":\"paper\",\"id\":\"2512.00001\",\"version\":2,"
	    "\"title\":\"A \\\"t\\\"\",\"authors\":[\"A\",\"B\\u00e9\"],"
	    "\"links\":{\"abs\":\"https://x/abs\"},\"score\":7.5,"
	    "\"summary\":{\"text\":\"S\",\"model\":\"m\",\"cached\":true,"
	    "\"prompt_tokens\":12},\"x\":[1,2]}", 0, NULL, &p);
	assert_false(p.borrowed);
	assert_string_equal(p.id, "2512.00001");
	assert_int_equal(p.version, 2);
	assert_string_equal(p.title, "A \"t\"");
	assert_int_equal(p.authors.n, 2);
	assert_string_equal(p.authors.v[1], "B\xc3\xa9");
	assert_string_equal(p.link_abs, "https://x/abs");
	assert_true(p.has_score && p.score == 7.5);
	assert_string_equal(p.summary.model, "m");
	assert_true(p.summary.cached);
	assert_int_equal(p.summary.prompt_tokens, 12);
	assert_int_equal(p.summary.completion_tokens, -1);
	paper_clear(&p);
	/* Not canonical (white space): the tree path, the same paper. */
	decode_both("{\"kind\": \"paper\", \"id\": \"2512.00002\"}", 0, NULL,
	    &p);
	assert_string_equal(p.id, "2512.00002");
	assert_null(p.title);
	paper_clear(&p);
}

static void
test_decode_refusals(void **state)
{
	struct paper p;

	(void)state;
	decode_both("{\"kind\":\"response\",\"id\":5}", 1, NULL, &p);
	decode_both("{\"kind\":\"paper\"}", -1, "paper: id: expected a string",
	    &p);
	decode_both("{\"kind\":\"paper\",\"id\":\"2512.00001\",\"title\":5}",
	    -1, "paper 2512.00001: title: expected a string", &p);
	decode_both("{\"kind\":\"paper\",\"id\":\"2512.00001\",\"authors\":[1]}",
	    -1, "paper 2512.00001: authors: expected an array of strings", &p);
	decode_both("{\"kind\":\"paper\",\"id\":\"2512.00001\",\"links\":\"x\"}",
	    -1, "paper 2512.00001: links: expected an object", &p);
	decode_both("{\"kind\":\"paper\",\"id\":\"2512.00001\","
	    "\"summary\":{\"text\":1}}", -1,
	    "paper 2512.00001: summary.text: expected a string", &p);
	decode_both("{\"kind\":\"paper\",\"id\":\"2512.00001\",\"version\":1.5}",
	    -1, "paper 2512.00001: version: expected a whole number", &p);
	decode_both("{\"kind\":\"paper\",\"id\":\"2512.00001\",\"score\":\"1\"}",
	    -1, "paper 2512.00001: score: expected a number", &p);
	decode_both("{\"kind\":\"paper\",", -1,
	    "invalid JSON: unexpected end of input", &p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_split),
		cmocka_unit_test(test_paper_to_json_order_and_nulls),
		cmocka_unit_test(test_accessors_and_set_keeps_position),
		cmocka_unit_test(test_decode_fields),
		cmocka_unit_test(test_decode_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
