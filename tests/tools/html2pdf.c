/* html2pdf: typesets an XHTML file into a PDF with the default style, for
 * looking at results and for the end-to-end tests.
 *
 *   html2pdf [-t] [-d YYYY-MM-DD] [-T title] [-H header] IN.html OUT.pdf
 *
 * -t prints the time of each stage on stderr; -H gives the running
 * header's left slot (none by default). Diagnostics go to stderr;
 * the exit status is 1 when there are errors (OUT is then not written). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "pdf/pdf.h"

int main(int argc, char **argv)
{
	struct pdf_info info = {0};
	info.author = "clerk test suite";
	info.subject = "Committee report";
	info.keywords = "children's services, inspection";
	bool timing = false;
	const char *header = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-t") == 0)
			timing = true;
		else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
			info.date = argv[++i];
		else if (strcmp(argv[i], "-T") == 0 && i + 1 < argc)
			info.title = argv[++i];
		else if (strcmp(argv[i], "-H") == 0 && i + 1 < argc)
			header = argv[++i];
		else
			break;
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: html2pdf [-t] [-d YYYY-MM-DD] "
		                "[-T title] [-H header] IN.html OUT.pdf\n");
		return 2;
	}
	struct diags d = DIAGS_INIT;
	char *html;
	size_t len;
	if (fs_read(argv[i], 64 << 20, &html, &len, &d) < 0) {
		diags_print(&d, stderr, false);
		return 1;
	}
	struct layout_style st;
	layout_style_defaults(&st);
	char *dir = fs_dirname(argv[i]);
	st.base_dir = dir;
	/* Fixtures share the images in tests/img: run from the top. */
	st.image_root = ".";
	/* The fixtures' running footer, as a theme would give it. */
	st.footer.center = "Page {page} of {pages}";
	st.title = info.title;
	st.date = info.date;
	if (header)
		st.header.left = header;
	struct buf out = BUF_INIT;
	struct pdf_timing t;
	int rc = pdf_render_html(html, len, argv[i], &st, &info, &out, &d, &t);
	if (rc == 0)
		rc = fs_write_atomic(argv[i + 1], out.data, out.len, &d);
	diags_print(&d, stderr, false);
	if (timing)
		fprintf(stderr, "parse+layout %.2f ms, write %.2f ms\n",
		        t.parse_layout * 1e3, t.write * 1e3);
	buf_free(&out);
	free(html);
	free(dir);
	diags_free(&d);
	return rc == 0 ? 0 : 1;
}
