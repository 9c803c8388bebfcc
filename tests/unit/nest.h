/*
 * nest_value(): a JSON value of n levels of arrays (or of objects, each
 * {"k":...}) around 1, written at p (room for n * 6 + 1 bytes); returns
 * the end.  The depth tests of jscan and record build their lines on it.
 */
#ifndef NEST_H
#define NEST_H

#include <stddef.h>
#include <string.h>

static inline char *
nest_value(char *p, size_t n, int objects)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (objects) {
			memcpy(p, "{\"k\":", 5);
			p += 5;
		} else
			*p++ = '[';
	}
	*p++ = '1';
	for (i = 0; i < n; i++)
		*p++ = objects ? '}' : ']';
	return p;
}

#endif
