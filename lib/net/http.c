#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The calls go through pointers (below), which the type check cannot. */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

#include "buf.h"
#include "errmsg.h"
#include "http.h"

/*
 * libcurl is loaded by http_global_init() (dlopen), not linked: with its
 * TLS and the thirty-odd libraries behind it, loading it cost 3 ms on
 * every run of a program that may never make a request (arxiv-summarize
 * offline, bench/daily.sh).  Every call in this file goes through these
 * pointers, by the macros after them.
 */
static struct {
	int		  tried;
	void		 *lib;
	char		  why[200];	/* why it could not be loaded */
	CURLcode	(*global_init)(long);
	void		(*global_cleanup)(void);
	const char	*(*easy_strerror)(CURLcode);
	CURL		*(*easy_init)(void);
	CURLcode	(*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	(*easy_getinfo)(CURL *, CURLINFO, ...);
	CURLcode	(*easy_perform)(CURL *);
	void		(*easy_reset)(CURL *);
	void		(*easy_cleanup)(CURL *);
	CURLHcode	(*easy_header)(CURL *, const char *, size_t,
			    unsigned int, int, struct curl_header **);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void		(*slist_free_all)(struct curl_slist *);
	CURLM		*(*multi_init)(void);
	CURLMcode	(*multi_add_handle)(CURLM *, CURL *);
	CURLMcode	(*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode	(*multi_perform)(CURLM *, int *);
	CURLMcode	(*multi_poll)(CURLM *, struct curl_waitfd[],
			    unsigned int, int, int *);
	CURLMsg		*(*multi_info_read)(CURLM *, int *);
	const char	*(*multi_strerror)(CURLMcode);
	CURLMcode	(*multi_cleanup)(CURLM *);
} cu;

/* curl.h defines these two as macros of its own. */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_global_init	(*cu.global_init)
#define curl_global_cleanup	(*cu.global_cleanup)
#define curl_easy_strerror	(*cu.easy_strerror)
#define curl_easy_init		(*cu.easy_init)
#define curl_easy_setopt	(*cu.easy_setopt)
#define curl_easy_getinfo	(*cu.easy_getinfo)
#define curl_easy_perform	(*cu.easy_perform)
#define curl_easy_reset		(*cu.easy_reset)
#define curl_easy_cleanup	(*cu.easy_cleanup)
#define curl_easy_header	(*cu.easy_header)
#define curl_slist_append	(*cu.slist_append)
#define curl_slist_free_all	(*cu.slist_free_all)
#define curl_multi_init		(*cu.multi_init)
#define curl_multi_add_handle	(*cu.multi_add_handle)
#define curl_multi_remove_handle (*cu.multi_remove_handle)
#define curl_multi_perform	(*cu.multi_perform)
#define curl_multi_poll		(*cu.multi_poll)
#define curl_multi_info_read	(*cu.multi_info_read)
#define curl_multi_strerror	(*cu.multi_strerror)
#define curl_multi_cleanup	(*cu.multi_cleanup)

/* The symbol name of libcurl into *fn (a function pointer); -1 if absent. */
static int
sym(void *fn, const char *name)
{
	void *p = dlsym(cu.lib, name);

	/* ISO C has no cast from void * to a function pointer: copy it. */
	memcpy(fn, &p, sizeof(p));
	if (p == NULL)
		snprintf(cu.why, sizeof(cu.why), "libcurl has no %s", name);
	return p ? 0 : -1;
}

/* Load libcurl once; -1 with err if it cannot be. */
static int
load_curl(char *err, size_t errlen)
{
	static const char *const names[] = {
		"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"
	};
	const char *e;
	size_t i;

	if (!cu.tried) {
		cu.tried = 1;
		for (i = 0; cu.lib == NULL && i < 3; i++)
			cu.lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
		if (cu.lib == NULL) {
			e = dlerror();
			snprintf(cu.why, sizeof(cu.why), "%s", e ? e :
			    "libcurl.so.4 not found");
		} else if (sym(&cu.global_init, "curl_global_init") == -1 ||
		    sym(&cu.global_cleanup, "curl_global_cleanup") == -1 ||
		    sym(&cu.easy_strerror, "curl_easy_strerror") == -1 ||
		    sym(&cu.easy_init, "curl_easy_init") == -1 ||
		    sym(&cu.easy_setopt, "curl_easy_setopt") == -1 ||
		    sym(&cu.easy_getinfo, "curl_easy_getinfo") == -1 ||
		    sym(&cu.easy_perform, "curl_easy_perform") == -1 ||
		    sym(&cu.easy_reset, "curl_easy_reset") == -1 ||
		    sym(&cu.easy_cleanup, "curl_easy_cleanup") == -1 ||
		    sym(&cu.easy_header, "curl_easy_header") == -1 ||
		    sym(&cu.slist_append, "curl_slist_append") == -1 ||
		    sym(&cu.slist_free_all, "curl_slist_free_all") == -1 ||
		    sym(&cu.multi_init, "curl_multi_init") == -1 ||
		    sym(&cu.multi_add_handle, "curl_multi_add_handle") == -1 ||
		    sym(&cu.multi_remove_handle,
		    "curl_multi_remove_handle") == -1 ||
		    sym(&cu.multi_perform, "curl_multi_perform") == -1 ||
		    sym(&cu.multi_poll, "curl_multi_poll") == -1 ||
		    sym(&cu.multi_info_read, "curl_multi_info_read") == -1 ||
		    sym(&cu.multi_strerror, "curl_multi_strerror") == -1 ||
		    sym(&cu.multi_cleanup, "curl_multi_cleanup") == -1) {
			dlclose(cu.lib);
			cu.lib = NULL;
		}
	}
	if (cu.lib == NULL) {
		errmsg_set(err, errlen, "cannot load libcurl: %s", cu.why);
		return -1;
	}
	return 0;
}

struct http {
	CURL	*curl;
	char	 errbuf[CURL_ERROR_SIZE];
};

/* Per-transfer state for the write callback. */
struct sink {
	struct buf	*body;
	size_t		 header_bytes;	/* of the current response's header */
	int		 too_large;
	int		 header_too_large;
	int		 body_started;
	int		 nomem;
};

int
http_global_init(char *err, size_t errlen)
{
	CURLcode rc;

	if (load_curl(err, errlen) == -1)
		return -1;
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
	if (cu.lib != NULL)
		curl_global_cleanup();
}

struct http *
http_new(char *err, size_t errlen)
{
	struct http *h;

	if (load_curl(err, errlen) == -1)
		return NULL;
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

	s->body_started = 1;
	if (buf_add(s->body, data, n) == -1) {
		if (errno == EFBIG)
			s->too_large = 1;
		else
			s->nomem = 1;
		return 0;
	}
	return n;
}

/*
 * libcurl's header callback, called once per header line: count the
 * header's bytes, refusing (which aborts the transfer) past
 * HTTP_MAX_HEADER.  A status line starts a new response (a redirect, a
 * 100 Continue), whose header is counted afresh.
 */
static size_t
header_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct sink *s = arg;
	size_t n = size * nmemb;

	if (n >= 5 && memcmp(data, "HTTP/", 5) == 0)
		s->header_bytes = 0;
	s->header_bytes += n;
	if (s->header_bytes > HTTP_MAX_HEADER) {
		s->header_too_large = 1;
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
curl_message(const char *errbuf, CURLcode rc, const char *what, char *err,
    size_t errlen)
{
	char msg[CURL_ERROR_SIZE];
	size_t n;

	snprintf(msg, sizeof(msg), "%s", errbuf[0] ? errbuf :
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
setup(CURL *c, char *errbuf, const struct http_request *rq,
    struct sink *sink, struct curl_slist *hdrs)
{
	long ct, to;
	int bad = 0;

	/* Milliseconds, within what a long holds (a day is plenty). */
	ct = (long)(rq->connect_timeout > 0 && rq->connect_timeout < 86400 ?
	    rq->connect_timeout * 1000 : 30000);
	to = (long)(rq->timeout > 0 && rq->timeout < 86400 ?
	    rq->timeout * 1000 : rq->timeout > 0 ? 86400000 : 0);
	/* A timeout under a millisecond is one, never none. */
	if (rq->timeout > 0 && to < 1)
		to = 1;
	if (to > 0 && ct > to)
		ct = to;
	bad |= curl_easy_setopt(c, CURLOPT_URL, rq->url) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) !=
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
	if (rq->speed_time > 0 && rq->speed_limit > 0) {
		bad |= curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT,
		    rq->speed_limit) != CURLE_OK;
		bad |= curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME,
		    rq->speed_time < 1 ? 1L : rq->speed_time < 86400 ?
		    (long)rq->speed_time : 86400L) != CURLE_OK;
	}
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
	bad |= curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_cb) !=
	    CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_HEADERDATA, sink) != CURLE_OK;
	return bad ? -1 : 0;
}

/* The request's headers as a libcurl list in *out; -1 if out of memory. */
static int
header_list(const struct http_request *rq, struct curl_slist **out)
{
	struct curl_slist *t;
	const char *const *hp;

	*out = NULL;
	for (hp = rq->headers; hp && *hp; hp++) {
		if ((t = curl_slist_append(*out, *hp)) == NULL) {
			curl_slist_free_all(*out);
			*out = NULL;
			return -1;
		}
		*out = t;
	}
	return 0;
}

/*
 * Fill resp from a finished transfer on c whose libcurl result is rc:
 * the error class and message, or the status and headers.  0 when a
 * response came, -1 with err otherwise (the http_perform() contract).
 */
static int
finish(CURL *c, CURLcode rc, const char *errbuf,
    const struct http_request *rq, const struct sink *sink,
    struct http_response *resp, char *err, size_t errlen)
{
	char *ct = NULL;

	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
	if (sink->nomem)
		goto nomem;
	/*
	 * libcurl itself refuses one header line longer than its own limit
	 * (CURL_MAX_HTTP_HEADER, also 100 KB) as "out of memory"; before any
	 * body byte came, that is what such a failure is.
	 */
	if (sink->header_too_large || (rc == CURLE_OUT_OF_MEMORY &&
	    !sink->body_started)) {
		resp->error = HTTP_E_HEADER;
		errmsg_set(err, errlen, "response header too large (over "
		    "%d KB)", HTTP_MAX_HEADER / 1024);
		return -1;
	}
	if (sink->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
		resp->error = HTTP_E_TOO_LARGE;
		errmsg_set(err, errlen, "response larger than %zu bytes",
		    rq->max_size);
		return -1;
	}
	if (rc != CURLE_OK) {
		resp->error = classify(rc);
		switch (resp->error) {
		case HTTP_E_TIMEOUT:
			/* The one text libcurl has for a low-speed abort. */
			if (strncmp(errbuf, "Operation too slow", 18) == 0)
				errmsg_set(err, errlen, "too slow: less than "
				    "%ld bytes/s for %g s", rq->speed_limit,
				    rq->speed_time < 1 ? 1 :
				    (double)(long)rq->speed_time);
			else
				errmsg_set(err, errlen, "timed out after %g s",
				    rq->timeout);
			break;
		case HTTP_E_REDIRECTS:
			errmsg_set(err, errlen,
			    "too many redirects (more than %ld)",
			    rq->max_redirects);
			break;
		case HTTP_E_CONNECT:
			curl_message(errbuf, rc, "cannot connect", err, errlen);
			break;
		case HTTP_E_RESOLVE:
			curl_message(errbuf, rc, "cannot resolve host", err,
			    errlen);
			break;
		case HTTP_E_FILE:
			curl_message(errbuf, rc, "cannot read file", err,
			    errlen);
			break;
		case HTTP_E_TRANSFER:
			curl_message(errbuf, rc, "transfer failed", err,
			    errlen);
			break;
		default:
			curl_message(errbuf, rc, "request failed", err, errlen);
			break;
		}
		return -1;
	}
	if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK &&
	    ct && (resp->content_type = strdup(ct)) == NULL)
		goto nomem;
	if (resp->status != 0) {
		resp->etag = header_dup(c, "ETag");
		resp->last_modified = header_dup(c, "Last-Modified");
		resp->retry_after = header_dup(c, "Retry-After");
	}
	if (resp->body.data == NULL && buf_add(&resp->body, "", 0) == -1)
		goto nomem;
	return 0;
nomem:
	resp->error = HTTP_E_OTHER;
	errmsg_set(err, errlen, "out of memory");
	return -1;
}

int
http_perform(struct http *h, const struct http_request *rq,
    struct http_response *resp, char *err, size_t errlen)
{
	struct curl_slist *hdrs = NULL;
	struct sink sink = {0};
	CURLcode rc;
	int ret = -1;

	memset(resp, 0, sizeof(*resp));
	resp->body.max = rq->max_size;
	sink.body = &resp->body;
	h->errbuf[0] = '\0';
	curl_easy_reset(h->curl);
	if (header_list(rq, &hdrs) == -1) {
		resp->error = HTTP_E_OTHER;
		errmsg_set(err, errlen, "out of memory");
		goto out;
	}
	if (setup(h->curl, h->errbuf, rq, &sink, hdrs) == -1) {
		resp->error = HTTP_E_OTHER;
		errmsg_set(err, errlen, "cannot set up the request");
		goto out;
	}
	rc = curl_easy_perform(h->curl);
	ret = finish(h->curl, rc, h->errbuf, rq, &sink, resp, err, errlen);
out:
	curl_slist_free_all(hdrs);
	/* Nothing of this request may leak into the next one. */
	curl_easy_reset(h->curl);
	return ret;
}

/*
 * Concurrent transfers on libcurl's multi interface.  Each transfer has
 * its own easy handle, error buffer, header list and response; finished
 * transfers wait in a list until http_multi_next() hands them out.
 */
struct transfer {
	CURL			*curl;
	char			 errbuf[CURL_ERROR_SIZE];
	struct http_request	 rq;
	struct curl_slist	*hdrs;
	struct sink		 sink;
	struct http_response	 resp;
	void			*tag;
	int			 rc;	/* finish()'s result, once done */
	char			 err[256];
	struct transfer		*next;
};

struct http_multi {
	CURLM		*multi;
	struct transfer	*running;	/* in flight */
	struct transfer	*done;		/* finished, oldest first */
	struct transfer	**done_tail;
	size_t		 nrunning;
};

struct http_multi *
http_multi_new(char *err, size_t errlen)
{
	struct http_multi *m;

	if (load_curl(err, errlen) == -1)
		return NULL;
	if ((m = calloc(1, sizeof(*m))) == NULL ||
	    (m->multi = curl_multi_init()) == NULL) {
		free(m);
		errmsg_set(err, errlen, "cannot initialise libcurl");
		return NULL;
	}
	m->done_tail = &m->done;
	return m;
}

static void
transfer_free(struct transfer *t)
{
	if (t == NULL)
		return;
	curl_easy_cleanup(t->curl);
	curl_slist_free_all(t->hdrs);
	http_response_free(&t->resp);
	free(t);
}

void
http_multi_free(struct http_multi *m)
{
	struct transfer *t, *next;

	if (m == NULL)
		return;
	for (t = m->running; t; t = next) {
		next = t->next;
		curl_multi_remove_handle(m->multi, t->curl);
		transfer_free(t);
	}
	for (t = m->done; t; t = next) {
		next = t->next;
		transfer_free(t);
	}
	curl_multi_cleanup(m->multi);
	free(m);
}

int
http_multi_add(struct http_multi *m, const struct http_request *rq,
    void *tag, char *err, size_t errlen)
{
	struct transfer *t;

	if ((t = calloc(1, sizeof(*t))) == NULL ||
	    (t->curl = curl_easy_init()) == NULL) {
		free(t);
		errmsg_set(err, errlen, "cannot initialise libcurl");
		return -1;
	}
	t->rq = *rq;
	t->tag = tag;
	t->resp.body.max = rq->max_size;
	t->sink.body = &t->resp.body;
	if (header_list(rq, &t->hdrs) == -1) {
		errmsg_set(err, errlen, "out of memory");
		goto fail;
	}
	if (setup(t->curl, t->errbuf, rq, &t->sink, t->hdrs) == -1 ||
	    curl_easy_setopt(t->curl, CURLOPT_PRIVATE, t) != CURLE_OK) {
		errmsg_set(err, errlen, "cannot set up the request");
		goto fail;
	}
	if (curl_multi_add_handle(m->multi, t->curl) != CURLM_OK) {
		errmsg_set(err, errlen, "cannot start the request");
		goto fail;
	}
	t->next = m->running;
	m->running = t;
	m->nrunning++;
	return 0;
fail:
	transfer_free(t);
	return -1;
}

size_t
http_multi_running(const struct http_multi *m)
{
	return m->nrunning;
}

/* Move the transfer t from the running list to the end of the done one. */
static void
retire(struct http_multi *m, struct transfer *t, CURLcode rc)
{
	struct transfer **pp;

	for (pp = &m->running; *pp; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	m->nrunning--;
	curl_multi_remove_handle(m->multi, t->curl);
	t->rc = finish(t->curl, rc, t->errbuf, &t->rq, &t->sink, &t->resp,
	    t->err, sizeof(t->err));
	t->next = NULL;
	*m->done_tail = t;
	m->done_tail = &t->next;
}

int
http_multi_poll(struct http_multi *m, int timeout_ms, char *err,
    size_t errlen)
{
	struct transfer *t;
	CURLMsg *msg;
	CURLMcode mc;
	int still, left;
	void *priv;

	if ((mc = curl_multi_perform(m->multi, &still)) == CURLM_OK &&
	    timeout_ms > 0 && m->done == NULL && m->nrunning > 0 &&
	    (mc = curl_multi_poll(m->multi, NULL, 0, timeout_ms, NULL)) ==
	    CURLM_OK)
		mc = curl_multi_perform(m->multi, &still);
	if (mc != CURLM_OK) {
		errmsg_set(err, errlen, "transfers failed: %s",
		    curl_multi_strerror(mc));
		return -1;
	}
	while ((msg = curl_multi_info_read(m->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		priv = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
		if ((t = priv) != NULL)
			retire(m, t, msg->data.result);
	}
	return 0;
}

int
http_multi_next(struct http_multi *m, void **tag,
    struct http_response *resp, char *err, size_t errlen)
{
	struct transfer *t;
	int rc;

	if ((t = m->done) == NULL)
		return 0;
	if ((m->done = t->next) == NULL)
		m->done_tail = &m->done;
	*tag = t->tag;
	*resp = t->resp;
	memset(&t->resp, 0, sizeof(t->resp));
	rc = t->rc;
	if (rc == -1)
		errmsg_set(err, errlen, "%s", t->err);
	transfer_free(t);
	return rc == -1 ? -1 : 1;
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
