/* Unit tests for chart: the SVG and its data table, read back as XML. Each
 * test draws a chart, parses the figure with libxml2 (so the output must be
 * well-formed) and checks the parts a reader or the PDF path relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "chart/chart.h"

static const char *const quarters[] = {"Q1", "Q2", "Q3"};
static const double done[] = {2, 5, 9}, late[] = {1, -4, 2};

/* Draws `c` and parses it; the caller frees the document. */
static xmlDocPtr draw(const struct chart *c, struct buf *html)
{
	chart_to_html(c, html);
	xmlDocPtr doc = xmlReadMemory(html->data, (int)html->len, "chart.html",
	                              NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	return doc;
}

/* The number of nodes `xpath` selects, or with `text` the string of the
 * first (caller frees). */
static int count(xmlDocPtr doc, const char *xpath)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, BAD_CAST "s",
	                   BAD_CAST "http://www.w3.org/2000/svg");
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
	assert_non_null(r);
	int n = r->nodesetval ? r->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return n;
}

static char *text(xmlDocPtr doc, const char *xpath)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, BAD_CAST "s",
	                   BAD_CAST "http://www.w3.org/2000/svg");
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
	assert_non_null(r);
	xmlChar *s = xmlXPathCastToString(r);
	char *out = strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return out;
}

static void assert_text(xmlDocPtr doc, const char *xpath, const char *want)
{
	char *got = text(doc, xpath);
	assert_string_equal(got, want);
	free(got);
}

#define WIDE "/figure/s:svg[@class='chart-wide']"
#define NARROW "/figure/s:svg[@class='chart-narrow']"

/* Two series as stacked bars: both drawings, each naming the chart for
 * screen readers, a rect per value, numbers on the bars and in the legend,
 * and the numbers in a table under "Show the figures", one row a
 * quarter. */
static void stacked_bars_and_table(void **state)
{
	(void)state;
	struct chart_series s[] = {{"Done", done, 0x00703c},
	                           {"Late", late, 0xd4351c}};
	struct chart c = {.kind = CHART_STACKED,
	                  .title = "Actions by quarter",
	                  .unit = "actions",
	                  .categories = quarters,
	                  .ncategories = 3,
	                  .series = s,
	                  .nseries = 2};
	struct buf html = BUF_INIT;
	xmlDocPtr doc = draw(&c, &html);
	assert_text(doc, WIDE "/@width", "480");
	assert_text(doc, WIDE "/@height", "220");
	assert_text(doc, WIDE "/@role", "img");
	assert_text(doc, NARROW "/@width", "280");
	char *box = text(doc, "concat('0 0 280 '," NARROW "/@height)");
	assert_text(doc, NARROW "/@viewBox", box);
	free(box);
	char *alt = text(doc, WIDE "/@aria-label");
	assert_string_equal(alt, "Actions by quarter. Done: Q1 2, Q2 5, Q3 9. "
	                         "Late: Q1 1, Q2 -4, Q3 2.");
	free(alt);
	/* Each value's bar (3), the legend's swatch, in both drawings. */
	assert_true(count(doc, WIDE "/s:rect[@fill='#00703c']") >= 4);
	assert_true(count(doc, NARROW "/s:rect[@fill='#d4351c']") >= 4);
	/* A negative value draws nothing: its bar has no height. */
	assert_int_equal(count(doc, WIDE "/s:rect[@height='0.0']"), 1);
	/* The second series is hatched; the first is not. */
	assert_true(count(doc, WIDE "/s:line") > 10);
	/* The stack's numbers on its segments and the legend's numbers (the
	 * last quarter's). */
	assert_int_equal(count(doc, WIDE "/s:text[.='9']"), 1);
	assert_int_equal(count(doc, WIDE "/s:text[.='Done 9']"), 1);
	assert_int_equal(count(doc, WIDE "/s:text[.='Late 2']"), 1);
	/* Every text at least 12 units. */
	assert_int_equal(count(doc, "//s:text[@font-size < 12]"), 0);
	assert_text(doc, "//details[@class='chart-figures']/summary",
	            "Show the figures");
	assert_int_equal(count(doc, "//details//table/tbody/tr"), 3);
	assert_text(doc, "//table/thead/tr/th[1]", "Done (actions)");
	assert_text(doc, "//table/tbody/tr[2]/th[@scope='row']", "Q2");
	assert_text(doc, "//table/tbody/tr[2]/td[2]", "-4");
	assert_text(doc, "//table/tbody/tr[3]/td[1]", "9");
	/* The caption is the figure's last child. */
	assert_text(doc, "/figure/*[last()]", "Actions by quarter");
	assert_string_equal(
	        (const char *)xmlDocGetRootElement(doc)->last->prev->name,
	        "figcaption");
	xmlFreeDoc(doc);
	buf_free(&html);
}

/* A fill of less than 3:1 against the background is outlined in the
 * text's colour; a dark one is not. The words of the disclosure are the
 * theme's. */
static void faint_fills_are_outlined(void **state)
{
	(void)state;
	assert_true(chart_contrast(0xf3f2f1, 0xffffff) < 3);
	assert_true(chart_contrast(0x00703c, 0xffffff) >= 3);
	struct chart_series s[] = {{"Not started", done, 0xf3f2f1},
	                           {"On track", done, 0x00703c}};
	struct chart c = {.kind = CHART_STACKED,
	                  .title = "t",
	                  .categories = quarters,
	                  .ncategories = 3,
	                  .series = s,
	                  .nseries = 2,
	                  .figures_label = "Dangos y ffigurau",
	                  .text = 0x111111,
	                  .background = 0xffffff};
	struct buf html = BUF_INIT;
	xmlDocPtr doc = draw(&c, &html);
	assert_true(count(doc, WIDE "/s:rect[@fill='#f3f2f1' and "
	                            "@stroke='#111111']") >= 3);
	assert_int_equal(count(doc, WIDE "/s:rect[@fill='#00703c' and "
	                                 "@stroke]"),
	                 0);
	assert_text(doc, "//summary", "Dangos y ffigurau");
	xmlFreeDoc(doc);
	buf_free(&html);
}

/* The value axis rounds up to a step of 1, 2 or 5 times a power of ten:
 * stacks of up to 11 give gridlines 0, 5, 10, 15. */
static void axis_is_round(void **state)
{
	(void)state;
	struct chart_series s[] = {{"Done", done, 0x00703c},
	                           {"Late", late, 0xd4351c}};
	struct chart c = {.kind = CHART_STACKED,
	                  .title = "t",
	                  .categories = quarters,
	                  .ncategories = 3,
	                  .series = s,
	                  .nseries = 2};
	struct buf html = BUF_INIT;
	xmlDocPtr doc = draw(&c, &html);
	assert_int_equal(count(doc, WIDE "/s:text[@text-anchor='end']"), 4);
	assert_text(doc, "(" WIDE "/s:text[@text-anchor='end'])[4]", "15");
	xmlFreeDoc(doc);
	buf_free(&html);
}

/* One line series: a polyline through one point per category, each point
 * marked and numbered, no legend, and fractions printed to two places. */
static void line_chart(void **state)
{
	(void)state;
	static const double v[] = {1.5, 3, 2.25};
	struct chart_series s[] = {{"Rate", v, 0x1d70b8}};
	struct chart c = {.kind = CHART_LINE,
	                  .title = "Rate",
	                  .categories = quarters,
	                  .ncategories = 3,
	                  .series = s,
	                  .nseries = 1,
	                  .width = 600,
	                  .height = 300};
	struct buf html = BUF_INIT;
	xmlDocPtr doc = draw(&c, &html);
	assert_text(doc, WIDE "/@viewBox", "0 0 600 300");
	assert_int_equal(count(doc, WIDE "/s:polyline"), 1);
	char *pts = text(doc, WIDE "/s:polyline/@points");
	int spaces = 0;
	for (const char *p = pts; *p; p++)
		spaces += *p == ' ';
	assert_int_equal(spaces, 2);
	free(pts);
	assert_int_equal(count(doc, WIDE "/s:circle"), 3);
	assert_int_equal(count(doc, WIDE "/s:text[.='2.25']"), 1);
	assert_int_equal(count(doc, WIDE "/s:rect"), 0);
	/* Narrow, the points are bars across, each with its number. */
	assert_int_equal(count(doc, NARROW "/s:rect"), 3);
	assert_int_equal(count(doc, NARROW "/s:text[.='1.50']"), 1);
	assert_text(doc, "//table/tbody/tr[1]/td", "1.50");
	assert_text(doc, "//table/tbody/tr[2]/td", "3");
	xmlFreeDoc(doc);
	buf_free(&html);
}

/* Names and titles are text, never markup. */
static void words_are_escaped(void **state)
{
	(void)state;
	static const char *const cats[] = {"<b>Q1</b>"};
	static const double v[] = {1};
	struct chart_series s[] = {{"A & B", v, 0}, {"\"C\"", v, 0xffffff}};
	struct chart c = {.kind = CHART_BAR,
	                  .title = "<script>alert(1)</script>",
	                  .categories = cats,
	                  .ncategories = 1,
	                  .series = s,
	                  .nseries = 2};
	struct buf html = BUF_INIT;
	xmlDocPtr doc = draw(&c, &html);
	assert_null(strstr(html.data, "<script"));
	assert_null(strstr(html.data, "<b>"));
	assert_int_equal(count(doc, "//script|//b"), 0);
	assert_text(doc, "//figcaption", "<script>alert(1)</script>");
	assert_text(doc, "//table/thead/tr/th[1]", "A & B");
	assert_text(doc, "//table/tbody/tr/th", "<b>Q1</b>");
	xmlFreeDoc(doc);
	buf_free(&html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(stacked_bars_and_table),
	        cmocka_unit_test(faint_fills_are_outlined),
	        cmocka_unit_test(axis_is_round),
	        cmocka_unit_test(line_chart),
	        cmocka_unit_test(words_are_escaped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
