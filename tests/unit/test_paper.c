/* Unit tests for paper: the PDF's page, running header and footer, rules
 * and warnings from a theme. Run from the repository root (themes are
 * read from templates/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "paper/paper.h"
#include "theme/internal.h"

static struct arena arena = ARENA_INIT;

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	return 0;
}

static void load_theme(const char *council, struct theme *t)
{
	struct diags d = DIAGS_INIT;
	memset(t, 0, sizeof *t);
	assert_int_equal(theme_load(&arena, "templates", council,
	                            (struct pos){NULL, 0, 0}, NULL, t, &d),
	                 0);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
}

static struct value *view_of(const char *yaml)
{
	struct diags d = DIAGS_INIT;
	struct value *v = NULL;
	assert_int_equal(
	        load_text(&arena, "view.yaml", yaml, strlen(yaml), &v, &d), 0);
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

/* A4 with the default's margins; the running texts with this report's
 * words, {page} and {pages} left for the layout. */
static void page_and_running_texts_come_from_the_theme(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	struct paper p;
	paper_from_theme(&arena, &t,
	                 view_of("meeting: {committee: Cabinet, date: "
	                         "2020-01-14, date_long: 14 January 2020}\n"
	                         "report: {title: Budget, author: {name: "
	                         "A. Officer}}\n"),
	                 &p);
	assert_true(fabs(p.style.page_width - 595.28) < 0.01);
	assert_true(fabs(p.style.page_height - 841.89) < 0.01);
	assert_true(fabs(p.style.margin_top - 20 * 72 / 25.4) < 0.01);
	assert_true(fabs(p.style.margin_right - 18 * 72 / 25.4) < 0.01);
	assert_string_equal(p.style.header.left, t.council_name);
	assert_string_equal(p.style.header.right, "Cabinet, 14 January 2020");
	assert_string_equal(p.style.footer.left, "Budget");
	assert_string_equal(p.style.footer.right, "Page {page} of {pages}");
	assert_true(p.style.first_page_differs);
	assert_null(p.style.first_header.right);
	assert_string_equal(p.info.title, "Budget");
	assert_string_equal(p.info.author, "A. Officer");
	assert_string_equal(p.info.subject, "Cabinet");
	assert_string_equal(p.info.date, "2020-01-14");
	/* The numbers that hang are the default sheet's -clerk-hang. */
	assert_string_equal(p.style.hang_classes, "num pn marker");
	assert_true(p.style.own_rules_only);
	assert_true(p.style.nrules > 0);
}

/* A field the running header does not know is an error when the theme
 * loads, naming the field. */
static void an_unknown_running_field_is_an_error(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	struct value *base = NULL, *own = NULL;
	assert_int_equal(load_file(&arena, "templates/default/brand.yaml", NULL,
	                           &base, &d),
	                 0);
	static const char yaml[] = "header: {left: \"{council} {mayor}\"}\n";
	assert_int_equal(
	        load_text(&arena, "brand.yaml", yaml, strlen(yaml), &own, &d),
	        0);
	struct theme t;
	memset(&t, 0, sizeof t);
	t.name = t.dir = t.default_dir = "test";
	theme_read_brand(&arena, load_merge(&arena, base, own), false, &t, &d);
	assert_int_equal(d.errors, 1);
	char *text = printed(&d);
	assert_non_null(strstr(text, "brand.yaml:1:"));
	assert_non_null(strstr(text, "{mayor}"));
	free(text);
	diags_free(&d);
}

/* brand.yaml's `web:` and `glossary:`: an address must be http(s), and
 * the standing glossary is read as TERM: expansion. */
static void web_tokens_are_checked(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	struct value *base = NULL, *own = NULL;
	assert_int_equal(load_file(&arena, "templates/default/brand.yaml", NULL,
	                           &base, &d),
	                 0);
	static const char yaml[] = "web: {base_url: \"javascript:alert(1)\"}\n"
	                           "glossary: {CIN: children in need}\n";
	assert_int_equal(
	        load_text(&arena, "brand.yaml", yaml, strlen(yaml), &own, &d),
	        0);
	struct theme t;
	memset(&t, 0, sizeof t);
	t.name = t.dir = t.default_dir = "test";
	theme_read_brand(&arena, load_merge(&arena, base, own), false, &t, &d);
	assert_int_equal(d.errors, 1);
	char *text = printed(&d);
	assert_non_null(strstr(text, "brand.yaml:1:17: error: web.base_url: "
	                             "expected an address starting https://"));
	free(text);
	assert_null(t.web_base_url);
	assert_non_null(t.web_accessible_formats);
	const struct value *cin = value_map_get(t.glossary, "CIN");
	assert_string_equal(cin->text, "children in need");
	assert_non_null(value_map_get(t.glossary, "MASH"));
	diags_free(&d);
}

/* Rules: a class rule's declarations become layout properties; a
 * screen-only rule and a selector the layout cannot match do not. */
static void rules_for_the_layout(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	memset(&t.style, 0, sizeof t.style);
	struct diags d = DIAGS_INIT;
	static const char css[] = ".box{border:2pt solid "
	                          "#ff0000;padding:4pt;margin:6pt 0 3pt 12pt}\n"
	                          "@media screen{.box{color:#00ff00}}\n"
	                          "a:hover{color:#0000ff}\n"
	                          ".n{-clerk-hang:number}.m{-clerk-hang:number}"
	                          ".n{-clerk-hang:none}\n";
	assert_int_equal(theme_style_parse(&arena, &t, "extra.css", css,
	                                   strlen(css), &t.style, &d),
	                 0);
	struct layout_style st;
	layout_style_defaults(&st);
	paper_rules(&arena, &t.style, &st);
	assert_int_equal(st.nrules, 1);
	const struct layout_rule *r = &st.rules[0];
	assert_string_equal(r->selector, ".box");
	assert_false(r->set & LAYOUT_P_COLOR);
	for (int side = 0; side < 4; side++) {
		assert_true(fabs(r->p.border[side].width - 2) < 1e-9);
		assert_true(r->p.border[side].drawn);
		assert_int_equal(r->p.border[side].color, 0xff0000);
		assert_true(fabs(r->p.padding[side] - 4) < 1e-9);
	}
	assert_true(fabs(r->p.margin_top - 6) < 1e-9);
	assert_true(fabs(r->p.margin_right) < 1e-9);
	assert_true(fabs(r->p.margin_bottom - 3) < 1e-9);
	assert_true(fabs(r->p.indent - 12) < 1e-9);
	/* The last word for .n takes it back. */
	assert_string_equal(st.hang_classes, "m");
	diags_free(&d);
}

/* A box styled by its sides, as a council's extra.css writes it, reaches
 * the layout side by side: a left rule and its padding, without the other
 * sides. */
static void sides_of_a_box_reach_the_layout(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	memset(&t.style, 0, sizeof t.style);
	struct diags d = DIAGS_INIT;
	static const char css[] =
	        ".c{border-left:4pt solid #5b2a86;padding-left:12pt}\n"
	        ".t{border:1pt solid #000000;border-top-color:#ff0000;"
	        "border-bottom:none;border-width:1pt 2pt;"
	        "padding:1pt 2pt 3pt 4pt;padding-right:5pt;"
	        "margin-right:7pt;margin-left:auto}\n"
	        ".w{border-left-width:3pt}\n"
	        ".s{border-right-style:dashed;border-color:currentColor}\n"
	        ".x{border-left:4pt wavy #000000}\n";
	assert_int_equal(theme_style_parse(&arena, &t, "extra.css", css,
	                                   strlen(css), &t.style, &d),
	                 0);
	struct layout_style st;
	layout_style_defaults(&st);
	paper_rules(&arena, &t.style, &st);
	assert_int_equal(st.nrules, 4); /* .x has nothing the PDF reads */
	const struct layout_rule *c = &st.rules[0];
	assert_string_equal(c->selector, ".c");
	assert_int_equal(c->set, LAYOUT_P_BORDER_WIDTH(LAYOUT_LEFT) |
	                                 LAYOUT_P_BORDER_STYLE(LAYOUT_LEFT) |
	                                 LAYOUT_P_BORDER_COLOR(LAYOUT_LEFT) |
	                                 LAYOUT_P_PADDING_SIDE(LAYOUT_LEFT));
	assert_true(fabs(c->p.border[LAYOUT_LEFT].width - 4) < 1e-9);
	assert_true(c->p.border[LAYOUT_LEFT].drawn);
	assert_int_equal(c->p.border[LAYOUT_LEFT].color, 0x5b2a86);
	assert_true(fabs(c->p.padding[LAYOUT_LEFT] - 12) < 1e-9);

	const struct layout_rule *r = &st.rules[1];
	assert_string_equal(r->selector, ".t");
	assert_int_equal(r->p.border[LAYOUT_TOP].color, 0xff0000);
	assert_int_equal(r->p.border[LAYOUT_LEFT].color, 0x000000);
	assert_true(r->p.border[LAYOUT_TOP].drawn);
	assert_false(r->p.border[LAYOUT_BOTTOM].drawn);
	assert_true(fabs(r->p.border[LAYOUT_TOP].width - 1) < 1e-9);
	assert_true(fabs(r->p.border[LAYOUT_RIGHT].width - 2) < 1e-9);
	assert_true(fabs(r->p.border[LAYOUT_LEFT].width - 2) < 1e-9);
	double pad[4] = {1, 5, 3, 4};
	for (int side = 0; side < 4; side++)
		assert_true(fabs(r->p.padding[side] - pad[side]) < 1e-9);
	assert_true(fabs(r->p.margin_right - 7) < 1e-9);
	assert_true(r->set & LAYOUT_P_INDENT);
	assert_true(fabs(r->p.indent) < 1e-9);

	/* A width alone keeps the side's style and colour as they are. */
	const struct layout_rule *w = &st.rules[2];
	assert_int_equal(w->set, LAYOUT_P_BORDER_WIDTH(LAYOUT_LEFT));
	const struct layout_rule *s = &st.rules[3];
	assert_int_equal(s->set, LAYOUT_P_BORDER_STYLE(LAYOUT_RIGHT) |
	                                 LAYOUT_P_BORDER_COLOR(LAYOUT_TOP) |
	                                 LAYOUT_P_BORDER_COLOR(LAYOUT_RIGHT) |
	                                 LAYOUT_P_BORDER_COLOR(LAYOUT_BOTTOM) |
	                                 LAYOUT_P_BORDER_COLOR(LAYOUT_LEFT));
	assert_int_equal(s->p.border[LAYOUT_LEFT].color, LAYOUT_NONE);
	diags_free(&d);
}

/* A council's value the PDF cannot read is one warning at its line and
 * column; the default theme's sheet gives none. */
static void unreadable_values_are_warned_of_once(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	struct diags d = DIAGS_INIT;
	paper_check(&t, &d);
	assert_int_equal(d.len, 0);

	load_theme("medway", &t);
	paper_check(&t, &d);
	char *text = printed(&d);
	assert_string_equal(text, "templates/medway/extra.css:7:18: warning: "
	                          "the PDF cannot read `width: 12em` and "
	                          "leaves it out; the web page uses it\n");
	free(text);
	diags_free(&d);
}

/* The default sheet's `main a { -clerk-link-address: after; }` reaches
 * the layout; a council's `none` takes it back for its rule. */
static void link_addresses_are_the_sheets(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	struct layout_style st;
	layout_style_defaults(&st);
	paper_rules(&arena, &t.style, &st);
	const struct layout_rule *on = NULL;
	for (size_t i = 0; i < st.nrules; i++)
		if (st.rules[i].set & LAYOUT_P_LINK_ADDRESS)
			on = &st.rules[i];
	assert_non_null(on);
	assert_string_equal(on->selector, "main a");
	assert_true(on->p.link_address);
	memset(&t.style, 0, sizeof t.style);
	struct diags d = DIAGS_INIT;
	static const char css[] = "a{-clerk-link-address:none}"
	                          "b{-clerk-link-address:maybe}";
	assert_int_equal(theme_style_parse(&arena, &t, "extra.css", css,
	                                   strlen(css), &t.style, &d),
	                 0);
	paper_rules(&arena, &t.style, &st);
	assert_int_equal(st.nrules, 1);
	assert_true(st.rules[0].set & LAYOUT_P_LINK_ADDRESS);
	assert_false(st.rules[0].p.link_address);
	diags_free(&d);
}

/* A font list none of whose names the PDF can use is one warning at the
 * fonts entry, naming the list and the family used; a list that ends in
 * a generic family, or names a family clerk maps, is none. */
static void unusable_font_lists_are_warned_of(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	struct value *base = NULL, *own = NULL;
	assert_int_equal(load_file(&arena, "templates/default/brand.yaml", NULL,
	                           &base, &d),
	                 0);
	static const char yaml[] =
	        "fonts:\n"
	        "  body: {family: \"Clerk Test Nonesuch, Nonesuch Two\"}\n"
	        "  heading: {family: \"Clerk Test Nonesuch, sans-serif\"}\n"
	        "  small: {family: \"Clerk Test Nonesuch, Helvetica\"}\n";
	assert_int_equal(
	        load_text(&arena, "brand.yaml", yaml, strlen(yaml), &own, &d),
	        0);
	struct theme t;
	memset(&t, 0, sizeof t);
	t.name = t.dir = t.default_dir = "test";
	theme_read_brand(&arena, load_merge(&arena, base, own), false, &t, &d);
	assert_int_equal(d.errors, 0);
	paper_check(&t, &d);
	char *text = printed(&d);
	assert_string_equal(text,
	                    "brand.yaml:2:18: warning: fonts.body.family: none "
	                    "of \"Clerk Test Nonesuch\", \"Nonesuch Two\" is "
	                    "installed or known to clerk; the PDF uses "
	                    "Liberation Sans (add a generic family such as "
	                    "sans-serif to choose one)\n");
	free(text);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(page_and_running_texts_come_from_the_theme),
	        cmocka_unit_test(an_unknown_running_field_is_an_error),
	        cmocka_unit_test(web_tokens_are_checked),
	        cmocka_unit_test(rules_for_the_layout),
	        cmocka_unit_test(sides_of_a_box_reach_the_layout),
	        cmocka_unit_test(unreadable_values_are_warned_of_once),
	        cmocka_unit_test(unusable_font_lists_are_warned_of),
	        cmocka_unit_test(link_addresses_are_the_sheets),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
