/*
 * Reading and writing newline-delimited JSON, the format between stages.
 *
 * Ownership (json-c): ndjson_next() hands the caller a new reference in
 * *obj, which the caller releases with json_object_put().  Functions that
 * take a json_object borrow it.
 *
 * A reader reads one input (a file or stdin) line by line with no limit
 * on line length but the cap it is given, so a runaway line is reported
 * and skipped instead of exhausting memory.  Blank lines are skipped.
 */
#ifndef NDJSON_H
#define NDJSON_H

#include <stddef.h>
#include <stdio.h>

struct json_object;
struct ndjson_reader;

#define NDJSON_MAX_RECORD	(64UL * 1024 * 1024)

enum ndjson_status {
	NDJSON_EOF = 0,		/* no more lines */
	NDJSON_RECORD,		/* *obj holds a JSON object with a string "kind" */
	NDJSON_BAD,		/* this line is not a record; err says why */
	NDJSON_ERROR		/* the input cannot be read further; err says why */
};

/*
 * Open path for reading; NULL or "-" is stdin, shown as "<stdin>" in
 * messages.  max_record caps a line's length (0: NDJSON_MAX_RECORD).
 * Returns NULL and fills err if the file cannot be opened.
 */
struct ndjson_reader *ndjson_open(const char *path, size_t max_record,
	    char *err, size_t errlen);
void	ndjson_close(struct ndjson_reader *);

/* Read the next line and parse it as a record (see enum ndjson_status). */
enum ndjson_status ndjson_next(struct ndjson_reader *, struct json_object **obj,
	    char *err, size_t errlen);

/*
 * Read the next non-blank line without parsing it: *line points into the
 * reader's buffer, valid until the next call, *len excludes the newline.
 * Returns NDJSON_RECORD for a line, NDJSON_BAD for a line over the cap,
 * NDJSON_EOF or NDJSON_ERROR.
 */
enum ndjson_status ndjson_next_line(struct ndjson_reader *, const char **line,
	    size_t *len, char *err, size_t errlen);

/* Parse one line into a record: NDJSON_RECORD or NDJSON_BAD with err. */
enum ndjson_status ndjson_parse(struct ndjson_reader *, const char *line,
	    size_t len, struct json_object **obj, char *err, size_t errlen);

/*
 * Whether the input looks pretty-printed (a line holding only "{" or
 * "["): ndjson_looks_pretty() says so; ndjson_pretty() says so once, the
 * first time it is asked, so a program gives one hint, not an error per
 * line.
 */
int	ndjson_looks_pretty(const struct ndjson_reader *);
int	ndjson_pretty(struct ndjson_reader *);

/* The current line as it was read (for passing records through as-is). */
const char *ndjson_line(const struct ndjson_reader *, size_t *len);
/* "<stdin>" or the path, and the number of the line last read (from 1). */
const char *ndjson_name(const struct ndjson_reader *);
unsigned long ndjson_lineno(const struct ndjson_reader *);

/*
 * The first byte of the input that is not white space, without consuming
 * it, or EOF; lets a program tell a raw document ('<') from records.
 */
int	ndjson_peek(struct ndjson_reader *);

/*
 * Read everything not yet consumed (up to max bytes, 0: no cap) into a
 * new NUL-terminated buffer the caller frees; NULL with err on failure.
 */
char	*ndjson_slurp(struct ndjson_reader *, size_t max, size_t *len,
	    char *err, size_t errlen);

/*
 * Read up to n raw bytes not yet consumed (what ndjson_peek() saw first),
 * for streaming a raw document through a parser's read callback.  Returns
 * the count, 0 at end of input, -1 on a read error.
 */
long	ndjson_read(struct ndjson_reader *, char *dst, size_t n);

/* Write obj as one compact line; -1 with errno set on a write error. */
int	ndjson_write(FILE *, struct json_object *obj);
/* Write bytes and a newline; -1 with errno set on a write error. */
int	ndjson_write_line(FILE *, const char *line, size_t len);

#endif
