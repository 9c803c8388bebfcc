/*
 * A general HTTP client over libcurl: one request in, one response out.
 *
 * This is the only module that includes <curl/curl.h>.  It knows nothing
 * of arXiv: politeness (spacing, retries, caching) is layered above it in
 * fetch, throttle, retry and cache, so arxiv-summarize can use the same
 * calls to POST JSON to an API.
 *
 * A struct http is one libcurl handle reused from request to request, so
 * a kept-alive connection serves the next request to the same host (one
 * connection at a time).  Ownership: the request is borrowed; the
 * response's strings and body are owned by the response and released by
 * http_response_free().
 */
#ifndef HTTP_H
#define HTTP_H

#include <stddef.h>

#include "buf.h"

struct http;

/* The largest response header taken, all its lines together (bytes). */
#define HTTP_MAX_HEADER	(100 * 1024)

/* What went wrong with a transfer (not an HTTP error status). */
enum http_error {
	HTTP_E_NONE = 0,
	HTTP_E_TIMEOUT,		/* connect or total timeout */
	HTTP_E_CONNECT,		/* cannot connect */
	HTTP_E_RESOLVE,		/* host name not found */
	HTTP_E_TRANSFER,	/* connection broken, body truncated */
	HTTP_E_TOO_LARGE,	/* the body passed max_size */
	HTTP_E_REDIRECTS,	/* more than max_redirects */
	HTTP_E_PROTOCOL,	/* scheme not allowed, bad URL */
	HTTP_E_FILE,		/* a file:// URL cannot be read */
	HTTP_E_HEADER,		/* the response header passed HTTP_MAX_HEADER */
	HTTP_E_OTHER
};

struct http_request {
	const char	*method;	/* NULL: GET, or POST with a body */
	const char	*url;
	const char *const *headers;	/* "Name: value", NULL-terminated */
	const char	*body;		/* request body, or NULL */
	size_t		 body_len;
	const char	*user_agent;	/* NULL: none */
	double		 connect_timeout; /* seconds; 0: 30 */
	double		 timeout;	/* whole transfer, seconds; 0: none */
	long		 speed_limit;	/* bytes/s; with speed_time: */
	double		 speed_time;	/* slower for this long aborts; 0: no */
	size_t		 max_size;	/* response body cap; 0: none */
	long		 max_redirects;	/* 0: redirects are not followed */
	int		 compressed;	/* accept gzip, deflate, br, zstd */
	int		 allow_file;	/* allow file:// URLs */
};

struct http_response {
	long		 status;	/* HTTP status; 0 if none */
	enum http_error	 error;		/* HTTP_E_NONE if a response came */
	char		*content_type;	/* NULL when absent */
	char		*etag;
	char		*last_modified;
	char		*retry_after;
	struct buf	 body;
};

/* Set up and tear down libcurl; once per program, before any thread. */
int	http_global_init(char *err, size_t errlen);
void	http_global_cleanup(void);

/* A new client; NULL with err. */
struct http *http_new(char *err, size_t errlen);
void	http_free(struct http *);

/*
 * Perform one request.  Returns 0 when a response came (whatever its
 * status) and -1 with resp->error and err set when none did; either way
 * resp holds what is known and must be released with
 * http_response_free().  Messages never include the URL, so they can
 * carry no secret from it.
 */
int	http_perform(struct http *, const struct http_request *,
	    struct http_response *resp, char *err, size_t errlen);
void	http_response_free(struct http_response *);

/*
 * Many requests at once, on libcurl's multi interface (arxiv-summarize's
 * concurrent API calls).  http_multi_add() starts a request: its URL and
 * headers are copied, its body is borrowed and must live until the
 * transfer is handed back.  http_multi_poll() moves the transfers on,
 * waiting up to timeout_ms for one to finish (0: do not wait); -1 with err
 * if libcurl itself fails.  http_multi_next() hands back one finished
 * transfer, oldest first: 0 if there is none; 1 when a response came and
 * -1 with err when none did (the http_perform() contract), both with *tag
 * (as given to http_multi_add()) and *resp, which the caller releases
 * with http_response_free().
 */
struct http_multi;

struct http_multi *http_multi_new(char *err, size_t errlen);
/* Stop whatever is still in flight and free everything. */
void	http_multi_free(struct http_multi *);
int	http_multi_add(struct http_multi *, const struct http_request *,
	    void *tag, char *err, size_t errlen);
/* How many transfers are in flight (not yet finished). */
size_t	http_multi_running(const struct http_multi *);
int	http_multi_poll(struct http_multi *, int timeout_ms, char *err,
	    size_t errlen);
int	http_multi_next(struct http_multi *, void **tag,
	    struct http_response *resp, char *err, size_t errlen);

/* 1 if a failure of this kind is worth retrying later. */
int	http_error_transient(enum http_error);

/* The reason phrase for an HTTP status ("Not Found"), "" if unknown. */
const char *http_reason(long status);

#endif
