#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "errmsg.h"

struct atomic_file {
	char	*path;
	char	*tmp;
	FILE	*fp;
};

/*
 * Create "PATH.tmp.PID.N" next to path, exclusively, so concurrent
 * writers of the same file never share a temporary file.
 */
static int
create_tmp(struct atomic_file *a, size_t n)
{
	int fd, i;

	for (i = 0; i < 10000; i++) {
		snprintf(a->tmp, n, "%s.tmp.%ld.%d", a->path, (long)getpid(), i);
		if ((fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0666)) != -1 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

struct atomic_file *
atomic_open(const char *path, char *err, size_t errlen)
{
	struct atomic_file *a;
	size_t n;
	int fd;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		goto nomem;
	n = strlen(path) + sizeof(".tmp.") + 2 * 3 * sizeof(long);
	if ((a->path = strdup(path)) == NULL ||
	    (a->tmp = malloc(n)) == NULL)
		goto nomem;
	/* Mode 0666 less the umask, as fopen() would make it. */
	if ((fd = create_tmp(a, n)) == -1) {
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if ((a->fp = fdopen(fd, "w")) == NULL) {
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(a->tmp);
		goto fail;
	}
	return a;
nomem:
	errmsg_set(err, errlen, "out of memory");
fail:
	if (a) {
		free(a->path);
		free(a->tmp);
		free(a);
	}
	return NULL;
}

FILE *
atomic_fp(struct atomic_file *a)
{
	return a->fp;
}

static void
atomic_free(struct atomic_file *a)
{
	free(a->path);
	free(a->tmp);
	free(a);
}

int
atomic_commit(struct atomic_file *a, char *err, size_t errlen)
{
	char *dir;
	int fd, saved;

	errno = 0;
	if (fflush(a->fp) == EOF || ferror(a->fp) ||
	    fsync(fileno(a->fp)) == -1) {
		saved = errno ? errno : EIO;
		fclose(a->fp);
		goto fail;
	}
	if (fclose(a->fp) == EOF) {
		saved = errno;
		goto fail;
	}
	if (rename(a->tmp, a->path) == -1) {
		saved = errno;
		goto fail;
	}
	/* Sync the directory so the rename itself survives a crash. */
	if ((dir = strdup(a->path)) != NULL) {
		if ((fd = open(dirname(dir), O_RDONLY | O_DIRECTORY)) != -1) {
			fsync(fd);
			close(fd);
		}
		free(dir);
	}
	atomic_free(a);
	return 0;
fail:
	unlink(a->tmp);
	errmsg_set(err, errlen, "%s: %s", a->path, strerror(saved));
	atomic_free(a);
	return -1;
}

void
atomic_abort(struct atomic_file *a)
{
	if (a == NULL)
		return;
	fclose(a->fp);
	unlink(a->tmp);
	atomic_free(a);
}

int
atomic_write(const char *path, const void *data, size_t len, char *err,
    size_t errlen)
{
	struct atomic_file *a;

	if ((a = atomic_open(path, err, errlen)) == NULL)
		return -1;
	if (len && fwrite(data, 1, len, a->fp) != len) {
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		atomic_abort(a);
		return -1;
	}
	return atomic_commit(a, err, errlen);
}
