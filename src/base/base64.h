/* base64: binary data as base64 text (RFC 4648, with padding), for the
 * data: URIs that embed a theme's logo and a report's images in the page
 * so that it is self-contained. */
#ifndef CLERK_BASE_BASE64_H
#define CLERK_BASE_BASE64_H

#include <stddef.h>

#include "base/buf.h"

/* Appends the base64 text of `data[0..len)` to `out`. */
void base64_encode(struct buf *out, const void *data, size_t len);

#endif
