/*
 * When to try a failed request again, and how long to wait first.
 *
 * Pure functions, so the policy is unit-tested without sleeping: the
 * caller supplies the clock and the random number.
 */
#ifndef RETRY_H
#define RETRY_H

#include <time.h>

#define RETRY_BASE	1.0	/* first backoff, seconds */
#define RETRY_CAP	60.0	/* longest backoff, seconds */

/* 1 if an HTTP status says "try again later": 429 and 5xx but 501, 505. */
int	retry_status(long status);

/*
 * The wait before retry number attempt (0 for the first retry):
 * exponential, base * 2^attempt capped at cap, with "equal jitter" so
 * clients that failed together do not come back together: a uniformly
 * random point in the upper half.  unit is a random number in [0, 1).
 */
double	retry_backoff(int attempt, double base, double cap, double unit);

/*
 * Parse a Retry-After value, either delay-seconds ("120") or an HTTP
 * date, into seconds from now (0 for a date in the past).  -1 if the
 * value is neither.
 */
int	retry_after_parse(const char *value, time_t now, double *secs);

#endif
