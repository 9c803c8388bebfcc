#include <ctype.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <poppler.h>

#include "buf.h"
#include "errmsg.h"
#include "fulltext.h"
#include "pdf.h"
#include "record.h"
#include "text.h"

#define MAX_HEADING	80	/* bytes of a line taken as a heading */

/*
 * Where a PDF's URL names its paper: after "/pdf/" ({pdf_base}/ID vN, on
 * arXiv or a mirror), else the last path component.
 */
static const char *
url_id(const char *url)
{
	const char *p;

	if ((p = strstr(url, "/pdf/")) != NULL)
		return p + 5;
	return (p = strrchr(url, '/')) != NULL ? p + 1 : url;
}

int
pdf_sniff(const char *data, size_t len)
{
	return len >= 5 && memcmp(data, "%PDF-", 5) == 0;
}

/* 1 if s holds nothing but white space. */
static int
blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* 1 if line (n bytes) is one of the words that head a paper's parts. */
static int
named_heading(const char *line, size_t n)
{
	static const char *const words[] = {
		"abstract", "introduction", "conclusion", "conclusions",
		"references", "bibliography", "acknowledgements",
		"acknowledgments", "acknowledgement", "acknowledgment",
		"related work", "discussion", "appendix", NULL
	};
	size_t i, k;

	for (i = 0; words[i]; i++) {
		k = strlen(words[i]);
		if (n >= k && strncasecmp(line, words[i], k) == 0 &&
		    (n == k || (words[i][k - 1] == 'x' && line[k] == ' ')))
			return 1;
	}
	return 0;
}

/*
 * 1 if line (n bytes, trimmed) is a heading: a named one, possibly
 * numbered ("1 Introduction", "5. Conclusion"), or a number of at most
 * three levels then a capitalised title without a final full stop.
 */
static int
heading(const char *line, size_t n)
{
	size_t i = 0, levels = 0;

	if (n == 0 || n > MAX_HEADING)
		return 0;
	if (named_heading(line, n))
		return 1;
	if (!isdigit((unsigned char)line[0]))
		return 0;
	while (i < n && isdigit((unsigned char)line[i])) {
		if (i > 1)
			return 0;	/* no 3-digit section numbers */
		while (i < n && isdigit((unsigned char)line[i]))
			i++;
		levels++;
		if (i < n && line[i] == '.')
			i++;
	}
	if (levels > 3 || i >= n || line[i] != ' ')
		return 0;
	while (i < n && line[i] == ' ')
		i++;
	if (i >= n || !isupper((unsigned char)line[i]))
		return 0;
	if (named_heading(line + i, n - i))
		return 1;
	return line[n - 1] != '.' && line[n - 1] != ',' && n - i >= 3 &&
	    strchr(line + i, '=') == NULL;
}

/* Append a section (heading may be NULL) with the text gathered so far. */
static int
add_section(struct fulltext *ft, char *heading_text, struct buf *text)
{
	struct fulltext_section *s;
	char *t;

	if (text->len == 0 && heading_text == NULL)
		return 0;
	if ((t = buf_take(text)) == NULL && (t = strdup("")) == NULL)
		return -1;
	text_collapse(t);
	if ((s = realloc(ft->sections, (ft->nsections + 1) *
	    sizeof(*s))) == NULL) {
		free(t);
		return -1;
	}
	ft->sections = s;
	s[ft->nsections].heading = heading_text;
	s[ft->nsections].text = t;
	ft->nsections++;
	return 0;
}

/* Split the document's text into sections at the heading lines. */
static int
sections(struct fulltext *ft, const char *all)
{
	struct buf text = {0};
	const char *p = all, *nl, *s, *e;
	char *h = NULL;

	while (*p) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		for (s = p; s < nl && isspace((unsigned char)*s); s++)
			;
		for (e = nl; e > s && isspace((unsigned char)e[-1]); e--)
			;
		if (heading(s, (size_t)(e - s))) {
			if (add_section(ft, h, &text) == -1)
				goto fail;
			if ((h = strndup(s, (size_t)(e - s))) == NULL)
				goto fail;
		} else if (e > s && (buf_add(&text, s, (size_t)(e - s)) == -1 ||
		    buf_addc(&text, ' ') == -1))
			goto fail;
		p = *nl ? nl + 1 : nl;
	}
	if (add_section(ft, h, &text) == -1) {
		h = NULL;
		goto fail;
	}
	return 0;
fail:
	free(h);
	buf_free(&text);
	return -1;
}

/*
 * poppler is loaded when the first PDF comes, not when the program
 * starts: linked, its 40-odd libraries (glib, cairo, the C++ runtime)
 * cost every run of arxiv-parse about 4 ms before the first byte, and
 * most runs read no PDF.  The prototypes still come from <poppler.h>.
 */
static struct {
	int		 tried;
	void		*lib;
	GBytes		*(*bytes_new)(gconstpointer, gsize);
	void		 (*bytes_unref)(GBytes *);
	PopplerDocument	*(*doc_new)(GBytes *, const char *, GError **);
	int		 (*n_pages)(PopplerDocument *);
	PopplerPage	*(*get_page)(PopplerDocument *, int);
	char		*(*page_text)(PopplerPage *);
	gchar		*(*get_title)(PopplerDocument *);
	void		 (*object_unref)(gpointer);
	void		 (*gfree)(gpointer);
	void		 (*error_free)(GError *);
} pp;

/* The symbol name of lib into *fn (a function pointer); -1 if absent. */
static int
sym(void *fn, const char *name)
{
	void *p = dlsym(pp.lib, name);

	/* ISO C has no cast from void * to a function pointer: copy it. */
	memcpy(fn, &p, sizeof(p));
	return p ? 0 : -1;
}

/* Load poppler once; -1 with err if it cannot be. */
static int
load_poppler(char *err, size_t errlen)
{
	static const char *const names[] = {
		"libpoppler-glib.so.8", "libpoppler-glib.so"
	};
	size_t i;

	if (!pp.tried) {
		pp.tried = 1;
		for (i = 0; pp.lib == NULL && i < 2; i++)
			pp.lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
		if (pp.lib != NULL &&
		    (sym(&pp.bytes_new, "g_bytes_new") == -1 ||
		    sym(&pp.bytes_unref, "g_bytes_unref") == -1 ||
		    sym(&pp.doc_new, "poppler_document_new_from_bytes") == -1 ||
		    sym(&pp.n_pages, "poppler_document_get_n_pages") == -1 ||
		    sym(&pp.get_page, "poppler_document_get_page") == -1 ||
		    sym(&pp.page_text, "poppler_page_get_text") == -1 ||
		    sym(&pp.get_title, "poppler_document_get_title") == -1 ||
		    sym(&pp.object_unref, "g_object_unref") == -1 ||
		    sym(&pp.gfree, "g_free") == -1 ||
		    sym(&pp.error_free, "g_error_free") == -1)) {
			dlclose(pp.lib);
			pp.lib = NULL;
		}
	}
	if (pp.lib == NULL) {
		errmsg_set(err, errlen, "cannot read PDFs: libpoppler-glib "
		    "cannot be loaded");
		return -1;
	}
	return 0;
}

/* Every page's text, pages separated by a newline; NULL if none. */
static char *
document_text(PopplerDocument *doc)
{
	struct buf all = {0};
	PopplerPage *page;
	char *t;
	int i, n = pp.n_pages(doc);

	for (i = 0; i < n; i++) {
		if ((page = pp.get_page(doc, i)) == NULL)
			continue;
		t = pp.page_text(page);
		pp.object_unref(page);
		if (t == NULL)
			continue;
		if (buf_adds(&all, t) == -1 || buf_addc(&all, '\n') == -1) {
			pp.gfree(t);
			buf_free(&all);
			return NULL;
		}
		pp.gfree(t);
	}
	return buf_take(&all);
}

struct fulltext *
pdf_fulltext(const char *data, size_t len, const char *url, char *err,
    size_t errlen)
{
	PopplerDocument *doc;
	struct fulltext *ft = NULL;
	GError *gerr = NULL;
	GBytes *bytes;
	char *all = NULL, *fixed = NULL, *title;
	size_t nbad;

	if (load_poppler(err, errlen) == -1)
		return NULL;
	bytes = pp.bytes_new(data, len);
	doc = pp.doc_new(bytes, NULL, &gerr);
	pp.bytes_unref(bytes);
	if (doc == NULL) {
		errmsg_set(err, errlen, "not a PDF poppler can read: %s",
		    gerr && gerr->message ? gerr->message : "unknown error");
		if (gerr)
			pp.error_free(gerr);
		return NULL;
	}
	if ((all = document_text(doc)) == NULL || blank(all)) {
		errmsg_set(err, errlen, "the PDF has no text");
		goto out;
	}
	if ((fixed = text_utf8_repair(all, strlen(all), &nbad)) == NULL ||
	    (ft = calloc(1, sizeof(*ft))) == NULL)
		goto nomem;
	ft->nrepaired = nbad;
	if (url && arxiv_id_split(url_id(url), &ft->id, &ft->version) == -1)
		ft->id = NULL;
	if ((title = pp.get_title(doc)) != NULL) {
		if (*title && (ft->title = text_utf8_repair(title,
		    strlen(title), &nbad)) != NULL)
			text_collapse(ft->title);
		pp.gfree(title);
	}
	if (sections(ft, fixed) == -1)
		goto nomem;
	goto out;
nomem:
	fulltext_free(ft);
	ft = NULL;
	errmsg_set(err, errlen, "out of memory");
out:
	free(all);
	free(fixed);
	pp.object_unref(doc);
	return ft;
}
