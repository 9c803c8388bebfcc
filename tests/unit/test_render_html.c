#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json.h>

#include "buf.h"
#include "record.h"
#include "render.h"
#include "render_html.h"

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s++;
	}
	return n;
}

static void
test_page_escapes_records(void **state)
{
	struct render_doc *d = render_doc_new();
	struct json_object *o;
	struct buf b = {0};
	char err[128];

	(void)state;
	o = json_tokener_parse("{\"kind\":\"paper\",\"id\":\"1\",\"title\":"
	    "\"<script>alert(1)</script> & $<img src=x>$\",\"summary\":"
	    "{\"text\":\"[x](javascript:alert(1)) "
	    "![t](http://evil.example/t.png) <iframe> <!-- c\",\"model\":"
	    "\"m\"}}");
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), 0);
	json_object_put(o);
	d->title = "Mine & <yours>";
	assert_int_equal(render_html_write(&b, d, err, sizeof(err)), 0);
	/* The page's own filter script, and nothing else. */
	assert_int_equal(count(buf_str(&b), "<script"), 1);
	assert_null(strstr(buf_str(&b), "<img"));
	assert_null(strstr(buf_str(&b), "<iframe"));
	assert_null(strstr(buf_str(&b), "<!--"));
	assert_null(strstr(buf_str(&b), "javascript:"));
	assert_non_null(strstr(buf_str(&b), "&lt;iframe&gt; &lt;!-- c"));
	assert_non_null(strstr(buf_str(&b), "<a href=\"http://evil.example/"
	    "t.png\">t</a>"));
	assert_non_null(strstr(buf_str(&b), "<title>Mine &amp; &lt;yours&gt;"
	    "</title>"));
	assert_non_null(strstr(buf_str(&b), "<details>"));
	assert_non_null(strstr(buf_str(&b), "</html>\n"));
	buf_reset(&b);
	assert_int_equal(render_html_page(&b, d, 0, err, sizeof(err)), 0);
	assert_null(strstr(buf_str(&b), "<script"));
	buf_free(&b);
	render_doc_free(d);
}

static void
test_paper_fragment(void **state)
{
	struct render_doc *d = render_doc_new();
	struct json_object *o;
	struct buf b = {0};
	char err[128];

	(void)state;
	o = json_tokener_parse("{\"kind\":\"paper\",\"id\":\"2512.00001\","
	    "\"version\":1,\"authors\":[\"A <a>\",\"B\"],"
	    "\"primary_category\":\"cs.LG\",\"score\":6,"
	    "\"abstract\":\"x\\u0001y < z\",\"summary\":{\"text\":"
	    "\"| a |\\n|---|\\n| **1** |\\n\",\"model\":\"qwen\"}}");
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), 0);
	json_object_put(o);
	assert_int_equal(render_html_paper(&b, &d->papers[0], 0, err,
	    sizeof(err)), 0);
	assert_string_equal(buf_str(&b), "<p><strong>Authors</strong>: "
	    "A &lt;a&gt;, B<br>\n<strong>Category</strong>: cs.LG<br>\n"
	    "<strong>Score</strong>: 6.0<br>\n<strong>ArXiv ID</strong>: "
	    "2512.00001v1</p>\n<h4>Abstract</h4>\n<p>xy &lt; z</p>\n"
	    "<h4>\xf0\x9f\xa4\x96 AI Summary (by qwen)</h4>\n"
	    "<div class=\"summary\">\n<table>\n<thead>\n<tr>\n<th>a</th>\n"
	    "</tr>\n</thead>\n<tbody>\n<tr>\n<td><strong>1</strong></td>\n"
	    "</tr>\n</tbody>\n</table>\n</div>\n");
	buf_free(&b);
	render_doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_escapes_records),
		cmocka_unit_test(test_paper_fragment),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
