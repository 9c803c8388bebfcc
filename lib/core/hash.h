/*
 * The hashes of the tree: 64-bit FNV-1a, for names made from keys (the
 * HTTP cache's file names) and the tables of short words, and
 * hash_mem(), eight bytes a step, for tables of long keys (titles).
 * Neither is for anything an adversary must not collide: both are fast,
 * not keyed.
 */
#ifndef HASH_H
#define HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/*
 * A hash of the n bytes at p for in-memory tables only: its value may
 * change from one version to the next and differs between byte orders.
 * FNV-1a waits on a multiply for every byte; this one multiplies once
 * per eight (then murmur3's finaliser, so the low bits a table uses
 * depend on every byte).
 */
static inline uint64_t
hash_mem(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
	}
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

#endif
