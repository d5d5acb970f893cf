/* fs: file reading, atomic writing, paths. */
#include "base/fs.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/xalloc.h"

static char *absolute(const char *path)
{
	if (path[0] == '/')
		return xstrdup(path);
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return xstrdup(path);
	char *p = fs_join(cwd,
	                  path[0] == '.' && path[1] == '/' ? path + 2 : path);
	free(cwd);
	return p;
}

/* The stamp of `path` from `st` (NULL: missing). */
static void stamp_of(const char *path, const struct stat *st,
                     struct fs_stamp *out)
{
	out->path = absolute(path);
	out->present = st != NULL;
	out->size = st ? (long long)st->st_size : 0;
	out->mtime_ns = st ? (long long)st->st_mtim.tv_sec * 1000000000LL +
	                                st->st_mtim.tv_nsec
	                   : 0;
}

/* Records `path` with its status `st` (NULL: missing) once in `rec`
 * (NULL: nowhere). */
static void note(struct fs_recorder *rec, const char *path,
                 const struct stat *st)
{
	if (!rec)
		return;
	struct fs_stamp s;
	stamp_of(path, st, &s);
	for (size_t i = 0; i < rec->n; i++)
		if (strcmp(rec->items[i].path, s.path) == 0) {
			free(s.path);
			return;
		}
	rec->items =
	        xgrow(rec->items, &rec->cap, rec->n + 1, sizeof *rec->items);
	rec->items[rec->n++] = s;
}

/* What `mode` is, for a file that is not a regular one. */
static const char *kind_of(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISFIFO(mode))
		return "a FIFO (a named pipe)";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "a special file";
}

/* Adds the error `fmt` at `at`, after `subject` and a space when there is
 * one: "extends: 'plan.yaml' is a folder, not a file". */
static void read_error(struct diags *d, struct pos at, const char *subject,
                       const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
static void read_error(struct diags *d, struct pos at, const char *subject,
                       const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	if (subject)
		buf_printf(&b, "%s ", subject);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_error(d, at, "%s", buf_cstr(&b));
	buf_free(&b);
}

/* Opens `path` for reading when it is a regular file, without waiting
 * on a FIFO or a device. Returns the descriptor with `*st` filled, or -1
 * with errno set; `*irregular` is set (and `*st` filled) when the file
 * opened but is not a regular file. */
static int open_regular(const char *path, struct stat *st, bool *irregular)
{
	*irregular = false;
	/* O_NONBLOCK: opening a FIFO for reading waits for a writer, and a
	 * device can wait for its line; neither is what clerk reads. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -1;
	int err = 0;
	if (fstat(fd, st) != 0) {
		err = errno;
	} else if (!S_ISREG(st->st_mode)) {
		*irregular = true;
		err = EINVAL;
	} else {
		/* A regular file: reads block as usual from here on. */
		int fl = fcntl(fd, F_GETFL);
		if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
			err = errno;
	}
	if (err) {
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

int fs_read_noted(struct fs_recorder *rec, const char *path, struct pos at,
                  const char *subject, size_t max_bytes, char **out,
                  size_t *len, struct diags *d)
{
	return fs_read_stamped(rec, path, at, subject, max_bytes, out, len,
	                       NULL, d);
}

int fs_read_stamped(struct fs_recorder *rec, const char *path, struct pos at,
                    const char *subject, size_t max_bytes, char **out,
                    size_t *len, struct fs_stamp *stamp, struct diags *d)
{
	if (!at.file)
		at = (struct pos){path, 0, 0};
	struct stat st;
	bool irregular;
	int fd = open_regular(path, &st, &irregular);
	if (fd < 0 && irregular) {
		read_error(d, at, subject, "is %s, not a file",
		           kind_of(st.st_mode));
		return -1;
	}
	if (fd < 0) {
		if (subject)
			read_error(d, at, subject, "cannot be opened: %s",
			           strerror(errno));
		else
			diag_error(d, at, "cannot open: %s", strerror(errno));
		return -1;
	}
	if ((unsigned long long)st.st_size > max_bytes) {
		read_error(d, at, subject,
		           "%s%lld bytes, larger than the limit of %zu bytes",
		           subject ? "is " : "file is ", (long long)st.st_size,
		           max_bytes);
		close(fd);
		return -1;
	}
	struct buf b = BUF_INIT;
	buf_reserve(&b, (size_t)st.st_size);
	for (;;) {
		buf_reserve(&b, 65536);
		ssize_t n = read(fd, b.data + b.len, 65536);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			read_error(d, at, subject, "cannot be read: %s",
			           strerror(errno));
			buf_free(&b);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		/* A file that grows while it is read (or a /proc file whose
		 * size says 0) stops at the limit all the same. */
		if (b.len > max_bytes) {
			read_error(d, at, subject,
			           "%slarger than the limit of %zu bytes",
			           subject ? "is " : "file is ", max_bytes);
			buf_free(&b);
			close(fd);
			return -1;
		}
	}
	close(fd);
	b.data[b.len] = '\0';
	*out = buf_detach(&b, len);
	/* The stamp of what was read, not of what may be there by now. */
	note(rec, path, &st);
	if (stamp)
		stamp_of(path, &st, stamp);
	return 0;
}

bool fs_unchanged_noted(struct fs_recorder *rec, const char *path,
                        const struct fs_stamp *was)
{
	struct stat st;
	if (!was->present || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	struct fs_stamp now;
	stamp_of(path, &st, &now);
	bool same = now.size == was->size && now.mtime_ns == was->mtime_ns &&
	            strcmp(now.path, was->path) == 0;
	free(now.path);
	if (same)
		note(rec, path, &st);
	return same;
}

int fs_read_at(const char *path, struct pos at, const char *subject,
               size_t max_bytes, char **out, size_t *len, struct diags *d)
{
	return fs_read_noted(NULL, path, at, subject, max_bytes, out, len, d);
}

int fs_read(const char *path, size_t max_bytes, char **out, size_t *len,
            struct diags *d)
{
	return fs_read_at(path, (struct pos){NULL, 0, 0}, NULL, max_bytes, out,
	                  len, d);
}

/* ---- temporaries ----
 *
 * Every temporary file this process has open for writing is listed in
 * fixed slots, so that a signal handler can remove them without
 * allocating: a slot is filled before the file is made and emptied after
 * it is renamed or removed, so the handler at worst unlinks a name that is
 * already gone. */
enum { TEMP_SLOTS = 8 };
static char temp_names[TEMP_SLOTS][PATH_MAX];
static volatile sig_atomic_t temp_used[TEMP_SLOTS];

/* For tests: writes of paths containing this wait forever (fs_test_stall). */
static const char *stall_pattern;

void fs_test_stall(const char *pattern)
{
	stall_pattern = pattern && *pattern ? pattern : NULL;
}

static int temp_claim(const char *name)
{
	if (strlen(name) >= PATH_MAX)
		return -1;
	for (int i = 0; i < TEMP_SLOTS; i++)
		if (!temp_used[i]) {
			strcpy(temp_names[i], name);
			temp_used[i] = 1;
			return i;
		}
	return -1;
}

static void temp_release(int slot)
{
	if (slot >= 0)
		temp_used[slot] = 0;
}

static void remove_temporaries(int sig)
{
	int saved = errno;
	for (int i = 0; i < TEMP_SLOTS; i++)
		if (temp_used[i])
			unlink(temp_names[i]);
	errno = saved;
	/* Then die of the signal as if unhandled, so the parent sees it. */
	signal(sig, SIG_DFL);
	raise(sig);
}

void fs_remove_temporaries_on_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = remove_temporaries;
	sigfillset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction old;
		/* A signal ignored by whoever started clerk (nohup, a
		 * background job) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
	/* Past a file size limit (ulimit -f), write(2) then fails with
	 * EFBIG and the write is undone, instead of the process dying with
	 * its temporaries left behind. */
	signal(SIGXFSZ, SIG_IGN);
}

char *fs_temp_name(const char *path, long pid)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s.tmp.%ld", path, pid);
	return buf_detach(&b, NULL);
}

/* Makes the temporary file `name` for writing. O_EXCL and O_NOFOLLOW: a
 * link planted under the name is never followed; a file left there by a
 * process of the same id that died is replaced. */
static int temp_open(const char *name)
{
	int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
	int fd = open(name, flags, 0644);
	if (fd < 0 && errno == EEXIST && unlink(name) == 0)
		fd = open(name, flags, 0644);
	return fd;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int fs_write_all_atomic(const struct fs_output *outs, size_t n, struct diags *d)
{
	if (n > TEMP_SLOTS) {
		diag_error(d, (struct pos){outs[0].path, 0, 0},
		           "cannot write more than %d files at once",
		           TEMP_SLOTS);
		return -1;
	}
	char *names[TEMP_SLOTS] = {NULL};
	int slots[TEMP_SLOTS];
	size_t made = 0;
	int rc = 0;
	const char *bad = NULL;
	for (; made < n && rc == 0; made++) {
		const struct fs_output *o = &outs[made];
		names[made] = fs_temp_name(o->path, (long)getpid());
		slots[made] = temp_claim(names[made]);
		int fd = temp_open(names[made]);
		bool ok = fd >= 0 && write_all(fd, o->data, o->len) == 0;
		int err = errno;
		if (fd >= 0 && close(fd) != 0 && ok) {
			ok = false;
			err = errno;
		}
		if (!ok) {
			errno = err;
			bad = o->path;
			rc = -1;
		}
	}
	if (rc == 0 && stall_pattern)
		for (size_t i = 0; i < n; i++)
			if (strstr(outs[i].path, stall_pattern))
				for (;;)
					pause();
	/* Every file is whole: only now is any of them put in place. */
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (rename(names[i], outs[i].path) != 0) {
			bad = outs[i].path;
			rc = -1;
		}
	if (rc != 0)
		diag_error(d, (struct pos){bad, 0, 0}, "cannot write: %s",
		           strerror(errno));
	for (size_t i = 0; i < made; i++) {
		if (rc != 0)
			unlink(names[i]);
		temp_release(slots[i]);
		free(names[i]);
	}
	return rc;
}

int fs_write_atomic(const char *path, const void *data, size_t len,
                    struct diags *d)
{
	struct fs_output o = {path, data, len};
	return fs_write_all_atomic(&o, 1, d);
}

/* The process id in a temporary's name `NAME.EXT.tmp.PID` when EXT is
 * one of clerk's outputs, else 0. */
static long temp_pid(const char *name)
{
	static const char *const exts[] = {".html", ".pdf", ".deps", ".json"};
	const char *t = strstr(name, ".tmp.");
	if (!t || !t[5])
		return 0;
	for (const char *p = t + 5; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	bool known = false;
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		size_t n = strlen(exts[i]);
		if ((size_t)(t - name) > n && strncmp(t - n, exts[i], n) == 0)
			known = true;
	}
	if (!known)
		return 0;
	char *end;
	errno = 0;
	long pid = strtol(t + 5, &end, 10);
	return errno || pid <= 0 ? 0 : pid;
}

size_t fs_remove_stale_temporaries(const char *dir, int depth)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return 0;
	size_t removed = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *p = fs_join(dir, e->d_name);
		struct stat st;
		/* lstat: links are neither followed nor removed. */
		if (lstat(p, &st) == 0) {
			long pid = temp_pid(e->d_name);
			if (S_ISDIR(st.st_mode) && depth > 0)
				removed += fs_remove_stale_temporaries(
				        p, depth - 1);
			else if (S_ISREG(st.st_mode) && pid > 0 &&
			         kill((pid_t)pid, 0) != 0 && errno == ESRCH &&
			         unlink(p) == 0)
				removed++;
		}
		free(p);
	}
	closedir(dp);
	return removed;
}

int fs_make_dirs(const char *path, struct diags *d)
{
	char *p = xstrdup(path);
	int rc = 0;
	for (char *s = p + 1; *p; s++) {
		bool end = *s == '\0';
		if (*s == '/' || end) {
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				diag_error(d, (struct pos){path, 0, 0},
				           "cannot make the folder: %s",
				           strerror(errno));
				rc = -1;
				break;
			}
			if (end)
				break;
			*s = '/';
		}
	}
	free(p);
	return rc;
}

char *fs_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *fs_basename(const char *path, const char *ext)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t len = strlen(base);
	if (ext) {
		size_t elen = strlen(ext);
		if (len > elen && strcmp(base + len - elen, ext) == 0)
			len -= elen;
	}
	return xstrndup(base, len);
}

char *fs_join(const char *dir, const char *name)
{
	if (name[0] == '/' || !dir || !dir[0] || strcmp(dir, ".") == 0)
		return xstrdup(name);
	struct buf b = BUF_INIT;
	buf_puts(&b, dir);
	if (b.data[b.len - 1] != '/')
		buf_putc(&b, '/');
	buf_puts(&b, name);
	return buf_detach(&b, NULL);
}

bool fs_is_within(const char *root, const char *path)
{
	size_t n = strlen(root);
	if (n == 1 && root[0] == '/')
		return true;
	return strncmp(root, path, n) == 0 &&
	       (path[n] == '\0' || path[n] == '/');
}

bool fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool fs_exists(const char *path)
{
	return fs_exists_noted(NULL, path);
}

bool fs_exists_noted(struct fs_recorder *rec, const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0)
		return true;
	note(rec, path, NULL);
	return false;
}

void fs_recorder_note(struct fs_recorder *rec, const char *path)
{
	struct stat st;
	note(rec, path, stat(path, &st) == 0 ? &st : NULL);
}

void fs_stamp(const char *path, struct fs_stamp *out)
{
	struct stat st;
	stamp_of(path, stat(path, &st) == 0 ? &st : NULL, out);
}

bool fs_recorder_unchanged(const struct fs_recorder *was)
{
	for (size_t i = 0; i < was->n; i++) {
		const struct fs_stamp *s = &was->items[i];
		struct fs_stamp now;
		fs_stamp(s->path, &now);
		free(now.path);
		if (now.present != s->present || now.size != s->size ||
		    now.mtime_ns != s->mtime_ns)
			return false;
	}
	return true;
}

void fs_recorder_add(struct fs_recorder *rec, const struct fs_recorder *from)
{
	if (!rec)
		return;
	for (size_t i = 0; i < from->n; i++) {
		const struct fs_stamp *s = &from->items[i];
		bool seen = false;
		for (size_t j = 0; j < rec->n && !seen; j++)
			seen = strcmp(rec->items[j].path, s->path) == 0;
		if (seen)
			continue;
		rec->items = xgrow(rec->items, &rec->cap, rec->n + 1,
		                   sizeof *rec->items);
		rec->items[rec->n] = *s;
		rec->items[rec->n++].path = xstrdup(s->path);
	}
}

void fs_recorder_free(struct fs_recorder *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		free(rec->items[i].path);
	free(rec->items);
	rec->items = NULL;
	rec->n = rec->cap = 0;
}
