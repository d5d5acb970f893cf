/* layout_dump: prints the display list of an XHTML file laid out with the
 * fixed-width test metrics, or its diagnostics.
 *
 *   layout_dump FILE.html   → dump on stdout, diagnostics on stderr */
#include <stdio.h>
#include <stdlib.h>

#include "base/fs.h"
#include "image/image.h"
#include "layout/layout.h"

/* Image files straight from the file system (layout/metrics.h). */
static int find_image(void *ctx, const char *root, const char *base,
                      const char *src, struct pos pos, char **real,
                      struct diags *d)
{
	(void)ctx;
	return image_find(root, base, src, pos, real, d);
}

static int read_image(void *ctx, const char *real, const char *src,
                      struct pos pos, char **data, size_t *len, struct diags *d)
{
	(void)ctx;
	return image_read_file(NULL, real, src, pos, data, len, d);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: layout_dump FILE.html\n");
		return 2;
	}
	struct diags d = DIAGS_INIT;
	char *html;
	size_t len;
	if (fs_read(argv[1], 16 << 20, &html, &len, &d) < 0) {
		diags_print(&d, stderr, false);
		return 1;
	}
	struct layout_style st;
	layout_style_defaults(&st);
	char *dir = fs_dirname(argv[1]);
	st.base_dir = dir;
	/* Fixtures share the images in tests/img: run from the top. */
	st.image_root = ".";
	/* The fixtures' running footer, as a theme would give it. */
	st.footer.center = "Page {page} of {pages}";
	st.title = "Test report";
	struct layout_metrics m = layout_metrics_fixed();
	m.image_find = find_image;
	m.image_read = read_image;
	struct arena a = ARENA_INIT;
	struct dl_doc doc = {0};
	int rc = layout_html(html, len, argv[1], &st, &m, &a, &doc, &d);
	diags_print(&d, stderr, false);
	if (rc == 0) {
		struct buf out = BUF_INIT;
		layout_dump(&doc, &out);
		fwrite(out.data, 1, out.len, stdout);
		buf_free(&out);
	}
	dl_doc_free(&doc);
	arena_free(&a);
	free(html);
	free(dir);
	diags_free(&d);
	return rc == 0 ? 0 : 1;
}
