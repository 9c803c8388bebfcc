/*
 * Write N paper records for bench/score.sh from the templates on stdin
 * (bench/score_gen.py): record i takes template i mod T with a distinct
 * id, a version 1 to 3, its number in the title, an announce type (half
 * "new", as in real feeds) and a date in April 2026, so that a realistic
 * share passes the bot's rules and no two records are duplicates.
 *   score_gen N <templates >papers.ndjson
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEMPLATES_MAX	64

int
main(int argc, char *argv[])
{
	static const char *types[] = {
		"new", "new", "new", "cross", "replace", "replace-cross"
	};
	char *tpl[TEMPLATES_MAX], *line = NULL, *p, *q;
	char id[32], aid[40];
	size_t cap = 0, ntpl = 0;
	ssize_t len;
	unsigned long i, n;
	int ver;

	if (argc != 2 || (n = strtoul(argv[1], NULL, 10)) == 0) {
		fprintf(stderr, "usage: score_gen count <templates\n");
		return 2;
	}
	while (ntpl < TEMPLATES_MAX && (len = getline(&line, &cap, stdin)) > 1) {
		line[len - 1] = '\0';
		if ((tpl[ntpl++] = strdup(line)) == NULL)
			return 1;
	}
	free(line);
	if (ntpl == 0)
		return 1;
	for (i = 0; i < n; i++) {
		ver = 1 + (int)(i % 3);
		snprintf(id, sizeof(id), "26%02lu.%05lu", 1 + i / 99999 % 12,
		    i % 99999);
		snprintf(aid, sizeof(aid), "%sv%d", id, ver);
		/* Marks are \001name\001: copy the text, replace the names. */
		for (p = tpl[i % ntpl]; (q = strchr(p, '\001')) != NULL;
		    p = strchr(q + 1, '\001') + 1) {
			fwrite(p, 1, (size_t)(q - p), stdout);
			q++;
			if (strncmp(q, "id\001", 3) == 0)
				fputs(id, stdout);
			else if (strncmp(q, "aid\001", 4) == 0)
				fputs(aid, stdout);
			else if (strncmp(q, "ver\001", 4) == 0)
				printf("%d", ver);
			else if (strncmp(q, "n\001", 2) == 0)
				printf("%lu", i);
			else if (strncmp(q, "at\001", 3) == 0)
				fputs(types[i % 6], stdout);
			else if (strncmp(q, "pub\001", 4) == 0)
				printf("2026-04-%02luT04:00:00Z", 1 + i % 28);
		}
		fputs(p, stdout);
		putchar('\n');
	}
	for (i = 0; i < ntpl; i++)
		free(tpl[i]);
	return fflush(stdout) == 0 ? 0 : 1;
}
