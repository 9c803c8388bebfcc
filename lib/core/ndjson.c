#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


#include "buf.h"
#include "errmsg.h"
#include "jsonc.h"
#include "ndjson.h"
#include "text.h"

#define READ_CHUNK	(64 * 1024)
/* A read this large with nothing buffered skips the buffer. */
#define READ_DIRECT	4096

struct ndjson_reader {
	FILE		*fp;
	int		 is_stdin;
	char		*name;
	size_t		 max_record;
	unsigned long	 lineno;
	char		*rbuf;		/* read buffer */
	size_t		 rpos, rlen;
	int		 eof;
	struct buf	 line;		/* current line, without its newline */
	struct jsonc_parser *parser;
	int		 pretty;	/* 1: looks pretty-printed; 2: said so */
};

struct ndjson_reader *
ndjson_open(const char *path, size_t max_record, char *err, size_t errlen)
{
	struct ndjson_reader *r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		goto nomem;
	if (path == NULL || strcmp(path, "-") == 0) {
		r->fp = stdin;
		r->is_stdin = 1;
		r->name = strdup("<stdin>");
	} else {
		if ((r->fp = fopen(path, "r")) == NULL) {
			errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
			free(r);
			return NULL;
		}
		r->name = strdup(path);
	}
	r->max_record = max_record ? max_record : NDJSON_MAX_RECORD;
	r->rbuf = malloc(READ_CHUNK);
	r->parser = jsonc_parser_new();
	if (r->name == NULL || r->rbuf == NULL || r->parser == NULL) {
		ndjson_close(r);
		goto nomem;
	}
	return r;
nomem:
	errmsg_set(err, errlen, "out of memory");
	return NULL;
}

void
ndjson_close(struct ndjson_reader *r)
{
	if (r == NULL)
		return;
	if (r->fp && !r->is_stdin)
		fclose(r->fp);
	jsonc_parser_free(r->parser);
	buf_free(&r->line);
	free(r->rbuf);
	free(r->name);
	free(r);
}

/* Refill the read buffer; 0 at end of input, -1 on a read error. */
static int
refill(struct ndjson_reader *r)
{
	size_t n;

	if (r->eof)
		return 0;
	n = fread(r->rbuf, 1, READ_CHUNK, r->fp);
	r->rpos = 0;
	r->rlen = n;
	if (n == 0) {
		if (ferror(r->fp))
			return -1;
		r->eof = 1;
		return 0;
	}
	return 1;
}

/*
 * Read one line into r->line.  Returns 1 for a line, 0 at end of input,
 * -1 on a read error, 2 for a line longer than the cap (whose bytes were
 * skipped up to its newline).
 */
static int
read_line(struct ndjson_reader *r)
{
	const char *nl;
	size_t n;
	int over = 0, any = 0, rc;

	buf_reset(&r->line);
	for (;;) {
		if (r->rpos == r->rlen) {
			if ((rc = refill(r)) <= 0) {
				if (rc < 0)
					return -1;
				break;
			}
		}
		any = 1;
		n = r->rlen - r->rpos;
		nl = memchr(r->rbuf + r->rpos, '\n', n);
		if (nl)
			n = (size_t)(nl - (r->rbuf + r->rpos));
		if (!over && r->line.len + n > r->max_record)
			over = 1;
		if (!over && buf_add(&r->line, r->rbuf + r->rpos, n) == -1)
			over = 1;
		r->rpos += n;
		if (nl) {
			r->rpos++;
			break;
		}
	}
	if (!any)
		return 0;
	r->lineno++;
	return over ? 2 : 1;
}

/*
 * A line holding only "{" or "[" is the first line of a pretty-printed
 * value (jq without -c): no record is ever written so.
 */
static int
is_opener(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')
			continue;
		if ((s[i] != '{' && s[i] != '[') || k++ > 0)
			return 0;
	}
	return k == 1;
}

enum ndjson_status
ndjson_next_line(struct ndjson_reader *r, const char **line, size_t *len,
    char *err, size_t errlen)
{
	int rc;

	for (;;) {
		rc = read_line(r);
		if (rc == 0)
			return NDJSON_EOF;
		if (rc < 0) {
			errmsg_set(err, errlen, "read error: %s",
			    strerror(errno));
			return NDJSON_ERROR;
		}
		if (rc == 2) {
			errmsg_set(err, errlen,
			    "record too long (over %zu bytes, see --max-record)",
			    r->max_record);
			return NDJSON_BAD;
		}
		if (!text_blank(buf_str(&r->line), r->line.len))
			break;
	}
	*line = buf_str(&r->line);
	*len = r->line.len;
	if (!r->pretty && is_opener(*line, *len))
		r->pretty = 1;
	return NDJSON_RECORD;
}

int
ndjson_pretty(struct ndjson_reader *r)
{
	if (r->pretty != 1)
		return 0;
	r->pretty = 2;
	return 1;
}

int
ndjson_looks_pretty(const struct ndjson_reader *r)
{
	return r->pretty != 0;
}

enum ndjson_status
ndjson_parse(struct ndjson_reader *r, const char *line, size_t len,
    struct json_object **obj, char *err, size_t errlen)
{
	return jsonc_parse_record(r->parser, line, len, obj, err, errlen) == 0 ?
	    NDJSON_RECORD : NDJSON_BAD;
}

enum ndjson_status
ndjson_next(struct ndjson_reader *r, struct json_object **obj, char *err,
    size_t errlen)
{
	enum ndjson_status st;
	const char *line;
	size_t len;

	*obj = NULL;
	if ((st = ndjson_next_line(r, &line, &len, err, errlen)) !=
	    NDJSON_RECORD)
		return st;
	return ndjson_parse(r, line, len, obj, err, errlen);
}

const char *
ndjson_line(const struct ndjson_reader *r, size_t *len)
{
	if (len)
		*len = r->line.len;
	return buf_str(&r->line);
}

const char *
ndjson_name(const struct ndjson_reader *r)
{
	return r->name;
}

unsigned long
ndjson_lineno(const struct ndjson_reader *r)
{
	return r->lineno;
}

int
ndjson_peek(struct ndjson_reader *r)
{
	for (;;) {
		if (r->rpos == r->rlen && refill(r) <= 0)
			return EOF;
		while (r->rpos < r->rlen) {
			unsigned char c = (unsigned char)r->rbuf[r->rpos];

			if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
				return c;
			/* Count skipped newlines so later line numbers hold. */
			if (c == '\n')
				r->lineno++;
			r->rpos++;
		}
	}
}

char *
ndjson_slurp(struct ndjson_reader *r, size_t max, size_t *len, char *err,
    size_t errlen)
{
	struct buf b = {0};
	int rc;

	b.max = max;
	for (;;) {
		if (r->rpos < r->rlen) {
			if (buf_add(&b, r->rbuf + r->rpos,
			    r->rlen - r->rpos) == -1) {
				errmsg_set(err, errlen,
				    "document too large (over %zu bytes)", max);
				buf_free(&b);
				return NULL;
			}
			r->rpos = r->rlen;
		}
		if ((rc = refill(r)) == 0)
			break;
		if (rc < 0) {
			errmsg_set(err, errlen, "read error: %s",
			    strerror(errno));
			buf_free(&b);
			return NULL;
		}
	}
	if (len)
		*len = b.len;
	return buf_take(&b);
}

long
ndjson_read(struct ndjson_reader *r, char *dst, size_t n)
{
	size_t have;
	int rc;

	/* A large read with nothing buffered goes straight to dst. */
	if (r->rpos == r->rlen && n >= READ_DIRECT && !r->eof) {
		if ((have = fread(dst, 1, n, r->fp)) > 0)
			return (long)have;
		if (ferror(r->fp))
			return -1;
		r->eof = 1;
		return 0;
	}
	if (r->rpos == r->rlen && (rc = refill(r)) <= 0)
		return rc;
	have = r->rlen - r->rpos;
	if (n > have)
		n = have;
	memcpy(dst, r->rbuf + r->rpos, n);
	r->rpos += n;
	return (long)n;
}

int
ndjson_write_line(FILE *fp, const char *line, size_t len)
{
	if (fwrite(line, 1, len, fp) != len || putc('\n', fp) == EOF)
		return -1;
	return 0;
}

int
ndjson_write(FILE *fp, struct json_object *obj)
{
	const char *s;
	size_t len;

	s = jsonc_write(obj, &len);
	if (s == NULL) {
		errno = ENOMEM;
		return -1;
	}
	return ndjson_write_line(fp, s, len);
}
