/*
 * Atom: the rss.arxiv.org/atom feeds and the API's responses
 * (export.arxiv.org/api/query), in both the classic and the 2026 layout.
 * The two share entries; the feed's own elements (its id under /api/,
 * OpenSearch counts, an "arXiv Query" title) tell an API response.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed_impl.h"
#include "text.h"

/* Decided when the first entry starts: everything the feed says is known. */
static const char *
atom_label(struct feed *f)
{
	if (f->forced == FEED_ATOM)
		return "atom";
	if (f->forced == FEED_API || f->api ||
	    (f->feed_id && strstr(f->feed_id, "/api/")) ||
	    (f->feed_name && strncasecmp(f->feed_name, "arXiv Query", 11) == 0))
		return "api";
	return "atom";
}

static void
atom_link(struct feed *f, const struct xml_attr *attrs, size_t nattrs)
{
	char *title, *type, *href;

	if ((href = feed_attr(f, attrs, nattrs, "href")) == NULL)
		return;
	title = feed_attr(f, attrs, nattrs, "title");
	type = feed_attr(f, attrs, nattrs, "type");
	if ((title && strcmp(title, "pdf") == 0) ||
	    (type && strcmp(type, "application/pdf") == 0))
		feed_set(f, &f->p.link_pdf, href);
	else if (f->p.id == NULL)
		feed_id(f, href);
	free(title);
	free(type);
	free(href);
}

static void
atom_start(struct feed *f, const char *name, const char *ns,
    const struct xml_attr *attrs, size_t nattrs)
{
	char *term;

	if (strcmp(ns, NS_OPENSEARCH) == 0) {
		f->api = 1;
		return;
	}
	if (!f->in_item) {
		if (f->depth == 2 && NAME_IS(name, "entry") &&
		    strcmp(ns, NS_ATOM) == 0) {
			f->format = atom_label(f);
			feed_item_begin(f);
		}
		return;
	}
	if (strcmp(ns, NS_ATOM) == 0) {
		if (NAME_IS(name, "author"))
			f->in_author = 1;
		else if (NAME_IS(name, "link"))
			atom_link(f, attrs, nattrs);
		else if (NAME_IS(name, "category") &&
		    (term = feed_attr(f, attrs, nattrs, "term")) != NULL) {
			feed_category(f, term, strlen(term));
			free(term);
		}
	} else if (strcmp(ns, NS_ARXIV) == 0 &&
	    NAME_IS(name, "primary_category") &&
	    (term = feed_attr(f, attrs, nattrs, "term")) != NULL) {
		feed_set(f, &f->p.primary_category, term);
		free(term);
	}
}

static void
atom_entry_field(struct feed *f, const char *name, const char *ns, char *text)
{
	struct paper *p = &f->p;

	if (strcmp(ns, NS_ATOM) == 0) {
		if (NAME_IS(name, "id")) {
			if (strstr(text, "/api/errors") != NULL)
				f->error_entry = 1;
			else
				feed_id(f, text);
		} else if (NAME_IS(name, "title"))
			feed_set(f, &p->title, text);
		else if (NAME_IS(name, "summary")) {
			text_collapse(text);
			if (strncmp(text, "arXiv:", 6) == 0)
				feed_description(f, text);
			else
				feed_set(f, &p->abstract, text);
		} else if (NAME_IS(name, "published"))
			feed_date(f, &p->published, text);
		else if (NAME_IS(name, "updated"))
			feed_date(f, &p->updated, text);
		else if (NAME_IS(name, "rights"))
			feed_set(f, &p->license, text);
	} else if (strcmp(ns, NS_ARXIV) == 0) {
		if (NAME_IS(name, "comment"))
			feed_set(f, &p->comment, text);
		else if (NAME_IS(name, "journal_ref") ||
		    NAME_IS(name, "journal_reference"))
			feed_set(f, &p->journal_ref, text);
		else if (strcasecmp(name, "doi") == 0)
			feed_set(f, &p->doi, text);
		else if (NAME_IS(name, "announce_type"))
			feed_announce(f, text, strlen(text));
	} else if (strcmp(ns, NS_DC) == 0) {
		if (NAME_IS(name, "creator"))
			feed_authors(f, text_collapse(text));
		else if (NAME_IS(name, "rights"))
			feed_set(f, &p->license, text);
	}
}

static void
atom_end(struct feed *f, const char *name, const char *ns, char *text)
{
	if (!f->in_item) {
		if (f->depth == 2 && strcmp(ns, NS_ATOM) == 0) {
			if (NAME_IS(name, "title"))
				feed_set(f, &f->feed_name, text);
			else if (NAME_IS(name, "id"))
				feed_set(f, &f->feed_id, text);
		}
		return;
	}
	if (f->depth == f->item_depth) {
		if (f->error_entry) {
			/* The API says what went wrong in the summary. */
			feed_problem(f, f->item_line, 1, "arXiv API error: %s",
			    f->p.abstract ? f->p.abstract :
			    f->p.title ? f->p.title : "unknown");
			feed_item_drop(f);
		} else
			feed_item_end(f);
		return;
	}
	if (f->in_author) {
		if (NAME_IS(name, "author") && strcmp(ns, NS_ATOM) == 0)
			f->in_author = 0;
		else if (NAME_IS(name, "name") && strcmp(ns, NS_ATOM) == 0)
			feed_author(f, text, strlen(text));
		else if (NAME_IS(name, "affiliation") &&
		    strcmp(ns, NS_ARXIV) == 0)
			feed_affiliation(f, text);
		return;
	}
	if (f->depth == f->item_depth + 1)
		atom_entry_field(f, name, ns, text);
}

const struct feed_ops feed_atom_ops = { atom_start, atom_end };
