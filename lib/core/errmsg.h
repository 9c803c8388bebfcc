/*
 * Error messages from lib/.
 *
 * lib/ never prints and never exits.  A function that can fail takes a
 * caller's buffer (char *err, size_t errlen), fills it with a lower-case
 * message without a trailing period and returns -1 (or NULL).  The program
 * decides how to report it.  err may be NULL when the caller does not care.
 */
#ifndef ERRMSG_H
#define ERRMSG_H

#include <stddef.h>

/* Format a message into err (truncated to errlen); a no-op if err is NULL. */
void	errmsg_set(char *err, size_t errlen, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#endif
