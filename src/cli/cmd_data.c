/* cmd_data: `clerk data REPORT.yaml`: the report's data after its hooks
 * ran, as the templates will see it, printed as JSON-like text. */
#include <limits.h>
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
        "usage: clerk data [--as-of DATE] [--scripts DIR] [-o FILE] "
        "REPORT.yaml\n"
        "Runs the report's hooks and prints its data, with what the hooks\n"
        "computed under `computed`, as JSON-like text.\n"
        "  --as-of DATE   today's date for the hooks (YYYY-MM-DD); the\n"
        "                 default is the report's meeting.date\n"
        "  --scripts DIR  the hook library (default: scripts/ beside the\n"
        "                 clerk program, else the installed copy)\n"
        "  -o FILE        write to FILE (replaced only on success)\n";

int cmd_data(int argc, char **argv)
{
	const char *as_of = NULL, *scripts = NULL, *out_path = NULL;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			return CLI_OK;
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
	if (rc == 0) {
		/* The theme's status words, so the author sees what a
		 * status may be written as (brand.yaml status_words:). */
		value_map_set(&r.arena, r.data, "status_words",
		              r.theme.status_words_tree);
		value_map_set(&r.arena, r.data, "computed", r.computed);
		struct buf out = BUF_INIT;
		value_dump(&out, r.data);
		buf_putc(&out, '\n');
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
