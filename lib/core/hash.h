/*
 * The one hash of the tree: 64-bit FNV-1a, for hash tables and for
 * names made from keys (the HTTP cache's file names).  Not for anything
 * an adversary must not collide: FNV is fast, not keyed.
 */
#ifndef HASH_H
#define HASH_H

#include <stddef.h>
#include <stdint.h>

/*
 * FNV-1a of the n bytes at p: offset basis 14695981039346656037, prime
 * 1099511628211, as published at http://www.isthe.com/chongo/tech/comp/fnv/.
 * Its value is part of the cache's on-disk format: do not change it.
 */
static inline uint64_t
hash_fnv1a(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	/* Inline: the matcher hashes every word of every text it reads. */
	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

#endif
