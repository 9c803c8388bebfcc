/*
 * Files a user keeps (digests, feeds, caches, state) are replaced
 * atomically: written to a temporary file in the same directory, synced,
 * then renamed over the old one.  A crash leaves either the old file or
 * the new one, never half of either.
 */
#ifndef ATOMIC_H
#define ATOMIC_H

#include <stddef.h>
#include <stdio.h>

struct atomic_file;

/*
 * Start replacing path: returns a handle whose stream (atomic_fp())
 * writes the temporary file; NULL with err on failure.  The new file gets
 * mode 0666 less the umask, like one made by fopen().
 */
struct atomic_file *atomic_open(const char *path, char *err, size_t errlen);
FILE	*atomic_fp(struct atomic_file *);
/*
 * Flush, sync and rename the temporary file over path, then free the
 * handle.  On any error the temporary file is removed, path is untouched,
 * and -1 is returned with err.
 */
int	atomic_commit(struct atomic_file *, char *err, size_t errlen);
/* Give up: remove the temporary file and free the handle (NULL is fine). */
void	atomic_abort(struct atomic_file *);

/* Replace path with len bytes of data, atomically; -1 with err. */
int	atomic_write(const char *path, const void *data, size_t len,
	    char *err, size_t errlen);

#endif
