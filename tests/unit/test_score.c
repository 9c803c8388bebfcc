#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "jsonc.h"
#include "record.h"
#include "score.h"
#include "scoreconf.h"

static char t_llm[] = "LLM", t_rl[] = "RL", t_ws[] = "workshop",
    t_survey[] = "survey", t_jane[] = "Jane Roe", c_cs[] = "cs",
    c_ml[] = "stat.ML", a_new[] = "new", t_bad[] = "(x";

static struct scoreconf_term kw[] = {
	{ t_llm, 1, SCORE_F_TITLE | SCORE_F_ABSTRACT, 0 },
	{ t_rl, 2, SCORE_F_TITLE | SCORE_F_ABSTRACT, 0 },
	{ t_ws, 1, SCORE_F_COMMENT, 0 },
};
static struct scoreconf_term ex[] = {
	{ t_survey, 1, SCORE_F_TITLE | SCORE_F_ABSTRACT, 0 },
};
static struct scoreconf_term au[] = {
	{ t_jane, 3, SCORE_F_AUTHORS, 0 },
};
static char *cats[] = { c_cs, c_ml, NULL };
static char *types[] = { a_new, NULL };

static void
conf_init(struct scoreconf *sc)
{
	scoreconf_default(sc);
	sc->rules = 1;
	sc->keywords = kw;
	sc->nkeywords = 3;
	sc->excludes = ex;
	sc->nexcludes = 1;
	sc->authors = au;
	sc->nauthors = 1;
	sc->categories = cats;
	sc->ncategories = 2;
	sc->announce = types;
	sc->nannounce = 1;
	sc->days_back = 7;
	sc->min_score = 1.5;
	sc->has_min_score = 1;
}

/* Writable strings for the borrowed papers below (-Wwrite-strings). */
static char s_id[] = "2604.00001", s_lg[] = "cs.LG", s_ag[] = "math.AG",
    s_a[] = "A", s_jane[] = "Jane Roe", s_comment[] = "LLM workshop",
    s_new[] = "new", s_cross[] = "cross", s_pub[] = "2026-04-27T04:00:00Z",
    s_old[] = "2026-04-01T00:00:00Z", s_2000[] = "2000-01-01T00:00:00Z";
static char *v_lg[] = { s_lg }, *v_ag[] = { s_ag }, *v_a[] = { s_a },
    *v_two[] = { s_a, s_jane };
static char title_buf[256], abstract_buf[256];

static void
paper(struct paper *p, const char *title, const char *abstract)
{
	memset(p, 0, sizeof(*p));
	p->borrowed = 1;
	p->id = s_id;
	p->version = 1;
	snprintf(title_buf, sizeof(title_buf), "%s", title);
	snprintf(abstract_buf, sizeof(abstract_buf), "%s", abstract);
	p->title = title_buf;
	p->abstract = abstract_buf;
	p->categories.v = v_lg;
	p->categories.n = 1;
	p->authors.v = v_two;
	p->authors.n = 2;
	p->comment = s_comment;
	p->announce_type = s_new;
	p->published = s_pub;
}

static void
test_score_and_matches(void **state)
{
	struct scoreconf sc;
	struct score *s;
	struct paper p;
	struct score_result r = {0};
	struct buf b = {0};
	char err[256];

	(void)state;
	conf_init(&sc);
	s = score_new(&sc, 0, 1777334400, err, sizeof(err));	/* 04-28 */
	assert_non_null(s);
	score_reasons(s, 1);
	paper(&p, "LLMs for RL", "An LLM and deep RL, RL-based.");
	assert_int_equal(score_prefilter(s, &p, &r), 0);
	assert_int_equal(score_eval(s, &p, 0, &r, err, sizeof(err)), 0);
	/* LLM 1 + 0.5, RL 2 + 1, workshop 1, Jane Roe 3 */
	assert_true(r.score == 8.5);
	assert_int_equal(score_fields(&r, &b), 0);
	assert_string_equal(buf_str(&b), ",\"score\":8.5,\"matches\":["
	    "{\"term\":\"LLM\",\"field\":\"title\",\"count\":1,\"weight\":1.5},"
	    "{\"term\":\"LLM\",\"field\":\"abstract\",\"count\":1,\"weight\":0.0},"
	    "{\"term\":\"RL\",\"field\":\"title\",\"count\":1,\"weight\":3.0},"
	    "{\"term\":\"RL\",\"field\":\"abstract\",\"count\":2,\"weight\":0.0},"
	    "{\"term\":\"workshop\",\"field\":\"comment\",\"count\":1,"
	    "\"weight\":1.0},"
	    "{\"term\":\"Jane Roe\",\"field\":\"authors\",\"count\":1,"
	    "\"weight\":3.0}]");
	buf_free(&b);
	score_result_free(&r);
	score_free(s);
}

static void
test_drops(void **state)
{
	struct scoreconf sc;
	struct score *s;
	struct paper p;
	struct score_result r = {0};
	char err[256];

	(void)state;
	conf_init(&sc);
	s = score_new(&sc, 0, 1777334400, err, sizeof(err));
	score_reasons(s, 1);
	paper(&p, "A survey of LLMs", "");
	assert_int_equal(score_prefilter(s, &p, &r), 0);
	assert_int_equal(score_eval(s, &p, 0, &r, err, sizeof(err)), 1);
	assert_string_equal(r.reason, "excluded keyword \"survey\" in title");
	paper(&p, "LLM", "");
	p.announce_type = s_cross;
	assert_int_equal(score_prefilter(s, &p, &r), 1);
	assert_string_equal(r.reason,
	    "announce type cross not in announce_types");
	paper(&p, "LLM", "");
	p.categories.v = v_ag;
	assert_int_equal(score_prefilter(s, &p, &r), 1);
	assert_string_equal(r.reason, "no category in categories");
	paper(&p, "LLM", "");
	p.published = s_old;
	assert_int_equal(score_prefilter(s, &p, &r), 1);
	assert_string_equal(r.reason, "published more than 7 days before "
	    "2026-04-28T00:00:00Z");
	paper(&p, "Birds", "Nothing.");
	p.authors.v = v_a;
	p.authors.n = 1;
	p.comment = NULL;
	assert_int_equal(score_prefilter(s, &p, &r), 0);
	assert_int_equal(score_eval(s, &p, 0, &r, err, sizeof(err)), 1);
	assert_string_equal(r.reason, "no keyword matched");
	paper(&p, "Birds", "An LLM.");
	p.authors.v = v_a;
	p.authors.n = 1;
	p.comment = NULL;
	assert_int_equal(score_prefilter(s, &p, &r), 0);
	assert_int_equal(score_eval(s, &p, 0, &r, err, sizeof(err)), 1);
	assert_string_equal(r.reason, "score 1.0 below min_score 1.5");
	score_result_free(&r);
	score_free(s);
}

static void
test_compat(void **state)
{
	struct scoreconf sc;
	struct score *s;
	struct paper p;
	struct score_result r = {0};
	char err[256];

	(void)state;
	conf_init(&sc);
	s = score_new(&sc, 1, 0, err, sizeof(err));
	/* Substrings: "rl" is in "world"; categories and dates ignored. */
	paper(&p, "Hello World", "an llm");
	p.categories.v = v_ag;
	p.published = s_2000;
	assert_int_equal(score_prefilter(s, &p, &r), 0);
	assert_int_equal(score_eval(s, &p, 0, &r, err, sizeof(err)), 0);
	assert_true(r.score == 2.5);
	p.announce_type = NULL;
	assert_int_equal(score_prefilter(s, &p, &r), 1);
	score_result_free(&r);
	score_free(s);
}

static void
test_format(void **state)
{
	static const double big[] = { 0, 1e6, 999999999, 1e9, 4e9, 1e15,
	    0.25, 1e-7 };
	char b[32];
	struct buf j = {0};
	size_t i;
	int k;

	(void)state;
	score_format(13.5, b, sizeof(b));
	assert_string_equal(b, "13.5");
	score_format(6, b, sizeof(b));
	assert_string_equal(b, "6.0");
	score_format(0.1 + 0.2, b, sizeof(b));
	assert_string_equal(b, "0.3");
	score_format(-0.0000001, b, sizeof(b));
	assert_string_equal(b, "0.0");
	score_format(1.0 / 3, b, sizeof(b));
	assert_string_equal(b, "0.333333");
	/* The hand path for whole and half numbers agrees with printf's. */
	for (k = -4000; k <= 4000; k++)
		for (i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
			char want[32];
			double v = k / 2.0 + big[i] * (k < 0 ? -1 : 1);

			snprintf(want, sizeof(want), "%.15g", score_round(v));
			if (strpbrk(want, ".en") == NULL)
				strcat(want, ".0");
			score_format(v, b, sizeof(b));
			assert_string_equal(b, want);
		}
	assert_int_equal(jsonc_escape(&j, "a\"\\\n\x01/\xc3\xa9", 8), 0);
	assert_string_equal(buf_str(&j), "\"a\\\"\\\\\\n\\u0001/\xc3\xa9\"");
	buf_free(&j);
}

static void
test_bad_regex(void **state)
{
	struct scoreconf_term bad[] = { { t_bad, 1, SCORE_F_TITLE, 1 } };
	struct scoreconf sc;
	char err[256];

	(void)state;
	scoreconf_default(&sc);
	sc.rules = 1;
	sc.keywords = bad;
	sc.nkeywords = 1;
	assert_null(score_new(&sc, 0, 0, err, sizeof(err)));
	assert_string_equal(err, "keywords: \"(x\": bad regular expression at "
	    "offset 2: missing closing parenthesis");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score_and_matches),
		cmocka_unit_test(test_drops),
		cmocka_unit_test(test_compat),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_bad_regex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
