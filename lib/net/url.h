/*
 * Small URL helpers that need no network: the scheme and host of a URL,
 * percent-encoding of query values, and a form of a URL that is safe to
 * print.  Every function returning char * returns a new string the caller
 * frees (NULL when out of memory).
 */
#ifndef URL_H
#define URL_H

#include <stddef.h>

/* 1 if url starts with scheme followed by "://" (case-insensitive). */
int	url_has_scheme(const char *url, const char *scheme);

/*
 * The host of an http(s) URL in lower case, with ":port" when the URL
 * names one ("127.0.0.1:8080", "export.arxiv.org"); NULL for a URL with
 * no host.
 */
char	*url_host(const char *url);

/* 1 if host (as url_host() gives it) is arxiv.org or one of its hosts. */
int	url_host_is_arxiv(const char *host);

/*
 * s percent-encoded for a query value: everything but the unreserved
 * characters A-Z a-z 0-9 - . _ ~ is encoded.
 */
char	*url_escape(const char *s);

/*
 * url as it may be shown in a message: a password in the user part and
 * the values of query parameters whose names suggest a secret (key,
 * token, secret, password, auth, signature, ...) become "***".
 */
char	*url_redact(const char *url);

#endif
