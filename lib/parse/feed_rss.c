/*
 * RSS 2.0 (rss.arxiv.org, since 2024) and the legacy RSS 1.0/RDF feeds
 * (export.arxiv.org/rss, before 2024).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed_impl.h"
#include "text.h"

static void
rss_start(struct feed *f, const char *name, const char *ns,
    const struct xml_attr *attrs, size_t nattrs)
{
	(void)attrs;
	(void)nattrs;
	if (!f->in_item && feed_is(name, ns, "item", ""))
		feed_item_begin(f);
	else if (f->depth == 2 && feed_is(name, ns, "channel", ""))
		f->in_channel = 1;
}

/* Fields of an RSS 2.0 item, in the "" (core), arxiv and dc namespaces. */
static void
rss_item_field(struct feed *f, const char *name, const char *ns, char *text)
{
	struct paper *p = &f->p;

	if (ns[0] == '\0') {
		if (NAME_IS(name, "title"))
			feed_set(f, &p->title, text);
		else if (NAME_IS(name, "description"))
			feed_description(f, text);
		else if (NAME_IS(name, "guid") || NAME_IS(name, "link"))
			feed_id(f, text);
		else if (NAME_IS(name, "category"))
			feed_category(f, text, strlen(text));
		else if (NAME_IS(name, "pubDate"))
			feed_date(f, &p->published, text);
	} else if (strcmp(ns, NS_ARXIV) == 0) {
		if (NAME_IS(name, "announce_type"))
			feed_announce(f, text, strlen(text));
		else if (strcasecmp(name, "DOI") == 0)
			feed_set(f, &p->doi, text);
		else if (NAME_IS(name, "journal_reference") ||
		    NAME_IS(name, "journal_ref"))
			feed_set(f, &p->journal_ref, text);
		else if (NAME_IS(name, "comment"))
			feed_set(f, &p->comment, text);
	} else if (strcmp(ns, NS_DC) == 0) {
		if (NAME_IS(name, "creator"))
			feed_authors(f, text_collapse(text));
		else if (NAME_IS(name, "rights"))
			feed_set(f, &p->license, text);
	}
}

static void
rss_end(struct feed *f, const char *name, const char *ns, char *text)
{
	if (f->in_item) {
		if (f->depth == f->item_depth)
			feed_item_end(f);
		else if (f->depth == f->item_depth + 1)
			rss_item_field(f, name, ns, text);
		return;
	}
	if (!f->in_channel || f->depth != 3 || ns[0] != '\0')
		return;
	if (NAME_IS(name, "title"))
		feed_set(f, &f->feed_name, text);
	else if (NAME_IS(name, "pubDate"))
		feed_date(f, &f->feed_date, text);
}

const struct feed_ops feed_rss_ops = { rss_start, rss_end };

static void
rss1_start(struct feed *f, const char *name, const char *ns,
    const struct xml_attr *attrs, size_t nattrs)
{
	char *about;

	if (!f->in_item && feed_is(name, ns, "item", NS_RSS1)) {
		feed_item_begin(f);
		if ((about = feed_attr(f, attrs, nattrs, "about")) == NULL) {
			size_t i;

			/* rdf:about is namespaced; feed_attr wants none. */
			for (i = 0; i < nattrs; i++)
				if (strcmp(attrs[i].name, "about") == 0)
					about = feed_strndup(f,
					    attrs[i].value, attrs[i].len);
		}
		if (about)
			feed_id(f, about);
		free(about);
	} else if (f->depth == 2 && feed_is(name, ns, "channel", NS_RSS1))
		f->in_channel = 1;
	else if (f->depth == 2)
		f->in_channel = 0;
}

/*
 * An old feed's title ends with "(arXiv:1805.06430v2 [nucl-th] UPDATED)":
 * take the id, version, category and announcement out of it.  UPDATED in
 * a feed of another archive is a replaced cross-list.
 */
static void
rss1_title(struct feed *f, char *text)
{
	char *s, *b, *e, *end;
	const char *kind, *dot;
	size_t n;

	text_collapse(text);
	if ((s = strstr(text, " (arXiv:")) == NULL) {
		feed_set(f, &f->p.title, text);
		return;
	}
	*s = '\0';
	n = strlen(text);
	if (n > 0 && text[n - 1] == '.')
		text[n - 1] = '\0';
	feed_set(f, &f->p.title, text);
	s += 2;
	feed_id(f, s);
	end = s + strlen(s);
	if (end > s && end[-1] == ')')
		*--end = '\0';
	kind = "new";
	if ((b = strchr(s, '[')) != NULL && (e = strchr(b, ']')) != NULL) {
		feed_category(f, b + 1, (size_t)(e - b - 1));
		for (e++; isspace((unsigned char)*e); e++)
			;
		if (strcmp(e, "CROSS LISTED") == 0)
			kind = "cross";
		else if (strcmp(e, "UPDATED") == 0) {
			kind = "replace";
			/* The feed's archive is the first word of its title. */
			n = f->feed_name ? strcspn(f->feed_name, " .") : 0;
			dot = b + 1 + strcspn(b + 1, ".]");
			if (n > 0 && ((size_t)(dot - b - 1) != n ||
			    strncmp(b + 1, f->feed_name, n) != 0))
				kind = "replace-cross";
		}
	}
	feed_announce(f, kind, strlen(kind));
}

/* dc:creator holds escaped HTML links, "(STAR Collaboration)" after. */
static void
rss1_creator(struct feed *f, const char *text)
{
	char *plain;

	if ((plain = feed_html_text(f, text)) == NULL)
		return;
	feed_authors(f, plain);
	free(plain);
}

static void
rss1_end(struct feed *f, const char *name, const char *ns, char *text)
{
	char *plain;

	if (f->in_item) {
		if (f->depth == f->item_depth) {
			feed_item_end(f);
			return;
		}
		if (f->depth != f->item_depth + 1)
			return;
		if (feed_is(name, ns, "title", NS_RSS1))
			rss1_title(f, text);
		else if (feed_is(name, ns, "link", NS_RSS1))
			feed_id(f, text);
		else if (feed_is(name, ns, "description", NS_RSS1)) {
			if ((plain = feed_html_text(f, text)) != NULL)
				feed_set(f, &f->p.abstract, plain);
			free(plain);
		} else if (feed_is(name, ns, "creator", NS_DC))
			rss1_creator(f, text);
		else if (feed_is(name, ns, "rights", NS_DC))
			feed_set(f, &f->p.license, text);
		else if (feed_is(name, ns, "date", NS_DC))
			feed_date(f, &f->p.published, text);
		return;
	}
	if (!f->in_channel || f->depth != 3)
		return;
	if (feed_is(name, ns, "title", NS_RSS1))
		feed_set(f, &f->feed_name, text);
	else if (feed_is(name, ns, "date", NS_DC))
		feed_date(f, &f->feed_date, text);
}

const struct feed_ops feed_rss1_ops = { rss1_start, rss1_end };
