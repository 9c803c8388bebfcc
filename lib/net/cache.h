/*
 * The HTTP cache: one file per URL holding the last good response (its
 * body and the validators ETag and Last-Modified), for conditional
 * requests and for --max-age.
 *
 * An entry is <dir>/http/<16 hex digits of the URL's FNV-1a hash>: a
 * first line with a JSON object (url, status, content_type, etag,
 * last_modified, fetched_at, stored, length) and then exactly length
 * bytes of body.  The file's modification time says when the entry was
 * last known fresh, so a 304 only touches it.  Entries are replaced atomically (atomic.h), so a crash
 * leaves the old entry or the new one; an entry that does not parse, or
 * whose length is wrong, is reported as corrupt and removed so the URL is
 * fetched again.  Strings in a struct cache_entry are owned by it.
 */
#ifndef CACHE_H
#define CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct cache;

struct cache_entry {
	char	*url;
	long	 status;
	char	*content_type;	/* NULL when absent */
	char	*etag;
	char	*last_modified;
	char	*fetched_at;	/* RFC 3339 UTC, when the body was fetched */
	time_t	 stored;	/* when it was last known fresh (mtime) */
	char	*body;		/* NUL-terminated */
	size_t	 len;
};

/* Create dir and its parents as needed (mode 0700); -1 with err. */
int	cache_mkdir_p(const char *dir, char *err, size_t errlen);
/*
 * The folder a cache keeps under the cache directory ("http", "summary"),
 * created if needed: a new path the caller frees, or NULL with err.
 */
char	*cache_subdir(const char *dir, const char *name, char *err,
	    size_t errlen);

/* Open (creating) the cache in dir; NULL with err. */
struct cache *cache_open(const char *dir, char *err, size_t errlen);
void	cache_close(struct cache *);

/* The 64-bit FNV-1a hash of s, which names its entry. */
uint64_t cache_key(const char *s);

/*
 * Look url up: 1 and *e filled if present, 0 if not, -1 with err if the
 * entry was corrupt (it is removed).  Free *e with cache_entry_clear().
 */
int	cache_get(struct cache *, const char *url, struct cache_entry *e,
	    char *err, size_t errlen);
/* Store e (replacing any entry for e->url); -1 with err. */
int	cache_put(struct cache *, const struct cache_entry *e, char *err,
	    size_t errlen);
/*
 * Mark url's entry fresh as of now without rewriting it (its file's
 * modification time is when it was last known fresh); -1 with err.
 */
int	cache_touch(struct cache *, const char *url, char *err, size_t errlen);
/* Remove url's entry, if any. */
void	cache_remove(struct cache *, const char *url);
void	cache_entry_clear(struct cache_entry *);

/*
 * The cache directory when none is given, the one rule for every stage
 * that caches (fetch's documents, summarize's summaries), following the
 * XDG base directory rule: $XDG_CACHE_HOME/arxivpipe if XDG_CACHE_HOME
 * is an absolute path, else $HOME/.cache/arxivpipe, else none.  Sets
 * *dir to a new string, or to NULL for none; -1 when out of memory.
 */
int	cache_default_dir(char **dir);

#endif
