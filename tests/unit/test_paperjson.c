/* Unit tests for lib/paperjson.c: the same bytes as paper_to_json(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json.h>

#include "buf.h"
#include "paperjson.h"
#include "record.h"
#include "paper_ref.h"

/* paperjson_write(p) must equal json-c's rendering of paper_to_json(p). */
static void
same(const struct paper *p, struct json_object *affs)
{
	struct json_object *o = paper_to_json(p);
	struct buf b = {0};
	const char *want;

	if (affs)
		json_object_object_add(o, "affiliations", json_object_get(affs));
	want = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	assert_int_equal(paperjson_write(&b, p, affs), 0);
	assert_string_equal(buf_str(&b), want);
	if (affs == NULL && p->id != NULL) {
		/* The decoder reads back what the encoder wrote. */
		struct paper q;
		struct buf b2 = {0};
		char err[256];

		assert_int_equal(paper_from_json(NULL, NULL, b.data, b.len,
		    PAPER_F_ALL, &q, err, sizeof(err)), 0);
		assert_int_equal(paperjson_write(&b2, &q, NULL), 0);
		assert_string_equal(buf_str(&b2), want);
		paper_clear(&q);
		buf_free(&b2);
	}
	json_object_put(o);
	buf_free(&b);
}

static void
test_empty(void **state)
{
	struct paper p = {0};

	(void)state;
	same(&p, NULL);
}

static void
test_full(void **state)
{
	struct paper p = {0};
	struct json_object *affs;

	(void)state;
	p.id = strdup("cond-mat/0412498");
	p.version = 12;
	p.title = strdup("A \"quoted\" \\LaTeX{} $x_1$ title\twith\ttabs");
	p.abstract = strdup("Lines\nand\rcontrols \x01\x1f\x7f, "
	    "\xc3\xa9t\xc3\xa9 \xf0\x9d\x90\xb7 / slash \xef\xbf\xbd");
	assert_int_equal(strlist_adds(&p.authors, "Zolt\xc3\xa1n \"Z\" Harman"), 0);
	assert_int_equal(strlist_adds(&p.authors, "B. O'Brien"), 0);
	assert_int_equal(strlist_adds(&p.categories, "cond-mat.str-el"), 0);
	assert_int_equal(strlist_adds(&p.categories, "quant-ph"), 0);
	p.announce_type = strdup("replace-cross");
	p.published = strdup("2004-12-19T16:18:24Z");
	p.updated = strdup("2005-01-01T00:00:00Z");
	p.link_pdf = strdup("http://arxiv.org/pdf/cond-mat/0412498v12");
	p.link_html = strdup("https://arxiv.org/html/x");
	p.comment = strdup("12 pages\b\f");
	p.journal_ref = strdup("Phys. Rev. B 71, 184511 (2005)");
	p.doi = strdup("10.1103/PhysRevB.71.184511");
	p.license = strdup("http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
	p.source_format = strdup("api");
	p.source_feed = strdup("arXiv Query: search_query=&id_list=x");
	p.source_url = strdup("http://export.arxiv.org/api/query?id_list=x");
	same(&p, NULL);
	affs = json_tokener_parse("[[\"Ohio \\\"State\\\"\"],[]]");
	same(&p, affs);
	json_object_put(affs);
	free(p.primary_category);
	p.primary_category = strdup("quant-ph");
	p.version = 0;
	free(p.link_pdf);
	p.link_pdf = NULL;
	same(&p, NULL);
	paper_clear(&p);
}

static void
test_cap(void **state)
{
	struct paper p = {0};
	struct buf b = {0};

	(void)state;
	b.max = 10;
	p.id = strdup("2501.00001");
	assert_int_equal(paperjson_write(&b, &p, NULL), -1);
	buf_free(&b);
	paper_clear(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
