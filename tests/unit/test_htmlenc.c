/*
 * Unit tests for lib/parse/htmlenc.c: an HTML page's encoding (mark,
 * charset, <meta>) and its conversion to UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "htmlenc.h"

/* The encoding htmlenc_detect() finds for s, or "UTF-8". */
static const char *
detect(const char *s, size_t n, const char *charset, size_t *skip)
{
	static char name[64];
	size_t sk;

	if (htmlenc_detect(s, n, charset, name, sizeof(name), &sk) == 0) {
		assert_int_equal(sk, 0);
		snprintf(name, sizeof(name), "UTF-8");
	}
	if (skip != NULL)
		*skip = sk;
	return name;
}

#define D(s, cs)	detect((s), sizeof(s) - 1, (cs), NULL)

static void
test_marks(void **state)
{
	size_t skip;

	(void)state;
	assert_string_equal(detect("\xef\xbb\xbf<html>", 9, "latin1", &skip),
	    "UTF-8");
	assert_string_equal(detect("\xff\xfe<\0h\0", 6, "latin1", &skip),
	    "UTF-16LE");
	assert_int_equal(skip, 2);
	assert_string_equal(detect("\xfe\xff\0<\0h", 6, NULL, &skip),
	    "UTF-16BE");
	assert_int_equal(skip, 2);
	/* UTF-16 without a mark: the zeros of its ASCII. */
	assert_string_equal(detect("<\0h\0", 4, NULL, &skip), "UTF-16LE");
	assert_int_equal(skip, 0);
	assert_string_equal(detect("\0<\0h", 4, NULL, NULL), "UTF-16BE");
	assert_string_equal(detect("", 0, NULL, NULL), "UTF-8");
}

static void
test_charset(void **state)
{
	(void)state;
	/* The response's charset comes before the page's <meta>. */
	assert_string_equal(D("<meta charset=\"koi8-r\">", "iso-8859-2"),
	    "iso-8859-2");
	assert_string_equal(D("<meta charset=\"koi8-r\">", " UTF-8 "),
	    "UTF-8");
	/* Labels as a browser reads them. */
	assert_string_equal(D("x", "ISO-8859-1"), "WINDOWS-1252");
	assert_string_equal(D("x", "us-ascii"), "WINDOWS-1252");
	assert_string_equal(D("x", "Latin1"), "WINDOWS-1252");
	assert_string_equal(D("x", "utf-16"), "UTF-16LE");
	assert_string_equal(D("x", "Shift_JIS"), "CP932");
	assert_string_equal(D("x", "utf8"), "UTF-8");
	/* An empty charset says nothing. */
	assert_string_equal(D("<meta charset=koi8-r>", ""), "koi8-r");
}

static void
test_meta(void **state)
{
	char big[HTMLENC_PRESCAN + 64];

	(void)state;
	assert_string_equal(D("<!DOCTYPE html><html><head><meta "
	    "charset=\"windows-1252\">", NULL), "WINDOWS-1252");
	assert_string_equal(D("<META CHARSET='iso-8859-15'/>", NULL),
	    "iso-8859-15");
	assert_string_equal(D("<meta charset=koi8-r>", NULL), "koi8-r");
	/* http-equiv in either order, the charset anywhere in content. */
	assert_string_equal(D("<meta content=\"text/html; charset=latin1\" "
	    "http-equiv=\"Content-Type\"/>", NULL), "WINDOWS-1252");
	assert_string_equal(D("<meta http-equiv=content-type content="
	    "'text/html;charset = \"koi8-u\"'>", NULL), "koi8-u");
	/* content= without http-equiv is no declaration. */
	assert_string_equal(D("<meta name=x content=\"charset=koi8-r\">",
	    NULL), "UTF-8");
	/* charset= wins over content=, whatever their order. */
	assert_string_equal(D("<meta http-equiv=content-type content=\""
	    "text/html; charset=koi8-r\" charset=iso-8859-2>", NULL),
	    "iso-8859-2");
	/* Not a <meta>: in a comment, in another tag's attribute. */
	assert_string_equal(D("<!-- <meta charset=koi8-r> --><p>", NULL),
	    "UTF-8");
	assert_string_equal(D("<div title=\"<meta charset=koi8-r>\">", NULL),
	    "UTF-8");
	assert_string_equal(D("<metadata charset=koi8-r>", NULL), "UTF-8");
	assert_string_equal(D("<!--><meta charset=koi8-r>", NULL), "koi8-r");
	/* UTF-16 named by a <meta> that was read in ASCII: UTF-8. */
	assert_string_equal(D("<meta charset=utf-16le>", NULL), "UTF-8");
	/* Only the first HTMLENC_PRESCAN bytes are looked at. */
	memset(big, ' ', sizeof(big));
	memcpy(big + HTMLENC_PRESCAN, "<meta charset=koi8-r>", 21);
	assert_string_equal(detect(big, sizeof(big), NULL, NULL), "UTF-8");
	memcpy(big + HTMLENC_PRESCAN - 30, "<meta charset=koi8-r>", 21);
	assert_string_equal(detect(big, sizeof(big), NULL, NULL), "koi8-r");
	/* A tag the prescan's end cuts declares nothing. */
	memset(big, ' ', sizeof(big));
	memcpy(big + HTMLENC_PRESCAN - 10, "<meta charset=koi8-r>", 21);
	assert_string_equal(detect(big, sizeof(big), NULL, NULL), "UTF-8");
}

static void
test_convert(void **state)
{
	struct buf b = {0};
	char err[128];
	size_t bad = 0;

	(void)state;
	assert_int_equal(htmlenc_to_utf8("caf\xe9 \x80 \x93q\x94", 10,
	    "WINDOWS-1252", &b, &bad, err, sizeof(err)), 0);
	assert_string_equal(buf_str(&b),
	    "caf\xc3\xa9 \xe2\x82\xac \xe2\x80\x9cq\xe2\x80\x9d");
	assert_int_equal(bad, 0);
	/* A byte the encoding leaves undefined: U+FFFD, and on. */
	buf_reset(&b);
	assert_int_equal(htmlenc_to_utf8("a\x81z", 3, "WINDOWS-1252", &b,
	    &bad, err, sizeof(err)), 0);
	assert_string_equal(buf_str(&b), "a\xef\xbf\xbdz");
	assert_int_equal(bad, 1);
	/* UTF-16: a lone surrogate, then a unit the end cuts. */
	buf_reset(&b);
	bad = 0;
	assert_int_equal(htmlenc_to_utf8("a\0\x00\xd8" "b\0=\xd8\x00\xde" "c",
	    11, "UTF-16LE", &b, &bad, err, sizeof(err)), 0);
	assert_string_equal(buf_str(&b),
	    "a\xef\xbf\xbd" "b\xf0\x9f\x98\x80\xef\xbf\xbd");
	assert_int_equal(bad, 3);
	/* Appended to what out holds. */
	assert_int_equal(htmlenc_to_utf8("\xe9", 1, "ISO-8859-1", &b, &bad,
	    err, sizeof(err)), 0);
	assert_string_equal(buf_str(&b) + b.len - 2, "\xc3\xa9");
	buf_free(&b);
	assert_int_equal(htmlenc_to_utf8("", 0, "ISO-8859-1", &b, &bad, err,
	    sizeof(err)), 0);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
	assert_int_equal(htmlenc_to_utf8("x", 1, "x-nonesuch", &b, &bad, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "unsupported encoding: x-nonesuch");
	/* Past the buffer's cap. */
	b.max = 8;
	assert_int_equal(htmlenc_to_utf8("0123456789", 10, "ISO-8859-1", &b,
	    &bad, err, sizeof(err)), -1);
	assert_string_equal(err, "document too large");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_charset),
		cmocka_unit_test(test_meta),
		cmocka_unit_test(test_convert),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
