#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "render_cmark.h"

static const char *
html(struct buf *b, const char *md)
{
	char err[128];

	buf_reset(b);
	assert_int_equal(render_cmark_html(b, md, strlen(md), err,
	    sizeof(err)), 0);
	return buf_str(b);
}

static const char *
md(struct buf *b, const char *s)
{
	char err[128];

	buf_reset(b);
	assert_int_equal(render_cmark_markdown(b, s, strlen(s), err,
	    sizeof(err)), 0);
	return buf_str(b);
}

static void
test_html_vectors(void **state)
{
	struct buf b = {0};

	(void)state;
	assert_string_equal(html(&b, "[x](javascript:alert(1))"),
	    "<p>x</p>\n");
	assert_string_equal(html(&b, "[x](JaVaScRiPt:alert(1))"),
	    "<p>x</p>\n");
	assert_string_equal(html(&b, "[x](data:text/html,hi)"), "<p>x</p>\n");
	assert_string_equal(html(&b, "<javascript:alert(1)>"),
	    "<p>javascript:alert(1)</p>\n");
	assert_string_equal(html(&b, "[x](https://arxiv.org/)"),
	    "<p><a href=\"https://arxiv.org/\">x</a></p>\n");
	assert_string_equal(html(&b, "![alt](http://e.x/i.png)"),
	    "<p><a href=\"http://e.x/i.png\">alt</a></p>\n");
	assert_string_equal(html(&b, "![](http://e.x/i.png)"),
	    "<p><a href=\"http://e.x/i.png\">http://e.x/i.png</a></p>\n");
	assert_string_equal(html(&b, "![a](javascript:x)"), "<p>a</p>\n");
	assert_string_equal(html(&b, "<script>alert(1)</script>"),
	    "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>\n");
	assert_string_equal(html(&b, "a <b onclick=x>b</b> <!-- c -->"),
	    "<p>a &lt;b onclick=x&gt;b&lt;/b&gt; &lt;!-- c --&gt;</p>\n");
	assert_string_equal(html(&b, "</details>\n\nafter"),
	    "<pre><code>&lt;/details&gt;</code></pre>\n<p>after</p>\n");
	assert_string_equal(html(&b, "[a ![i](http://e.x/i) b](http://e.x/)"),
	    "<p><a href=\"http://e.x/\">a i b</a></p>\n");
	assert_string_equal(html(&b, "~~s~~ www.arxiv.org"),
	    "<p><del>s</del> <a href=\"http://www.arxiv.org\">www.arxiv.org"
	    "</a></p>\n");
	buf_free(&b);
}

static void
test_markdown_vectors(void **state)
{
	struct buf b = {0};

	(void)state;
	assert_string_equal(md(&b, "a <!-- swallow"), "a \\<\\!-- swallow\n");
	assert_string_equal(md(&b, "</details>"), "    </details>\n");
	assert_string_equal(md(&b, "```\nopen"), "    open\n");
	assert_string_equal(md(&b, "[x](javascript:alert(1))"), "x\n");
	assert_string_equal(md(&b, "## H\n\n- **b**\n"), "## H\n\n  - **b**\n");
	buf_free(&b);
}

static void
test_url_ok(void **state)
{
	(void)state;
	assert_true(render_cmark_url_ok("https://arxiv.org/abs/1"));
	assert_true(render_cmark_url_ok("HTTP://x"));
	assert_true(render_cmark_url_ok("mailto:a@b"));
	assert_false(render_cmark_url_ok("javascript:x"));
	assert_false(render_cmark_url_ok(" http://x"));
	assert_false(render_cmark_url_ok("//x"));
	assert_false(render_cmark_url_ok(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_vectors),
		cmocka_unit_test(test_markdown_vectors),
		cmocka_unit_test(test_url_ok),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
