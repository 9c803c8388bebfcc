#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "buf.h"
#include "errmsg.h"
#include "http.h"

struct http {
	CURL	*curl;
	char	 errbuf[CURL_ERROR_SIZE];
};

/* Per-transfer state for the write callback. */
struct sink {
	struct buf	*body;
	int		 too_large;
	int		 nomem;
};

int
http_global_init(char *err, size_t errlen)
{
	CURLcode rc;

	if ((rc = curl_global_init(CURL_GLOBAL_DEFAULT)) != CURLE_OK) {
		errmsg_set(err, errlen, "cannot initialise libcurl: %s",
		    curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}

void
http_global_cleanup(void)
{
	curl_global_cleanup();
}

struct http *
http_new(char *err, size_t errlen)
{
	struct http *h;

	if ((h = calloc(1, sizeof(*h))) == NULL ||
	    (h->curl = curl_easy_init()) == NULL) {
		free(h);
		errmsg_set(err, errlen, "cannot initialise libcurl");
		return NULL;
	}
	return h;
}

void
http_free(struct http *h)
{
	if (h == NULL)
		return;
	curl_easy_cleanup(h->curl);
	free(h);
}

void
http_response_free(struct http_response *r)
{
	if (r == NULL)
		return;
	free(r->content_type);
	free(r->etag);
	free(r->last_modified);
	free(r->retry_after);
	buf_free(&r->body);
	memset(r, 0, sizeof(*r));
}

/*
 * libcurl's write callback: append to the body, refusing (which aborts
 * the transfer) past the cap.  The cap counts decoded bytes, so a small
 * compressed body cannot expand without bound.
 */
static size_t
write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct sink *s = arg;
	size_t n = size * nmemb;

	if (buf_add(s->body, data, n) == -1) {
		if (errno == EFBIG)
			s->too_large = 1;
		else
			s->nomem = 1;
		return 0;
	}
	return n;
}

/* A copy of the last response's header name, or NULL. */
static char *
header_dup(CURL *curl, const char *name)
{
	struct curl_header *hdr;

	if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &hdr) !=
	    CURLHE_OK || hdr->value == NULL)
		return NULL;
	return strdup(hdr->value);
}

/* Classify a libcurl failure. */
static enum http_error
classify(CURLcode rc)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		return HTTP_E_TIMEOUT;
	case CURLE_COULDNT_CONNECT:
		return HTTP_E_CONNECT;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return HTTP_E_RESOLVE;
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_BAD_CONTENT_ENCODING:
	case CURLE_SSL_CONNECT_ERROR:
		return HTTP_E_TRANSFER;
	case CURLE_FILESIZE_EXCEEDED:
		return HTTP_E_TOO_LARGE;
	case CURLE_TOO_MANY_REDIRECTS:
		return HTTP_E_REDIRECTS;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return HTTP_E_PROTOCOL;
	case CURLE_FILE_COULDNT_READ_FILE:
	case CURLE_READ_ERROR:
		return HTTP_E_FILE;
	default:
		return HTTP_E_OTHER;
	}
}

int
http_error_transient(enum http_error e)
{
	return e == HTTP_E_TIMEOUT || e == HTTP_E_CONNECT ||
	    e == HTTP_E_TRANSFER;
}

/*
 * libcurl's error text, first letter in lower case as our messages are;
 * URLs are never part of the texts we let through (see http.h).
 */
static void
curl_message(struct http *h, CURLcode rc, const char *what, char *err,
    size_t errlen)
{
	char msg[CURL_ERROR_SIZE];
	size_t n;

	snprintf(msg, sizeof(msg), "%s", h->errbuf[0] ? h->errbuf :
	    curl_easy_strerror(rc));
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '.'))
		msg[--n] = '\0';
	if (isupper((unsigned char)msg[0]) &&
	    !(msg[1] && isupper((unsigned char)msg[1])))
		msg[0] = (char)tolower((unsigned char)msg[0]);
	errmsg_set(err, errlen, "%s: %s", what, msg);
}

/* Set the options of one request; -1 if libcurl refuses one. */
static int
setup(struct http *h, const struct http_request *rq, struct sink *sink,
    struct curl_slist *hdrs)
{
	CURL *c = h->curl;
	long ct, to;
	int bad = 0;

	/* Milliseconds, within what a long holds (a day is plenty). */
	ct = (long)(rq->connect_timeout > 0 && rq->connect_timeout < 86400 ?
	    rq->connect_timeout * 1000 : 30000);
	to = (long)(rq->timeout > 0 && rq->timeout < 86400 ?
	    rq->timeout * 1000 : rq->timeout > 0 ? 86400000 : 0);
	if (to > 0 && ct > to)
		ct = to;
	bad |= curl_easy_setopt(c, CURLOPT_URL, rq->url) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf) !=
	    CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR,
	    rq->allow_file ? "http,https,file" : "http,https") != CURLE_OK;
	/* A redirect may never lead to a local file. */
	bad |= curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR,
	    "http,https") != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION,
	    rq->max_redirects > 0 ? 1L : 0L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_MAXREDIRS, rq->max_redirects) !=
	    CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, ct) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, to > 0 ? to : 0L) !=
	    CURLE_OK;
	if (rq->max_size > 0)
		bad |= curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
		    (curl_off_t)rq->max_size) != CURLE_OK;
	if (rq->compressed)
		bad |= curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "") !=
		    CURLE_OK;
	if (rq->user_agent)
		bad |= curl_easy_setopt(c, CURLOPT_USERAGENT,
		    rq->user_agent) != CURLE_OK;
	if (hdrs)
		bad |= curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs) !=
		    CURLE_OK;
	if (rq->body) {
		bad |= curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)rq->body_len) != CURLE_OK;
		bad |= curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->body) !=
		    CURLE_OK;
	}
	if (rq->method && strcmp(rq->method, "GET") != 0 &&
	    !(rq->body && strcmp(rq->method, "POST") == 0))
		bad |= curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST,
		    rq->method) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb) !=
	    CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_WRITEDATA, sink) != CURLE_OK;
	return bad ? -1 : 0;
}

int
http_perform(struct http *h, const struct http_request *rq,
    struct http_response *resp, char *err, size_t errlen)
{
	struct curl_slist *hdrs = NULL, *t;
	const char *const *hp;
	struct sink sink = {0};
	char *ct = NULL;
	CURLcode rc;
	int ret = -1;

	memset(resp, 0, sizeof(*resp));
	resp->body.max = rq->max_size;
	sink.body = &resp->body;
	h->errbuf[0] = '\0';
	curl_easy_reset(h->curl);
	for (hp = rq->headers; hp && *hp; hp++) {
		if ((t = curl_slist_append(hdrs, *hp)) == NULL)
			goto nomem;
		hdrs = t;
	}
	if (setup(h, rq, &sink, hdrs) == -1) {
		resp->error = HTTP_E_OTHER;
		errmsg_set(err, errlen, "cannot set up the request");
		goto out;
	}
	rc = curl_easy_perform(h->curl);
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &resp->status);
	if (sink.nomem)
		goto nomem;
	if (sink.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
		resp->error = HTTP_E_TOO_LARGE;
		errmsg_set(err, errlen, "response larger than %zu bytes",
		    rq->max_size);
		goto out;
	}
	if (rc != CURLE_OK) {
		resp->error = classify(rc);
		switch (resp->error) {
		case HTTP_E_TIMEOUT:
			errmsg_set(err, errlen, "timed out after %g s",
			    rq->timeout);
			break;
		case HTTP_E_REDIRECTS:
			errmsg_set(err, errlen,
			    "too many redirects (more than %ld)",
			    rq->max_redirects);
			break;
		case HTTP_E_CONNECT:
			curl_message(h, rc, "cannot connect", err, errlen);
			break;
		case HTTP_E_RESOLVE:
			curl_message(h, rc, "cannot resolve host", err, errlen);
			break;
		case HTTP_E_FILE:
			curl_message(h, rc, "cannot read file", err, errlen);
			break;
		case HTTP_E_TRANSFER:
			curl_message(h, rc, "transfer failed", err, errlen);
			break;
		default:
			curl_message(h, rc, "request failed", err, errlen);
			break;
		}
		goto out;
	}
	if (curl_easy_getinfo(h->curl, CURLINFO_CONTENT_TYPE, &ct) ==
	    CURLE_OK && ct && (resp->content_type = strdup(ct)) == NULL)
		goto nomem;
	if (resp->status != 0) {
		resp->etag = header_dup(h->curl, "ETag");
		resp->last_modified = header_dup(h->curl, "Last-Modified");
		resp->retry_after = header_dup(h->curl, "Retry-After");
	}
	if (resp->body.data == NULL && buf_add(&resp->body, "", 0) == -1)
		goto nomem;
	ret = 0;
	goto out;
nomem:
	resp->error = HTTP_E_OTHER;
	errmsg_set(err, errlen, "out of memory");
out:
	curl_slist_free_all(hdrs);
	/* Nothing of this request may leak into the next one. */
	curl_easy_reset(h->curl);
	return ret;
}

const char *
http_reason(long status)
{
	static const struct {
		long		 code;
		const char	*text;
	} reasons[] = {
		{ 200, "OK" }, { 201, "Created" }, { 202, "Accepted" },
		{ 204, "No Content" }, { 206, "Partial Content" },
		{ 301, "Moved Permanently" }, { 302, "Found" },
		{ 303, "See Other" }, { 304, "Not Modified" },
		{ 307, "Temporary Redirect" }, { 308, "Permanent Redirect" },
		{ 400, "Bad Request" }, { 401, "Unauthorized" },
		{ 403, "Forbidden" }, { 404, "Not Found" },
		{ 405, "Method Not Allowed" }, { 406, "Not Acceptable" },
		{ 408, "Request Timeout" }, { 410, "Gone" },
		{ 413, "Content Too Large" }, { 414, "URI Too Long" },
		{ 429, "Too Many Requests" },
		{ 500, "Internal Server Error" },
		{ 502, "Bad Gateway" }, { 503, "Service Unavailable" },
		{ 504, "Gateway Timeout" },
	};
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].code == status)
			return reasons[i].text;
	return "";
}
