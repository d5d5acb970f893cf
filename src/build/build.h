/* build: every report under a folder DIR to a folder OUT, in parallel,
 * rendering only what is out of date (the engine of `clerk build`).
 *
 * Reports. Every file under DIR whose name ends in `.yaml` and whose top
 * level has a `clerk:` or an `extends:` key is a report, except files and
 * folders whose names start with `_` (bases that only exist to be
 * extended) or `.`, and the OUT folder. The report DIR/A/B.yaml is written
 * to OUT/A/B.html (and OUT/A/B.pdf), so two councils' files of the same
 * name never collide.
 *
 * Up to date. Each rendered report leaves a manifest OUT/.clerk/A/B.deps
 * listing its outputs and every input the render read, with size and
 * modification time as they were read: the report and the files it
 * extends, the brand.yaml files, logo and CSS of its theme, each template
 * and partial it used, each hook and Lua module, clerk's own program, and
 * the paths that were looked for and missing (a council's partial that
 * would override the default one). A report is rendered again when its
 * manifest is missing or any of these differs; a failed report has no
 * manifest, so it is tried again every time.
 *
 * Parallel. Each report renders in a process of its own (hooks use a
 * process-wide timer), at most N at once; a worker's stderr goes to a
 * temporary file that is printed whole when the worker ends, so the
 * diagnostics of different reports never interleave. Each worker is
 * forked from the build's process, so what build_options.warm loads
 * (`clerk build` loads the themes, compiles their templates and the hook
 * library, asks fontconfig for their fonts and reads their faces) is
 * shared copy-on-write by every worker; it is called once, before the
 * first worker starts, and not at all when every report is up to date.
 *
 * Links. Each folder and report is taken once by device and inode: a
 * link back to a folder above is a loop and is not followed, and a report
 * reachable under two paths is rendered under the first (a link that
 * stays inside DIR is never followed: its target is built under its own
 * name). Each is a warning.
 *
 * Limits and signals. A worker runs in a process group of its own; one
 * that takes longer than --timeout (LIMIT_BUILD_REPORT_SECONDS) is killed
 * and its report failed, while the others go on. On SIGINT, SIGTERM or
 * SIGHUP the build starts nothing more, sends SIGTERM to each worker's
 * group (SIGKILL after LIMIT_BUILD_STOP_GRACE_MILLISECONDS or a second
 * signal), prints the summary so far and exits 128 + the signal. The
 * temporaries of a worker that did not finish are removed by name
 * (`OUTPUT.tmp.PID`), and those of a run killed outright are removed by
 * the next build.
 *
 * What it prints. The diagnostics of each worker, whole, except a
 * warning printed before (reports that extend one plan raise the same
 * warnings about it: each is printed once, and one about a file other
 * than the report is followed by a note naming the report that raised
 * it), a warning for each link not followed and, on a terminal, a
 * progress line, all on stderr; the summary of the build is the caller's to
 * print. Rendering one report is the caller's too (build_options.render), so
 * this module knows nothing of reports beyond their names and manifests. */
#ifndef CLERK_BUILD_BUILD_H
#define CLERK_BUILD_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/fs.h"

struct build_options {
	const char *dir; /* the folder of reports */
	const char *out; /* the folder to write to */
	long jobs;       /* reports rendered at once, 1 or more */
	bool force;      /* render every report, changed or not */
	double timeout;  /* seconds one report may take */
	int verbosity;   /* -1 errors only, 0 default, 1 more */
	/* Renders the report at `src` into the folder `out_dir`, in the
	 * worker process, printing its diagnostics to stderr; returns 0 or
	 * -1. It notes every input it reads in `rec` (base/fs.h), which the
	 * worker writes to the report's manifest. */
	int (*render)(void *closure, const char *src, const char *out_dir,
	              struct fs_recorder *rec);
	/* Loads, in the build's process, what every worker shares; NULL:
	 * nothing. */
	void (*warm)(void *closure);
	void *closure;
};

/* What a build did, for its summary. */
struct build_summary {
	size_t reports;  /* found under DIR */
	size_t rendered; /* rendered now */
	size_t fresh;    /* up to date, not rendered */
	size_t failed;
	size_t stopped; /* not rendered: the build was interrupted */
	int signal;     /* the signal that interrupted it, or 0 */
	double seconds; /* how long it took */
};

/* Builds every report under o->dir into o->out as the module comment
 * says. Returns 0 when it ran (`*s` says how each report went, and
 * whether a signal stopped it), or -1 when a folder could not be read
 * (said on stderr). */
int build_run(const struct build_options *o, struct build_summary *s);

/* The reports under `dir`, found as a build finds them (see the top of
 * this file), in name order: `*paths` holds `*n` paths DIR/A/B.yaml, each
 * and the array the caller's to free. Returns 0, or -1 when a folder
 * cannot be read (said on stderr; what was found is still returned). */
int build_list_reports(const char *dir, char ***paths, size_t *n);
/* Whether the YAML file at `path` is a report as a build finds one: a
 * line starting `clerk:` or `extends:` (a file that cannot be read
 * counts as one, so that rendering it says why). */
bool build_is_report(const char *path);

#endif
