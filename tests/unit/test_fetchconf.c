#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tmpname.h"
#include "config.h"
#include "fetchconf.h"
#include "source.h"

/* A config.json holding data, loaded; the file is gone again. */
static struct config *
load(const char *data)
{
	struct config *cf;
	char name[64], err[256];
	FILE *fp;

	fp = fdopen(test_mkstemp(name, sizeof(name), "test_fetchconf"), "w");
	assert_non_null(fp);
	fputs(data, fp);
	fclose(fp);
	cf = config_load(name, err, sizeof(err));
	unlink(name);
	assert_non_null(cf);
	return cf;
}

static void
test_bases(void **state)
{
	struct source_bases b = {0};
	struct config *cf;
	char err[512];

	(void)state;
	assert_int_equal(fetchconf_bases(&b, NULL, err, sizeof(err)), 0);
	assert_string_equal(b.rss, SOURCE_RSS_BASE);
	assert_string_equal(b.html, SOURCE_HTML_BASE);
	assert_string_equal(b.pdf, SOURCE_PDF_BASE);

	cf = load("{\"arxiv\":{\"api_base\":\"http://127.0.0.1:1/api\","
	    "\"rss_base\":\"http://127.0.0.1:1/rss/\"}}");
	memset(&b, 0, sizeof(b));
	b.rss = "file:///set/by/option/";
	assert_int_equal(fetchconf_bases(&b, cf, err, sizeof(err)), 0);
	assert_string_equal(b.rss, "file:///set/by/option/");
	assert_string_equal(b.api, "http://127.0.0.1:1/api");
	assert_string_equal(b.atom, SOURCE_ATOM_BASE);
	config_free(cf);

	cf = load("{\"arxiv\":{\"oai_base\":\"ftp://x\"}}");
	memset(&b, 0, sizeof(b));
	assert_int_equal(fetchconf_bases(&b, cf, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ": arxiv.oai_base: not an http, https "
	    "or file URL: ftp://x"));
	config_free(cf);

	cf = load("{\"arxiv\":{\"html_base\":3}}");
	memset(&b, 0, sizeof(b));
	assert_int_equal(fetchconf_bases(&b, cf, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "arxiv.html_base"));
	config_free(cf);
}

static void
test_feed(void **state)
{
	const struct source_defaults d = { SOURCE_DEFAULT_MAX,
	    SOURCE_DEFAULT_PAGE, NULL, NULL, NULL, NULL, NULL, NULL };
	struct config *cf;
	struct source *s;
	char err[512];

	(void)state;
	cf = load("{\"categories\":[\"cs.AI\",\"cs.CL\"]}");
	s = fetchconf_feed(cf, &d, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(s->type, SOURCE_RSS);
	assert_string_equal(s->arg, "cs.AI+cs.CL");
	source_free(s);
	config_free(cf);

	cf = load("{\"categories\":[]}");
	assert_null(fetchconf_feed(cf, &d, err, sizeof(err)));
	assert_non_null(strstr(err, ": categories: no categories to fetch"));
	config_free(cf);

	cf = load("{}");
	assert_null(fetchconf_feed(cf, &d, err, sizeof(err)));
	assert_non_null(strstr(err, ": categories: no categories to fetch"));
	config_free(cf);
}

static void
test_fulltext_max(void **state)
{
	struct config *cf;
	char err[512];
	long max = -1;

	(void)state;
	cf = load("{\"ai_summary\":{\"max_papers_to_summarize\":15},"
	    "\"arxiv\":{\"pdf_base\":\"http://127.0.0.1:1/pdf\"}}");
	assert_int_equal(fetchconf_fulltext_max(cf, &max, err, sizeof(err)),
	    0);
	assert_int_equal(max, 15);
	config_free(cf);
	cf = load("{\"ai_summary\":{\"enabled\":true}}");
	max = -1;
	assert_int_equal(fetchconf_fulltext_max(cf, &max, err, sizeof(err)),
	    1);
	assert_int_equal(max, -1);
	config_free(cf);
	cf = load("{\"ai_summary\":{\"max_papers_to_summarize\":-2}}");
	assert_int_equal(fetchconf_fulltext_max(cf, &max, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "ai_summary.max_papers_to_summarize: "
	    "expected a number of papers, not -2"));
	config_free(cf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bases),
		cmocka_unit_test(test_feed),
		cmocka_unit_test(test_fulltext_max),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
