/* buf.h - a growable byte buffer (git's strbuf, with curl dynbuf's cap).
 *
 *	struct buf b = BUF_INIT;
 *	buf_addf(&b, "%d children", n);
 *	fputs(b.buf, f);
 *	buf_release(&b);
 *
 * .buf is never NULL and always NUL-terminated, even when empty; do not
 * rely on .alloc. A buffer owns its storage until buf_release() or
 * buf_detach() (the caller then frees the result with free(3)).
 */
#ifndef JSNA_BUF_H
#define JSNA_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "jsna/util.h"

struct buf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char buf_empty[];
#define BUF_INIT { 0, 0, buf_empty }

void buf_init(struct buf *b, size_t hint);
void buf_release(struct buf *b);
/* Empties the buffer but keeps its storage. */
void buf_reset(struct buf *b);
char *buf_detach(struct buf *b, size_t *len);
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, int c);
void buf_addf(struct buf *b, const char *fmt, ...) JSNA_PRINTF(2, 3);
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
void buf_setlen(struct buf *b, size_t len);
/* Appends s with the five XML/HTML special characters escaped. */
void buf_add_html(struct buf *b, const char *s);
/* Appends s as one CSV field, quoted when it holds , " CR or LF. */
void buf_add_csv(struct buf *b, const char *s);

#endif
