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

#include "hooks/hooks.h"
#include "load/load.h"

static char dir[] = "/tmp/clerk-hooks-XXXXXX";

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
	write_file("mine.lua",
	           "return {after_formats = computed.formats ~= nil,"
	           " today = as_of, lambdas = {shout = function(s)"
	           " return s and s:upper() or 'NOTHING' end}}\n");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(theme_hooks_run_first),
	        cmocka_unit_test(as_of_overrides_the_meeting),
	        cmocka_unit_test(lambdas_are_called_by_name),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
