/* build internals: what the two files of the build module share (build.c
 * runs the workers; scan.c finds the reports and keeps their manifests).
 * Internal to src/build; the module's manual is build/build.h. */
#ifndef CLERK_BUILD_INTERNAL_H
#define CLERK_BUILD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "base/fs.h"

/* The formats every report is built in, html and pdf: an output file
 * each. */
enum { BUILD_FORMATS = 2 };

enum job_state {
	JOB_STALE,
	JOB_UP_TO_DATE,
	JOB_RUNNING,
	JOB_DONE,
	JOB_FAILED,
	JOB_STOPPED /* not rendered: the build was interrupted */
};

struct job {
	char *src;     /* DIR/A/B.yaml, as the diagnostics name it */
	char *rel;     /* A/B: the path below DIR without .yaml */
	char *out_dir; /* OUT/A */
	char *deps;    /* OUT/.clerk/A/B.deps */
	char *outputs[BUILD_FORMATS]; /* OUT/A/B.html, OUT/A/B.pdf */
	enum job_state state;
	pid_t pid;
	FILE *err;      /* the worker's stderr */
	double started; /* when the worker started (CLOCK_MONOTONIC) */
	bool timed_out; /* killed for running past the time limit */
};

struct jobs {
	struct job *items;
	size_t n, cap;
};

/* Adds a JOB_STALE job to `js` for every report under `dir`, in name
 * order, each folder and report once (see build.h on links); prints a
 * warning for each link not followed, unless `quiet`. Returns 0, or -1
 * when a folder cannot be read (said on stderr). */
int build_find_reports(struct jobs *js, const char *dir, const char *out,
                       bool quiet);
/* Frees every job of `js` and its array, and empties it. */
void build_free_jobs(struct jobs *js);
/* True when `j`'s outputs exist and its manifest says that nothing they
 * were made from has changed. */
bool build_up_to_date(const struct job *j);
/* In the worker, after rendering: writes `j`'s manifest from the inputs
 * the render noted in `rec`. Returns 0, or -1 with the problem printed
 * (errors only when `quiet`). */
int build_write_manifest(const struct job *j, const struct fs_recorder *rec,
                         bool quiet);

#endif
