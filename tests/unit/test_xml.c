/* Unit tests for lib/xml.c: events, errors, entities, UTF-8 repair. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "xml.h"

struct log {
	struct buf	b;
};

static void
on_start(void *arg, const char *name, const char *ns,
    const struct xml_attr *a, size_t n)
{
	struct log *l = arg;
	size_t i;

	assert_int_equal(buf_addf(&l->b, "<%s%s%s", ns[0] ? "{" : "", ns,
	    ns[0] ? "}" : ""), 0);
	assert_int_equal(buf_adds(&l->b, name), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(buf_addf(&l->b, " %s=%.*s", a[i].name,
		    (int)a[i].len, a[i].value), 0);
	assert_int_equal(buf_addc(&l->b, '>'), 0);
}

static void
on_end(void *arg, const char *name, const char *ns)
{
	struct log *l = arg;

	(void)ns;
	assert_int_equal(buf_addf(&l->b, "</%s>", name), 0);
}

static void
on_text(void *arg, const char *s, size_t n)
{
	struct log *l = arg;

	assert_int_equal(buf_add(&l->b, s, n), 0);
}

static const struct xml_handler h = { on_start, on_end, on_text };

/* Parse doc fed in pieces of step bytes; returns 0 or -1 with err. */
static int
parse(const char *doc, size_t len, size_t step, struct log *l, char *err,
    size_t errlen)
{
	struct xml_parser *p;
	size_t i, k;
	int rc = 0;

	memset(l, 0, sizeof(*l));
	p = xml_parser_new(&h, l, err, errlen);
	assert_non_null(p);
	for (i = 0; i < len && rc == 0; i += k) {
		k = len - i < step ? len - i : step;
		rc = xml_parser_feed(p, doc + i, k, err, errlen);
	}
	if (rc == 0)
		rc = xml_parser_finish(p, err, errlen);
	xml_parser_free(p);
	return rc;
}

static void
test_events(void **state)
{
	const char *doc = "<?xml version='1.0'?><a xmlns='urn:x' "
	    "xmlns:q='urn:q' k=\"v&amp;w\"><q:b>t&lt;&#x41;</q:b>"
	    "<![CDATA[<raw>]]></a>";
	struct log l;
	char err[256];
	size_t step;

	(void)state;
	for (step = 1; step <= strlen(doc); step += 7) {
		assert_int_equal(parse(doc, strlen(doc), step, &l, err,
		    sizeof(err)), 0);
		assert_string_equal(buf_str(&l.b), "<{urn:x}a k=v&w>"
		    "<{urn:q}b>t<A</b><raw></a>");
		buf_free(&l.b);
	}
}

static void
test_malformed(void **state)
{
	const char *doc = "<a>\n<b></c>\n</a>";
	struct log l;
	char err[256];

	(void)state;
	assert_int_equal(parse(doc, strlen(doc), 4096, &l, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "2:"));
	assert_non_null(strstr(err, "malformed XML: opening and ending tag "
	    "mismatch"));
	buf_free(&l.b);
}

static void
test_truncated(void **state)
{
	const char *doc = "<rss><channel><item><title>cut";
	struct log l;
	char err[256];

	(void)state;
	assert_int_equal(parse(doc, strlen(doc), 5, &l, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "truncated, the document ends inside "
	    "<title>"));
	buf_free(&l.b);
}

static void
test_entities_refused(void **state)
{
	const char *bomb = "<!DOCTYPE a [<!ENTITY x \"xx\"><!ENTITY y "
	    "\"&x;&x;&x;\">]><a>&y;</a>";
	const char *xxe = "<!DOCTYPE a [<!ENTITY s SYSTEM "
	    "\"file:///etc/passwd\">]><a>&s;</a>";
	const char *undeclared = "<!DOCTYPE a SYSTEM \"file:///etc/passwd\">"
	    "<a>x&u;y</a>";
	struct log l;
	char err[256];

	(void)state;
	assert_int_equal(parse(bomb, strlen(bomb), 4096, &l, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "entity declaration refused: x"));
	assert_null(strstr(buf_str(&l.b), "xx"));
	buf_free(&l.b);
	assert_int_equal(parse(xxe, strlen(xxe), 3, &l, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "external entity declaration refused"));
	assert_null(strstr(buf_str(&l.b), "root:"));
	buf_free(&l.b);
	assert_int_equal(parse(undeclared, strlen(undeclared), 4096, &l, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "undeclared entity: &u;"));
	buf_free(&l.b);
}

static void
test_utf8_repair(void **state)
{
	/* A bad byte, a surrogate, a control character, a cut sequence. */
	const char doc[] = "<a>\xff-\xed\xa0\x80-\x01-\xc3\xa9-\xe2\x82</a>";
	struct xml_parser *p;
	struct log l;
	unsigned long line;
	char err[256];
	size_t step;

	(void)state;
	for (step = 1; step < sizeof(doc); step++) {
		assert_int_equal(parse(doc, sizeof(doc) - 1, step, &l, err,
		    sizeof(err)), 0);
		assert_string_equal(buf_str(&l.b), "<a>\xef\xbf\xbd-"
		    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd-\xef\xbf\xbd-"
		    "\xc3\xa9-\xef\xbf\xbd\xef\xbf\xbd</a>");
		buf_free(&l.b);
	}
	memset(&l, 0, sizeof(l));
	p = xml_parser_new(&h, &l, err, sizeof(err));
	assert_int_equal(xml_parser_feed(p, "<a>\n\n\xff</a>", 10, err,
	    sizeof(err)), 0);
	assert_int_equal(xml_parser_finish(p, err, sizeof(err)), 0);
	assert_int_equal(xml_parser_repaired(p, &line), 1);
	assert_int_equal(line, 3);
	xml_parser_free(p);
	buf_free(&l.b);
}

static void
test_latin1_untouched(void **state)
{
	const char doc[] = "<?xml version='1.0' encoding='ISO-8859-1'?>"
	    "<a>caf\xe9</a>";
	struct log l;
	char err[256];

	(void)state;
	assert_int_equal(parse(doc, sizeof(doc) - 1, 4096, &l, err,
	    sizeof(err)), 0);
	assert_string_equal(buf_str(&l.b), "<a>caf\xc3\xa9</a>");
	buf_free(&l.b);
}

static void
test_empty(void **state)
{
	struct log l;
	char err[256];

	(void)state;
	assert_int_equal(parse("", 0, 1, &l, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "malformed XML"));
	buf_free(&l.b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_entities_refused),
		cmocka_unit_test(test_utf8_repair),
		cmocka_unit_test(test_latin1_untouched),
		cmocka_unit_test(test_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
