/*
 * The floor for bench/score.sh: read NDJSON lines and parse each with
 * json-c (strict, UTF-8 checked, as arxivpipe reads records), then free
 * it.  Prints the number of records parsed.
 */
#include <stdio.h>
#include <stdlib.h>

#include <json.h>

int
main(void)
{
	json_tokener *tok;
	json_object *o;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long count = 0;

	if ((tok = json_tokener_new()) == NULL)
		return 1;
	json_tokener_set_flags(tok,
	    JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	while ((n = getline(&line, &cap, stdin)) > 0) {
		json_tokener_reset(tok);
		if ((o = json_tokener_parse_ex(tok, line, (int)n)) != NULL) {
			count++;
			json_object_put(o);
		}
	}
	printf("%lu\n", count);
	free(line);
	json_tokener_free(tok);
	return 0;
}
