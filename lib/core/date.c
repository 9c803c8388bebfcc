#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static int
digits(const char **sp, int n, int *out)
{
	const char *s = *sp;
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*sp = s + n;
	*out = v;
	return 0;
}

/* "+hh:mm", "+hhmm", "Z", "GMT", "UT" or "UTC" into seconds east of UTC. */
static int
zone(const char *s, long *off)
{
	int sign, hh, mm = 0;

	while (*s == ' ')
		s++;
	if (*s == '\0' || strcasecmp(s, "Z") == 0 || strcasecmp(s, "GMT") == 0 ||
	    strcasecmp(s, "UT") == 0 || strcasecmp(s, "UTC") == 0) {
		*off = 0;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (digits(&s, 2, &hh) == -1)
		return -1;
	if (*s == ':')
		s++;
	if (*s && digits(&s, 2, &mm) == -1)
		return -1;
	if (*s != '\0')
		return -1;
	*off = sign * (hh * 3600L + mm * 60L);
	return 0;
}

static int
valid(int y, int mo, int d, int h, int mi, int sec)
{
	return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 &&
	    h >= 0 && h <= 24 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 60;
}

static int
parse_iso(const char *s, time_t *t)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	long off = 0;

	if (digits(&s, 4, &y) || *s++ != '-' || digits(&s, 2, &mo) ||
	    *s++ != '-' || digits(&s, 2, &d))
		return -1;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if (digits(&s, 2, &h) || *s++ != ':' || digits(&s, 2, &mi))
			return -1;
		if (*s == ':') {
			s++;
			if (digits(&s, 2, &sec))
				return -1;
			if (*s == '.' || *s == ',') {
				s++;
				while (isdigit((unsigned char)*s))
					s++;
			}
		}
		if (zone(s, &off) == -1)
			return -1;
	} else if (*s != '\0')
		return -1;
	if (!valid(y, mo, d, h, mi, sec))
		return -1;
	*t = (time_t)(days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
	    h * 3600L + mi * 60L + sec - off);
	return 0;
}

/*
 * "24 Sep 2026 00:00", the shape every feed writes, read without
 * sscanf() (a twentieth of arxiv-parse's time): its length, or 0 for
 * any other shape, which sscanf() then reads.  What this takes,
 * sscanf() would read the same way.
 */
static int
rfc822_plain(const char *s, int *d, char mon[4], int *y, int *h, int *mi)
{
	const char *p = s;
	int i;

	if (digits(&p, isdigit((unsigned char)p[1]) ? 2 : 1, d) == -1 ||
	    *p++ != ' ')
		return 0;
	for (i = 0; i < 3; i++)
		if (!isalpha((unsigned char)(mon[i] = p[i])))
			return 0;
	mon[3] = '\0';
	p += 3;
	if (*p++ != ' ' || digits(&p, 4, y) == -1 || *p++ != ' ' ||
	    digits(&p, 2, h) == -1 || *p++ != ':' || digits(&p, 2, mi) == -1 ||
	    isdigit((unsigned char)*p))
		return 0;
	return (int)(p - s);
}

static int
parse_rfc822(const char *s, time_t *t)
{
	static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char mon[4];
	int d, y, h = 0, mi = 0, sec = 0, mo, n = 0;
	long off = 0;
	const char *p;

	/* An optional weekday: "Thu, ". */
	if ((p = strchr(s, ',')) != NULL && p - s <= 9)
		s = p + 1;
	while (*s == ' ')
		s++;
	if ((n = rfc822_plain(s, &d, mon, &y, &h, &mi)) == 0 &&
	    sscanf(s, "%d %3s %d %d:%d%n", &d, mon, &y, &h, &mi, &n) != 5)
		return -1;
	s += n;
	if (*s == ':') {
		s++;
		if (digits(&s, 2, &sec))
			return -1;
	}
	for (mo = 0; mo < 12; mo++)
		if (strcasecmp(mon, months[mo]) == 0)
			break;
	if (mo == 12 || zone(s, &off) == -1 || !valid(y, mo + 1, d, h, mi, sec))
		return -1;
	*t = (time_t)(days_from_civil(y, (unsigned)mo + 1, (unsigned)d) *
	    86400 + h * 3600L + mi * 60L + sec - off);
	return 0;
}

int
date_parse(const char *s, time_t *t)
{
	char buf[64];
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (isdigit((unsigned char)buf[0]) && n >= 10 && buf[4] == '-')
		return parse_iso(buf, t);
	return parse_rfc822(buf, t);
}

/* v in n digits, zero-padded. */
static void
put_digits(char *out, int n, int v)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

int
date_format(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (len > 0)
		buf[0] = '\0';
	if (gmtime_r(&t, &tm) == NULL)
		return -1;
	if (tm.tm_year >= 1000 - 1900 && tm.tm_year <= 9999 - 1900 &&
	    len >= DATE_LEN) {
		/* strftime()'s figures by hand: parse formats every item. */
		put_digits(buf, 4, tm.tm_year + 1900);
		buf[4] = '-';
		put_digits(buf + 5, 2, tm.tm_mon + 1);
		buf[7] = '-';
		put_digits(buf + 8, 2, tm.tm_mday);
		buf[10] = 'T';
		put_digits(buf + 11, 2, tm.tm_hour);
		buf[13] = ':';
		put_digits(buf + 14, 2, tm.tm_min);
		buf[16] = ':';
		put_digits(buf + 17, 2, tm.tm_sec);
		memcpy(buf + 19, "Z", 2);
		return 0;
	}
	/* A year past 9999 does not fit: strftime() then leaves buf as is. */
	if (strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		if (len > 0)
			buf[0] = '\0';
		return -1;
	}
	return 0;
}

char *
date_normalise(const char *s)
{
	char buf[DATE_LEN];
	time_t t;

	if (s == NULL || date_parse(s, &t) == -1 ||
	    date_format(t, buf, sizeof(buf)) == -1)
		return NULL;
	return strdup(buf);
}
