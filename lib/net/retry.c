#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "retry.h"

int
retry_status(long status)
{
	if (status == 429)
		return 1;
	return status >= 500 && status <= 599 && status != 501 &&
	    status != 505;
}

double
retry_backoff(int attempt, double base, double cap, double unit)
{
	double d;

	if (attempt < 0)
		attempt = 0;
	d = attempt >= 30 ? cap : base * ldexp(1.0, attempt);
	if (d > cap)
		d = cap;
	if (unit < 0)
		unit = 0;
	if (unit >= 1)
		unit = 1;
	return d / 2 + d / 2 * unit;
}

int
retry_after_parse(const char *value, time_t now, double *secs)
{
	const char *p = value;
	double v = 0;
	time_t t;

	while (*p == ' ' || *p == '\t')
		p++;
	if (isdigit((unsigned char)*p)) {
		for (; isdigit((unsigned char)*p); p++)
			if (v < 1e9)
				v = v * 10 + (*p - '0');
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '\0')
			return -1;
		*secs = v;
		return 0;
	}
	if (*p == '\0' || date_parse(p, &t) == -1)
		return -1;
	*secs = t > now ? difftime(t, now) : 0;
	return 0;
}
