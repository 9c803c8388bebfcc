#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "errmsg.h"
#include "transcode.h"

struct transcode {
	iconv_t		 cd;
	size_t		 unit;	/* bytes a bad sequence skips: a code unit */
	struct buf	 held;	/* a sequence the last slice cut */
};

struct transcode *
transcode_open(const char *name, char *err, size_t errlen)
{
	struct transcode *t;

	if ((t = calloc(1, sizeof(*t))) == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	if ((t->cd = iconv_open("UTF-8", name)) == (iconv_t)-1) {
		errmsg_set(err, errlen, "unsupported encoding: %.60s", name);
		free(t);
		return NULL;
	}
	t->unit = 1;
	if (strncasecmp(name, "UTF-16", 6) == 0 ||
	    strncasecmp(name, "UCS-2", 5) == 0)
		t->unit = 2;
	else if (strncasecmp(name, "UTF-32", 6) == 0 ||
	    strncasecmp(name, "UCS-4", 5) == 0)
		t->unit = 4;
	return t;
}

int
transcode_push(struct transcode *t, const char *data, size_t len, int last,
    struct buf *out, size_t *nbad)
{
	char *in, *o;
	size_t inleft, outleft, room, k;

	if (buf_add(&t->held, data, len) == -1)
		return -1;
	in = t->held.data;
	inleft = t->held.len;
	while (inleft > 0) {
		/* Enough for every encoding here: 3 bytes of UTF-8 a byte. */
		room = inleft * 3 + 16;
		if (buf_grow(out, room) == -1)
			return -1;
		o = out->data + out->len;
		outleft = room;
		k = iconv(t->cd, &in, &inleft, &o, &outleft);
		out->len = (size_t)(o - out->data);
		if (k != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !last)
			break;		/* the rest comes with the next slice */
		/* EILSEQ, or a sequence the end of the document cuts. */
		k = inleft < t->unit ? inleft : t->unit;
		*nbad += k;
		in += k;
		inleft -= k;
		if (buf_add(out, "\xef\xbf\xbd", 3) == -1)
			return -1;
	}
	if (last) {
		/* The end of a stateful encoding's shifts (ISO-2022-JP). */
		if (buf_grow(out, 16) == -1)
			return -1;
		o = out->data + out->len;
		outleft = 16;
		(void)iconv(t->cd, NULL, NULL, &o, &outleft);
		out->len = (size_t)(o - out->data);
	}
	if (out->data != NULL)
		out->data[out->len] = '\0';
	memmove(t->held.data, in, inleft);
	t->held.len = inleft;
	t->held.data[inleft] = '\0';
	return 0;
}

void
transcode_close(struct transcode *t)
{
	if (t == NULL)
		return;
	iconv_close(t->cd);
	buf_free(&t->held);
	free(t);
}
