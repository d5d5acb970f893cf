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
#include "html/page.h"
#include "layout/layout.h"
#include "paper/paper.h"
#include "pdf/pdf.h"
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
	struct buf page = BUF_INIT, dump = BUF_INIT;
	int rc = report_load(&r, path, "templates", NULL);
	if (rc == 0)
		rc = report_compute(&r, "scripts", NULL);
	if (rc == 0)
		rc = report_view(&r, NULL);
	if (rc == 0)
		rc = html_page(&r.theme, r.view, &r.lambdas, &page, &r.diags);
	char *name = fs_basename(path, ".yaml");
	char *dir = fs_dirname(path);
	if (rc == 0) {
		struct paper paper;
		paper_from_theme(&r.arena, &r.theme, r.view, &paper);
		paper.style.base_dir = dir;
		struct pdf_doc *doc = pdf_doc_new(&paper.style, &r.diags);
		rc = doc ? 0 : -1;
		if (doc) {
			struct layout_metrics m = pdf_doc_metrics(doc);
			struct arena a = ARENA_INIT;
			struct dl_doc dl = {0};
			size_t errors = r.diags.errors;
			rc = layout_html(page.data ? page.data : "", page.len,
			                 path, &paper.style, &m, &a, &dl,
			                 &r.diags);
			if (rc == 0 && r.diags.errors == errors)
				layout_dump(&dl, &dump);
			else
				rc = -1;
			dl_doc_free(&dl);
			arena_free(&a);
			pdf_doc_free(doc);
		}
	}
	if (rc == 0)
		rc = write_file(argv[2], name, "html", &page, &r.diags);
	if (rc == 0)
		rc = write_file(argv[2], name, "dl", &dump, &r.diags);
	diags_print(&r.diags, stderr, false);
	free(name);
	free(dir);
	buf_free(&page);
	buf_free(&dump);
	report_free(&r);
	return rc == 0 ? 0 : 1;
}
