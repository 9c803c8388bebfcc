#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <json.h>

#include "tmpname.h"
#include "config.h"
#include "jsonc.h"
#include "summarize.h"

static struct json_object *
parse(const char *s)
{
	struct json_object *o = json_tokener_parse(s);

	assert_non_null(o);
	return o;
}

static const char *
plain(struct json_object *o)
{
	return json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
}

static void
test_appends_summary(void **state)
{
	struct summarize_opts o = { NULL, 0, 0, -1, 0 };
	struct summarize *z;
	struct json_object *p;
	char err[128];

	(void)state;
	z = summarize_new(&o, err, sizeof(err));
	assert_non_null(z);
	p = parse("{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"One. Two.\","
	    "\"x\":{\"y\":1}}");
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_ADDED);
	assert_string_equal(plain(p), "{\"kind\":\"paper\",\"id\":\"1\","
	    "\"abstract\":\"One. Two.\",\"x\":{\"y\":1},\"summary\":"
	    "{\"text\":\"One. Two.\",\"model\":\"extractive\","
	    "\"source\":\"abstract\"}}");
	json_object_put(p);
	summarize_free(z);
}

static void
test_limit_kept_replace(void **state)
{
	struct summarize_opts o = { NULL, 0, 0, 2, 0 };
	struct summarize *z;
	struct json_object *p;
	char err[128];

	(void)state;
	z = summarize_new(&o, err, sizeof(err));
	p = parse("{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"A.\",\"summary\":"
	    "{\"text\":\"old\"},\"z\":1}");
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_KEPT);
	json_object_put(p);
	p = parse("{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"B.\"}");
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_ADDED);
	json_object_put(p);
	p = parse("{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"C.\"}");
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_OVER_LIMIT);
	assert_string_equal(plain(p),
	    "{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"C.\"}");
	json_object_put(p);
	summarize_free(z);

	/* --replace: the summary is replaced where it was. */
	o.limit = -1;
	o.replace = 1;
	z = summarize_new(&o, err, sizeof(err));
	p = parse("{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"A.\",\"summary\":"
	    "{\"text\":\"old\"},\"z\":1}");
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_ADDED);
	assert_string_equal(plain(p),
	    "{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"A.\","
	    "\"summary\":{\"text\":\"A.\",\"model\":\"extractive\","
	    "\"source\":\"abstract\"},\"z\":1}");
	json_object_put(p);
	summarize_free(z);
}

static void
test_no_abstract_and_bad(void **state)
{
	struct summarize_opts o = { NULL, 0, 0, -1, 0 };
	struct summarize *z;
	struct json_object *p;
	char err[128];

	(void)state;
	z = summarize_new(&o, err, sizeof(err));
	p = parse("{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":null}");
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_NO_ABSTRACT);
	json_object_put(p);
	p = parse("{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"  \"}");
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_NO_ABSTRACT);
	json_object_put(p);
	p = parse("{\"kind\":\"paper\",\"id\":\"1\"}");
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_NO_ABSTRACT);
	json_object_put(p);
	/* One decoder, one wording (record.h): a paper needs its id. */
	p = parse("{\"kind\":\"paper\"}");
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_BAD);
	assert_string_equal(err, "paper: id: expected a string");
	json_object_put(p);
	p = parse("{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":\"A.\",\"dropped\":"
	    "\"no keyword matched\"}");
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_DROPPED);
	json_object_put(p);
	p = parse("{\"kind\":\"paper\",\"id\":\"1\",\"abstract\":[1]}");
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_BAD);
	assert_string_equal(err, "paper 1: abstract: expected a string");
	json_object_put(p);
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
 * warning for it (the record's flags come from jsonc_parse_record()).
 */
static void
test_lone_surrogate(void **state)
{
	struct summarize_opts o = { NULL, 0, 0, -1, 0 };
	struct jsonc_parser *jp;
	struct summarize *z;
	struct json_object *p;
	const char *line;
	char err[128];

	(void)state;
	z = summarize_new(&o, err, sizeof(err));
	jp = jsonc_parser_new();
	assert_non_null(z);
	assert_non_null(jp);
	line = "{\"kind\":\"paper\",\"id\":\"2612.00004\",\"abstract\":"
	    "\"One \\ud800 two.\"}";
	assert_int_equal(jsonc_parse_record(jp, line, strlen(line), &p, err,
	    sizeof(err)), 0);
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_ADDED);
	assert_string_equal(summarize_warning(z), "paper 2612.00004: lone "
	    "surrogate escape read as U+FFFD");
	jsonc_put(p);
	/* The next paper has none: no warning left over. */
	line = "{\"kind\":\"paper\",\"id\":\"2612.00005\",\"abstract\":"
	    "\"Pair \\ud83d\\ude00.\"}";
	assert_int_equal(jsonc_parse_record(jp, line, strlen(line), &p, err,
	    sizeof(err)), 0);
	assert_int_equal(summarize_paper(z, p, err, sizeof(err)),
	    SUMMARIZE_ADDED);
	assert_null(summarize_warning(z));
	jsonc_put(p);
	jsonc_parser_free(jp);
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
