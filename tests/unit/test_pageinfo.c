#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pageinfo.h"

/* A fixture's bytes (tests/fixtures under $ROOT, or the current dir). */
static char *
fixture(const char *name, size_t *len)
{
	char path[1024];
	const char *root = getenv("ROOT");
	char *s;
	long n;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/tests/fixtures/%s", root ? root : ".",
	    name);
	if ((fp = fopen(path, "rb")) == NULL)
		fail_msg("%s: cannot open", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	s = malloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	s[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return s;
}

static void
atom(const char *name, long total, long entries, const char *error)
{
	struct pageinfo_atom pi;
	size_t n;
	char *s = fixture(name, &n);

	assert_int_equal(pageinfo_atom(s, n, &pi), 0);
	assert_int_equal(pi.total, total);
	assert_int_equal(pi.entries, entries);
	if (error)
		assert_string_equal(pi.error, error);
	else
		assert_null(pi.error);
	pageinfo_atom_clear(&pi);
	free(s);
}

static void
test_atom_fixtures(void **state)
{
	(void)state;
	atom("atom_api/classic2016_search_au_del_maestro.xml", 31, 10, NULL);
	atom("atom_api/api2026_search_testing_start0_max10.xml", 214881, 10,
	    NULL);
	atom("atom_api/classic2025_xiv_cat_cs.RO_neural_max2.xml", 5619, 2,
	    NULL);
	atom("api_errors_empty/api2026_empty_id_list_0000.0000.xml", 0, 0,
	    NULL);
	atom("api_errors_empty/api2026_error_incorrect_id_format_abc_http400.xml",
	    1, 1, "incorrect id format for abc");
	atom("rss2/researcharr_rss.arxiv.org_atom_cs_2025-11-23_empty.xml", -1,
	    0, NULL);
}

static void
oai(const char *name, long records, int has_token, const char *token,
    long size, long cursor, const char *code)
{
	struct pageinfo_oai pi;
	size_t n;
	char *s = fixture(name, &n);

	assert_int_equal(pageinfo_oai(s, n, &pi), 0);
	assert_int_equal(pi.records, records);
	assert_int_equal(pi.has_token, has_token);
	if (token)
		assert_string_equal(pi.token, token);
	else
		assert_null(pi.token);
	assert_int_equal(pi.complete_size, size);
	assert_int_equal(pi.cursor, cursor);
	if (code)
		assert_string_equal(pi.error_code, code);
	else
		assert_null(pi.error_code);
	pageinfo_oai_clear(&pi);
	free(s);
}

static void
test_oai_fixtures(void **state)
{
	(void)state;
	oai("oai_pmh/shishir_2016-03-01_ListRecords_arXiv_set_cs_first_page.xml",
	    1000, 1, "1114880|1001", 102133, 0, NULL);
	oai("oai_pmh/shishir_2016-03-09_ListRecords_arXiv_last_page_empty_token.xml",
	    538, 1, "", 102538, 102000, NULL);
	oai("oai_pmh/scirate_2013-05-24_ListRecords_arXiv_resumption_436115_96001.xml",
	    1000, 1, "436115|96001", 846926, 95000, NULL);
	oai("oai_pmh/agentgraph_2026-09-20_new-oaipmh_ListRecords_arXiv_plasm-ph_3records.xml",
	    3, 0, NULL, -1, -1, NULL);
	oai("oai_pmh/inspire_error_idDoesNotExist_1305.9999.xml", 0, 0, NULL,
	    -1, -1, "idDoesNotExist");
}

static void
test_oai_synthetic(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?><!-- <record> in a comment -->"
	    "<OAI-PMH><![CDATA[<record>]]><ListRecords>"
	    "<record><header/></record><oai:record></oai:record>"
	    "<resumptionToken completeListSize = \"5\" cursor='0'>"
	    " a&amp;b&#x7C;&#233; </resumptionToken></ListRecords></OAI-PMH>";
	static const char err[] =
	    "<OAI-PMH><error code=\"badResumptionToken\">The value of the "
	    "resumptionToken argument is invalid or expired.</error></OAI-PMH>";
	struct pageinfo_oai pi;

	(void)state;
	assert_int_equal(pageinfo_oai(doc, sizeof(doc) - 1, &pi), 0);
	assert_int_equal(pi.records, 2);
	assert_string_equal(pi.token, "a&b|\xc3\xa9");
	assert_int_equal(pi.complete_size, 5);
	assert_int_equal(pi.cursor, 0);
	pageinfo_oai_clear(&pi);
	assert_int_equal(pageinfo_oai(err, sizeof(err) - 1, &pi), 0);
	assert_string_equal(pi.error_code, "badResumptionToken");
	assert_string_equal(pi.error_text, "The value of the resumptionToken "
	    "argument is invalid or expired.");
	pageinfo_oai_clear(&pi);
}

static void
test_garbage(void **state)
{
	static const char *const docs[] = {
		"", "<", "<<<>>>", "<a b='>", "<!--", "<![CDATA[", "<?x",
		"<totalResults>12", "<totalResults>x</totalResults>",
		"<resumptionToken", "<resumptionToken>", "<error>",
		"&#xFFFFFFFFFF;", "<resumptionToken>&#0;&#xD800;&bogus;&",
	};
	struct pageinfo_atom a;
	struct pageinfo_oai o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		assert_int_equal(pageinfo_atom(docs[i], strlen(docs[i]), &a), 0);
		pageinfo_atom_clear(&a);
		assert_int_equal(pageinfo_oai(docs[i], strlen(docs[i]), &o), 0);
		pageinfo_oai_clear(&o);
	}
	assert_int_equal(pageinfo_atom("<totalResults>12</totalResults>", 31,
	    &a), 0);
	assert_int_equal(a.total, 12);
	pageinfo_atom_clear(&a);
}

static void
test_no_html(void **state)
{
	static const char *const yes[] = {
		"<html><head><title>No HTML for '2401.00001v1'</title>",
		"<!DOCTYPE html><TITLE lang=en>\n  no html for x</TITLE>",
	};
	static const char *const no[] = {
		"", "<title", "<title>No HT", "<titles>No HTML</titles>",
		"<title>Attention Is All You Need</title>",
		"<html><body>No HTML for x</body></html>",
	};
	size_t i, n;
	char *s;

	(void)state;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_int_equal(pageinfo_no_html(yes[i], strlen(yes[i])), 1);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_int_equal(pageinfo_no_html(no[i], strlen(no[i])), 0);
	/* A real LaTeXML page is a paper, not the "no HTML" answer. */
	s = fixture("html/arxiv_html_2501.11120v1_latexml.html", &n);
	assert_int_equal(pageinfo_no_html(s, n), 0);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_atom_fixtures),
		cmocka_unit_test(test_oai_fixtures),
		cmocka_unit_test(test_oai_synthetic),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_no_html),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
