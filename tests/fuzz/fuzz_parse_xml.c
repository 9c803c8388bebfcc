/*
 * libFuzzer target: arbitrary bytes as an arXiv document, through the
 * feed parser (every format, the UTF-8 filter, the entity refusal),
 * fed in pieces whose size the first byte chooses.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "feed.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
on_paper(void *arg, const char *rec, size_t len)
{
	size_t *total = arg;

	/* Touch every byte: a record must be a whole, readable string. */
	*total += len + (size_t)(memchr(rec, '\0', len) != NULL);
}

static void
on_problem(void *arg, unsigned long line, unsigned long col, int failure,
    const char *msg)
{
	(void)arg;
	(void)line;
	(void)col;
	(void)failure;
	(void)strlen(msg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum feed_format formats[] = { FEED_AUTO, FEED_RSS,
	    FEED_RSS1, FEED_ATOM, FEED_API, FEED_OAI };
	struct feed_sink sink = { on_paper, on_problem, NULL };
	struct feed *f;
	size_t total = 0, step, i, k;
	char err[128];

	if (size < 1)
		return 0;
	sink.arg = &total;
	step = (size_t)(data[0] & 0x3f) + 1;
	/* Low bits: the piece size; high bits: quiet, forced format. */
	f = feed_new(formats[(data[0] >> 7) ? data[0] % 6 : 0],
	    "http://127.0.0.1/", 4096, (data[0] >> 6) & 1, &sink, err,
	    sizeof(err));
	if (f == NULL)
		return 0;
	data++;
	size--;
	for (i = 0; i < size; i += k) {
		k = size - i < step ? size - i : step;
		if (feed_write(f, (const char *)data + i, k) == -1)
			break;
	}
	feed_finish(f);
	feed_free(f);
	return 0;
}
