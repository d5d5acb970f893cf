/* Unit tests for fs: recording the inputs of an output, making folders,
 * reading only regular files, writing files as a set, stale temporaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/fs.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/clerk-test-fs-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *path_in(const char *name)
{
	return fs_join(dir, name);
}

static void put(const char *path, const char *text)
{
	struct diags d = DIAGS_INIT;
	assert_int_equal(fs_write_atomic(path, text, strlen(text), &d), 0);
	diags_free(&d);
}

static void records_reads_and_missing_paths_once(void **state)
{
	(void)state;
	char *a = path_in("a.txt"), *none = path_in("none.txt");
	put(a, "hello");
	struct diags d = DIAGS_INIT;
	char *text;
	size_t len, n;

	/* The plain readers record nothing anywhere. */
	assert_int_equal(fs_read(a, 100, &text, &len, &d), 0);
	free(text);
	assert_false(fs_exists(none));

	struct fs_recorder rec = FS_RECORDER_INIT;
	struct pos at = {NULL, 0, 0};
	assert_int_equal(fs_read_noted(&rec, a, at, NULL, 100, &text, &len, &d),
	                 0);
	free(text);
	assert_int_equal(fs_read_noted(&rec, a, at, NULL, 100, &text, &len, &d),
	                 0);
	free(text);
	assert_false(fs_exists_noted(&rec, none));
	assert_true(fs_exists_noted(&rec, a)); /* present: already recorded */
	/* Another recorder holds only what was read through it. */
	struct fs_recorder other = FS_RECORDER_INIT;
	assert_false(fs_exists_noted(&other, none));
	assert_int_equal(other.n, 1);
	fs_recorder_free(&other);
	n = rec.n;
	const struct fs_stamp *s = rec.items;
	assert_int_equal(n, 2);
	assert_string_equal(s[0].path, a);
	assert_true(s[0].present);
	assert_int_equal(s[0].size, 5);
	assert_true(s[0].mtime_ns > 0);
	assert_string_equal(s[1].path, none);
	assert_false(s[1].present);

	/* The stamp matches the file as it is, until the file changes. */
	struct fs_stamp now;
	fs_stamp(a, &now);
	assert_int_equal(now.size, s[0].size);
	assert_true(now.mtime_ns == s[0].mtime_ns);
	free(now.path);
	put(a, "hello, world");
	fs_stamp(a, &now);
	assert_int_not_equal(now.size, s[0].size);
	free(now.path);

	fs_recorder_free(&rec);
	assert_int_equal(rec.n, 0);
	diags_free(&d);
	free(a);
	free(none);
}

static void relative_paths_are_recorded_absolute(void **state)
{
	(void)state;
	char *cwd = getcwd(NULL, 0);
	assert_non_null(cwd);
	assert_int_equal(chdir(dir), 0);
	struct fs_recorder rec = FS_RECORDER_INIT;
	fs_recorder_note(&rec, "./b.txt");
	const struct fs_stamp *s = rec.items;
	assert_int_equal(rec.n, 1);
	char *want = fs_join(dir, "b.txt");
	assert_string_equal(s[0].path, want);
	assert_false(s[0].present);
	free(want);
	fs_recorder_free(&rec);
	assert_int_equal(chdir(cwd), 0);
	free(cwd);
}

static void make_dirs_makes_parents(void **state)
{
	(void)state;
	char *deep = path_in("x/y/z");
	struct diags d = DIAGS_INIT;
	assert_int_equal(fs_make_dirs(deep, &d), 0);
	assert_true(fs_is_dir(deep));
	assert_int_equal(fs_make_dirs(deep, &d), 0); /* again: fine */
	char *file = path_in("x/f");
	put(file, "");
	char *under = path_in("x/f/g");
	assert_int_equal(fs_make_dirs(under, &d), -1);
	assert_true(d.errors > 0);
	diags_free(&d);
	free(deep);
	free(file);
	free(under);
}

/* The whole text of `path`, or NULL; caller frees. */
static char *slurp(const char *path)
{
	struct diags d = DIAGS_INIT;
	char *text = NULL;
	size_t len;
	if (fs_read(path, 1 << 20, &text, &len, &d) != 0)
		text = NULL;
	diags_free(&d);
	return text;
}

static void reads_only_regular_files_without_waiting(void **state)
{
	(void)state;
	char *fifo = path_in("pipe.yaml"), *sub = path_in("sub");
	assert_int_equal(mkfifo(fifo, 0644), 0);
	assert_int_equal(mkdir(sub, 0755), 0);
	struct diags d = DIAGS_INIT;
	char *text = NULL;
	size_t len;
	/* No writer: a blocking open would wait here for ever. */
	time_t t0 = time(NULL);
	assert_int_equal(fs_read(fifo, 100, &text, &len, &d), -1);
	assert_true(time(NULL) - t0 < 2);
	assert_int_equal(fs_read(sub, 100, &text, &len, &d), -1);
	assert_int_equal(fs_read("/dev/zero", 100, &text, &len, &d), -1);
	assert_int_equal(d.len, 3);
	assert_string_equal(d.items[0].file, fifo);
	assert_string_equal(d.items[0].msg,
	                    "is a FIFO (a named pipe), not a file");
	assert_string_equal(d.items[1].msg, "is a folder, not a file");
	assert_string_equal(d.items[2].msg, "is a device, not a file");
	diags_free(&d);

	/* Named by another file: the error is at the naming place. */
	struct pos at = {"report.yaml", 3, 10};
	assert_int_equal(fs_read_at(fifo, at, "extends: 'pipe.yaml'", 100,
	                            &text, &len, &d),
	                 -1);
	assert_string_equal(d.items[0].file, "report.yaml");
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].col, 10);
	assert_string_equal(d.items[0].msg, "extends: 'pipe.yaml' is a FIFO "
	                                    "(a named pipe), not a file");
	diags_free(&d);

	/* A regular file is read as usual, blocking or not. */
	char *a = path_in("a.txt");
	put(a, "hello");
	assert_int_equal(fs_read_at(a, at, "x", 100, &text, &len, &d), 0);
	assert_string_equal(text, "hello");
	free(text);
	assert_int_equal(fs_read(a, 3, &text, &len, &d), -1);
	assert_string_equal(
	        d.items[0].msg,
	        "file is 5 bytes, larger than the limit of 3 bytes");
	diags_free(&d);
	free(a);
	free(fifo);
	free(sub);
}

static void a_set_of_files_is_replaced_whole_or_not_at_all(void **state)
{
	(void)state;
	char *html = path_in("r.html"), *pdf = path_in("r.pdf");
	char *bad = path_in("no-such-folder/r.pdf");
	put(html, "old page");
	put(pdf, "old pdf");
	struct diags d = DIAGS_INIT;
	struct fs_output pair[2] = {{html, "new page", 8}, {pdf, "new pdf", 7}};
	assert_int_equal(fs_write_all_atomic(pair, 2, &d), 0);
	char *t = slurp(html);
	assert_string_equal(t, "new page");
	free(t);
	t = slurp(pdf);
	assert_string_equal(t, "new pdf");
	free(t);

	/* The second file cannot be written: the first is not replaced. */
	struct fs_output broken[2] = {{html, "newer page", 10},
	                              {bad, "newer pdf", 9}};
	assert_int_equal(fs_write_all_atomic(broken, 2, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].file, bad);
	t = slurp(html);
	assert_string_equal(t, "new page");
	free(t);
	char *tmp = fs_temp_name(html, (long)getpid());
	assert_false(fs_exists(tmp));
	free(tmp);
	diags_free(&d);

	/* A link planted under the temporary name is not followed. */
	char *target = path_in("target.txt");
	put(target, "keep");
	tmp = fs_temp_name(html, (long)getpid());
	assert_int_equal(symlink(target, tmp), 0);
	assert_int_equal(fs_write_atomic(html, "page", 4, &d), 0);
	t = slurp(target);
	assert_string_equal(t, "keep");
	free(t);
	diags_free(&d);
	free(tmp);
	free(target);
	free(html);
	free(pdf);
	free(bad);
}

static void stale_temporaries_of_dead_processes_are_removed(void **state)
{
	(void)state;
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	assert_true(child > 0);
	waitpid(child, NULL, 0);
	char *sub = path_in("out");
	char *deeper = path_in("out/a");
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(mkdir(deeper, 0755), 0);
	char *r = path_in("out/a/r.html");
	char *dead = fs_temp_name(r, (long)child);
	char *live = fs_temp_name(r, (long)getpid());
	char *other = path_in("out/a/notes.txt.tmp.1");
	put(dead, "");
	put(live, "");
	put(other, "");
	assert_int_equal(fs_remove_stale_temporaries(sub, 0), 0);
	assert_int_equal(fs_remove_stale_temporaries(sub, 4), 1);
	assert_false(fs_exists(dead));
	assert_true(fs_exists(live));  /* its process is running */
	assert_true(fs_exists(other)); /* not one of clerk's outputs */
	free(sub);
	free(deeper);
	free(r);
	free(dead);
	free(live);
	free(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(records_reads_and_missing_paths_once),
	        cmocka_unit_test(relative_paths_are_recorded_absolute),
	        cmocka_unit_test(make_dirs_makes_parents),
	        cmocka_unit_test(reads_only_regular_files_without_waiting),
	        cmocka_unit_test(
	                a_set_of_files_is_replaced_whole_or_not_at_all),
	        cmocka_unit_test(
	                stale_temporaries_of_dead_processes_are_removed),
	};
	return cmocka_run_group_tests_name("fs", tests, setup, teardown);
}
