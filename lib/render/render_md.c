#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "errmsg.h"
#include "latex.h"
#include "record.h"
#include "render.h"
#include "render_cmark.h"
#include "render_md.h"

/* Whether "&" at s[i] would start an entity: &name; &#123; &#x1F; */
static int
entity_at(const char *s, size_t i, size_t n)
{
	size_t j = i + 1;

	if (j < n && s[j] == '#')
		j++;
	if (j >= n || !isalnum((unsigned char)s[j]))
		return 0;
	while (j < n && isalnum((unsigned char)s[j]))
		j++;
	return j < n && s[j] == ';';
}

static int
word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Whether "<" at s[i] could open a tag, comment or autolink. */
static int
tag_at(const char *s, size_t i, size_t n)
{
	unsigned char c = i + 1 < n ? (unsigned char)s[i + 1] : 0;

	return isalpha(c) || c == '/' || c == '!' || c == '?';
}

/* Guard a block-level marker at the start of a line: # - + > = 1. */
static int
guard_line_start(struct buf *b, const char *s, size_t n, size_t *i)
{
	size_t j = 0;

	if (n == 0)
		return 0;
	if (strchr("#-+>=|", s[0]) != NULL) {
		*i = 1;
		return buf_addc(b, '\\') == -1 || buf_addc(b, s[0]) == -1 ?
		    -1 : 0;
	}
	while (j < n && j < 9 && isdigit((unsigned char)s[j]))
		j++;
	if (j > 0 && j < n && (s[j] == '.' || s[j] == ')')) {
		*i = j + 1;
		if (buf_add(b, s, j) == -1 || buf_addc(b, '\\') == -1 ||
		    buf_addc(b, s[j]) == -1)
			return -1;
	}
	return 0;
}

int
render_md_escape(struct buf *b, const char *s, size_t n, int flags)
{
	struct latex_scan ls;
	size_t i = 0, m, k, last_gt = 0;
	int has_gt = 0;
	unsigned char c, prev, next;

	if (flags & RENDER_MD_BLOCK && guard_line_start(b, s, n, &i) == -1)
		return -1;
	for (k = n; k > 0; k--)
		if (s[k - 1] == '>') {
			has_gt = 1;
			last_gt = k - 1;
			break;
		}
	latex_scan_init(&ls, s, n);
	while (i < n) {
		if ((m = latex_math_end(&ls, i)) != 0) {
			/* Math as written, but never a tag. */
			for (k = i; k < m; k++) {
				if (s[k] == '<' && tag_at(s, k, n) && has_gt &&
				    last_gt > k) {
					if (buf_adds(b, "&lt;") == -1)
						return -1;
				} else if (s[k] == '\n' || s[k] == '\r' ||
				    s[k] == '\t') {
					if (buf_addc(b, ' ') == -1)
						return -1;
				} else if (buf_addc(b, s[k]) == -1)
					return -1;
			}
			i = m;
			continue;
		}
		/* Junk is left out (a carriage return becomes a space). */
		if (s[i] != '\r' && (k = render_junk(s + i, n - i)) > 0 &&
		    i + k <= n) {
			i += k;
			continue;
		}
		c = (unsigned char)s[i];
		prev = i > 0 ? (unsigned char)s[i - 1] : ' ';
		next = i + 1 < n ? (unsigned char)s[i + 1] : ' ';
		switch (c) {
		case '\\':
			if (i + 1 == n || ispunct(next)) {
				if (buf_adds(b, "\\\\") == -1)
					return -1;
			} else if (buf_addc(b, '\\') == -1)
				return -1;
			break;
		case '*': case '`': case '[': case ']': case '~':
			if (buf_addc(b, '\\') == -1 ||
			    buf_addc(b, (char)c) == -1)
				return -1;
			break;
		case '_':
			if ((!word_char(prev) || !word_char(next)) &&
			    buf_addc(b, '\\') == -1)
				return -1;
			if (buf_addc(b, '_') == -1)
				return -1;
			break;
		case '<':
			if (tag_at(s, i, n) && buf_addc(b, '\\') == -1)
				return -1;
			if (buf_addc(b, '<') == -1)
				return -1;
			break;
		case '&':
			if (entity_at(s, i, n) && buf_addc(b, '\\') == -1)
				return -1;
			if (buf_addc(b, '&') == -1)
				return -1;
			break;
		case '\n': case '\r': case '\t':
			if (buf_addc(b, ' ') == -1)
				return -1;
			break;
		default:
			if (buf_addc(b, (char)c) == -1)
				return -1;
			break;
		}
		i++;
	}
	return 0;
}

/*
 * A link destination: bytes that would end it or that are not plain
 * ASCII are percent-encoded.
 */
static int
md_url(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= 0x20 || c >= 0x7f || strchr("()<>\\\"`", c) != NULL) {
			if (buf_addf(b, "%%%02X", c) == -1)
				return -1;
		} else if (buf_addc(b, (char)c) == -1)
			return -1;
	}
	return 0;
}

static int
esc(struct buf *b, const char *s, int flags)
{
	return render_md_escape(b, s, strlen(s), flags);
}

/* Append the abstract, cut at RENDER_ABSTRACT_MAX characters with "...". */
static int
abstract(struct buf *b, const char *s)
{
	size_t i, chars = 0, n = strlen(s);
	int rc;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 &&
		    chars++ == RENDER_ABSTRACT_MAX)
			break;
	if (i == n)
		return esc(b, s, RENDER_MD_BLOCK);
	while (i > 0 && s[i - 1] == ' ')
		i--;
	rc = render_md_escape(b, s, i, RENDER_MD_BLOCK);
	return rc == -1 ? -1 : buf_adds(b, "...");
}

/* One line of the paper's facts: "**Name**: value  " (two spaces: a break). */
static int
fact(struct buf *b, const char *name, const char *value, int escape)
{
	if (value == NULL)
		return 0;
	if (buf_addf(b, "**%s**: ", name) == -1)
		return -1;
	if ((escape ? esc(b, value, 0) : buf_adds(b, value)) == -1)
		return -1;
	return buf_adds(b, "  \n");
}

static int
paper(struct buf *b, size_t num, const struct paper *p)
{
	char day[16], score[64];
	size_t i;

	if (buf_addf(b, "### %zu. ", num) == -1)
		return -1;
	if (p->link_abs != NULL) {
		if (buf_addc(b, '[') == -1 ||
		    esc(b, p->title ? p->title : "(no title)", 0) == -1 ||
		    buf_adds(b, "](") == -1 || md_url(b, p->link_abs) == -1 ||
		    buf_addc(b, ')') == -1)
			return -1;
	} else if (esc(b, p->title ? p->title : "(no title)", 0) == -1)
		return -1;
	if (buf_adds(b, "\n\n") == -1)
		return -1;
	if (p->authors.n > 0) {
		if (buf_adds(b, "**Authors**: ") == -1)
			return -1;
		for (i = 0; i < p->authors.n; i++)
			if ((i > 0 && buf_adds(b, ", ") == -1) ||
			    esc(b, p->authors.v[i], 0) == -1)
				return -1;
		if (buf_adds(b, "  \n") == -1)
			return -1;
	}
	if (fact(b, "Category", p->primary_category, 1) == -1)
		return -1;
	if (p->published != NULL) {
		if (render_day(p->published, day, sizeof(day)) == 0) {
			if (fact(b, "Published", day, 0) == -1)
				return -1;
		} else if (fact(b, "Published", p->published, 1) == -1)
			return -1;
	}
	if (p->has_score) {
		render_score(p->score, score, sizeof(score));
		if (fact(b, "Score", score, 0) == -1)
			return -1;
	}
	if (fact(b, "Type", p->announce_type, 1) == -1 ||
	    fact(b, "ArXiv ID", p->arxiv_id, 1) == -1)
		return -1;
	if (buf_addc(b, '\n') == -1)
		return -1;
	if (p->abstract != NULL) {
		if (buf_adds(b, "#### Abstract\n") == -1 ||
		    abstract(b, p->abstract) == -1 ||
		    buf_adds(b, "\n\n") == -1)
			return -1;
	}
	if (p->summary.text != NULL) {
		/* The bot's label for a model's summary; an honest one for
		 * the offline extractive summary, which no AI wrote. */
		if (buf_adds(b, render_summary_markdown(p) ? "<details>\n<summary>"
		    "<strong>\xf0\x9f\xa4\x96 AI Summary (by " : "<details>\n"
		    "<summary><strong>\xf0\x9f\x93\x9d Summary (") == -1 ||
		    render_html_escape(b, p->summary.model) == -1 ||
		    buf_adds(b, ")</strong> - Click to expand</summary>\n\n") ==
		    -1)
			return -1;
		if (render_summary_markdown(p)) {
			if (render_cmark_markdown(b, p->summary.text,
			    strlen(p->summary.text), NULL, 0) == -1)
				return -1;
			while (b->len > 0 && b->data[b->len - 1] == '\n')
				b->data[--b->len] = '\0';
		} else if (esc(b, p->summary.text, RENDER_MD_BLOCK) == -1)
			return -1;
		if (buf_adds(b, "\n\n</details>\n\n") == -1)
			return -1;
	}
	return buf_adds(b, "---\n\n");
}

/* "- LLM, RL, Inference" with each term escaped. */
static int
term_list(struct buf *b, const char **v, size_t n)
{
	size_t i;

	if (buf_adds(b, "- ") == -1)
		return -1;
	for (i = 0; i < n; i++)
		if ((i > 0 && buf_adds(b, ", ") == -1) || esc(b, v[i], 0) == -1)
			return -1;
	return buf_addc(b, '\n');
}

/* The papers, or the paragraph that says there are none. */
static int
papers(struct buf *b, const struct render_doc *d)
{
	size_t i, shown = render_doc_shown(d);

	if (shown == 0)
		return buf_adds(b, d->npapers == 0 ? RENDER_NONE "\n\n" :
		    "No papers listed.\n\n");
	for (i = 0; i < shown; i++)
		if (paper(b, i + 1, &d->papers[i]) == -1)
			return -1;
	return 0;
}

/* "a, b, c" escaped, or "none". */
static int
comma_list(struct buf *b, const char **v, size_t n)
{
	size_t i;

	if (n == 0)
		return buf_adds(b, "none");
	for (i = 0; i < n; i++)
		if ((i > 0 && buf_adds(b, ", ") == -1) || esc(b, v[i], 0) == -1)
			return -1;
	return 0;
}

static int
write_doc(struct buf *b, const struct render_doc *d)
{
	const char **cats = NULL;
	struct buf title = {0};
	char when[64];
	size_t i, ncats, shown = render_doc_shown(d);
	int config, rc = -1;

	render_when(d->now, when, sizeof(when));
	if (render_doc_categories(d, &cats, &ncats) == -1)
		return -1;
	if (render_doc_title(d, &title) == -1 || buf_adds(b, "# ") == -1 ||
	    esc(b, buf_str(&title), 0) == -1 ||
	    buf_adds(b, "\n\nRelevant papers from arXiv, selected and ranked "
	    "by the configured criteria.\n\n") == -1)
		goto out;
	if (buf_adds(b, "## \xf0\x9f\x93\x8a Statistics\n\n") == -1 ||
	    buf_addf(b, "- **Last Updated**: %s\n", when) == -1 ||
	    buf_addf(b, "- **Total Papers Found**: %zu\n", d->npapers) == -1 ||
	    (shown < d->npapers &&
	    buf_addf(b, "- **Papers Shown**: %zu\n", shown) == -1) ||
	    buf_adds(b, "- **Categories Monitored**: ") == -1)
		goto out;
	for (i = 0; i < ncats; i++)
		if ((i > 0 && buf_adds(b, ", ") == -1) ||
		    esc(b, cats[i], 0) == -1)
			goto out;
	if (ncats == 0 && buf_adds(b, "none") == -1)
		goto out;
	if (buf_adds(b, "\n\n## \xf0\x9f\x93\x9a Recent Papers\n\n") == -1)
		goto out;
	if (papers(b, d) == -1)
		goto out;
	config = d->nkeywords > 0 || d->nexclude > 0;
	if (config) {
		if (buf_adds(b, "## \xf0\x9f\x94\xa7 Configuration\n\n") == -1)
			goto out;
		if (d->nkeywords > 0 &&
		    (buf_adds(b, "This digest looks for papers containing the "
		    "following keywords:\n") == -1 ||
		    term_list(b, d->keywords, d->nkeywords) == -1 ||
		    buf_addc(b, '\n') == -1))
			goto out;
		if (d->nexclude > 0 &&
		    (buf_adds(b, "Papers containing any of these are left "
		    "out:\n") == -1 ||
		    term_list(b, d->exclude, d->nexclude) == -1 ||
		    buf_addc(b, '\n') == -1))
			goto out;
	}
	/* A rule before the footer, unless a paper's rule just ended. */
	if ((config || shown == 0) && buf_adds(b, "---\n") == -1)
		goto out;
	if (buf_adds(b, "*Generated by arxivpipe. Thank you to arXiv for "
	    "use of its open access interoperability.*\n") == -1)
		goto out;
	rc = 0;
out:
	buf_free(&title);
	free(cats);
	return rc;
}

/* The first "xy" in s (n bytes), or NULL. */
static const char *
find2(const char *s, size_t n, char x, char y)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (s[i] == x && s[i + 1] == y)
			return s + i;
	return NULL;
}

/* The value of placeholder name (n bytes) into b; 1 if unknown. */
static int
placeholder(struct buf *b, const struct render_doc *d, const char *name,
    size_t n)
{
	const char **cats = NULL;
	char when[64];
	size_t ncats;
	int rc;

#define IS(s) (n == sizeof(s) - 1 && memcmp(name, s, n) == 0)
	if (IS("PAPERS_SECTION")) {
		if (papers(b, d) == -1)
			return -1;
		/* The last paper's rule ends the section. */
		while (b->len > 0 && b->data[b->len - 1] == '\n')
			b->data[--b->len] = '\0';
		return 0;
	}
	if (IS("LAST_UPDATED")) {
		render_when(d->now, when, sizeof(when));
		return buf_adds(b, when);
	}
	if (IS("PAPER_COUNT"))
		return buf_addf(b, "%zu", d->npapers);
	if (IS("KEYWORDS"))
		return comma_list(b, d->keywords, d->nkeywords);
	if (IS("CATEGORIES")) {
		if (render_doc_categories(d, &cats, &ncats) == -1)
			return -1;
		rc = comma_list(b, cats, ncats);
		free(cats);
		return rc;
	}
#undef IS
	return 1;
}

int
render_md_template(struct buf *b, const struct render_doc *d,
    const char *t, size_t n, char *err, size_t errlen)
{
	const char *end, *close;
	size_t i = 0;
	int rc;

	while (i < n) {
		end = find2(t + i, n - i, '{', '{');
		if (end == NULL) {
			if (buf_add(b, t + i, n - i) == -1)
				goto nomem;
			break;
		}
		if (buf_add(b, t + i, (size_t)(end - (t + i))) == -1)
			goto nomem;
		i = (size_t)(end - t);
		close = find2(t + i + 2, n - i - 2, '}', '}');
		if (close == NULL || (rc = placeholder(b, d, t + i + 2,
		    (size_t)(close - (t + i + 2)))) == 1) {
			/* Not ours: as written. */
			if (buf_add(b, "{{", 2) == -1)
				goto nomem;
			i += 2;
			continue;
		}
		if (rc == -1)
			goto nomem;
		i = (size_t)(close - t) + 2;
	}
	return 0;
nomem:
	errmsg_set(err, errlen, "out of memory");
	return -1;
}

int
render_md_write(struct buf *b, const struct render_doc *d, char *err,
    size_t errlen)
{
	if (d->tmpl != NULL)
		return render_md_template(b, d, d->tmpl, d->tmpl_len, err,
		    errlen);
	if (write_doc(b, d) == -1) {
		errmsg_set(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}
