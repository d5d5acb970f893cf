/* cmd_check: `clerk check FILE...`: load each report and check its schema. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "cli/cli.h"
#include "build/build.h"
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
			printf("usage: clerk check [-q|-v] "
			       "[--warnings-as-errors] "
			       "FILE|DIR...\n"
			       "Checks each report (each report under DIR) and "
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
		struct stat st;
		if (stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
			files++;
			if (check_one(argv[i], strict) != 0)
				failed++;
			continue;
		}
		/* A folder: every report under it, as clerk build finds
		 * them. */
		char **paths = NULL;
		size_t n = 0;
		if (build_list_reports(argv[i], &paths, &n) != 0)
			failed++;
		for (size_t k = 0; k < n; k++) {
			files++;
			if (check_one(paths[k], strict) != 0)
				failed++;
			free(paths[k]);
		}
		free(paths);
	}
	if (files == 0)
		return cli_usage_error("check: no files given");
	return failed ? CLI_BAD_INPUT : CLI_OK;
}
