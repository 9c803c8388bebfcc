#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json.h>

#include "buf.h"
#include "jsonc.h"
#include "record.h"
#include "nest.h"
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
	jsonc_set(o, "score", json_object_new_int(7));
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
	/* fuzz_score: a key of a length no known key has, starting alike. */
	decode_both("{\"kind\":\"paper\",\"id\":\"2512.00001\","
	    "\"kindofalongkeyname\":1,\"k\":2}", 0, NULL, &p);
	paper_clear(&p);
	decode_both("{\"kind\":\"paper\",", -1,
	    "invalid JSON: unexpected end of input", &p);
}

/*
 * The objects links, source and summary are scanned only when a member is
 * needed: every rule must hold as if they were scanned up front.
 */
static void
test_decode_objects(void **state)
{
	static const char line[] = "{\"kind\":\"paper\",\"id\":\"2512.00001\","
	    "\"categories\":[\"cs.AI\"],\"links\":{\"abs\":\"https://x/a\","
	    "\"pdf\":\"https://x/p\",\"html\":null}}";
	struct paper_dec *d;
	struct paper p;
	char err[256];

	(void)state;
	decode_both("{\"kind\":\"paper\",\"id\":\"2512.00001\","
	    "\"links\":{\"abs\":null,\"pdf\":5}}", -1,
	    "paper 2512.00001: links.pdf: expected a string", &p);
	decode_both("{\"kind\":\"paper\",\"id\":\"2512.00001\","
	    "\"links\":{\"abs\":\"a\",\"abs\":[\"b\"]}}", -1,
	    "paper 2512.00001: links.abs: expected a string", &p);
	decode_both("{\"kind\":\"paper\",\"id\":\"2512.00001\","
	    "\"summary\":{\"text\":\"S\",\"cached\":\"yes\"}}", -1,
	    "paper 2512.00001: summary.cached: expected true or false", &p);
	/* An escaped key inside an object: json-c reads it. */
	decode_both("{\"kind\":\"paper\",\"id\":\"2512.00001\","
	    "\"links\":{\"\\u0061bs\":\"https://x/a\",\"html\":null}}", 0,
	    NULL, &p);
	assert_string_equal(p.link_abs, "https://x/a");
	assert_null(p.link_html);
	paper_clear(&p);
	decode_both(line, 0, NULL, &p);
	assert_string_equal(p.link_abs, "https://x/a");
	assert_string_equal(p.link_pdf, "https://x/p");
	assert_null(p.link_html);
	paper_clear(&p);

	/* As arxiv-score reads it: the cheap fields, then the links. */
	assert_non_null(d = paper_dec_new(PAPER_F_ID | PAPER_F_CATEGORIES |
	    PAPER_F_LINKS, 0));
	assert_int_equal(paper_from_json(d, NULL, line, sizeof(line) - 1,
	    PAPER_F_ID | PAPER_F_CATEGORIES, &p, err, sizeof(err)), 0);
	assert_null(p.link_abs);
	assert_int_equal(p.categories.n, 1);
	assert_string_equal(p.categories.v[0], "cs.AI");
	assert_int_equal(paper_dec_more(d, PAPER_F_LINKS, &p, err,
	    sizeof(err)), 0);
	assert_string_equal(p.link_abs, "https://x/a");
	assert_string_equal(p.link_pdf, "https://x/p");
	assert_int_equal(paper_from_json(d, NULL, line, sizeof(line) - 1,
	    PAPER_F_ID, &p, err, sizeof(err)), 0);
	assert_null(p.link_abs);
	assert_int_equal(paper_dec_more(d, PAPER_F_LINKS, &p, err,
	    sizeof(err)), 0);
	assert_string_equal(p.link_abs, "https://x/a");
	paper_clear(&p);
	paper_dec_free(d);
}

/* Splice line without remove's keys, with app appended; compare. */
static void
splice(const char *line, const char *const *remove, const char *app,
    const char *want)
{
	struct buf b = {0};

	assert_int_equal(record_splice(line, strlen(line), remove, app,
	    app ? strlen(app) : 0, &b), 0);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void
test_splice(void **state)
{
	static const char *const own[] = { "score", "matches", NULL };
	struct buf b = {0};

	(void)state;
	/* Every other member as written: numbers, escapes, order. */
	splice("{\"kind\":\"paper\",\"n\":-0,\"big\":18446744073709551616,"
	    "\"huge\":123456789012345678901234567890,\"e\":\"\\u00e9\\/\","
	    "\"f\":1.50e+3,\"score\":3.0,\"o\":{\"k\": [1, 2]}}", own,
	    ",\"score\":1.0,\"matches\":[]",
	    "{\"kind\":\"paper\",\"n\":-0,\"big\":18446744073709551616,"
	    "\"huge\":123456789012345678901234567890,\"e\":\"\\u00e9\\/\","
	    "\"f\":1.50e+3,\"o\":{\"k\": [1, 2]},\"score\":1.0,"
	    "\"matches\":[]}");
	/* White space between members and around colons goes; inside stays. */
	splice(" {\"a\" : 1 , \"b\":\t[1, 2] }\r", NULL, NULL,
	    "{\"a\":1,\"b\":[1, 2]}");
	/* Duplicates: an own key goes every time, another stays twice. */
	splice("{\"score\":1,\"x\":1,\"score\":2,\"x\":2}", own,
	    ",\"score\":3", "{\"x\":1,\"x\":2,\"score\":3}");
	/* A key written with escapes is still that key. */
	splice("{\"a\":1,\"sc\\u006fre\":2}", own, NULL, "{\"a\":1}");
	/* Nothing left: no stray comma. */
	splice("{\"score\":1}", own, ",\"score\":2", "{\"score\":2}");
	splice("{}", NULL, NULL, "{}");
	/* Deep and wide lines splice too. */
	assert_int_equal(record_splice("[1]", 3, NULL, NULL, 0, &b), -1);
	buf_reset(&b);
	assert_int_equal(record_splice("{\"a\":1", 6, NULL, NULL, 0, &b), -1);
	buf_free(&b);
}

/* n levels of arrays (or objects) under "deep", in a record. */
static char *
deep_line(const char *kind, size_t n, int objects, const char *field)
{
	char *s = malloc(n * 6 + 256), *p = s;

	p += sprintf(p, "{\"kind\":\"%s\",\"id\":\"2512.00001\",\"n\":-0,"
	    "\"%s\":", kind, field);
	p = nest_value(p, n, objects);
	p += sprintf(p, ",\"title\":\"T\",\"big\":18446744073709551616}");
	return s;
}

/*
 * Depth: json-c holds JSONC_DEPTH levels; a deeper record still parses,
 * with its members, and is written back byte for byte; a paper is
 * refused only for a field it reads.
 */
static void
test_depth(void **state)
{
	static const size_t depths[] = { 33, 1000, 100000 };
	struct jsonc_parser *jp = jsonc_parser_new();
	struct json_object *o;
	struct paper p;
	const char *w;
	char err[256], *line;
	size_t i, len;
	int obj;

	(void)state;
	for (i = 0; i < sizeof(depths) / sizeof(depths[0]); i++)
		for (obj = 0; obj < 2; obj++) {
			line = deep_line("paper", depths[i], obj, "x_deep");
			assert_int_equal(jsonc_parse_record(jp, line,
			    strlen(line), &o, err, sizeof(err)), 0);
			assert_string_equal(record_kind(o), "paper");
			w = jsonc_write(o, &len);
			assert_int_equal(len, strlen(line));
			assert_memory_equal(w, line, len);
			/* Both paths decode the paper: x_deep is not read. */
			decode_both(line, 0, NULL, &p);
			assert_string_equal(p.title, "T");
			paper_clear(&p);
			assert_int_equal(paper_from_json(NULL, o, NULL, 0,
			    PAPER_F_ALL, &p, err, sizeof(err)), 0);
			paper_clear(&p);
			json_object_put(o);
			free(line);
			/* Too deep where the paper is read: refused. */
			line = deep_line("paper", depths[i], obj, "authors");
			decode_both(line, -1, "paper 2512.00001: authors: "
			    "expected an array of strings", &p);
			free(line);
		}
	jsonc_parser_free(jp);
}

/* The tree writes integers back as they were read. */
static void
test_tree_numbers(void **state)
{
	static const char *lines[] = {
		"{\"kind\":\"x\",\"a\":-0,\"b\":18446744073709551616,"
		    "\"c\":-123456789012345678901234567890,\"d\":[-0,{\"e\":"
		    "99999999999999999999}],\"f\":1.50,\"g\":-0.0}",
		"{\"kind\":\"x\",\"a\":-0,\"a\":5}",
		"{\"kind\":\"x\",\"a\":5,\"a\":-0}",
		"{\"kind\":\"x\",\"a\":{\"b\":-0},\"a\":{\"b\":7}}",
	};
	static const char *want[] = {
		NULL, "{\"kind\":\"x\",\"a\":5}", "{\"kind\":\"x\",\"a\":-0}",
		"{\"kind\":\"x\",\"a\":{\"b\":7}}",
	};
	struct jsonc_parser *jp = jsonc_parser_new();
	struct json_object *o;
	const char *w;
	char err[256];
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		assert_int_equal(jsonc_parse_record(jp, lines[i],
		    strlen(lines[i]), &o, err, sizeof(err)), 0);
		w = jsonc_write(o, &len);
		assert_string_equal(w, want[i] ? want[i] : lines[i]);
		json_object_put(o);
	}
	jsonc_parser_free(jp);
}

/* A lone surrogate: read as U+FFFD, with a warning, on both paths. */
static void
test_lone_surrogate(void **state)
{
	static const char *line = "{\"kind\":\"paper\",\"id\":\"2512.00001\","
	    "\"title\":\"a\\ud800b\",\"x\":\"\\udc00\"}";
	static const char *pair = "{\"kind\":\"paper\",\"id\":"
	    "\"2512.00002\",\"title\":\"\\ud83d\\ude00\"}";
	struct paper_dec *d;
	struct paper p;
	char err[256];
	int flags;

	(void)state;
	for (flags = 0; flags <= PAPER_DEC_TREE; flags += PAPER_DEC_TREE) {
		d = paper_dec_new(0, flags);
		assert_int_equal(paper_from_json(d, NULL, line, strlen(line),
		    PAPER_F_ALL, &p, err, sizeof(err)), 0);
		assert_string_equal(p.title, "a\xef\xbf\xbd" "b");
		assert_string_equal(paper_dec_warning(d), "paper 2512.00001: "
		    "lone surrogate escape read as U+FFFD");
		/* A pair is no lone surrogate; the warning is per record. */
		assert_int_equal(paper_from_json(d, NULL, pair, strlen(pair),
		    PAPER_F_ALL, &p, err, sizeof(err)), 0);
		assert_null(paper_dec_warning(d));
		paper_dec_free(d);
	}
}

/*
 * paper_dec_dropped(): a "dropped" that is not null, on both paths, and
 * on a paper whose fields were refused; nothing for a line not JSON.
 */
static void
test_dropped(void **state)
{
	static const struct {
		const char	*line;
		int		 rc, dropped;
	} c[] = {
		{ "{\"kind\":\"paper\",\"id\":\"1\",\"dropped\":\"x\"}", 0, 1 },
		{ "{\"kind\":\"paper\",\"id\":\"1\",\"dropped\":null}", 0, 0 },
		{ "{\"kind\":\"paper\",\"id\":\"1\"}", 0, 0 },
		{ "{\"kind\":\"paper\",\"title\":5,\"dropped\":true}", -1, 1 },
		{ "{\"kind\":\"paper\",\"id\":\"1\",\"title\":5}", -1, 0 },
		{ "{\"kind\":\"paper\",", -1, 0 },
	};
	struct paper_dec *d;
	struct paper p;
	char err[256];
	size_t i;
	int flags;

	(void)state;
	for (flags = 0; flags <= PAPER_DEC_TREE; flags += PAPER_DEC_TREE) {
		d = paper_dec_new(PAPER_F_ALL, flags);
		for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
			assert_int_equal(paper_from_json(d, NULL, c[i].line,
			    strlen(c[i].line), PAPER_F_ALL, &p, err,
			    sizeof(err)), c[i].rc);
			assert_int_equal(paper_dec_dropped(d), c[i].dropped);
		}
		paper_dec_free(d);
	}
}

/* record_replace(): in place, duplicates dropped, appended, removed. */
static void
test_replace(void **state)
{
	static const char *const names[] = { "s", "e", NULL };
	static const struct {
		const char *line, *s, *e, *want;
	} cases[] = {
		{ "{\"a\":1,\"s\":0,\"b\":2}", "{\"t\":1}", NULL,
		    "{\"a\":1,\"s\":{\"t\":1},\"b\":2}" },
		{ "{\"s\":0,\"a\":\"\\u0041\",\"s\":1,\"e\":3}", "9",
		    NULL, "{\"s\":9,\"a\":\"\\u0041\"}" },
		{ "{\"a\" : -0 , \"b\":1E5}", "1", "\"x\"",
		    "{\"a\":-0,\"b\":1E5,\"s\":1,\"e\":\"x\"}" },
		{ "{\"e\":1}", NULL, NULL, "{}" },
		{ "{}", NULL, "2", "{\"e\":2}" },
		{ "{\"\\u0073\":1,\"z\":[18446744073709551616]}", "5", NULL,
		    "{\"s\":5,\"z\":[18446744073709551616]}" },
	};
	struct buf b = {0};
	const char *vals[2];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		vals[0] = cases[i].s;
		vals[1] = cases[i].e;
		buf_reset(&b);
		assert_int_equal(record_replace(cases[i].line,
		    strlen(cases[i].line), names, vals, &b), 0);
		assert_string_equal(buf_str(&b), cases[i].want);
	}
	buf_reset(&b);
	assert_int_equal(record_replace("[1]", 3, names, vals, &b), -1);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_split),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_paper_to_json_order_and_nulls),
		cmocka_unit_test(test_accessors_and_set_keeps_position),
		cmocka_unit_test(test_decode_fields),
		cmocka_unit_test(test_decode_refusals),
		cmocka_unit_test(test_decode_objects),
		cmocka_unit_test(test_splice),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_tree_numbers),
		cmocka_unit_test(test_lone_surrogate),
		cmocka_unit_test(test_dropped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
