/* Unit tests for the hooks module's C interface: theme hooks, order and
 * the lambda calls the template engine makes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <time.h>

#include "base/fs.h"
#include "base/limits.h"
#include "base/xalloc.h"
#include "hooks/hooks.h"
#include "load/load.h"

static char dir[] = "/tmp/clerk-hooks-XXXXXX";

static const char default_hook[] =
        "return {after_formats = computed.formats ~= nil,"
        " today = as_of, lambdas = {shout = function(s)"
        " return s and s:upper() or 'NOTHING' end}}\n";

static void write_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	write_file("report.yaml", "meeting: {date: 2020-01-14}\n"
	                          "inspection: {published: 2019-08-20}\n"
	                          "hooks: [mine.lua]\n");
	write_file("mine.lua", default_hook);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof path, "%s/report.yaml", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/mine.lua", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

struct run {
	struct arena a;
	struct diags d;
	struct hooks *h;
	struct value *computed;
	int rc;
};

static long time_limit_ms; /* for the next run_hooks; 0: the default */
static struct fs_recorder *recorder; /* for the next run_hooks */

static void run_hooks(struct run *r, const char *as_of)
{
	static const char *const theme[] = {"formats.lua"};
	char path[256];
	snprintf(path, sizeof path, "%s/report.yaml", dir);
	r->a = (struct arena)ARENA_INIT;
	r->d = (struct diags)DIAGS_INIT;
	struct value *report;
	assert_int_equal(load_file(&r->a, path, NULL, &report, &r->d), 0);
	struct hooks_options opt = {0};
	opt.report_path = path;
	opt.scripts_dir = "scripts";
	opt.as_of = as_of;
	opt.theme_dir = dir;
	opt.theme_hooks = theme;
	opt.theme_hooks_len = 1;
	opt.time_limit_ms = time_limit_ms;
	opt.rec = recorder;
	r->h = hooks_new();
	r->rc = hooks_run(r->h, report, &opt, &r->a, &r->computed, &r->d);
}

static void done(struct run *r)
{
	hooks_free(r->h);
	diags_free(&r->d);
	arena_free(&r->a);
}

static void theme_hooks_run_first(void **state)
{
	(void)state;
	struct run r;
	run_hooks(&r, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.computed->as.map.len, 2);
	assert_string_equal(r.computed->as.map.items[0].key->text, "formats");
	const struct value *mine = value_map_get(r.computed, "mine");
	assert_true(value_map_get(mine, "after_formats")->as.b);
	assert_string_equal(value_map_get(mine, "today")->text, "2020-01-14");
	assert_null(value_map_get(mine, "lambdas"));
	done(&r);
}

static void as_of_overrides_the_meeting(void **state)
{
	(void)state;
	struct run r;
	run_hooks(&r, "2021-02-03");
	assert_int_equal(r.rc, 0);
	const struct value *mine = value_map_get(r.computed, "mine");
	assert_string_equal(value_map_get(mine, "today")->text, "2021-02-03");
	done(&r);
}

static void lambdas_are_called_by_name(void **state)
{
	(void)state;
	struct run r;
	run_hooks(&r, NULL);
	assert_int_equal(r.rc, 0);
	assert_true(hooks_has_lambda(r.h, "date_long"));
	assert_true(hooks_has_lambda(r.h, "shout"));
	assert_false(hooks_has_lambda(r.h, "whisper"));
	assert_int_equal(hooks_lambda_count(r.h), 10);
	assert_string_equal(hooks_lambda_name(r.h, 0), "date_long");
	assert_null(hooks_lambda_name(r.h, 10));

	struct buf out = BUF_INIT;
	assert_int_equal(hooks_lambda_call(r.h, "date_long", "2019-08-20", 10,
	                                   &out, &r.d),
	                 0);
	assert_string_equal(buf_cstr(&out), "20 August 2019");
	buf_clear(&out);
	assert_int_equal(hooks_lambda_call(r.h, "shout", "abc", 3, &out, &r.d),
	                 0);
	assert_int_equal(hooks_lambda_call(r.h, "shout", NULL, 0, &out, &r.d),
	                 0);
	assert_string_equal(buf_cstr(&out), "ABCNOTHING");
	buf_clear(&out);

	assert_int_equal(hooks_lambda_call(r.h, "whisper", "x", 1, &out, &r.d),
	                 -1);
	assert_int_equal(hooks_lambda_call(r.h, "money", "lots", 4, &out, &r.d),
	                 -1);
	assert_int_equal(r.d.errors, 2);
	assert_string_equal(r.d.items[0].msg,
	                    "no hook defines a lambda 'whisper'");
	assert_string_equal(r.d.items[1].file, "scripts/formats.lua");
	assert_int_equal(r.d.items[1].line, 31);
	/* The lambda still works after a failed call. */
	assert_int_equal(hooks_lambda_call(r.h, "money", "5", 1, &out, &r.d),
	                 0);
	assert_string_equal(buf_cstr(&out), "£5");
	buf_free(&out);
	done(&r);
}

static double seconds_since(struct timespec t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* Calls `name` up to 10,000 times; returns how many calls succeeded
 * before the first failure, whose message is left in r->d. */
static int call_many(struct run *r, const char *name)
{
	struct buf out = BUF_INIT;
	int ok = 0;
	while (ok < 10000 &&
	       hooks_lambda_call(r->h, name, "x", 1, &out, &r->d) == 0) {
		ok++;
		buf_clear(&out);
	}
	buf_free(&out);
	return ok;
}

/* Ten thousand calls of a lambda that spends about 5,000 instructions each
 * stop at the one budget all lambda calls share, not after ten thousand
 * fresh budgets. */
static void lambda_instructions_add_up(void **state)
{
	(void)state;
	write_file("mine.lua", "return {lambdas = {slow = function(s)"
	                       " local n = 0 for i = 1, 1500 do n = n + i % 7"
	                       " end return n end}}\n");
	struct run r;
	run_hooks(&r, NULL);
	assert_int_equal(r.rc, 0);
	int ok = call_many(&r, "slow");
	assert_true(ok > 100);
	assert_true(ok < 10000);
	assert_int_equal(r.d.errors, 1);
	assert_non_null(strstr(r.d.items[0].msg, "LIMIT_LAMBDA_INSTRUCTIONS"));
	done(&r);
	write_file("mine.lua", default_hook);
}

/* Calls that each take a little wall-clock time, in C where no
 * instruction is counted, add up against one time budget too. */
static void lambda_time_adds_up(void **state)
{
	(void)state;
	write_file("mine.lua",
	           "local s = string.rep('ab', 20000)\n"
	           "return {lambdas = {slow = function()"
	           " return #s:gsub('a', 'b') + #s:gsub('b', 'a') end}}\n");
	time_limit_ms = 200;
	struct run r;
	run_hooks(&r, NULL);
	time_limit_ms = 0;
	assert_int_equal(r.rc, 0);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int ok = call_many(&r, "slow");
	double took = seconds_since(t0);
	assert_true(ok < 10000);
	assert_true(took < 1.0);
	assert_int_equal(r.d.errors, 1);
	assert_non_null(strstr(r.d.items[0].msg, "LIMIT_LAMBDA_MILLISECONDS"));
	done(&r);
	write_file("mine.lua", default_hook);
}

/* A table returned in two places is converted once and shared; one
 * shared at every level of forty is refused, quickly, at the hook's
 * return line. */
static void shared_tables(void **state)
{
	(void)state;
	write_file("mine.lua", "local t = {a = 1}\n"
	                       "return {x = t, y = t, list = {t, t}}\n");
	struct run r;
	run_hooks(&r, NULL);
	assert_int_equal(r.rc, 0);
	const struct value *mine = value_map_get(r.computed, "mine");
	const struct value *x = value_map_get(mine, "x");
	assert_ptr_equal(x, value_map_get(mine, "y"));
	assert_ptr_equal(x, value_map_get(mine, "list")->as.list.items[1]);
	assert_int_equal(value_map_get(x, "a")->as.i, 1);
	done(&r);

	write_file("mine.lua", "local t = {}\n"
	                       "for _ = 1, 40 do t = {t, t} end\n"
	                       "return {bomb = t}\n");
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	run_hooks(&r, NULL);
	assert_true(seconds_since(t0) < 0.5);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.d.items[0].line, 3);
	assert_non_null(strstr(r.d.items[0].msg, "LIMIT_HOOK_DATA_NODES"));
	done(&r);
	write_file("mine.lua", default_hook);
}

/* What a hook returns carries its file and return line, and keeps them
 * once the hook's state is closed (a hook with no lambdas is closed as
 * soon as it has run), for the diagnostics that point at it later. */
static void computed_positions_outlive_the_hook(void **state)
{
	(void)state;
	write_file("mine.lua", "local t = {a = 'x'}\n"
	                       "return {t = t, n = 1}\n");
	struct run r;
	run_hooks(&r, NULL);
	assert_int_equal(r.rc, 0);
	char path[256];
	snprintf(path, sizeof path, "%s/mine.lua", dir);
	/* Memory freed with the state is handed out again. */
	char *junk[64];
	for (int i = 0; i < 64; i++) {
		junk[i] = xstrdup(path);
		memset(junk[i], '.', strlen(path));
	}
	const struct value *mine = value_map_get(r.computed, "mine");
	const struct value *a = value_map_get(value_map_get(mine, "t"), "a");
	assert_string_equal(mine->pos.file, path);
	assert_int_equal(mine->pos.line, 2);
	assert_string_equal(a->pos.file, path);
	assert_string_equal(value_map_get(mine, "n")->pos.file, path);
	for (int i = 0; i < 64; i++)
		free(junk[i]);
	done(&r);
	write_file("mine.lua", default_hook);
}

/* pairs, next and tostring give the same answers in two states of one
 * process (each has its own string hash seed). */
static void same_bytes_in_one_process(void **state)
{
	(void)state;
	write_file("mine.lua",
	           "local t, o = {}, {}\n"
	           "for i = 1, 100 do t['k' .. i] = i; t[i * 3] = i end\n"
	           "t[1.5], t[true] = 1, 2\n"
	           "for k in pairs(t) do o[#o + 1] = tostring(k) end\n"
	           "local c, k = {}, next(t)\n"
	           "while k ~= nil do c[#c + 1] = tostring(k) k = next(t, k) "
	           "end\n"
	           "local a = {}\n"
	           "return {order = table.concat(o, ' '),"
	           " chain = table.concat(c, ' '),"
	           " ids = tostring(a) .. tostring(print) .. tostring({}) .."
	           " tostring(a) .. string.format('%s', a)}\n");
	struct buf first = BUF_INIT, second = BUF_INIT;
	struct run r;
	run_hooks(&r, NULL);
	assert_int_equal(r.rc, 0);
	value_dump(&first, value_map_get(r.computed, "mine"));
	const struct value *mine = value_map_get(r.computed, "mine");
	assert_string_equal(value_map_get(mine, "order")->text,
	                    value_map_get(mine, "chain")->text);
	assert_string_equal(value_map_get(mine, "ids")->text,
	                    "table: 1nil"
	                    "table: 2table: 1table: 1");
	assert_int_equal(
	        strncmp(value_map_get(mine, "order")->text, "1.5 3 6 9 ", 10),
	        0);
	done(&r);
	run_hooks(&r, NULL);
	assert_int_equal(r.rc, 0);
	value_dump(&second, value_map_get(r.computed, "mine"));
	assert_string_equal(buf_cstr(&first), buf_cstr(&second));
	done(&r);
	buf_free(&first);
	buf_free(&second);
	write_file("mine.lua", default_hook);
}

/* Whether `rec` noted the file `name` of the test folder as read. */
static bool noted(const struct fs_recorder *rec, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < rec->n; i++) {
		const char *p = rec->items[i].path;
		size_t len = strlen(p);
		if (rec->items[i].present && len > n &&
		    strcmp(p + len - n, name) == 0 && p[len - n - 1] == '/')
			return true;
	}
	return false;
}

/* Each Lua file is compiled once per process (and the library once per
 * build, in the parent of its workers): what was compiled is used only
 * while the file is unchanged, and the file is noted as read every time. */
static void compiled_once_while_unchanged(void **state)
{
	(void)state;
	hooks_warm("scripts");
	write_file("helper.lua", "return {v = 1}\n");
	write_file("mine.lua", "local h = require 'helper'\n"
	                       "return {v = h.v}\n");
	static const char *const expected[] = {"1", "22", "22"};
	for (int i = 0; i < 3; i++) {
		if (i == 1)
			write_file("helper.lua", "return {v = 22}\n");
		struct fs_recorder rec = FS_RECORDER_INIT;
		recorder = &rec;
		struct run r;
		run_hooks(&r, NULL);
		recorder = NULL;
		assert_int_equal(r.rc, 0);
		const struct value *mine = value_map_get(r.computed, "mine");
		struct buf v = BUF_INIT;
		value_dump(&v, value_map_get(mine, "v"));
		assert_non_null(strstr(buf_cstr(&v), expected[i]));
		buf_free(&v);
		assert_true(noted(&rec, "mine.lua"));
		assert_true(noted(&rec, "helper.lua"));
		assert_true(noted(&rec, "formats.lua"));
		done(&r);
		fs_recorder_free(&rec);
	}
	char path[256];
	snprintf(path, sizeof path, "%s/helper.lua", dir);
	unlink(path);
	write_file("mine.lua", default_hook);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(theme_hooks_run_first),
	        cmocka_unit_test(as_of_overrides_the_meeting),
	        cmocka_unit_test(lambdas_are_called_by_name),
	        cmocka_unit_test(lambda_instructions_add_up),
	        cmocka_unit_test(lambda_time_adds_up),
	        cmocka_unit_test(shared_tables),
	        cmocka_unit_test(computed_positions_outlive_the_hook),
	        cmocka_unit_test(same_bytes_in_one_process),
	        cmocka_unit_test(compiled_once_while_unchanged),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
