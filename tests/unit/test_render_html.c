#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json.h>

#include "buf.h"
#include "render.h"
#include "render_html.h"

static void
test_fragment(void **state)
{
	struct buf b = {0};
	char err[128];

	(void)state;
	assert_int_equal(render_html_fragment(&b, "# T\n\n*a* | b\n", 13, err,
	    sizeof(err)), 0);
	assert_string_equal(buf_str(&b), "<h1>T</h1>\n<p><em>a</em> | b</p>\n");
	buf_reset(&b);
	assert_int_equal(render_html_fragment(&b, "|a|b|\n|-|-|\n|1|2|\n", 18,
	    err, sizeof(err)), 0);
	assert_non_null(strstr(buf_str(&b), "<td>1</td>"));
	buf_free(&b);
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
	    "{\"text\":\"<iframe>\",\"model\":\"m\"}}");
	assert_int_equal(render_doc_add(d, o, err, sizeof(err)), 0);
	json_object_put(o);
	d->title = "Mine & <yours>";
	assert_int_equal(render_html_write(&b, d, err, sizeof(err)), 0);
	assert_null(strstr(buf_str(&b), "<script"));
	assert_null(strstr(buf_str(&b), "<img"));
	assert_null(strstr(buf_str(&b), "<iframe"));
	assert_non_null(strstr(buf_str(&b), "<title>Mine &amp; &lt;yours&gt;"
	    "</title>"));
	assert_non_null(strstr(buf_str(&b), "<details>"));
	assert_non_null(strstr(buf_str(&b), "</html>\n"));
	buf_free(&b);
	render_doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fragment),
		cmocka_unit_test(test_page_escapes_records),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
