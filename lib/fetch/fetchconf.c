#include <stddef.h>
#include <stdlib.h>

#include "buf.h"
#include "config.h"
#include "errmsg.h"
#include "fetchconf.h"
#include "source.h"
#include "url.h"

int
fetchconf_base_ok(const char *url)
{
	return url_has_scheme(url, "http") || url_has_scheme(url, "https") ||
	    url_has_scheme(url, "file");
}

int
fetchconf_bases(struct source_bases *b, const struct config *cf, char *err,
    size_t errlen)
{
	const struct {
		const char	 *key;
		const char	**base;
		const char	 *builtin;
	} keys[] = {
		{ "arxiv.rss_base", &b->rss, SOURCE_RSS_BASE },
		{ "arxiv.atom_base", &b->atom, SOURCE_ATOM_BASE },
		{ "arxiv.api_base", &b->api, SOURCE_API_BASE },
		{ "arxiv.oai_base", &b->oai, SOURCE_OAI_BASE },
		{ "arxiv.html_base", &b->html, SOURCE_HTML_BASE },
		{ "arxiv.pdf_base", &b->pdf, SOURCE_PDF_BASE },
	};
	const char *v;
	char msg[512];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (*keys[i].base != NULL)
			continue;
		rc = cf ? config_string(cf, keys[i].key, &v, msg,
		    sizeof(msg)) : 1;
		if (rc == -1) {
			errmsg_set(err, errlen, "%s: %s", cf->path, msg);
			return -1;
		}
		if (rc == 0 && !fetchconf_base_ok(v)) {
			errmsg_set(err, errlen, "%s: %s: not an http, https "
			    "or file URL: %s", cf->path, keys[i].key, v);
			return -1;
		}
		*keys[i].base = rc == 0 ? v : keys[i].builtin;
	}
	return 0;
}

int
fetchconf_fulltext_max(const struct config *cf, long *max, char *err,
    size_t errlen)
{
	static const char key[] = "ai_summary.max_papers_to_summarize";
	char msg[512];
	long n;
	int rc;

	if ((rc = config_int(cf, key, &n, msg, sizeof(msg))) == -1) {
		errmsg_set(err, errlen, "%s: %s", cf->path, msg);
		return -1;
	}
	if (rc == 1)
		return 1;
	if (n < 0) {
		errmsg_set(err, errlen, "%s: %s: expected a number of papers, "
		    "not %ld", cf->path, key, n);
		return -1;
	}
	*max = n;
	return 0;
}

struct source *
fetchconf_feed(const struct config *cf, const struct source_defaults *d,
    char *err, size_t errlen)
{
	const char **cats = NULL;
	struct buf feed = {0};
	struct source *s;
	char msg[512];
	size_t i, n;
	int rc;

	rc = config_strings(cf, "categories", &cats, &n, msg, sizeof(msg));
	if (rc == -1) {
		errmsg_set(err, errlen, "%s: %s", cf->path, msg);
		return NULL;
	}
	if (rc == 1 || n == 0) {
		free(cats);
		errmsg_set(err, errlen, "%s: categories: no categories to "
		    "fetch", cf->path);
		return NULL;
	}
	for (i = 0; i < n; i++)
		if ((i && buf_addc(&feed, '+') == -1) ||
		    buf_adds(&feed, cats[i]) == -1) {
			free(cats);
			buf_free(&feed);
			errmsg_set(err, errlen, "out of memory");
			return NULL;
		}
	free(cats);
	s = source_new(SOURCE_RSS, buf_str(&feed), d, msg, sizeof(msg));
	buf_free(&feed);
	if (s == NULL)
		errmsg_set(err, errlen, "%s: categories: %s", cf->path, msg);
	return s;
}
