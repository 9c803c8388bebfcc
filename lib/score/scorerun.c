#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dedup.h"
#include "errmsg.h"
#include "hash.h"
#include "jscan.h"
#include "jsonc.h"
#include "rank.h"
#include "record.h"
#include "score.h"
#include "scoreconf.h"
#include "scorerun.h"
#include "seen.h"
#include "strmap.h"
#include "tfidf.h"

/* The fields arxiv-score writes; an input's own are replaced. */
static const char *const own_fields[] = {
	"score", "matches", "similarity", "update", "dropped", NULL
};

/* What the prefilter reads; the text is decoded only past it. */
#define CHEAP_FIELDS	(PAPER_F_ID | PAPER_F_CATEGORIES | PAPER_F_ANNOUNCE | \
			 PAPER_F_DATES)
/* Every field scoring may read: those a paper is refused for. */
#define SCORE_USES	(CHEAP_FIELDS | PAPER_F_LINKS | PAPER_F_TITLE | \
			 PAPER_F_ABSTRACT | PAPER_F_COMMENT | PAPER_F_AUTHORS)

struct scorerun {
	const struct scoreconf	*conf;
	struct scorerun_opts	 opts;
	struct score		*score;
	struct seen		*seen;
	struct tfidf		*lib;		/* --library */
	double			 similarity;	/* of the paper at hand */
	struct score_result	 res;
	struct paper_dec	*dec;
	struct buf		 base, fields, out;
	struct rank		 rank;
	struct dedup		 dedup;
	struct strmap		*twins;		/* see tie_hash() */
	unsigned long		 serial;
	char			 warning[512];	/* about the last line */
	unsigned long		 kept;		/* papers written, not dropped */
};

struct scorerun *
scorerun_new(const struct scoreconf *conf, const struct scorerun_opts *opts,
    char *err, size_t errlen)
{
	struct scorerun *run;

	if ((run = calloc(1, sizeof(*run))) == NULL)
		goto nomem;
	run->conf = conf;
	run->opts = *opts;
	rank_init(&run->rank, opts->compat, conf->rules ? conf->max_papers :
	    -1, opts->explain || (conf->rules && conf->dedup &&
	    !opts->compat));
	if (dedup_init(&run->dedup) == -1 ||
	    (run->twins = strmap_new()) == NULL ||
	    (run->dec = paper_dec_new(SCORE_USES, opts->full_parse ?
	    PAPER_DEC_TREE : 0)) == NULL)
		goto nomem;
	if ((run->score = score_new(conf, opts->compat, opts->now, err,
	    errlen)) == NULL)
		goto fail;
	score_reasons(run->score, opts->explain);
	if (opts->seen && (run->seen = seen_load(opts->seen, err,
	    errlen)) == NULL)
		goto fail;
	if (opts->library && (run->lib = tfidf_load(opts->library, err,
	    errlen)) == NULL)
		goto fail;
	return run;
nomem:
	errmsg_set(err, errlen, "out of memory");
fail:
	scorerun_free(run);
	return NULL;
}

void
scorerun_free(struct scorerun *run)
{
	if (run == NULL)
		return;
	score_free(run->score);
	seen_free(run->seen);
	tfidf_free(run->lib);
	score_result_free(&run->res);
	paper_dec_free(run->dec);
	buf_free(&run->base);
	buf_free(&run->fields);
	buf_free(&run->out);
	rank_free(&run->rank);
	dedup_free(&run->dedup);
	strmap_free(run->twins);
	free(run);
}

/*
 * The base of the record: its members but score's, without the closing
 * brace, spliced from the line (record_splice()) so that every member
 * keeps its bytes, numbers as written.  A line only json-c could read
 * (none that is valid) is re-serialized instead.
 */
static int
make_base(struct scorerun *run, const char *line, size_t len)
{
	const struct jscan *js = paper_dec_scan(run->dec);
	struct json_object *o;
	const char *s;
	size_t i;
	int rc;

	buf_reset(&run->base);
	rc = js != NULL ? record_splice_scan(js, own_fields, NULL, 0,
	    &run->base) : record_splice(line, len, own_fields, NULL, 0,
	    &run->base);
	if (rc == 0) {
		run->base.len--;	/* the closing brace */
		run->base.data[run->base.len] = '\0';
		return 0;
	}
	buf_reset(&run->base);
	if ((o = paper_dec_tree(run->dec)) == NULL)
		return -1;
	for (i = 0; own_fields[i] != NULL; i++)
		jsonc_del(o, own_fields[i]);
	if ((s = jsonc_write(o, &len)) == NULL || len < 2)
		return -1;
	return buf_add(&run->base, s, len - 1);
}

/*
 * The hash that orders two records of the same paper and version (the
 * last tie-break) is needed only once there are two: it is computed for
 * both when the second comes, so a stream of distinct papers hashes
 * nothing.  twins maps "id vN" to the first candidate's index + 1.
 */
static int
tie_hash(struct scorerun *run, size_t ci)
{
	struct rank_cand *c = &run->rank.c[ci], *first;
	long *slot;
	size_t fi;
	char err[128];
	int found;

	buf_reset(&run->fields);
	if (buf_addf(&run->fields, "%s v%ld", c->id, c->version) == -1 ||
	    (slot = strmap_slot(run->twins, run->fields.data, run->fields.len,
	    &found)) == NULL)
		return -1;
	if (!found) {
		*slot = (long)ci + 1;
		return 0;
	}
	c->hash = hash_fnv1a(c->text, c->base_len);
	fi = (size_t)(*slot - 1);
	first = &run->rank.c[fi];
	/* The first may be gone (nothing needed it) or its entry reused. */
	if (fi == ci || first->id == NULL || first->hash != 0 ||
	    strcmp(first->id, c->id) != 0 || first->version != c->version)
		return 0;
	if (rank_text(&run->rank, fi, &run->out, err, sizeof(err)) == -1)
		return -1;
	run->rank.c[fi].hash = hash_fnv1a(run->out.data, first->base_len);
	return 0;
}

/* Record a paper as a candidate (kept so far) or, with explain, dropped. */
static int
hold(struct scorerun *run, const struct paper *p, const char *reason,
    int update)
{
	const struct scoreconf *conf = run->conf;
	struct rank_cand *c;
	long ci;
	int rc = 0;

	if (reason && !run->opts.explain)
		return 0;
	if ((ci = rank_new(&run->rank)) == -1)
		return -1;
	c = &run->rank.c[ci];
	c->serial = run->serial;
	c->version = p->version;
	c->update = update == 1;
	c->score = reason ? 0 : run->res.score;
	if ((c->id = strdup(p->id)) == NULL)
		return -1;
	if (p->published &&
	    (c->published = strdup(p->published)) == NULL)
		return -1;
	buf_reset(&run->fields);
	if (reason) {
		rc |= buf_adds(&run->fields, ",\"dropped\":");
		rc |= jsonc_escape(&run->fields, reason, strlen(reason));
		if ((c->dropped = strdup(reason)) == NULL)
			return -1;
	} else {
		rc |= score_fields(&run->res, &run->fields);
		if (run->lib != NULL) {
			char num[32];

			score_format(run->similarity, num, sizeof(num));
			rc |= buf_addf(&run->fields, ",\"similarity\":%s", num);
		}
		if (update == 1)
			rc |= buf_adds(&run->fields, ",\"update\":true");
	}
	if (rc)
		return -1;
	c->base_len = run->base.len;
	c->len = run->base.len + run->fields.len;
	if ((c->text = malloc(c->len + 1)) == NULL)
		return -1;
	memcpy(c->text, run->base.data, run->base.len);
	memcpy(c->text + run->base.len, run->fields.data, run->fields.len);
	c->text[c->len] = '\0';
	if (!run->opts.compat && tie_hash(run, (size_t)ci) == -1)
		return -1;	/* compat breaks ties by input order */
	if (reason)
		return rank_evict(&run->rank, (size_t)ci);
	if (conf->rules && conf->dedup && !run->opts.compat &&
	    dedup_paper(&run->dedup, conf, &run->rank, (size_t)ci, p) == -1)
		return -1;
	if (update == -1 && run->rank.c[ci].dropped == NULL &&
	    (run->rank.c[ci].dropped = strdup("already seen")) == NULL)
		return -1;
	if (run->rank.c[ci].dropped)
		return rank_evict(&run->rank, (size_t)ci);
	return rank_offer(&run->rank, (size_t)ci);
}

enum scorerun_status
scorerun_line(struct scorerun *run, const char *line, size_t len, char *err,
    size_t errlen)
{
	struct paper p;
	double extra;
	long sv;
	int rc, update = 0, dup;
	unsigned more;

	run->warning[0] = '\0';
	if ((rc = paper_from_json(run->dec, NULL, line, len, CHEAP_FIELDS, &p,
	    err, errlen)) == 1)
		return SCORERUN_PASS;
	if (rc == -1)
		return SCORERUN_BAD;
	if (paper_dec_warning(run->dec) != NULL)
		snprintf(run->warning, sizeof(run->warning), "%s",
		    paper_dec_warning(run->dec));
	run->serial++;
	if (run->opts.compat) {
		if (paper_dec_more(run->dec, PAPER_F_TITLE, &p, err,
		    errlen) == -1)
			return SCORERUN_ERROR;
		if (dedup_compat(&run->dedup, run->conf, &p, &dup) == -1)
			goto nomem;
		if (dup) {
			rc = 1;
			snprintf(run->res.reason, sizeof(run->res.reason),
			    "duplicate (an earlier paper has its id or title)");
			goto decided;
		}
	}
	if ((rc = score_prefilter(run->score, &p, &run->res)) == 1)
		goto decided;
	if (run->seen &&
	    (sv = seen_version(run->seen, p.id, strlen(p.id))) >= 0) {
		/*
		 * A paper already shown still takes part in dedup, so that
		 * a duplicate of it does not surface in its place.
		 */
		if (p.version <= sv)
			update = -1;
		else
			update = 1;
	}
	more = PAPER_F_TITLE | PAPER_F_ABSTRACT;
	if (run->conf->dedup_link)
		more |= PAPER_F_LINKS;
	if (score_fields_used(run->score) & SCORE_F_COMMENT)
		more |= PAPER_F_COMMENT;
	if (score_fields_used(run->score) & SCORE_F_AUTHORS)
		more |= PAPER_F_AUTHORS;
	if (paper_dec_more(run->dec, more, &p, err, errlen) == -1)
		return SCORERUN_ERROR;
	extra = 0;
	if (run->lib != NULL) {
		if ((run->similarity = tfidf_similarity(run->lib, p.title,
		    p.title ? strlen(p.title) : 0, p.abstract,
		    p.abstract ? strlen(p.abstract) : 0)) < 0)
			goto nomem;
		run->similarity = score_round(run->similarity);
		extra = run->conf->library_weight * run->similarity;
	}
	if ((rc = score_eval(run->score, &p, extra, &run->res, err,
	    errlen)) == -1)
		return SCORERUN_ERROR;
	if (run->res.warning[0] != '\0') {
		size_t n = strlen(run->warning);

		snprintf(run->warning + n, sizeof(run->warning) - n,
		    "%spaper %s: %s", n ? "; " : "", p.id, run->res.warning);
	}
decided:
	if (rc == 1 && !run->opts.explain)
		return SCORERUN_HELD;
	/*
	 * --compat's dedup ran above, so a paper that could not enter the
	 * heap is not built: most of a day's papers (bench/daily.sh).
	 */
	if (rc == 0 && run->opts.compat &&
	    rank_compat_loses(&run->rank, run->res.score))
		return SCORERUN_HELD;
	if (make_base(run, line, len) == -1 ||
	    hold(run, &p, rc == 1 ? run->res.reason : NULL, update) == -1)
		goto nomem;
	return SCORERUN_HELD;
nomem:
	errmsg_set(err, errlen, "out of memory");
	return SCORERUN_ERROR;
}

const char *
scorerun_warning(const struct scorerun *run)
{
	return run->warning[0] ? run->warning : NULL;
}

int
scorerun_finish(struct scorerun *run, char *err, size_t errlen)
{
	return rank_finish(&run->rank, run->opts.explain, err, errlen);
}

int
scorerun_next(struct scorerun *run, const char **line, size_t *len,
    char *err, size_t errlen)
{
	struct rank_cand *c;
	int rc;

	if ((rc = rank_next(&run->rank, &run->out, &c, err, errlen)) != 1)
		return rc;
	if (c->dropped && !(c->len > c->base_len &&
	    strncmp(run->out.data + c->base_len, ",\"dropped\":", 11) == 0)) {
		/* Dropped at the end (rank, dedup): replace score's fields. */
		run->out.len = c->base_len;
		rc = buf_adds(&run->out, ",\"dropped\":") |
		    jsonc_escape(&run->out, c->dropped, strlen(c->dropped));
	} else
		rc = 0;
	rc |= buf_addc(&run->out, '}');
	if (rc || (run->seen && !c->dropped &&
	    seen_add(run->seen, c->id, strlen(c->id), c->version) == -1)) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	if (!c->dropped)
		run->kept++;
	*line = run->out.data;
	*len = run->out.len;
	return 1;
}

int
scorerun_commit(struct scorerun *run, char *err, size_t errlen)
{
	if (run->seen == NULL)
		return 0;
	return seen_commit(run->seen, err, errlen);
}

unsigned long
scorerun_tally_line(const struct scorerun *run, char *line, size_t len)
{
	score_tally_line(score_tally(run->score), run->conf, run->serial,
	    run->kept, line, len);
	return run->serial;
}
