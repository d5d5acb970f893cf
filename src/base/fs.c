/* fs: file reading, atomic writing, paths. */
#include "base/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/xalloc.h"

/* What is being recorded: one process, one list. */
static struct {
	bool on;
	struct fs_stamp *items;
	size_t n, cap;
} rec;

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

/* Records `path` with its status `st` (NULL: missing) once. */
static void note(const char *path, const struct stat *st)
{
	if (!rec.on)
		return;
	struct fs_stamp s;
	stamp_of(path, st, &s);
	for (size_t i = 0; i < rec.n; i++)
		if (strcmp(rec.items[i].path, s.path) == 0) {
			free(s.path);
			return;
		}
	rec.items = xgrow(rec.items, &rec.cap, rec.n + 1, sizeof *rec.items);
	rec.items[rec.n++] = s;
}

int fs_read(const char *path, size_t max_bytes, char **out, size_t *len,
            struct diags *d)
{
	struct pos pos = {path, 0, 0};
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diag_error(d, pos, "cannot open: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(d, pos, "not a regular file");
		close(fd);
		return -1;
	}
	if ((unsigned long long)st.st_size > max_bytes) {
		diag_error(d, pos,
		           "file is %lld bytes, larger than the limit of %zu "
		           "bytes",
		           (long long)st.st_size, max_bytes);
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
			diag_error(d, pos, "cannot read: %s", strerror(errno));
			buf_free(&b);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		if (b.len > max_bytes) {
			diag_error(d, pos,
			           "file is larger than the limit of %zu bytes",
			           max_bytes);
			buf_free(&b);
			close(fd);
			return -1;
		}
	}
	close(fd);
	b.data[b.len] = '\0';
	*out = buf_detach(&b, len);
	/* The stamp of what was read, not of what may be there by now. */
	note(path, &st);
	return 0;
}

int fs_write_atomic(const char *path, const void *data, size_t len,
                    struct diags *d)
{
	struct pos pos = {path, 0, 0};
	struct buf tmp = BUF_INIT;
	buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	const char *tmpname = buf_cstr(&tmp);
	int fd = open(tmpname, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		diag_error(d, pos, "cannot write: %s", strerror(errno));
		buf_free(&tmp);
		return -1;
	}
	const char *p = data;
	size_t left = len;
	while (left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		p += n;
		left -= (size_t)n;
	}
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmpname, path) != 0)
		goto fail;
	buf_free(&tmp);
	return 0;
fail:
	diag_error(d, pos, "cannot write: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmpname);
	buf_free(&tmp);
	return -1;
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
	struct stat st;
	if (stat(path, &st) == 0)
		return true;
	note(path, NULL);
	return false;
}

void fs_record_start(void)
{
	fs_record_stop();
	rec.on = true;
}

void fs_record(const char *path)
{
	struct stat st;
	if (rec.on)
		note(path, stat(path, &st) == 0 ? &st : NULL);
}

void fs_stamp(const char *path, struct fs_stamp *out)
{
	struct stat st;
	stamp_of(path, stat(path, &st) == 0 ? &st : NULL, out);
}

const struct fs_stamp *fs_recorded(size_t *n)
{
	*n = rec.n;
	return rec.items;
}

void fs_record_stop(void)
{
	for (size_t i = 0; i < rec.n; i++)
		free(rec.items[i].path);
	free(rec.items);
	rec.items = NULL;
	rec.n = rec.cap = 0;
	rec.on = false;
}
