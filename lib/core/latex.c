#include <string.h>

#include "latex.h"

enum { K_DISPLAY, K_INLINE, K_PAREN, K_BRACKET };

void
latex_scan_init(struct latex_scan *m, const char *s, size_t n)
{
	memset(m, 0, sizeof(*m));
	m->s = s;
	m->n = n;
}

/* The first closer of kind k at or after start, or (size_t)-1. */
static size_t
find_close(struct latex_scan *m, int k, size_t start)
{
	static const char *closers[] = { "$$", "$", "\\)", "\\]" };
	const char *p;
	size_t i;

	if (m->valid[k] && start >= m->from[k] &&
	    (m->close[k] == (size_t)-1 || start <= m->close[k]))
		return m->close[k];
	m->valid[k] = 1;
	m->from[k] = start;
	m->close[k] = (size_t)-1;
	if (start >= m->n)
		return m->close[k];
	if (k == K_INLINE) {
		for (i = start; i < m->n; i++) {
			if (m->s[i] == '\\' && i + 1 < m->n)
				i++;
			else if (m->s[i] == '$') {
				m->close[k] = i;
				break;
			}
		}
	} else {
		p = closers[k];
		for (i = start; i + 1 < m->n; i++)
			if (m->s[i] == p[0] && m->s[i + 1] == p[1]) {
				m->close[k] = i;
				break;
			}
	}
	return m->close[k];
}

size_t
latex_math_end(struct latex_scan *m, size_t i)
{
	const char *s = m->s;
	size_t c;

	if (i >= m->n)
		return 0;
	if (s[i] == '$' && i + 1 < m->n && s[i + 1] == '$') {
		if ((c = find_close(m, K_DISPLAY, i + 2)) != (size_t)-1)
			return c + 2;
		return 0;
	}
	if (s[i] == '$') {
		if ((c = find_close(m, K_INLINE, i + 1)) != (size_t)-1)
			return c + 1;
		return 0;
	}
	if (s[i] == '\\' && i + 1 < m->n && (s[i + 1] == '(' ||
	    s[i + 1] == '[')) {
		if ((c = find_close(m, s[i + 1] == '(' ? K_PAREN : K_BRACKET,
		    i + 2)) != (size_t)-1)
			return c + 2;
	}
	return 0;
}
