#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "strmap.h"

struct entry {
	char		*key;		/* NULL: empty slot */
	size_t		 len;
	uint64_t	 hash;		/* hash_mem(): titles as often as ids */
	long		 value;
};

struct strmap {
	struct entry	*e;
	size_t		 cap, n;	/* cap is a power of two */
};

struct strmap *
strmap_new(void)
{
	return calloc(1, sizeof(struct strmap));
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->cap; i++)
		free(m->e[i].key);
	free(m->e);
	free(m);
}

static struct entry *
find(const struct strmap *m, const char *key, size_t n, uint64_t h)
{
	size_t i;

	for (i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct entry *e = &m->e[i];

		if (e->key == NULL ||
		    (e->hash == h && e->len == n && memcmp(e->key, key, n) == 0))
			return e;
	}
}

static int
grow(struct strmap *m)
{
	struct entry *old = m->e, *e;
	size_t oldcap = m->cap, i;

	m->cap = oldcap ? oldcap * 2 : 256;
	if ((m->e = calloc(m->cap, sizeof(*m->e))) == NULL) {
		m->e = old;
		m->cap = oldcap;
		return -1;
	}
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL) {
			e = find(m, old[i].key, old[i].len, old[i].hash);
			*e = old[i];
		}
	free(old);
	return 0;
}

long *
strmap_slot(struct strmap *m, const char *key, size_t n, int *found)
{
	uint64_t h = hash_mem(key, n);
	struct entry *e;

	if (2 * (m->n + 1) > m->cap && grow(m) == -1)
		return NULL;
	e = find(m, key, n, h);
	if (e->key != NULL) {
		*found = 1;
		return &e->value;
	}
	*found = 0;
	if ((e->key = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(e->key, key, n);
	e->key[n] = '\0';
	e->len = n;
	e->hash = h;
	e->value = 0;
	m->n++;
	return &e->value;
}

const long *
strmap_get(const struct strmap *m, const char *key, size_t n)
{
	struct entry *e;

	if (m->cap == 0)
		return NULL;
	e = find(m, key, n, hash_mem(key, n));
	return e->key ? &e->value : NULL;
}

size_t
strmap_count(const struct strmap *m)
{
	return m->n;
}

void
strmap_each(const struct strmap *m, void (*fn)(const char *, size_t, long,
    void *), void *arg)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		if (m->e[i].key != NULL)
			fn(m->e[i].key, m->e[i].len, m->e[i].value, arg);
}
