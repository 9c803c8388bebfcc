/*
 * Fuzz arxiv-score's run on NDJSON input, the fast path against json-c:
 * the same lines scored with and without --full-parse must give the same
 * output, line for line, and the same verdict for every line.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scoreconf.h"
#include "scorerun.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char kw1[] = "LLM", kw2[] = "model*", kw3[] = "mixture of experts";
/* A regex that backtracks: its failures must not differ between paths. */
static char kw4[] = "(a+)+$";
static struct scoreconf_term kw[] = {
	{ kw1, 1, 0x03, 0 }, { kw2, 2, 0x03, 0 }, { kw3, 1, 0x0f, 0 },
	{ kw4, 1, 0x03, 1 },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scorerun_opts o[2] = { { 0 }, { 0 } };
	struct scorerun *run[2];
	struct scoreconf sc;
	const char *p = (const char *)data, *end = p + size, *nl, *l1, *l2;
	char err[256], *line;
	size_t n1, n2;
	int i, a, b;

	scoreconf_default(&sc);
	sc.rules = 1;
	sc.keywords = kw;
	sc.nkeywords = 4;
	sc.dedup = sc.dedup_id = sc.dedup_title = sc.dedup_link = 1;
	sc.max_papers = 3;
	o[0].explain = o[1].explain = 1;
	o[1].full_parse = 1;
	for (i = 0; i < 2; i++)
		run[i] = scorerun_new(&sc, &o[i], err, sizeof(err));
	if (run[0] == NULL || run[1] == NULL)
		abort();
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((line = malloc((size_t)(nl - p) + 1)) == NULL)
			break;
		memcpy(line, p, (size_t)(nl - p));
		a = scorerun_line(run[0], line, (size_t)(nl - p), err,
		    sizeof(err));
		b = scorerun_line(run[1], line, (size_t)(nl - p), err,
		    sizeof(err));
		free(line);
		if (a != b)
			abort();
		/* The same warning (a failed regex, a repaired string). */
		if ((scorerun_warning(run[0]) == NULL) !=
		    (scorerun_warning(run[1]) == NULL) ||
		    (scorerun_warning(run[0]) != NULL &&
		    strcmp(scorerun_warning(run[0]),
		    scorerun_warning(run[1])) != 0))
			abort();
	}
	if (scorerun_finish(run[0], err, sizeof(err)) == -1 ||
	    scorerun_finish(run[1], err, sizeof(err)) == -1)
		abort();
	for (;;) {
		a = scorerun_next(run[0], &l1, &n1, err, sizeof(err));
		if (a == 1) {
			line = malloc(n1);
			memcpy(line, l1, n1);
		} else
			line = NULL;
		b = scorerun_next(run[1], &l2, &n2, err, sizeof(err));
		if (a != b || (a == 1 && (n1 != n2 ||
		    memcmp(line, l2, n1) != 0)))
			abort();
		free(line);
		if (a != 1)
			break;
	}
	scorerun_free(run[0]);
	scorerun_free(run[1]);
	return 0;
}
