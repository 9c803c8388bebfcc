#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "transcode.h"

/* doc (len bytes in enc) converted in slices of step bytes. */
static void
convert(const char *enc, const char *doc, size_t len, size_t step,
    struct buf *out, size_t *nbad)
{
	struct transcode *t;
	char err[128];
	size_t i, k;

	t = transcode_open(enc, err, sizeof(err));
	assert_non_null(t);
	*nbad = 0;
	for (i = 0; i < len; i += k) {
		k = len - i < step ? len - i : step;
		assert_int_equal(transcode_push(t, doc + i, k, i + k == len,
		    out, nbad), 0);
	}
	transcode_close(t);
}

/*
 * Sequences cut by every slice boundary come out whole; a unit the
 * encoding cannot hold (a lone surrogate, windows-1252's 0x81, a byte
 * the end cuts) is one U+FFFD and the text after it is kept.
 */
static void
test_slices(void **state)
{
	static const struct {
		const char	*enc, *doc;
		size_t		 len;
		const char	*want;
		size_t		 bad;
	} cases[] = {
		{ "UTF-16LE", "C\0a\0f\0\xe9\0=\0\x3d\xd8\x00\xde", 14,
		    "Caf\xc3\xa9=\xf0\x9f\x98\x80", 0 },
		{ "UTF-16LE", "a\0\x00\xd8" "b\0", 6,
		    "a\xef\xbf\xbd" "b", 2 },
		{ "UTF-16BE", "\0a\0b\0", 5, "ab\xef\xbf\xbd", 1 },
		{ "WINDOWS-1252", "caf\xe9 \x93q\x94 \x81 end", 14,
		    "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d \xef\xbf\xbd end",
		    1 },
	};
	struct buf out = {0};
	size_t i, step, nbad;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (step = 1; step <= cases[i].len; step++) {
			buf_reset(&out);
			convert(cases[i].enc, cases[i].doc, cases[i].len, step,
			    &out, &nbad);
			assert_string_equal(buf_str(&out), cases[i].want);
			assert_int_equal(nbad, cases[i].bad);
		}
	buf_free(&out);
}

static void
test_unknown_encoding(void **state)
{
	char err[128];

	(void)state;
	assert_null(transcode_open("NO-SUCH-ENCODING", err, sizeof(err)));
	assert_string_equal(err, "unsupported encoding: NO-SUCH-ENCODING");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slices),
		cmocka_unit_test(test_unknown_encoding),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
