/*
 * A map from byte strings to a number, for dedup keys and seen papers.
 * Keys are copied; strmap_free() releases everything.  Lookups are by
 * hash, so a million keys cost a million lookups, not more.
 */
#ifndef STRMAP_H
#define STRMAP_H

#include <stddef.h>

struct strmap;

struct strmap *strmap_new(void);
void	strmap_free(struct strmap *);

/*
 * The value slot of key (n bytes): *found says whether it was there; a
 * new key's slot holds 0.  NULL when out of memory.  The pointer is valid
 * until the next strmap_slot() call.
 */
long	*strmap_slot(struct strmap *, const char *key, size_t n, int *found);
/* The value of key, or NULL. */
const long *strmap_get(const struct strmap *, const char *key, size_t n);
size_t	strmap_count(const struct strmap *);
/* Visit every entry (in no particular order); key is not NUL-terminated. */
void	strmap_each(const struct strmap *, void (*fn)(const char *key,
	    size_t n, long value, void *arg), void *arg);

#endif
