/* cmd_template: `clerk template TEMPLATE [DATA.yaml] [--partials DIR]...`:
 * renders one template with data to standard output, for template authors
 * previewing a template or a partial. A report is rendered through its
 * view, as the page's templates see it; other YAML as it is. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "base/xalloc.h"
#include "build/build.h"
#include "cli/cli.h"
#include "load/load.h"
#include "mustache/mustache.h"
#include "mustache/value_data.h"
#include "report/report.h"
#include "theme/theme.h"

static const char usage[] =
        "usage: clerk template [--raw] TEMPLATE [DATA.yaml] "
        "[--partials DIR]...\n"
        "Renders TEMPLATE (a Mustache file) with the data in DATA.yaml (an\n"
        "empty map when none is given) to standard output. When DATA.yaml\n"
        "is a report, the template sees what the page's templates see (the\n"
        "view, as `clerk data --view` prints it, with the hooks' lambdas);\n"
        "--raw renders against the YAML as written instead. A partial NAME\n"
        "is the file NAME.mustache in the first DIR that has it; without\n"
        "--partials, the template's own folder is searched, then, for a\n"
        "report, its council's folder and templates/default.\n";

int cmd_template(int argc, char **argv)
{
	const char *tpath = NULL, *dpath = NULL;
	/* The --partials folders, or the template's own and the theme's. */
	const char **dirs = xcalloc((size_t)argc + 3, sizeof *dirs);
	size_t ndirs = 0;
	bool raw = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			free(dirs);
			return CLI_OK;
		}
		if (strcmp(a, "--raw") == 0) {
			raw = true;
		} else if (strcmp(a, "--partials") == 0 ||
		           strncmp(a, "--partials=", 11) == 0) {
			const char *dir = a[10] == '=' ? a + 11 : argv[++i];
			if (!dir || !dir[0]) {
				free(dirs);
				return cli_usage_error(
				        "template: --partials needs a folder");
			}
			dirs[ndirs++] = dir;
		} else if (a[0] == '-' && a[1] != '\0') {
			free(dirs);
			return cli_usage_error("template: unknown option '%s'",
			                       a);
		} else if (!tpath) {
			tpath = a;
		} else if (!dpath) {
			dpath = a;
		} else {
			free(dirs);
			return cli_usage_error("template: too many files: '%s'",
			                       a);
		}
	}
	if (!tpath) {
		free(dirs);
		return cli_usage_error("template: no template given");
	}
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct buf out = BUF_INIT;
	struct mustache_template *t = NULL;
	struct mustache_dir *pd = NULL;
	struct value *data = NULL;
	struct report r;
	bool have_report = false;
	char *text = NULL, *tdir = NULL;
	size_t len = 0;
	int rc = CLI_BAD_INPUT;
	if (fs_read(tpath, LIMIT_MUSTACHE_FILE_BYTES, &text, &len, &d) < 0 ||
	    mustache_compile(tpath, text, len, &t, &d) < 0)
		goto done;
	struct mustache_data md = mustache_value_data(NULL);
	if (dpath && !raw && build_is_report(dpath)) {
		/* The whole pipeline up to the page, as `clerk render` runs
		 * it; its diagnostics are the report's own. */
		have_report = true;
		if (report_load(&r, dpath, cli_templates_dir(), NULL, NULL) <
		            0 ||
		    report_compute(&r, cli_scripts_dir(), NULL) < 0 ||
		    report_view(&r, NULL) < 0)
			goto done;
		data = r.view;
		md = mustache_value_data(&r.lambdas);
	} else if (dpath) {
		struct load_options opt = {.extends = true};
		if (load_file(&a, dpath, &opt, &data, &d) < 0)
			goto done;
	} else {
		struct pos p = {tpath, 0, 0};
		data = value_new_map(&a, p);
	}
	if (ndirs == 0) {
		dirs[ndirs++] = tdir = fs_dirname(tpath);
		if (have_report)
			ndirs += theme_search_path(&r.theme, dirs + ndirs);
	}
	pd = mustache_dir_new(dirs, ndirs, NULL);
	struct mustache_partials partials = mustache_dir_partials(pd);
	if (mustache_render(t, &md, data, &partials, &out, &d) < 0)
		goto done;
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	rc = fflush(stdout) == 0 ? CLI_OK : CLI_BAD_INPUT;
done:
	if (have_report) {
		cli_print_diags(&r.diags);
		report_free(&r);
	}
	cli_print_diags(&d);
	buf_free(&out);
	mustache_free(t);
	mustache_dir_free(pd);
	diags_free(&d);
	arena_free(&a);
	free(text);
	free(tdir);
	free(dirs);
	return rc;
}
