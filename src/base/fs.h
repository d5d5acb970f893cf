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
/* Makes the folder `path` and any missing parents (mkdir -p). Returns 0,
 * or -1 with a diagnostic naming `path`. */
int fs_make_dirs(const char *path, struct diags *d);
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
/* True when `path` exists. While recording (below), a path found missing
 * is noted as an input: creating it later could change the output (a
 * council's own partial that would override the default one). */
bool fs_exists(const char *path);

/* Recording the inputs of an output.
 *
 * While recording is on, every file fs_read reads and every path
 * fs_exists finds missing is noted once, in the order first seen, with
 * its size and modification time at that moment, so that `clerk build`
 * can later tell whether an output is out of date. Recording is per
 * process (clerk build renders each report in a process of its own), off
 * until fs_record_start. */
struct fs_stamp {
	char *path;         /* absolute (the working folder prefixed) */
	bool present;       /* false: the path did not exist */
	long long size;     /* bytes; 0 when missing */
	long long mtime_ns; /* nanoseconds since the epoch; 0 when missing */
};
/* Starts recording, forgetting anything recorded before. */
void fs_record_start(void);
/* Notes `path` as an input as it is now; for files read without
 * fs_read. Does nothing when recording is off. */
void fs_record(const char *path);
/* The inputs noted so far; borrowed, valid until the next fs_record* call
 * that changes them. `*n` gets the count. */
const struct fs_stamp *fs_recorded(size_t *n);
/* Stops recording and frees what was recorded. */
void fs_record_stop(void);
/* Stamps `path` as it is now. `out->path` is `path` made absolute, which
 * the caller frees. */
void fs_stamp(const char *path, struct fs_stamp *out);

#endif
