#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scoreconf.h"
#include "scorerun.h"

#define P(id, v, title, pub) "{\"kind\":\"paper\",\"id\":\"" id "\"," \
	"\"version\":" #v ",\"title\":\"" title "\",\"abstract\":null," \
	"\"published\":\"" pub "\",\"score\":9,\"x\":[1]}"

static void
feed(struct scorerun *run, const char *line, enum scorerun_status want)
{
	char err[256];

	assert_int_equal(scorerun_line(run, line, strlen(line), err,
	    sizeof(err)), want);
}

static void
test_no_rules(void **state)
{
	struct scorerun_opts o = { 0 };
	struct scoreconf sc;
	struct scorerun *run;
	const char *line;
	size_t len;
	char err[256];

	(void)state;
	scoreconf_default(&sc);
	run = scorerun_new(&sc, &o, err, sizeof(err));
	assert_non_null(run);
	feed(run, "{\"kind\":\"note\"}", SCORERUN_PASS);
	feed(run, P("2604.00002", 1, "B", "2026-04-01T00:00:00Z"),
	    SCORERUN_HELD);
	feed(run, P("2604.00001", 1, "A", "2026-04-02T00:00:00Z"),
	    SCORERUN_HELD);
	/* Not canonical: goes through json-c, same output. */
	feed(run, "{\"kind\": \"paper\",\"id\":\"2604.00003\"}",
	    SCORERUN_HELD);
	feed(run, "{\"kind\":\"paper\"}", SCORERUN_BAD);
	feed(run, "{\"kind\":\"paper\",\"id\":\"x\",\"version\":1.5}",
	    SCORERUN_BAD);
	feed(run, "nope", SCORERUN_BAD);
	assert_int_equal(scorerun_finish(run, err, sizeof(err)), 0);
	assert_int_equal(scorerun_next(run, &line, &len, err, sizeof(err)), 1);
	assert_string_equal(line, "{\"kind\":\"paper\",\"id\":\"2604.00001\","
	    "\"version\":1,\"title\":\"A\",\"abstract\":null,\"published\":"
	    "\"2026-04-02T00:00:00Z\",\"x\":[1],\"score\":0.0,\"matches\":[]}");
	assert_int_equal(scorerun_next(run, &line, &len, err, sizeof(err)), 1);
	assert_non_null(strstr(line, "2604.00002"));
	assert_int_equal(scorerun_next(run, &line, &len, err, sizeof(err)), 1);
	assert_string_equal(line, "{\"kind\":\"paper\",\"id\":\"2604.00003\","
	    "\"score\":0.0,\"matches\":[]}");
	assert_int_equal(scorerun_next(run, &line, &len, err, sizeof(err)), 0);
	scorerun_free(run);
}

static void
test_dedup_and_heap(void **state)
{
	struct scorerun_opts o = { 0 };
	struct scoreconf sc;
	struct scorerun *run;
	const char *line;
	size_t len;
	char err[256];
	int n = 0;

	(void)state;
	scoreconf_default(&sc);
	sc.rules = 1;
	sc.dedup = sc.dedup_id = sc.dedup_title = 1;
	sc.max_papers = 2;
	o.explain = 1;
	o.now = 1777334400;
	run = scorerun_new(&sc, &o, err, sizeof(err));
	feed(run, P("2604.00001", 1, "One", "2026-04-05T00:00:00Z"),
	    SCORERUN_HELD);
	feed(run, P("2604.00002", 1, "Two", "2026-04-04T00:00:00Z"),
	    SCORERUN_HELD);
	feed(run, P("2604.00003", 1, "Three", "2026-04-03T00:00:00Z"),
	    SCORERUN_HELD);
	/* Takes 00001's place in the heap: 00003 must come back. */
	feed(run, P("2604.00001", 2, "ONE", "2026-04-01T00:00:00Z"),
	    SCORERUN_HELD);
	feed(run, P("2604.00009", 1, "one", "2026-04-09T00:00:00Z"),
	    SCORERUN_HELD);
	assert_int_equal(scorerun_finish(run, err, sizeof(err)), 0);
	while (scorerun_next(run, &line, &len, err, sizeof(err)) == 1) {
		switch (n++) {
		case 0:
			assert_non_null(strstr(line, "\"2604.00002\""));
			assert_null(strstr(line, "dropped"));
			break;
		case 1:
			assert_non_null(strstr(line, "\"2604.00003\""));
			assert_null(strstr(line, "dropped"));
			break;
		case 2:
			assert_non_null(strstr(line, "\"2604.00001\",\"version\":1"));
			assert_non_null(strstr(line, "\"dropped\":\"duplicate of "
			    "2604.00001v2 (same id)\"}"));
			break;
		case 3:
			assert_non_null(strstr(line, "\"version\":2"));
			assert_non_null(strstr(line, "\"dropped\":\"not in the "
			    "best 2 (max_papers)\"}"));
			break;
		case 4:
			assert_non_null(strstr(line, "\"2604.00009\""));
			assert_non_null(strstr(line, "same title"));
			break;
		default:
			fail();
		}
	}
	assert_int_equal(n, 5);
	scorerun_free(run);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_rules),
		cmocka_unit_test(test_dedup_and_heap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
