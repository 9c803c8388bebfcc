#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "errmsg.h"
#include "record.h"
#include "render.h"
#include "render_cmark.h"
#include "render_html.h"

/* The filter box: hide the papers that lack a word typed. */
const char render_html_script[] =
	"(function(){var f=document.getElementById(\"filter\"),"
	"n=document.getElementById(\"nomatch\"),"
	"a=document.querySelectorAll(\"article.paper\");if(!f)return;"
	"f.parentNode.parentNode.hidden=false;"
	"f.addEventListener(\"input\",function(){"
	"var w=f.value.toLowerCase().split(/\\s+/).filter(Boolean),k=0,i,j,t,m;"
	"for(i=0;i<a.length;i++){t=a[i].textContent.toLowerCase();m=true;"
	"for(j=0;j<w.length;j++)if(t.indexOf(w[j])<0)m=false;"
	"a[i].hidden=!m;if(m)k++}n.hidden=k>0;});})();";

/* sha256 of render_html_script, base64 (tests/scripts/render-html.sh). */
#define SCRIPT_HASH "sha256-2vYtEYP1qYl418fCMlSATUD6nLoXhr0PtwtNjc3FfDg="

static const char style[] =
	"body{max-width:52em;margin:0 auto;padding:0 1em 2em;"
	"font-family:system-ui,sans-serif;line-height:1.5;color:#222;"
	"overflow-wrap:break-word}\n"
	"h1{font-size:1.6em}h2{font-size:1.2em;margin:0 0 .5em}\n"
	"h4{margin:.8em 0 .2em}\n"
	"a{color:#1a4f8b}\n"
	"article{border-top:1px solid #ddd;padding:1em 0}\n"
	"details{background:#f6f8fa;padding:.5em 1em;border-radius:4px}\n"
	"summary{cursor:pointer}\n"
	"code,pre{background:#f6f8fa}pre{overflow-x:auto;padding:.5em}\n"
	".summary{overflow-x:auto}\n"
	"table{border-collapse:collapse}\n"
	"td,th{border:1px solid #ddd;padding:.2em .5em}\n"
	"input{font:inherit;width:100%;max-width:30em;padding:.3em}\n";

static int
h(struct buf *b, const char *s)
{
	return render_html_escape(b, s);
}

/* "<strong>Name</strong>: value<br>\n", value escaped; nothing if NULL. */
static int
fact(struct buf *b, const char *name, const char *value, int *first)
{
	if (value == NULL)
		return 0;
	if (!*first && buf_adds(b, "<br>\n") == -1)
		return -1;
	*first = 0;
	return buf_addf(b, "<strong>%s</strong>: ", name) == -1 ||
	    h(b, value) == -1 ? -1 : 0;
}

/* The abstract, whole or cut at RENDER_ABSTRACT_MAX characters. */
static int
abstract(struct buf *b, const char *s, int cut)
{
	size_t i, chars = 0, n = strlen(s);
	struct buf t = {0};
	int rc;

	for (i = 0; cut && i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 &&
		    chars++ == RENDER_ABSTRACT_MAX)
			break;
	if (!cut || i == n)
		return h(b, s);
	while (i > 0 && s[i - 1] == ' ')
		i--;
	rc = buf_add(&t, s, i) == -1 || h(b, buf_str(&t)) == -1 ||
	    buf_adds(b, "...") == -1 ? -1 : 0;
	buf_free(&t);
	return rc;
}

int
render_html_paper(struct buf *b, const struct paper *p, int flags,
    char *err, size_t errlen)
{
	char day[16], score[64];
	size_t i;
	int first = 1;

	if (buf_adds(b, "<p>") == -1)
		goto nomem;
	if (p->authors.n > 0) {
		if (buf_adds(b, "<strong>Authors</strong>: ") == -1)
			goto nomem;
		for (i = 0; i < p->authors.n; i++)
			if ((i > 0 && buf_adds(b, ", ") == -1) ||
			    h(b, p->authors.v[i]) == -1)
				goto nomem;
		first = 0;
	}
	if (fact(b, "Category", p->primary_category, &first) == -1)
		goto nomem;
	if (p->published != NULL && fact(b, "Published",
	    render_day(p->published, day, sizeof(day)) == 0 ? day :
	    p->published, &first) == -1)
		goto nomem;
	if (p->has_score) {
		render_score(p->score, score, sizeof(score));
		if (fact(b, "Score", score, &first) == -1)
			goto nomem;
	}
	if (fact(b, "Type", p->announce_type, &first) == -1 ||
	    fact(b, "ArXiv ID", p->arxiv_id, &first) == -1 ||
	    buf_adds(b, "</p>\n") == -1)
		goto nomem;
	if (p->abstract != NULL &&
	    (buf_adds(b, "<h4>Abstract</h4>\n<p>") == -1 ||
	    abstract(b, p->abstract, flags & RENDER_HTML_SHORT) == -1 ||
	    buf_adds(b, "</p>\n") == -1))
		goto nomem;
	if (p->summary.text == NULL)
		return 0;
	if (buf_adds(b, flags & RENDER_HTML_DETAILS ?
	    "<details>\n<summary><strong>" : "<h4>") == -1 ||
	    buf_adds(b, render_summary_markdown(p) ? "\xf0\x9f\xa4\x96 AI Summary (by " :
	    "\xf0\x9f\x93\x9d Summary (") == -1 ||
	    h(b, p->summary.model) == -1 ||
	    buf_adds(b, flags & RENDER_HTML_DETAILS ?
	    ")</strong></summary>\n" : ")</h4>\n") == -1 ||
	    buf_adds(b, "<div class=\"summary\">\n") == -1)
		goto nomem;
	if (render_summary_markdown(p)) {
		if (render_cmark_html(b, p->summary.text, strlen(p->summary.text), err,
		    errlen) == -1)
			return -1;
	} else if (buf_adds(b, "<p>") == -1 || h(b, p->summary.text) == -1 ||
	    buf_adds(b, "</p>\n") == -1)
		goto nomem;
	if (buf_adds(b, "</div>\n") == -1 ||
	    (flags & RENDER_HTML_DETAILS && buf_adds(b, "</details>\n") == -1))
		goto nomem;
	return 0;
nomem:
	errmsg_set(err, errlen, "out of memory");
	return -1;
}

static int
stats(struct buf *b, const struct render_doc *d)
{
	const char **cats = NULL;
	char when[64];
	size_t i, ncats, shown = render_doc_shown(d);
	int rc = -1;

	render_when(d->now, when, sizeof(when));
	if (render_doc_categories(d, &cats, &ncats) == -1)
		return -1;
	if (buf_adds(b, "<ul class=\"stats\">\n<li><strong>Last Updated"
	    "</strong>: ") == -1 || h(b, when) == -1 ||
	    buf_addf(b, "</li>\n<li><strong>Total Papers Found</strong>: "
	    "%zu</li>\n", d->npapers) == -1 ||
	    (shown < d->npapers && buf_addf(b, "<li><strong>Papers Shown"
	    "</strong>: %zu</li>\n", shown) == -1) ||
	    buf_adds(b, "<li><strong>Categories Monitored</strong>: ") == -1)
		goto out;
	for (i = 0; i < ncats; i++)
		if ((i > 0 && buf_adds(b, ", ") == -1) || h(b, cats[i]) == -1)
			goto out;
	if ((ncats == 0 && buf_adds(b, "none") == -1) ||
	    buf_adds(b, "</li>\n</ul>\n") == -1)
		goto out;
	rc = 0;
out:
	free(cats);
	return rc;
}

int
render_html_page(struct buf *b, const struct render_doc *d, int script,
    char *err, size_t errlen)
{
	const struct paper *p;
	const char *title = d->title ? d->title : RENDER_TITLE;
	size_t i, shown = render_doc_shown(d);

	if (buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n") == -1 ||
	    (script && buf_adds(b, "<meta http-equiv=\"Content-Security-"
	    "Policy\" content=\"default-src 'none'; style-src "
	    "'unsafe-inline'; script-src '" SCRIPT_HASH "'\">\n") == -1) ||
	    buf_adds(b, "<meta name=\"generator\" content=\"arxivpipe\">\n"
	    "<title>") == -1 || h(b, title) == -1 ||
	    buf_adds(b, "</title>\n<style>\n") == -1 ||
	    buf_adds(b, style) == -1 ||
	    buf_adds(b, "</style>\n</head>\n<body>\n<header>\n<h1>") == -1 ||
	    h(b, title) == -1 ||
	    buf_adds(b, "</h1>\n<p>Relevant papers from arXiv, selected and "
	    "ranked by the configured criteria.</p>\n") == -1 ||
	    stats(b, d) == -1)
		goto nomem;
	if (script && shown > 0 && buf_adds(b, "<p hidden><label>Filter: "
	    "<input id=\"filter\" type=\"search\" placeholder=\"words in "
	    "the title, authors, abstract or summary\" "
	    "autocomplete=\"off\"></label></p>\n") == -1)
		goto nomem;
	if (buf_adds(b, "</header>\n<main>\n") == -1)
		goto nomem;
	if (shown == 0 && buf_addf(b, "<p>%s</p>\n", d->npapers == 0 ?
	    RENDER_NONE : "No papers listed.") == -1)
		goto nomem;
	for (i = 0; i < shown; i++) {
		p = &d->papers[i];
		if (buf_adds(b, "<article class=\"paper\">\n<h2>") == -1 ||
		    buf_addf(b, "%zu. ", i + 1) == -1 ||
		    (p->link_abs && (buf_adds(b, "<a href=\"") == -1 ||
		    h(b, p->link_abs) == -1 || buf_adds(b, "\">") == -1)) ||
		    h(b, p->title ? p->title : "(no title)") == -1 ||
		    (p->link_abs && buf_adds(b, "</a>") == -1) ||
		    buf_adds(b, "</h2>\n") == -1)
			goto nomem;
		if (render_html_paper(b, p, RENDER_HTML_DETAILS, err,
		    errlen) == -1)
			return -1;
		if (buf_adds(b, "</article>\n") == -1)
			goto nomem;
	}
	if (script && shown > 0 && buf_adds(b, "<p id=\"nomatch\" hidden>"
	    "No paper has all the words typed.</p>\n") == -1)
		goto nomem;
	if (buf_adds(b, "</main>\n<footer>\n<p><em>Generated by arxivpipe. "
	    "Thank you to arXiv for use of its open access interoperability."
	    "</em></p>\n</footer>\n") == -1 ||
	    (script && shown > 0 && (buf_adds(b, "<script>") == -1 ||
	    buf_adds(b, render_html_script) == -1 ||
	    buf_adds(b, "</script>\n") == -1)) ||
	    buf_adds(b, "</body>\n</html>\n") == -1)
		goto nomem;
	return 0;
nomem:
	errmsg_set(err, errlen, "out of memory");
	return -1;
}

int
render_html_write(struct buf *b, const struct render_doc *d, char *err,
    size_t errlen)
{
	return render_html_page(b, d, 1, err, errlen);
}
