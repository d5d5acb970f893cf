/* Unit tests for theme: each token parsed as its type, its bad values
 * refused with their exact diagnostic, good ones written back; the colour
 * parser; the extra.css rule. Run from the repository root (the default
 * brand.yaml is read from templates/default). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "theme/internal.h"

static struct arena arena = ARENA_INIT;
static struct value *defaults;

static int setup(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	int rc = load_file(&arena, "templates/default/brand.yaml", NULL,
	                   &defaults, &d);
	diags_free(&d);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	return 0;
}

/* Reads `yaml` (named brand.yaml) over the default brand.yaml into `t`
 * and returns every diagnostic as printed, one per line (caller frees). */
static char *read_theme(const char *yaml, struct theme *t)
{
	struct diags d = DIAGS_INIT;
	struct value *own = NULL;
	memset(t, 0, sizeof *t);
	t->name = t->dir = t->default_dir = "test";
	if (load_text(&arena, "brand.yaml", yaml, strlen(yaml), &own, &d) == 0)
		theme_read_brand(&arena, load_merge(&arena, defaults, own),
		                 false, t, &d);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	diags_print(&d, f, false);
	fclose(f);
	diags_free(&d);
	return text;
}

static const struct {
	const char *yaml, *expected;
} bad[] = {
        /* Paragraph numbers. */
        {"numbering: {paragraphs: one_run}\n",
         "brand.yaml:1:25: error: numbering.paragraphs: expected "
         "hierarchical, sectioned, flat, none or continuous, got "
         "\"one_run\"\n"},
        {"numbering: {paragraphs: continuous, format: \"#.\"}\n",
         "brand.yaml:1:45: error: numbering.format: expected the "
         "paragraph's count {n} once, such as \"{n}.\" or \"({n})\", got "
         "\"#.\"\n"},
        {"numbering: {format: \"{n}.{n}\"}\n",
         "brand.yaml:1:21: error: numbering.format: expected the "
         "paragraph's count {n} once, such as \"{n}.\" or \"({n})\", got "
         "\"{n}.{n}\"\n"},
        {"numbering: {format: \"{p}.{n}\"}\n",
         "brand.yaml:1:21: error: numbering.format: \"{p}\" is not a field "
         "of the number; the fields are {n} (the paragraph's count) and {s} "
         "(its section's number)\n"},
        {"numbering: {paragraphs: flat, format: \"{s}.{n}\"}\n",
         "brand.yaml:1:39: error: numbering.format: {s} is the section's "
         "number, which only hierarchical and sectioned numbering have; got "
         "\"{s}.{n}\"\n"},
        {"numbering: {format: "
         "\"{n}........................................\"}\n",
         "brand.yaml:1:21: error: numbering.format: the format is 43 bytes "
         "long; it may be at most 32 bytes\n"},
        {"numbering: {count: [recomendations, blocks]}\n",
         "brand.yaml:1:21: error: numbering.count: expected "
         "recommendations, implications or blocks, got \"recomendations\"; "
         "did you mean recommendations?\n"},
        {"numbering:\n  count:\n    - implications\n    - tables\n",
         "brand.yaml:4:7: error: numbering.count: expected "
         "recommendations, implications or blocks, got \"tables\"\n"},
        {"numbering: {count: blocks}\n",
         "brand.yaml:1:20: error: numbering.count: expected a list of the "
         "parts that are numbered, such as [recommendations, "
         "implications], got \"blocks\"\n"},
        {"numbering: {paragraphs: none, count: [blocks]}\n",
         "brand.yaml:1:38: error: numbering.count: nothing is numbered "
         "when numbering.paragraphs is none; leave count out, or choose "
         "hierarchical, sectioned, flat or continuous\n"},
        {"numbering: {paragraphs: continuous, count: [implications]}\n",
         "brand.yaml:1:44: error: numbering.count: continuous numbering "
         "counts the recommendations; add recommendations to the list, or "
         "write paragraphs: flat to leave them their own markers\n"},
        {"numbering: {style: flat}\n",
         "brand.yaml:1:13: error: numbering.style: unknown key; expected "
         "one of paragraphs, recommendations, format, count\n"},
        /* Lengths and numbers. */
        {"council: {logo_width_mm: \"10mm;}</style><script>"
         "window.__pwned=1</script>\"}\n",
         "brand.yaml:1:26: error: council.logo_width_mm: expected a number "
         "of millimetres from 1 to 200, got \"10mm;}</style><script>"
         "window.__pwned=1</\xe2\x80\xa6\"\n"},
        {"council: {logo_width_mm: 30mm}\n",
         "brand.yaml:1:26: error: council.logo_width_mm: expected a number "
         "of millimetres from 1 to 200, got \"30mm\"\n"},
        {"council: {logo_width_mm: 0}\n",
         "brand.yaml:1:26: error: council.logo_width_mm: expected a number "
         "of millimetres from 1 to 200, got 0\n"},
        /* The loader refuses what no number can be, before the theme. */
        {"council: {logo_width_mm: .nan}\n",
         "brand.yaml:1:26: error: expected a number, got .nan ('not a "
         "number' is no number a report can use; put it in quotes if it is "
         "text)\n"},
        {"page: {margin_top_mm: \"20mm\"}\n",
         "brand.yaml:1:23: error: page.margin_top_mm: expected a number of "
         "millimetres from 0 to 100, got \"20mm\"\n"},
        {"fonts:\n  body: {size_pt: \"12pt;}body{x:expression(alert(1))\"}\n",
         "brand.yaml:2:19: error: fonts.body.size_pt: expected a number of "
         "points from 4 to 72, got \"12pt;}body{x:expression(alert(1))\"\n"},
        {"fonts:\n  small: {line_height: 9}\n",
         "brand.yaml:2:24: error: fonts.small.line_height: expected a "
         "number (times the font size) from 1 to 3, got 9\n"},
        /* Colours. */
        {"colors: {accent: red}\n",
         "brand.yaml:1:18: error: colors.accent: expected a colour written "
         "#rrggbb or #rgb, such as \"#1d70b8\", got \"red\"\n"},
        {"colors: {accent: \"#1d70b8;}</style><script>x</script>\"}\n",
         "brand.yaml:1:18: error: colors.accent: expected a colour written "
         "#rrggbb or #rgb, such as \"#1d70b8\", got \"#1d70b8;}</style>"
         "<script>x</script>\"\n"},
        {"colors: {accent: \"#12345\"}\n",
         "brand.yaml:1:18: error: colors.accent: expected a colour written "
         "#rrggbb or #rgb, such as \"#1d70b8\", got \"#12345\"\n"},
        {"colors: {accent: \"url(javascript:alert(1))\"}\n",
         "brand.yaml:1:18: error: colors.accent: expected a colour written "
         "#rrggbb or #rgb, such as \"#1d70b8\", got \"url(javascript:alert"
         "(1))\"\n"},
        {"colors:\n  accent: #1d70b8\n",
         "brand.yaml:2:10: error: colors.accent: expected a colour such as "
         "\"#1d70b8\", in quotes (unquoted, # starts a comment), got "
         "nothing\n"},
        {"grades:\n  good: {background: 123456}\n",
         "brand.yaml:2:22: error: grades.good.background: expected a "
         "colour written #rrggbb or #rgb, such as \"#1d70b8\", got "
         "123456\n"},
        {"statuses:\n  done: {text: [\"#fff\"]}\n",
         "brand.yaml:2:16: error: statuses.done.text: expected a colour "
         "written #rrggbb or #rgb, such as \"#1d70b8\", got a list\n"},
        /* The vocabulary's renames and the words. */
        {"vocabulary:\n  grades: {excellent: Excellent}\n",
         "brand.yaml:2:12: error: vocabulary.grades.excellent: unknown "
         "key; expected one of outstanding, good, requires_improvement, "
         "inadequate, adequate\n"},
        {"vocabulary:\n  statuses: {done: \"\"}\n",
         "brand.yaml:2:20: error: vocabulary.statuses.done: expected the "
         "name to print, got an empty text\n"},
        {"vocabulary:\n  meetings: {}\n",
         "brand.yaml:2:3: error: vocabulary.meetings: unknown key; "
         "expected one of grades, statuses, classes\n"},
        {"words: [Yes, No]\n",
         "brand.yaml:1:8: error: words: expected a map, got a list\n"},
        /* Font lists. */
        {"fonts:\n  body: {family: \"Arial;}</style><script>x</script>\"}\n",
         "brand.yaml:2:18: error: fonts.body.family: expected font names "
         "separated by commas, such as \"Arial, Helvetica, sans-serif\" (a "
         "font name may hold only letters, digits, spaces and hyphens), "
         "got \"Arial;}</style><script>x</script>\"\n"},
        {"fonts:\n  heading: {family: \"x\\\", {y}\"}\n",
         "brand.yaml:2:21: error: fonts.heading.family: expected font "
         "names separated by commas, such as \"Arial, Helvetica, "
         "sans-serif\" (a font name may hold only letters, digits, spaces "
         "and hyphens), got \"x\", {y}\"\n"},
        {"fonts:\n  body: {family: \"Arial, url(javascript:x)\"}\n",
         "brand.yaml:2:18: error: fonts.body.family: expected font names "
         "separated by commas, such as \"Arial, Helvetica, sans-serif\" (a "
         "font name may hold only letters, digits, spaces and hyphens), "
         "got \"Arial, url(javascript:x)\"\n"},
        {"fonts:\n  body: {family: \"Arial,, serif\"}\n",
         "brand.yaml:2:18: error: fonts.body.family: expected font names "
         "separated by commas, such as \"Arial, Helvetica, sans-serif\" (a "
         "name is empty), got \"Arial,, serif\"\n"},
        {"fonts:\n  body: {family: \"a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q\"}\n",
         "brand.yaml:2:18: error: fonts.body.family: expected font names "
         "separated by commas, such as \"Arial, Helvetica, sans-serif\" (a "
         "font list may name at most 16 fonts (LIMIT_THEME_FONT_NAMES)), "
         "got \"a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q\"\n"},
        {"fonts:\n  small: {family: {name: Arial}}\n",
         "brand.yaml:2:19: error: fonts.small.family: expected a list of "
         "font names such as \"Arial, Helvetica, sans-serif\", got a map\n"},
        /* Words. */
        {"fonts:\n  body: {weight: \"bold;}</style>\"}\n",
         "brand.yaml:2:18: error: fonts.body.weight: expected normal or "
         "bold, got \"bold;}</style>\"\n"},
        {"page: {size: \"A4;}\"}\n",
         "brand.yaml:1:14: error: page.size: expected A4, A5, A3, Letter or "
         "Legal, got \"A4;}\"\n"},
        {"numbering: {paragraphs: 1}\n",
         "brand.yaml:1:25: error: numbering.paragraphs: expected "
         "hierarchical, sectioned, flat, none or continuous, got 1\n"},
        {"rules: {actions_need_owner: fatal}\n",
         "brand.yaml:1:29: error: rules.actions_need_owner: expected off, "
         "warning or error, got \"fatal\"\n"},
        /* Text. */
        /* Control characters are refused by the loader where written. */
        {"council: {name: \"Evil\\u0001Council\"}\n",
         "brand.yaml:1:22: error: the text contains a control character "
         "(U+0001), which cannot be printed; remove it\n"},
        {"council: {logo_alt: {a: b}}\n",
         "brand.yaml:1:21: error: council.logo_alt: expected text, got a "
         "map\n"},
        {"header: {left: \"a\\nb\"}\n",
         "brand.yaml:1:16: error: header.left: expected one line of text "
         "without control characters (found \\x0a), got \"a\\x0ab\"\n"},
        {"sections:\n  summary: {heading: [Summary]}\n",
         "brand.yaml:2:22: error: sections.summary.heading: expected text, "
         "got a list\n"},
        /* Keys nobody reads are typos. */
        {"fonts:\n  body: {colour: red}\n",
         "brand.yaml:2:10: error: fonts.body.colour: unknown key; expected "
         "one of family, size_pt, line_height, weight\n"},
        {"council: {logo_width: 30}\n",
         "brand.yaml:1:11: error: council.logo_width: unknown key; expected "
         "one of name, logo, logo_alt, logo_width_mm\n"},
        /* The charts' palette. */
        {"charts: {palette: [\"#123456\", teal]}\n",
         "brand.yaml:1:31: error: charts.palette[1]: expected a colour "
         "written #rrggbb or #rgb, in quotes, such as \"#1d70b8\", got "
         "\"teal\"\n"},
        {"charts: {palette: []}\n",
         "brand.yaml:1:19: error: charts.palette: expected a list of 1 to 8 "
         "colours, such as [\"#1d70b8\", \"#00703c\"], got an empty "
         "list\n"},
        {"charts: {palette: }\n",
         "brand.yaml:1:19: error: charts.palette: expected a list of 1 to 8 "
         "colours, such as [\"#1d70b8\", \"#00703c\"], got nothing\n"},
        {"charts: {palette: [\"#111\", \"#222\", \"#333\", \"#444\", "
         "\"#555\", \"#666\", \"#777\", \"#888\", \"#999\"]}\n",
         "brand.yaml:1:19: error: charts.palette: expected a list of 1 to 8 "
         "colours, such as [\"#1d70b8\", \"#00703c\"], got 9 colours\n"},
        {"charts: {colours: [\"#123456\"]}\n",
         "brand.yaml:1:10: error: charts.colours: unknown key; expected one "
         "of palette\n"},
        /* The print section. */
        {"print:\n  styles:\n    h2: {color: \"#f00\"}\n",
         "brand.yaml:3:5: error: print.styles: styles are no longer "
         "brand.yaml tokens; write them as CSS in the council's extra.css, "
         "inside `@media print { SELECTOR { property: value; } }` for paper "
         "only, or outside it for the PDF and the web page alike "
         "(docs/themes.md, \"The style sheet\")\n"},
        {"print:\n  first_page:\n    footer: {left: \"a\\tb\"}\n",
         "brand.yaml:3:20: error: print.first_page.footer.left: expected "
         "one line of text without control characters (found \\x09), got "
         "\"a\\x09b\"\n"},
        /* Running texts: only the fields both outputs fill in. */
        {"header: {left: \"{councl} report\"}\n",
         "brand.yaml:1:16: error: header.left: {councl} is not a field of "
         "the running header and footer; the fields are {council}, "
         "{committee}, {date}, {title}, {item}, {page} and {pages}\n"},
        {"footer: {right: \"{page} of {Pages}\"}\n",
         "brand.yaml:1:17: error: footer.right: {Pages} is not a field of "
         "the running header and footer; the fields are {council}, "
         "{committee}, {date}, {title}, {item}, {page} and {pages}\n"},
        {"print:\n  first_page:\n    header: {center: \"{ward}\"}\n",
         "brand.yaml:3:22: error: print.first_page.header.center: {ward} is "
         "not a field of the running header and footer; the fields are "
         "{council}, {committee}, {date}, {title}, {item}, {page} and "
         "{pages}\n"},
        /* Groups of sections under one heading. */
        {"sections:\n  implications:\n    heading: Implications\n"
         "    group: [implications.financial, implications.equality]\n"
         "order: [summary, implications]\n",
         "brand.yaml:4:37: error: sections.implications.group[1]: "
         "\"implications.equality\" is not a standard section; did you mean "
         "implications.equalities? (the list is in docs/themes.md)\n"},
        {"sections:\n"
         "  implications: {heading: Implications, group: "
         "[implications.legal]}\n"
         "  more: {heading: More, group: [implications.risk, "
         "implications.legal]}\n"
         "order: [implications, more]\n",
         "brand.yaml:3:52: error: sections.more.group[1]: "
         "\"implications.legal\" is already in the group \"implications\" "
         "(brand.yaml:2); a section prints in one place only\n"},
        {"sections:\n"
         "  implications: {heading: Implications, group: "
         "[implications.legal]}\n"
         "order: [summary, implications.legal, implications]\n",
         "brand.yaml:3:18: error: order[1]: \"implications.legal\" is "
         "printed by the group \"implications\" (brand.yaml:2); list the "
         "group in `order`, not the sections it holds\n"},
        /* Without an order of its own, the default's lists the
         * section. */
        {"sections:\n"
         "  implications: {heading: Implications, group: "
         "[implications.legal]}\n",
         "templates/default/brand.yaml:229:5: error: order[15]: "
         "\"implications.legal\" is printed by the group \"implications\" "
         "(brand.yaml:2); list the group in `order`, not the sections it "
         "holds (this is the default theme's order: write the theme's own "
         "`order` beside its groups)\n"},
        {"sections:\n"
         "  implications: {heading: Implications, group: "
         "[implications.legal], with: [implications.risk]}\n"
         "order: [implications]\n",
         "brand.yaml:2:70: error: sections.implications.with: a group "
         "cannot hold sections with `with:`; list every section it prints "
         "under `group:`\n"},
        {"sections:\n  implications: {heading: Implications, group: []}\n"
         "order: [implications]\n",
         "brand.yaml:2:48: error: sections.implications.group: empty; list "
         "the sections the group prints under its heading, such as "
         "[implications.financial, implications.legal]\n"},
        {"sections:\n  summary: {heading: Summary, group: "
         "[implications.legal]}\n",
         "brand.yaml:2:38: error: sections.summary.group: \"summary\" is a "
         "standard section, so it cannot be a group; give the group a name "
         "of its own, such as implications\n"},
        {"sections:\n  implicatons: {heading: Implications}\n",
         "brand.yaml:2:3: error: sections.implicatons: not a standard "
         "section (the list is in docs/themes.md). To print several "
         "sections under one heading, give this entry `group:` with the "
         "sections it holds\n"},
        {"sections:\n  sumary: {heading: Summary}\n",
         "brand.yaml:2:3: error: sections.sumary: not a standard section; "
         "did you mean summary? (the list is in docs/themes.md). To print "
         "several sections under one heading, give this entry `group:` "
         "with the sections it holds\n"},
        {"sections:\n"
         "  implications: {heading: Implications, group: "
         "[implications.legal], headings: hide}\n"
         "order: [implications]\n",
         "brand.yaml:2:80: error: sections.implications.headings: expected "
         "keep (each section the group holds prints its own heading under "
         "the group's) or drop (they print none), got \"hide\"\n"},
        {"sections:\n"
         "  implications: {group: [narrative, implications.legal, "
         "implications.legal]}\n"
         "order: [implications]\n",
         "brand.yaml:2:17: error: sections.implications.heading: missing; a "
         "group needs the heading it prints its sections under\n"
         "brand.yaml:2:26: error: sections.implications.group[0]: the "
         "narrative cannot be in a group: each of the report's own sections "
         "prints as a section of its own\n"
         "brand.yaml:2:57: error: sections.implications.group[2]: "
         "\"implications.legal\" is listed twice in this group\n"},
        {"sections:\n"
         "  implications.financial: {heading: Money, with: "
         "[implications.legal]}\n"
         "  implications: {heading: Implications, group: "
         "[implications.legal, other]}\n"
         "  other: {heading: Other, group: [implications.risk]}\n"
         "order: [implications, other]\n",
         "brand.yaml:3:49: error: sections.implications.group[0]: "
         "\"implications.legal\" is already printed inside "
         "\"implications.financial\" (its `with:`); a section prints in "
         "one place only\n"
         "brand.yaml:3:69: error: sections.implications.group[1]: \"other\" "
         "is a group; a group holds standard sections, not other groups\n"},
        {"sections:\n"
         "  implications.legal: {heading: Legal, mandatory: true}\n"
         "  implications: {heading: Implications, group: "
         "[implications.legal]}\n"
         "order: [summary]\n",
         "brand.yaml:2:3: error: sections.implications.legal: mandatory, but "
         "the group \"implications\" that holds it is not listed in "
         "`order`\n"},
        {"sections:\n  Implications: {heading: Implications, group: "
         "[implications.legal]}\n",
         "brand.yaml:2:3: error: sections.Implications: a group's name may "
         "hold only lower-case letters, digits, '_' and '-', at most 48 of "
         "them, such as implications\n"},
        {"sections:\n"
         "  implications: {heading: Implications, group: "
         "[implications.legal], mandatory: true}\n"
         "order: [implications]\n",
         "brand.yaml:2:70: error: sections.implications.mandatory: unknown "
         "key; a group has heading, group, headings and numbered\n"},
};

static void bad_tokens_are_refused_at_their_line(void **state)
{
	(void)state;
	int failed = 0;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct theme t;
		char *got = read_theme(bad[i].yaml, &t);
		if (strcmp(got, bad[i].expected) != 0) {
			print_message("case %zu (%s):\n  want %s  got  %s", i,
			              bad[i].yaml, bad[i].expected, got);
			failed++;
		}
		free(got);
	}
	assert_int_equal(failed, 0);
}

/* A group is read with the sections it holds, in its order; a held
 * section marked mandatory counts as printed, and a section another
 * holds with `with:` is printed by a group that holds its holder. */
static void groups_are_read_with_what_they_hold(void **state)
{
	(void)state;
	struct theme t;
	char *got = read_theme(
	        "sections:\n"
	        "  implications.legal: {heading: Legal, mandatory: true}\n"
	        "  implications.financial: {heading: Money, with: "
	        "[implications.human_resources]}\n"
	        "  implications:\n"
	        "    heading: Implications\n"
	        "    group: [implications.legal, implications.financial]\n"
	        "    headings: drop\n"
	        "    numbered: false\n"
	        "  closing: {heading: Closing, group: [contact]}\n"
	        "order: [summary, implications, closing]\n",
	        &t);
	assert_string_equal(got, "");
	free(got);
	assert_int_equal(t.nsections, 3);
	const struct theme_section *g = &t.sections[1];
	assert_string_equal(g->id, "implications");
	assert_string_equal(g->heading, "Implications");
	assert_false(g->numbered);
	assert_false(g->held_headings);
	assert_int_equal(g->ngroup, 2);
	assert_string_equal(g->group[0], "implications.legal");
	assert_string_equal(g->group[1], "implications.financial");
	assert_true(t.sections[2].held_headings);
	assert_null(t.sections[0].group);
	assert_ptr_equal(theme_group_of(&t, "contact"),
	                 theme_section(&t, "closing"));
	assert_null(theme_group_of(&t, "summary"));
	assert_true(
	        theme_section_prints(&t, g, "implications.human_resources"));
	assert_false(theme_section_prints(&t, g, "implications.risk"));
}

static void long_text_is_refused(void **state)
{
	(void)state;
	char yaml[1200];
	strcpy(yaml, "council: {name: \"");
	size_t n = strlen(yaml);
	memset(yaml + n, 'a', 1001);
	strcpy(yaml + n + 1001, "\"}\n");
	struct theme t;
	char *got = read_theme(yaml, &t);
	assert_string_equal(got, "brand.yaml:1:17: error: council.name: the "
	                         "text is 1001 bytes long; a theme's text may "
	                         "be at most 1000 bytes\n");
	free(got);
}

static void good_tokens_are_written_back(void **state)
{
	(void)state;
	struct theme t;
	char *got = read_theme(
	        "council: {name: \"<script>window.__pwned=1</script>\", "
	        "logo_width_mm: 38.50}\n"
	        "colors: {accent: \"#135\", rule: \"#B1b4B6\"}\n"
	        "fonts:\n"
	        "  body: {family: \"  'Open   Sans' ,Georgia,serif\"}\n"
	        "  small: {family: \"'serif', sans-serif, Frutiger 55 "
	        "Roman\"}\n"
	        "print: {first_page: {footer: {left: x}}}\n",
	        &t);
	assert_string_equal(got, "");
	free(got);
	assert_string_equal(t.council_name,
	                    "<script>window.__pwned=1</script>");
	assert_string_equal(t.logo_width_mm, "38.5");
	assert_string_equal(t.colors.accent, "#113355");
	assert_string_equal(t.colors.rule, "#b1b4b6");
	assert_string_equal(t.body.family, "\"Open Sans\", \"Georgia\", serif");
	assert_string_equal(t.small.family,
	                    "\"serif\", sans-serif, \"Frutiger 55 Roman\"");
	assert_string_equal(t.first_footer.left, "x");
	/* The default palette, as brand.yaml gives it. */
	assert_int_equal(t.nchart_palette, 6);
	assert_int_equal(t.chart_palette[0], 0x1d70b8);
	struct theme own;
	free(read_theme("charts: {palette: [\"#a31\", \"#00703c\"]}\n", &own));
	assert_int_equal(own.nchart_palette, 2);
	assert_int_equal(own.chart_palette[0], 0xaa3311);
	assert_int_equal(own.chart_palette[1], 0x00703c);

	/* The council's name reaches the CSS only as a CSS string; the
	 * tokens reach it through var(). */
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	static const char sheet[] = ".masthead img{width:var(--logo-width)}";
	assert_int_equal(theme_style_parse(&a, &t, "style.css", sheet,
	                                   strlen(sheet), &t.style, &d),
	                 0);
	struct buf css = BUF_INIT;
	theme_css(&t, &css);
	struct value *vars = value_new_map(&a, (struct pos){0});
	value_map_set(&a, vars, "council",
	              value_new_string(&a, (struct pos){0}, t.council_name,
	                               strlen(t.council_name)));
	theme_css_running(&t, vars, &css);
	assert_null(strchr(buf_cstr(&css), '<'));
	assert_non_null(strstr(buf_cstr(&css), "width:38.5mm;"));
	assert_non_null(strstr(buf_cstr(&css), "\"\\3c script\\3e window"));
	buf_free(&css);
	diags_free(&d);
	arena_free(&a);
}

/* numbering.count: each style's parts by default, and the theme's own
 * list in its place; sectioned takes {s} in its format. */
static void the_parts_counted_follow_the_style(void **state)
{
	(void)state;
	static const struct {
		const char *yaml;
		unsigned count;
		const char *format;
	} cases[] = {
	        {"{}\n", THEME_COUNT_IMPLICATIONS, NULL},
	        {"numbering: {paragraphs: flat}\n", THEME_COUNT_IMPLICATIONS,
	         NULL},
	        {"numbering: {paragraphs: none}\n", 0, NULL},
	        {"numbering: {paragraphs: continuous}\n",
	         THEME_COUNT_RECOMMENDATIONS | THEME_COUNT_IMPLICATIONS, NULL},
	        {"numbering: {paragraphs: sectioned, format: \"{s}.{n}.\"}\n",
	         THEME_COUNT_RECOMMENDATIONS | THEME_COUNT_IMPLICATIONS |
	                 THEME_COUNT_BLOCKS,
	         "{s}.{n}."},
	        {"numbering: {paragraphs: sectioned, count: []}\n", 0, NULL},
	        {"numbering: {paragraphs: flat, count: [blocks, "
	         "recommendations]}\n",
	         THEME_COUNT_BLOCKS | THEME_COUNT_RECOMMENDATIONS, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct theme t;
		char *got = read_theme(cases[i].yaml, &t);
		assert_string_equal(got, "");
		free(got);
		assert_int_equal(t.paragraph_count, cases[i].count);
		if (cases[i].format)
			assert_string_equal(t.paragraph_format,
			                    cases[i].format);
	}
}

/* A council renames entries of the vocabulary; the rest keep the
 * defaults, and the hooks' tree says the same. */
static void vocabulary_renames_reach_every_reader(void **state)
{
	(void)state;
	struct theme t;
	char *got = read_theme("vocabulary:\n"
	                       "  statuses: {done: Complete}\n"
	                       "  classes: {\"Part 1\": Part I}\n"
	                       "words: {untitled: Committee report}\n",
	                       &t);
	assert_string_equal(got, "");
	free(got);
	assert_string_equal(theme_name(&t, VOCABULARY_STATUS, "done"),
	                    "Complete");
	assert_string_equal(theme_name(&t, VOCABULARY_STATUS, "on_track"),
	                    "On track");
	assert_string_equal(theme_name(&t, VOCABULARY_CLASS, "Part 1"),
	                    "Part I");
	assert_string_equal(
	        theme_name(&t, VOCABULARY_GRADE, "requires_improvement"),
	        "Requires improvement");
	assert_null(theme_name(&t, VOCABULARY_GRADE, "satisfactory"));
	const struct value *done =
	        value_map_get(value_map_get(t.vocabulary, "statuses"), "done");
	assert_string_equal(value_map_get(done, "name")->text, "Complete");
	assert_string_equal(value_map_get(done, "badge")->text, "status-done");
	assert_string_equal(theme_word(&t, "untitled"), "Committee report");
	assert_string_equal(theme_word(&t, "key_decision_yes"), "Yes");
	assert_string_equal(theme_word(&t, "no_such_word"), "");
	/* The badge's colours stay under the id. */
	assert_non_null(theme_status(&t, "done"));
}

static const struct {
	const char *css, *expected;
} css_cases[] = {
        {".a{}\n</style><script>x</script>",
         "extra.css:2:1: error: \"<\" is not allowed in extra.css: it could "
         "end the page's style element (inside a string, write \\3c "
         "instead)\n"},
        {"/* <b> */ .a{}",
         "extra.css:1:4: error: \"<\" is not allowed in extra.css: it could "
         "end the page's style element (inside a string, write \\3c "
         "instead)\n"},
        {".a{content:\"&amp;\"}",
         "extra.css:1:13: error: \"&\" is not allowed in extra.css: the "
         "page is also read as XML (inside a string, write \\26 "
         "instead)\n"},
        {".a{color:red}\n.b{color:red",
         "extra.css:2:3: error: this \"{\" is never closed\n"},
        {".a{color:red}}\n",
         "extra.css:1:14: error: this \"}\" closes no \"{\"\n"},
        {".a{} /* open",
         "extra.css:1:6: error: this comment is never closed with "
         "\"*/\"\n"},
        {".a{content:\"}\n\"}",
         "extra.css:1:12: error: this string is not closed on its line\n"},
        {".a{content:'x",
         "extra.css:1:12: error: this string is never closed\n"},
        {"@import \"x.css\";",
         "extra.css:1:1: error: \"@import\" is not allowed in extra.css: "
         "the page is self-contained and loads nothing\n"},
        {"@IMPORT url(x.css);",
         "extra.css:1:1: error: \"@import\" is not allowed in extra.css: "
         "the page is self-contained and loads nothing\n"},
        {".a{background:URL(javascript:x)}",
         "extra.css:1:15: error: \"url(\" is not allowed in extra.css: the "
         "page is self-contained and loads nothing\n"},
        {".a{width:expression(alert(1))}",
         "extra.css:1:10: error: \"expression(\" is not allowed in "
         "extra.css: the page is self-contained and loads nothing\n"},
        {".a{b:image-set(\"x.png\" 1x)}",
         "extra.css:1:6: error: \"image-set(\" is not allowed in extra.css: "
         "the page is self-contained and loads nothing\n"},
        {".a{b:u\\72l(x)}",
         "extra.css:1:7: error: a backslash is allowed in extra.css only "
         "inside a string\n"},
        {".a{}\x01",
         "extra.css:1:5: error: a control character (\\x01) is not allowed "
         "in extra.css\n"},
        {".a{content:\"\xc3\x28\"}",
         "extra.css:1:13: error: extra.css is not UTF-8 text (a bad byte "
         "\\xc3 here)\n"},
        /* Allowed: strings and comments may hold braces and the words,
         * escapes live inside strings, other words merely contain
         * them. */
        {"/* url( { */ .a::before{content:\"} url( \\3c \\\"\"}\n"
         ".curl(x) {} .b{font-family:\"Open Sans\";background:#fff}\n"
         "@media print{.c{d:e}}",
         ""},
};

static void extra_css_follows_the_rule(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof css_cases / sizeof *css_cases; i++) {
		struct diags d = DIAGS_INIT;
		int rc = theme_check_css("extra.css", css_cases[i].css,
		                         strlen(css_cases[i].css), &d);
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		diags_print(&d, f, false);
		fclose(f);
		if (strcmp(text, css_cases[i].expected) != 0 ||
		    (rc == 0) != (*css_cases[i].expected == '\0'))
			fail_msg("case %zu (%s):\n  want %s  got  %s", i,
			         css_cases[i].css, css_cases[i].expected, text);
		free(text);
		diags_free(&d);
	}
}

/* Each sheet is named by its own name, whichever folder it is in. */
static void css_messages_name_the_real_file(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	const char *css = ".a{}\n.b{content:u\\72l(x)}";
	assert_int_equal(theme_check_css("templates/default/style.css", css,
	                                 strlen(css), &d),
	                 -1);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	diags_print(&d, f, false);
	fclose(f);
	assert_string_equal(text, "templates/default/style.css:2:13: error: a "
	                          "backslash is allowed in style.css only "
	                          "inside a string\n");
	free(text);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(bad_tokens_are_refused_at_their_line),
	        cmocka_unit_test(groups_are_read_with_what_they_hold),
	        cmocka_unit_test(long_text_is_refused),
	        cmocka_unit_test(good_tokens_are_written_back),
	        cmocka_unit_test(the_parts_counted_follow_the_style),
	        cmocka_unit_test(vocabulary_renames_reach_every_reader),
	        cmocka_unit_test(extra_css_follows_the_rule),
	        cmocka_unit_test(css_messages_name_the_real_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
