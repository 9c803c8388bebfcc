/* Unit tests for lib/fulltext.c: LaTeXML pages to sections. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json.h>

#include "fulltext.h"

static const char page[] =
    "<!DOCTYPE html><html><head><title>t</title>"
    "<base href=\"/html/2501.11120v3/\"/></head><body>"
    "<nav class=\"ltx_page_navbar\">Contents</nav>"
    "<article class=\"ltx_document\">"
    "<h1 class=\"ltx_title ltx_title_document\">On <math alttext=\"x^2\">"
    "<semantics><mi>x</mi><annotation encoding=\"application/x-tex\">x^{2}"
    "</annotation></semantics></math> things</h1>"
    "<div class=\"ltx_authors\">A. Author</div>"
    "<div class=\"ltx_abstract\"><h6 class=\"ltx_title\">Abstract</h6>"
    "<p class=\"ltx_p\">We   study\n things.</p></div>"
    "<section class=\"ltx_section\"><h2 class=\"ltx_title\">"
    "<span class=\"ltx_tag\">1 </span>Intro</h2>"
    "<div class=\"ltx_para\"><p>First <math alttext=\"a\" display=\"block\">"
    "</math> para<span class=\"ltx_note\">footnote</span>.</p></div>"
    "<figure class=\"ltx_figure\"><figcaption>Figure 1: no</figcaption>"
    "</figure><div class=\"ltx_para\"><p>Second \xff para.</p></div>"
    "<section class=\"ltx_subsection\"><h3 class=\"ltx_title\">1.1 Sub</h3>"
    "<p>Deep.</p></section></section>"
    "<section class=\"ltx_bibliography\"><h2>References</h2><p>[1] x</p>"
    "</section></article><footer>f</footer></body></html>";

static void
test_page(void **state)
{
	struct fulltext *ft;
	struct json_object *o;
	char err[256];

	(void)state;
	ft = fulltext_parse(page, sizeof(page) - 1, NULL, NULL, err,
	    sizeof(err));
	assert_non_null(ft);
	assert_string_equal(ft->id, "2501.11120");
	assert_int_equal(ft->version, 3);
	assert_string_equal(ft->title, "On $x^{2}$ things");
	assert_int_equal(ft->nsections, 3);
	assert_string_equal(ft->sections[0].heading, "Abstract");
	assert_string_equal(ft->sections[0].text, "We study things.");
	assert_string_equal(ft->sections[1].heading, "1 Intro");
	assert_string_equal(ft->sections[1].text,
	    "First \\[a\\] para.\n\nSecond \xef\xbf\xbd para.");
	assert_string_equal(ft->sections[2].heading, "1.1 Sub");
	assert_string_equal(ft->sections[2].text, "Deep.");
	assert_int_equal(ft->nrepaired, 1);
	o = fulltext_to_json(ft);
	assert_string_equal(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE),
	    "{\"kind\":\"fulltext\",\"id\":\"2501.11120\",\"arxiv_id\":"
	    "\"2501.11120v3\",\"title\":\"On $x^{2}$ things\",\"sections\":["
	    "{\"heading\":\"Abstract\",\"text\":\"We study things.\"},"
	    "{\"heading\":\"1 Intro\",\"text\":\"First \\\\[a\\\\] para.\\n\\n"
	    "Second \xef\xbf\xbd para.\"},{\"heading\":\"1.1 Sub\",\"text\":"
	    "\"Deep.\"}]}");
	json_object_put(o);
	fulltext_free(ft);
}

static void
test_id_from_url(void **state)
{
	const char *p = "<html><body><div class=\"ltx_document\"><p>x</p>"
	    "</div></body></html>";
	struct fulltext *ft;
	char err[256];

	(void)state;
	ft = fulltext_parse(p, strlen(p), "https://arxiv.org/html/cs/0101001v2",
	    NULL, err, sizeof(err));
	assert_non_null(ft);
	assert_string_equal(ft->id, "cs/0101001");
	assert_int_equal(ft->version, 2);
	assert_null(ft->title);
	assert_int_equal(ft->nsections, 1);
	assert_null(ft->sections[0].heading);
	assert_string_equal(ft->sections[0].text, "x");
	fulltext_free(ft);
}

static void
test_not_latexml(void **state)
{
	const char *p = "<html><body><h1>Not Found</h1></body></html>";
	char err[256];

	(void)state;
	assert_null(fulltext_parse(p, strlen(p), NULL, NULL, err, sizeof(err)));
	assert_non_null(strstr(err, "not an arXiv HTML paper"));
	assert_null(fulltext_parse("", 0, NULL, NULL, err, sizeof(err)));
}

/* Build page with the article's body wrapped in n <div>s. */
static char *
wrapped(size_t n)
{
	static const char *body = "<section class=\"ltx_section\"><h2>1 "
	    "<b>Intro</b></h2><p>A <b>bold</b> c.</p></section>"
	    "<section class=\"ltx_section\"><h2>2 End</h2><p>Last.</p>"
	    "</section>";
	size_t len = 200 + n * 11 + strlen(body), i;
	char *p = malloc(len);

	assert_non_null(p);
	strcpy(p, "<!DOCTYPE html><html><body><article class=\"ltx_document\">");
	for (i = 0; i < n; i++)
		memcpy(p + strlen(p), "<div>", 6);
	memcpy(p + strlen(p), body, strlen(body) + 1);
	for (i = 0; i < n; i++)
		memcpy(p + strlen(p), "</div>", 7);
	memcpy(p + strlen(p), "</article></body></html>", 25);
	return p;
}

/*
 * Sections under 300 <div>s are all kept (libxml2's default cut them at
 * 256); past FULLTEXT_MAX_DEPTH the page is marked cut, never silently.
 * Mixed content in headings and paragraphs is kept in order.
 */
static void
test_deep(void **state)
{
	struct fulltext *ft;
	char err[256], *p;

	(void)state;
	p = wrapped(300);
	ft = fulltext_parse(p, strlen(p), NULL, NULL, err, sizeof(err));
	assert_non_null(ft);
	assert_int_equal(ft->cut, 0);
	assert_int_equal(ft->nsections, 2);
	assert_string_equal(ft->sections[0].heading, "1 Intro");
	assert_string_equal(ft->sections[0].text, "A bold c.");
	assert_string_equal(ft->sections[1].text, "Last.");
	fulltext_free(ft);
	free(p);
	p = wrapped(FULLTEXT_MAX_DEPTH + 10);
	ft = fulltext_parse(p, strlen(p), NULL, NULL, err, sizeof(err));
	assert_non_null(ft);
	assert_int_equal(ft->cut, 1);
	fulltext_free(ft);
	free(p);
}

/*
 * Encodings: the response's charset, else the page's <meta>, else UTF-8;
 * a page that is valid UTF-8 is UTF-8 whatever it declares.
 */
static void
test_encodings(void **state)
{
	static const char latin1[] = "<html><head><meta charset=\"iso-8859-1\">"
	    "</head><body><div class=\"ltx_document\"><p>Caf\xe9 \x93na\xefve"
	    "\x94 \x81.</p></div></body></html>";
	static const char utf16[] = "\xff\xfe<\0p\0 \0c\0l\0a\0s\0s\0=\0"
	    "\"\0l\0t\0x\0_\0d\0o\0c\0u\0m\0e\0n\0t\0\"\0>\0\xe9\0"
	    "<\0/\0p\0>\0";
	const char *utf8 = "<html><head><meta charset=\"iso-8859-1\"></head>"
	    "<body><div class=\"ltx_document\"><p>Caf\xc3\xa9</p></div>"
	    "</body></html>";
	struct fulltext *ft;
	char err[256];

	(void)state;
	ft = fulltext_parse(latin1, sizeof(latin1) - 1, NULL, NULL, err,
	    sizeof(err));
	assert_non_null(ft);
	assert_string_equal(ft->sections[0].text, "Caf\xc3\xa9 \xe2\x80\x9c"
	    "na\xc3\xafve\xe2\x80\x9d \xef\xbf\xbd.");
	assert_string_equal(ft->encoding, "WINDOWS-1252");
	assert_int_equal(ft->nrepaired, 1);
	fulltext_free(ft);
	/* The response's charset first: KOI8-R's 0xe9 is I. */
	ft = fulltext_parse(latin1, sizeof(latin1) - 1, NULL, "koi8-r", err,
	    sizeof(err));
	assert_non_null(ft);
	assert_string_equal(ft->encoding, "koi8-r");
	assert_non_null(strstr(ft->sections[0].text, "Caf\xd0\x98"));
	fulltext_free(ft);
	ft = fulltext_parse(utf16, sizeof(utf16) - 1, NULL, NULL, err,
	    sizeof(err));
	assert_non_null(ft);
	assert_string_equal(ft->encoding, "UTF-16LE");
	assert_string_equal(ft->sections[0].text, "\xc3\xa9");
	assert_int_equal(ft->nrepaired, 0);
	fulltext_free(ft);
	ft = fulltext_parse(utf8, strlen(utf8), NULL, "iso-8859-1", err,
	    sizeof(err));
	assert_non_null(ft);
	assert_null(ft->encoding);
	assert_string_equal(ft->sections[0].text, "Caf\xc3\xa9");
	fulltext_free(ft);
	assert_null(fulltext_parse(latin1, sizeof(latin1) - 1, NULL,
	    "x-nonesuch", err, sizeof(err)));
	assert_string_equal(err, "unsupported encoding: x-nonesuch");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deep),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_id_from_url),
		cmocka_unit_test(test_not_latexml),
		cmocka_unit_test(test_encodings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
