/*
 * The markdown digest, in the layout of the Python bot's README:
 * statistics, numbered papers (Authors, Category, Published, Score,
 * Type, ArXiv ID), the abstract cut at RENDER_ABSTRACT_MAX characters, the
 * summary in a <details> block (a markdown summary cleaned by
 * render_cmark_markdown(), so it cannot leave the block), the configured keywords, a short footer.
 *
 * Escaping: text from records (titles, names, abstracts, plain-text
 * summaries) is escaped so that it reads as written and cannot become
 * markup, while LaTeX stays readable: inside $...$, $$...$$, \(...\) and
 * \[...\] nothing is changed; outside them, a backslash is doubled only
 * before ASCII punctuation (so B\"uttiker shows as written and \textbf
 * stays), and * ` [ ] ~ are escaped, _ only at a word's edge, < only
 * where it could open a tag, & only where it would form an entity.
 */
#ifndef RENDER_MD_H
#define RENDER_MD_H

#include <stddef.h>

struct buf;
struct render_doc;

#define RENDER_MD_BLOCK		0x1	/* text starts a line: guard #, -, 1. */

/* Append s (n bytes), escaped for markdown; -1 when out of memory. */
int	render_md_escape(struct buf *out, const char *s, size_t n, int flags);

/* The markdown digest (render_format writer). */
int	render_md_write(struct buf *out, const struct render_doc *,
	    char *err, size_t errlen);

/*
 * Fill a README template t (n bytes), the Python bot's README.template.md:
 * {{PAPERS_SECTION}} (the papers, or the "no papers matched" line),
 * {{LAST_UPDATED}}, {{PAPER_COUNT}}, {{CATEGORIES}} and {{KEYWORDS}}
 * are replaced, everything else is kept as written.  render_md_write()
 * does this when the doc has a template.
 */
int	render_md_template(struct buf *out, const struct render_doc *,
	    const char *t, size_t n, char *err, size_t errlen);

#endif
