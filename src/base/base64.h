/* base64: binary data as base64 text (RFC 4648, with padding), for the
 * data: URIs that embed a theme's logo and a report's images in the page
 * so that it is self-contained, and back, for the PDF that reads them. */
#ifndef CLERK_BASE_BASE64_H
#define CLERK_BASE_BASE64_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Appends the base64 text of `data[0..len)` to `out`. */
void base64_encode(struct buf *out, const void *data, size_t len);

/* The most bytes base64_decode writes for `len` characters. */
#define BASE64_DECODED_MAX(len) ((len) / 4 * 3 + 3)

/* Decodes the base64 text `s[0..len)` into `out` (room for
 * BASE64_DECODED_MAX(len) bytes), up to the first `=` or the end, and
 * sets `*out_len`. Returns false, with `*out_len` unset, when a character
 * before that is not of the base64 alphabet (spaces and line breaks
 * included). */
bool base64_decode(const char *s, size_t len, void *out, size_t *out_len);

#endif
