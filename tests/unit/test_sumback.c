#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "record.h"
#include "sumback.h"

static void
test_table(void **state)
{
	const char *const *names = sumback_names();

	(void)state;
	assert_non_null(sumback_find("extractive"));
	assert_null(sumback_find("openai"));
	assert_string_equal(names[0], SUMBACK_DEFAULT);
	assert_null(names[1]);
}

static void
test_open_unknown(void **state)
{
	char err[128];

	(void)state;
	assert_null(sumback_open("nope", NULL, err, sizeof(err)));
	assert_string_equal(err, "unknown summary back end: nope");
}

static void
test_extractive(void **state)
{
	struct sumback_settings s = { 1, 0, NULL, NULL, NULL, NULL };
	char id[] = "1234.5678", title[] = "Sparse attention";
	char abstract[] = "The sky is blue. We propose sparse attention "
	    "for long inputs. It is fast.";
	struct paper p = {0};
	struct sumback *b;
	char err[128], *text;

	(void)state;
	p.id = id;
	p.title = title;
	p.abstract = abstract;
	b = sumback_open("extractive", &s, err, sizeof(err));
	assert_non_null(b);
	assert_string_equal(sumback_model(b), "extractive");
	assert_string_equal(sumback_source(b), "abstract");
	assert_int_equal(sumback_summarize(b, &p, &text, err, sizeof(err)),
	    0);
	assert_string_equal(text,
	    "We propose sparse attention for long inputs.");
	free(text);
	p.abstract = NULL;
	assert_int_equal(sumback_summarize(b, &p, &text, err, sizeof(err)),
	    -1);
	assert_null(text);
	assert_string_equal(err, "no abstract");
	sumback_free(b);
	sumback_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_open_unknown),
		cmocka_unit_test(test_extractive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
