/* Unit tests for html_finish: broken in-page links are errors at the
 * template's position, scrolling tables become named focusable regions,
 * and the first use of each glossary term is marked <abbr title>. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/finish.h"
#include "html/marks.h"
#include "load/load.h"
#include "mustache/value_data.h"

static struct arena arena = ARENA_INIT;

static struct value *yaml(const char *text)
{
	struct diags d = DIAGS_INIT;
	struct value *v = NULL;
	assert_int_equal(
	        load_text(&arena, "data.yaml", text, strlen(text), &v, &d), 0);
	diags_free(&d);
	return v;
}

static char *printed(struct diags *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	diags_print(d, f, false);
	fclose(f);
	return text;
}

/* Renders `tpl` (named t.mustache) with `data` and finishes the page
 * with a theme whose standing glossary is `glossary` (YAML, may be
 * NULL). Returns html_finish's result; the page is in `out`, the
 * diagnostics in `d`. */
static int finish(const char *tpl, const char *data, const char *glossary,
                  struct buf *out, struct diags *d)
{
	struct mustache_template *t = NULL;
	assert_int_equal(
	        mustache_compile("t.mustache", tpl, strlen(tpl), &t, d), 0);
	struct value *view = yaml(data);
	struct mustache_data md = mustache_value_data(NULL);
	struct mustache_trace trace = {0};
	assert_int_equal(
	        mustache_render_traced(t, &md, view, NULL, out, &trace, d), 0);
	struct theme theme;
	memset(&theme, 0, sizeof theme);
	theme.dir = "templates/test";
	theme.glossary = glossary ? yaml(glossary) : NULL;
	/* The page's marked paragraphs are numbered first, as html_page
	 * does, moving the trace with the text. */
	int rc = html_number_marks(out, value_map_get(view, "paragraph_marks"),
	                           &trace, (struct pos){theme.dir, 0, 0}, d);
	if (rc == 0)
		rc = html_finish(&theme, view, &trace, out, d);
	free(trace.marks);
	mustache_free(t);
	return rc;
}

/* A link to an id the page lacks is an error at the line and column of
 * the href in the template that wrote it; a good one is not. */
static void broken_link_points_into_the_template(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	struct buf out = BUF_INIT;
	int rc = finish("<html><body>\n<p id=\"a\">x</p>\n"
	                "<p><a href=\"#a\">ok</a> <a href=\"#{{to}}\">bad</a>"
	                "</p>\n</body></html>\n",
	                "to: appendix-1\n", NULL, &out, &d);
	assert_int_equal(rc, -1);
	assert_int_equal(d.errors, 1);
	char *text = printed(&d);
	assert_non_null(strstr(text,
	                       "t.mustache:3:27: error: the in-page "
	                       "link href=\"#appendix-1\" leads nowhere"));
	free(text);
	buf_free(&out);
	diags_free(&d);
}

/* Numbers written into marked paragraphs before the page is finished
 * leave the broken link after them at its own place in the template. */
static void numbered_marks_keep_the_links_place(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	struct buf out = BUF_INIT;
	int rc = finish(
	        "<html><body>\n<p class=\"lead para\">{{a}}</p>\n"
	        "<p class=\"para\">b</p> <a href=\"#{{to}}\">bad</a>\n"
	        "</body></html>\n",
	        "a: x\nto: nowhere\n"
	        "paragraph_marks:\n"
	        "  - {tag: \"<p class=\\\"lead para\\\">\", at: t.mustache,"
	        " id: \"1\", number: \"1.\"}\n"
	        "  - {tag: \"<p class=\\\"para\\\">\", at: t.mustache}\n",
	        NULL, &out, &d);
	assert_int_equal(rc, -1);
	assert_int_equal(d.errors, 1);
	char *text = printed(&d);
	assert_non_null(strstr(text, "t.mustache:3:26: error: the in-page "
	                             "link href=\"#nowhere\" leads nowhere"));
	free(text);
	assert_non_null(strstr(buf_cstr(&out),
	                       "<p id=\"para-1\" class=\"lead\"><span "
	                       "class=\"pn\">1.</span> x</p>"));
	assert_non_null(strstr(buf_cstr(&out), "<p>b</p> <a href"));
	buf_free(&out);
	diags_free(&d);
}

/* A table's wrapper is a region named by its caption, which gets an id
 * when it has none, and takes the focus; a caption's own id is used. */
static void table_wrappers_become_regions(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	struct buf out = BUF_INIT;
	assert_int_equal(
	        finish("<body><div class=\"table-wrap\"><table><caption>One"
	               "</caption></table></div>"
	               "<div class=\"table-wrap\"><table><caption id=\"c2\">"
	               "Two</caption></table></div></body>",
	               "{}\n", NULL, &out, &d),
	        0);
	const char *s = buf_cstr(&out);
	assert_non_null(strstr(s, "<div class=\"table-wrap\" role=\"region\" "
	                          "aria-labelledby=\"tcap-1\" tabindex=\"0\">"
	                          "<table><caption id=\"tcap-1\">One"));
	assert_non_null(strstr(s, "<div class=\"table-wrap\" role=\"region\" "
	                          "aria-labelledby=\"c2\" tabindex=\"0\">"
	                          "<table><caption id=\"c2\">Two"));
	buf_free(&out);
	diags_free(&d);
}

/* The first whole-word use of each term, outside links and the style
 * sheet, is an <abbr>: the report's expansion, else its definition's
 * words; then the theme's standing terms. */
static void first_use_of_a_term_is_an_abbreviation(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	struct buf out = BUF_INIT;
	assert_int_equal(
	        finish("<html><head><style>.MASH{}</style></head><body>"
	               "<p>MASHED by the MASH; the MASH again.</p>"
	               "<p id=\"g\"><a href=\"#g\">LAC</a> LAC, and FGC.</p>"
	               "</body></html>",
	               "glossary:\n"
	               "  - {term: LAC, expansion: looked after children}\n"
	               "  - {term: FGC, definition: \"<p>A family's "
	               "meeting</p>\"}\n",
	               "MASH: Multi-Agency Safeguarding Hub\nLAC: other\n",
	               &out, &d),
	        0);
	const char *s = buf_cstr(&out);
	assert_non_null(strstr(s, "<style>.MASH{}</style>"));
	assert_non_null(strstr(s, "MASHED by the <abbr title=\"Multi-Agency "
	                          "Safeguarding Hub\">MASH</abbr>; the MASH "
	                          "again."));
	assert_non_null(strstr(s, "<a href=\"#g\">LAC</a> <abbr title=\"looked "
	                          "after children\">LAC</abbr>, and <abbr "
	                          "title=\"A family's meeting\">FGC</abbr>."));
	assert_null(strstr(s, "other"));
	buf_free(&out);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(broken_link_points_into_the_template),
	        cmocka_unit_test(numbered_marks_keep_the_links_place),
	        cmocka_unit_test(table_wrappers_become_regions),
	        cmocka_unit_test(first_use_of_a_term_is_an_abbreviation),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&arena);
	return rc;
}
