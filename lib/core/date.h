/*
 * Dates as the records carry them: RFC 3339 in UTC, "2025-12-23T05:00:00Z".
 */
#ifndef DATE_H
#define DATE_H

#include <stddef.h>
#include <time.h>

#define DATE_LEN	sizeof("YYYY-MM-DDTHH:MM:SSZ")

/*
 * Parse the date forms arXiv documents use into seconds since the epoch:
 * RFC 822/1123 ("Thu, 24 Sep 2026 00:00:00 -0400"), RFC 3339/ISO 8601
 * with or without fraction and offset ("2025-11-23T05:00:04.55+00:00",
 * "2016-10-09T00:00:00Z") and a plain day ("2014-01-16", as midnight
 * UTC).  Returns -1 if s is none of them.
 */
int	date_parse(const char *s, time_t *t);

/*
 * Format t as RFC 3339 UTC into buf (at least DATE_LEN bytes); -1, with
 * buf empty, for a time whose year has more than four digits.
 */
int	date_format(time_t t, char *buf, size_t len);

/*
 * Normalise s into RFC 3339 UTC in a new string (caller frees); NULL if
 * s is not a date date_parse() knows.
 */
char	*date_normalise(const char *s);

#endif
