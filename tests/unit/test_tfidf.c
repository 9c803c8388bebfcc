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
#include "tfidf.h"

static struct tfidf *
load(const char *text, char *err, size_t errlen)
{
	char path[64];
	struct tfidf *t;
	int fd;

	assert_true((fd = test_mkstemp(path, sizeof(path), "test_tfidf")) >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	t = tfidf_load(path, err, errlen);
	unlink(path);
	return t;
}

static double
sim(struct tfidf *t, const char *title, const char *abstract)
{
	return tfidf_similarity(t, title, title ? strlen(title) : 0, abstract,
	    abstract ? strlen(abstract) : 0);
}

static void
test_ndjson(void **state)
{
	struct tfidf *t;
	char err[256];
	double a, b, c;

	(void)state;
	t = load("{\"kind\":\"paper\",\"title\":\"Speculative decoding\","
	    "\"abstract\":\"Fast inference for large language models.\"}\n"
	    "{\"kind\":\"note\",\"title\":\"ignored\"}\n"
	    "not json\n"
	    "{\"kind\":\"paper\",\"title\":\"Sparse attention kernels\","
	    "\"abstract\":null}\n", err, sizeof(err));
	assert_non_null(t);
	assert_int_equal(tfidf_size(t), 2);
	a = sim(t, "Speculative Decoding", "Fast inference for large "
	    "language models.");
	b = sim(t, "Decoding speculatively", "Birds and bees.");
	c = sim(t, "Birds", "Bees and flowers of the meadow.");
	assert_true(a > b && b > c);
	assert_true(a > 0.5 && a <= 1);
	assert_true(c == 0);
	assert_true(sim(t, NULL, NULL) == 0);
	/* Deterministic, and LaTeX accents and plurals fold. */
	assert_true(a == sim(t, "Speculative Decoding", "Fast inference for "
	    "large language models."));
	assert_true(sim(t, "Sparse attention kernel", NULL) ==
	    sim(t, "sparse ATTENTION kernels", NULL));
	tfidf_free(t);
}

static void
test_bibtex(void **state)
{
	struct tfidf *t;
	char err[256];

	(void)state;
	t = load("% saved\n@article{k1,\n  title = {{K}{\\\"a}hler "
	    "geometry},\n  abstract = \"On {manifolds}.\",\n year=2020}\n"
	    "@comment{nothing here}\n@book{k2, title={Graphs}}\n", err,
	    sizeof(err));
	assert_non_null(t);
	assert_int_equal(tfidf_size(t), 2);
	assert_true(sim(t, "K\u00e4hler manifolds", NULL) > 0.5);
	tfidf_free(t);
	assert_null(load("@comment{x}\n", err, sizeof(err)));
	assert_non_null(strstr(err, "no paper with a title or abstract"));
	assert_null(tfidf_load("/nonexistent/lib.bib", err, sizeof(err)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ndjson),
		cmocka_unit_test(test_bibtex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
