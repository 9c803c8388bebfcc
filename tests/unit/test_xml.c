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

/*
 * The line of the first repair, with lines of every length before it:
 * the filter takes printable runs many bytes at a time and must count
 * each LF in them, wherever it falls.
 */
static void
test_repair_line(void **state)
{
	static const char fill[] = "abc <>&;\t\r xyz=\"'";
	struct xml_parser *p;
	struct log l;
	struct buf doc = {0};
	unsigned long seed = 3, line, lines;
	char err[256], c;
	int i, j, n;

	(void)state;
	for (i = 0; i < 300; i++) {
		buf_reset(&doc);
		assert_int_equal(buf_adds(&doc, "<a>"), 0);
		lines = 1;
		for (j = 0; j < i % 40; j++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			for (n = (int)(seed >> 59); n > 0; n--) {
				seed = seed * 6364136223846793005UL + 1UL;
				c = fill[(seed >> 33) % (sizeof(fill) - 1)];
				/* Markup characters would not be text. */
				if (c == '<' || c == '&')
					c = '.';
				assert_int_equal(buf_addc(&doc, c), 0);
			}
			assert_int_equal(buf_addc(&doc, '\n'), 0);
			lines++;
		}
		assert_int_equal(buf_adds(&doc, "x\xff\n\xfe</a>"), 0);
		memset(&l, 0, sizeof(l));
		p = xml_parser_new(&h, &l, err, sizeof(err));
		assert_int_equal(xml_parser_feed(p, doc.data, doc.len, err,
		    sizeof(err)), 0);
		assert_int_equal(xml_parser_finish(p, err, sizeof(err)), 0);
		assert_int_equal(xml_parser_repaired(p, &line), 2);
		assert_int_equal(line, lines);
		xml_parser_free(p);
		buf_free(&l.b);
	}
	buf_free(&doc);
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

/* n copies of s into b. */
static void
repeat(struct buf *b, const char *s, size_t n)
{
	while (n-- > 0)
		assert_int_equal(buf_adds(b, s), 0);
}

/*
 * The limits scanner, fed in pieces of every size: what only looks like
 * attributes or tags (in comments, CDATA, processing instructions,
 * attribute values, a DOCTYPE's internal subset) is not counted; real
 * ones are, with the limit named at the offending tag.
 */
static void
test_limits(void **state)
{
	struct buf doc = {0};
	struct log l;
	char err[256];
	size_t step;

	(void)state;
	assert_int_equal(buf_adds(&doc, "<!DOCTYPE a [ <!-- it's \"> -->"
	    "<!ELEMENT a ANY> ]><a k='>/>\"'><!--"), 0);
	repeat(&doc, " <b c=''", 300);
	assert_int_equal(buf_adds(&doc, "--><![CDATA["), 0);
	repeat(&doc, "<b c='' ", 300);
	assert_int_equal(buf_adds(&doc, "]]><?pi"), 0);
	repeat(&doc, " <b c='' ", 300);
	assert_int_equal(buf_adds(&doc, "?><e v='"), 0);
	repeat(&doc, " c=\"\" /> ", 300);
	assert_int_equal(buf_adds(&doc, "'/>"), 0);
	repeat(&doc, "<d>", XML_MAX_DEPTH - 1);
	repeat(&doc, "</d>", XML_MAX_DEPTH - 1);
	assert_int_equal(buf_adds(&doc, "</a>"), 0);
	for (step = 1; step < 600; step += 37) {
		assert_int_equal(parse(doc.data, doc.len, step, &l, err,
		    sizeof(err)), 0);
		buf_free(&l.b);
	}
	buf_free(&doc);

	assert_int_equal(buf_adds(&doc, "<a>\n<b/>\n  <c"), 0);
	repeat(&doc, " x=''", XML_MAX_ATTRS);
	repeat(&doc, " y=''", 1);
	assert_int_equal(buf_adds(&doc, "/></a>"), 0);
	for (step = 1; step < 600; step += 37) {
		assert_int_equal(parse(doc.data, doc.len, step, &l, err,
		    sizeof(err)), -1);
		assert_string_equal(err, "3:3: too many attributes on one "
		    "element (over 256)");
		/* What came before the tag was parsed. */
		assert_string_equal(buf_str(&l.b), "<a>\n<b></b>\n  ");
		buf_free(&l.b);
	}
	buf_free(&doc);

	repeat(&doc, "<d>", XML_MAX_DEPTH + 1);
	assert_int_equal(parse(doc.data, doc.len, 100, &l, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "1:769: elements nested too deep (over 256 "
	    "levels)");
	buf_free(&l.b);
	buf_free(&doc);

	/*
	 * Newlines counted wherever they fall: in long and short runs of
	 * text, in a quoted value, a comment, an end tag, at a slice's
	 * edge (every step), sixteen and more bytes apart or not.
	 */
	assert_int_equal(buf_adds(&doc, "<a>\n"), 0);
	repeat(&doc, "<t>a long run of text, past sixteen bytes\nand on"
	    "</t>\n<u v='1\n2'><!-- a\ncomment --></u\n>", 1);
	repeat(&doc, "<s>x\n</s>\n\n<s>\n\n\n</s>", 3);
	assert_int_equal(buf_adds(&doc, "<w>0123456789abcdef\n</w>  <c"), 0);
	repeat(&doc, " x=''", XML_MAX_ATTRS + 1);
	assert_int_equal(buf_adds(&doc, "/></a>"), 0);
	for (step = 1; step < 600; step += 7) {
		assert_int_equal(parse(doc.data, doc.len, step, &l, err,
		    sizeof(err)), -1);
		assert_string_equal(err, "26:7: too many attributes on one "
		    "element (over 256)");
		buf_free(&l.b);
	}
	buf_free(&doc);
}

/* A document in another encoding reaches the callbacks as UTF-8. */
static void
test_encodings(void **state)
{
	static const char latin1[] = "<?xml version='1.0' encoding="
	    "'ISO-8859-1'?><a>Caf\xe9</a>";
	static const char utf16[] = "\xff\xfe<\0a\0>\0\xe9\0<\0/\0a\0>\0";
	struct xml_parser *p;
	struct log l;
	char err[256];
	size_t step;

	(void)state;
	for (step = 1; step < sizeof(latin1); step++) {
		assert_int_equal(parse(latin1, sizeof(latin1) - 1, step, &l,
		    err, sizeof(err)), 0);
		assert_string_equal(buf_str(&l.b), "<a>Caf\xc3\xa9</a>");
		buf_free(&l.b);
	}
	for (step = 1; step < sizeof(utf16); step++) {
		assert_int_equal(parse(utf16, sizeof(utf16) - 1, step, &l,
		    err, sizeof(err)), 0);
		assert_string_equal(buf_str(&l.b), "<a>\xc3\xa9</a>");
		buf_free(&l.b);
	}
	/* The caller's charset, when the document names none. */
	memset(&l, 0, sizeof(l));
	p = xml_parser_new(&h, &l, err, sizeof(err));
	assert_non_null(p);
	assert_int_equal(xml_parser_set_charset(p, "latin1"), 0);
	assert_int_equal(xml_parser_feed(p, "<a>\xe9</a>", 8, err,
	    sizeof(err)), 0);
	assert_int_equal(xml_parser_finish(p, err, sizeof(err)), 0);
	assert_string_equal(buf_str(&l.b), "<a>\xc3\xa9</a>");
	xml_parser_free(p);
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
		cmocka_unit_test(test_repair_line),
		cmocka_unit_test(test_latin1_untouched),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_encodings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
