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
	size_t			 nrepaired;	/* bad bytes replaced */
	char			*encoding;	/* what the page was read in
						   (iconv's name), or NULL:
						   UTF-8 */
	int			 cut;		/* nested past the limit */
};

/*
 * Extract the paper from an HTML document of len bytes.  url (may be
 * NULL) is where it came from, used for the id when the page does not
 * say.  charset is the one its response's Content-Type names, or NULL.
 * A page that is valid UTF-8 is read as UTF-8, whatever it declares (a
 * label saying otherwise is a mislabel; arxiv-fetch sends any such body
 * as a string); any other page in the encoding htmlenc_detect() finds
 * (a byte-order mark, charset, the page's <meta>, else UTF-8), converted
 * to UTF-8 before it is parsed.  Bytes that are not valid in it are
 * replaced with U+FFFD and counted in nrepaired.  NULL with err when it
 * is not a LaTeXML page, or its encoding is unknown ("unsupported
 * encoding: x-foo").  Nothing is fetched.
 */
struct fulltext *fulltext_parse(const char *doc, size_t len, const char *url,
	    const char *charset, char *err, size_t errlen);
void	fulltext_free(struct fulltext *);

/*
 * {"kind":"fulltext","id","arxiv_id","title","sections":[{"heading",
 * "text"}]} as a new reference.
 */
struct json_object *fulltext_to_json(const struct fulltext *);

#endif
