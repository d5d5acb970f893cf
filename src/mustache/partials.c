/* partials: the partial resolver over a search path of folders.
 *
 * A name maps to NAME.mustache in the first folder that has it. Names are
 * checked before any file is touched (no absolute paths, no `..` parts),
 * and the file found must still lie inside its folder once links are
 * resolved, so a template can never read outside the search path. Each
 * name is looked up once per resolver; the compiled template, or the fact
 * that there is none, is kept.
 *
 * The process keeps templates too: mustache_warm compiles the files of a
 * folder (clerk build, before it forks the workers), and a resolver takes
 * the kept template of a file that is unchanged since, noting the file as
 * read, instead of reading and compiling it again. Only templates that
 * compiled without a word of diagnostics are kept, so one taken has
 * nothing to repeat; it lives as long as the process. */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fs.h"
#include "base/xalloc.h"
#include "mustache/mustache.h"

struct entry {
	char *name;
	struct mustache_template *t; /* NULL: no such partial */
	bool failed;                 /* it did not compile or was refused */
	bool kept;                   /* `t` is the process's (kept[]) */
};

/* The templates mustache_warm compiled, by file name as given. */
struct kept {
	char *file;
	struct fs_stamp stamp;
	struct mustache_template *t;
};
static struct kept *kept;
static size_t nkept, kept_cap;

void mustache_warm(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	struct dirent *e;
	while ((e = readdir(dp))) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' || n <= 9 ||
		    strcmp(e->d_name + n - 9, ".mustache") != 0)
			continue;
		struct buf path = BUF_INIT;
		buf_printf(&path, "%s/%s", dir, e->d_name);
		bool seen = false;
		for (size_t i = 0; i < nkept && !seen; i++)
			seen = strcmp(kept[i].file, path.data) == 0;
		struct diags d = DIAGS_INIT;
		struct fs_stamp stamp = {0};
		char *text = NULL;
		size_t len = 0;
		struct mustache_template *t = NULL;
		if (!seen &&
		    fs_read_stamped(NULL, path.data, (struct pos){NULL, 0, 0},
		                    path.data, LIMIT_MUSTACHE_FILE_BYTES, &text,
		                    &len, &stamp, &d) == 0 &&
		    mustache_compile(path.data, text, len, &t, &d) == 0 &&
		    d.len == 0) {
			kept = xgrow(kept, &kept_cap, nkept + 1, sizeof *kept);
			kept[nkept++] = (struct kept){buf_detach(&path, NULL),
			                              stamp, t};
			stamp.path = NULL;
			t = NULL;
		}
		mustache_free(t);
		free(stamp.path);
		free(text);
		diags_free(&d);
		buf_free(&path);
	}
	closedir(dp);
}

/* The kept template of `file` when the file is unchanged since it was
 * compiled (then noted in `rec` as read), else NULL. */
static struct mustache_template *take_kept(struct fs_recorder *rec,
                                           const char *file)
{
	for (size_t i = 0; i < nkept; i++)
		if (strcmp(kept[i].file, file) == 0)
			return fs_unchanged_noted(rec, file, &kept[i].stamp)
			               ? kept[i].t
			               : NULL;
	return NULL;
}

struct mustache_dir {
	char **dirs;  /* canonical paths of the folders that exist */
	char **given; /* the same folders as given, for file names */
	size_t ndirs;
	char *searched; /* the folders as given, for messages */
	struct entry *entries;
	size_t nentries, cap;
	struct fs_recorder *rec; /* borrowed; NULL: nothing noted */
};

struct mustache_dir *mustache_dir_new(const char *const *dirs, size_t ndirs,
                                      struct fs_recorder *rec)
{
	struct mustache_dir *pd = xcalloc(1, sizeof *pd);
	pd->rec = rec;
	pd->dirs = xcalloc(ndirs + 1, sizeof *pd->dirs);
	pd->given = xcalloc(ndirs + 1, sizeof *pd->given);
	struct buf s = BUF_INIT;
	for (size_t i = 0; i < ndirs; i++) {
		buf_printf(&s, "%s%s", i ? ", " : "", dirs[i]);
		char *real = realpath(dirs[i], NULL);
		if (real && fs_is_dir(real)) {
			pd->given[pd->ndirs] = xstrdup(dirs[i]);
			pd->dirs[pd->ndirs++] = real;
		} else
			free(real);
	}
	pd->searched = buf_detach(&s, NULL);
	return pd;
}

void mustache_dir_free(struct mustache_dir *pd)
{
	if (!pd)
		return;
	for (size_t i = 0; i < pd->ndirs; i++) {
		free(pd->dirs[i]);
		free(pd->given[i]);
	}
	free(pd->dirs);
	free(pd->given);
	for (size_t i = 0; i < pd->nentries; i++) {
		free(pd->entries[i].name);
		if (!pd->entries[i].kept)
			mustache_free(pd->entries[i].t);
	}
	free(pd->entries);
	free(pd->searched);
	free(pd);
}

/* A name may hold `/` between parts, but no empty, `.` or `..` part. */
static bool safe_name(const char *name, size_t len)
{
	if (len == 0 || memchr(name, '\0', len))
		return false;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && name[i] != '/')
			continue;
		size_t n = i - start;
		if (n == 0 || (n == 1 && name[start] == '.') ||
		    (n == 2 && name[start] == '.' && name[start + 1] == '.'))
			return false;
		start = i + 1;
	}
	return true;
}

/* Reads the partial `name`'s file at `path`; a file that cannot be read
 * is reported at the tag that named it. */
static int read_at(struct fs_recorder *rec, const char *path, const char *name,
                   struct pos pos, char **text, size_t *len, struct diags *d)
{
	struct buf subject = BUF_INIT;
	buf_printf(&subject, "partial \"%s\" (%s)", name, path);
	int rc = fs_read_noted(rec, path, pos, buf_cstr(&subject),
	                       LIMIT_MUSTACHE_FILE_BYTES, text, len, d);
	buf_free(&subject);
	return rc;
}

static int load(struct mustache_dir *pd, struct entry *e, struct pos pos,
                struct diags *d)
{
	for (size_t i = 0; i < pd->ndirs; i++) {
		struct buf path = BUF_INIT;
		buf_printf(&path, "%s/%s.mustache", pd->given[i], e->name);
		if (!fs_exists_noted(pd->rec, path.data)) {
			buf_free(&path);
			continue;
		}
		int rc = -1;
		char *real = realpath(path.data, NULL);
		char *text = NULL;
		size_t len = 0;
		if (!real || !fs_is_within(pd->dirs[i], real))
			diag_error(d, pos,
			           "partial \"%s\" resolves outside its folder "
			           "%s",
			           e->name, pd->given[i]);
		else if ((e->t = take_kept(pd->rec, path.data))) {
			e->kept = true;
			rc = 0;
		} else if (read_at(pd->rec, path.data, e->name, pos, &text,
		                   &len, d) == 0) {
			rc = mustache_compile(path.data, text, len, &e->t, d);
		}
		free(text);
		free(real);
		buf_free(&path);
		e->failed = rc < 0;
		return rc;
	}
	diag_warning(d, pos,
	             "partial \"%s\" not found in %s: it renders as "
	             "nothing",
	             e->name, pd->searched[0] ? pd->searched : "no folder");
	return 0;
}

static int resolve(void *closure, const char *name, size_t len, struct pos pos,
                   const struct mustache_template **out, struct diags *d)
{
	struct mustache_dir *pd = closure;
	*out = NULL;
	for (size_t i = 0; i < pd->nentries; i++) {
		struct entry *e = &pd->entries[i];
		if (strlen(e->name) == len && memcmp(e->name, name, len) == 0) {
			*out = e->t;
			return e->failed ? -1 : 0;
		}
	}
	if (!safe_name(name, len)) {
		diag_error(d, pos,
		           "expected a partial name inside the template "
		           "folders, got \"%.*s\"",
		           (int)len, name);
		return -1;
	}
	pd->entries = xgrow(pd->entries, &pd->cap, pd->nentries + 1,
	                    sizeof *pd->entries);
	struct entry *e = &pd->entries[pd->nentries++];
	e->name = xstrndup(name, len);
	e->t = NULL;
	e->failed = false;
	e->kept = false;
	int rc = load(pd, e, pos, d);
	*out = e->t;
	return rc;
}

struct mustache_partials mustache_dir_partials(struct mustache_dir *pd)
{
	struct mustache_partials p = {pd, resolve};
	return p;
}
