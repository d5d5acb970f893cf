/* cmd_template: `clerk template TEMPLATE [DATA.yaml] [--partials DIR]...`:
 * renders one template with data to standard output, for template authors
 * previewing a template or a partial. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "load/load.h"
#include "mustache/mustache.h"
#include "mustache/value_data.h"

static const char usage[] =
        "usage: clerk template TEMPLATE [DATA.yaml] [--partials DIR]...\n"
        "Renders TEMPLATE (a Mustache file) with the data in DATA.yaml (an\n"
        "empty map when none is given) to standard output. A partial NAME\n"
        "is the file NAME.mustache in the first DIR that has it; without\n"
        "--partials, the template's own folder is searched.\n";

int cmd_template(int argc, char **argv)
{
	const char *tpath = NULL, *dpath = NULL;
	const char **dirs = xcalloc((size_t)argc + 1, sizeof *dirs);
	size_t ndirs = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			free(dirs);
			return CLI_OK;
		}
		if (strcmp(a, "--partials") == 0 ||
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
	char *tdir = NULL;
	if (ndirs == 0)
		dirs[ndirs++] = tdir = fs_dirname(tpath);

	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct buf out = BUF_INIT;
	struct mustache_template *t = NULL;
	struct mustache_dir *pd = mustache_dir_new(dirs, ndirs, NULL);
	struct mustache_partials partials = mustache_dir_partials(pd);
	struct mustache_data md = mustache_value_data(NULL);
	struct value *data = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc = CLI_BAD_INPUT;
	if (fs_read(tpath, LIMIT_MUSTACHE_FILE_BYTES, &text, &len, &d) < 0 ||
	    mustache_compile(tpath, text, len, &t, &d) < 0)
		goto done;
	if (dpath) {
		struct load_options opt = {.extends = true};
		if (load_file(&a, dpath, &opt, &data, &d) < 0)
			goto done;
	} else {
		struct pos p = {tpath, 0, 0};
		data = value_new_map(&a, p);
	}
	if (mustache_render(t, &md, data, &partials, &out, &d) < 0)
		goto done;
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	rc = fflush(stdout) == 0 ? CLI_OK : CLI_BAD_INPUT;
done:
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
