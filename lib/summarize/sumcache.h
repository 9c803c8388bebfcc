/*
 * The summary cache: a summary the API wrote is kept so that a second
 * run over the same papers makes no request at all.
 *
 * One entry per (arXiv id with version, model, prompt hash, input kind,
 * language), a file <dir>/summary/<16 hex digits of the key's FNV-1a
 * hash>.json holding one JSON object: the key itself (checked on every
 * read, so a hash collision is a miss), the text, truncated and the
 * token counts.  <dir> is the cache directory fetch uses
 * (cache_default_dir(), the one XDG rule).  Entries are written
 * atomically (atomic.h); an entry that does not parse or does not match
 * is removed and recomputed.  No
 * secret is ever part of an entry: the key is built from the fields
 * above only.
 *
 * Ownership: sumcache_open() returns a handle freed with
 * sumcache_close(); struct sumcache_entry owns its text.
 */
#ifndef SUMCACHE_H
#define SUMCACHE_H

#include <stddef.h>

struct sumcache;

struct sumcache_key {
	const char	*arxiv_id;	/* with version */
	const char	*model;
	const char	*prompt;	/* the whole system message, hashed */
	const char	*input;		/* html, pdf, abstract */
	const char	*language;	/* NULL: none */
};

struct sumcache_entry {
	char	*text;
	int	 truncated;
	long	 prompt_tokens;
	long	 completion_tokens;
};

/* Open (creating) the cache under dir; NULL with err. */
struct sumcache *sumcache_open(const char *dir, char *err, size_t errlen);
void	sumcache_close(struct sumcache *);

/*
 * Look k up: 1 and *e filled on a hit, 0 on a miss, 2 when the entry was
 * corrupt (it is removed; treat as a miss).
 */
int	sumcache_get(struct sumcache *, const struct sumcache_key *k,
	    struct sumcache_entry *e);
/* Store e under k, atomically; -1 with err. */
int	sumcache_put(struct sumcache *, const struct sumcache_key *k,
	    const struct sumcache_entry *e, char *err, size_t errlen);
void	sumcache_entry_clear(struct sumcache_entry *);

#endif
