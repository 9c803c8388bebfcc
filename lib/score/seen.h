/*
 * The --seen file of arxiv-score: the papers a user was already shown,
 * one per line as an arXiv id with its version ("2512.18127v1"; lines
 * that are blank or start with '#' are ignored).  New papers are added
 * by rewriting the file atomically (atomic.h) with the new lines at the
 * end, so an interrupted run leaves the old file.
 *
 * Ownership: seen_load() returns a handle freed with seen_free().
 */
#ifndef SEEN_H
#define SEEN_H

#include <stddef.h>

struct seen;

/* Load path (a missing file is an empty list); NULL with err. */
struct seen *seen_load(const char *path, char *err, size_t errlen);
void	seen_free(struct seen *);

/* The highest version recorded for id, 0 if recorded without one, -1 if never. */
long	seen_version(const struct seen *, const char *id, size_t n);

/* Note a paper written now, to be added by seen_commit(); -1 out of memory. */
int	seen_add(struct seen *, const char *id, size_t n, long version);

/* Rewrite the file with the added papers; -1 with err. */
int	seen_commit(struct seen *, char *err, size_t errlen);

#endif
