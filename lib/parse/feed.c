#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <json.h>

#include "date.h"
#include "errmsg.h"
#include "feed.h"
#include "feed_impl.h"
#include "ndjson.h"
#include "paperjson.h"
#include "record.h"
#include "text.h"
#include "xml.h"

int
feed_format_parse(const char *name, enum feed_format *fmt)
{
	static const struct {
		const char		*name;
		enum feed_format	 fmt;
	} names[] = {
		{ "rss", FEED_RSS }, { "rss1", FEED_RSS1 },
		{ "atom", FEED_ATOM }, { "api", FEED_API },
		{ "oai", FEED_OAI }, { "html", FEED_HTML },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i].name) == 0) {
			*fmt = names[i].fmt;
			return 0;
		}
	return -1;
}

/* Skip white space, a BOM, comments and processing instructions. */
static const char *
skip_prolog(const char *s, const char *end)
{
	const char *e;

	if (end - s >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	for (;;) {
		while (s < end && isspace((unsigned char)*s))
			s++;
		if (end - s >= 4 && memcmp(s, "<!--", 4) == 0)
			e = "-->";
		else if (end - s >= 2 && memcmp(s, "<?", 2) == 0)
			e = "?>";
		else
			return s;
		for (s += 2; s + strlen(e) <= end; s++)
			if (memcmp(s, e, strlen(e)) == 0)
				break;
		if (s + strlen(e) > end)
			return end;
		s += strlen(e);
	}
}

enum feed_format
feed_sniff(const char *s, size_t len)
{
	const char *end = s + len;

	s = skip_prolog(s, end);
	if (end - s >= 14 && strncasecmp(s, "<!DOCTYPE html", 14) == 0)
		return FEED_HTML;
	if (end - s >= 5 && strncasecmp(s, "<html", 5) == 0 &&
	    (end - s == 5 || !isalnum((unsigned char)s[5])))
		return FEED_HTML;
	return FEED_AUTO;
}

void
feed_problem(struct feed *f, unsigned long line, int failure,
    const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	size_t i;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (failure)
		f->status = FEED_FAILED;
	for (i = 0; i < FEED_REPEAT_KINDS; i++)
		if (f->said[i].fmt == fmt || f->said[i].fmt == NULL)
			break;
	if (i < FEED_REPEAT_KINDS) {
		if (f->said[i].fmt == NULL) {
			f->said[i].fmt = fmt;
			snprintf(f->said[i].first, sizeof(f->said[i].first),
			    "%.150s", msg);
		}
		f->said[i].failure |= failure;
		if (++f->said[i].n > FEED_REPEAT) {
			f->said[i].last_line = line ? line :
			    xml_parser_line(f->xp);
			return;
		}
	}
	if (f->sink.problem)
		f->sink.problem(f->sink.arg, line ? line :
		    xml_parser_line(f->xp), 0, failure, msg);
}

void
feed_nomem(struct feed *f)
{
	if (f->in_item)
		f->nomem = 1;
	else
		feed_problem(f, 0, 1, "out of memory");
}

char *
feed_strndup(struct feed *f, const char *s, size_t n)
{
	char *c;

	if ((c = strndup(s, n)) == NULL)
		feed_nomem(f);
	return c;
}

char *
feed_attr(struct feed *f, const struct xml_attr *a, size_t n,
    const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i].ns[0] == '\0' && strcmp(a[i].name, name) == 0)
			return feed_strndup(f, a[i].value, a[i].len);
	return NULL;
}

void
feed_set(struct feed *f, char **field, const char *text)
{
	char *c;
	size_t n;

	free(*field);
	*field = NULL;
	if (text == NULL)
		return;
	/* Copied from its first word, the collapse rarely moves bytes. */
	while (text_is_space(text))
		text += *text == '\xc2' ? 2 : 1;
	n = strlen(text);
	if ((c = feed_strndup(f, text, n)) == NULL)
		return;
	if (text_collapse_len(c, n) == 0) {
		free(c);
		return;
	}
	*field = c;
}

int
feed_id(struct feed *f, const char *s)
{
	char *id;
	int v;

	/* Only the first id counts, and a version once known: done. */
	if (f->p.id != NULL && f->p.version != 0)
		return 0;
	if (arxiv_id_split(s, &id, &v) == -1)
		return -1;
	if (f->p.id == NULL)
		f->p.id = id;
	else
		free(id);
	if (f->p.version == 0 && v > 0)
		f->p.version = v;
	return 0;
}

void
feed_date(struct feed *f, char **field, const char *s)
{
	char buf[DATE_LEN * 2] = "";
	char *d;
	time_t t;

	/*
	 * Not date_normalise(): a year past 9999 does not fit DATE_LEN,
	 * and strftime then leaves the buffer unterminated.  Such a date
	 * is not one.
	 */
	if (date_parse(s, &t) == -1 || t < -62167219200LL ||
	    t > 253402300799LL)
		return;
	date_format(t, buf, sizeof(buf));
	if (strlen(buf) != DATE_LEN - 1)
		return;
	if ((d = strdup(buf)) == NULL) {
		feed_nomem(f);
		return;
	}
	free(*field);
	*field = d;
}

/* archive or archive.subject: "cs.AI", "math-ph", "cond-mat.str-el". */
static int
is_category(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !islower((unsigned char)s[0]))
		return 0;
	while (i < n && (islower((unsigned char)s[i]) || s[i] == '-'))
		i++;
	if (i == n)
		return 1;
	if (s[i++] != '.' || i == n || !isalpha((unsigned char)s[i]))
		return 0;
	while (i < n && (isalpha((unsigned char)s[i]) || s[i] == '-'))
		i++;
	return i == n;
}

void
feed_category(struct feed *f, const char *s, size_t n)
{
	size_t i;

	text_trim(&s, &n);
	if (!is_category(s, n))
		return;
	if (f->p.categories.n >= FEED_MAX_CATEGORIES) {
		f->many_categories = 1;
		return;
	}
	for (i = 0; i < f->p.categories.n; i++)
		if (strlen(f->p.categories.v[i]) == n &&
		    memcmp(f->p.categories.v[i], s, n) == 0)
			return;
	if (strlist_add(&f->p.categories, s, n) == -1)
		feed_nomem(f);
}

/*
 * A copy of the name into the paper's authors, its white space
 * collapsed unless author_part() did that already; an empty name is no
 * author.
 */
static void
add_author(struct feed *f, const char *name, size_t n, int collapse)
{
	char *c;

	if ((c = feed_strndup(f, name, n)) == NULL)
		return;
	if (collapse)
		text_collapse(c);
	if (*c == '\0') {
		free(c);
	} else if (strlist_take(&f->p.authors, c) == -1) {
		free(c);
		feed_nomem(f);
	}
}

void
feed_author(struct feed *f, const char *name, size_t n)
{
	add_author(f, name, n, 1);
}

/*
 * Give every author up to the last one an affiliation list: the lists
 * are made only once a document names an affiliation, since most do not.
 */
static int
affs_fill(struct feed *f)
{
	if (f->affs == NULL && (f->affs = json_object_new_array()) == NULL)
		return -1;
	while (json_object_array_length(f->affs) < f->p.authors.n) {
		struct json_object *a;

		if ((a = json_object_new_array()) == NULL)
			return -1;
		if (json_object_array_add(f->affs, a) == -1) {
			json_object_put(a);
			return -1;
		}
	}
	return 0;
}

void
feed_affiliation(struct feed *f, const char *s)
{
	struct json_object *last, *aff;
	char *c;

	if (f->p.authors.n == 0)
		return;
	if (affs_fill(f) == -1) {
		feed_nomem(f);
		return;
	}
	if ((c = feed_strndup(f, s, strlen(s))) == NULL)
		return;
	text_collapse(c);
	if (*c != '\0') {
		last = json_object_array_get_idx(f->affs, f->p.authors.n - 1);
		if ((aff = json_object_new_string(c)) == NULL ||
		    json_object_array_add(last, aff) == -1) {
			json_object_put(aff);
			feed_nomem(f);
		}
		f->any_aff = 1;
	}
	free(c);
}

/* Name suffixes that a comma separates from the name they belong to. */
static int
is_suffix(const char *s, size_t n)
{
	static const char *sfx[] = { "Jr", "Jr.", "Sr", "Sr.", "II", "III",
	    "IV" };
	size_t i;

	/* Every part of every list comes here: most are names. */
	if (n < 2 || n > 3 || (s[0] != 'J' && s[0] != 'S' && s[0] != 'I'))
		return 0;
	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++)
		if (strlen(sfx[i]) == n && memcmp(sfx[i], s, n) == 0)
			return 1;
	return 0;
}

/* One name of a list: text in parentheses is its affiliation. */
static void
list_name(struct feed *f, const char *s, size_t n)
{
	struct buf name = {0}, aff = {0};
	size_t i, start = 0;
	int depth = 0, rc = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '(') {
			if (depth++ == 0) {
				rc |= buf_add(&name, s + start, i - start);
				start = i + 1;
			}
		} else if (s[i] == ')' && depth > 0) {
			if (--depth == 0) {
				if (aff.len)
					rc |= buf_adds(&aff, ", ");
				rc |= buf_add(&aff, s + start, i - start);
				start = i + 1;
			}
		}
	}
	if (depth == 0)
		rc |= buf_add(&name, s + start, n - start);
	if (rc != 0) {
		feed_nomem(f);
	} else {
		feed_author(f, buf_str(&name), name.len);
		if (aff.len)
			feed_affiliation(f, buf_str(&aff));
	}
	buf_free(&name);
	buf_free(&aff);
}

/*
 * One part of a list that feed_authors() cut, copied to be collapsed
 * (into a buffer kept from item to item: lists are cut in every item).
 * -1 when out of memory.
 */
static int
author_part(struct feed *f, const char *s, size_t n)
{
	char *c;

	buf_reset(&f->part);
	if (buf_add(&f->part, s, n) == -1) {
		feed_nomem(f);
		return -1;
	}
	c = f->part.data;
	n = text_collapse_len(c, n);
	if (n >= 4 && memcmp(c, "and ", 4) == 0) {
		c += 4;
		n -= 4;
	}
	if (*c == '\0')
		return 0;
	/* "Smith, Jr." is one name. */
	if (is_suffix(c, n) && f->p.authors.n > 0) {
		struct buf b = {0};
		char **last = &f->p.authors.v[f->p.authors.n - 1];
		char *joined = NULL;

		if (buf_adds(&b, *last) == -1 || buf_addc(&b, ' ') == -1 ||
		    buf_adds(&b, c) == -1 || (joined = buf_take(&b)) == NULL) {
			buf_free(&b);
			feed_nomem(f);
			return 0;
		}
		free(*last);
		*last = joined;
		return 0;
	}
	if (memchr(c, '(', n) == NULL)
		add_author(f, c, n, 0);
	else
		list_name(f, c, n);
	return 0;
}

void
feed_authors(struct feed *f, const char *s)
{
	size_t i, n, start = 0, len = strlen(s);
	int depth = 0;

	/* Cut at commas and " and " outside parentheses. */
	for (i = 0; i <= len; i++) {
		/* Letters, most of a list, are stepped over first. */
		while (i < len && s[i] != ',' && s[i] != ' ' && s[i] != '(' &&
		    s[i] != ')')
			i++;
		n = 0;
		if (i == len || (depth == 0 && s[i] == ','))
			n = 1;
		else if (depth == 0 && s[i] == ' ' && s[i + 1] == 'a' &&
		    strncmp(s + i, " and ", 5) == 0)
			n = 5;
		else if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth > 0)
			depth--;
		if (n == 0)
			continue;
		if (author_part(f, s + start, i - start) == -1)
			return;
		start = i + n;
		i += n - 1;
	}
}

void
feed_announce(struct feed *f, const char *s, size_t n)
{
	static const char *types[] = { "new", "cross", "replace",
	    "replace-cross" };
	size_t i;

	text_trim(&s, &n);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strlen(types[i]) == n && strncasecmp(types[i], s, n) == 0)
			break;
	if (i < sizeof(types) / sizeof(types[0])) {
		if (paper_set(&f->p.announce_type, types[i], (size_t)-1) == -1)
			feed_nomem(f);
	} else if (n > 0 && n < 32) {
		if (paper_set(&f->p.announce_type, s, n) == -1) {
			feed_nomem(f);
			return;
		}
		for (i = 0; i < n; i++)
			f->p.announce_type[i] =
			    (char)tolower((unsigned char)f->p.announce_type[i]);
	}
}

void
feed_description(struct feed *f, const char *s)
{
	const char *a, *t, *e;

	while (isspace((unsigned char)*s))
		s++;
	if ((a = strstr(s, "Abstract:")) == NULL) {
		feed_set(f, &f->p.abstract, s);
		return;
	}
	if (strncmp(s, "arXiv:", 6) == 0 && s < a)
		feed_id(f, s);
	if ((t = strstr(s, "Announce Type:")) != NULL && t < a &&
	    f->p.announce_type == NULL) {
		t += 14;
		while (t < a && isspace((unsigned char)*t))
			t++;
		for (e = t; e < a && !isspace((unsigned char)*e); e++)
			;
		feed_announce(f, t, (size_t)(e - t));
	}
	feed_set(f, &f->p.abstract, a + 9);
}

/* The UTF-8 bytes of code point cp into b (U+FFFD for NUL); -1 if out of memory. */
static int
put_utf8(struct buf *b, unsigned long cp)
{
	char u[TEXT_UTF8_MAX];

	if (cp == 0 || cp > 0x10ffff)
		cp = 0xfffd;
	return buf_add(b, u, text_utf8_encode((uint32_t)cp, u));
}

/*
 * Decode the HTML entity at s ("&...;") into b, setting *len to its
 * length, or to 0 if s does not start one.  -1 when out of memory.
 */
static int
html_entity(const char *s, struct buf *b, size_t *len)
{
	static const struct {
		const char	*name;
		unsigned long	 cp;
	} ents[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
		{ "apos", '\'' }, { "nbsp", 0xa0 }, { "ndash", 0x2013 },
		{ "mdash", 0x2014 }, { "hellip", 0x2026 },
	};
	unsigned long cp;
	const char *e;
	char *end;
	size_t i, n;

	*len = 0;
	if ((e = strchr(s, ';')) == NULL || e - s > 10)
		return 0;
	n = (size_t)(e - s) + 1;
	if (s[1] == '#') {
		if (s[2] == 'x' || s[2] == 'X')
			cp = strtoul(s + 3, &end, 16);
		else
			cp = strtoul(s + 2, &end, 10);
		if (end != e || end == s + 2)
			return 0;
		*len = n;
		return put_utf8(b, cp);
	}
	for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
		if (strlen(ents[i].name) == n - 2 &&
		    memcmp(ents[i].name, s + 1, n - 2) == 0) {
			*len = n;
			return put_utf8(b, ents[i].cp);
		}
	return 0;
}

char *
feed_html_text(struct feed *f, const char *s)
{
	struct buf b = {0};
	const char *e;
	char *text;
	size_t n;
	int rc;

	rc = buf_add(&b, "", 0);
	while (*s && rc == 0) {
		if (*s == '<' && (isalpha((unsigned char)s[1]) ||
		    s[1] == '/' || s[1] == '!') &&
		    (e = strchr(s, '>')) != NULL) {
			/* A tag: a space stands for a block's edge. */
			if (strncasecmp(s, "<p", 2) == 0 ||
			    strncasecmp(s, "</p", 3) == 0 ||
			    strncasecmp(s, "<br", 3) == 0)
				rc = buf_addc(&b, ' ');
			s = e + 1;
			continue;
		}
		if (*s == '&') {
			rc = html_entity(s, &b, &n);
			if (n > 0) {
				s += n;
				continue;
			}
		}
		if (rc == 0)
			rc = buf_addc(&b, *s++);
	}
	if (rc != 0 || (text = buf_take(&b)) == NULL) {
		buf_free(&b);
		feed_nomem(f);
		return NULL;
	}
	return text_collapse(text);
}

static void text_cut(struct feed *, size_t);

void
feed_item_begin(struct feed *f)
{
	paper_clear(&f->p);
	if (f->affs)
		json_object_put(f->affs);
	f->affs = NULL;
	f->any_aff = 0;
	f->in_item = 1;
	f->item_depth = f->depth;
	/* The item and its parent gather no text: see feed_impl.h. */
	if (f->depth >= 2 && f->depth <= FEED_MAX_DEPTH) {
		f->container[f->depth] = f->container[f->depth - 1] = 1;
		text_cut(f, f->tstart[f->depth - 1]);
	}
	f->item_line = xml_parser_line(f->xp);
	f->error_entry = f->skip = f->nomem = 0;
	f->item_elements = 0;
	f->many_categories = 0;
	f->version = f->maxver = f->ndates = 0;
}

void
feed_item_drop(struct feed *f)
{
	paper_clear(&f->p);
	if (f->affs)
		json_object_put(f->affs);
	f->affs = NULL;
	f->in_item = 0;
}

/* Put the primary category first in the list; -1 if out of memory. */
static int
primary_first(struct paper *p)
{
	size_t i;
	char *c;

	if (p->primary_category == NULL)
		return 0;
	for (i = 0; i < p->categories.n; i++)
		if (strcmp(p->categories.v[i], p->primary_category) == 0)
			break;
	if (i == p->categories.n) {
		if (strlist_adds(&p->categories, p->primary_category) == -1)
			return -1;
	}
	c = p->categories.v[i];
	memmove(p->categories.v + 1, p->categories.v, i * sizeof(char *));
	p->categories.v[0] = c;
	return 0;
}

void
feed_item_end(struct feed *f)
{
	struct json_object *affs = NULL;

	if (!f->nomem && f->p.published == NULL && f->feed_date &&
	    (f->p.published = strdup(f->feed_date)) == NULL)
		f->nomem = 1;
	if (!f->nomem && (primary_first(&f->p) == -1 ||
	    paper_set(&f->p.source_format, f->format, (size_t)-1) == -1 ||
	    paper_set(&f->p.source_feed, f->feed_name ? f->feed_name :
	    f->feed_id, (size_t)-1) == -1 ||
	    paper_set(&f->p.source_url, f->url, (size_t)-1) == -1))
		f->nomem = 1;
	if (f->nomem) {
		feed_problem(f, f->item_line, 1, "out of memory");
		feed_item_drop(f);
		return;
	}
	if (f->p.id == NULL) {
		feed_problem(f, f->item_line, 1,
		    "item has no arXiv identifier, skipped");
		feed_item_drop(f);
		return;
	}
	if (f->many_categories)
		feed_problem(f, f->item_line, 1, "item has over %d categories, "
		    "the rest left out", FEED_MAX_CATEGORIES);
	if (f->any_aff && affs_fill(f) == 0 &&
	    json_object_array_length(f->affs) == f->p.authors.n)
		affs = f->affs;
	if (paperjson_write(&f->json, &f->p, affs) == -1) {
		feed_problem(f, f->item_line, 1, "out of memory");
		feed_item_drop(f);
		return;
	}
	f->count++;
	if (f->sink.paper)
		f->sink.paper(f->sink.arg, f->json.data, f->json.len);
	feed_item_drop(f);
}

static const char *
root_format_name(const char *name, const char *ns, const struct feed_ops **ops)
{
	if (strcmp(name, "rss") == 0 && ns[0] == '\0') {
		*ops = &feed_rss_ops;
		return "rss";
	}
	if (strcmp(name, "RDF") == 0 && strcmp(ns, NS_RDF) == 0) {
		*ops = &feed_rss1_ops;
		return "rss1";
	}
	if (strcmp(name, "feed") == 0 && strcmp(ns, NS_ATOM) == 0) {
		*ops = &feed_atom_ops;
		return "atom";
	}
	if (strcmp(name, "OAI-PMH") == 0 && strcmp(ns, NS_OAI) == 0) {
		*ops = &feed_oai_ops;
		return "oai";
	}
	*ops = NULL;
	return NULL;
}

static void
on_start(void *arg, const char *name, const char *ns,
    const struct xml_attr *attrs, size_t nattrs)
{
	static const char *forced_names[] = { "", "rss", "rss1", "atom",
	    "api", "oai", "html" };
	struct feed *f = arg;
	const char *fmt;

	f->depth++;
	if (f->depth <= FEED_MAX_DEPTH) {
		f->tstart[f->depth] = f->text.len;
		f->container[f->depth] = f->depth == 1;
	}
	if (f->depth == 1) {
		f->root_seen = 1;
		fmt = root_format_name(name, ns, &f->ops);
		if (f->forced == FEED_API && fmt && strcmp(fmt, "atom") == 0)
			fmt = "api";
		if (f->ops != NULL && f->forced != FEED_AUTO &&
		    strcmp(fmt, forced_names[f->forced]) != 0) {
			feed_problem(f, 0, 1, "not %s: the root element is "
			    "<%s>", forced_names[f->forced], name);
			f->ops = NULL;
		} else if (f->ops == NULL) {
			if (f->quiet)
				f->status = FEED_NOT_FEED;
			else
				feed_problem(f, 0, 1, "not an arXiv feed: "
				    "the root element is <%s>", name);
		}
		if (f->ops == NULL) {
			f->done = 1;
			xml_parser_stop(f->xp, "not an arXiv feed");
			return;
		}
		f->format = fmt;
	}
	if (f->in_item && ++f->item_elements > FEED_MAX_ITEM_ELEMENTS) {
		xml_parser_stop(f->xp, "item too large (over 100000 elements)");
		return;
	}
	if (f->ops)
		f->ops->start(f, name, ns, attrs, nattrs);
}

static void
text_too_long(struct feed *f)
{
	char msg[128];

	snprintf(msg, sizeof(msg), "element text too long (over %zu "
	    "bytes, see --max-record)", f->text.max);
	xml_parser_stop(f->xp, msg);
}

/* Cut the gathered text back to n bytes. */
static void
text_cut(struct feed *f, size_t n)
{
	if (f->text.data && n < f->text.len) {
		f->text.len = n;
		f->text.data[n] = '\0';
	}
}

/*
 * An element's text is everything gathered since its start tag, its
 * children's text included.  It stays in the parent's text too, unless
 * the parent is the root or a container (see feed_impl.h); end() then
 * gets a copy, since it may change what it is given.
 */
static void
on_end(void *arg, const char *name, const char *ns)
{
	struct feed *f = arg;
	char empty[1] = "";
	char *text;
	size_t start = 0;
	int keep = 0, item;

	if (f->depth >= 1 && f->depth <= FEED_MAX_DEPTH) {
		start = f->tstart[f->depth];
		keep = f->depth > 2 && !f->container[f->depth - 1];
	}
	item = f->in_item && f->item_depth == f->depth;
	if (start > f->text.len)
		start = f->text.len;
	text = f->text.data ? f->text.data + start : empty;
	if (keep && !item && f->ops) {
		buf_reset(&f->scratch);
		if (buf_add(&f->scratch, text, f->text.len - start) == -1 ||
		    buf_add(&f->scratch, "", 0) == -1) {
			feed_nomem(f);
			text = empty;
		} else
			text = f->scratch.data;
	} else
		keep = 0;
	if (f->ops)
		f->ops->end(f, name, ns, text);
	if (!keep)
		text_cut(f, start);
	f->depth--;
}

static void
on_text(void *arg, const char *s, size_t len)
{
	struct feed *f = arg;

	if (f->depth >= 1 && f->depth <= FEED_MAX_DEPTH &&
	    f->container[f->depth])
		return;
	if (buf_add(&f->text, s, len) == -1)
		text_too_long(f);
}

struct feed *
feed_new(enum feed_format forced, const char *url, size_t max_field,
    int quiet, const struct feed_sink *sink, char *err, size_t errlen)
{
	static const struct xml_handler h = { on_start, on_end, on_text };
	struct feed *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		goto nomem;
	f->forced = forced;
	f->quiet = quiet;
	f->sink = *sink;
	f->text.max = max_field ? max_field : NDJSON_MAX_RECORD;
	if ((url && (f->url = strdup(url)) == NULL) ||
	    (f->xp = xml_parser_new(&h, f, err, errlen)) == NULL) {
		feed_free(f);
		goto nomem;
	}
	return f;
nomem:
	errmsg_set(err, errlen, "out of memory");
	return NULL;
}

int
feed_set_charset(struct feed *f, const char *charset)
{
	return xml_parser_set_charset(f->xp, charset);
}

void
feed_free(struct feed *f)
{
	if (f == NULL)
		return;
	xml_parser_free(f->xp);
	buf_free(&f->text);
	buf_free(&f->scratch);
	buf_free(&f->part);
	buf_free(&f->json);
	buf_free(&f->query);
	paper_clear(&f->p);
	if (f->affs)
		json_object_put(f->affs);
	free(f->url);
	free(f->feed_name);
	free(f->feed_id);
	free(f->feed_date);
	free(f->keyname);
	free(f->forenames);
	free(f->suffix);
	free(f->code);
	free(f);
}

/* Report the parser's error once ("L:C: what" taken apart). */
static void
xml_failed(struct feed *f, const char *err)
{
	unsigned long line = 0, col = 0;
	int n = 0;

	if (f->done)
		return;
	f->done = 1;
	if (!f->root_seen && f->quiet) {
		f->status = FEED_NOT_FEED;
		return;
	}
	f->status = FEED_FAILED;
	if (sscanf(err, "%lu:%lu: %n", &line, &col, &n) == 2 && n > 0)
		err += n;
	if (f->sink.problem)
		f->sink.problem(f->sink.arg, line, col, 1, err);
}

int
feed_write(struct feed *f, const char *data, size_t len)
{
	char err[600];

	if (f->done)
		return -1;
	if (xml_parser_feed(f->xp, data, len, err, sizeof(err)) == -1) {
		xml_failed(f, err);
		return -1;
	}
	return 0;
}

/* "999,990" */
static void
thousands(char *dst, size_t size, unsigned long n)
{
	char digits[32];
	size_t len, i, k = 0;

	len = (size_t)snprintf(digits, sizeof(digits), "%lu", n);
	for (i = 0; i < len && k + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			dst[k++] = ',';
		dst[k++] = digits[i];
	}
	dst[k] = '\0';
}

/* The count of each problem said FEED_REPEAT times and then counted. */
static void
said_more(struct feed *f)
{
	char msg[300], num[32];
	size_t i;

	for (i = 0; i < FEED_REPEAT_KINDS && f->said[i].fmt; i++) {
		if (f->said[i].n <= FEED_REPEAT || f->sink.problem == NULL)
			continue;
		thousands(num, sizeof(num), f->said[i].n - FEED_REPEAT);
		snprintf(msg, sizeof(msg), "... and %s more like this: %s",
		    num, f->said[i].first);
		f->sink.problem(f->sink.arg, f->said[i].last_line, 0,
		    f->said[i].failure, msg);
	}
}

enum feed_status
feed_finish(struct feed *f)
{
	unsigned long line;
	char err[600];
	size_t n;

	if (!f->done && xml_parser_finish(f->xp, err, sizeof(err)) == -1)
		xml_failed(f, err);
	said_more(f);
	if ((n = xml_parser_repaired(f->xp, &line)) > 0 &&
	    f->status != FEED_NOT_FEED && f->sink.problem) {
		char msg[128];

		snprintf(msg, sizeof(msg), "invalid UTF-8 or control "
		    "characters: %zu byte%s replaced with U+FFFD", n,
		    n == 1 ? "" : "s");
		f->sink.problem(f->sink.arg, line, 0, 0, msg);
	}
	if (!f->root_seen && f->quiet)
		f->status = FEED_NOT_FEED;
	return f->status;
}

unsigned long
feed_count(const struct feed *f)
{
	return f->count;
}
