/* cmd_build: `clerk build [DIR] [-o OUT] [-j N] [--force] [--timeout S]`:
 * every report under DIR to OUT, in parallel, rendering only what is out
 * of date.
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
 * diagnostics of different reports never interleave.
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
 * the next build. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/fs.h"
#include "base/limits.h"
#include "base/xalloc.h"
#include "cli/build.h"
#include "cli/cli.h"

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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
		rc = build_write_manifest(j);
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
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "clerk: build: cannot start a worker: %s\n",
		        strerror(errno));
		fclose(j->err);
		j->err = NULL;
		return -1;
	}
	if (pid == 0) {
		/* A process group of its own: a Ctrl-C on the terminal goes
		 * to clerk build alone, which stops each worker's group. */
		setpgid(0, 0);
#ifdef __linux__
		/* A build killed outright takes its workers with it. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(1);
#endif
		(void)parent;
		sigprocmask(SIG_SETMASK, mask, NULL);
		dup2(fileno(j->err), STDERR_FILENO);
		exit(work(j, o));
	}
	/* Both sides set the group, so it exists before either uses it. */
	setpgid(pid, pid);
	j->pid = pid;
	j->state = JOB_RUNNING;
	j->started = now_seconds();
	return 0;
}

/* Sends `sig` to the worker of `j` and everything it started. */
static void signal_worker(const struct job *j, int sig)
{
	if (kill(-j->pid, sig) != 0)
		kill(j->pid, sig);
}

/* Removes what a worker that did not finish may have left: the
 * temporaries of its outputs and manifest. */
static void remove_worker_temporaries(const struct job *j)
{
	for (size_t i = 0; i <= BUILD_FORMATS; i++) {
		char *t = fs_temp_name(i < BUILD_FORMATS ? j->outputs[i]
		                                         : j->deps,
		                       (long)j->pid);
		unlink(t);
		free(t);
	}
}

/* Copies what the worker printed to stderr, whole, then says why it did
 * not finish when it did not. */
static void print_worker_output(struct job *j, int status, double timeout)
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
	if (j->timed_out)
		fprintf(stderr,
		        "%s: error: not rendered: it took longer than the "
		        "limit of %g seconds, so it was stopped (see "
		        "--timeout)\n",
		        j->src, timeout);
	else if (j->state == JOB_STOPPED)
		fprintf(stderr,
		        "%s: error: not rendered: the build was "
		        "interrupted\n",
		        j->src);
	else if (WIFSIGNALED(status))
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
	printf("usage: clerk build [-q|-v] [DIR] [-o OUT] [-j N] [--force] "
	       "[--timeout SECONDS]\n"
	       "Renders every report under DIR (content/) to OUT (out/): "
	       "DIR/A/B.yaml to\nOUT/A/B.html, skipping reports whose inputs "
	       "have not changed since.\n"
	       "  -o OUT             the folder to write to\n"
	       "  -j N               render N reports at once (the number of "
	       "CPUs)\n"
	       "  --force            render every report, changed or not\n"
	       "  --timeout SECONDS  stop a report that takes longer (%d)\n"
	       "A report is a .yaml file with a top-level clerk: or extends: "
	       "key; files and\nfolders named _* are bases for extends: and "
	       "are not rendered.\n"
	       "exit status: 0 all rendered or up to date, 1 a report failed, "
	       "2 bad usage,\n130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP) "
	       "when interrupted.\n",
	       LIMIT_BUILD_REPORT_SECONDS);
	return CLI_OK;
}

static long default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? n : 1;
}

struct counts {
	size_t fresh, rendered, failed, stopped;
};

/* Takes the end of worker `pid` with `status` into `c`. */
static void finish(struct jobs *js, pid_t pid, int status, int stop,
                   double timeout, struct counts *c, struct progress *p)
{
	struct job *j = NULL;
	for (size_t i = 0; i < js->n && !j; i++)
		if (js->items[i].state == JOB_RUNNING &&
		    js->items[i].pid == pid)
			j = &js->items[i];
	if (!j)
		return;
	p->done++;
	bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	if (ok) {
		j->state = JOB_DONE;
		c->rendered++;
	} else if (stop && !j->timed_out) {
		j->state = JOB_STOPPED;
		c->stopped++;
	} else {
		j->state = JOB_FAILED;
		c->failed++;
	}
	if (!ok)
		remove_worker_temporaries(j);
	progress_clear(p);
	print_worker_output(j, status, timeout);
	if (p->current == j->src) {
		p->current = NULL;
		for (size_t i = js->n; i-- > 0 && !p->current;)
			if (js->items[i].state == JOB_RUNNING)
				p->current = js->items[i].src;
	}
	progress_draw(p);
}

/* Waits up to `ns` nanoseconds for a signal of `waited`. SIGINT, SIGTERM
 * or SIGHUP stops the build: `*stop` gets the signal and every running
 * worker's group SIGTERM, to be killed at `*kill_at`; a second one kills
 * at once. SIGCHLD just wakes the caller. */
static void take_signal(const struct jobs *js, const sigset_t *waited, long ns,
                        int *stop, double *kill_at)
{
	int sig = sigtimedwait(waited, NULL, &(struct timespec){0, ns});
	if (sig != SIGINT && sig != SIGTERM && sig != SIGHUP)
		return;
	double now = now_seconds();
	*kill_at = *stop ? now
	                 : now + LIMIT_BUILD_STOP_GRACE_MILLISECONDS / 1000.0;
	if (!*stop)
		for (size_t i = 0; i < js->n; i++)
			if (js->items[i].state == JOB_RUNNING)
				signal_worker(&js->items[i], SIGTERM);
	*stop = sig;
}

/* The seconds of --timeout, or -1 when `v` is not a number of seconds
 * from 0.001 to a day. */
static double parse_seconds(const char *v)
{
	char *end;
	errno = 0;
	double t = strtod(v, &end);
	if (!*v || *end || errno || !(t >= 0.001 && t <= 86400))
		return -1;
	return t;
}

int cmd_build(int argc, char **argv)
{
	const char *dir = NULL, *out = "out";
	long njobs = default_jobs();
	bool force = false;
	double timeout = LIMIT_BUILD_REPORT_SECONDS;
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
		} else if (strcmp(a, "--timeout") == 0 ||
		           strncmp(a, "--timeout=", 10) == 0) {
			const char *v = a[9]           ? a + 10
			                : i + 1 < argc ? argv[++i]
			                               : "";
			timeout = parse_seconds(v);
			if (timeout < 0)
				return cli_usage_error("build: --timeout: "
				                       "expected a number of "
				                       "seconds, got \"%s\"",
				                       v);
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

	/* From here on, SIGINT, SIGTERM and SIGHUP wait to be taken by
	 * sigtimedwait below, so an interrupted build stops its workers,
	 * removes their temporaries and prints its summary. SIGCHLD stays
	 * pending until taken the same way. */
	sigset_t waited, old_mask;
	sigemptyset(&waited);
	sigaddset(&waited, SIGCHLD);
	static const int stops[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
		/* A signal ignored by whoever started the build (nohup, a
		 * background job) stays ignored. */
		struct sigaction sa;
		if (sigaction(stops[i], NULL, &sa) == 0 &&
		    sa.sa_handler != SIG_IGN)
			sigaddset(&waited, stops[i]);
	}
	sigprocmask(SIG_BLOCK, &waited, &old_mask);

	struct progress p = {isatty(STDERR_FILENO), 0, 0, NULL, now_seconds()};
	struct jobs js = {NULL, 0, 0};
	/* The temporaries of a run that was killed outright. */
	size_t stale = fs_remove_stale_temporaries(out, 64);
	if (stale && cli_verbosity > 0)
		fprintf(stderr,
		        "build: removed %zu temporary file%s left by a run "
		        "that was stopped\n",
		        stale, stale == 1 ? "" : "s");
	int rc = build_find_reports(&js, dir, out);
	struct counts c = {0, 0, 0, 0};
	for (size_t i = 0; rc == 0 && i < js.n; i++)
		if (!force && build_up_to_date(&js.items[i])) {
			js.items[i].state = JOB_UP_TO_DATE;
			c.fresh++;
		}
	p.total = js.n - c.fresh;

	struct cli_render_options o = {out, NULL, NULL, true, true};
	size_t next = 0;
	int stop = 0;       /* the signal that interrupted the build */
	double kill_at = 0; /* when stopping workers are killed */
	for (;;) {
		size_t running = 0;
		for (size_t i = 0; i < js.n; i++)
			running += js.items[i].state == JOB_RUNNING;
		/* A signal that came while finding reports or reaping
		 * stops the build before more workers start. */
		take_signal(&js, &waited, 0, &stop, &kill_at);
		while (rc == 0 && !stop && next < js.n &&
		       running < (size_t)njobs) {
			struct job *j = &js.items[next++];
			if (j->state != JOB_STALE)
				continue;
			if (start(j, &o, &old_mask) != 0) {
				j->state = JOB_FAILED;
				c.failed++;
				p.done++;
				continue;
			}
			running++;
			p.current = j->src;
			progress_draw(&p);
		}
		int status = 0;
		pid_t pid = waitpid(-1, &status, WNOHANG);
		if (pid > 0) {
			finish(&js, pid, status, stop, timeout, &c, &p);
			continue;
		}
		if (pid < 0 && errno == EINTR)
			continue;
		if (running == 0 || pid < 0)
			break;
		double now = now_seconds();
		for (size_t i = 0; i < js.n; i++) {
			struct job *j = &js.items[i];
			if (j->state != JOB_RUNNING)
				continue;
			if (!j->timed_out && now - j->started > timeout) {
				j->timed_out = true;
				signal_worker(j, SIGKILL);
			} else if (stop && now >= kill_at) {
				signal_worker(j, SIGKILL);
			}
		}
		/* Wait for a worker to end or a signal, waking every 100 ms
		 * to keep the elapsed time moving and the limits checked. */
		take_signal(&js, &waited, 100000000L, &stop, &kill_at);
		progress_draw(&p);
	}
	progress_clear(&p);
	/* What never started is not rendered either. */
	size_t unstarted = 0;
	for (size_t i = 0; i < js.n; i++)
		if (js.items[i].state == JOB_STALE)
			unstarted++;
	if (stop)
		c.stopped += unstarted;
	sigprocmask(SIG_SETMASK, &old_mask, NULL);

	double took = now_seconds() - p.started;
	if (rc == 0 && stop)
		fprintf(stderr,
		        "build: interrupted by %s: %zu report%s: %zu rendered, "
		        "%zu up to date, %zu failed, %zu not rendered in "
		        "%.1fs\n",
		        stop == SIGINT    ? "SIGINT"
		        : stop == SIGTERM ? "SIGTERM"
		                          : "SIGHUP",
		        js.n, js.n == 1 ? "" : "s", c.rendered, c.fresh,
		        c.failed, c.stopped, took);
	else if (rc == 0 && cli_verbosity >= 0) {
		if (js.n == 0)
			fprintf(stderr, "build: no reports in %s\n", dir);
		else if (c.rendered == 0 && c.failed == 0)
			fprintf(stderr,
			        "build: %zu report%s: nothing to render, all "
			        "up "
			        "to date (%.1fs)\n",
			        js.n, js.n == 1 ? "" : "s", took);
		else
			fprintf(stderr,
			        "build: %zu report%s: %zu rendered, %zu up to "
			        "date, %zu failed in %.1fs\n",
			        js.n, js.n == 1 ? "" : "s", c.rendered, c.fresh,
			        c.failed, took);
	}
	for (size_t i = 0; i < js.n; i++) {
		struct job *j = &js.items[i];
		free(j->src);
		free(j->rel);
		free(j->out_dir);
		free(j->deps);
		for (size_t k = 0; k < BUILD_FORMATS; k++)
			free(j->outputs[k]);
	}
	free(js.items);
	if (stop)
		return 128 + stop;
	if (rc != 0)
		return CLI_BAD_INPUT;
	return c.failed ? CLI_BAD_INPUT : CLI_OK;
}
