/* The style table: the style sheet parser (good and bad input, with
 * positions), the table written as CSS, and the table mapped onto the
 * layout's rules, down to the PDF's display list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "load/load.h"
#include "paper/paper.h"
#include "theme/internal.h"

static struct arena arena = ARENA_INIT;
static struct theme plain; /* the default brand.yaml's tokens */

static int setup(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	struct value *brand = NULL;
	int rc = load_file(&arena, "templates/default/brand.yaml", NULL, &brand,
	                   &d);
	if (rc == 0)
		rc = theme_read_brand(&arena, brand, false, &plain, &d);
	diags_free(&d);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	return 0;
}

/* Parses css[0..len) (all of it when len is SIZE_MAX) as style.css into
 * `s`; returns the diagnostics as printed (caller frees). */
static char *parse(const char *css, size_t len, struct theme_style *s)
{
	struct diags d = DIAGS_INIT;
	memset(s, 0, sizeof *s);
	theme_style_parse(&arena, &plain, "style.css", css,
	                  len == SIZE_MAX ? strlen(css) : len, s, &d);
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	diags_print(&d, f, false);
	fclose(f);
	diags_free(&d);
	return text;
}

static void good_sheet_parses(void **state)
{
	(void)state;
	struct theme_style s;
	char *err = parse("/* a note */\n"
	                  "h2 , .note>p{ color : var( --link ) ;\n"
	                  "  font-family: 'Open  Sans', serif }\n"
	                  "@media print {\n"
	                  "  a { color: var(--text) }\n"
	                  "  .badge{}\n"
	                  "}\n"
	                  ".x { content: \"a;b}\"; margin: 0 /* c */ auto; }\n",
	                  SIZE_MAX, &s);
	assert_string_equal(err, "");
	free(err);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.rules[0].selector, "h2,.note>p");
	assert_int_equal(s.rules[0].media, THEME_MEDIA_ALL);
	assert_int_equal(s.rules[0].ndecls, 2);
	assert_string_equal(s.rules[0].decls[0].name, "color");
	assert_string_equal(s.rules[0].decls[0].value, "#1d5a96");
	assert_int_equal(s.rules[0].decls[0].pos.line, 2);
	assert_int_equal(s.rules[0].decls[0].pos.col, 15);
	assert_string_equal(s.rules[0].decls[1].value, "'Open  Sans', serif");
	assert_int_equal(s.rules[1].media, THEME_MEDIA_PRINT);
	assert_string_equal(s.rules[1].decls[0].value, "#0b0c0c");
	assert_int_equal(s.rules[2].ndecls, 0);
	assert_int_equal(s.rules[3].media, THEME_MEDIA_ALL);
	assert_string_equal(s.rules[3].decls[0].value, "\"a;b}\"");
	assert_string_equal(s.rules[3].decls[1].value, "0 auto");
}

static const struct {
	const char *css, *expected;
} bad[] = {
        {"h2 { color red; }",
         "style.css:1:6: error: expected a declaration `property: value`, "
         "got \"color red\"\n"},
        {"h2 {\n  color: ;\n}",
         "style.css:2:10: error: color: expected a value and then ; or }, "
         "got nothing\n"},
        {"h2 {\n  color: var(--linky);\n}",
         "style.css:2:10: error: var(--linky): not a brand.yaml token; "
         "expected var(--NAME) with NAME a token of docs/themes.md, such as "
         "var(--link) or var(--grade-good-background)\n"},
        {"h2 { color: #fff",
         "style.css:1:13: error: color: expected a value and then ; or }, "
         "got the end of the file\n"},
        {"@import \"x.css\";",
         "style.css:1:1: error: \"@import \"x.css\"\": expected a rule or "
         "@media QUERY { rules } (one level deep; clerk reads no other "
         "at-rule)\n"},
        {"@media print {\n  @media screen { a { b: c } }\n}",
         "style.css:2:3: error: \"@media screen\": expected a rule or @media "
         "QUERY { rules } (one level deep; clerk reads no other "
         "at-rule)\n"},
        {"@media print {\n  a { b: c }\n",
         "style.css:1:1: error: this @media block is never closed; expected "
         "}\n"},
        {"a, { b: c }",
         "style.css:1:1: error: \"a,\": a selector list has an empty "
         "member\n"},
        {"a { b: c }\n}",
         "style.css:2:1: error: expected a selector and then {, got }\n"},
        {"a { b: \"c }",
         "style.css:1:8: error: this string is never closed; expected \" "
         "before the end of the line\n"},
        {"a { b: c } /* d",
         "style.css:1:12: error: this comment is never closed; expected "
         "*/\n"},
        {"a { b: { c } }",
         "style.css:1:8: error: b: expected a value and then ; or }, got "
         "{\n"},
};

static void bad_sheets_are_refused_at_their_position(void **state)
{
	(void)state;
	int failed = 0;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct theme_style s;
		char *got = parse(bad[i].css, SIZE_MAX, &s);
		if (strcmp(got, bad[i].expected) != 0) {
			print_message("case %zu (%s):\n  want %s  got  %s", i,
			              bad[i].css, bad[i].expected, got);
			failed++;
		}
		free(got);
	}
	assert_int_equal(failed, 0);
}

static void nul_byte_is_refused(void **state)
{
	(void)state;
	struct theme_style s;
	char *got = parse("a { b: c\0d }", 13, &s);
	assert_string_equal(got, "style.css:1:9: error: a NUL byte; a style "
	                         "sheet is text\n");
	free(got);
}

static void table_is_written_as_css(void **state)
{
	(void)state;
	struct theme_style s;
	char *err = parse(".a { color: var(--muted) }\n"
	                  "@media print { .b { display: none } .c { x: y } }\n"
	                  "@media (max-width:40em) { .d { e: f } }\n"
	                  "@media print { .g { h: i } }\n"
	                  ".j { k: l; m: n }",
	                  SIZE_MAX, &s);
	assert_string_equal(err, "");
	free(err);
	struct buf out = BUF_INIT;
	theme_style_write(&s, &out);
	assert_string_equal(buf_cstr(&out), ".a{color:#505a5f;}\n"
	                                    "@media print{\n"
	                                    ".b{display:none;}\n"
	                                    ".c{x:y;}\n"
	                                    "}\n"
	                                    "@media (max-width:40em){\n"
	                                    ".d{e:f;}\n"
	                                    "}\n"
	                                    "@media print{\n"
	                                    ".g{h:i;}\n"
	                                    "}\n"
	                                    ".j{k:l;m:n;}\n");
	buf_free(&out);
}

static const struct layout_rule *find(const struct layout_style *st,
                                      const char *sel, size_t nth)
{
	for (size_t i = 0; i < st->nrules; i++)
		if (strcmp(st->rules[i].selector, sel) == 0 && nth-- == 0)
			return &st->rules[i];
	return NULL;
}

static void table_maps_onto_layout_rules(void **state)
{
	(void)state;
	struct theme_style s;
	char *err = parse(
	        ".note { background: #eef; padding: 6pt 1em;\n"
	        "  border: 1px solid var(--rule); display: grid }\n"
	        "h2 { font-size: 1.5em; margin: 2pt 0 4pt 1em;\n"
	        "  font-weight: bold; break-after: avoid }\n"
	        "@media screen { .web { color: #f00 } }\n"
	        "@media print { .x > td.y { text-align: right; width: 30%;\n"
	        "  font-size: calc(10pt * 1.5); break-before: page } }\n"
	        "div .z, a:hover { color: #00f }\n"
	        ".c { color: #010203 } p { color: #040506 }\n",
	        SIZE_MAX, &s);
	assert_string_equal(err, "");
	free(err);
	struct layout_style st;
	layout_style_defaults(&st);
	st.body.size = 10;
	paper_rules(&arena, &s, &st);
	assert_true(st.own_rules_only);
	/* Only what the layout matches, in cascade order: tags, then
	 * classes, then tag.class under a class. */
	assert_int_equal(st.nrules, 6);
	assert_string_equal(st.rules[0].selector, "h2");
	assert_string_equal(st.rules[1].selector, "p");
	assert_string_equal(st.rules[2].selector, ".note");
	assert_string_equal(st.rules[3].selector, ".c");
	assert_string_equal(st.rules[4].selector, "div .z");
	assert_string_equal(st.rules[5].selector, ".x > td.y");
	const struct layout_rule *r = find(&st, ".note", 0);
	assert_int_equal(r->set, LAYOUT_P_BACKGROUND | LAYOUT_P_PADDING |
	                                 LAYOUT_P_BORDER | LAYOUT_P_HIDDEN);
	assert_int_equal(r->p.background, 0xEEEEFF);
	/* padding: 6pt 1em is 6pt above and below, 10pt at the sides. */
	assert_true(r->p.padding[LAYOUT_TOP] == 6);
	assert_true(r->p.padding[LAYOUT_BOTTOM] == 6);
	assert_true(r->p.padding[LAYOUT_LEFT] == 10);
	assert_true(r->p.padding[LAYOUT_RIGHT] == 10);
	for (int side = 0; side < 4; side++) {
		assert_true(r->p.border[side].width == 0.75);
		assert_true(r->p.border[side].drawn);
		assert_int_equal(r->p.border[side].color, 0xB1B4B6);
	}
	assert_false(r->p.hidden);
	r = find(&st, "h2", 0);
	assert_true(r->p.size == 15);
	assert_true(r->p.margin_top == 2 && r->p.margin_bottom == 4);
	assert_true(r->p.indent == 10);
	assert_true(r->p.bold && r->p.keep_with_next);
	r = find(&st, ".x > td.y", 0);
	assert_int_equal(r->p.align, LAYOUT_ALIGN_RIGHT);
	assert_true(r->p.width == 30 && r->p.size == 15 && r->p.break_before);
}

/* ul.plain { list-style: none } draws the list without markers. */
static void list_style_none_is_a_plain_list(void **state)
{
	(void)state;
	struct theme_style s;
	char *err = parse("ul.bare { list-style: none; }", SIZE_MAX, &s);
	assert_string_equal(err, "");
	free(err);
	struct layout_style st;
	layout_style_defaults(&st);
	st.plain_list_classes = "";
	paper_rules(&arena, &s, &st);
	struct layout_metrics m = layout_metrics_fixed();
	static const char html[] =
	        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
	        "<ul class=\"bare\"><li>one</li></ul><ul><li>two</li></ul>"
	        "</body></html>";
	struct dl_doc doc = {0};
	struct arena la = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	assert_int_equal(layout_html(html, strlen(html), "t.html", &st, &m, &la,
	                             &doc, &d),
	                 0);
	struct buf dump = BUF_INIT;
	layout_dump(&doc, &dump);
	/* Only the second list has its bullet, and only it is indented. */
	const char *t = buf_cstr(&dump);
	const char *bullet = strstr(t, "\"\xE2\x80\xA2\"");
	assert_non_null(bullet);
	assert_null(strstr(bullet + 1, "\"\xE2\x80\xA2\""));
	assert_true(bullet > strstr(t, "\"one\""));
	assert_non_null(strstr(t, "text 56.69 66.87 w=16.50 face=0 size=11.00 "
	                          "#000000 \"one\""));
	buf_free(&dump);
	dl_doc_free(&doc);
	arena_free(&la);
	diags_free(&d);
}

/* A council writes `.note{background:#eef}` once: it is in the page's
 * CSS and drawn in the PDF. */
static void one_rule_reaches_both_outputs(void **state)
{
	(void)state;
	struct theme t = plain;
	memset(&t.style, 0, sizeof t.style);
	struct diags d = DIAGS_INIT;
	static const char css[] = ".note{background:#eef}\n"
	                          "tbody > tr:nth-child(even) > td"
	                          "{background:var(--table-stripe)}";
	assert_int_equal(theme_style_parse(&arena, &t, "extra.css", css,
	                                   strlen(css), &t.style, &d),
	                 0);
	struct buf page = BUF_INIT;
	theme_css(&t, &page);
	assert_non_null(strstr(buf_cstr(&page), ".note{background:#eef;}"));
	buf_free(&page);

	struct layout_style st;
	layout_style_defaults(&st);
	paper_rules(&arena, &t.style, &st);
	struct layout_metrics m = layout_metrics_fixed();
	static const char html[] =
	        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
	        "<p>plain</p><div class=\"note\"><p>boxed</p></div>"
	        "<table><tbody><tr><td>1</td></tr><tr><td>2</td></tr>"
	        "</tbody></table>"
	        "</body></html>";
	struct dl_doc doc = {0};
	struct arena la = ARENA_INIT;
	assert_int_equal(layout_html(html, strlen(html), "t.html", &st, &m, &la,
	                             &doc, &d),
	                 0);
	struct buf dump = BUF_INIT;
	layout_dump(&doc, &dump);
	assert_non_null(strstr(buf_cstr(&dump), "#eeeeff"));
	/* The second row's cell is striped, the first's not. */
	const char *stripe = strstr(buf_cstr(&dump), "#f8f8f8");
	assert_non_null(stripe);
	assert_null(strstr(stripe + 1, "#f8f8f8"));
	buf_free(&dump);
	dl_doc_free(&doc);
	arena_free(&la);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(good_sheet_parses),
	        cmocka_unit_test(bad_sheets_are_refused_at_their_position),
	        cmocka_unit_test(nul_byte_is_refused),
	        cmocka_unit_test(table_is_written_as_css),
	        cmocka_unit_test(table_maps_onto_layout_rules),
	        cmocka_unit_test(one_rule_reaches_both_outputs),
	        cmocka_unit_test(list_style_none_is_a_plain_list),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
