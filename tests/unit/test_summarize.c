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
#include "buf.h"
#include "config.h"
#include "record.h"
#include "summarize.h"

/*
 * summarize_line() on line: its status, and in *out the line as the
 * stage writes it (the line itself when it gets no summary).
 */
static enum summarize_status
take(struct summarize *z, const char *line, struct buf *out, char *err,
    size_t errlen)
{
	enum summarize_status st;
	struct paper p;

	buf_reset(out);
	st = summarize_line(z, line, strlen(line), &p, out, err, errlen);
	if (st != SUMMARIZE_ADDED) {
		buf_reset(out);
		assert_int_equal(buf_adds(out, line), 0);
	}
	return st;
}

#define ADDED(b, z, line, err) \
	assert_int_equal(take((z), (line), (b), (err), sizeof(err)), \
	    SUMMARIZE_ADDED)

static void
test_appends_summary(void **state)
{
	struct summarize_opts o = { NULL, 0, 0, -1, 0 };
	struct summarize *z;
	struct buf b = {0};
	char err[128];

	(void)state;
	z = summarize_new(&o, err, sizeof(err));
	assert_non_null(z);
	ADDED(&b, z, "{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":"
	    "\"One. Two.\",\"x\":{\"y\":1.50}}", err);
	assert_string_equal(buf_str(&b), "{\"kind\":\"paper\",\"id\":\"1\","
	    "\"abstract\":\"One. Two.\",\"x\":{\"y\":1.50},\"summary\":"
	    "{\"text\":\"One. Two.\",\"model\":\"extractive\","
	    "\"source\":\"abstract\"}}");
	/* Another kind, and a line that is not JSON: nothing written. */
	assert_int_equal(take(z, "{\"kind\":\"note\",\"a\":-0}", &b, err,
	    sizeof(err)), SUMMARIZE_OTHER);
	assert_int_equal(take(z, "{\"kind\":", &b, err, sizeof(err)),
	    SUMMARIZE_INVALID);
	assert_non_null(strstr(err, "invalid JSON"));
	buf_free(&b);
	summarize_free(z);
}

static void
test_limit_kept_replace(void **state)
{
	struct summarize_opts o = { NULL, 0, 0, 2, 0 };
	struct summarize *z;
	struct buf b = {0};
	char err[128];

	(void)state;
	z = summarize_new(&o, err, sizeof(err));
	assert_int_equal(take(z, "{\"kind\":\"paper\",\"id\":\"1\","
	    "\"abstract\":\"A.\",\"summary\":{\"text\":\"old\"},\"z\":1}", &b,
	    err, sizeof(err)), SUMMARIZE_KEPT);
	ADDED(&b, z, "{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"B.\"}",
	    err);
	assert_int_equal(take(z, "{\"kind\":\"paper\",\"id\":\"1\","
	    "\"abstract\":\"C.\"}", &b, err, sizeof(err)),
	    SUMMARIZE_OVER_LIMIT);
	summarize_free(z);

	/* --replace: the summary is replaced where it was, once. */
	o.limit = -1;
	o.replace = 1;
	z = summarize_new(&o, err, sizeof(err));
	ADDED(&b, z, "{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"A.\","
	    "\"summary\":{\"text\":\"old\"},\"z\":1,\"summary\":null}", err);
	assert_string_equal(buf_str(&b),
	    "{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"A.\","
	    "\"summary\":{\"text\":\"A.\",\"model\":\"extractive\","
	    "\"source\":\"abstract\"},\"z\":1}");
	buf_free(&b);
	summarize_free(z);
}

static void
test_no_abstract_and_bad(void **state)
{
	static const char *const none[] = {
		"{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":null}",
		"{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"  \"}",
		"{\"kind\":\"paper\",\"id\":\"1\"}",
	};
	struct summarize_opts o = { NULL, 0, 0, -1, 0 };
	struct summarize *z;
	struct buf b = {0};
	char err[128];
	size_t i;

	(void)state;
	z = summarize_new(&o, err, sizeof(err));
	for (i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		assert_int_equal(take(z, none[i], &b, err, sizeof(err)),
		    SUMMARIZE_NO_ABSTRACT);
	/* One decoder, one wording (record.h): a paper needs its id. */
	assert_int_equal(take(z, "{\"kind\":\"paper\"}", &b, err,
	    sizeof(err)), SUMMARIZE_BAD);
	assert_string_equal(err, "paper: id: expected a string");
	assert_int_equal(take(z, "{\"kind\":\"paper\",\"id\":\"1\","
	    "\"abstract\":\"A.\",\"dropped\":\"no keyword matched\"}", &b, err,
	    sizeof(err)), SUMMARIZE_DROPPED);
	assert_int_equal(take(z, "{\"kind\":\"paper\",\"id\":\"1\","
	    "\"abstract\":[1]}", &b, err, sizeof(err)), SUMMARIZE_BAD);
	assert_string_equal(err, "paper 1: abstract: expected a string");
	buf_free(&b);
	summarize_free(z);
}

/* Write s to a temporary config file and load it. */
static struct config *
load(const char *s, char *path, size_t len)
{
	struct config *c;
	char err[256];
	FILE *fp;
	int fd;

	fd = test_mkstemp(path, len, "test_summarize");
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs(s, fp);
	fclose(fp);
	c = config_load(path, err, sizeof(err));
	unlink(path);
	return c;
}

static void
test_config(void **state)
{
	struct summarize_api api;
	struct config *c;
	char path[64], err[256];

	(void)state;
	assert_int_equal(summarize_config(NULL, &api, err, sizeof(err)), 0);
	assert_int_equal(api.enabled, 0);
	assert_int_equal(api.max_papers, -1);
	c = load("{\"ai_summary\":{\"enabled\":true,\"api_key_env\":\"K\","
	    "\"model\":\"qwen-long\",\"max_papers_to_summarize\":15}}", path,
	    sizeof(path));
	assert_non_null(c);
	assert_int_equal(summarize_config(c, &api, err, sizeof(err)), 0);
	assert_int_equal(api.enabled, 1);
	assert_string_equal(api.key_env, "K");
	assert_string_equal(api.model, "qwen-long");
	assert_int_equal(api.max_papers, 15);
	config_free(c);
	c = load("{\"ai_summary\":{\"max_papers_to_summarize\":-3}}", path,
	    sizeof(path));
	assert_int_equal(summarize_config(c, &api, err, sizeof(err)), -1);
	assert_string_equal(err, "ai_summary.max_papers_to_summarize: "
	    "expected a number of papers, not -3");
	config_free(c);
	c = load("{\"ai_summary\":{\"enabled\":\"yes\"}}", path, sizeof(path));
	assert_int_equal(summarize_config(c, &api, err, sizeof(err)), -1);
	config_free(c);
}

/*
 * A lone surrogate escape: the paper is summarised, and the stage has a
 * warning for it (the decoder's, record.h).
 */
static void
test_lone_surrogate(void **state)
{
	struct summarize_opts o = { NULL, 0, 0, -1, 0 };
	struct summarize *z;
	struct buf b = {0};
	char err[128];

	(void)state;
	z = summarize_new(&o, err, sizeof(err));
	assert_non_null(z);
	ADDED(&b, z, "{\"kind\":\"paper\",\"id\":\"2612.00004\","
	    "\"abstract\":\"One \\ud800 two.\"}", err);
	assert_string_equal(summarize_warning(z), "paper 2612.00004: lone "
	    "surrogate escape read as U+FFFD");
	/* The line keeps its escape; only the summary has U+FFFD. */
	assert_non_null(strstr(buf_str(&b), "\"One \\ud800 two.\""));
	assert_non_null(strstr(buf_str(&b),
	    "\"text\":\"One \xef\xbf\xbd two.\""));
	/* The next paper has none: no warning left over. */
	ADDED(&b, z, "{\"kind\":\"paper\",\"id\":\"2612.00005\","
	    "\"abstract\":\"Pair \\ud83d\\ude00.\"}", err);
	assert_null(summarize_warning(z));
	buf_free(&b);
	summarize_free(z);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appends_summary),
		cmocka_unit_test(test_limit_kept_replace),
		cmocka_unit_test(test_no_abstract_and_bad),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_lone_surrogate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
