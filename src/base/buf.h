/* buf: the one growable byte buffer for every output clerk writes.
 *
 * A buffer starts as BUF_INIT, which allocates nothing. The bytes in `data`
 * are always followed by a NUL once anything has been written, so `data` can
 * be used as a C string when the contents hold no NUL. Pointers into `data`
 * stay valid only until the next write. */
#ifndef CLERK_BASE_BUF_H
#define CLERK_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT           \
	{                  \
		NULL, 0, 0 \
	}

void buf_put(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
        __attribute__((format(printf, 2, 0)));
/* Makes room for `extra` more bytes (plus the NUL) without writing them. */
void buf_reserve(struct buf *b, size_t extra);
/* Returns the contents as a NUL-terminated string ("" when empty). The
 * pointer is borrowed: valid until the next write or buf_free. */
const char *buf_cstr(struct buf *b);
/* Hands the contents to the caller, who frees them with free(); the buffer
 * is left empty. Never returns NULL. */
char *buf_detach(struct buf *b, size_t *len);
/* Empties the buffer but keeps its memory for reuse. */
void buf_clear(struct buf *b);
void buf_free(struct buf *b);

#endif
