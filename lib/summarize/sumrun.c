#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json.h>

#include "buf.h"
#include "errmsg.h"
#include "http.h"
#include "jsonc.h"
#include "llm.h"
#include "record.h"
#include "retry.h"
#include "sumback.h"
#include "sumcache.h"
#include "summarize.h"
#include "sumrun.h"
#include "sumtext.h"

#define MAX_RESPONSE	(8u << 20)	/* bytes of an API response */
#define MAX_HELD_BYTES	(64u << 20)	/* bytes of records held */
#define RETRY_AFTER_CAP	120.0		/* longest wait we accept */
#define BACKOFF_BASE	0.5
#define BACKOFF_CAP	30.0

enum state {
	ST_LINE,	/* ready: write line as it is */
	ST_WAIT,	/* a paper waiting for its full text */
	ST_READY,	/* its request can start */
	ST_RUNNING,	/* in flight */
	ST_BACKOFF,	/* waiting to try again at not_before */
	ST_DONE		/* summarised or failed: write paper */
};

struct item {
	struct item		*next;
	enum state		 st;
	char			*line;	/* ST_LINE, and the output when done */
	size_t			 len;
	struct json_object	*paper;	/* owned, for papers */
	char			*in;	/* a paper's input line */
	size_t			 inlen;
	char			*arxiv_id;	/* with version if known */
	char			*id;
	int			 version;
	struct json_object	*sections;	/* a fulltext's, owned */
	const char		*input;	/* html, pdf, abstract */
	char			*body;	/* the request body */
	size_t			 body_len;
	int			 attempt;
	double			 not_before;
	struct llm_reply	 reply;
	int			 cached;
	char			*error;	/* summary_error */
	size_t			 held;	/* bytes counted in held_bytes */
};

/* A fulltext record seen before its paper. */
struct stash {
	struct stash		*next;
	char			*id;
	int			 version;
	struct json_object	*sections;
	const char		*input;
};

struct message {
	struct message	*next;
	char		*text;
};

struct sumrun {
	struct sumrun_opts	 o;
	struct summarize	*pick;
	struct http_multi	*multi;
	struct sumcache		*cache;
	char			*url;
	char			*system;	/* the system message */
	const char		**headers;	/* Authorization, extras */
	char			*auth;		/* "Authorization: Bearer ..." */
	struct item		*head, *tail;
	size_t			 held, held_bytes;
	struct stash		*stash;
	size_t			 nstash;
	struct message		*msgs, **msgs_tail;
	char			*last_msg;
	char			*out;		/* last line handed out */
	int			 finished;
	int			 auth_failed;
	char			*auth_error;
	struct sumrun_stats	 st;
	unsigned		 seed;
	char			 warning[160];	/* about the record last taken */
	struct buf		 line;		/* an extractive paper's line */
	struct jsonc_parser	*parser;	/* the API's records' trees */
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Queue a message for stderr; out of memory drops it. */
static void
note(struct sumrun *z, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
note(struct sumrun *z, const char *fmt, ...)
{
	struct message *m;
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if ((m = calloc(1, sizeof(*m))) == NULL ||
	    (m->text = strdup(buf)) == NULL) {
		free(m);
		return;
	}
	*z->msgs_tail = m;
	z->msgs_tail = &m->next;
}

const char *
sumrun_message(struct sumrun *z)
{
	struct message *m;

	free(z->last_msg);
	z->last_msg = NULL;
	if ((m = z->msgs) == NULL)
		return NULL;
	if ((z->msgs = m->next) == NULL)
		z->msgs_tail = &z->msgs;
	z->last_msg = m->text;
	free(m);
	return z->last_msg;
}

static void
item_free(struct item *it)
{
	if (it == NULL)
		return;
	free(it->line);
	free(it->in);
	json_object_put(it->paper);
	json_object_put(it->sections);
	free(it->arxiv_id);
	free(it->id);
	free(it->body);
	llm_reply_clear(&it->reply);
	free(it->error);
	free(it);
}

static void
stash_free(struct stash *s)
{
	if (s == NULL)
		return;
	free(s->id);
	json_object_put(s->sections);
	free(s);
}

/* Wipe and free a string that held the key. */
static void
free_secret(char *s)
{
	volatile char *p = s;

	if (s == NULL)
		return;
	while (*p)
		*p++ = '\0';
	free(s);
}

void
sumrun_free(struct sumrun *z)
{
	struct item *it, *nit;
	struct stash *s, *ns;
	struct message *m, *nm;

	if (z == NULL)
		return;
	buf_free(&z->line);
	jsonc_parser_free(z->parser);
	http_multi_free(z->multi);
	for (it = z->head; it; it = nit) {
		nit = it->next;
		item_free(it);
	}
	for (s = z->stash; s; s = ns) {
		ns = s->next;
		stash_free(s);
	}
	for (m = z->msgs; m; m = nm) {
		nm = m->next;
		free(m->text);
		free(m);
	}
	summarize_free(z->pick);
	sumcache_close(z->cache);
	free(z->url);
	free(z->system);
	free(z->headers);
	free_secret(z->auth);
	free(z->last_msg);
	free(z->out);
	free(z->auth_error);
	free(z);
}

/* The headers every request carries, into z->headers. */
static int
make_headers(struct sumrun *z)
{
	struct buf b = {0};
	size_t n = 0, i = 0;

	while (z->o.headers && z->o.headers[n])
		n++;
	if ((z->headers = calloc(n + 3, sizeof(char *))) == NULL)
		return -1;
	if (z->o.api_key && *z->o.api_key) {
		if (buf_addf(&b, "Authorization: Bearer %s", z->o.api_key) ==
		    -1)
			return -1;
		z->auth = buf_take(&b);
		z->headers[i++] = z->auth;
	}
	z->headers[i++] = "Content-Type: application/json";
	for (n = 0; z->o.headers && z->o.headers[n]; n++)
		z->headers[i++] = z->o.headers[n];
	z->headers[i] = NULL;
	return 0;
}

struct sumrun *
sumrun_new(const struct sumrun_opts *o, char *err, size_t errlen)
{
	struct sumrun *z;
	struct buf b = {0};
	size_t n;

	if ((z = calloc(1, sizeof(*z))) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	z->o = *o;
	z->msgs_tail = &z->msgs;
	z->seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)z;
	if (z->o.timeout <= 0)
		z->o.timeout = SUMRUN_TIMEOUT;
	if (z->o.retries < 0)
		z->o.retries = SUMRUN_RETRIES;
	if (z->o.jobs == 0)
		z->o.jobs = SUMRUN_JOBS;
	if (z->o.max_input_tokens == 0)
		z->o.max_input_tokens = SUMRUN_INPUT_TOKENS;
	if ((z->pick = summarize_new(&o->pick, err, errlen)) == NULL)
		goto fail;
	if (!o->api)
		return z;
	if (o->base_url == NULL || o->model == NULL) {
		errmsg_set(err, errlen, "the API needs a base URL and a model");
		goto fail;
	}
	n = strlen(o->base_url);
	while (n > 0 && o->base_url[n - 1] == '/')
		n--;
	if (buf_addf(&b, "%.*s/chat/completions", (int)n, o->base_url) == -1 ||
	    (z->system = llm_system_message(o->prompt, o->language)) == NULL ||
	    make_headers(z) == -1) {
		buf_free(&b);
		errmsg_set(err, errlen, "out of memory");
		goto fail;
	}
	z->url = buf_take(&b);
	if (!o->dry_run && (z->multi = http_multi_new(err, errlen)) == NULL)
		goto fail;
	if (o->cache_dir && (z->cache = sumcache_open(o->cache_dir, err,
	    errlen)) == NULL)
		goto fail;
	return z;
fail:
	sumrun_free(z);
	return NULL;
}

/* Append an item to the queue. */
static void
enqueue(struct sumrun *z, struct item *it)
{
	if (z->tail)
		z->tail->next = it;
	else
		z->head = it;
	z->tail = it;
	it->held = it->len + it->inlen + 256;
	z->held++;
	z->held_bytes += it->held;
}

/* A copy of the line as an item to write as it is; -1 if no memory. */
static int
add_line(struct sumrun *z, const char *line, size_t len)
{
	struct item *it;

	if ((it = calloc(1, sizeof(*it))) == NULL ||
	    (it->line = malloc(len + 1)) == NULL) {
		free(it);
		return -1;
	}
	memcpy(it->line, line, len);
	it->line[len] = '\0';
	it->len = len;
	it->st = ST_LINE;
	enqueue(z, it);
	return 0;
}

/*
 * The line of a summarised paper into out: its input line with the
 * members summarize writes (summary, summary_error) replaced by the
 * tree's, spliced, so that every other member keeps its bytes (numbers
 * and escapes as written, arxivpipe(5)); the tree written whole only if
 * the line is past what the splice can scan.  -1 if no memory.
 */
static int
paper_line(struct json_object *paper, const char *line, size_t len,
    struct buf *out)
{
	static const char *const own[] = { "summary", "summary_error", NULL };
	const char *val[2] = { NULL, NULL }, *s;
	struct json_object *v;
	size_t i, n;

	for (i = 0; own[i] != NULL; i++)
		if (json_object_object_get_ex(paper, own[i], &v) &&
		    (val[i] = v == NULL ? "null" : jsonc_write(v, &n)) == NULL)
			return -1;
	buf_reset(out);
	if (record_replace(line, len, own, val, out) == 0)
		return 0;
	buf_reset(out);
	return (s = jsonc_write(paper, &n)) == NULL ? -1 : buf_add(out, s, n);
}

/* The paper's output line, from its input line; -1 if no memory. */
static int
set_output(struct item *it)
{
	struct buf b = {0};

	if (paper_line(it->paper, it->in, it->inlen, &b) == -1 ||
	    (it->line = buf_take(&b)) == NULL) {
		buf_free(&b);
		return -1;
	}
	it->len = strlen(it->line);
	return 0;
}

static struct json_object *
new_count(long v)
{
	return v < 0 ? NULL : json_object_new_int64(v);
}

/* The paper is done: add its summary or its error, and its line. */
static int
complete(struct sumrun *z, struct item *it)
{
	struct json_object *sum;

	z->st.done++;
	if (it->error) {
		z->st.failed++;
		jsonc_set(it->paper, "summary_error",
		    json_object_new_string(it->error));
	} else if (it->reply.text) {
		sum = json_object_new_object();
		json_object_object_add(sum, "text",
		    json_object_new_string(it->reply.text));
		json_object_object_add(sum, "model",
		    json_object_new_string(z->o.model));
		json_object_object_add(sum, "input",
		    json_object_new_string(it->input));
		json_object_object_add(sum, "language", z->o.language ?
		    json_object_new_string(z->o.language) : NULL);
		json_object_object_add(sum, "cached",
		    json_object_new_boolean(it->cached));
		json_object_object_add(sum, "prompt_tokens",
		    new_count(it->reply.prompt_tokens));
		json_object_object_add(sum, "completion_tokens",
		    new_count(it->reply.completion_tokens));
		json_object_object_add(sum, "truncated",
		    json_object_new_boolean(it->reply.truncated));
		jsonc_set(it->paper, "summary", sum);
		json_object_object_del(it->paper, "summary_error");
		if (!it->cached && it->reply.prompt_tokens > 0)
			z->st.prompt_tokens += (unsigned long)
			    it->reply.prompt_tokens;
		if (!it->cached && it->reply.completion_tokens > 0)
			z->st.completion_tokens += (unsigned long)
			    it->reply.completion_tokens;
	}
	it->st = ST_DONE;
	return set_output(it);
}

/* Fail the paper with why (copied). */
static int
fail(struct sumrun *z, struct item *it, const char *why, int say)
{
	free(it->error);
	if ((it->error = strdup(why)) == NULL)
		return -1;
	if (say)
		note(z, "paper %s: no summary: %s", it->arxiv_id, why);
	return complete(z, it);
}

static void
cache_key(const struct sumrun *z, const struct item *it,
    struct sumcache_key *k)
{
	k->arxiv_id = it->arxiv_id;
	k->model = z->o.model;
	k->prompt = z->system;
	k->input = it->input;
	k->language = z->o.language;
}

/*
 * The paper's text is settled (full text or abstract): look it up in the
 * cache, or build its request and make it ready.
 */
static int
settle(struct sumrun *z, struct item *it)
{
	struct llm_paper lp = {0};
	struct llm_params pp;
	struct sumcache_key k;
	struct sumcache_entry e;
	char *user, *full = NULL;
	int cut = 0, rc;
	size_t budget, used;

	if (it->input == NULL)
		it->input = "abstract";
	if (z->auth_failed)
		return fail(z, it, z->auth_error, 0);
	cache_key(z, it, &k);
	if (z->cache && (rc = sumcache_get(z->cache, &k, &e)) != 0) {
		if (rc == 2)
			note(z, "paper %s: corrupt cache entry removed",
			    it->arxiv_id);
		else {
			it->reply.text = e.text;
			it->reply.truncated = e.truncated;
			it->reply.prompt_tokens = e.prompt_tokens;
			it->reply.completion_tokens = e.completion_tokens;
			it->cached = 1;
			z->st.cached++;
			if (z->o.dry_run)
				note(z, "paper %s: cached, no request",
				    it->arxiv_id);
			if (z->o.dry_run) {
				llm_reply_clear(&it->reply);
				z->st.done++;
				it->st = ST_DONE;
				return set_output(it);
			}
			return complete(z, it);
		}
	}
	lp.arxiv_id = it->arxiv_id;
	lp.title = record_str(it->paper, "title");
	lp.abstract = record_str(it->paper, "abstract");
	if (it->sections) {
		used = llm_tokens(lp.abstract ? lp.abstract : "") +
		    llm_tokens(lp.title ? lp.title : "");
		budget = used < z->o.max_input_tokens ?
		    z->o.max_input_tokens - used : 0;
		if (budget > 0 && (full = sumtext_cut(it->sections, budget,
		    lp.abstract != NULL, &cut)) != NULL)
			lp.fulltext = full;
		else
			it->input = "abstract";
		json_object_put(it->sections);
		it->sections = NULL;
	}
	pp.model = z->o.model;
	pp.temperature = z->o.temperature;
	pp.max_tokens = z->o.max_tokens;
	user = llm_user_message(&lp);
	free(full);
	if (user == NULL || (it->body = llm_request_body(&pp, z->system, user,
	    &it->body_len)) == NULL) {
		free(user);
		return -1;
	}
	if (z->o.dry_run) {
		used = llm_tokens(z->system) + llm_tokens(user);
		z->st.est_tokens += used;
		note(z, "paper %s: would send %s, about %zu tokens%s",
		    it->arxiv_id, it->input, used, cut ? " (text cut)" : "");
		free(user);
		z->st.done++;
		it->st = ST_DONE;
		return set_output(it);
	}
	free(user);
	it->st = ST_READY;
	return 0;
}

/* Same paper: same id, and the same version when both say one. */
static int
same_paper(const char *id1, int v1, const char *id2, int v2)
{
	return id1 && id2 && strcmp(id1, id2) == 0 &&
	    (v1 == 0 || v2 == 0 || v1 == v2);
}

/* The input kind a fulltext record says it was made from. */
static const char *
fulltext_input(struct json_object *obj)
{
	const char *f = record_str(obj, "format");

	return f && strcmp(f, "pdf") == 0 ? "pdf" : "html";
}

/* The id and version of a record: "id", "version" or "arxiv_id". */
static int
record_id(struct json_object *obj, char **id, int *version)
{
	struct json_object *v;
	const char *s;

	*id = NULL;
	*version = 0;
	if ((s = record_str(obj, "arxiv_id")) != NULL &&
	    arxiv_id_split(s, id, version) == 0 && *version > 0)
		return 0;
	free(*id);
	*id = NULL;
	if ((s = record_str(obj, "id")) == NULL)
		return -1;
	if ((*id = strdup(s)) == NULL)
		return -1;
	if (json_object_object_get_ex(obj, "version", &v) &&
	    json_object_is_type(v, json_type_int))
		*version = json_object_get_int(v);
	return 0;
}

/* A fulltext record: give it to its paper, or keep it for later. */
static int
take_fulltext(struct sumrun *z, struct json_object *obj)
{
	struct json_object *sections;
	struct stash *s;
	struct item *it;
	char *id;
	int version;

	if (!z->o.api || !z->o.fulltext ||
	    !json_object_object_get_ex(obj, "sections", &sections) ||
	    !json_object_is_type(sections, json_type_array) ||
	    record_id(obj, &id, &version) == -1)
		return 0;
	/* Its text is read: a lone surrogate is said, as for a paper. */
	if (jsonc_record_flags(obj) & JSONC_F_REPAIRED) {
		if (version > 0)
			snprintf(z->warning, sizeof(z->warning), "fulltext "
			    "%.100sv%d: lone surrogate escape read as U+FFFD",
			    id, version);
		else
			snprintf(z->warning, sizeof(z->warning), "fulltext "
			    "%.100s: lone surrogate escape read as U+FFFD", id);
	}
	for (it = z->head; it; it = it->next)
		if (it->st == ST_WAIT && same_paper(it->id, it->version, id,
		    version)) {
			free(id);
			it->sections = json_object_get(sections);
			it->input = fulltext_input(obj);
			return settle(z, it);
		}
	/* Before its paper: keep it while more papers may come. */
	if (z->nstash >= SUMRUN_MAX_HELD || (s = calloc(1, sizeof(*s))) ==
	    NULL) {
		free(id);
		return 0;
	}
	s->id = id;
	s->version = version;
	s->sections = json_object_get(sections);
	s->input = fulltext_input(obj);
	s->next = z->stash;
	z->stash = s;
	z->nstash++;
	return 0;
}

/* A paper that gets a summary (p decoded from obj): its item. */
static int
take_paper(struct sumrun *z, struct json_object *obj, const struct paper *p,
    const char *line, size_t len)
{
	struct stash **sp, *s;
	struct item *it;
	const char *aid;
	char buf[128];

	if ((it = calloc(1, sizeof(*it))) == NULL)
		return -1;
	it->paper = json_object_get(obj);
	it->version = p->version;
	if ((it->in = malloc(len + 1)) == NULL) {
		item_free(it);
		return -1;
	}
	memcpy(it->in, line, len);
	it->in[len] = '\0';
	it->inlen = len;
	if ((aid = paper_arxiv_id(p, buf, sizeof(buf))) == NULL)
		aid = "?";
	if ((it->id = strdup(p->id ? p->id : "?")) == NULL ||
	    (it->arxiv_id = strdup(aid)) == NULL) {
		item_free(it);
		return -1;
	}
	enqueue(z, it);
	z->st.papers++;
	if (!z->o.fulltext)
		return settle(z, it);
	for (sp = &z->stash; (s = *sp) != NULL; sp = &s->next)
		if (same_paper(s->id, s->version, it->id, it->version)) {
			it->sections = s->sections;
			it->input = s->input;
			s->sections = NULL;
			*sp = s->next;
			stash_free(s);
			z->nstash--;
			return settle(z, it);
		}
	it->st = ST_WAIT;
	return 0;
}

/* Count what became of a paper record. */
static void
tally(struct sumrun *z, enum summarize_status st)
{
	switch (st) {
	case SUMMARIZE_ADDED:
		z->st.added++;
		break;
	case SUMMARIZE_KEPT:
		z->st.kept++;
		break;
	case SUMMARIZE_OVER_LIMIT:
		z->st.over++;
		break;
	case SUMMARIZE_NO_ABSTRACT:
		z->st.no_abstract++;
		break;
	case SUMMARIZE_DROPPED:
		z->st.dropped++;
		break;
	default:
		break;
	}
}

/*
 * A paper summarize_pick() has judged (p as it left it): its warning kept
 * for the caller, the outcome counted, and said if it has no abstract.
 */
static void
judged(struct sumrun *z, enum summarize_status st, const struct paper *p,
    char *err, size_t errlen)
{
	const char *s;

	if ((s = summarize_warning(z->pick)) != NULL)
		snprintf(z->warning, sizeof(z->warning), "%s", s);
	tally(z, st);
	if (st == SUMMARIZE_NO_ABSTRACT)
		errmsg_set(err, errlen, "paper %s has no abstract, passed on "
		    "without a summary", p->id);
}

/*
 * Offline, a record is read from its line and a summary spliced into
 * it: no tree is built (the extractive path runs on every paper of a
 * daily digest).
 */
static enum summarize_status
take_line(struct sumrun *z, const char *line, size_t len, char *err,
    size_t errlen)
{
	enum summarize_status st;
	struct paper p;

	st = summarize_line(z->pick, line, len, &p, &z->line, err, errlen);
	judged(z, st, &p, err, errlen);
	switch (st) {
	case SUMMARIZE_INVALID:
		return SUMMARIZE_BAD;	/* not a record: nothing to pass on */
	case SUMMARIZE_ERROR:
		/* The back end failed: said, and the paper goes on as it was. */
		st = SUMMARIZE_BAD;
		break;
	case SUMMARIZE_OTHER:
		z->st.other++;
		st = SUMMARIZE_KEPT;
		break;
	case SUMMARIZE_ADDED:
		line = z->line.data;
		len = z->line.len;
		break;
	default:
		break;
	}
	return add_line(z, line, len) == -1 ? SUMMARIZE_ERROR : st;
}

enum summarize_status
sumrun_take(struct sumrun *z, struct json_object *obj, const char *line,
    size_t len, char *err, size_t errlen)
{
	struct paper p;
	enum summarize_status st;
	const char *kind;

	z->warning[0] = '\0';
	if (!z->o.api) {
		if ((st = take_line(z, line, len, err, errlen)) ==
		    SUMMARIZE_ERROR)
			goto nomem;
		return st;
	}
	/* The API client holds the paper's tree until its reply. */
	if (obj == NULL) {
		if (z->parser == NULL && (z->parser = jsonc_parser_new()) ==
		    NULL)
			goto nomem;
		if (jsonc_parse_record(z->parser, line, len, &obj, err,
		    errlen) == -1)
			return SUMMARIZE_BAD;
		st = sumrun_take(z, obj, line, len, err, errlen);
		jsonc_put(obj);
		return st;
	}
	kind = record_kind(obj);
	if (kind && strcmp(kind, "fulltext") == 0 &&
	    take_fulltext(z, obj) == -1)
		goto nomem;
	if (kind == NULL || strcmp(kind, "paper") != 0) {
		z->st.other++;
		if (add_line(z, line, len) == -1)
			goto nomem;
		return SUMMARIZE_KEPT;
	}
	st = summarize_pick(z->pick, obj, NULL, 0, &p, err, errlen);
	judged(z, st, &p, err, errlen);
	if (st == SUMMARIZE_ADDED ? take_paper(z, obj, &p, line, len) == -1 :
	    add_line(z, line, len) == -1)
		goto nomem;
	return st;
nomem:
	errmsg_set(err, errlen, "out of memory");
	return SUMMARIZE_ERROR;
}

const char *
sumrun_warning(const struct sumrun *z)
{
	return z->warning[0] ? z->warning : NULL;
}

void
sumrun_finish(struct sumrun *z)
{
	z->finished = 1;
}

/* Start requests while slots are free, oldest ready paper first. */
static int
start(struct sumrun *z, double t)
{
	struct http_request rq = {0};
	struct item *it;
	char err[256];

	for (it = z->head; it &&
	    http_multi_running(z->multi) < z->o.jobs; it = it->next) {
		if (it->st != ST_READY &&
		    !(it->st == ST_BACKOFF && it->not_before <= t))
			continue;
		if (z->auth_failed) {
			if (fail(z, it, z->auth_error, 0) == -1)
				return -1;
			continue;
		}
		rq.method = "POST";
		rq.url = z->url;
		rq.headers = z->headers;
		rq.body = it->body;
		rq.body_len = it->body_len;
		rq.user_agent = "arxivpipe-summarize";
		rq.connect_timeout = 10;
		rq.timeout = z->o.timeout;
		rq.max_size = MAX_RESPONSE;
		rq.compressed = 1;
		if (http_multi_add(z->multi, &rq, it, err, sizeof(err)) == -1) {
			if (fail(z, it, err, 1) == -1)
				return -1;
			continue;
		}
		it->attempt++;
		it->st = ST_RUNNING;
		z->st.requests++;
		if (http_multi_running(z->multi) > z->st.max_in_flight)
			z->st.max_in_flight = http_multi_running(z->multi);
		if (z->o.verbose)
			note(z, "paper %s: POST %s (attempt %d, %zu bytes)",
			    it->arxiv_id, z->url, it->attempt, it->body_len);
	}
	return 0;
}

/* Try again later, or fail when the retries are spent. */
static int
again(struct sumrun *z, struct item *it, const char *why,
    const char *retry_after)
{
	double wait, ra;

	if (it->attempt > z->o.retries)
		return fail(z, it, why, 1);
	wait = retry_backoff(it->attempt - 1, BACKOFF_BASE, BACKOFF_CAP,
	    (double)rand_r(&z->seed) / ((double)RAND_MAX + 1));
	if (retry_after && retry_after_parse(retry_after, time(NULL),
	    &ra) == 0)
		wait = ra < RETRY_AFTER_CAP ? ra : RETRY_AFTER_CAP;
	it->st = ST_BACKOFF;
	it->not_before = now() + wait;
	z->st.retried++;
	if (z->o.verbose)
		note(z, "paper %s: %s; trying again in %.1f s", it->arxiv_id,
		    why, wait);
	return 0;
}

/* The key was refused: one message, and no more requests. */
static int
refused(struct sumrun *z, struct item *it, long status)
{
	char buf[256];

	if (!z->auth_failed) {
		z->auth_failed = 1;
		snprintf(buf, sizeof(buf), "the API refused the key in $%s "
		    "(%ld)", z->o.key_env ? z->o.key_env : "?", status);
		if ((z->auth_error = strdup(buf)) == NULL)
			return -1;
		note(z, "%s; no more requests", buf);
	}
	return fail(z, it, z->auth_error, 0);
}

/* A finished transfer for it. */
static int
finished(struct sumrun *z, struct item *it, int rc,
    struct http_response *resp, const char *terr)
{
	struct sumcache_key k;
	struct sumcache_entry e;
	char err[512];

	if (rc == -1)
		return http_error_transient(resp->error) ?
		    again(z, it, terr, NULL) : fail(z, it, terr, 1);
	switch (llm_parse_response(resp->status, resp->body.data,
	    resp->body.len, &it->reply, err, sizeof(err))) {
	case LLM_OK:
		if (z->cache) {
			cache_key(z, it, &k);
			e.text = it->reply.text;
			e.truncated = it->reply.truncated;
			e.prompt_tokens = it->reply.prompt_tokens;
			e.completion_tokens = it->reply.completion_tokens;
			if (sumcache_put(z->cache, &k, &e, err,
			    sizeof(err)) == -1)
				note(z, "cache: %s", err);
		}
		free(it->body);
		it->body = NULL;
		return complete(z, it);
	case LLM_RETRY:
		llm_reply_clear(&it->reply);
		return again(z, it, err, resp->retry_after);
	case LLM_AUTH:
		return refused(z, it, resp->status);
	case LLM_FAIL:
	default:
		llm_reply_clear(&it->reply);
		return fail(z, it, err, 1);
	}
}

/*
 * Move the requests on: start what can start, wait up to wait seconds
 * for one to finish (or for a retry to come due), and take the results.
 */
static int
pump(struct sumrun *z, double wait, char *err, size_t errlen)
{
	struct http_response resp;
	struct item *it;
	double t = now(), due = -1;
	void *tag;
	char terr[256];
	int rc, ms;

	if (z->multi == NULL)
		return 0;
	if (start(z, t) == -1)
		goto nomem;
	for (it = z->head; it; it = it->next)
		if (it->st == ST_BACKOFF && (due < 0 || it->not_before < due))
			due = it->not_before;
	if (due >= 0 && due - t < wait)
		wait = due - t > 0 ? due - t : 0;
	ms = (int)(wait * 1000);
	if (http_multi_running(z->multi) == 0) {
		if (ms > 0) {
			struct timespec ts = { ms / 1000,
			    (long)(ms % 1000) * 1000000L };

			while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
				;
		}
		ms = 0;
	}
	if (http_multi_poll(z->multi, ms, err, errlen) == -1)
		return -1;
	while ((rc = http_multi_next(z->multi, &tag, &resp, terr,
	    sizeof(terr))) != 0) {
		it = tag;
		rc = finished(z, it, rc, &resp, terr);
		http_response_free(&resp);
		if (rc == -1)
			goto nomem;
	}
	return start(z, now()) == -1 ? -1 : 0;
nomem:
	errmsg_set(err, errlen, "out of memory");
	return -1;
}

/* 1 if nothing but the oldest paper can free the records held. */
static int
full(const struct sumrun *z)
{
	return z->held > SUMRUN_MAX_HELD || z->held_bytes > MAX_HELD_BYTES;
}

int
sumrun_next(struct sumrun *z, const char **line, size_t *len, char *err,
    size_t errlen)
{
	struct item *it, *w;

	for (;;) {
		if ((it = z->head) != NULL &&
		    (it->st == ST_LINE || it->st == ST_DONE)) {
			if ((z->head = it->next) == NULL)
				z->tail = NULL;
			z->held--;
			z->held_bytes -= it->held;
			free(z->out);
			z->out = it->line;
			it->line = NULL;
			*line = z->out;
			*len = it->len;
			item_free(it);
			return 1;
		}
		if (it == NULL)
			return 0;
		/* The waiting papers go ahead with their abstract. */
		if (z->finished || full(z))
			for (w = z->head; w; w = w->next)
				if (w->st == ST_WAIT &&
				    (z->finished || w == it) &&
				    settle(z, w) == -1) {
					errmsg_set(err, errlen,
					    "out of memory");
					return -1;
				}
		if (it->st == ST_LINE || it->st == ST_DONE)
			continue;
		if (!z->finished && !full(z))
			return pump(z, 0, err, errlen) == -1 ? -1 : 0;
		if (pump(z, 1.0, err, errlen) == -1)
			return -1;
		/* After the input: back to the caller, for its progress. */
		if (z->finished && (z->head == NULL ||
		    (z->head->st != ST_LINE && z->head->st != ST_DONE)))
			return 0;
	}
}

int
sumrun_pending(const struct sumrun *z)
{
	return z->head != NULL;
}

const struct sumrun_stats *
sumrun_stats(const struct sumrun *z)
{
	return &z->st;
}

void
sumrun_report(const struct sumrun *z, char *buf, size_t len)
{
	if (z->o.dry_run) {
		snprintf(buf, len, "dry run: %lu papers, %lu cached, "
		    "%lu requests would send about %lu tokens", z->st.papers,
		    z->st.cached, z->st.papers - z->st.cached,
		    z->st.est_tokens);
		return;
	}
	snprintf(buf, len, "%lu papers: %lu requests, %lu cached, %lu failed, "
	    "%lu prompt and %lu completion tokens", z->st.papers,
	    z->st.requests, z->st.cached, z->st.failed, z->st.prompt_tokens,
	    z->st.completion_tokens);
}

void
sumrun_tally(const struct sumrun *z, char *buf, size_t len)
{
	snprintf(buf, len, "summarised %lu, kept %lu existing summaries, "
	    "%lu over the limit, %lu without abstract, %lu dropped, "
	    "%lu other records passed on", z->st.added, z->st.kept,
	    z->st.over, z->st.no_abstract, z->st.dropped, z->st.other);
}

void
sumrun_progress(const struct sumrun *z, char *buf, size_t len)
{
	snprintf(buf, len, "summaries %lu/%lu, %lu cached, %lu failed, "
	    "%lu tokens", z->st.done, z->st.papers, z->st.cached,
	    z->st.failed, z->st.prompt_tokens + z->st.completion_tokens);
}
