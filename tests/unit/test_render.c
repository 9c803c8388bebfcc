#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <json.h>

#include "tmpname.h"
#include "config.h"
#include "jsonc.h"
#include "record.h"
#include "render.h"

static void
test_score(void **state)
{
	char b[32];

	(void)state;
	render_score(13.5, b, sizeof(b));
	assert_string_equal(b, "13.5");
	render_score(6, b, sizeof(b));
	assert_string_equal(b, "6.0");
	render_score(7.25, b, sizeof(b));
	assert_string_equal(b, "7.25");
	render_score(0.1 + 0.2, b, sizeof(b));
	assert_string_equal(b, "0.30000000000000004");
	render_score(-2, b, sizeof(b));
	assert_string_equal(b, "-2.0");
	render_score(1e-05, b, sizeof(b));
	assert_string_equal(b, "1e-05");
	render_score(10000000, b, sizeof(b));
	assert_string_equal(b, "10000000.0");
}

static void
test_day(void **state)
{
	char b[16];

	(void)state;
	assert_int_equal(render_day("2025-12-23T05:00:00Z", b, sizeof(b)), 0);
	assert_string_equal(b, "2025-12-23");
	assert_int_equal(render_day("2025-12-23T01:00:00+02:00", b,
	    sizeof(b)), 0);
	assert_string_equal(b, "2025-12-22");
	assert_int_equal(render_day("yesterday", b, sizeof(b)), -1);
}

static void
test_formats(void **state)
{
	size_t n;

	(void)state;
	assert_non_null(render_format_find("markdown"));
	assert_ptr_equal(render_format_find("md"),
	    render_format_find("markdown"));
	assert_non_null(render_format_find("html"));
	assert_non_null(render_format_find("rss"));
	assert_non_null(render_format_find("atom"));
	assert_non_null(render_format_find("jsonfeed"));
	assert_ptr_equal(render_format_find("mail"),
	    render_format_find("email"));
	assert_null(render_format_find("pdf"));
	assert_true(render_formats(&n) != NULL && n == 6);
}

static struct json_object *
parse(const char *s)
{
	struct json_object *o = json_tokener_parse(s);

	assert_non_null(o);
	return o;
}

static void
test_add(void **state)
{
	struct render_doc *d = render_doc_new();
	struct json_object *o;
	const char **cats;
	size_t n;
	char err[128];

	(void)state;
	o = parse("{\"kind\":\"paper\",\"id\":\"2512.18127\",\"arxiv_id\":"
	    "\"2512.18127v1\",\"title\":\"T\",\"authors\":[\"A\",\"B\"],"
	    "\"categories\":[\"cs.DC\",\"cs.LG\"],\"primary_category\":null,"
	    "\"score\":13.5,\"summary\":{\"text\":\"S\",\"model\":"
	    "\"extractive\",\"source\":\"abstract\"}}");
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), 0);
	json_object_put(o);	/* the doc holds its own reference */
	o = parse("{\"kind\":\"paper\",\"id\":\"cond-mat/0412498\","
	    "\"primary_category\":\"cond-mat.str-el\",\"summary\":{\"text\":"
	    "\"# Markdown\",\"model\":\"qwen-long\"}}");
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), 0);
	json_object_put(o);
	assert_int_equal(d->npapers, 2);
	assert_string_equal(d->papers[0].primary_category, "cs.DC");
	assert_string_equal(d->papers[0].arxiv_id, "2512.18127v1");
	assert_string_equal(d->papers[0].link_abs,
	    "https://arxiv.org/abs/2512.18127");
	assert_int_equal(d->papers[0].authors.n, 2);
	assert_true(d->papers[0].has_score);
	assert_int_equal(render_summary_markdown(&d->papers[0]), 0);
	assert_string_equal(d->papers[1].arxiv_id, "cond-mat/0412498");
	assert_int_equal(d->papers[1].has_score, 0);
	assert_int_equal(render_summary_markdown(&d->papers[1]), 1);

	/* A paper arxiv-score dropped is only counted. */
	o = parse("{\"kind\":\"paper\",\"id\":\"8\",\"dropped\":\"why\"}");
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), 0);
	json_object_put(o);
	assert_int_equal(d->npapers, 2);
	assert_int_equal(d->dropped, 1);
	/* A link that is not http(s) is not used. */
	o = parse("{\"kind\":\"paper\",\"id\":\"9\",\"links\":{\"abs\":"
	    "\"javascript:alert(1)\"}}");
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), 0);
	json_object_put(o);
	assert_string_equal(d->papers[2].link_abs, "https://arxiv.org/abs/9");
	o = parse("{\"kind\":\"paper\",\"id\":\"10\",\"links\":{\"abs\":"
	    "\"data:text/html,x\"},\"title\":\"\",\"summary\":{\"text\":"
	    "\"s\"}}");
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), 0);
	json_object_put(o);
	assert_string_equal(d->papers[3].link_abs, "https://arxiv.org/abs/10");
	assert_null(d->papers[3].title);
	assert_string_equal(d->papers[3].summary.model, "unknown model");
	assert_string_equal(d->papers[3].arxiv_id, "10");
	/* One wording for a refused field, the one every stage uses. */
	o = parse("{\"kind\":\"paper\",\"id\":\"2512.00001\",\"authors\":"
	    "\"A and B\"}");
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), -1);
	assert_string_equal(err,
	    "paper 2512.00001: authors: expected an array of strings");
	json_object_put(o);
	o = parse("{\"kind\":\"paper\",\"id\":\"2512.00001\",\"score\":"
	    "\"high\"}");
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), -1);
	assert_string_equal(err, "paper 2512.00001: score: expected a number");
	json_object_put(o);
	o = parse("{\"kind\":\"paper\",\"title\":\"no id\"}");
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), -1);
	assert_string_equal(err, "paper: id: expected a string");
	json_object_put(o);
	assert_int_equal(d->npapers, 4);

	/* Without a configuration: the papers' categories, sorted, once. */
	assert_int_equal(render_doc_categories(d, &cats, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(cats[0], "cond-mat.str-el");
	assert_string_equal(cats[1], "cs.DC");
	free(cats);
	d->limit = 1;
	assert_int_equal(render_doc_shown(d), 1);
	render_doc_free(d);
	render_doc_free(NULL);
}

/*
 * A lone surrogate escape: the paper is added, read as U+FFFD, with a
 * warning for the caller; the next paper leaves none over.
 */
static void
test_lone_surrogate(void **state)
{
	struct render_doc *d = render_doc_new();
	struct jsonc_parser *jp = jsonc_parser_new();
	struct json_object *o;
	const char *line;
	char err[128];

	(void)state;
	assert_non_null(d);
	assert_non_null(jp);
	line = "{\"kind\":\"paper\",\"id\":\"2612.00004\",\"title\":"
	    "\"A \\ud800 b\"}";
	assert_int_equal(jsonc_parse_record(jp, line, strlen(line), &o, err,
	    sizeof(err)), 0);
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), 0);
	jsonc_put(o);
	assert_string_equal(d->warning, "paper 2612.00004: lone surrogate "
	    "escape read as U+FFFD");
	assert_int_equal(d->npapers, 1);
	assert_string_equal(d->papers[0].title, "A \xef\xbf\xbd b");
	line = "{\"kind\":\"paper\",\"id\":\"2612.00005\",\"dropped\":"
	    "\"\\udc00\"}";
	assert_int_equal(jsonc_parse_record(jp, line, strlen(line), &o, err,
	    sizeof(err)), 0);
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), 0);
	jsonc_put(o);
	assert_null(d->warning);	/* dropped: not decoded */
	o = parse("{\"kind\":\"paper\",\"id\":\"2612.00006\"}");
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), 0);
	json_object_put(o);
	assert_null(d->warning);
	assert_int_equal(d->npapers, 2);
	jsonc_parser_free(jp);
	render_doc_free(d);
}

static void
test_config(void **state)
{
	struct render_doc *d = render_doc_new();
	struct config *c;
	char path[64], err[256];
	FILE *fp;
	int fd;

	(void)state;
	fd = test_mkstemp(path, sizeof(path), "test_render");
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs("{\"categories\":[\"cs.AI\"],\"keywords\":[\"LLM\",\"RL\"],"
	    "\"exclude_keywords\":[\"survey\"],\"display_limit\":5}", fp);
	fclose(fp);
	c = config_load(path, err, sizeof(err));
	unlink(path);
	assert_non_null(c);
	assert_int_equal(render_doc_config(d, c, err, sizeof(err)), 0);
	assert_int_equal(d->ncategories, 1);
	assert_int_equal(d->nkeywords, 2);
	assert_int_equal(d->nexclude, 1);
	assert_int_equal(d->limit, 5);
	render_doc_free(d);
	config_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_day),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_lone_surrogate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
