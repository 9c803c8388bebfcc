#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json.h>

#include "base64.h"
#include "buf.h"
#include "cache.h"
#include "date.h"
#include "errmsg.h"
#include "fetch.h"
#include "http.h"
#include "pageinfo.h"
#include "retry.h"
#include "source.h"
#include "text.h"
#include "throttle.h"
#include "url.h"
#include "version.h"

struct fetch {
	struct fetch_options	 opt;
	struct http		*http;
	struct cache		*cache;
	struct throttle		*throttle;
	char			*user_agent;
	char			*from_header;
	int			 lock_warned;
	struct strlist		 dead;		/* groups that did not answer */
	struct strlist		 dead_why;	/* and why, in the same order */
};

/* The outcome of fetching one URL, retries included. */
struct result {
	long	 status;
	char	*content_type;
	char	*etag;
	char	*last_modified;
	char	 fetched_at[DATE_LEN];
	int	 from_cache;
	char	*body;		/* also kept on failure, for its message */
	size_t	 len;
	char	*error;		/* NULL on success */
};

#define ONE_NO_STORE	0x1	/* do not write the answer to the cache */
#define ONE_FRESH	0x2	/* ignore the cache entry: ask anew */

/* Format a message and hand it to the program's notify callback. */
static void
say(struct fetch *f, enum fetch_level lv, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
say(struct fetch *f, enum fetch_level lv, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	int n;

	if (f->opt.notify == NULL)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(&b, (size_t)n) == -1)
		return;
	va_start(ap, fmt);
	vsnprintf(b.data, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b.len = (size_t)n;
	f->opt.notify(f->opt.arg, lv, buf_str(&b));
	buf_free(&b);
}

/* A copy of s, or NULL for NULL; sets *nomem on failure. */
static char *
xdup(const char *s, int *nomem)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		*nomem = 1;
	return d;
}

static void
result_clear(struct result *r)
{
	free(r->content_type);
	free(r->etag);
	free(r->last_modified);
	free(r->body);
	free(r->error);
	memset(r, 0, sizeof(*r));
}

static void
fail(struct result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
fail(struct result *r, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	free(r->error);
	r->error = NULL;
	if (n >= 0 && buf_grow(&b, (size_t)n) == 0) {
		va_start(ap, fmt);
		vsnprintf(b.data, (size_t)n + 1, fmt, ap);
		va_end(ap);
		b.len = (size_t)n;
		r->error = buf_take(&b);
	}
	if (r->error == NULL)
		r->error = strdup("out of memory");
}

static void
on_wait(void *arg, const char *group, double secs)
{
	struct fetch *f = arg;

	say(f, FETCH_PROGRESS, "waiting %.1f s before the next request to %s",
	    secs, group);
}

char *
fetch_user_agent(const char *mailto)
{
	struct buf b = {0};

	if (buf_addf(&b, "arxivpipe/%s (arxiv-fetch", ARXIVPIPE_VERSION) ==
	    -1 || (mailto && buf_addf(&b, "; mailto:%s", mailto) == -1) ||
	    buf_addc(&b, ')') == -1) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

void
fetch_options_init(struct fetch_options *o)
{
	memset(o, 0, sizeof(*o));
	o->delay = -1;
	o->timeout = FETCH_TIMEOUT;
	o->retries = FETCH_RETRIES;
	o->speed_limit = FETCH_SPEED_LIMIT;
	o->speed_time = FETCH_SPEED_TIME;
	o->deadline = FETCH_DEADLINE;
	o->max_size = FETCH_MAX_SIZE;
	o->max_redirects = FETCH_MAX_REDIRECTS;
}

struct fetch *
fetch_new(const struct fetch_options *opt, char *err, size_t errlen)
{
	struct fetch *f;
	struct buf dir = {0};
	char why[512];

	if ((f = calloc(1, sizeof(*f))) == NULL)
		goto nomem;
	f->opt = *opt;
	if ((f->user_agent = fetch_user_agent(opt->mailto)) == NULL)
		goto nomem;
	if (opt->mailto) {
		if (buf_addf(&dir, "From: %s", opt->mailto) == -1)
			goto nomem;
		f->from_header = buf_take(&dir);
	}
	if ((f->http = http_new(err, errlen)) == NULL)
		goto fail;
	if (opt->cache_dir) {
		if (cache_mkdir_p(opt->cache_dir, why, sizeof(why)) == -1 ||
		    (!opt->no_store && (f->cache = cache_open(opt->cache_dir,
		    why, sizeof(why))) == NULL))
			say(f, FETCH_WARN, "cache: %s; going on without it",
			    why);
		else if (buf_addf(&dir, "%s/throttle", opt->cache_dir) == -1)
			goto nomem;
		else if (cache_mkdir_p(buf_str(&dir), why, sizeof(why)) == -1)
			say(f, FETCH_WARN, "%s; request spacing is kept in "
			    "this process only", why);
		else if ((f->throttle = throttle_new(buf_str(&dir), err,
		    errlen)) == NULL)
			goto fail;
		buf_free(&dir);
	}
	if (f->throttle == NULL &&
	    (f->throttle = throttle_new(NULL, err, errlen)) == NULL)
		goto fail;
	throttle_set_on_wait(f->throttle, on_wait, f);
	srandom((unsigned)time(NULL) ^ (unsigned)getpid());
	return f;
nomem:
	errmsg_set(err, errlen, "out of memory");
fail:
	buf_free(&dir);
	fetch_free(f);
	return NULL;
}

void
fetch_free(struct fetch *f)
{
	if (f == NULL)
		return;
	http_free(f->http);
	cache_close(f->cache);
	throttle_free(f->throttle);
	free(f->user_agent);
	free(f->from_header);
	strlist_free(&f->dead);
	strlist_free(&f->dead_why);
	free(f);
}

/* Seconds on a clock that never goes back, for the deadline. */
static double
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Why group did not answer earlier in this run, or NULL if it did. */
static const char *
dead_group(const struct fetch *f, const char *group)
{
	size_t i;

	for (i = 0; group && i < f->dead.n; i++)
		if (strcmp(f->dead.v[i], group) == 0)
			return f->dead_why.v[i];
	return NULL;
}

/* Remember that group did not answer, and why. */
static void
mark_dead(struct fetch *f, const char *group, const char *why)
{
	if (group == NULL || dead_group(f, group) != NULL)
		return;
	if (strlist_adds(&f->dead, group) == -1)
		return;
	if (strlist_adds(&f->dead_why, why) == -1) {
		free(f->dead.v[--f->dead.n]);
		return;
	}
}

/* Take the cached entry into r as the answer. */
static int
from_entry(struct result *r, struct cache_entry *e)
{
	int nomem = 0;

	r->status = e->status;
	r->content_type = xdup(e->content_type, &nomem);
	r->etag = xdup(e->etag, &nomem);
	r->last_modified = xdup(e->last_modified, &nomem);
	snprintf(r->fetched_at, sizeof(r->fetched_at), "%s", e->fetched_at);
	r->from_cache = 1;
	r->body = e->body;
	r->len = e->len;
	e->body = NULL;
	e->len = 0;
	return nomem ? -1 : 0;
}

/* Store the answer r for url in the cache. */
static void
store(struct fetch *f, const char *url, struct result *r)
{
	struct cache_entry e;
	char err[512];

	memset(&e, 0, sizeof(e));
	if ((e.url = strdup(url)) == NULL)
		return;
	e.status = r->status;
	e.content_type = r->content_type;
	e.etag = r->etag;
	e.last_modified = r->last_modified;
	e.fetched_at = r->fetched_at;
	e.stored = time(NULL);
	e.body = r->body;
	e.len = r->len;
	if (cache_put(f->cache, &e, err, sizeof(err)) == -1)
		say(f, FETCH_WARN, "cache: %s", err);
	free(e.url);
}

/*
 * A 304 for the cached entry ce: the answer is the entry's body, which
 * keeps the time it was fetched (docs/schema.md).  New validators are
 * stored; otherwise touching the entry marks it fresh, which is cheaper
 * than rewriting it.
 */
static void
not_modified(struct fetch *f, const char *url, struct cache_entry *ce,
    struct http_response *resp, struct result *r)
{
	char err[512];
	int changed = 0;

	if (resp->etag && (ce->etag == NULL ||
	    strcmp(ce->etag, resp->etag) != 0)) {
		free(ce->etag);
		ce->etag = resp->etag;
		resp->etag = NULL;
		changed = 1;
	}
	if (resp->last_modified && (ce->last_modified == NULL ||
	    strcmp(ce->last_modified, resp->last_modified) != 0)) {
		free(ce->last_modified);
		ce->last_modified = resp->last_modified;
		resp->last_modified = NULL;
		changed = 1;
	}
	if (from_entry(r, ce) == -1) {
		fail(r, "out of memory");
		return;
	}
	if (changed)
		store(f, url, r);
	else if (cache_touch(f->cache, url, err, sizeof(err)) == -1)
		say(f, FETCH_WARN, "cache: %s", err);
}

/* A good answer: take it into r, and into the cache if it may go there. */
static void
took(struct fetch *f, const char *url, int cache_it,
    struct http_response *resp, struct result *r)
{
	int nomem = 0;

	date_format(time(NULL), r->fetched_at, sizeof(r->fetched_at));
	r->content_type = xdup(resp->content_type, &nomem);
	r->etag = xdup(resp->etag, &nomem);
	r->last_modified = xdup(resp->last_modified, &nomem);
	r->len = resp->body.len;
	r->body = buf_take(&resp->body);
	/* A file that was read is as good as "200 OK" (docs/schema.md). */
	if (resp->status == 0)
		r->status = 200;
	if (nomem || r->body == NULL)
		fail(r, "out of memory");
	else if (cache_it && f->cache && resp->status == 200)
		store(f, url, r);
}

/*
 * How long to wait before retrying after an answer asking for it (429,
 * 503): the server's Retry-After if it gives one, else the backoff.
 * Returns -1 with r->error set if the server asks for too long a wait.
 */
static int
retry_wait(const struct http_response *resp, int attempt, struct result *r,
    double *wait)
{
	double ra;

	if (resp->retry_after &&
	    retry_after_parse(resp->retry_after, time(NULL), &ra) == 0) {
		if (ra > FETCH_RETRY_AFTER_MAX) {
			fail(r, "HTTP %ld %s: the server asks to retry after "
			    "%.0f s (more than %.0f s)", resp->status,
			    http_reason(resp->status), ra,
			    FETCH_RETRY_AFTER_MAX);
			return -1;
		}
		*wait = ra;
	} else
		*wait = retry_backoff(attempt, RETRY_BASE, RETRY_CAP,
		    random() / (RAND_MAX + 1.0));
	return 0;
}

/*
 * The spacing of url's requests: the group of hosts it belongs to (all
 * of arXiv's hosts are one; the new string is the caller's) and the
 * delay, which an arXiv source keeps on a mirror too.
 */
static char *
spacing(const struct fetch *f, const struct source *s, const char *url,
    double *delay)
{
	char *host;
	int arxiv;

	if (url_has_scheme(url, "file")) {
		*delay = 0;
		return NULL;
	}
	host = url_host(url);
	arxiv = url_host_is_arxiv(host);
	*delay = f->opt.delay >= 0 ? f->opt.delay :
	    arxiv || s->type != SOURCE_URL ? FETCH_ARXIV_DELAY : 0;
	if (arxiv) {
		free(host);
		host = strdup("arxiv.org");
	}
	return host;
}

/*
 * Whether a wait of secs before the next attempt leaves no time for it
 * within the deadline of a document begun at start.
 */
static int
past_deadline(const struct fetch *f, double start, double secs)
{
	return f->opt.deadline > 0 &&
	    mono_now() - start + secs >= f->opt.deadline;
}

/*
 * Fetch one URL into r, politely: from a fresh-enough cache entry, or by
 * a conditional request spaced after the previous one to its host,
 * retried on timeouts, stalls, broken transfers, 429 and 5xx, all within
 * the deadline.  Returns 0 on success and -1 with r->error set (r->body
 * then holds the error document, if any, for the caller's message).
 */
static int
fetch_one(struct fetch *f, struct source *s, const char *url, int flags,
    struct result *r)
{
	struct cache_entry ce;
	struct http_request rq;
	struct http_response resp;
	const char *hdrs[4], *why;
	char err[512], *group = NULL, *shown;
	struct buf inm = {0}, ims = {0};
	int have = 0, is_file, attempt, nh = 0, rc, nomem = 0, silent = 1;
	double delay, wait, start, left;
	time_t now;

	memset(r, 0, sizeof(*r));
	memset(&ce, 0, sizeof(ce));
	memset(&resp, 0, sizeof(resp));
	if ((shown = url_redact(url)) == NULL) {
		fail(r, "out of memory");
		return -1;
	}
	is_file = url_has_scheme(url, "file");
	if (!is_file && f->cache && !(flags & ONE_FRESH)) {
		if ((rc = cache_get(f->cache, url, &ce, err, sizeof(err))) < 0)
			say(f, FETCH_WARN, "cache: %s", err);
		have = rc == 1;
		now = time(NULL);
		if (have && f->opt.max_age > 0 && ce.stored <= now &&
		    difftime(now, ce.stored) < f->opt.max_age) {
			say(f, FETCH_INFO, "%s: cached copy is fresh", shown);
			if (from_entry(r, &ce) == -1)
				fail(r, "out of memory");
			goto out;
		}
	}
	group = spacing(f, s, url, &delay);
	if ((why = dead_group(f, group)) != NULL) {
		fail(r, "not asked: %s gave no answer earlier in this run (%s)",
		    group, why);
		goto out;
	}
	if (have && ce.etag && buf_addf(&inm, "If-None-Match: %s",
	    ce.etag) == 0)
		hdrs[nh++] = buf_str(&inm);
	if (have && ce.last_modified && buf_addf(&ims,
	    "If-Modified-Since: %s", ce.last_modified) == 0)
		hdrs[nh++] = buf_str(&ims);
	if (f->from_header)
		hdrs[nh++] = f->from_header;
	hdrs[nh] = NULL;
	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	rq.headers = hdrs;
	rq.user_agent = f->user_agent;
	rq.connect_timeout = f->opt.connect_timeout;
	rq.speed_limit = f->opt.speed_limit;
	rq.speed_time = f->opt.speed_time;
	rq.max_size = f->opt.max_size;
	rq.max_redirects = f->opt.max_redirects;
	rq.compressed = 1;
	rq.allow_file = 1;
	start = mono_now();
	for (attempt = 0; ; attempt++) {
		http_response_free(&resp);
		if (group && delay > 0 && throttle_begin(f->throttle, group,
		    delay, err, sizeof(err)) == -1 && !f->lock_warned) {
			f->lock_warned = 1;
			say(f, FETCH_WARN, "%s; request spacing is kept in "
			    "this process only", err);
		}
		/* The spacing's wait counts: the deadline is wall time. */
		left = f->opt.deadline - (mono_now() - start);
		if (f->opt.deadline > 0 && left < 0.001) {
			throttle_end(f->throttle);
			fail(r, "gave up at the %g s deadline (see --deadline)",
			    f->opt.deadline);
			attempt--;	/* this one was not made */
			break;
		}
		rq.timeout = f->opt.deadline > 0 && left < f->opt.timeout ?
		    left : f->opt.timeout;
		say(f, FETCH_INFO, "GET %s", shown);
		rc = http_perform(f->http, &rq, &resp, err, sizeof(err));
		throttle_end(f->throttle);
		r->status = resp.status;
		if (rc == -1 && resp.error == HTTP_E_TIMEOUT &&
		    rq.timeout < f->opt.timeout && strncmp(err, "timed out",
		    9) == 0)
			snprintf(err, sizeof(err), "timed out at the %g s "
			    "deadline (see --deadline)", f->opt.deadline);
		if (rc == -1) {
			if (http_error_transient(resp.error) &&
			    attempt < f->opt.retries) {
				wait = retry_backoff(attempt, RETRY_BASE,
				    RETRY_CAP, random() / (RAND_MAX + 1.0));
				if (past_deadline(f, start, wait)) {
					fail(r, "%s; no time left for a retry "
					    "within the %g s deadline (see "
					    "--deadline)", err,
					    f->opt.deadline);
					break;
				}
				say(f, FETCH_PROGRESS, "%s: %s; retry %d of %d "
				    "in %.1f s", shown, err, attempt + 1,
				    f->opt.retries, wait);
				throttle_sleep(wait);
				continue;
			}
			fail(r, "%s%s", err, resp.error == HTTP_E_TOO_LARGE ?
			    " (see --max-size)" : "");
			break;
		}
		silent = 0;
		say(f, FETCH_INFO, "%s: HTTP %ld", shown, resp.status);
		if (resp.status == 304 && have) {
			not_modified(f, url, &ce, &resp, r);
			break;
		}
		if (is_file || (resp.status >= 200 && resp.status <= 299)) {
			took(f, url, !is_file && !(flags & ONE_NO_STORE),
			    &resp, r);
			break;
		}
		if (retry_status(resp.status) && attempt < f->opt.retries) {
			if (retry_wait(&resp, attempt, r, &wait) == -1)
				break;
			if (past_deadline(f, start, wait)) {
				fail(r, "HTTP %ld %s; no time left for a retry "
				    "within the %g s deadline (see --deadline)",
				    resp.status, http_reason(resp.status),
				    f->opt.deadline);
				break;
			}
			say(f, FETCH_PROGRESS, "%s: HTTP %ld %s; retry %d of "
			    "%d in %.1f s", shown, resp.status,
			    http_reason(resp.status), attempt + 1,
			    f->opt.retries, wait);
			throttle_sleep(wait);
			continue;
		}
		if (resp.status == 304)
			fail(r, "HTTP 304 Not Modified, with no cached copy");
		else
			fail(r, "HTTP %ld%s%s", resp.status,
			    *http_reason(resp.status) ? " " : "",
			    http_reason(resp.status));
		r->content_type = xdup(resp.content_type, &nomem);
		r->len = resp.body.len;
		r->body = buf_take(&resp.body);
		break;
	}
	/*
	 * No answer to any of two or more attempts, or none within the
	 * deadline: the host is down, and is not asked again in this run.
	 */
	if (r->error && silent && !is_file && (attempt > 0 ||
	    past_deadline(f, start, 0)))
		mark_dead(f, group, r->error);
	if (r->error && attempt > 0) {
		char *e = r->error;

		r->error = NULL;
		fail(r, "%s (after %d attempts)", e, attempt + 1);
		free(e);
	}
out:
	http_response_free(&resp);
	cache_entry_clear(&ce);
	buf_free(&inm);
	buf_free(&ims);
	free(group);
	free(shown);
	return r->error ? -1 : 0;
}

static void
add_str(struct json_object *o, const char *key, const char *s)
{
	json_object_object_add(o, key, s ? json_object_new_string(s) : NULL);
}

/* The base64 of n bytes as a new JSON string, or NULL. */
static struct json_object *
base64_string(const char *data, size_t n)
{
	struct json_object *o = NULL;
	struct buf b = {0};

	if (base64_encode(&b, data, n) == 0 && b.len <= INT32_MAX)
		o = json_object_new_string_len(buf_str(&b), (int)b.len);
	buf_free(&b);
	return o;
}

/*
 * Emit the response record for one page and release its body.  A body
 * that is not UTF-8 (a Latin-1 or UTF-16 feed, a PDF) cannot be a JSON
 * string without losing bytes: it goes, byte for byte, in
 * "body_base64", with "body" null, for the parser to decode.
 */
static void
emit(struct fetch *f, struct source *s, const char *url, struct result *r,
    long page)
{
	struct json_object *o, *b64 = NULL;
	char *shown;

	if ((o = json_object_new_object()) == NULL)
		return;
	if (r->fetched_at[0] == '\0')
		date_format(time(NULL), r->fetched_at, sizeof(r->fetched_at));
	add_str(o, "kind", "response");
	add_str(o, "url", url);
	json_object_object_add(o, "request",
	    json_object_get(source_request(s)));
	json_object_object_add(o, "status", json_object_new_int64(r->status));
	add_str(o, "content_type", r->content_type);
	add_str(o, "etag", r->etag);
	add_str(o, "last_modified", r->last_modified);
	add_str(o, "fetched_at", r->fetched_at);
	json_object_object_add(o, "from_cache",
	    json_object_new_boolean(r->from_cache));
	if (r->error == NULL && r->body && !text_utf8_valid(r->body, r->len)) {
		if ((b64 = base64_string(r->body, r->len)) == NULL) {
			json_object_put(o);
			say(f, FETCH_WARN, "out of memory");
			return;
		}
		shown = url_redact(url);
		say(f, FETCH_INFO, "%s: body is not UTF-8: kept as "
		    "body_base64", shown ? shown : "?");
		free(shown);
		json_object_object_add(o, "body", NULL);
		json_object_object_add(o, "body_base64", b64);
	} else if (r->error == NULL && r->body)
		json_object_object_add(o, "body",
		    json_object_new_string_len(r->body, (int)r->len));
	else
		json_object_object_add(o, "body", NULL);
	if (r->error)
		add_str(o, "error", r->error);
	add_str(o, "source", source_type_name(s->type));
	json_object_object_add(o, "page", json_object_new_int64(page));
	f->opt.emit(f->opt.arg, o);
	json_object_put(o);
}

/* Report a failed page on stderr and emit its response. */
static void
emit_failure(struct fetch *f, struct source *s, const char *url,
    struct result *r, long page)
{
	char *shown = url_redact(url);

	say(f, FETCH_WARN, "%s: %s", shown ? shown : "?", r->error);
	free(shown);
	emit(f, s, url, r, page);
}

/* Add the message of an arXiv API error feed to a failed page's error. */
static void
api_error(struct result *r)
{
	struct pageinfo_atom pi;
	char *e;

	if (r->body == NULL ||
	    pageinfo_atom(r->body, r->len, &pi) == -1)
		return;
	if (pi.error && (e = r->error) != NULL) {
		r->error = NULL;
		fail(r, "%s: %s", e, pi.error);
		free(e);
	}
	pageinfo_atom_clear(&pi);
}

/* One request, one page: rss, atom, html, url. */
static int
run_single(struct fetch *f, struct source *s)
{
	struct result r;
	char *url;
	int rc;

	if ((url = source_url(s, &f->opt.bases, 0, 0, NULL)) == NULL) {
		say(f, FETCH_WARN, "out of memory");
		return -1;
	}
	if ((rc = fetch_one(f, s, url, 0, &r)) == -1)
		emit_failure(f, s, url, &r, 1);
	else
		emit(f, s, url, &r, 1);
	result_clear(&r);
	free(url);
	return rc;
}

/* The identifiers in batches of page_size, one request per batch. */
static int
run_ids(struct fetch *f, struct source *s)
{
	struct result r;
	long first, page = 1, n = (long)s->ids.n;
	char *url;
	int rval = 0;

	for (first = 0; first < n; first += s->page_size, page++) {
		url = source_url(s, &f->opt.bases, first, first +
		    s->page_size > n ? n - first : s->page_size, NULL);
		if (url == NULL) {
			say(f, FETCH_WARN, "out of memory");
			return -1;
		}
		if (n > s->page_size)
			say(f, FETCH_PROGRESS, "ids: batch %ld of %ld", page,
			    (n + s->page_size - 1) / s->page_size);
		if (fetch_one(f, s, url, 0, &r) == -1) {
			api_error(&r);
			emit_failure(f, s, url, &r, page);
			rval = -1;
		} else
			emit(f, s, url, &r, page);
		result_clear(&r);
		free(url);
	}
	return rval;
}

/*
 * The API's pages of a query.  An empty page before totalResults is
 * reached is a known API glitch: the page is asked again (bypassing the
 * cache) up to --retries times.
 */
static int
run_api(struct fetch *f, struct source *s)
{
	struct pageinfo_atom pi;
	struct result r;
	long want, start = 0, n, total = -1, page = 1;
	int glitches, rval = 0, flags;
	char *url;
	double wait;

	want = s->max > 0 ? s->max : SOURCE_API_LIMIT;
	while (start < want) {
		n = want - start < s->page_size ? want - start : s->page_size;
		if ((url = source_url(s, &f->opt.bases, start, n, NULL)) ==
		    NULL) {
			say(f, FETCH_WARN, "out of memory");
			return -1;
		}
		for (glitches = 0, flags = 0; ; glitches++) {
			if (fetch_one(f, s, url, flags, &r) == -1) {
				api_error(&r);
				emit_failure(f, s, url, &r, page);
				rval = -1;
				break;
			}
			if (pageinfo_atom(r.body, r.len, &pi) == -1) {
				fail(&r, "out of memory");
				emit_failure(f, s, url, &r, page);
				rval = -1;
				break;
			}
			if (page == 1 && pi.total >= 0)
				total = pi.total;
			/* With no totalResults, an empty page is the end. */
			if (pi.entries > 0 || total < 0 || start >= total)
				break;
			pageinfo_atom_clear(&pi);
			if (f->cache)
				cache_remove(f->cache, url);
			if (glitches >= f->opt.retries) {
				free(r.body);
				r.body = NULL;
				fail(&r, "empty page at result %ld of %ld "
				    "(an arXiv API glitch)%s", start, total,
				    glitches ? ", asked again in vain" : "");
				r.from_cache = 0;
				emit_failure(f, s, url, &r, page);
				rval = -1;
				break;
			}
			wait = retry_backoff(glitches, RETRY_BASE, RETRY_CAP,
			    random() / (RAND_MAX + 1.0));
			say(f, FETCH_PROGRESS, "api: empty page at result %ld "
			    "of %ld; asking again in %.1f s", start, total,
			    wait);
			throttle_sleep(wait);
			result_clear(&r);
			flags = ONE_FRESH;
		}
		if (rval == -1) {
			result_clear(&r);
			free(url);
			break;
		}
		emit(f, s, url, &r, page);
		result_clear(&r);
		free(url);
		if (page == 1 && total > SOURCE_API_LIMIT && s->max == 0)
			say(f, FETCH_WARN, "api: %s: %ld results, but arXiv "
			    "serves only the first %d of a query; split it "
			    "(e.g. by submittedDate) to get the rest", s->arg,
			    total, SOURCE_API_LIMIT);
		if (total >= 0 && want > total)
			want = total;
		say(f, FETCH_PROGRESS, "api: page %ld: results %ld to %ld of "
		    "%ld", page, start + 1, start + pi.entries, total);
		if (pi.entries < n && total < 0) {
			pageinfo_atom_clear(&pi);
			break;
		}
		pageinfo_atom_clear(&pi);
		start += n;
		page++;
	}
	return rval;
}

/* An OAI-PMH ListRecords harvest, following resumptionToken to its end. */
static int
run_oai(struct fetch *f, struct source *s)
{
	struct pageinfo_oai pi;
	struct result r;
	char *url, *token = NULL;
	long page = 1, records = 0;
	int rval = 0;

	memset(&pi, 0, sizeof(pi));
	memset(&r, 0, sizeof(r));
	if ((url = source_url(s, &f->opt.bases, 0, 0, NULL)) == NULL) {
		say(f, FETCH_WARN, "out of memory");
		return -1;
	}
	while (url) {
		/* Resumption pages are one-off: not worth a cache entry. */
		if (fetch_one(f, s, url, token ? ONE_NO_STORE : 0, &r) == -1) {
			emit_failure(f, s, url, &r, page);
			rval = -1;
			break;
		}
		if (pageinfo_oai(r.body, r.len, &pi) == -1) {
			fail(&r, "out of memory");
			emit_failure(f, s, url, &r, page);
			rval = -1;
			break;
		}
		if (pi.error_code && strcmp(pi.error_code,
		    "noRecordsMatch") != 0) {
			fail(&r, "OAI-PMH error %s%s%s", pi.error_code,
			    *pi.error_text ? ": " : "", pi.error_text);
			emit_failure(f, s, url, &r, page);
			rval = -1;
			break;
		}
		emit(f, s, url, &r, page);
		result_clear(&r);
		records += pi.records;
		if (pi.complete_size >= 0)
			say(f, FETCH_PROGRESS, "oai: page %ld: %ld of %ld "
			    "records", page, records, pi.complete_size);
		else
			say(f, FETCH_PROGRESS, "oai: page %ld: %ld records",
			    page, records);
		free(url);
		url = NULL;
		if (pi.error_code || !pi.has_token || *pi.token == '\0')
			break;
		if (token && strcmp(token, pi.token) == 0) {
			say(f, FETCH_WARN, "oai: the server sent the same "
			    "resumptionToken twice (%s); stopping", token);
			rval = -1;
			break;
		}
		free(token);
		token = pi.token;
		pi.token = NULL;
		pageinfo_oai_clear(&pi);
		page++;
		if ((url = source_url(s, &f->opt.bases, 0, 0, token)) ==
		    NULL) {
			say(f, FETCH_WARN, "out of memory");
			rval = -1;
		}
	}
	if (rval == -1)
		result_clear(&r);
	pageinfo_oai_clear(&pi);
	free(url);
	free(token);
	return rval;
}

/* Whether r, the answer for a paper's HTML page, says it has none. */
static int
no_html(const struct result *r)
{
	if (r->error)
		return r->status == 404 || r->status == 410;
	return r->status >= 200 && r->status <= 299 && r->body &&
	    pageinfo_no_html(r->body, r->len);
}

int
fetch_fulltext(struct fetch *f, const char *id, char *err, size_t errlen)
{
	static const struct source_defaults d = { 0, 1, NULL, NULL, NULL,
	    NULL, NULL, NULL };
	struct source *s = NULL;
	struct result r;
	char *url = NULL, *shown;
	int rc = -2, pass;

	memset(&r, 0, sizeof(r));
	for (pass = 0; pass < 2; pass++) {
		if ((s = source_new(pass ? SOURCE_PDF : SOURCE_HTML, id, &d,
		    err, errlen)) == NULL)
			goto out;
		if (source_request(s) == NULL || (url = source_url(s,
		    &f->opt.bases, 0, 0, NULL)) == NULL) {
			errmsg_set(err, errlen, "out of memory");
			goto out;
		}
		rc = fetch_one(f, s, url, 0, &r);
		if (pass || !no_html(&r))
			break;
		shown = url_redact(url);
		say(f, FETCH_INFO, "%s: no HTML version (HTTP %ld); asking "
		    "for the PDF", shown ? shown : "?", r.status);
		free(shown);
		result_clear(&r);
		free(url);
		url = NULL;
		source_free(s);
		s = NULL;
	}
	if (rc == -1)
		emit_failure(f, s, url, &r, 1);
	else
		emit(f, s, url, &r, 1);
out:
	result_clear(&r);
	source_free(s);
	free(url);
	return rc;
}

int
fetch_run(struct fetch *f, struct source *s)
{
	if (source_request(s) == NULL) {
		say(f, FETCH_WARN, "out of memory");
		return -1;
	}
	switch (s->type) {
	case SOURCE_API:
		return run_api(f, s);
	case SOURCE_IDS:
		return run_ids(f, s);
	case SOURCE_OAI:
		return run_oai(f, s);
	default:
		return run_single(f, s);
	}
}
