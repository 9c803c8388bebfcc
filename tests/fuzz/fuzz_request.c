/*
 * Fuzz what arxiv-fetch makes of input it does not control: a request
 * record (any JSON) turned into a source and its page URLs, and URLs
 * split into hosts and redacted for messages.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "source.h"
#include "url.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct source_defaults d = { 100, 100, NULL, NULL, NULL,
	    NULL, NULL, NULL };
	static const struct source_bases b = { "http://h/rss/",
	    "http://h/atom/", "http://h/api?x=1", "http://h/oai",
	    "http://h/html/" };
	struct json_object *o;
	struct source *src;
	char err[256], *s, *u;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	free(url_host(s));
	free(url_redact(s));
	free(url_escape(s));
	(void)url_host_is_arxiv(s);
	if ((o = json_tokener_parse(s)) != NULL) {
		if (json_object_is_type(o, json_type_object) &&
		    (src = source_from_record(o, &d, err, sizeof(err))) != NULL) {
			free(source_url(src, &b, 0, 10, NULL));
			free(source_url(src, &b, 10, 10, "tok|1"));
			u = source_url(src, &b, 1, 1, NULL);
			if (u)
				free(url_redact(u));
			free(u);
			source_free(src);
		}
		json_object_put(o);
	}
	free(s);
	return 0;
}
