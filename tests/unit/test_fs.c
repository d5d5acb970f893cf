/* Unit tests for fs: recording the inputs of an output, making folders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

	/* Off: nothing is recorded. */
	assert_int_equal(fs_read(a, 100, &text, &len, &d), 0);
	free(text);
	fs_recorded(&n);
	assert_int_equal(n, 0);

	fs_record_start();
	assert_int_equal(fs_read(a, 100, &text, &len, &d), 0);
	free(text);
	assert_int_equal(fs_read(a, 100, &text, &len, &d), 0);
	free(text);
	assert_false(fs_exists(none));
	assert_true(fs_exists(a)); /* present: already recorded */
	const struct fs_stamp *s = fs_recorded(&n);
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

	fs_record_stop();
	fs_recorded(&n);
	assert_int_equal(n, 0);
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
	fs_record_start();
	fs_record("./b.txt");
	size_t n;
	const struct fs_stamp *s = fs_recorded(&n);
	assert_int_equal(n, 1);
	char *want = fs_join(dir, "b.txt");
	assert_string_equal(s[0].path, want);
	assert_false(s[0].present);
	free(want);
	fs_record_stop();
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(records_reads_and_missing_paths_once),
	        cmocka_unit_test(relative_paths_are_recorded_absolute),
	        cmocka_unit_test(make_dirs_makes_parents),
	};
	return cmocka_run_group_tests_name("fs", tests, setup, teardown);
}
