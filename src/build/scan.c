/* build scan: finding the reports of a build and deciding, from their
 * manifests, which are up to date. See build/build.h for the rules. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/fs.h"
#include "base/limits.h"
#include "base/xalloc.h"
#include "build/build.h"
#include "build/internal.h"

static const char *const formats[BUILD_FORMATS] = {"html", "pdf"};

#define MANIFEST_HEADER "clerk build manifest 1"

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

bool build_is_report(const char *path)
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
	for (size_t i = 0; i < BUILD_FORMATS; i++) {
		buf_printf(&b, "%s/%s.%s", out, j->rel, formats[i]);
		j->outputs[i] = buf_detach(&b, NULL);
	}
	j->state = JOB_STALE;
}

/* A file or folder by identity: two paths to it (links, hard links)
 * have the same device and inode. */
struct file_id {
	dev_t dev;
	ino_t ino;
	char *path; /* the first path it was found under */
};

struct walker {
	struct jobs *js;
	const char *dir, *out;
	bool quiet;          /* -q: no warnings */
	char root[PATH_MAX]; /* DIR, canonical */
	bool skip_out;       /* OUT exists: skip it, by identity */
	struct file_id out_id;
	/* Folders being walked, outermost first: a link back to one is a
	 * loop. */
	struct file_id *chain;
	size_t depth, chain_cap;
	/* Every folder and report file walked so far. */
	struct file_id *seen;
	size_t nseen, seen_cap;
};

static const struct file_id *find_id(const struct file_id *ids, size_t n,
                                     const struct stat *st)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i].dev == st->st_dev && ids[i].ino == st->st_ino)
			return &ids[i];
	return NULL;
}

static void add_id(struct file_id **ids, size_t *n, size_t *cap,
                   const struct stat *st, const char *path)
{
	*ids = xgrow(*ids, cap, *n + 1, sizeof **ids);
	(*ids)[(*n)++] =
	        (struct file_id){st->st_dev, st->st_ino, xstrdup(path)};
}

static void walk_warning(const struct walker *w, const char *path,
                         const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static void walk_warning(const struct walker *w, const char *path,
                         const char *fmt, ...)
{
	if (w->quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: warning: ", path);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* True when `path`, a link, leads somewhere inside DIR: what it leads to
 * is walked under its own name, so the link is not followed. */
static bool links_inside(const struct walker *w, const char *path)
{
	char real[PATH_MAX];
	return realpath(path, real) && fs_is_within(w->root, real);
}

/* Adds the reports in DIR/`sub` (sub "" at the top), in name order.
 *
 * Each folder and each report is taken once, by device and inode, so a
 * folder linked from two places, a link back to a folder above (a loop)
 * or a report linked or hard-linked under a second name is neither
 * walked forever nor rendered twice. A link to a folder or report inside
 * DIR is not followed at all: what it leads to is built under its own
 * name. A link that leads out of DIR is followed, once. */
static int walk(struct walker *w, const char *sub)
{
	char *here = sub[0] ? fs_join(w->dir, sub) : xstrdup(w->dir);
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
		if (rc != 0 || name[0] == '.' || name[0] == '_') {
			free(names[i]);
			continue;
		}
		char *rel = sub[0] ? fs_join(sub, name) : xstrdup(name);
		char *path = fs_join(w->dir, rel);
		struct stat lst, st;
		bool link = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
		bool dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		bool yaml = !dir && ends_with(name, ".yaml");
		const struct file_id *again = NULL;
		if (!dir && !yaml) {
			/* neither a folder nor a report */
		} else if (dir && w->skip_out && st.st_dev == w->out_id.dev &&
		           st.st_ino == w->out_id.ino) {
			/* the output folder */
		} else if (dir && (again = find_id(w->chain, w->depth, &st))) {
			walk_warning(w, path,
			             "a link back to the folder %s above "
			             "it: a loop, not followed",
			             again->path);
		} else if (link && links_inside(w, path)) {
			if (yaml && !build_is_report(path))
				; /* not a report: nothing to say */
			else
				walk_warning(w, path,
				             "a link to a %s inside the "
				             "content folder, which is built "
				             "under its own name: not followed",
				             dir ? "folder" : "report");
		} else if ((again = find_id(w->seen, w->nseen, &st))) {
			if (dir || build_is_report(path))
				walk_warning(w, path,
				             "the same %s as %s, which is "
				             "built once, from there",
				             dir ? "folder" : "report",
				             again->path);
		} else if (dir) {
			add_id(&w->seen, &w->nseen, &w->seen_cap, &st, path);
			add_id(&w->chain, &w->depth, &w->chain_cap, &st, path);
			rc = walk(w, rel);
			free(w->chain[--w->depth].path);
		} else if (build_is_report(path)) {
			/* A path that cannot be stat'ed (a dangling link) is
			 * a job all the same: rendering says why. */
			if (stat(path, &st) == 0)
				add_id(&w->seen, &w->nseen, &w->seen_cap, &st,
				       path);
			add_job(w->js, w->dir, rel, w->out);
		}
		free(path);
		free(rel);
		free(names[i]);
	}
	free(names);
	free(here);
	return rc;
}

int build_find_reports(struct jobs *js, const char *dir, const char *out,
                       bool quiet)
{
	struct walker w = {.js = js, .dir = dir, .out = out, .quiet = quiet};
	if (!realpath(dir, w.root)) {
		fprintf(stderr, "clerk: build: cannot read the folder %s: %s\n",
		        dir, strerror(errno));
		return -1;
	}
	struct stat st;
	if (stat(out, &st) == 0) {
		w.skip_out = true;
		w.out_id = (struct file_id){st.st_dev, st.st_ino, NULL};
	}
	int rc = -1;
	if (stat(dir, &st) == 0) {
		add_id(&w.seen, &w.nseen, &w.seen_cap, &st, dir);
		add_id(&w.chain, &w.depth, &w.chain_cap, &st, dir);
		rc = walk(&w, "");
	}
	for (size_t i = 0; i < w.nseen; i++)
		free(w.seen[i].path);
	for (size_t i = 0; i < w.depth; i++)
		free(w.chain[i].path);
	free(w.seen);
	free(w.chain);
	return rc;
}

void build_free_jobs(struct jobs *js)
{
	for (size_t i = 0; i < js->n; i++) {
		struct job *j = &js->items[i];
		free(j->src);
		free(j->rel);
		free(j->out_dir);
		free(j->deps);
		for (size_t k = 0; k < BUILD_FORMATS; k++)
			free(j->outputs[k]);
	}
	free(js->items);
	*js = (struct jobs){0};
}

int build_list_reports(const char *dir, char ***paths, size_t *n)
{
	struct jobs js = {0};
	/* No output folder: the paths add_job makes from it go unused. */
	int rc = build_find_reports(&js, dir, "", false);
	*paths = xcalloc(js.n ? js.n : 1, sizeof **paths);
	*n = js.n;
	for (size_t i = 0; i < js.n; i++) {
		(*paths)[i] = js.items[i].src;
		js.items[i].src = NULL;
	}
	build_free_jobs(&js);
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

bool build_up_to_date(const struct job *j)
{
	for (size_t i = 0; i < BUILD_FORMATS; i++)
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
	return ok && outputs == BUILD_FORMATS;
}

int build_write_manifest(const struct job *j, const struct fs_recorder *rec,
                         bool quiet)
{
	struct diags d = DIAGS_INIT;
	struct buf b = BUF_INIT;
	int rc = 0;
	/* A path with a newline cannot be listed: without a manifest the
	 * report is simply rendered on every build. */
	bool listable = true;
	buf_puts(&b, MANIFEST_HEADER "\n");
	size_t n = rec->n;
	const struct fs_stamp *in = rec->items;
	for (size_t i = 0; i < n; i++) {
		if (strchr(in[i].path, '\n'))
			listable = false;
		else if (in[i].present)
			buf_printf(&b, "input %lld %lld %s\n", in[i].size,
			           in[i].mtime_ns, in[i].path);
		else
			buf_printf(&b, "missing %s\n", in[i].path);
	}
	for (size_t i = 0; i < BUILD_FORMATS; i++) {
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
	diags_print(&d, stderr, quiet);
	diags_free(&d);
	return rc;
}
