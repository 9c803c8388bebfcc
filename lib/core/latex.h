/*
 * Finding LaTeX math spans ($...$, $$...$$, \(...\), \[...\]) in text,
 * so that sentence splitting and markdown escaping leave math alone.
 *
 * An opening delimiter without a closing one is ordinary text, so a
 * stray "$" (a price, a shell prompt) never swallows the rest of the
 * text.  The scanner remembers the closing delimiter it found last for
 * each kind, so a text full of unclosed openers is still scanned in
 * linear time.  It borrows the text, which must outlive it.
 */
#ifndef LATEX_H
#define LATEX_H

#include <stddef.h>

struct latex_scan {
	const char	*s;
	size_t		 n;
	size_t		 from[4];	/* where the last search started */
	size_t		 close[4];	/* what it found; (size_t)-1: none */
	int		 valid[4];
};

/* Start scanning s (n bytes). */
void	latex_scan_init(struct latex_scan *, const char *s, size_t n);

/*
 * If a math span opens at byte i, the index just past its closing
 * delimiter, else 0.  A backslash escapes a dollar sign: "\$" opens
 * nothing and closes nothing.
 */
size_t	latex_math_end(struct latex_scan *, size_t i);

#endif
