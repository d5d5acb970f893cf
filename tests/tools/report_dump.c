/* report_dump: the whole pipeline of one report, as the golden tests pin it.
 *
 *   report_dump REPORT.yaml DIR   → DIR/NAME.html and DIR/NAME.dl
 *
 * NAME.html is the page `clerk render` writes; NAME.dl is the display list
 * its PDF is drawn from, laid out with the fonts' real metrics. Diagnostics
 * go to stderr; the exit status is 1 when the report fails. */
#include <stdio.h>
#include <stdlib.h>

#include "base/fs.h"
#include "report/report.h"

static int write_file(const char *dir, const char *name, const char *ext,
                      const struct buf *b, struct diags *d)
{
	struct buf file = BUF_INIT;
	buf_printf(&file, "%s.%s", name, ext);
	char *path = fs_join(dir, buf_cstr(&file));
	struct fs_output out = {path, b->data ? b->data : "", b->len};
	int rc = fs_write_all_atomic(&out, 1, d);
	free(path);
	buf_free(&file);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: report_dump REPORT.yaml DIR\n");
		return 2;
	}
	const char *path = argv[1];
	struct report r;
	struct report_output out = REPORT_OUTPUT_INIT;
	struct buf dump = BUF_INIT;
	struct report_render_options ro = {
	        .scripts_dir = "scripts",
	        .html = true,
	        .display_list = &dump,
	};
	int rc = report_load(&r, path, "templates", NULL, NULL);
	if (rc == 0)
		rc = report_render(&r, &ro, &out);
	char *name = fs_basename(path, ".yaml");
	if (rc == 0)
		rc = write_file(argv[2], name, "html", &out.html, &r.diags);
	if (rc == 0)
		rc = write_file(argv[2], name, "dl", &dump, &r.diags);
	diags_print(&r.diags, stderr, false);
	free(name);
	report_output_free(&out);
	buf_free(&dump);
	report_free(&r);
	return rc == 0 ? 0 : 1;
}
