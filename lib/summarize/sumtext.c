#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "buf.h"
#include "jsonc.h"
#include "llm.h"
#include "sumtext.h"
#include "text.h"

/* 1 if heading contains word, ignoring case. */
static int
has(const char *heading, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = heading; *p; p++)
		if (strncasecmp(p, word, n) == 0)
			return 1;
	return 0;
}

int
sumtext_rank(const char *h)
{
	if (h == NULL)
		return 1;
	if (has(h, "reference") || has(h, "bibliograph") ||
	    has(h, "appendix") || has(h, "acknowledg") ||
	    has(h, "supplementa") || has(h, "checklist"))
		return 3;
	if (has(h, "abstract") || has(h, "introduction") ||
	    has(h, "conclusion") || has(h, "summary") ||
	    has(h, "discussion") || has(h, "contribution"))
		return 0;
	if (has(h, "related work") || has(h, "background") ||
	    has(h, "preliminar") || has(h, "prior work"))
		return 2;
	return 1;
}

char *
sumtext_cut(struct json_object *sections, size_t max_tokens,
    int skip_abstract, int *cut)
{
	struct json_object *s;
	const char *heading, *text;
	size_t i, n, left = max_tokens, t;
	struct buf out = {0};
	char **part = NULL, *block;
	int rank, c, *ranks = NULL, tail = 0;

	*cut = 0;
	if (!jsonc_is_array(sections) || (n = jsonc_array_len(sections)) == 0)
		return NULL;
	if ((part = calloc(n, sizeof(*part))) == NULL ||
	    (ranks = calloc(n, sizeof(*ranks))) == NULL) {
		free(part);
		return NULL;
	}
	/* Whatever follows the references or an appendix is back matter. */
	for (i = 0; i < n; i++) {
		s = jsonc_array_at(sections, i);
		heading = jsonc_get_str(s, "heading");
		ranks[i] = tail ? 3 : sumtext_rank(heading);
		if (ranks[i] == 3)
			tail = 1;
	}
	for (rank = 0; rank <= 3; rank++) {
		for (i = 0; i < n; i++) {
			s = jsonc_array_at(sections, i);
			heading = jsonc_get_str(s, "heading");
			text = jsonc_get_str(s, "text");
			if (text == NULL || *text == '\0' || ranks[i] != rank)
				continue;
			if (skip_abstract && heading &&
			    strcasecmp(heading, "abstract") == 0)
				continue;
			if (left == 0) {
				*cut = 1;
				continue;
			}
			buf_reset(&out);
			if ((heading && buf_addf(&out, "## %s\n\n", heading) ==
			    -1) || buf_adds(&out, text) == -1 ||
			    buf_adds(&out, "\n\n") == -1)
				goto fail;
			t = llm_tokens(out.data);
			if (t <= left) {
				left -= t;
				part[i] = buf_take(&out);
				continue;
			}
			/* About four bytes a token, as llm_tokens() counts. */
			if ((block = text_truncate(out.data, left * 4, &c)) ==
			    NULL)
				goto fail;
			buf_reset(&out);
			if (buf_adds(&out, block) == -1 ||
			    buf_adds(&out, " [...]\n\n") == -1) {
				free(block);
				goto fail;
			}
			free(block);
			part[i] = buf_take(&out);
			left = 0;
			*cut = 1;
		}
	}
	buf_free(&out);
	for (i = 0; i < n; i++)
		if (part[i] && buf_adds(&out, part[i]) == -1)
			goto fail;
	for (i = 0; i < n; i++)
		free(part[i]);
	free(part);
	free(ranks);
	if (out.len == 0)
		return NULL;
	while (out.len > 0 && out.data[out.len - 1] == '\n')
		out.data[--out.len] = '\0';
	return buf_take(&out);
fail:
	buf_free(&out);
	for (i = 0; i < n; i++)
		free(part[i]);
	free(part);
	free(ranks);
	return NULL;
}
