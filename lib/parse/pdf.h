/*
 * The text of a paper's PDF, through poppler's C API (libpoppler-glib),
 * as a struct fulltext (fulltext.h) so arxiv-parse writes it as the
 * same "fulltext" record as an HTML page, with "format": "pdf".
 *
 * A PDF has no markup for its structure, so sections are found from the
 * text: a line on its own that is a numbered heading ("3 Method",
 * "4.2 Results") or one of the words papers head their parts with
 * (Abstract, Introduction, Conclusion, References, Acknowledgements,
 * Appendix).  Lines inside a paragraph are joined, hyphens at line ends
 * kept; the text is valid UTF-8.  This is the only module that includes
 * poppler (and glib).
 *
 * Ownership: pdf_fulltext() returns a new struct fulltext the caller
 * releases with fulltext_free().
 */
#ifndef PDF_H
#define PDF_H

#include <stddef.h>

struct fulltext;

/* 1 if the len bytes at data start like a PDF ("%PDF-"). */
int	pdf_sniff(const char *data, size_t len);

/*
 * The full text of the PDF of len bytes; url (may be NULL) gives the id
 * and version (".../pdf/2501.11120v1").  NULL with err when poppler
 * cannot open it or it has no text (a scan).
 */
struct fulltext *pdf_fulltext(const char *data, size_t len, const char *url,
	    char *err, size_t errlen);

#endif
