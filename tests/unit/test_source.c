#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json.h>

#include "source.h"

static const struct source_defaults defaults = {
	SOURCE_DEFAULT_MAX, SOURCE_DEFAULT_PAGE, NULL, NULL, NULL, NULL, NULL,
	NULL
};

static const struct source_bases bases = {
	"http://h/rss/", "http://h/atom/", "http://h/api/query", "http://h/oai",
	"http://h/html/", "http://h/pdf"
};

static void
check_url(struct source *s, long start, long n, const char *token,
    const char *want)
{
	char *u = source_url(s, &bases, start, n, token);

	assert_string_equal(u, want);
	free(u);
}

static const char *
request_json(struct source *s)
{
	return json_object_to_json_string_ext(source_request(s),
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
}

static void
test_operands(void **state)
{
	struct source *s;
	char err[256];

	(void)state;
	s = source_new(SOURCE_RSS, "cs.AI+cs.LG", &defaults, err, sizeof(err));
	assert_non_null(s);
	check_url(s, 0, 0, NULL, "http://h/rss/cs.AI+cs.LG");
	assert_string_equal(request_json(s), "{\"kind\":\"request\","
	    "\"source\":\"rss\",\"categories\":[\"cs.AI\",\"cs.LG\"]}");
	source_free(s);

	s = source_new(SOURCE_ATOM, "math", &defaults, err, sizeof(err));
	check_url(s, 0, 0, NULL, "http://h/atom/math");
	assert_string_equal(request_json(s), "{\"kind\":\"request\","
	    "\"source\":\"atom\",\"category\":\"math\"}");
	source_free(s);

	s = source_new(SOURCE_HTML, "arXiv:2501.11120v1", &defaults, err,
	    sizeof(err));
	check_url(s, 0, 0, NULL, "http://h/html/2501.11120v1");
	source_free(s);

	/* A base without a trailing slash gets one. */
	s = source_new(SOURCE_PDF, "2501.11120v2", &defaults, err,
	    sizeof(err));
	check_url(s, 0, 0, NULL, "http://h/pdf/2501.11120v2");
	assert_string_equal(request_json(s), "{\"kind\":\"request\","
	    "\"source\":\"pdf\",\"id\":\"2501.11120v2\"}");
	source_free(s);

	s = source_new(SOURCE_URL, "file:///tmp/x.xml", &defaults, err,
	    sizeof(err));
	check_url(s, 0, 0, NULL, "file:///tmp/x.xml");
	assert_string_equal(request_json(s), "{\"kind\":\"request\","
	    "\"source\":\"url\",\"url\":\"file:///tmp/x.xml\"}");
	source_free(s);

	s = source_new(SOURCE_IDS, "2501.11120", &defaults, err, sizeof(err));
	assert_int_equal(source_add_id(s, "https://arxiv.org/abs/hep-th/9901001v2",
	    err, sizeof(err)), 0);
	assert_int_equal(source_add_id(s, "2501.00001", err, sizeof(err)), 0);
	check_url(s, 0, 2, NULL,
	    "http://h/api/query?id_list=2501.11120,hep-th/9901001v2&max_results=2");
	check_url(s, 2, 2, NULL,
	    "http://h/api/query?id_list=2501.00001&max_results=2");
	assert_int_equal(source_add_id(s, "nonsense", err, sizeof(err)), -1);
	assert_string_equal(err, "not an arXiv identifier: nonsense");
	source_free(s);
}

static void
test_api(void **state)
{
	struct source_defaults d = defaults;
	struct source *s;
	char err[256];

	(void)state;
	d.sort = "submitted";
	d.order = "desc";
	s = source_new(SOURCE_API, "cat:cs.AI AND ti:\"llm\"", &d, err,
	    sizeof(err));
	assert_non_null(s);
	check_url(s, 200, 100, NULL, "http://h/api/query?search_query="
	    "cat%3Acs.AI%20AND%20ti%3A%22llm%22&start=200&max_results=100"
	    "&sortBy=submittedDate&sortOrder=descending");
	assert_string_equal(request_json(s), "{\"kind\":\"request\","
	    "\"source\":\"api\",\"query\":\"cat:cs.AI AND ti:\\\"llm\\\"\","
	    "\"max\":100,\"page_size\":100,\"sort\":\"submitted\","
	    "\"order\":\"desc\"}");
	source_free(s);
}

static void
test_bad_operands(void **state)
{
	struct source_defaults d = defaults;
	char err[256];

	(void)state;
	assert_null(source_new(SOURCE_RSS, "cs.AI++cs.LG", &d, err,
	    sizeof(err)));
	assert_null(source_new(SOURCE_RSS, "cs.AI/../x", &d, err, sizeof(err)));
	assert_null(source_new(SOURCE_RSS, "", &d, err, sizeof(err)));
	assert_null(source_new(SOURCE_URL, "ftp://x/y", &d, err, sizeof(err)));
	assert_string_equal(err, "url: not an http, https or file URL: ftp://x/y");
	assert_null(source_new(SOURCE_API, "", &d, err, sizeof(err)));
	assert_null(source_new(SOURCE_HTML, "x", &d, err, sizeof(err)));
	d.max = 30001;
	assert_null(source_new(SOURCE_API, "q", &d, err, sizeof(err)));
	assert_non_null(strstr(err, "at most 30000"));
	d.max = 30000;
	d.page_size = 2001;
	assert_null(source_new(SOURCE_API, "q", &d, err, sizeof(err)));
	d.page_size = 2000;
	d.sort = "date";
	assert_null(source_new(SOURCE_API, "q", &d, err, sizeof(err)));
	d.sort = NULL;
	d.order = "up";
	assert_null(source_new(SOURCE_API, "q", &d, err, sizeof(err)));
	d = defaults;
	d.prefix = "marc";
	assert_null(source_new(SOURCE_OAI, NULL, &d, err, sizeof(err)));
	d.prefix = NULL;
	d.from = "2026-13";
	assert_null(source_new(SOURCE_OAI, NULL, &d, err, sizeof(err)));
	assert_string_equal(err, "from: 2026-13: expected YYYY-MM-DD");
}

static void
test_oai(void **state)
{
	struct source_defaults d = defaults;
	struct source *s;
	char err[256];

	(void)state;
	d.set = "physics:hep-th";
	d.from = "2026-11-20";
	d.until = "2026-11-27T00:00:00Z";
	s = source_new(SOURCE_OAI, NULL, &d, err, sizeof(err));
	assert_non_null(s);
	check_url(s, 0, 0, NULL, "http://h/oai?verb=ListRecords&metadataPrefix="
	    "arXiv&set=physics%3Ahep-th&from=2026-11-20&until=2026-11-27T00:00:00Z");
	check_url(s, 0, 0, "1114880|1001",
	    "http://h/oai?verb=ListRecords&resumptionToken=1114880%7C1001");
	source_free(s);
}

static struct source *
from_json(const char *js, char *err, size_t errlen)
{
	struct json_object *o = json_tokener_parse(js);
	struct source *s;

	assert_non_null(o);
	s = source_from_record(o, &defaults, err, errlen);
	json_object_put(o);
	return s;
}

static void
test_records(void **state)
{
	struct source *s;
	char err[256];

	(void)state;
	s = from_json("{\"kind\":\"request\",\"url\":\"http://e/x\",\"x\":1}",
	    err, sizeof(err));
	assert_non_null(s);
	check_url(s, 0, 0, NULL, "http://e/x");
	/* The record itself, unknown fields and all, is the request. */
	assert_string_equal(request_json(s),
	    "{\"kind\":\"request\",\"url\":\"http://e/x\",\"x\":1}");
	source_free(s);

	s = from_json("{\"kind\":\"request\",\"source\":\"rss\","
	    "\"categories\":[\"cs.AI\",\"cs.CL\"]}", err, sizeof(err));
	check_url(s, 0, 0, NULL, "http://h/rss/cs.AI+cs.CL");
	source_free(s);

	s = from_json("{\"kind\":\"request\",\"source\":\"ids\","
	    "\"ids\":[\"2501.11120\",\"hep-th/9901001\"],\"page_size\":1}",
	    err, sizeof(err));
	assert_int_equal(s->page_size, 1);
	check_url(s, 1, 1, NULL,
	    "http://h/api/query?id_list=hep-th/9901001&max_results=1");
	source_free(s);

	s = from_json("{\"kind\":\"request\",\"source\":\"api\",\"query\":\"x\","
	    "\"max\":5,\"sort\":\"updated\"}", err, sizeof(err));
	assert_int_equal(s->max, 5);
	check_url(s, 0, 5, NULL, "http://h/api/query?search_query=x&start=0"
	    "&max_results=5&sortBy=lastUpdatedDate");
	source_free(s);

	s = from_json("{\"kind\":\"request\",\"source\":\"html\","
	    "\"id\":\"2501.11120\"}", err, sizeof(err));
	check_url(s, 0, 0, NULL, "http://h/html/2501.11120");
	source_free(s);

	s = from_json("{\"kind\":\"request\",\"source\":\"pdf\","
	    "\"id\":\"hep-th/9901001v1\"}", err, sizeof(err));
	check_url(s, 0, 0, NULL, "http://h/pdf/hep-th/9901001v1");
	source_free(s);
}

static void
test_bad_records(void **state)
{
	static const struct {
		const char	*json;
		const char	*err;
	} cases[] = {
		{ "{\"kind\":\"request\"}", "request: no \"url\" or \"source\"" },
		{ "{\"kind\":\"request\",\"source\":\"ftp\"}",
		    "request: unknown source \"ftp\"" },
		{ "{\"kind\":\"request\",\"source\":7}",
		    "request: \"source\" is not a string" },
		{ "{\"kind\":\"request\",\"source\":\"rss\"}",
		    "request: rss: no \"category\" or \"categories\"" },
		{ "{\"kind\":\"request\",\"source\":\"rss\",\"categories\":[]}",
		    "request: \"categories\" is not an array of strings" },
		{ "{\"kind\":\"request\",\"source\":\"api\"}",
		    "request: api: no \"query\"" },
		{ "{\"kind\":\"request\",\"source\":\"api\",\"query\":\"q\","
		    "\"max\":-1}", "request: \"max\" is not a count" },
		{ "{\"kind\":\"request\",\"source\":\"ids\",\"ids\":[\"x\"]}",
		    "not an arXiv identifier: x" },
		{ "{\"kind\":\"request\",\"source\":\"html\"}",
		    "request: html: no \"id\"" },
		{ "{\"kind\":\"request\",\"url\":\"gopher://x\"}",
		    "url: not an http, https or file URL: gopher://x" },
	};
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_null(from_json(cases[i].json, err, sizeof(err)));
		assert_string_equal(err, cases[i].err);
	}
}

static void
test_names_dates(void **state)
{
	(void)state;
	assert_int_equal(source_type_from_name("oai"), SOURCE_OAI);
	assert_int_equal(source_type_from_name("requests"), -1);
	assert_string_equal(source_type_name(SOURCE_IDS), "ids");
	assert_true(source_valid_date("2026-11-29"));
	assert_true(source_valid_date("2026-11-29T05:00:00Z"));
	assert_false(source_valid_date("2026-11-29T05:00:00"));
	assert_false(source_valid_date("yesterday"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_operands),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_bad_operands),
		cmocka_unit_test(test_oai),
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_bad_records),
		cmocka_unit_test(test_names_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
