/*
 * The text of an arXiv HTML paper (arxiv.org/html/ID, made by LaTeXML):
 * title and sections, with math kept as its TeX annotation and figures,
 * tables' captions, navigation, footnotes and the bibliography dropped.
 * arxiv-parse writes it as a "fulltext" record; arxiv-summarize calls it
 * directly on a page it fetched.
 *
 * Ownership: fulltext_parse() returns a new struct the caller releases
 * with fulltext_free(); its strings belong to it.  fulltext_to_json()
 * returns a new json-c reference.
 */
#ifndef FULLTEXT_H
#define FULLTEXT_H

#include <stddef.h>

struct json_object;

/*
 * What a page may hold: past FULLTEXT_MAX_ATTRS attributes on a tag the
 * page is refused; past FULLTEXT_MAX_DEPTH open elements libxml2 stops,
 * and the text up to there is kept with cut set.
 */
#define FULLTEXT_MAX_ATTRS	256
#define FULLTEXT_MAX_DEPTH	512

struct fulltext_section {
	char	*heading;	/* "3.1 Design", "Abstract"; NULL for text
				   before the first heading */
	char	*text;		/* paragraphs joined by a blank line */
};

struct fulltext {
	char			*id;		/* 2501.11120, or NULL */
	int			 version;	/* 0: unknown */
	char			*title;
	struct fulltext_section	*sections;
	size_t			 nsections;
	size_t			 nrepaired;	/* bad UTF-8 bytes replaced */
	int			 cut;		/* nested past the limit */
};

/*
 * Extract the paper from an HTML document of len bytes.  url (may be
 * NULL) is where it came from, used for the id when the page does not
 * say.  NULL with err when it is not a LaTeXML page.  Nothing is fetched.
 */
struct fulltext *fulltext_parse(const char *doc, size_t len, const char *url,
	    char *err, size_t errlen);
void	fulltext_free(struct fulltext *);

/*
 * {"kind":"fulltext","id","arxiv_id","title","sections":[{"heading",
 * "text"}]} as a new reference.
 */
struct json_object *fulltext_to_json(const struct fulltext *);

#endif
