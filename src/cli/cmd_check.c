/* cmd_check: `clerk check FILE...`: load each report and check its schema. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "report/report.h"

static int check_one(const char *path, bool strict)
{
	struct report r;
	int rc = report_load(&r, path, cli_templates_dir(), NULL, NULL);
	if (rc == 0 && strict && r.diags.warnings > 0)
		rc = -1;
	cli_print_diags(&r.diags);
	if (rc == 0 && cli_verbosity > 0)
		fprintf(stderr, "%s: ok (%zu warning%s)\n", path,
		        r.diags.warnings, r.diags.warnings == 1 ? "" : "s");
	report_free(&r);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	int files = 0, failed = 0;
	bool strict = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			printf("usage: clerk check [-q|-v] [--warnings-as-errors] "
			       "FILE...\n"
			       "Checks each report against the schema and "
			       "prints every problem found.\n"
			       "  --warnings-as-errors  fail (exit 1) on a "
			       "warning too\n");
			return CLI_OK;
		}
		if (strcmp(argv[i], "--warnings-as-errors") == 0)
			strict = true;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("check: unknown option '%s'",
			                       argv[i]);
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--warnings-as-errors") == 0)
			continue;
		files++;
		if (check_one(argv[i], strict) != 0)
			failed++;
	}
	if (files == 0)
		return cli_usage_error("check: no files given");
	return failed ? CLI_BAD_INPUT : CLI_OK;
}
