#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "url.h"

static void
check_host(const char *url, const char *want)
{
	char *h = url_host(url);

	if (want == NULL)
		assert_null(h);
	else
		assert_string_equal(h, want);
	free(h);
}

static void
test_host(void **state)
{
	(void)state;
	check_host("https://export.arxiv.org/api/query?x=1", "export.arxiv.org");
	check_host("http://127.0.0.1:8080/rss/cs.AI", "127.0.0.1:8080");
	check_host("HTTPS://User:pw@Example.ORG:443", "example.org:443");
	check_host("http://[::1]:99/x", "[::1]:99");
	check_host("file:///tmp/x", NULL);
	check_host("not a url", NULL);
}

static void
test_is_arxiv(void **state)
{
	(void)state;
	assert_true(url_host_is_arxiv("arxiv.org"));
	assert_true(url_host_is_arxiv("export.arxiv.org"));
	assert_true(url_host_is_arxiv("rss.arxiv.org:443"));
	assert_true(url_host_is_arxiv("arxiv.org."));
	assert_false(url_host_is_arxiv("notarxiv.org"));
	assert_false(url_host_is_arxiv("arxiv.org.evil.com"));
	assert_false(url_host_is_arxiv("127.0.0.1:3000"));
	assert_false(url_host_is_arxiv(NULL));
}

static void
test_escape(void **state)
{
	char *e;

	(void)state;
	e = url_escape("cat:cs.AI AND ti:\"llm\"/x~_-");
	assert_string_equal(e, "cat%3Acs.AI%20AND%20ti%3A%22llm%22%2Fx~_-");
	free(e);
	e = url_escape("1114880|1001");
	assert_string_equal(e, "1114880%7C1001");
	free(e);
	e = url_escape("\xc3\xa9");
	assert_string_equal(e, "%C3%A9");
	free(e);
}

static void
check_redact(const char *url, const char *want)
{
	char *r = url_redact(url);

	assert_string_equal(r, want);
	free(r);
}

static void
test_redact(void **state)
{
	(void)state;
	check_redact("https://export.arxiv.org/api/query?search_query=x&start=0",
	    "https://export.arxiv.org/api/query?search_query=x&start=0");
	check_redact("https://me:hunter2@host/p?q=1", "https://me:***@host/p?q=1");
	check_redact("https://me@host/p", "https://me@host/p");
	check_redact("https://h/p?api_key=abc&x=1&token=t#frag",
	    "https://h/p?api_key=***&x=1&token=***#frag");
	check_redact("https://h/p?Access_Token=abc", "https://h/p?Access_Token=***");
	check_redact("https://h/oai?verb=ListRecords&resumptionToken=12|1001",
	    "https://h/oai?verb=ListRecords&resumptionToken=12|1001");
	check_redact("https://h/p?author=someone&sig=zz",
	    "https://h/p?author=someone&sig=***");
	check_redact("file:///tmp/x", "file:///tmp/x");
}

static void
test_scheme(void **state)
{
	(void)state;
	assert_true(url_has_scheme("HTTP://x", "http"));
	assert_true(url_has_scheme("file:///x", "file"));
	assert_false(url_has_scheme("https://x", "http"));
	assert_false(url_has_scheme("http:x", "http"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_host),
		cmocka_unit_test(test_is_arxiv),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_redact),
		cmocka_unit_test(test_scheme),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
