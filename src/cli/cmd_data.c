/* cmd_data: `clerk data [--view] REPORT.yaml`: the report's data after its
 * hooks ran, or with --view the whole view the templates render, printed
 * as JSON. */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/date.h"
#include "base/fs.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "hooks/hooks.h"
#include "report/report.h"

static const char usage[] =
        "usage: clerk data [--view] [--as-of DATE] [--scripts DIR] "
        "[-o FILE] REPORT.yaml\n"
        "Runs the report's hooks and prints its data, with what the hooks\n"
        "computed under `computed`, as JSON.\n"
        "  --view         print the whole view the templates see instead:\n"
        "                 the data with its derived fields (`_long` dates,\n"
        "                 `_name` words, `_count`s, the sections, the\n"
        "                 contents), `computed`, `brand`, `words` and the\n"
        "                 hooks' lambdas (shown as \"lambda\")\n"
        "  --as-of DATE   today's date for the hooks (YYYY-MM-DD); the\n"
        "                 default is the report's meeting.date\n"
        "  --scripts DIR  the hook library (default: scripts/ beside the\n"
        "                 clerk program, else the installed copy)\n"
        "  -o FILE        write to FILE (replaced only on success)\n";

/* The view with each hook lambda (a root-level name tagged as one) shown
 * as the word "lambda": its value is a function, not text. */
static const struct value *view_for_json(struct report *r)
{
	struct value *v = r->view;
	for (size_t i = 0; i < v->as.map.len; i++) {
		struct value *item = v->as.map.items[i].value;
		if (item->tag && strcmp(item->tag, r->lambdas.lambda_tag) == 0)
			v->as.map.items[i].value = value_new_string(
			        &r->arena, item->pos, "lambda", 6);
	}
	return v;
}

int cmd_data(int argc, char **argv)
{
	const char *as_of = NULL, *scripts = NULL, *out_path = NULL;
	const char *path = NULL;
	bool view = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			return CLI_OK;
		} else if (strcmp(a, "--view") == 0) {
			view = true;
		} else if (strcmp(a, "--as-of") == 0 ||
		           strcmp(a, "--scripts") == 0 ||
		           strcmp(a, "-o") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("data: %s needs a value",
				                       a);
			const char *v = argv[++i];
			if (a[2] == 'a')
				as_of = v;
			else if (a[2] == 's')
				scripts = v;
			else
				out_path = v;
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("data: unknown option '%s'", a);
		} else if (path) {
			return cli_usage_error("data: one report at a time");
		} else {
			path = a;
		}
	}
	if (!path)
		return cli_usage_error("data: no report given");
	if (as_of && !date_valid(as_of))
		return cli_usage_error("data: --as-of '%s' is not a date "
		                       "written YYYY-MM-DD",
		                       as_of);

	struct report r;
	const char *lib = scripts ? scripts : cli_scripts_dir();
	int rc = report_load(&r, path, cli_templates_dir(), NULL, NULL);
	if (rc == 0)
		rc = report_compute(&r, lib, as_of);
	if (rc == 0 && view)
		rc = report_view(&r, as_of);
	if (rc == 0) {
		/* The theme's status words, so the author sees what a
		 * status may be written as (brand.yaml status_words:). */
		value_map_set(&r.arena, r.data, "status_words",
		              r.theme.status_words_tree);
		const struct value *shown = r.data;
		if (view)
			shown = view_for_json(&r);
		else
			value_map_set(&r.arena, r.data, "computed", r.computed);
		struct buf out = BUF_INIT;
		value_write_json(&out, shown);
		if (out_path)
			rc = fs_write_atomic(out_path, out.data, out.len,
			                     &r.diags);
		else
			fwrite(out.data, 1, out.len, stdout);
		buf_free(&out);
	}
	cli_print_diags(&r.diags);
	report_free(&r);
	return rc == 0 ? CLI_OK : CLI_BAD_INPUT;
}
