/* Unit tests for lib/feed*.c: formats, fields, problems, pieces. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json.h>

#include "feed.h"
#include "feed_impl.h"
#include "text.h"

struct got {
	struct json_object	*papers;	/* array */
	char			 problems[2048];
	int			 failures;
};

static void
on_paper(void *arg, const char *rec, size_t len)
{
	struct got *g = arg;
	struct json_object *o;

	o = json_tokener_parse(rec);
	assert_non_null(o);
	assert_int_equal(strlen(rec), len);
	json_object_array_add(g->papers, o);
}

static void
on_problem(void *arg, unsigned long line, unsigned long col, int failure,
    const char *msg)
{
	struct got *g = arg;
	size_t n = strlen(g->problems);

	snprintf(g->problems + n, sizeof(g->problems) - n, "%lu:%lu:%s\n",
	    line, col, msg);
	g->failures += failure;
}

/* Parse doc in pieces of step bytes. */
static enum feed_status
run(enum feed_format fmt, const char *doc, size_t step, int quiet,
    struct got *g)
{
	struct feed_sink sink = { on_paper, on_problem, g };
	enum feed_status st;
	struct feed *f;
	size_t i, k, len = strlen(doc);
	char err[128];

	memset(g, 0, sizeof(*g));
	g->papers = json_object_new_array();
	f = feed_new(fmt, "http://x/", 0, quiet, &sink, err, sizeof(err));
	assert_non_null(f);
	for (i = 0; i < len; i += k) {
		k = len - i < step ? len - i : step;
		if (feed_write(f, doc + i, k) == -1)
			break;
	}
	st = feed_finish(f);
	feed_free(f);
	return st;
}

static const char *
field(struct got *g, size_t i, const char *key)
{
	struct json_object *p = json_object_array_get_idx(g->papers, i), *v;

	if (!json_object_object_get_ex(p, key, &v) || v == NULL)
		return NULL;
	return json_object_get_string(v);
}

static const char rss[] =
    "<rss xmlns:arxiv=\"http://arxiv.org/schemas/atom\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" version=\"2.0\">"
    "<channel><title>cs.AI updates on arXiv.org</title>"
    "<item><title>A  $\\alpha$\n title &amp; more</title>"
    "<link>https://arxiv.org/abs/2604.21935</link>"
    "<description>arXiv:2604.21935v2 Announce Type: replace-cross \n"
    "Abstract: We   study \\textbf{x}.</description>"
    "<guid isPermaLink=\"false\">oai:arXiv.org:2604.21935v2</guid>"
    "<category>cs.LG</category><category>cs.AI</category>"
    "<pubDate>Mon, 27 Apr 2026 00:00:00 -0400</pubDate>"
    "<dc:creator>Ann Lee, Bob Smith, Jr., Carl (MIT) and Dee</dc:creator>"
    "<arxiv:DOI>10.1/x</arxiv:DOI>"
    "<arxiv:journal_reference>J. X 1 (2026)</arxiv:journal_reference>"
    "<dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>"
    "</item><item><title>no id</title></item></channel></rss>";

static void
test_rss(void **state)
{
	struct got g;
	size_t step;

	(void)state;
	for (step = 1; step < sizeof(rss); step += 13) {
		assert_int_equal(run(FEED_AUTO, rss, step, 0, &g), FEED_FAILED);
		assert_int_equal(json_object_array_length(g.papers), 1);
		assert_string_equal(field(&g, 0, "arxiv_id"), "2604.21935v2");
		assert_string_equal(field(&g, 0, "title"),
		    "A $\\alpha$ title & more");
		assert_string_equal(field(&g, 0, "abstract"),
		    "We study \\textbf{x}.");
		assert_string_equal(field(&g, 0, "announce_type"),
		    "replace-cross");
		assert_string_equal(field(&g, 0, "published"),
		    "2026-04-27T04:00:00Z");
		assert_string_equal(field(&g, 0, "authors"), "[ \"Ann Lee\", "
		    "\"Bob Smith Jr.\", \"Carl\", \"Dee\" ]");
		assert_string_equal(field(&g, 0, "affiliations"),
		    "[ [ ], [ ], [ \"MIT\" ], [ ] ]");
		assert_string_equal(field(&g, 0, "categories"),
		    "[ \"cs.LG\", \"cs.AI\" ]");
		assert_string_equal(field(&g, 0, "doi"), "10.1/x");
		assert_string_equal(field(&g, 0, "journal_ref"), "J. X 1 (2026)");
		assert_non_null(strstr(field(&g, 0, "source"),
		    "\"format\": \"rss\", \"feed\": \"cs.AI updates on "
		    "arXiv.org\", \"url\": \"http:\\/\\/x\\/\""));
		assert_int_equal(g.failures, 1);
		assert_non_null(strstr(g.problems, "no arXiv identifier"));
		json_object_put(g.papers);
	}
}

static void
test_api(void **state)
{
	const char *doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
	    "xmlns:arxiv=\"http://arxiv.org/schemas/atom\">"
	    "<id>https://arxiv.org/api/abc</id><title>arXiv Query: x</title>"
	    "<entry><id>http://arxiv.org/abs/cond-mat/0412498v1</id>"
	    "<published>2004-12-19T16:18:24Z</published>"
	    "<title>T</title><summary>  S\n  s </summary>"
	    "<author><name>A B</name><arxiv:affiliation>U</arxiv:affiliation>"
	    "</author><author><name>C D</name></author>"
	    "<link title=\"pdf\" href=\"http://arxiv.org/pdf/cond-mat/0412498v1\""
	    " rel=\"related\"/>"
	    "<category term=\"53D10, 53D15\"/><category term=\"cond-mat.str-el\"/>"
	    "<arxiv:primary_category term=\"cond-mat.str-el\"/>"
	    "<arxiv:comment>c</arxiv:comment></entry>"
	    "<entry><id>https://arxiv.org/api/errors#bad</id><title>Error</title>"
	    "<summary>bad query</summary></entry></feed>";
	struct got g;

	(void)state;
	assert_int_equal(run(FEED_AUTO, doc, 4096, 0, &g), FEED_FAILED);
	assert_int_equal(json_object_array_length(g.papers), 1);
	assert_string_equal(field(&g, 0, "id"), "cond-mat/0412498");
	assert_string_equal(field(&g, 0, "version"), "1");
	assert_string_equal(field(&g, 0, "abstract"), "S s");
	assert_string_equal(field(&g, 0, "categories"),
	    "[ \"cond-mat.str-el\" ]");
	assert_string_equal(field(&g, 0, "affiliations"),
	    "[ [ \"U\" ], [ ] ]");
	assert_non_null(strstr(field(&g, 0, "source"), "\"format\": \"api\""));
	assert_non_null(strstr(g.problems, "arXiv API error: bad query"));
	json_object_put(g.papers);
	/* Forced Atom keeps the label. */
	run(FEED_ATOM, doc, 4096, 0, &g);
	assert_non_null(strstr(field(&g, 0, "source"), "\"format\": \"atom\""));
	json_object_put(g.papers);
}

static void
test_oai_raw(void **state)
{
	const char *doc = "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">"
	    "<request verb=\"ListRecords\" resumptionToken=\"1|2\">http://o/oai2"
	    "</request><ListRecords><record><header><identifier>"
	    "oai:arXiv.org:0811.3648</identifier></header><metadata>"
	    "<arXivRaw xmlns=\"http://arxiv.org/OAI/arXivRaw/\"><id>0811.3648</id>"
	    "<version version=\"v1\"><date>Fri, 21 Nov 2008 22:55:07 GMT</date>"
	    "</version><version version=\"v2\"><date>Thu, 9 Apr 2009 02:45:30 "
	    "GMT</date></version><title>T</title><authors>A, B and C</authors>"
	    "<categories>cs.DS cs.CC</categories></arXivRaw></metadata></record>"
	    "</ListRecords></OAI-PMH>";
	struct got g;

	(void)state;
	assert_int_equal(run(FEED_AUTO, doc, 7, 0, &g), FEED_OK);
	assert_string_equal(field(&g, 0, "arxiv_id"), "0811.3648v2");
	assert_string_equal(field(&g, 0, "published"), "2008-11-21T22:55:07Z");
	assert_string_equal(field(&g, 0, "updated"), "2009-04-09T02:45:30Z");
	assert_string_equal(field(&g, 0, "authors"), "[ \"A\", \"B\", \"C\" ]");
	assert_non_null(strstr(field(&g, 0, "source"), "\"format\": "
	    "\"oai-arXivRaw\", \"feed\": \"http:\\/\\/o\\/oai2?verb=ListRecords"
	    "&resumptionToken=1%7C2\""));
	json_object_put(g.papers);
}

static void
test_oai_errors(void **state)
{
	const char *norec = "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/"
	    "2.0/\"><error code=\"noRecordsMatch\">none</error></OAI-PMH>";
	const char *bad = "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/"
	    "2.0/\">\n<error code=\"badArgument\">no verb</error></OAI-PMH>";
	struct got g;

	(void)state;
	assert_int_equal(run(FEED_AUTO, norec, 4096, 0, &g), FEED_OK);
	assert_string_equal(g.problems, "");
	json_object_put(g.papers);
	assert_int_equal(run(FEED_AUTO, bad, 4096, 0, &g), FEED_FAILED);
	assert_string_equal(g.problems,
	    "2:0:OAI-PMH error badArgument: no verb\n");
	json_object_put(g.papers);
}

static void
test_rss1(void **state)
{
	const char *doc = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
	    "22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel "
	    "rdf:about=\"x\"><title>hep-ex updates on arXiv.org</title>"
	    "<dc:date>2018-05-23T20:30:00-05:00</dc:date></channel>"
	    "<item rdf:about=\"http://arxiv.org/abs/1805.06430\"><title>New "
	    "Perspective. (arXiv:1805.06430v2 [nucl-th] UPDATED)</title>"
	    "<description>&lt;p&gt;It is &amp;lt;x&amp;gt;.\n&lt;/p&gt;"
	    "</description><dc:creator> &lt;a href=&quot;u&quot;&gt;Shu Xu"
	    "&lt;/a&gt;, &lt;a href=&quot;v&quot;&gt;Lei Chang&lt;/a&gt; "
	    "(STAR)</dc:creator></item></rdf:RDF>";
	struct got g;

	(void)state;
	assert_int_equal(run(FEED_AUTO, doc, 4096, 0, &g), FEED_OK);
	assert_string_equal(field(&g, 0, "arxiv_id"), "1805.06430v2");
	assert_string_equal(field(&g, 0, "title"), "New Perspective");
	assert_string_equal(field(&g, 0, "abstract"), "It is <x>.");
	assert_string_equal(field(&g, 0, "announce_type"), "replace-cross");
	assert_string_equal(field(&g, 0, "categories"), "[ \"nucl-th\" ]");
	assert_string_equal(field(&g, 0, "authors"),
	    "[ \"Shu Xu\", \"Lei Chang\" ]");
	assert_string_equal(field(&g, 0, "published"), "2018-05-24T01:30:00Z");
	json_object_put(g.papers);
}

static void
test_not_feed(void **state)
{
	struct got g;

	(void)state;
	assert_int_equal(run(FEED_AUTO, "<html><body>x</body></html>", 4096,
	    1, &g), FEED_NOT_FEED);
	assert_string_equal(g.problems, "");
	json_object_put(g.papers);
	assert_int_equal(run(FEED_AUTO, "not xml", 4096, 1, &g),
	    FEED_NOT_FEED);
	json_object_put(g.papers);
	assert_int_equal(run(FEED_AUTO, "<x/>", 4096, 0, &g), FEED_FAILED);
	assert_non_null(strstr(g.problems, "not an arXiv feed: the root "
	    "element is <x>"));
	json_object_put(g.papers);
	assert_int_equal(run(FEED_RSS, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/"
	    "1999/02/22-rdf-syntax-ns#\"/>", 4096, 0, &g), FEED_FAILED);
	assert_non_null(strstr(g.problems, "not rss"));
	json_object_put(g.papers);
}

static void
test_sniff_and_names(void **state)
{
	enum feed_format f;

	(void)state;
	assert_int_equal(feed_sniff("\xef\xbb\xbf <!-- x --> <!DOCTYPE html>",
	    35), FEED_HTML);
	assert_int_equal(feed_sniff("<?xml version='1.0'?><html lang=en>", 35),
	    FEED_HTML);
	assert_int_equal(feed_sniff("<htmlx>", 7), FEED_AUTO);
	assert_int_equal(feed_sniff("<rss>", 5), FEED_AUTO);
	assert_int_equal(feed_format_parse("oai", &f), 0);
	assert_int_equal(f, FEED_OAI);
	assert_int_equal(feed_format_parse("json", &f), -1);
}

/*
 * Mixed content: text around and inside child elements is kept, in
 * order, in every format; a title that is only a child element is not
 * lost.  Each document is parsed in pieces of every size.
 */
static const struct {
	const char	*doc;
	const char	*key;
	const char	*want;
} mixed[] = {
	{ "<rss version=\"2.0\"><channel><item><title>A <b>bold</b> c"
	  "</title><guid>oai:arXiv.org:2604.21935v1</guid></item>"
	  "</channel></rss>", "title", "A bold c" },
	{ "<rss version=\"2.0\"><channel><item><title><b>x</b></title>"
	  "<guid>oai:arXiv.org:2604.21935v1</guid></item></channel></rss>",
	  "title", "x" },
	{ "<rss version=\"2.0\"><channel><item><guid>oai:arXiv.org:2604."
	  "21935v1</guid><description>arXiv:2604.21935v1 Announce Type: "
	  "new Abstract: We <i>study</i> x<sup>2</sup> <b><i>now</i></b>."
	  "</description></item></channel></rss>", "abstract",
	  "We study x2 now." },
	{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
	  "<id>oai:arXiv.org:2604.21935v1</id><title>A <b>bold</b> c"
	  "</title><summary><p>one</p> <p>two</p></summary>"
	  "<author><name>Ann <b>Lee</b></name></author></entry></feed>",
	  "title", "A bold c" },
	{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
	  "<id>oai:arXiv.org:2604.21935v1</id><title>t</title><summary>"
	  "<p>one</p> <p>two</p></summary></entry></feed>", "abstract",
	  "one two" },
	{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>http://arxiv.org"
	  "/api/x</id><entry><id>http://arxiv.org/abs/2604.21935v1</id>"
	  "<title><b>x</b></title><author><name>Ann <b>Lee</b></name>"
	  "</author></entry></feed>", "authors", "[ \"Ann Lee\" ]" },
	{ "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
	  " xmlns=\"http://purl.org/rss/1.0/\"><item rdf:about=\"http://"
	  "arxiv.org/abs/2604.21935\"><title>A <b>bold</b> c (arXiv:2604."
	  "21935v1 [cs.AI])</title></item></rdf:RDF>", "title",
	  "A bold c" },
	{ "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">"
	  "<GetRecord><record><header><identifier>oai:arXiv.org:2604.21935"
	  "</identifier></header><metadata><arXiv xmlns=\"http://arxiv.org/"
	  "OAI/arXiv/\"><id>2604.21935</id><title>A <b>bold</b> c</title>"
	  "<abstract><b>x</b></abstract></arXiv></metadata></record>"
	  "</GetRecord></OAI-PMH>", "title", "A bold c" },
	{ "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">"
	  "<GetRecord><record><header><identifier>oai:arXiv.org:2604.21935"
	  "</identifier></header><metadata><arXiv xmlns=\"http://arxiv.org/"
	  "OAI/arXiv/\"><id>2604.21935</id><title>t</title>"
	  "<abstract><b>x</b></abstract></arXiv></metadata></record>"
	  "</GetRecord></OAI-PMH>", "abstract", "x" },
	{ "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">"
	  "<GetRecord><record><header><identifier>oai:arXiv.org:2604.21935"
	  "</identifier></header><metadata><oai_dc:dc xmlns:oai_dc=\"http://"
	  "www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org"
	  "/dc/elements/1.1/\"><dc:title>A <b>bold</b> c</dc:title>"
	  "<dc:identifier>http://arxiv.org/abs/2604.21935</dc:identifier>"
	  "</oai_dc:dc></metadata></record></GetRecord></OAI-PMH>", "title",
	  "A bold c" },
};

static void
test_mixed_content(void **state)
{
	struct got g;
	size_t i, step;

	(void)state;
	for (i = 0; i < sizeof(mixed) / sizeof(mixed[0]); i++)
		for (step = 1; step < strlen(mixed[i].doc); step += 7) {
			assert_int_equal(run(FEED_AUTO, mixed[i].doc, step, 0,
			    &g), FEED_OK);
			assert_int_equal(json_object_array_length(g.papers), 1);
			assert_non_null(field(&g, 0, mixed[i].key));
			assert_string_equal(field(&g, 0, mixed[i].key),
			    mixed[i].want);
			json_object_put(g.papers);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_oai_raw),
		cmocka_unit_test(test_oai_errors),
		cmocka_unit_test(test_rss1),
		cmocka_unit_test(test_not_feed),
		cmocka_unit_test(test_sniff_and_names),
		cmocka_unit_test(test_mixed_content),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
