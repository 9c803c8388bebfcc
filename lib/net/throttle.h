/*
 * Request spacing that holds across processes: "at most one request
 * every N seconds to this host", kept by every arxiv-fetch that shares a
 * cache directory, and by a single process when there is none.
 *
 * Each group of hosts (all of arXiv's hosts form one) has a lock file in
 * the throttle directory holding the time of its last request.
 * throttle_begin() takes the lock (waiting for any other process that
 * holds it), sleeps until the spacing has passed, writes the new time and
 * keeps the lock until throttle_end(), so there is also never more than
 * one request in flight to the group: one connection at a time.
 */
#ifndef THROTTLE_H
#define THROTTLE_H

#include <stddef.h>

struct throttle;

/*
 * A throttle keeping its lock files in dir (which must exist), or only
 * in memory if dir is NULL.  NULL with err when out of memory.
 */
struct throttle *throttle_new(const char *dir, char *err, size_t errlen);
void	throttle_free(struct throttle *);

/*
 * Sleep for secs seconds (nothing if secs is not more than 0), going on
 * after a signal interrupts the sleep: the one sleep of the fetch stage.
 */
void	throttle_sleep(double secs);

/*
 * Replace the clock (seconds since the epoch) and the sleep function,
 * for tests; NULL keeps the real one.  on_wait, if set, is told how long
 * throttle_begin() is about to sleep, before it sleeps.
 */
void	throttle_set_clock(struct throttle *, double (*now)(void),
	    void (*sleep_fn)(double));
void	throttle_set_on_wait(struct throttle *,
	    void (*on_wait)(void *arg, const char *group, double secs),
	    void *arg);

/*
 * How long to wait before the next request when the last one was at
 * last and it is now, with the given spacing: 0 if the spacing has
 * passed.  A last time in the future (a clock set back) counts as now.
 */
double	throttle_wait_time(double last, double now, double delay);

/*
 * Wait for the group's turn and claim it (see above).  A delay of 0
 * takes the lock without waiting.  Returns 0, or -1 with err if the lock
 * file cannot be used, in which case spacing is kept in this process
 * only and the caller may go on.
 */
int	throttle_begin(struct throttle *, const char *group, double delay,
	    char *err, size_t errlen);
/* Release the group claimed by throttle_begin(). */
void	throttle_end(struct throttle *);

#endif
