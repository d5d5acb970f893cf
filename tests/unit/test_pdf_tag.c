/* The PDF writer's tagging, on display lists made by hand: structure
 * tree, links as OBJR kids, document-level PDF/UA-1 and PDF/A-2a entries,
 * the same bytes for the same input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <qpdf/qpdf-c.h>

#include "layout/style.h"
#include "pdf/pdf.h"

static bool has(const struct buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= b->len; i++)
		if (!memcmp(b->data + i, s, n))
			return true;
	return false;
}

static void text(struct dl_page *pg, int elem, const char *t, double y)
{
	struct dl_item *it = dl_add(pg, DL_TEXT);
	it->elem = elem;
	it->text = t;
	it->len = strlen(t);
	it->x = 50;
	it->y = y;
	it->size = 10;
}

/* Document > H1, P > Link, Table > TR > TH, TD (empty); a footer. */
static void make(struct dl_doc *dl)
{
	memset(dl, 0, sizeof *dl);
	dl->page_width = 595;
	dl->page_height = 842;
	int doc = dl_add_elem(dl, DL_ROLE_DOCUMENT, -1);
	int h1 = dl_add_elem(dl, DL_ROLE_H1, doc);
	int p = dl_add_elem(dl, DL_ROLE_P, doc);
	int link = dl_add_elem(dl, DL_ROLE_LINK, p);
	dl->elems[link].alt = "Appendix B";
	int table = dl_add_elem(dl, DL_ROLE_TABLE, doc);
	int tr = dl_add_elem(dl, DL_ROLE_TR, table);
	int th = dl_add_elem(dl, DL_ROLE_TH, tr);
	dl->elems[th].id = "h-status";
	dl->elems[th].scope = "Column";
	int td = dl_add_elem(dl, DL_ROLE_TD, tr);
	dl->elems[td].headers = "h-status";
	dl->npages = 1;
	dl->pages = calloc(1, sizeof *dl->pages);
	struct dl_page *pg = &dl->pages[0];
	text(pg, h1 + 1, "Purpose", 60);
	text(pg, p + 1, "See", 80);
	text(pg, link + 1, "Appendix B", 80);
	struct dl_item *a = dl_add(pg, DL_LINK);
	a->elem = link + 1;
	a->text = "https://example.org/b";
	a->x = 70, a->y = 70, a->w = 50, a->h = 12;
	struct dl_item *r = dl_add(pg, DL_RECT);
	r->artifact = DL_ART_BACKGROUND;
	r->x = 50, r->y = 90, r->w = 100, r->h = 12;
	text(pg, th + 1, "Status", 100);
	text(pg, 0, "Page 1 of 1", 820);
	pg->items[pg->len - 1].artifact = DL_ART_PAGINATION;
}

static void write_one(struct buf *out)
{
	struct layout_style st;
	layout_style_defaults(&st);
	struct diags d = {0};
	struct pdf_doc *doc = pdf_doc_new(&st, &d);
	assert_non_null(doc);
	struct dl_doc dl;
	make(&dl);
	struct pdf_info info = {.title = "Tagged & titled",
	                        .date = "2020-01-14"};
	assert_int_equal(pdf_write(doc, &dl, &info, "seed", 4, out, &d), 0);
	assert_int_equal(d.errors, 0);
	pdf_doc_free(doc);
	dl_doc_free(&dl);
	diags_free(&d);
}

/* The file with its object streams and streams undone by libqpdf, so
 * that the dictionaries can be searched as text. */
static void expand(struct buf *b)
{
	qpdf_data q = qpdf_init();
	assert_false(qpdf_read_memory(q, "test", b->data, b->len, NULL) &
	             QPDF_ERRORS);
	assert_false(qpdf_init_write_memory(q) & QPDF_ERRORS);
	qpdf_set_object_stream_mode(q, qpdf_o_disable);
	qpdf_set_stream_data_mode(q, qpdf_s_uncompress);
	assert_false(qpdf_write(q) & QPDF_ERRORS);
	b->len = 0;
	buf_put(b, qpdf_get_buffer(q), qpdf_get_buffer_length(q));
	qpdf_cleanup(&q);
}

static void tree_and_document_entries(void **state)
{
	(void)state;
	struct buf b = {0};
	write_one(&b);
	expand(&b);
	/* PDF_TAG_OUT=file keeps the PDF, for pdfinfo -struct-text. */
	const char *keep = getenv("PDF_TAG_OUT");
	FILE *f = keep ? fopen(keep, "wb") : NULL;
	if (f) {
		fwrite(b.data, 1, b.len, f);
		fclose(f);
	}
	assert_true(!memcmp(b.data, "%PDF-1.7", 8));
	const char *want[] = {
	        "/Type /StructTreeRoot",
	        "/S /Document",
	        "/S /H1",
	        "/S /P",
	        "/S /Link",
	        "/S /TH",
	        "/S /TD",
	        "/Scope /Column",
	        "/Headers [",
	        "/ID (h-status)",
	        "/IDTree",
	        "/Type /OBJR",
	        "/StructParent 1",
	        "/StructParents 0",
	        "/ParentTreeNextKey 2",
	        "/Tabs /S",
	        "/Aside /Note",
	        "/Marked true",
	        "/DisplayDocTitle true",
	        "/F 4",
	        "/Type /Metadata",
	        "<pdfuaid:part>1</pdfuaid:part>",
	        "<pdfaid:part>2</pdfaid:part>",
	        "<pdfaid:conformance>A</pdfaid:conformance>",
	        "Tagged &amp; titled",
	        "<xmp:CreateDate>2020-01-14T00:00:00Z</xmp:CreateDate>",
	        "/CreationDate (D:20200114",
	        "/S /GTS_PDFA1",
	        "/N 3"};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		if (!has(&b, want[i]))
			fail_msg("missing %s", want[i]);
	}
	buf_free(&b);
}

static void same_bytes(void **state)
{
	(void)state;
	struct buf a = {0}, b = {0};
	write_one(&a);
	write_one(&b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	buf_free(&a);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(tree_and_document_entries),
	        cmocka_unit_test(same_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
