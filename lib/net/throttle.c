#include <sys/file.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "errmsg.h"
#include "throttle.h"

#define GROUPS_MAX	64

/* The last request time of a group, as this process knows it. */
struct group {
	char	*name;
	double	 last;
};

struct throttle {
	char		*dir;
	double		(*now)(void);
	void		(*sleep_fn)(double);
	void		(*on_wait)(void *, const char *, double);
	void		*on_wait_arg;
	struct group	 groups[GROUPS_MAX];
	size_t		 ngroups;
	int		 fd;		/* the held lock file, or -1 */
};

static double
real_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
throttle_sleep(double secs)
{
	struct timespec ts;

	if (!(secs > 0))
		return;
	ts.tv_sec = (time_t)secs;
	ts.tv_nsec = (long)((secs - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

struct throttle *
throttle_new(const char *dir, char *err, size_t errlen)
{
	struct throttle *t;

	if ((t = calloc(1, sizeof(*t))) == NULL ||
	    (dir && (t->dir = strdup(dir)) == NULL)) {
		free(t);
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	t->now = real_now;
	t->sleep_fn = throttle_sleep;
	t->fd = -1;
	return t;
}

void
throttle_free(struct throttle *t)
{
	size_t i;

	if (t == NULL)
		return;
	throttle_end(t);
	for (i = 0; i < t->ngroups; i++)
		free(t->groups[i].name);
	free(t->dir);
	free(t);
}

void
throttle_set_clock(struct throttle *t, double (*now)(void),
    void (*sleep_fn)(double))
{
	t->now = now ? now : real_now;
	t->sleep_fn = sleep_fn ? sleep_fn : throttle_sleep;
}

void
throttle_set_on_wait(struct throttle *t,
    void (*on_wait)(void *, const char *, double), void *arg)
{
	t->on_wait = on_wait;
	t->on_wait_arg = arg;
}

double
throttle_wait_time(double last, double now, double delay)
{
	double w;

	if (!(delay > 0) || !(last > 0))
		return 0;
	if (last > now)
		last = now;
	w = last + delay - now;
	return w > 0 ? w : 0;
}

/* This process's record of group, added if new; NULL if the table is full. */
static struct group *
group_get(struct throttle *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ngroups; i++)
		if (strcmp(t->groups[i].name, name) == 0)
			return &t->groups[i];
	if (t->ngroups == GROUPS_MAX ||
	    (t->groups[t->ngroups].name = strdup(name)) == NULL)
		return NULL;
	t->groups[t->ngroups].last = 0;
	return &t->groups[t->ngroups++];
}

/* Open and lock the group's file; -1 with err. */
static int
lock_file(struct throttle *t, const char *group, char *err, size_t errlen)
{
	char path[4096];
	size_t n, i;
	int fd;

	n = (size_t)snprintf(path, sizeof(path), "%s/", t->dir);
	if (n >= sizeof(path) - 1) {
		errmsg_set(err, errlen, "%s: path too long", t->dir);
		return -1;
	}
	/* The group becomes a safe file name: "127.0.0.1:8080" -> "127.0.0.1_8080". */
	for (i = 0; group[i] && n < sizeof(path) - 1; i++)
		path[n++] = isalnum((unsigned char)group[i]) ||
		    group[i] == '.' || group[i] == '-' ? group[i] : '_';
	path[n] = '\0';
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (flock(fd, LOCK_EX) == -1) {
		if (errno == EINTR)
			continue;
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * The time stored in a lock file: 0 for an empty file, and now for one
 * that cannot be read, which makes the caller wait the whole spacing.
 */
static double
read_last(int fd, double now)
{
	char s[64];
	ssize_t n;
	char *end;
	double v;

	if ((n = pread(fd, s, sizeof(s) - 1, 0)) < 0)
		return now;
	if (n == 0)
		return 0;
	s[n] = '\0';
	v = strtod(s, &end);
	if (end == s || (*end != '\n' && *end != '\0') || !isfinite(v) ||
	    v < 0)
		return now;
	return v;
}

static void
write_last(int fd, double when)
{
	char s[64];
	int n;

	n = snprintf(s, sizeof(s), "%.6f\n", when);
	if (n > 0 && pwrite(fd, s, (size_t)n, 0) == n)
		(void)ftruncate(fd, n);
}

int
throttle_begin(struct throttle *t, const char *group, double delay,
    char *err, size_t errlen)
{
	struct group *g;
	double last, now, w;
	int rc = 0;

	throttle_end(t);
	g = group_get(t, group);
	if (t->dir && (t->fd = lock_file(t, group, err, errlen)) == -1)
		rc = -1;
	now = t->now();
	last = g ? g->last : 0;
	if (t->fd != -1) {
		double shared = read_last(t->fd, now);

		if (shared > last)
			last = shared;
	}
	if ((w = throttle_wait_time(last, now, delay)) > 0) {
		if (t->on_wait)
			t->on_wait(t->on_wait_arg, group, w);
		t->sleep_fn(w);
		now = t->now();
	}
	if (g)
		g->last = now;
	if (t->fd != -1)
		write_last(t->fd, now);
	return rc;
}

void
throttle_end(struct throttle *t)
{
	if (t->fd != -1) {
		flock(t->fd, LOCK_UN);
		close(t->fd);
		t->fd = -1;
	}
}
