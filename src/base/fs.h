/* fs: reading whole files, writing files atomically, and path arithmetic.
 *
 * Output files are written to a temporary name in the same folder and then
 * renamed, so a failure never leaves a half-written file in place of a good
 * one. */
#ifndef CLERK_BASE_FS_H
#define CLERK_BASE_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

/* Reads the whole file at `path` into a NUL-terminated buffer the caller
 * frees. Fails (returns -1 with a diagnostic naming `path`) when the file
 * cannot be read or is larger than `max_bytes`. */
int fs_read(const char *path, size_t max_bytes, char **out, size_t *len,
            struct diags *d);
/* Writes `len` bytes to `path` through a temporary file and rename(2).
 * Returns 0, or -1 with a diagnostic; on failure `path` is untouched. */
int fs_write_atomic(const char *path, const void *data, size_t len,
                    struct diags *d);
/* The folder part of `path` ("." when it has none); caller frees. */
char *fs_dirname(const char *path);
/* The last part of `path` without the extension `ext` if it ends so
 * (ext may be NULL); caller frees. */
char *fs_basename(const char *path, const char *ext);
/* `dir`/`name`, or `name` alone when it is absolute; caller frees. */
char *fs_join(const char *dir, const char *name);
/* True when the canonical path `path` is `root` or lies inside it. Both
 * must come from realpath(3). */
bool fs_is_within(const char *root, const char *path);
bool fs_is_dir(const char *path);
bool fs_exists(const char *path);

#endif
