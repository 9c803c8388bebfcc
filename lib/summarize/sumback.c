#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "record.h"
#include "sumback.h"
#include "summary.h"

/* The offline back end: the abstract's most informative sentences. */
static int
extractive_summarize(struct sumback *b, const struct paper *p,
    char **text, char *err, size_t errlen)
{
	struct summary_opts o;

	if (p->abstract == NULL) {
		errmsg_set(err, errlen, "no abstract");
		return -1;
	}
	o.sentences = b->settings.sentences;
	o.max_chars = b->settings.max_chars;
	if ((*text = summary_extract(p->title, p->abstract, &o, err,
	    errlen)) == NULL)
		return -1;
	return 0;
}

static const struct sumback_ops backends[] = {
	{ "extractive", NULL, extractive_summarize, NULL, NULL, "abstract" },
};

static const char *const backend_names[] = { "extractive", NULL };

const struct sumback_ops *
sumback_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (strcmp(backends[i].name, name) == 0)
			return &backends[i];
	return NULL;
}

const char *const *
sumback_names(void)
{
	return backend_names;
}

struct sumback *
sumback_open(const char *name, const struct sumback_settings *s, char *err,
    size_t errlen)
{
	const struct sumback_ops *ops;
	struct sumback *b;

	if ((ops = sumback_find(name)) == NULL) {
		errmsg_set(err, errlen, "unknown summary back end: %s", name);
		return NULL;
	}
	if ((b = calloc(1, sizeof(*b))) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	b->ops = ops;
	if (s)
		b->settings = *s;
	if (ops->open && ops->open(b, err, errlen) == -1) {
		free(b);
		return NULL;
	}
	return b;
}

void
sumback_free(struct sumback *b)
{
	if (b == NULL)
		return;
	if (b->ops->close)
		b->ops->close(b);
	free(b);
}

int
sumback_summarize(struct sumback *b, const struct paper *p,
    char **text, char *err, size_t errlen)
{
	*text = NULL;
	return b->ops->summarize(b, p, text, err, errlen);
}

const char *
sumback_model(const struct sumback *b)
{
	return b->ops->model ? b->ops->model(b) : b->ops->name;
}

const char *
sumback_source(const struct sumback *b)
{
	return b->ops->source;
}
