/* expand: {name} fields in a text, such as the running header's
 * "{committee}, {date}" and "Page {page} of {pages}".
 *
 * A field is a `{`, a name and the next `}`; the name holds no `{` or
 * `}` (in "{{date}" the first brace is text). The caller's lookup says
 * what each name stands for, so the stages that fill in fields (the
 * report's words, the page numbers, CSS counters) read fields one way. */
#ifndef CLERK_BASE_EXPAND_H
#define CLERK_BASE_EXPAND_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Appends to `out` what the field `name[0..len)` (borrowed, not
 * NUL-terminated) stands for and returns true; or returns false for a
 * name it does not know, whose field then stays as written. It may also
 * append to `out` what it likes before its own text (all text before the
 * field is already there). */
typedef bool (*expand_lookup)(void *ctx, const char *name, size_t len,
                              struct buf *out);

/* Appends `text` (NULL: nothing) to `out` with each field replaced as
 * `lookup` says. */
void expand_fields(struct buf *out, const char *text, expand_lookup lookup,
                   void *ctx);

/* An expand_lookup over `ctx`, an array of {name, value} pairs ended by
 * {NULL, NULL}: a name in it becomes its value (NULL: nothing). */
bool expand_pairs(void *ctx, const char *name, size_t len, struct buf *out);

#endif
