/* hookrun: runs one hook file through clerk's hook runtime, for tests.
 *
 *   hookrun [--scripts DIR] [--as-of DATE] [--time-limit MS] [--tap]
 *           [--lambda NAME [TEXT]] HOOK.lua
 *
 * The hook runs as the only hook of an empty report that sits beside it,
 * exactly as `hooks: [HOOK.lua]` in a report would run it. Without --tap
 * it prints `computed` as JSON-like text. With --tap the hook is a Lua test
 * file: it must return {tap = {lines}} and the lines are printed; the exit
 * status is 1 when one starts "not ok". With --lambda the named lambda is
 * called (with TEXT, or as a variable lambda without) and its text
 * printed. Errors go to stderr as diagnostics, with exit status 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "hooks/hooks.h"
#include "value/value.h"

static int usage(void)
{
	fprintf(stderr, "usage: hookrun [--scripts DIR] [--as-of DATE] "
	                "[--time-limit MS] [--tap] [--lambda NAME [TEXT]] "
	                "HOOK.lua\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *scripts = "scripts", *as_of = "2020-01-14";
	const char *lambda = NULL, *lambda_text = NULL, *file = NULL;
	long time_limit = 0;
	int tap = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--scripts") == 0 && i + 1 < argc)
			scripts = argv[++i];
		else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc)
			as_of = argv[++i];
		else if (strcmp(argv[i], "--time-limit") == 0 && i + 1 < argc)
			time_limit = atol(argv[++i]);
		else if (strcmp(argv[i], "--tap") == 0)
			tap = 1;
		else if (strcmp(argv[i], "--lambda") == 0 && i + 1 < argc) {
			lambda = argv[++i];
			if (i + 2 < argc)
				lambda_text = argv[++i];
		} else if (argv[i][0] != '-' && !file)
			file = argv[i];
		else
			return usage();
	}
	if (!file)
		return usage();

	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct pos pos = {file, 0, 0};
	char *dir = fs_dirname(file);
	char *base = fs_basename(file, NULL);
	char *report_path = fs_join(dir, "report.yaml");
	struct value *report = value_new_map(&a, pos);
	struct value *list = value_new_list(&a, pos);
	value_list_push(&a, list,
	                value_new_string(&a, pos, base, strlen(base)));
	value_map_set(&a, report, "hooks", list);

	struct hooks_options opt = {0};
	opt.report_path = report_path;
	opt.scripts_dir = scripts;
	opt.as_of = as_of;
	opt.time_limit_ms = time_limit;
	struct hooks *h = hooks_new();
	struct value *computed = NULL;
	int status = 0;
	if (hooks_run(h, report, &opt, &a, &computed, &d) != 0) {
		status = 1;
	} else if (lambda) {
		struct buf out = BUF_INIT;
		if (hooks_lambda_call(h, lambda, lambda_text,
		                      lambda_text ? strlen(lambda_text) : 0,
		                      &out, &d) != 0)
			status = 1;
		else
			printf("%s\n", buf_cstr(&out));
		buf_free(&out);
	} else if (tap) {
		char *name = fs_basename(file, ".lua");
		const struct value *lines =
		        value_map_get(value_map_get(computed, name), "tap");
		free(name);
		if (!lines || lines->kind != VALUE_LIST) {
			fprintf(stderr,
			        "%s: error: a test file must return "
			        "{tap = {...}}\n",
			        file);
			status = 1;
		} else {
			for (size_t i = 0; i < lines->as.list.len; i++) {
				const char *s = lines->as.list.items[i]->text;
				printf("%s\n", s ? s : "");
				if (s && strncmp(s, "not ok", 6) == 0)
					status = 1;
			}
		}
	} else {
		struct buf out = BUF_INIT;
		value_dump(&out, computed);
		printf("%s\n", buf_cstr(&out));
		buf_free(&out);
	}
	diags_print(&d, stderr, false);
	diags_free(&d);
	hooks_free(h);
	free(dir);
	free(base);
	free(report_path);
	arena_free(&a);
	return status;
}
