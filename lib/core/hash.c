#include <stddef.h>
#include <stdint.h>

#include "hash.h"

#define FNV_OFFSET	14695981039346656037ULL
#define FNV_PRIME	1099511628211ULL

uint64_t
hash_fnv1a(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = FNV_OFFSET;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= FNV_PRIME;
	}
	return h;
}
