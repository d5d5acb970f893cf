/* Unit tests for the layout engine's structure output: the element tree
 * it builds from the HTML, the reference every display-list item carries,
 * artifacts, reading order in table rows, and in-page link targets. Laid
 * out with the fixed-width metrics (every glyph 500/1000 em). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "layout/layout.h"

static struct layout_style style;
static struct layout_metrics metrics;
static struct arena arena;
static struct dl_doc doc;
static struct diags diags;

/* A page 100 pt wide and 100 pt high inside its margins: 20 characters
 * a line and 8 lines of 10 pt text. */
static void setup_style(void)
{
	layout_style_defaults(&style);
	style.body.size = 10;
	style.margin_left = style.margin_right = 10;
	style.margin_top = style.margin_bottom = 20;
	style.page_width = 20 + 100;
	style.page_height = 40 + 100;
	style.footer.center = "page";
	metrics = layout_metrics_fixed();
}

static int lay(const char *body)
{
	dl_doc_free(&doc);
	arena_free(&arena);
	diags_free(&diags);
	struct buf html = BUF_INIT;
	buf_printf(&html,
	           "<html xmlns=\"http://www.w3.org/1999/xhtml\">"
	           "<body>%s</body></html>",
	           body);
	int rc = layout_html(html.data, html.len, "t.html", &style, &metrics,
	                     &arena, &doc, &diags);
	buf_free(&html);
	return rc;
}

/* The element tree as "Document H1.0 P.0": each role, and for all but
 * the root its parent's index. */
static const char *tree(void)
{
	static struct buf b;
	buf_clear(&b);
	for (size_t i = 0; i < doc.nelems; i++) {
		if (i)
			buf_putc(&b, ' ');
		buf_puts(&b, dl_role_name(doc.elems[i].role));
		if (doc.elems[i].parent >= 0)
			buf_printf(&b, ".%d", doc.elems[i].parent);
	}
	return buf_cstr(&b);
}

/* The text items of page `p` as "text@elem" (elem the index, or "A"
 * and the artifact kind's number), one per line. */
static const char *texts(size_t p)
{
	static struct buf b;
	buf_clear(&b);
	for (size_t i = 0; i < doc.pages[p].len; i++) {
		const struct dl_item *it = &doc.pages[p].items[i];
		if (it->kind != DL_TEXT)
			continue;
		buf_put(&b, it->text, it->len);
		if (it->elem)
			buf_printf(&b, "@%d\n", it->elem - 1);
		else
			buf_printf(&b, "@A%d\n", (int)it->artifact);
	}
	return buf_cstr(&b);
}

static void headings_and_paragraphs(void **state)
{
	(void)state;
	setup_style();
	assert_int_equal(lay("<h1>Title</h1><h2>Part</h2><p>Text.</p>"
	                     "<h6>Small</h6>"),
	                 0);
	assert_string_equal(tree(), "Document H1.0 H2.0 P.0 H6.0");
	assert_string_equal(texts(0), "Title@1\nPart@2\nText.@3\nSmall@4\n"
	                              "page@A1\n");
	/* Hidden from the PDF: no element, no content. */
	assert_int_equal(lay("<p class=\"visually-hidden\">Skip</p><p>x</p>"),
	                 0);
	assert_string_equal(tree(), "Document P.0");
}

static void a_link_inside_a_paragraph(void **state)
{
	(void)state;
	setup_style();
	assert_int_equal(
	        lay("<p>See <a href=\"https://example.org/r\">the report</a> "
	            "now</p>"),
	        0);
	assert_string_equal(tree(), "Document P.0 Link.1");
	assert_string_equal(doc.elems[2].alt, "the report");
	/* The Link's text between the paragraph's, in order; its area and
	 * its text both its own, its underline an artifact. */
	assert_string_equal(texts(0), "See@1\nthe report@2\nnow@1\npage@A1\n");
	int links = 0;
	for (size_t i = 0; i < doc.pages[0].len; i++) {
		const struct dl_item *it = &doc.pages[0].items[i];
		if (it->kind == DL_LINK) {
			links++;
			assert_int_equal(it->elem, 3);
		}
		if (it->kind == DL_LINE) {
			assert_int_equal(it->elem, 0);
			assert_int_equal(it->artifact, DL_ART_LAYOUT);
		}
	}
	assert_int_equal(links, 1);
}

static void a_list(void **state)
{
	(void)state;
	setup_style();
	assert_int_equal(lay("<ol><li>One</li><li>Two</li></ol>"
	                     "<ul class=\"plain\"><li>Bare</li></ul>"),
	                 0);
	/* The marker is the Lbl, the text the LBody; an item without a
	 * marker has no Lbl. */
	const char *t = tree();
	assert_true(strncmp(t,
	                    "Document L.0 LI.1 Lbl.2 LBody.2 LI.1 Lbl.5 "
	                    "LBody.5 L.0 LI.8 ",
	                    strlen("Document L.0 LI.1 Lbl.2 LBody.2 LI.1 "
	                           "Lbl.5 LBody.5 L.0 LI.8 ")) == 0);
	assert_true(strncmp(texts(0), "1.@3\nOne@4\n2.@6\nTwo@7\n", 22) == 0);
	/* A list in a nav is a table of contents. */
	assert_int_equal(lay("<nav><ul><li><a href=\"#s\">Scope</a></li></ul>"
	                     "</nav><h2 id=\"s\">Scope</h2>"),
	                 0);
	assert_string_equal(tree(), "Document Div.0 TOC.1 TOCI.2 Link.3 H2.0");
}

static void a_table_across_two_pages(void **state)
{
	(void)state;
	setup_style();
	/* A header row, and a body row whose two cells wrap into more lines
	 * than a page holds: the row continues on page 2, under the header
	 * drawn again. */
	assert_int_equal(
	        lay("<table><thead><tr><th>Action</th><th>Who</th></tr>"
	            "</thead><tbody><tr id=\"a1\"><td>aa bb cc dd ee ff gg "
	            "hh ii jj kk ll mm nn oo pp qq rr ss tt</td><td>x y z w "
	            "v u t s r q p o n m l k j i h g</td></tr></tbody>"
	            "</table>"),
	        0);
	assert_string_equal(tree(), "Document Table.0 THead.1 TR.2 TH.3 TH.3 "
	                            "TBody.1 TR.6 TD.7 TD.7");
	const struct dl_elem *th = &doc.elems[4], *td = &doc.elems[8];
	assert_string_equal(th->scope, "Column");
	assert_non_null(th->id);
	assert_string_equal(td->headers, th->id);
	assert_string_equal(doc.elems[7].id, "a1");
	assert_int_equal(doc.npages, 2);
	/* Each page holds both cells' lines, the first cell's together
	 * before the second's; the TDs are the same element on both pages;
	 * the repeated header is a pagination artifact. */
	for (size_t p = 0; p < 2; p++) {
		int state_ = 0; /* 0: header, 1: first cell, 2: second */
		int seen[3] = {0, 0, 0};
		for (size_t i = 0; i < doc.pages[p].len; i++) {
			const struct dl_item *it = &doc.pages[p].items[i];
			if (it->kind != DL_TEXT || it->y > 120)
				continue;
			int s = it->elem == 9 ? 1 : it->elem == 10 ? 2 : 0;
			assert_true(s >= state_);
			state_ = s;
			seen[s]++;
			if (s == 0 && p == 1) {
				assert_int_equal(it->elem, 0);
				assert_int_equal(it->artifact,
				                 DL_ART_PAGINATION);
			}
			if (s == 0 && p == 0)
				assert_true(it->elem == 5 || it->elem == 6);
		}
		assert_int_equal(seen[0], 2);
		assert_true(seen[1] >= 2);
		assert_true(seen[2] >= 2);
	}
	/* Backgrounds and borders are artifacts. */
	for (size_t i = 0; i < doc.pages[0].len; i++) {
		const struct dl_item *it = &doc.pages[0].items[i];
		if (it->kind == DL_RECT || it->kind == DL_LINE)
			assert_int_equal(it->elem, 0);
	}
	/* The row is a link target. */
	assert_non_null(dl_find_anchor(&doc, "a1"));
}

static void an_empty_cell_is_a_cell(void **state)
{
	(void)state;
	setup_style();
	assert_int_equal(lay("<table><tr><th scope=\"row\">R</th><td></td>"
	                     "<td>x</td></tr></table>"),
	                 0);
	assert_string_equal(tree(), "Document Table.0 TR.1 TH.2 TD.2 TD.2");
	assert_string_equal(doc.elems[3].scope, "Row");
	assert_string_equal(doc.elems[4].headers, doc.elems[3].id);
	assert_string_equal(doc.elems[5].headers, doc.elems[3].id);
	int in_empty = 0;
	for (size_t i = 0; i < doc.pages[0].len; i++)
		in_empty += doc.pages[0].items[i].elem == 5;
	assert_int_equal(in_empty, 0);
}

static void a_figure_has_its_alternative(void **state)
{
	(void)state;
	setup_style();
	assert_int_equal(
	        lay("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" "
	            "height=\"40\" viewBox=\"0 0 80 40\" "
	            "aria-label=\"Visits: 3 in May, 5 in June\">"
	            "<rect x=\"0\" y=\"10\" width=\"20\" height=\"30\" "
	            "fill=\"#336699\"/></svg>"
	            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" "
	            "height=\"40\" viewBox=\"0 0 80 40\"><title>From the "
	            "title</title><rect x=\"0\" y=\"10\" width=\"20\" "
	            "height=\"30\" fill=\"#336699\"/></svg>"),
	        0);
	assert_string_equal(tree(), "Document Figure.0 Figure.0");
	assert_string_equal(doc.elems[1].alt, "Visits: 3 in May, 5 in June");
	assert_string_equal(doc.elems[2].alt, "From the title");
	int bars = 0;
	for (size_t i = 0; i < doc.pages[0].len; i++) {
		const struct dl_item *it = &doc.pages[0].items[i];
		if (it->kind == DL_RECT || it->kind == DL_FILL) {
			assert_true(it->elem == 2 || it->elem == 3);
			bars++;
		}
	}
	assert_int_equal(bars, 2);
}

static void a_link_needs_its_target(void **state)
{
	(void)state;
	setup_style();
	assert_int_equal(lay("<p id=\"here\">x</p><p><a href=\"#here\">back"
	                     "</a></p>"),
	                 0);
	assert_int_equal(lay("<p>x</p>\n<p>See <a href=\"#gone\">there</a>"
	                     "</p>"),
	                 -1);
	assert_int_equal(diags.errors, 1);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].col, 8);
	assert_non_null(strstr(diags.items[0].msg, "\"#gone\""));
	assert_non_null(strstr(diags.items[0].msg, "nothing in the document "
	                                           "has id=\"gone\""));
}

static int teardown(void **state)
{
	(void)state;
	dl_doc_free(&doc);
	arena_free(&arena);
	diags_free(&diags);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(headings_and_paragraphs),
	        cmocka_unit_test(a_link_inside_a_paragraph),
	        cmocka_unit_test(a_list),
	        cmocka_unit_test(a_table_across_two_pages),
	        cmocka_unit_test(an_empty_cell_is_a_cell),
	        cmocka_unit_test(a_figure_has_its_alternative),
	        cmocka_unit_test(a_link_needs_its_target),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
