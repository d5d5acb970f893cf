/* cmd_build: `clerk build [DIR] [-o OUT] [-j N] [--force]`: every report
 * under DIR to OUT, in parallel, rendering only what is out of date.
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
 * diagnostics of different reports never interleave. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/fs.h"
#include "base/limits.h"
#include "base/xalloc.h"
#include "cli/cli.h"

/* The formats every report is built in: an output file per extension. */
static const char *const formats[] = {"html", "pdf"};
enum { NFORMATS = sizeof formats / sizeof *formats };

#define MANIFEST_HEADER "clerk build manifest 1"

enum job_state { JOB_STALE, JOB_UP_TO_DATE, JOB_RUNNING, JOB_DONE, JOB_FAILED };

struct job {
	char *src;     /* DIR/A/B.yaml, as the diagnostics name it */
	char *rel;     /* A/B: the path below DIR without .yaml */
	char *out_dir; /* OUT/A */
	char *deps;    /* OUT/.clerk/A/B.deps */
	char *outputs[NFORMATS];
	enum job_state state;
	pid_t pid;
	FILE *err; /* the worker's stderr */
};

struct jobs {
	struct job *items;
	size_t n, cap;
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- finding the reports ---- */

/* True when a line of `text` starts with `clerk:` or `extends:`: a key at
 * the top level of a block mapping. */
static bool looks_like_report(const char *text)
{
	if (strncmp(text, "\xEF\xBB\xBF", 3) == 0) /* a byte order mark */
		text += 3;
	for (const char *p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, "clerk:", 6) == 0 ||
		    strncmp(p, "extends:", 8) == 0)
			return true;
	}
	return false;
}

static bool is_report(const char *path)
{
	struct diags d = DIAGS_INIT;
	char *text = NULL;
	size_t len = 0;
	/* A file that cannot be read is a report: rendering says why. */
	bool yes = fs_read(path, (size_t)LIMIT_YAML_FILE_BYTES, &text, &len,
	                   &d) != 0 ||
	           looks_like_report(text);
	free(text);
	diags_free(&d);
	return yes;
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n > m && strcmp(s + n - m, end) == 0;
}

static void add_job(struct jobs *js, const char *dir, const char *rel,
                    const char *out)
{
	js->items = xgrow(js->items, &js->cap, js->n + 1, sizeof *js->items);
	struct job *j = &js->items[js->n++];
	memset(j, 0, sizeof *j);
	j->src = fs_join(dir, rel);
	j->rel = xstrndup(rel, strlen(rel) - 5);
	char *reldir = fs_dirname(j->rel);
	j->out_dir =
	        strcmp(reldir, ".") == 0 ? xstrdup(out) : fs_join(out, reldir);
	free(reldir);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/.clerk/%s.deps", out, j->rel);
	j->deps = buf_detach(&b, NULL);
	for (size_t i = 0; i < NFORMATS; i++) {
		buf_printf(&b, "%s/%s.%s", out, j->rel, formats[i]);
		j->outputs[i] = buf_detach(&b, NULL);
	}
	j->state = JOB_STALE;
}

/* Adds the reports in `dir`/`sub` (sub "" at the top), in name order;
 * `skip` is the canonical path of the output folder. */
static int walk(struct jobs *js, const char *dir, const char *sub,
                const char *out, const char *skip)
{
	char *here = sub[0] ? fs_join(dir, sub) : xstrdup(dir);
	struct dirent **names = NULL;
	int n = scandir(here, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "clerk: build: cannot read the folder %s: %s\n",
		        here, strerror(errno));
		free(here);
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		if (rc == 0 && name[0] != '.' && name[0] != '_') {
			char *rel = sub[0] ? fs_join(sub, name) : xstrdup(name);
			char *path = fs_join(dir, rel);
			char real[PATH_MAX];
			if (fs_is_dir(path)) {
				if (!skip || !realpath(path, real) ||
				    strcmp(real, skip) != 0)
					rc = walk(js, dir, rel, out, skip);
			} else if (ends_with(name, ".yaml") &&
			           is_report(path)) {
				add_job(js, dir, rel, out);
			}
			free(path);
			free(rel);
		}
		free(names[i]);
	}
	free(names);
	free(here);
	return rc;
}

/* ---- manifests ---- */

/* True when the stamp on the line (`size mtime path`) is still true. */
static bool input_same(const char *line)
{
	char *end;
	long long size = strtoll(line, &end, 10);
	if (*end != ' ')
		return false;
	long long mtime = strtoll(end + 1, &end, 10);
	if (*end != ' ')
		return false;
	struct fs_stamp s;
	fs_stamp(end + 1, &s);
	bool same = s.present && s.size == size && s.mtime_ns == mtime;
	free(s.path);
	return same;
}

/* True when `j`'s outputs exist and its manifest says that nothing they
 * were made from has changed. */
static bool up_to_date(const struct job *j)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (!fs_exists(j->outputs[i]))
			return false;
	struct diags d = DIAGS_INIT;
	char *text = NULL;
	size_t len = 0;
	if (fs_read(j->deps, SIZE_MAX / 2, &text, &len, &d) != 0) {
		diags_free(&d);
		return false;
	}
	bool ok = strncmp(text, MANIFEST_HEADER "\n", sizeof MANIFEST_HEADER) ==
	          0;
	size_t outputs = 0;
	for (char *line = text; ok && *line;) {
		char *nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		if (strncmp(line, "output ", 7) == 0) {
			ok = input_same(line + 7);
			outputs++;
		} else if (strncmp(line, "input ", 6) == 0) {
			ok = input_same(line + 6);
		} else if (strncmp(line, "missing ", 8) == 0) {
			struct stat st;
			ok = stat(line + 8, &st) != 0;
		}
		line = nl + 1;
	}
	free(text);
	return ok && outputs == NFORMATS;
}

/* Writes `j`'s manifest from what this process recorded. */
static int write_manifest(const struct job *j)
{
	struct diags d = DIAGS_INIT;
	struct buf b = BUF_INIT;
	int rc = 0;
	/* A path with a newline cannot be listed: without a manifest the
	 * report is simply rendered on every build. */
	bool listable = true;
	buf_puts(&b, MANIFEST_HEADER "\n");
	size_t n;
	const struct fs_stamp *in = fs_recorded(&n);
	for (size_t i = 0; i < n; i++) {
		if (strchr(in[i].path, '\n'))
			listable = false;
		else if (in[i].present)
			buf_printf(&b, "input %lld %lld %s\n", in[i].size,
			           in[i].mtime_ns, in[i].path);
		else
			buf_printf(&b, "missing %s\n", in[i].path);
	}
	for (size_t i = 0; i < NFORMATS; i++) {
		struct fs_stamp s;
		fs_stamp(j->outputs[i], &s);
		if (strchr(s.path, '\n'))
			listable = false;
		if (!s.present) {
			diag_error(&d, (struct pos){j->src, 0, 0},
			           "rendered, but %s was not written",
			           j->outputs[i]);
			rc = -1;
		}
		buf_printf(&b, "output %lld %lld %s\n", s.size, s.mtime_ns,
		           s.path);
		free(s.path);
	}
	char *dir = fs_dirname(j->deps);
	if (rc == 0 && listable)
		rc = fs_make_dirs(dir, &d);
	if (rc == 0 && listable)
		rc = fs_write_atomic(j->deps, b.data, b.len, &d);
	free(dir);
	buf_free(&b);
	cli_print_diags(&d);
	diags_free(&d);
	return rc;
}

/* ---- workers ---- */

/* In the worker: renders `j` and records what it read. */
static int work(const struct job *j, const struct cli_render_options *base)
{
	/* Until the new manifest is written, the report is out of date. */
	unlink(j->deps);
	struct cli_render_options o = *base;
	o.out_dir = j->out_dir;
	fs_record_start();
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		fs_record(self);
	}
	int rc = cli_render_one(j->src, &o);
	if (rc == 0)
		rc = write_manifest(j);
	fs_record_stop();
	fflush(stderr);
	return rc == 0 ? 0 : 1;
}

static int start(struct job *j, const struct cli_render_options *o,
                 const sigset_t *mask)
{
	fflush(stdout);
	fflush(stderr);
	j->err = tmpfile();
	if (!j->err) {
		fprintf(stderr,
		        "clerk: build: cannot make a temporary file: %s\n",
		        strerror(errno));
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "clerk: build: cannot start a worker: %s\n",
		        strerror(errno));
		fclose(j->err);
		j->err = NULL;
		return -1;
	}
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, mask, NULL);
		dup2(fileno(j->err), STDERR_FILENO);
		exit(work(j, o));
	}
	j->pid = pid;
	j->state = JOB_RUNNING;
	return 0;
}

/* Copies what the worker printed to stderr, whole. */
static void print_worker_output(struct job *j, int status)
{
	bool said = false;
	if (j->err) {
		rewind(j->err);
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, j->err)) > 0) {
			fwrite(chunk, 1, n, stderr);
			said = true;
		}
		fclose(j->err);
		j->err = NULL;
	}
	if (WIFSIGNALED(status))
		fprintf(stderr,
		        "%s: error: the renderer stopped on signal %d\n",
		        j->src, WTERMSIG(status));
	else if (j->state == JOB_FAILED && !said)
		fprintf(stderr, "%s: error: not rendered\n", j->src);
	fflush(stderr);
}

/* ---- the command ---- */

struct progress {
	bool tty;
	size_t done, total;
	const char *current;
	double started;
};

static void progress_draw(const struct progress *p)
{
	if (!p->tty || cli_verbosity < 0)
		return;
	fprintf(stderr, "\r\033[K[%zu/%zu] %s%s%.1fs", p->done, p->total,
	        p->current ? p->current : "", p->current ? " " : "",
	        now_seconds() - p->started);
	fflush(stderr);
}

static void progress_clear(const struct progress *p)
{
	if (p->tty && cli_verbosity >= 0)
		fputs("\r\033[K", stderr);
}

static int usage(void)
{
	printf("usage: clerk build [-q|-v] [DIR] [-o OUT] [-j N] [--force]\n"
	       "Renders every report under DIR (content/) to OUT (out/): "
	       "DIR/A/B.yaml to\nOUT/A/B.html, skipping reports whose inputs "
	       "have not changed since.\n"
	       "  -o OUT      the folder to write to\n"
	       "  -j N        render N reports at once (the number of CPUs)\n"
	       "  --force     render every report, changed or not\n"
	       "A report is a .yaml file with a top-level clerk: or extends: "
	       "key; files and\nfolders named _* are bases for extends: and "
	       "are not rendered.\n"
	       "exit status: 0 all rendered or up to date, 1 a report failed, "
	       "2 bad usage.\n");
	return CLI_OK;
}

static long default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? n : 1;
}

int cmd_build(int argc, char **argv)
{
	const char *dir = NULL, *out = "out";
	long njobs = default_jobs();
	bool force = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return usage();
		if (strcmp(a, "--force") == 0) {
			force = true;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (i + 1 >= argc || !argv[i + 1][0])
				return cli_usage_error("build: %s needs a "
				                       "folder",
				                       a);
			out = argv[++i];
		} else if (strncmp(a, "-j", 2) == 0) {
			const char *v = a[2]           ? a + 2
			                : i + 1 < argc ? argv[++i]
			                               : "";
			char *end;
			errno = 0;
			njobs = strtol(v, &end, 10);
			if (!*v || *end || errno || njobs < 1 || njobs > 1024)
				return cli_usage_error("build: -j: expected a "
				                       "number from 1 to "
				                       "1024, got \"%s\"",
				                       v);
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("build: unknown option '%s'", a);
		} else if (dir) {
			return cli_usage_error("build: one folder at a time, "
			                       "got \"%s\" and \"%s\"",
			                       dir, a);
		} else {
			dir = a;
		}
	}
	if (!dir)
		dir = "content";
	if (!fs_is_dir(dir)) {
		fprintf(stderr, "clerk: build: %s is not a folder\n", dir);
		return CLI_BAD_INPUT;
	}

	struct progress p = {isatty(STDERR_FILENO), 0, 0, NULL, now_seconds()};
	struct jobs js = {NULL, 0, 0};
	char skip[PATH_MAX];
	int rc = walk(&js, dir, "", out, realpath(out, skip) ? skip : NULL);
	size_t fresh = 0, rendered = 0, failed = 0;
	for (size_t i = 0; rc == 0 && i < js.n; i++)
		if (!force && up_to_date(&js.items[i])) {
			js.items[i].state = JOB_UP_TO_DATE;
			fresh++;
		}
	p.total = js.n - fresh;

	struct cli_render_options o = {out, NULL, NULL, true, true};
	size_t next = 0, running = 0;
	/* SIGCHLD stays pending until sigtimedwait takes it. */
	sigset_t chld, old_mask;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old_mask);
	while (rc == 0 && (next < js.n || running > 0)) {
		while (next < js.n && running < (size_t)njobs) {
			struct job *j = &js.items[next++];
			if (j->state != JOB_STALE)
				continue;
			if (start(j, &o, &old_mask) != 0) {
				j->state = JOB_FAILED;
				failed++;
				p.done++;
				continue;
			}
			running++;
			p.current = j->src;
			progress_draw(&p);
		}
		if (running == 0)
			break;
		int status = 0;
		pid_t pid = waitpid(-1, &status, WNOHANG);
		if (pid == 0) {
			/* Wait for a worker to end, waking every 100 ms to
			 * keep the elapsed time moving on a terminal. */
			sigtimedwait(&chld, NULL,
			             &(struct timespec){0, 100000000L});
			progress_draw(&p);
			continue;
		}
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		struct job *j = NULL;
		for (size_t i = 0; i < js.n && !j; i++)
			if (js.items[i].state == JOB_RUNNING &&
			    js.items[i].pid == pid)
				j = &js.items[i];
		if (!j)
			continue;
		running--;
		p.done++;
		bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
		j->state = ok ? JOB_DONE : JOB_FAILED;
		if (ok)
			rendered++;
		else
			failed++;
		progress_clear(&p);
		print_worker_output(j, status);
		if (p.current == j->src) {
			p.current = NULL;
			for (size_t i = js.n; i-- > 0 && !p.current;)
				if (js.items[i].state == JOB_RUNNING)
					p.current = js.items[i].src;
		}
		progress_draw(&p);
	}
	progress_clear(&p);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);

	double took = now_seconds() - p.started;
	if (rc == 0 && cli_verbosity >= 0) {
		if (js.n == 0)
			fprintf(stderr, "build: no reports in %s\n", dir);
		else if (rendered == 0 && failed == 0)
			fprintf(stderr,
			        "build: %zu report%s: nothing to render, all "
			        "up "
			        "to date (%.1fs)\n",
			        js.n, js.n == 1 ? "" : "s", took);
		else
			fprintf(stderr,
			        "build: %zu report%s: %zu rendered, %zu up to "
			        "date, %zu failed in %.1fs\n",
			        js.n, js.n == 1 ? "" : "s", rendered, fresh,
			        failed, took);
	}
	for (size_t i = 0; i < js.n; i++) {
		struct job *j = &js.items[i];
		free(j->src);
		free(j->rel);
		free(j->out_dir);
		free(j->deps);
		for (size_t k = 0; k < NFORMATS; k++)
			free(j->outputs[k]);
	}
	free(js.items);
	if (rc != 0)
		return CLI_BAD_INPUT;
	return failed ? CLI_BAD_INPUT : CLI_OK;
}
