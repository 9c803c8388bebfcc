/*
 * Fuzz the API response parser (llm.h): any bytes as a response body,
 * with the HTTP status taken from the first byte, then the <think>
 * stripper on the summary; and the user message built from the same
 * bytes as an abstract, which must keep exactly one closing delimiter.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "llm.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long statuses[] = { 200, 200, 200, 400, 401, 403, 404,
	    408, 429, 500, 503, 201 };
	struct llm_paper p = { "2512.00001v1", "Title", NULL, NULL };
	struct llm_reply r;
	char err[256], *s, *user, *q;
	long status;
	int closes = 0;

	if (size == 0)
		return 0;
	status = statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))];
	(void)llm_parse_response(status, (const char *)data + 1, size - 1, &r,
	    err, sizeof(err));
	if (r.text && strstr(r.text, "<think>") != NULL &&
	    strstr(r.text, "</think>") != NULL)
		abort();	/* a whole block survived */
	llm_reply_clear(&r);
	if ((s = malloc(size)) == NULL)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	p.abstract = s;
	if ((user = llm_user_message(&p)) != NULL) {
		/* After the opening line, one closing delimiter: the last. */
		q = strstr(user, "\n<paper>\n");
		while (q && (q = strstr(q, "</paper>")) != NULL) {
			closes++;
			q++;
		}
		if (closes != 1 || strlen(user) < 8 ||
		    strcmp(user + strlen(user) - 8, "</paper>") != 0)
			abort();
		free(user);
	}
	free(llm_strip_think(s));
	return 0;
}
