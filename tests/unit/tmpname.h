/*
 * Unique temporary files and directories for unit tests, named after the
 * test and the process so parallel runs (plain and sanitized) never meet.
 * Included by the test files that need them; each is one program.
 */
#ifndef TMPNAME_H
#define TMPNAME_H

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* Make a new directory /tmp/NAME.PID.N in buf; buf, or NULL on failure. */
static inline char *
test_mkdtemp(char *buf, size_t len, const char *name)
{
	int n;

	for (n = 0; n < 1000; n++) {
		snprintf(buf, len, "/tmp/%s.%ld.%d", name, (long)getpid(), n);
		if (mkdir(buf, 0700) == 0)
			return buf;
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

/* Create a new file /tmp/NAME.PID.N named in buf; its fd, or -1. */
static inline int
test_mkstemp(char *buf, size_t len, const char *name)
{
	int fd, n;

	for (n = 0; n < 1000; n++) {
		snprintf(buf, len, "/tmp/%s.%ld.%d", name, (long)getpid(), n);
		if ((fd = open(buf, O_RDWR | O_CREAT | O_EXCL, 0600)) != -1)
			return fd;
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

#endif
