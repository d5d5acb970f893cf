/* build: the pool of workers that renders the reports of a build. */
#include "build/build.h"

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
#include "build/internal.h"

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- workers ---- */

/* In the worker: renders `j` and records what it read. */
static int work(const struct job *j, const struct build_options *o)
{
	/* Until the new manifest is written, the report is out of date. */
	unlink(j->deps);
	struct fs_recorder rec = FS_RECORDER_INIT;
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		fs_recorder_note(&rec, self);
	}
	int rc = o->render(o->closure, j->src, j->out_dir, &rec);
	if (rc == 0)
		rc = build_write_manifest(j, &rec, o->verbosity < 0);
	fs_recorder_free(&rec);
	fflush(stderr);
	return rc == 0 ? 0 : 1;
}

static int start(struct job *j, const struct build_options *o,
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

/* The warnings printed so far in this build. Reports that extend one
 * plan raise the same warnings about it; each is printed once, with the
 * first report that raised it. */
struct printed {
	char **warnings;
	size_t n, cap;
};

/* Whether line `s` (`n` bytes) starts a diagnostic of `level`:
 * "FILE[:LINE[:COL]]: LEVEL: ...". */
static bool starts_diag(const char *s, size_t n, const char *level)
{
	char tag[16];
	size_t len = (size_t)snprintf(tag, sizeof tag, ": %s: ", level);
	if (n == 0 || s[0] == ' ')
		return false;
	for (size_t i = 1; i + len <= n; i++)
		if (memcmp(s + i, tag, len) == 0)
			return true;
	return false;
}

/* Prints one diagnostic block (a line and the lines that go with it:
 * its quoted source, its notes) of the worker of `j`, unless it is a
 * warning already printed. A warning about another file than the report
 * is followed by a note naming the report that raised it. */
static void print_block(const struct job *j, const char *s, size_t n,
                        struct printed *seen)
{
	if (n == 0)
		return;
	bool warning = starts_diag(s, strcspn(s, "\n"), "warning");
	if (warning) {
		for (size_t i = 0; i < seen->n; i++)
			if (strlen(seen->warnings[i]) == n &&
			    memcmp(seen->warnings[i], s, n) == 0)
				return;
		seen->warnings = xgrow(seen->warnings, &seen->cap, seen->n + 1,
		                       sizeof *seen->warnings);
		seen->warnings[seen->n++] = xstrndup(s, n);
	}
	fwrite(s, 1, n, stderr);
	size_t file = strcspn(s, ":");
	if (warning && (strlen(j->src) != file || memcmp(s, j->src, file) != 0))
		fprintf(stderr,
		        "%s: note: the report that raised the warning "
		        "above\n",
		        j->src);
}

/* Copies what the worker printed to stderr, block by block (warnings
 * printed before left out), then says why it did not finish when it did
 * not. */
static void print_worker_output(struct job *j, int status, double timeout,
                                struct printed *seen)
{
	bool said = false;
	if (j->err) {
		rewind(j->err);
		struct buf all = BUF_INIT;
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, j->err)) > 0)
			buf_put(&all, chunk, n);
		fclose(j->err);
		j->err = NULL;
		said = all.len > 0;
		/* A block starts at an error or warning line; notes and
		 * indented lines belong to the block before them. */
		size_t start = 0;
		for (size_t at = 0; at < all.len;) {
			const char *line = all.data + at;
			size_t len = strcspn(line, "\n");
			if (at > start && (starts_diag(line, len, "error") ||
			                   starts_diag(line, len, "warning"))) {
				print_block(j, all.data + start, at - start,
				            seen);
				start = at;
			}
			at += len + (at + len < all.len);
		}
		print_block(j, all.data + start, all.len - start, seen);
		buf_free(&all);
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

/* ---- the pool ---- */

struct progress {
	bool tty; /* stderr is a terminal and -q was not given */
	size_t done, total;
	const char *current;
	double started;
};

static void progress_draw(const struct progress *p)
{
	if (!p->tty)
		return;
	fprintf(stderr, "\r\033[K[%zu/%zu] %s%s%.1fs", p->done, p->total,
	        p->current ? p->current : "", p->current ? " " : "",
	        now_seconds() - p->started);
	fflush(stderr);
}

static void progress_clear(const struct progress *p)
{
	if (p->tty)
		fputs("\r\033[K", stderr);
}

struct counts {
	size_t fresh, rendered, failed, stopped;
};

/* Takes the end of worker `pid` with `status` into `c`. */
static void finish(struct jobs *js, pid_t pid, int status, int stop,
                   double timeout, struct counts *c, struct progress *p,
                   struct printed *seen)
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
	print_worker_output(j, status, timeout, seen);
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

int build_run(const struct build_options *o, struct build_summary *s)
{
	const char *dir = o->dir, *out = o->out;
	size_t njobs = (size_t)o->jobs;
	double timeout = o->timeout;
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

	struct progress p = {isatty(STDERR_FILENO) && o->verbosity >= 0, 0, 0,
	                     NULL, now_seconds()};
	struct jobs js = {NULL, 0, 0};
	/* The temporaries of a run that was killed outright. */
	size_t stale = fs_remove_stale_temporaries(out, 64);
	if (stale && o->verbosity > 0)
		fprintf(stderr,
		        "build: removed %zu temporary file%s left by a run "
		        "that was stopped\n",
		        stale, stale == 1 ? "" : "s");
	int rc = build_find_reports(&js, dir, out, o->verbosity < 0);
	struct counts c = {0, 0, 0, 0};
	struct printed seen = {NULL, 0, 0};
	for (size_t i = 0; rc == 0 && i < js.n; i++)
		if (!o->force && build_up_to_date(&js.items[i])) {
			js.items[i].state = JOB_UP_TO_DATE;
			c.fresh++;
		}
	p.total = js.n - c.fresh;

	size_t next = 0;
	bool warmed = false;
	int stop = 0;       /* the signal that interrupted the build */
	double kill_at = 0; /* when stopping workers are killed */
	for (;;) {
		size_t running = 0;
		for (size_t i = 0; i < js.n; i++)
			running += js.items[i].state == JOB_RUNNING;
		/* A signal that came while finding reports or reaping
		 * stops the build before more workers start. */
		take_signal(&js, &waited, 0, &stop, &kill_at);
		while (rc == 0 && !stop && next < js.n && running < njobs) {
			struct job *j = &js.items[next++];
			if (j->state != JOB_STALE)
				continue;
			if (!warmed && o->warm)
				o->warm(o->closure);
			warmed = true;
			if (start(j, o, &old_mask) != 0) {
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
			finish(&js, pid, status, stop, timeout, &c, &p, &seen);
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

	*s = (struct build_summary){
	        .reports = js.n,
	        .rendered = c.rendered,
	        .fresh = c.fresh,
	        .failed = c.failed,
	        .stopped = c.stopped,
	        .signal = stop,
	        .seconds = now_seconds() - p.started,
	};
	build_free_jobs(&js);
	for (size_t i = 0; i < seen.n; i++)
		free(seen.warnings[i]);
	free(seen.warnings);
	return rc;
}
