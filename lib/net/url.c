#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "url.h"

int
url_has_scheme(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);

	return strncasecmp(url, scheme, n) == 0 &&
	    strncmp(url + n, "://", 3) == 0;
}

/* Where the authority starts (after "scheme://"), or NULL. */
static const char *
authority(const char *url)
{
	const char *p;

	for (p = url; *p && (isalnum((unsigned char)*p) || *p == '+' ||
	    *p == '-' || *p == '.'); p++)
		;
	if (p == url || strncmp(p, "://", 3) != 0)
		return NULL;
	return p + 3;
}

char *
url_host(const char *url)
{
	const char *a, *end, *at, *h;
	char *host;
	size_t i, n;

	if ((a = authority(url)) == NULL)
		return NULL;
	end = a + strcspn(a, "/?#");
	/* The last '@' before the path ends the user part. */
	for (h = a, at = a; at < end; at++)
		if (*at == '@')
			h = at + 1;
	n = (size_t)(end - h);
	if (n == 0)
		return NULL;
	if ((host = malloc(n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		host[i] = (char)tolower((unsigned char)h[i]);
	host[n] = '\0';
	return host;
}

int
url_host_is_arxiv(const char *host)
{
	size_t n, m = sizeof("arxiv.org") - 1;
	const char *colon;

	if (host == NULL)
		return 0;
	colon = host[0] == '[' ? NULL : strchr(host, ':');
	n = colon ? (size_t)(colon - host) : strlen(host);
	if (n > 0 && host[n - 1] == '.')
		n--;
	if (n == m && strncmp(host, "arxiv.org", m) == 0)
		return 1;
	return n > m && host[n - m - 1] == '.' &&
	    strncmp(host + n - m, "arxiv.org", m) == 0;
}

char *
url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = {0};
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' ||
		    *p == '~') {
			if (buf_addc(&b, (char)*p) == -1)
				goto fail;
		} else if (buf_addc(&b, '%') == -1 ||
		    buf_addc(&b, hex[*p >> 4]) == -1 ||
		    buf_addc(&b, hex[*p & 15]) == -1)
			goto fail;
	}
	return buf_take(&b);
fail:
	buf_free(&b);
	return NULL;
}

/* 1 if a query parameter's name (n bytes) suggests its value is secret. */
static int
secret_name(const char *name, size_t n)
{
	static const char *const words[] = {
		"key", "token", "secret", "passw", "pwd", "signature",
		"session", "credential", NULL
	};
	static const char *const exact[] = {
		"auth", "sig", "code", "pass", NULL
	};
	char low[64];
	size_t i;

	if (n >= sizeof(low))
		n = sizeof(low) - 1;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[n] = '\0';
	/* arXiv's own paging token is no secret, and useful in messages. */
	if (strcmp(low, "resumptiontoken") == 0)
		return 0;
	for (i = 0; exact[i]; i++)
		if (strcmp(low, exact[i]) == 0)
			return 1;
	for (i = 0; words[i]; i++)
		if (strstr(low, words[i]))
			return 1;
	return 0;
}

char *
url_redact(const char *url)
{
	struct buf b = {0};
	const char *a, *end, *at = NULL, *colon, *q, *p, *amp, *eq;

	a = authority(url);
	if (a) {
		end = a + strcspn(a, "/?#");
		for (p = a; p < end; p++)
			if (*p == '@')
				at = p;
	}
	if (at) {
		colon = memchr(a, ':', (size_t)(at - a));
		if (buf_add(&b, url, (size_t)(a - url)) == -1 ||
		    buf_add(&b, a, (size_t)((colon ? colon : at) - a)) == -1 ||
		    (colon && buf_adds(&b, ":***") == -1) ||
		    buf_addc(&b, '@') == -1)
			goto fail;
		p = at + 1;
	} else
		p = url;
	if ((q = strchr(p, '?')) == NULL) {
		if (buf_adds(&b, p) == -1)
			goto fail;
		return buf_take(&b);
	}
	if (buf_add(&b, p, (size_t)(q + 1 - p)) == -1)
		goto fail;
	for (p = q + 1; *p && *p != '#'; p = *amp == '&' ? amp + 1 : amp) {
		amp = p + strcspn(p, "&#");
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq && secret_name(p, (size_t)(eq - p))) {
			if (buf_add(&b, p, (size_t)(eq + 1 - p)) == -1 ||
			    buf_adds(&b, "***") == -1)
				goto fail;
		} else if (buf_add(&b, p, (size_t)(amp - p)) == -1)
			goto fail;
		if (*amp == '&' && buf_addc(&b, '&') == -1)
			goto fail;
	}
	if (*p == '#' && buf_adds(&b, p) == -1)
		goto fail;
	return buf_take(&b);
fail:
	buf_free(&b);
	return NULL;
}
