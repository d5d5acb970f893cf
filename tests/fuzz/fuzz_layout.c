/* libFuzzer target for the PDF path: an HTML fragment, wrapped in the page
 * the layout expects, goes through parse, style, layout and display list
 * to PDF bytes in memory. It must succeed or fail with a diagnostic, never
 * crash or hang; on success the document has pages and every item of its
 * display list lies within the page.
 *
 * The fonts are the default style's (fonts-liberation2, fonts-dejavu),
 * loaded once into a document whose metrics every input is laid out with;
 * each input's PDF is then written by a document of its own. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "pdf/pdf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct layout_style style;
static struct pdf_doc *fonts;
static struct layout_metrics metrics;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	layout_style_defaults(&style);
	style.title = "Fuzz report";
	style.date = "2020-01-14";
	style.header.left = "{title}";
	style.header.right = "{date}";
	static struct diags d = DIAGS_INIT;
	fonts = pdf_doc_new(&style, &d);
	if (!fonts)
		abort();
	metrics = pdf_doc_metrics(fonts);
	/* Load every face now, not inside the first input. */
	for (int face = 0; face < 4 * style.nfamilies; face++)
		if (metrics.glyph_width(metrics.ctx, face, 'a') < 0)
			abort();
	if (d.errors)
		abort();
	return 0;
}

/* An item is within the page, to a rounding error's tolerance. */
static bool inside(const struct dl_doc *doc, double x, double y)
{
	return x >= -0.01 && y >= -0.01 && x <= doc->page_width + 0.01 &&
	       y <= doc->page_height + 0.01;
}

static void check(const struct dl_doc *doc)
{
	if (doc->npages == 0)
		abort();
	for (size_t p = 0; p < doc->npages; p++) {
		const struct dl_page *pg = &doc->pages[p];
		for (size_t i = 0; i < pg->len; i++) {
			const struct dl_item *it = &pg->items[i];
			bool ok = inside(doc, it->x, it->y) &&
			          inside(doc, it->x + it->w, it->y + it->h);
			for (size_t k = 0; ok && k < it->npoints; k++)
				ok = inside(doc, it->points[2 * k],
				            it->points[2 * k + 1]);
			if (!ok) {
				fprintf(stderr,
				        "page %zu item %zu (kind %d) at %.2f "
				        "%.2f size %.2f x %.2f is off the "
				        "page\n",
				        p + 1, i, (int)it->kind, it->x, it->y,
				        it->w, it->h);
				abort();
			}
		}
	}
	for (size_t i = 0; i < doc->nanchors; i++)
		if (doc->anchors[i].page < 0 ||
		    (size_t)doc->anchors[i].page >= doc->npages)
			abort();
	for (size_t i = 0; i < doc->noutline; i++)
		if (doc->outline[i].page < 0 ||
		    (size_t)doc->outline[i].page >= doc->npages)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char head[] =
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	        "lang=\"en-GB\"><head><title>Fuzz</title></head><body>\n";
	static const char tail[] = "\n</body></html>\n";
	struct buf html = BUF_INIT;
	buf_put(&html, head, sizeof head - 1);
	buf_put(&html, (const char *)data, size);
	buf_put(&html, tail, sizeof tail - 1);

	struct diags d = DIAGS_INIT;
	struct arena a = ARENA_INIT;
	struct dl_doc doc = {0};
	int rc = layout_html(html.data, html.len, "fuzz.html", &style, &metrics,
	                     &a, &doc, &d);
	if (rc == 0) {
		check(&doc);
		struct pdf_doc *pdf = pdf_doc_new(&style, &d);
		if (!pdf)
			abort();
		struct pdf_info info = {.title = "Fuzz", .date = "2020-01-14"};
		struct buf out = BUF_INIT;
		if (pdf_write(pdf, &doc, &info, html.data, html.len, &out,
		              &d) != 0) {
			diags_print(&d, stderr, false);
			abort(); /* laid out, so it must be written */
		}
		if (out.len < 8 || memcmp(out.data, "%PDF-", 5) != 0)
			abort();
		buf_free(&out);
		pdf_doc_free(pdf);
	} else if (d.errors == 0) {
		abort(); /* a failure must say why */
	}
	dl_doc_free(&doc);
	arena_free(&a);
	diags_free(&d);
	buf_free(&html);
	return 0;
}
