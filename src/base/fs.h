/* fs: reading whole files, recording them as inputs, writing files
 * atomically, and path arithmetic.
 *
 * Output files are written to a temporary name in the same folder and then
 * renamed, so a failure never leaves a half-written file in place of a good
 * one. What a reader returns belongs to its caller (each function says how
 * to free it); what a recorder notes belongs to the recorder, whose owner
 * hands it to the readers explicitly: there is no process-wide state but
 * the list of temporaries being written, kept for the signal handlers,
 * and the stall pattern of tests (fs_test_stall). */
#ifndef CLERK_BASE_FS_H
#define CLERK_BASE_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

/* Reads the whole file at `path` into a NUL-terminated buffer the caller
 * frees (`*len` bytes, not counting the NUL; a file may hold NULs).
 *
 * Only a regular file is read (a link to one is followed). A FIFO, a
 * device, a socket or a folder is refused with "is a FIFO (a named pipe),
 * not a file" and the like, without waiting: the file is opened with
 * O_NONBLOCK, checked with fstat(2) on the open descriptor (so it cannot
 * be swapped between the check and the read), and only then made
 * blocking. Reading stops at `max_bytes` even when the file grows or its
 * size says 0, as /proc files do.
 *
 * Fails (returns -1 with a diagnostic naming `path`) when the file cannot
 * be opened or read, is not a regular file or is larger than `max_bytes`.
 * Nothing is recorded; fs_read_noted is the reader that records. */
int fs_read(const char *path, size_t max_bytes, char **out, size_t *len,
            struct diags *d);
/* fs_read for a file that another file named: a problem is reported at
 * `at` (the YAML value of `extends:`, the hook's entry, the partial's tag)
 * as `subject` and the problem, e.g. "extends: 'plan.yaml' is a folder,
 * not a file". `at.file` NULL means `path` itself; `subject` NULL gives
 * fs_read's messages. Images, logos and CSS are read into memory through
 * this too. */
int fs_read_at(const char *path, struct pos at, const char *subject,
               size_t max_bytes, char **out, size_t *len, struct diags *d);
struct fs_recorder;
/* fs_read_at that also notes the file read in `rec` (below), with its size
 * and time as read; `rec` NULL records nothing. The readers of a report's
 * inputs (load, theme, partials, hooks, images) read through this. */
int fs_read_noted(struct fs_recorder *rec, const char *path, struct pos at,
                  const char *subject, size_t max_bytes, char **out,
                  size_t *len, struct diags *d);
struct fs_stamp;
/* fs_read_noted that also stamps what it read in `*stamp` (NULL: not),
 * for a cache of what is made from the file (fs_unchanged_noted);
 * `stamp->path` is the caller's to free. */
int fs_read_stamped(struct fs_recorder *rec, const char *path, struct pos at,
                    const char *subject, size_t max_bytes, char **out,
                    size_t *len, struct fs_stamp *stamp, struct diags *d);
/* Writes `len` bytes to `path` through a temporary file and rename(2).
 * Returns 0, or -1 with a diagnostic; on failure `path` is untouched. */
int fs_write_atomic(const char *path, const void *data, size_t len,
                    struct diags *d);
/* One file of a set written together. */
struct fs_output {
	const char *path;
	const void *data;
	size_t len;
};
/* Writes the `n` files (at most 8) of `outs` as one: each to its
 * temporary `PATH.tmp.PID` (fs_temp_name) in its own folder, and only
 * when every one is whole are they renamed into place, so a failure (a
 * full disk, a file size limit) replaces none of them and leaves no
 * temporary behind. Returns 0, or -1 with a diagnostic naming the file
 * that failed. (The renames follow one another; only a rename that fails
 * on a folder just written to could part a pair, and none does.) */
int fs_write_all_atomic(const struct fs_output *outs, size_t n,
                        struct diags *d);
/* The temporary name clerk writes `path` under in process `pid`:
 * `PATH.tmp.PID`; caller frees. */
char *fs_temp_name(const char *path, long pid);
/* Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGQUIT (those not
 * ignored already) that remove the temporaries this process is writing
 * and then end the process by that signal; ignores SIGXFSZ, so a file
 * size limit is a write error. Call once at start; a forked child keeps
 * them. */
void fs_remove_temporaries_on_signals(void);
/* For tests only (the CLERK_TEST_STALL environment variable sets it):
 * fs_write_all_atomic of files whose path contains `pattern` waits
 * forever once their temporaries are written, before renaming them: a
 * render that hangs, to test timeouts and signals. NULL turns it off. */
void fs_test_stall(const char *pattern);
/* Removes the temporaries `NAME.html.tmp.PID` (and .pdf, .deps, .json)
 * in `dir` and its folders `depth` levels down whose process PID is no
 * longer running: those of a run that was killed. Links are not
 * followed. Returns how many were removed. */
size_t fs_remove_stale_temporaries(const char *dir, int depth);
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
/* True when `path` exists. */
bool fs_exists(const char *path);
/* fs_exists that notes a path found missing in `rec` (NULL: nowhere) as
 * an input: creating it later could change the output (a council's own
 * partial that would override the default one). */
bool fs_exists_noted(struct fs_recorder *rec, const char *path);

/* Recording the inputs of an output.
 *
 * A recorder is a list its owner keeps (one per report rendered) and
 * hands to the readers: every file fs_read_noted reads and every path
 * fs_exists_noted finds missing is noted once, in the order first seen,
 * with its size and modification time at that moment, so that `clerk
 * build` can later tell whether an output is out of date. Nothing records
 * without being handed a recorder. */
struct fs_stamp {
	char *path;         /* absolute (the working folder prefixed) */
	bool present;       /* false: the path did not exist */
	long long size;     /* bytes; 0 when missing */
	long long mtime_ns; /* nanoseconds since the epoch; 0 when missing */
};
/* The inputs noted; the stamps and their paths belong to the recorder,
 * freed by fs_recorder_free. */
struct fs_recorder {
	struct fs_stamp *items;
	size_t n, cap;
};
#define FS_RECORDER_INIT   \
	{                  \
		NULL, 0, 0 \
	}
/* Notes `path` as an input as it is now; for files read without
 * fs_read_noted. `rec` NULL: nothing. */
void fs_recorder_note(struct fs_recorder *rec, const char *path);
/* For a cache of what was made from a file read earlier, perhaps by the
 * process this one was forked from: true when `path` is still the regular
 * file `was` stamps (fs_read_stamped; the same absolute path, size and
 * modification time), which is then noted in `rec` as fs_read_noted
 * would have noted it; false, noting nothing, when the caller must read
 * the file again. */
bool fs_unchanged_noted(struct fs_recorder *rec, const char *path,
                        const struct fs_stamp *was);
/* For a cache of what was made from the inputs `was` noted: true when
 * each is still as noted (a file of the same size and modification time,
 * a missing path still missing). */
bool fs_recorder_unchanged(const struct fs_recorder *was);
/* Notes in `rec` (NULL: nothing) each input `from` noted, as it was
 * noted there, those `rec` has already aside. */
void fs_recorder_add(struct fs_recorder *rec, const struct fs_recorder *from);
/* Frees what `rec` noted and empties it. */
void fs_recorder_free(struct fs_recorder *rec);
/* Stamps `path` as it is now. `out->path` is `path` made absolute, which
 * the caller frees. */
void fs_stamp(const char *path, struct fs_stamp *out);

#endif
