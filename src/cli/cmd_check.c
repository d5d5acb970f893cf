/* cmd_check: `clerk check FILE...`: load each report and check its schema. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "load/load.h"
#include "schema/schema.h"
#include "theme/theme.h"

static int check_one(const char *path)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct load_options opt = {.extends = true};
	struct value *report = NULL;
	int rc = load_file(&a, path, &opt, &report, &d);
	if (rc == 0)
		rc = schema_check_report(report, &d);
	if (rc == 0) {
		/* The council's theme says which sections are mandatory. */
		const struct value *council = value_map_get(report, "council");
		struct theme theme;
		struct pos at = {NULL, 0, 0};
		if (council)
			at = council->pos;
		rc = theme_load(&a, cli_templates_dir(),
		                council ? council->text : NULL, at, NULL,
		                &theme, &d);
		if (rc == 0)
			rc = theme_check_report(&theme, report, &d);
	}
	cli_print_diags(&d);
	if (rc == 0 && cli_verbosity > 0)
		fprintf(stderr, "%s: ok (%zu warning%s)\n", path, d.warnings,
		        d.warnings == 1 ? "" : "s");
	diags_free(&d);
	arena_free(&a);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	int files = 0, failed = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			printf("usage: clerk check [-q|-v] FILE...\n"
			       "Checks each report against the schema and "
			       "prints every problem found.\n");
			return CLI_OK;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("check: unknown option '%s'",
			                       argv[i]);
	}
	for (int i = 1; i < argc; i++) {
		files++;
		if (check_one(argv[i]) != 0)
			failed++;
	}
	if (files == 0)
		return cli_usage_error("check: no files given");
	return failed ? CLI_BAD_INPUT : CLI_OK;
}
