/* Unit tests for the view: dates, grades, statuses, classes and the
 * header's words as the theme prints them, and paragraph numbers. Run
 * from the repository root (themes are read from templates/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* The no-break space dates are joined with. */
#define NB "\xC2\xA0"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html/marks.h"
#include "html/view.h"
#include "load/load.h"
#include "vocabulary/vocabulary.h"

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

static struct value *yaml(const char *text)
{
	struct diags d = DIAGS_INIT;
	struct value *v = NULL;
	assert_int_equal(
	        load_text(&arena, "test.yaml", text, strlen(text), &v, &d), 0);
	diags_free(&d);
	return v;
}

/* The text at `path` ("a.b.c") in `v`, or NULL. */
static const char *text_at(const struct value *v, const char *path)
{
	char key[64];
	while (v && *path) {
		size_t n = strcspn(path, ".");
		snprintf(key, sizeof key, "%.*s", (int)n, path);
		v = value_map_get(v, key);
		path += n + (path[n] == '.');
	}
	return v && value_is_scalar(v) ? v->text : NULL;
}

static void dates_are_written_in_the_default_words(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	static const struct {
		const char *s, *long_form, *short_form;
	} cases[] = {
	        {"2020-01-14", "14" NB "January" NB "2020",
	         "14" NB "Jan" NB "2020"},
	        {"2019-09-01", "1" NB "September" NB "2019",
	         "1" NB "Sept" NB "2019"},
	        {"2020-02-29", "29" NB "February" NB "2020",
	         "29" NB "Feb" NB "2020"},
	        {"2021-12-31", "31" NB "December" NB "2021",
	         "31" NB "Dec" NB "2021"},
	        /* target dates: a month, a year */
	        {"2016-03", "March" NB "2016", "Mar" NB "2016"},
	        {"2016-09", "September" NB "2016", "Sept" NB "2016"},
	        {"2016", "2016", "2016"},
	        /* not dates: as written */
	        {"2016-13", "2016-13", "2016-13"},
	        {"2019-02-29", "2019-02-29", "2019-02-29"},
	        {"1899-12-31", "1899-12-31", "1899-12-31"},
	        {"next week", "next week", "next week"},
	        {"", "", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf b = BUF_INIT;
		html_date_long(&t, &b, cases[i].s);
		assert_string_equal(buf_cstr(&b), cases[i].long_form);
		buf_clear(&b);
		html_date_short(&t, &b, cases[i].s);
		assert_string_equal(buf_cstr(&b), cases[i].short_form);
		buf_free(&b);
	}
	struct buf b = BUF_INIT;
	html_date_long(&t, &b, NULL);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* A council that writes its dates otherwise changes words, not C. */
static void a_theme_names_its_months_and_lays_out_its_dates(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	t.words = yaml("date_long: \"{day} o {month} {year}\"\n"
	               "date_short: \"{day}/{month_short}/{year}\"\n"
	               "month_1: Ionawr\n"
	               "month_short_1: Ion\n");
	struct buf b = BUF_INIT;
	html_date_long(&t, &b, "2020-01-14");
	assert_string_equal(buf_cstr(&b), "14" NB "o" NB "Ionawr" NB "2020");
	buf_clear(&b);
	html_date_short(&t, &b, "2020-01-14");
	assert_string_equal(buf_cstr(&b), "14/Ion/2020");
	/* without date_month_long a month is "{month} {year}" */
	buf_clear(&b);
	html_date_long(&t, &b, "2020-01");
	assert_string_equal(buf_cstr(&b), "Ionawr" NB "2020");
	buf_free(&b);
}

static const char report_yaml[] =
        "council: default\n"
        "meeting: {committee: Cabinet, date: 2020-01-14, class: Part 2}\n"
        "report: {title: Progress, key_decision: true}\n"
        "judgements:\n"
        "  - {area: Overall, grade: requires_improvement}\n"
        "actions:\n"
        "  - {id: A1, status: done, due: 2020-03-31}\n";

static struct value *view_of(const struct theme *t)
{
	struct diags d = DIAGS_INIT;
	struct value *v = html_view(&arena, yaml(report_yaml), NULL, t,
	                            "2020-01-10", ".", &d);
	assert_non_null(v);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	return v;
}

static const struct value *first(const struct value *v, const char *key)
{
	const struct value *l = value_map_get(v, key);
	assert_non_null(l);
	assert_int_equal(l->kind, VALUE_LIST);
	assert_true(l->as.list.len > 0);
	return l->as.list.items[0];
}

/* Every word a reader reads comes from the vocabulary or the theme's
 * words, with the data kept beside it. */
static void the_view_prints_the_themes_words(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	const struct value *v = view_of(&t);
	assert_string_equal(text_at(v, "meeting.date_long"),
	                    "14" NB "January" NB "2020");
	assert_string_equal(text_at(v, "meeting.date_short"),
	                    "14" NB "Jan" NB "2020");
	assert_string_equal(text_at(v, "meeting.class_text"),
	                    "Part 2 (exempt)");
	assert_string_equal(text_at(v, "report.key_decision_text"), "Yes");
	assert_string_equal(text_at(v, "as_of_long"),
	                    "10" NB "January" NB "2020");
	assert_string_equal(text_at(v, "words.month_9"), "September");
	assert_string_equal(text_at(v, "lang"), "en-GB");
	assert_string_equal(text_at(first(v, "judgements"), "grade_name"),
	                    "Requires improvement");
	assert_string_equal(text_at(first(v, "judgements"), "grade"),
	                    "requires_improvement");
	assert_string_equal(text_at(first(v, "actions"), "status_name"),
	                    "Done");
	assert_string_equal(text_at(first(v, "actions"), "due_long"),
	                    "31" NB "March" NB "2020");
}

/* A council's renames reach every twin, and its words every sentence. */
static void a_councils_renames_reach_the_view(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	int done = vocabulary_index(VOCABULARY_STATUS, "done");
	int part2 = vocabulary_index(VOCABULARY_CLASS, "Part 2");
	const char **statuses =
	        arena_alloc(&arena, VOCABULARY_STATUSES * sizeof *statuses);
	const char **classes =
	        arena_alloc(&arena, VOCABULARY_CLASSES * sizeof *classes);
	memcpy(statuses, t.names[VOCABULARY_STATUS],
	       VOCABULARY_STATUSES * sizeof *statuses);
	memcpy(classes, t.names[VOCABULARY_CLASS],
	       VOCABULARY_CLASSES * sizeof *classes);
	statuses[done] = "Complete";
	classes[part2] = "Part II (exempt)";
	t.names[VOCABULARY_STATUS] = statuses;
	t.names[VOCABULARY_CLASS] = classes;
	t.words = yaml("key_decision_yes: Ydy\n"
	               "lang: cy\n"
	               "date_long: \"{day} {month} {year}\"\n"
	               "month_1: Ionawr\n");
	const struct value *v = view_of(&t);
	assert_string_equal(text_at(first(v, "actions"), "status_name"),
	                    "Complete");
	assert_string_equal(text_at(v, "meeting.class_text"),
	                    "Part II (exempt)");
	assert_string_equal(text_at(v, "report.key_decision_text"), "Ydy");
	assert_string_equal(text_at(v, "meeting.date_long"),
	                    "14" NB "Ionawr" NB "2020");
	assert_string_equal(text_at(v, "lang"), "cy");
}

/* What the hooks computed reaches the view in the theme's words and
 * colours: a judgement's change by its word, a chart's status series in
 * the theme's badge colour. */
static void computed_data_in_the_themes_words_and_colours(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	struct diags d = DIAGS_INIT;
	struct value *v = html_view(
	        &arena,
	        yaml("meeting: {committee: Cabinet, date: 2020-01-14}\n"
	             "inspection:\n"
	             "  judgements: [{area: Overall, grade: good}]\n"),
	        yaml("inspection: {judgements: [{change: improved}]}\n"
	             "progress:\n"
	             "  chart: {kind: stacked, title: By status, unit: "
	             "actions,\n"
	             "    categories: [Q1], series: [{name: Done, status: "
	             "done, values: [2]}]}\n"),
	        &t, NULL, ".", &d);
	assert_non_null(v);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	const struct value *j =
	        first(value_map_get(v, "inspection"), "judgements");
	assert_string_equal(text_at(j, "change_name"), "Improved");
	const char *chart = text_at(v, "computed.progress.chart.html");
	assert_non_null(chart);
	char want[32];
	snprintf(want, sizeof want, "fill=\"%s\"",
	         theme_status(&t, "done")->background);
	assert_non_null(strstr(chart, want));
	assert_non_null(strstr(chart, "By status"));
}

/* A chart's html is printed as markup, so only src/chart writes it: a
 * hook that returns one of its own is refused at its place, and a
 * description with nothing to draw prints nothing, not what the hook
 * left there. */
static void a_hook_cannot_give_a_charts_html(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	struct diags d = DIAGS_INIT;
	const struct value *report =
	        yaml("meeting: {committee: Cabinet, date: 2020-01-14}\n");
	struct value *v = html_view(
	        &arena, report,
	        yaml("series:\n"
	             "  in_order:\n"
	             "    - chart: {title: T, html: '<p class=\"para\">x</p>"
	             "<script>1</script>'}\n"),
	        &t, NULL, ".", &d);
	assert_null(v);
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.items[0].msg,
	                       "computed.series.in_order[0].chart.html: a "
	                       "chart's html is drawn by clerk"));
	diags_free(&d);
	d = (struct diags)DIAGS_INIT;
	v = html_view(&arena, report,
	              yaml("progress:\n  chart: {title: T, categories: []}\n"
	                   "  by_chart: {title: T}\n"),
	              &t, NULL, ".", &d);
	assert_non_null(v);
	assert_int_equal(d.errors, 0);
	const struct value *p =
	        value_map_get(value_map_get(v, "computed"), "progress");
	const struct value *h =
	        value_map_get(value_map_get(p, "chart"), "html");
	assert_true(h && h->kind == VALUE_NULL);
	h = value_map_get(value_map_get(p, "by_chart"), "html");
	assert_true(h && h->kind == VALUE_NULL);
	diags_free(&d);
}

static void top_level_paragraphs_are_numbered(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	int counter = 0;
	html_number_paragraphs(&b,
	                       "<p>One</p><ul><li><p>In</p></li></ul>"
	                       "<p>Two</p>",
	                       "4", NULL, &counter);
	assert_string_equal(buf_cstr(&b),
	                    "<p id=\"para-4-1\"><span class=\"pn\">4.1</span>"
	                    " One</p><ul><li><p>In</p></li></ul>"
	                    "<p id=\"para-4-2\"><span class=\"pn\">4.2</span>"
	                    " Two</p>");
	assert_int_equal(counter, 2);
	buf_clear(&b);
	html_number_paragraphs(&b, "<p>Three</p>", NULL, NULL, &counter);
	assert_string_equal(buf_cstr(&b), "<p id=\"para-3\"><span "
	                                  "class=\"pn\">3</span> Three</p>");
	buf_free(&b);
}

/* The theme's format prints the number; the id stays the plain number. */
static void the_format_prints_the_number(void **state)
{
	(void)state;
	static const struct {
		const char *format, *prefix, *want;
	} cases[] = {
	        {NULL, "4.2", "4.2.7"},  {NULL, NULL, "7"},
	        {"{n}.", NULL, "7."},    {"{n}", "4", "7"},
	        {"({n})", NULL, "(7)"},  {"{s}.{n}", "4.2", "4.2.7"},
	        {"{s}/{n}", "4", "4/7"}, {"<{n}>", NULL, "&lt;7&gt;"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf b = BUF_INIT;
		html_number_format(&b, cases[i].format, cases[i].prefix, 7,
		                   true);
		assert_string_equal(buf_cstr(&b), cases[i].want);
		buf_free(&b);
	}
	struct buf b = BUF_INIT;
	int counter = 0;
	html_number_paragraphs(&b, "<p>One</p>", "4", "({n})", &counter);
	assert_string_equal(buf_cstr(&b), "<p id=\"para-4-1\"><span "
	                                  "class=\"pn\">(1)</span> One</p>");
	buf_free(&b);
}

static const char run_yaml[] =
        "council: default\n"
        "meeting: {committee: Cabinet, date: 2020-01-14}\n"
        "report:\n"
        "  title: Progress\n"
        "  summary: \"First.\\n\\nSecond.\"\n"
        "  recommendations: [Note the plan., Agree the dates.]\n"
        "  reasons: [The plan is due.]\n"
        "implications:\n"
        "  financial: \"No cost.\"\n";

/* The page section `id` of view `v`. */
static const struct value *page_section(const struct value *v, const char *id)
{
	const struct value *l = value_map_get(v, "page_sections");
	for (size_t i = 0; l && i < l->as.list.len; i++) {
		const char *s = text_at(l->as.list.items[i], "id");
		if (s && strcmp(s, id) == 0)
			return l->as.list.items[i];
	}
	fail_msg("no page section %s", id);
	return NULL;
}

static const char *marker_of(const struct value *section, size_t i)
{
	const struct value *items = value_map_get(section, "items");
	assert_true(items && items->as.list.len > i);
	return text_at(items->as.list.items[i], "marker");
}

/* Continuous numbering counts the summary, the recommendations, the
 * reasons and the implications in one run, each in the theme's format;
 * flat numbering leaves the recommendations their own markers. */
static void continuous_numbering_is_one_run(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	t.paragraphs = THEME_NUMBER_CONTINUOUS;
	t.paragraph_format = "{n}.";
	struct diags d = DIAGS_INIT;
	struct value *v = html_view(&arena, yaml(run_yaml), NULL, &t,
	                            "2020-01-10", ".", &d);
	assert_non_null(v);
	diags_free(&d);
	const char *summary = text_at(page_section(v, "summary"), "body");
	assert_non_null(strstr(summary, "<span class=\"pn\">1.</span> First."));
	assert_non_null(
	        strstr(summary, "<span class=\"pn\">2.</span> Second."));
	const struct value *recs = page_section(v, "recommendations");
	assert_string_equal(marker_of(recs, 0), "3.");
	assert_string_equal(marker_of(recs, 1), "4.");
	assert_string_equal(marker_of(page_section(v, "reasons"), 0), "5.");
	const char *fin =
	        text_at(page_section(v, "implications.financial"), "body");
	assert_non_null(strstr(fin, "<p id=\"para-6\"><span "
	                            "class=\"pn\">6.</span> No cost."));

	t.paragraphs = THEME_NUMBER_FLAT;
	t.paragraph_format = NULL;
	d = (struct diags)DIAGS_INIT;
	v = html_view(&arena, yaml(run_yaml), NULL, &t, "2020-01-10", ".", &d);
	assert_non_null(v);
	diags_free(&d);
	assert_string_equal(marker_of(page_section(v, "recommendations"), 0),
	                    "1.");
	fin = text_at(page_section(v, "implications.financial"), "body");
	assert_non_null(strstr(fin, "<span class=\"pn\">3</span> No cost."));
}

static const char placed_yaml[] =
        "council: default\n"
        "meeting: {committee: Cabinet, date: 2020-01-14}\n"
        "report: {title: Progress}\n"
        "sections:\n"
        "  - title: Plan\n"
        "    body: \"One.\\n\\nTwo.\\n\\nThree.\"\n"
        "    show: [priorities]\n"
        "    after: 2\n";

/* The page section headed `heading` of view `v`. */
static const struct value *headed(const struct value *v, const char *heading)
{
	const struct value *l = value_map_get(v, "page_sections");
	for (size_t i = 0; l && i < l->as.list.len; i++) {
		const char *s = text_at(l->as.list.items[i], "heading");
		if (s && strcmp(s, heading) == 0)
			return l->as.list.items[i];
	}
	fail_msg("no page section headed %s", heading);
	return NULL;
}

/* after: N splits the prose so the shown blocks sit after paragraph N,
 * the numbering running on across the split. */
static void a_block_is_placed_after_a_paragraph(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	t.paragraphs = THEME_NUMBER_CONTINUOUS;
	t.paragraph_format = "{n}.";
	struct diags d = DIAGS_INIT;
	struct value *v = html_view(&arena, yaml(placed_yaml), NULL, &t,
	                            "2020-01-10", ".", &d);
	assert_non_null(v);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	const struct value *plan = headed(v, "Plan");
	const char *body = text_at(plan, "body");
	assert_non_null(strstr(body, "<span class=\"pn\">2.</span> Two."));
	assert_null(strstr(body, "Three."));
	const char *rest = text_at(plan, "body_after");
	assert_non_null(rest);
	assert_non_null(strstr(rest, "<span class=\"pn\">3.</span> Three."));
	assert_null(strstr(rest, "Two."));
	assert_non_null(value_map_get(plan, "blocks"));
}

static const char four_yaml[] =
        "council: default\n"
        "meeting: {committee: Cabinet, date: 2020-01-14}\n"
        "report: {title: Progress}\n"
        "sections:\n"
        "  - title: Plan\n"
        "    body: \"One.\\n\\nTwo.\\n\\nThree.\\n\\nFour.\"\n"
        "    after: 2\n"
        "    show:\n"
        "      - {block: findings, after: 3}\n"
        "      - judgements\n"
        "      - {block: figures, after: 1}\n"
        "      - {block: progress, after: 3}\n";

/* The partial of block `i` of `list`. */
static const char *partial_of(const struct value *list, size_t i)
{
	assert_non_null(list);
	assert_true(list->kind == VALUE_LIST && list->as.list.len > i);
	return text_at(list->as.list.items[i], "partial");
}

/* Each shown block goes after its own paragraph, a plain name where the
 * section's after: puts it, blocks at one place in their show: order;
 * the numbers run on across the parts, and body, blocks and body_after
 * still hold the whole for partials written before flow. */
static void each_block_is_placed_on_its_own(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	t.paragraphs = THEME_NUMBER_CONTINUOUS;
	t.paragraph_format = "{n}.";
	struct diags d = DIAGS_INIT;
	struct value *v = html_view(&arena, yaml(four_yaml), NULL, &t,
	                            "2020-01-10", ".", &d);
	assert_non_null(v);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	const struct value *plan = headed(v, "Plan");
	const char *body = text_at(plan, "body");
	assert_non_null(strstr(body, "<span class=\"pn\">1.</span> One."));
	assert_null(strstr(body, "Two."));
	const struct value *flow = value_map_get(plan, "flow");
	assert_int_equal(flow->as.list.len, 3);
	static const struct {
		const char *blocks[2], *text, *number;
	} want[] = {
	        {{"figures", NULL}, "Two.", "2."},
	        {{"judgements", NULL}, "Three.", "3."},
	        {{"findings", "progress"}, "Four.", "4."},
	};
	for (size_t i = 0; i < 3; i++) {
		const struct value *part = flow->as.list.items[i];
		const struct value *bl = value_map_get(part, "blocks");
		size_t n = want[i].blocks[1] ? 2 : 1;
		assert_int_equal(bl->as.list.len, n);
		for (size_t j = 0; j < n; j++)
			assert_string_equal(partial_of(bl, j),
			                    want[i].blocks[j]);
		const char *text = text_at(part, "body");
		assert_non_null(text);
		char pn[64];
		snprintf(pn, sizeof pn, "<span class=\"pn\">%s</span> %s",
		         want[i].number, want[i].text);
		assert_non_null(strstr(text, pn));
	}
	const struct value *all = value_map_get(plan, "blocks");
	assert_int_equal(all->as.list.len, 4);
	assert_string_equal(partial_of(all, 0), "figures");
	assert_string_equal(partial_of(all, 3), "progress");
	const char *rest = text_at(plan, "body_after");
	assert_non_null(strstr(rest, "Two."));
	assert_non_null(strstr(rest, "<span class=\"pn\">4.</span> Four."));
	assert_null(strstr(rest, "One."));
}

/* Blocks placed after the last paragraph leave no prose after them. */
static void blocks_after_the_last_paragraph_end_the_section(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	struct diags d = DIAGS_INIT;
	struct value *v = html_view(
	        &arena,
	        yaml("meeting: {committee: Cabinet, date: 2020-01-14}\n"
	             "sections:\n"
	             "  - title: Plan\n"
	             "    body: \"One.\\n\\nTwo.\"\n"
	             "    show: [judgements, {block: findings, after: 2}]\n"),
	        NULL, &t, NULL, ".", &d);
	assert_non_null(v);
	diags_free(&d);
	const struct value *plan = headed(v, "Plan");
	assert_non_null(strstr(text_at(plan, "body"), "Two."));
	const struct value *flow = value_map_get(plan, "flow");
	assert_int_equal(flow->as.list.len, 1);
	const struct value *part = flow->as.list.items[0];
	assert_string_equal(partial_of(value_map_get(part, "blocks"), 0),
	                    "judgements");
	assert_string_equal(partial_of(value_map_get(part, "blocks"), 1),
	                    "findings");
	assert_int_equal(value_map_get(part, "body")->kind, VALUE_BOOL);
	assert_int_equal(value_map_get(plan, "body_after")->kind, VALUE_BOOL);
}

/* The diagnostics html_view gives `yaml`, which must fail, as printed. */
static char *view_errors(const char *text)
{
	struct theme t;
	load_theme("default", &t);
	struct diags d = DIAGS_INIT;
	struct buf report = BUF_INIT;
	buf_printf(&report,
	           "meeting: {committee: Cabinet, date: 2020-01-14}\n%s", text);
	assert_null(html_view(&arena, yaml(buf_cstr(&report)), NULL, &t, NULL,
	                      ".", &d));
	buf_free(&report);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	diags_print(&d, f, false);
	fclose(f);
	diags_free(&d);
	return out;
}

/* An after: past the body's last paragraph is an error at its place. */
static void a_paragraph_past_the_body_is_an_error(void **state)
{
	(void)state;
	char *got = view_errors("sections:\n"
	                        "  - title: Plan\n"
	                        "    body: \"One.\\n\\nTwo.\"\n"
	                        "    show: [{block: findings, after: 3}]\n");
	assert_string_equal(
	        got, "test.yaml:5:37: error: after: the body has 2 "
	             "paragraphs, so there is no paragraph 3 to place the "
	             "block after; give a number from 1 to 2, or leave "
	             "after: out to place the block at the end\n");
	free(got);
	got = view_errors("sections:\n"
	                  "  - title: Plan\n"
	                  "    body: One.\n"
	                  "    show: [findings]\n"
	                  "    after: 2\n");
	assert_string_equal(
	        got, "test.yaml:6:12: error: after: the body has 1 "
	             "paragraph, so there is no paragraph 2 to place the "
	             "blocks after; give a number from 1 to 1, or leave "
	             "after: out to place the blocks at the end\n");
	free(got);
	got = view_errors("sections:\n"
	                  "  - title: Plan\n"
	                  "    show: [{block: findings, after: 1}]\n");
	assert_string_equal(got, "test.yaml:4:37: error: after: this section "
	                         "has no body, so there is no paragraph 1 to "
	                         "place the block after; leave after: out\n");
	free(got);
	got = view_errors("sections:\n"
	                  "  - title: Plan\n"
	                  "    body: One.\n"
	                  "    show: [{block: findings, after: 0}]\n");
	assert_string_equal(got, "test.yaml:5:37: error: after: expected a "
	                         "paragraph number from 1, got 0\n");
	free(got);
	got = view_errors("sections:\n"
	                  "  - title: Plan\n"
	                  "    body: One.\n"
	                  "    show: [{block: finding, after: 1}]\n");
	assert_non_null(strstr(got, "test.yaml:5:20: error: show: the theme "
	                            "has no block \"finding\""));
	free(got);
}

static struct value *view_with(const struct theme *t, const char *text)
{
	struct diags d = DIAGS_INIT;
	struct value *v = html_view(&arena, yaml(text), NULL, t, NULL, ".", &d);
	assert_non_null(v);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	return v;
}

/* The report's own implications are numbered one after another, the
 * section that holds them taking no number of its own. */
static void other_implications_take_one_number_each(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	const struct value *v = view_with(
	        &t, "meeting: {committee: Cabinet, date: 2020-01-14}\n"
	            "report: {summary: First.}\n"
	            "implications:\n"
	            "  other:\n"
	            "    - {title: Housing, body: None.}\n"
	            "    - {title: Transport, body: None.}\n"
	            "background_papers: [{title: None}]\n");
	const struct value *l = value_map_get(v, "page_sections");
	assert_int_equal(l->as.list.len, 4);
	static const char *const numbers[] = {"1.", "2.", "3.", "4."};
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(text_at(l->as.list.items[i], "number"),
		                    numbers[i]);
}

static const char group_yaml[] =
        "meeting: {committee: Cabinet, date: 2020-01-14}\n"
        "report:\n"
        "  title: Progress\n"
        "  summary: \"First.\\n\\nSecond.\"\n"
        "  author: {name: A. Officer}\n"
        "implications:\n"
        "  financial: \"No cost.\\n\\nNo saving.\"\n"
        "  legal: \"No law.\"\n";

/* The default theme with `summary`, a group of three implications and
 * `contact` in its order. */
static void group_theme(struct theme *t, bool keep)
{
	static const char *held[] = {"implications.financial",
	                             "implications.legal", "implications.risk"};
	load_theme("default", t);
	struct theme_section *s = arena_alloc(&arena, 3 * sizeof *s);
	s[0] = *theme_section(t, "summary");
	s[1] = (struct theme_section){.id = "implications",
	                              .heading = "Implications",
	                              .numbered = true,
	                              .group = held,
	                              .ngroup = 3,
	                              .held_headings = keep};
	s[2] = *theme_section(t, "contact");
	t->sections = s;
	t->nsections = 3;
}

/* Subsection `i` of page section `s`. */
static const struct value *held_at(const struct value *s, size_t i)
{
	const struct value *l = value_map_get(s, "subsections");
	assert_non_null(l);
	assert_true(l->as.list.len > i);
	return l->as.list.items[i];
}

static long int_at(const struct value *v, const char *key)
{
	const struct value *x = value_map_get(v, key);
	assert_non_null(x);
	return x->kind == VALUE_INT ? (long)x->as.i : -1;
}

/* With `headings: keep` the group is a top-level section (2.) and each
 * section it holds, with data, a subsection a level down (2.1, its
 * paragraphs 2.1.1); the next section goes on at 3. */
static void a_group_keeps_its_sections_headings(void **state)
{
	(void)state;
	struct theme t;
	group_theme(&t, true);
	const struct value *v = view_with(&t, group_yaml);
	const struct value *g = page_section(v, "implications");
	assert_string_equal(text_at(g, "partial"), "section-group");
	assert_string_equal(text_at(g, "number"), "2.");
	assert_string_equal(text_at(g, "heading"), "Implications");
	assert_string_equal(text_at(g, "anchor"), "s-implications");
	assert_int_equal(int_at(g, "level"), 2);
	assert_int_equal(value_map_get(g, "subsections")->as.list.len, 2);
	const struct value *fin = held_at(g, 0);
	assert_string_equal(text_at(fin, "id"), "implications.financial");
	assert_string_equal(text_at(fin, "number"), "2.1");
	assert_int_equal(int_at(fin, "level"), 3);
	assert_false(value_map_get(fin, "hide_heading")->as.b);
	assert_non_null(strstr(text_at(fin, "body"),
	                       "<p id=\"para-2-1-2\"><span "
	                       "class=\"pn\">2.1.2</span> No saving."));
	const struct value *legal = held_at(g, 1);
	assert_string_equal(text_at(legal, "number"), "2.2");
	assert_non_null(strstr(text_at(legal, "body"),
	                       "<span class=\"pn\">2.2.1</span> No law."));
	assert_string_equal(text_at(page_section(v, "contact"), "number"),
	                    "3.");
	/* The contents list the group, not what it holds. */
	const struct value *toc = value_map_get(v, "contents");
	assert_int_equal(toc->as.list.len, 3);
	assert_string_equal(text_at(toc->as.list.items[1], "heading"),
	                    "Implications");
}

/* With `headings: drop` the sections print no headings and their
 * paragraphs are the group's: 2.1, 2.2, 2.3 straight through. */
static void a_group_that_drops_headings_numbers_straight_through(void **state)
{
	(void)state;
	struct theme t;
	group_theme(&t, false);
	const struct value *v = view_with(&t, group_yaml);
	const struct value *g = page_section(v, "implications");
	const struct value *fin = held_at(g, 0);
	assert_true(value_map_get(fin, "hide_heading")->as.b);
	assert_string_equal(text_at(fin, "number"), "");
	/* Below the group's heading, as the group's own content is. */
	assert_int_equal(int_at(fin, "level"), 2);
	assert_non_null(strstr(text_at(fin, "body"),
	                       "<p id=\"para-2-2\"><span "
	                       "class=\"pn\">2.2</span> No saving."));
	assert_non_null(strstr(text_at(held_at(g, 1), "body"),
	                       "<span class=\"pn\">2.3</span> No law."));
	assert_string_equal(text_at(page_section(v, "contact"), "number"),
	                    "3.");

	/* In flat style the paragraphs run on through the report. */
	group_theme(&t, true);
	t.paragraphs = THEME_NUMBER_FLAT;
	v = view_with(&t, group_yaml);
	g = page_section(v, "implications");
	assert_string_equal(text_at(g, "number"), "");
	assert_non_null(strstr(text_at(held_at(g, 0), "body"),
	                       "<span class=\"pn\">3</span> No cost."));
	assert_non_null(strstr(text_at(held_at(g, 1), "body"),
	                       "<span class=\"pn\">5</span> No law."));
}

/* With `headings: drop` the report's own implications still print their
 * titles: they are the officer's words, not the theme's, and no other
 * heading says what each is about. Each title is a heading a level below
 * the group's, unnumbered; its paragraphs run on in the group's numbers. */
static void
a_group_that_drops_headings_keeps_the_reports_own_titles(void **state)
{
	(void)state;
	static const char *held[] = {"implications.financial",
	                             "implications.other"};
	struct theme t;
	group_theme(&t, false);
	struct theme_section *s = &t.sections[1];
	s->group = held;
	s->ngroup = 2;
	const struct value *v = view_with(
	        &t, "meeting: {committee: Cabinet, date: 2020-01-14}\n"
	            "report: {summary: First., author: {name: A. Officer}}\n"
	            "implications:\n"
	            "  financial: \"No cost.\"\n"
	            "  other:\n"
	            "    - {title: Housing, body: \"No homes.\"}\n"
	            "    - {title: Transport, body: \"No buses.\"}\n");
	const struct value *g = page_section(v, "implications");
	assert_string_equal(text_at(g, "number"), "2.");
	assert_true(value_map_get(held_at(g, 0), "hide_heading")->as.b);
	static const char *const titles[] = {"Housing", "Transport"};
	static const char *const paras[] = {
	        "<span class=\"pn\">2.2</span> No homes.",
	        "<span class=\"pn\">2.3</span> No buses."};
	for (size_t i = 0; i < 2; i++) {
		const struct value *o = held_at(g, i + 1);
		assert_string_equal(text_at(o, "heading"), titles[i]);
		assert_false(value_map_get(o, "hide_heading")->as.b);
		assert_string_equal(text_at(o, "number"), "");
		assert_int_equal(int_at(o, "level"), 3);
		assert_non_null(strstr(text_at(o, "body"), paras[i]));
	}
	assert_string_equal(text_at(page_section(v, "contact"), "number"),
	                    "3.");
}

/* A block section in a group: with headings kept its heading is a level
 * below the group's and its block's a level below that; with headings
 * dropped the block's heading is the one below the group's. */
static void a_block_in_a_group_keeps_heading_levels_in_step(void **state)
{
	(void)state;
	static const char *held[] = {"judgements"};
	static const char report[] =
	        "meeting: {committee: Cabinet, date: 2020-01-14}\n"
	        "inspection:\n"
	        "  judgements: [{area: Overall, grade: good}]\n";
	for (int keep = 0; keep < 2; keep++) {
		struct theme t;
		load_theme("default", &t);
		struct theme_section *s = arena_alloc(&arena, sizeof *s);
		*s = (struct theme_section){.id = "inspection_group",
		                            .heading = "The inspection",
		                            .numbered = true,
		                            .group = held,
		                            .ngroup = 1,
		                            .held_headings = keep};
		t.sections = s;
		t.nsections = 1;
		const struct value *v = view_with(&t, report);
		const struct value *g = page_section(v, "inspection_group");
		assert_string_equal(text_at(g, "anchor"), "s-inspection-group");
		assert_string_equal(text_at(g, "css_class"),
		                    "inspection-group");
		const struct value *b = held_at(g, 0);
		assert_string_equal(text_at(b, "partial"), "block-section");
		assert_int_equal(int_at(b, "level"), keep ? 3 : 2);
		const struct value *bl = value_map_get(b, "blocks");
		assert_int_equal(bl->as.list.len, 1);
		assert_int_equal(int_at(bl->as.list.items[0], "hl"),
		                 keep ? 4 : 3);
	}
}

/* The page section `id` of view `v`, or NULL. */
static const struct value *find_section(const struct value *v, const char *id)
{
	const struct value *l = value_map_get(v, "page_sections");
	for (size_t i = 0; l && i < l->as.list.len; i++) {
		const char *s = text_at(l->as.list.items[i], "id");
		if (s && strcmp(s, id) == 0)
			return l->as.list.items[i];
	}
	return NULL;
}

/* A group none of whose sections has data prints nothing and takes no
 * number. */
static void an_empty_group_prints_nothing(void **state)
{
	(void)state;
	struct theme t;
	group_theme(&t, true);
	const struct value *v = view_with(
	        &t, "meeting: {committee: Cabinet, date: 2020-01-14}\n"
	            "report:\n"
	            "  summary: First.\n"
	            "  author: {name: A. Officer}\n"
	            "implications: {risk: \"  \"}\n");
	assert_null(find_section(v, "implications"));
	assert_string_equal(text_at(page_section(v, "contact"), "number"),
	                    "2.");
}

static const char sectioned_yaml[] =
        "council: default\n"
        "meeting: {committee: Cabinet, date: 2020-01-14}\n"
        "report:\n"
        "  title: Progress\n"
        "  recommendations: [Note the plan., Agree the dates.]\n"
        "inspection:\n"
        "  body: Ofsted\n"
        "  from: 2019-07-08\n"
        "  to: 2019-07-26\n"
        "implications:\n"
        "  financial: \"No cost.\"\n"
        "sections:\n"
        "  - title: Background\n"
        "    body: \"One.\\n\\nTwo.\"\n"
        "    sections:\n"
        "      - title: Detail\n"
        "        body: \"Three.\"\n"
        "      - title: More\n"
        "        body: \"Four.\"\n"
        "  - title: Plan\n"
        "    body: \"Five.\\n\\nSix.\"\n"
        "    show: [inspection]\n"
        "    after: 1\n";

/* The number a section entry's heading prints. */
static const char *number_of(const struct value *section)
{
	const char *n = text_at(section, "number");
	return n ? n : "";
}

/* Sectioned numbering: each top-level section is "N."; its paragraphs,
 * its subsections' included, count N.1, N.2 in one counter, and the
 * subsections' headings print no number. */
static void sectioned_numbering_counts_each_section_once(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	t.paragraphs = THEME_NUMBER_SECTIONED;
	t.paragraph_format = NULL;
	t.paragraph_count = THEME_COUNT_IMPLICATIONS;
	struct diags d = DIAGS_INIT;
	struct value *v = html_view(&arena, yaml(sectioned_yaml), NULL, &t,
	                            "2020-01-10", ".", &d);
	assert_non_null(v);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	const struct value *bg = headed(v, "Background");
	const char *top = number_of(bg);
	assert_true(*top);
	char want[64];
	snprintf(want, sizeof want, "%.*s", (int)strlen(top) - 1, top);
	const char *body = text_at(bg, "body");
	char para[256];
	snprintf(para, sizeof para,
	         "<p id=\"para-%s-2\"><span class=\"pn\">%s.2</span> Two.",
	         want, want);
	assert_non_null(strstr(body, para));
	const struct value *subs = value_map_get(bg, "subsections");
	assert_int_equal(subs->as.list.len, 2);
	assert_string_equal(number_of(subs->as.list.items[0]), "");
	assert_string_equal(number_of(subs->as.list.items[1]), "");
	snprintf(para, sizeof para,
	         "<p id=\"para-%s-3\"><span class=\"pn\">%s.3</span> Three.",
	         want, want);
	assert_non_null(strstr(text_at(subs->as.list.items[0], "body"), para));
	snprintf(para, sizeof para, "<span class=\"pn\">%s.4</span> Four.",
	         want);
	assert_non_null(strstr(text_at(subs->as.list.items[1], "body"), para));
	/* The next section starts its own counter. */
	const char *plan = text_at(headed(v, "Plan"), "body");
	assert_non_null(strstr(plan, ".1</span> Five."));
	/* Recommendations keep their markers unless counted. */
	assert_string_equal(marker_of(page_section(v, "recommendations"), 0),
	                    "1.");

	/* Counted, each recommendation is a paragraph of its section; the
	 * implications, not counted, print their prose unnumbered. */
	t.paragraph_count = THEME_COUNT_RECOMMENDATIONS;
	t.paragraph_format = "{s}.{n}.";
	d = (struct diags)DIAGS_INIT;
	v = html_view(&arena, yaml(sectioned_yaml), NULL, &t, "2020-01-10", ".",
	              &d);
	assert_non_null(v);
	diags_free(&d);
	const struct value *recs = page_section(v, "recommendations");
	const char *rn = number_of(recs);
	snprintf(want, sizeof want, "%s1.", rn);
	assert_string_equal(marker_of(recs, 0), want);
	snprintf(want, sizeof want, "%s2.", rn);
	assert_string_equal(marker_of(recs, 1), want);
	const struct value *fin = page_section(v, "implications.financial");
	assert_true(*number_of(fin));
	assert_null(strstr(text_at(fin, "body"), "class=\"pn\""));
	assert_non_null(strstr(text_at(fin, "body"), "No cost."));
}

/* Counted blocks: the paragraphs a block's partial marks class="para"
 * take the section's next numbers, between the prose before them and
 * the prose after, and the page writes those numbers in. */
static void a_blocks_marked_paragraphs_take_the_next_numbers(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	t.paragraphs = THEME_NUMBER_FLAT;
	t.paragraph_format = "{n}.";
	t.paragraph_count = THEME_COUNT_BLOCKS;
	struct diags d = DIAGS_INIT;
	struct value *v = html_view(&arena, yaml(sectioned_yaml), NULL, &t,
	                            "2020-01-10", ".", &d);
	assert_non_null(v);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	/* One, Two, Three, Four; then Five, the block, Six. */
	const struct value *plan = headed(v, "Plan");
	assert_non_null(strstr(text_at(plan, "body"), ">5.</span> Five."));
	assert_non_null(strstr(text_at(plan, "body_after"), ">7.</span> Six."));
	const struct value *marks = value_map_get(v, "paragraph_marks");
	assert_non_null(marks);
	assert_int_equal(marks->as.list.len, 1);
	assert_string_equal(text_at(marks->as.list.items[0], "tag"),
	                    "<p class=\"para\">");
	assert_string_equal(text_at(marks->as.list.items[0], "id"), "6");
	assert_string_equal(text_at(marks->as.list.items[0], "number"), "6.");

	/* Not counted, the block takes no number and the run goes on. */
	t.paragraph_count = 0;
	d = (struct diags)DIAGS_INIT;
	v = html_view(&arena, yaml(sectioned_yaml), NULL, &t, "2020-01-10", ".",
	              &d);
	assert_non_null(v);
	diags_free(&d);
	assert_null(value_map_get(v, "paragraph_marks"));
	assert_non_null(strstr(text_at(headed(v, "Plan"), "body_after"),
	                       ">6.</span> Six."));
}

/* Writes `text` to the file `name` of the folder `dir`. */
static void write_file(const char *dir, const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* A council's narrative-section partial written before flow prints body,
 * then every block, then body_after: the view numbers the parts in that
 * order, so the page's numbers run on down the page (5.1, 5.2, 5.3, 5.4,
 * 5.5), not in the order of the places (5.1, 5.2, 5.4, 5.5, 5.3). */
static void a_partial_written_before_flow_is_numbered_as_it_prints(void **state)
{
	(void)state;
	char dir[] = "/tmp/clerk-test-view-XXXXXX";
	assert_non_null(mkdtemp(dir));
	write_file(dir, "narrative-section.mustache",
	           "<section id=\"{{anchor}}\">\n"
	           "{{>section-heading}}\n"
	           "{{{body}}}\n"
	           "{{#blocks}}\n"
	           "{{>*partial}}\n"
	           "{{/blocks}}\n"
	           "{{{body_after}}}\n"
	           "</section>\n");
	write_file(dir, "figures.mustache",
	           "<p class=\"para\">A figure.</p>\n");
	struct theme t;
	load_theme("default", &t);
	t.dir = dir;
	t.paragraphs = THEME_NUMBER_SECTIONED;
	t.paragraph_format = "{s}.{n}";
	t.paragraph_count = THEME_COUNT_BLOCKS;
	struct diags d = DIAGS_INIT;
	struct value *v = html_view(
	        &arena,
	        yaml("meeting: {committee: Cabinet, date: 2020-01-14}\n"
	             "inspection: {body: Ofsted, from: 2019-07-08}\n"
	             "sections:\n"
	             "  - title: Plan\n"
	             "    body: \"One.\\n\\nTwo.\\n\\nThree.\"\n"
	             "    show:\n"
	             "      - {block: inspection, after: 1}\n"
	             "      - {block: figures, after: 2}\n"),
	        NULL, &t, "2020-01-10", ".", &d);
	assert_non_null(v);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	const struct value *plan = headed(v, "Plan");
	char s[8], want[64];
	snprintf(s, sizeof s, "%s", number_of(plan));
	s[strlen(s) - 1] = '\0';
	snprintf(want, sizeof want, "%s.1</span> One.", s);
	assert_non_null(strstr(text_at(plan, "body"), want));
	const struct value *all = value_map_get(plan, "blocks");
	assert_int_equal(all->as.list.len, 2);
	assert_string_equal(partial_of(all, 0), "inspection");
	assert_string_equal(partial_of(all, 1), "figures");
	const struct value *marks = value_map_get(v, "paragraph_marks");
	assert_int_equal(marks->as.list.len, 2);
	for (size_t i = 0; i < 2; i++) {
		snprintf(want, sizeof want, "%s.%zu", s, i + 2);
		assert_string_equal(text_at(marks->as.list.items[i], "number"),
		                    want);
	}
	const char *rest = text_at(plan, "body_after");
	assert_non_null(rest);
	snprintf(want, sizeof want, "%s.4</span> Two.", s);
	assert_non_null(strstr(rest, want));
	snprintf(want, sizeof want, "%s.5</span> Three.", s);
	assert_non_null(strstr(rest, want));
	assert_int_equal(value_map_get(plan, "flow")->as.list.len, 0);

	/* The default partial prints flow: the numbers follow the places. */
	load_theme("default", &t);
	t.paragraphs = THEME_NUMBER_SECTIONED;
	t.paragraph_format = "{s}.{n}";
	t.paragraph_count = THEME_COUNT_BLOCKS;
	d = (struct diags)DIAGS_INIT;
	v = html_view(&arena,
	              yaml("meeting: {committee: Cabinet, date: 2020-01-14}\n"
	                   "inspection: {body: Ofsted, from: 2019-07-08}\n"
	                   "sections:\n"
	                   "  - title: Plan\n"
	                   "    body: \"One.\\n\\nTwo.\"\n"
	                   "    show: [{block: inspection, after: 1}]\n"),
	              NULL, &t, "2020-01-10", ".", &d);
	assert_non_null(v);
	diags_free(&d);
	plan = headed(v, "Plan");
	assert_int_equal(value_map_get(plan, "flow")->as.list.len, 1);

	char path[128];
	snprintf(path, sizeof path, "%s/narrative-section.mustache", dir);
	remove(path);
	snprintf(path, sizeof path, "%s/figures.mustache", dir);
	remove(path);
	rmdir(dir);
}

static const char nested_yaml[] =
        "council: default\n"
        "meeting: {committee: Cabinet, date: 2020-01-14}\n"
        "report: {title: Progress}\n"
        "inspection: {body: Ofsted, from: 2019-07-08}\n"
        "sections:\n"
        "  - title: Background\n"
        "    body: \"One.\"\n"
        "    show: [inspection]\n"
        "    sections:\n"
        "      - title: Detail\n"
        "        body: \"Two.\"\n";

/* In hierarchical style a block's marked paragraph takes its section's
 * next number, and the subsection after it the number after that. */
static void a_counted_block_moves_the_subsections_on(void **state)
{
	(void)state;
	struct theme t;
	load_theme("default", &t);
	t.paragraphs = THEME_NUMBER_HIERARCHICAL;
	t.paragraph_format = NULL;
	t.paragraph_count = THEME_COUNT_BLOCKS;
	struct diags d = DIAGS_INIT;
	struct value *v = html_view(&arena, yaml(nested_yaml), NULL, &t,
	                            "2020-01-10", ".", &d);
	assert_non_null(v);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	const struct value *bg = headed(v, "Background");
	char s[64], want[128];
	snprintf(s, sizeof s, "%s", number_of(bg));
	s[strlen(s) - 1] = '\0'; /* "4." is section 4 */
	const struct value *marks = value_map_get(v, "paragraph_marks");
	assert_int_equal(marks->as.list.len, 1);
	snprintf(want, sizeof want, "%s.2", s);
	assert_string_equal(text_at(marks->as.list.items[0], "number"), want);
	const struct value *sub =
	        value_map_get(bg, "subsections")->as.list.items[0];
	snprintf(want, sizeof want, "%s.3", s);
	assert_string_equal(number_of(sub), want);
	snprintf(want, sizeof want, "%s.3.1</span> Two.", s);
	assert_non_null(strstr(text_at(sub, "body"), want));
}

/* The page pass: a numbered mark gets its id, its number and the
 * numbered wrapper; an unnumbered one, and every mark when nothing is
 * counted, only loses the class; a mark the view did not count in its
 * place is an error. */
static void the_page_writes_the_marks_numbers(void **state)
{
	(void)state;
	struct value *marks =
	        yaml("- {tag: \"<p class=\\\"series-sentence para\\\">\", "
	             "id: 4-3, number: \"4.3\"}\n"
	             "- {tag: \"<p class=\\\"para\\\">\"}\n");
	static const char page[] =
	        "<style>p.para{}</style>\n"
	        "<div class=\"series\">\n"
	        "<p class=\"series-sentence para\">Fell by 75.</p>\n"
	        "</div>\n"
	        "<p class=\"para\">No action is overdue.</p>\n"
	        "<p class=\"paragraph\">Kept.</p>\n";
	struct buf b = BUF_INIT;
	buf_puts(&b, page);
	struct diags d = DIAGS_INIT;
	struct pos where = {"templates/default", 0, 0};
	assert_int_equal(html_number_marks(&b, marks, NULL, where, &d), 0);
	assert_string_equal(
	        buf_cstr(&b),
	        "<style>p.para{}</style>\n"
	        "<div class=\"series\">\n"
	        "<div class=\"numbered\">\n"
	        "<p id=\"para-4-3\" class=\"series-sentence\"><span "
	        "class=\"pn\">4.3</span> Fell by 75.</p>\n"
	        "</div>\n"
	        "</div>\n"
	        "<p>No action is overdue.</p>\n"
	        "<p class=\"paragraph\">Kept.</p>\n");
	buf_clear(&b);
	buf_puts(&b, page);
	assert_int_equal(html_number_marks(&b, NULL, NULL, where, &d), 0);
	assert_non_null(strstr(buf_cstr(&b), "<p class=\"series-sentence\">"));
	assert_non_null(strstr(buf_cstr(&b), "<p>No action is overdue.</p>"));
	assert_int_equal(html_marks_each(page, strlen(page), NULL, NULL), 2);
	assert_int_equal(d.errors, 0);
	/* The list a numbered paragraph opens goes in its wrapper, as a
	 * list of numbered prose does; a paragraph after it does not. */
	buf_clear(&b);
	buf_puts(&b, "<p class=\"para\">Overdue:</p>\n<ul>\n<li><ul><li>a"
	             "</li></ul></li>\n</ul>\n<p>After.</p>\n");
	struct value *one =
	        yaml("- {tag: \"<p class=\\\"para\\\">\", id: \"2\", "
	             "number: \"2.\"}\n");
	assert_int_equal(html_number_marks(&b, one, NULL, where, &d), 0);
	assert_string_equal(buf_cstr(&b),
	                    "<div class=\"numbered\">\n"
	                    "<p id=\"para-2\"><span class=\"pn\">2.</span> "
	                    "Overdue:</p>\n<ul>\n<li><ul><li>a</li></ul></li>\n"
	                    "</ul>\n</div>\n<p>After.</p>\n");
	/* A marked paragraph that never closes is an error at its
	 * template (tests/hostile/marks/unclosed), not closed at a later
	 * paragraph's </p>. */
	/* The first mark is not the one counted first. */
	buf_clear(&b);
	buf_puts(&b, page);
	marks = yaml("- {tag: \"<p class=\\\"para\\\">\"}\n"
	             "- {tag: \"<p class=\\\"para\\\">\"}\n");
	assert_int_equal(html_number_marks(&b, marks, NULL, where, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_string_equal(buf_cstr(&b), page);
	/* Three counted, two printed. */
	marks = yaml("- {tag: \"<p class=\\\"series-sentence para\\\">\"}\n"
	             "- {tag: \"<p class=\\\"para\\\">\"}\n"
	             "- {tag: \"<p class=\\\"para\\\">\"}\n");
	assert_int_equal(html_number_marks(&b, marks, NULL, where, &d), -1);
	assert_int_equal(d.errors, 2);
	assert_string_equal(buf_cstr(&b), page);
	diags_free(&d);
	buf_free(&b);
}

/* The marks are read from the page's markup alone: not from comments,
 * CDATA, a script's text, or text inside another attribute's value; an
 * attribute is read by its name, spaces around its '=' or not; the
 * paragraph ends at its own </p>, not one in a comment; and a marked
 * paragraph that is empty, holds another or never ends is an error at
 * its place, the page left as it was. */
static void marks_are_read_from_markup_alone(void **state)
{
	(void)state;
	static const char hidden[] =
	        "<!-- <p class=\"para\"> -->\n"
	        "<svg><![CDATA[ <p class=\"para\"> ]]></svg>\n"
	        "<script>var a = '<p class=\"para\">x</p>';</script>\n"
	        "<div title='<p class=\"para\">'></div>\n"
	        "<p class=\"lead\" title=\" class='para'\">Not a mark.</p>\n"
	        "<?pi <p class=\"para\"> ?>\n";
	assert_int_equal(html_marks_each(hidden, strlen(hidden), NULL, NULL),
	                 0);
	struct diags d = DIAGS_INIT;
	struct pos where = {"templates/default", 0, 0};
	struct buf b = BUF_INIT;
	buf_puts(&b, hidden);
	assert_int_equal(html_number_marks(&b, NULL, NULL, where, &d), 0);
	assert_string_equal(buf_cstr(&b), hidden);

	static const char spaced[] =
	        "<p class = \"para\">A <!-- </p> --> b.</p>\n"
	        "<ul><!-- </ul> --><li>c</li></ul>\n";
	assert_int_equal(html_marks_each(spaced, strlen(spaced), NULL, NULL),
	                 1);
	buf_clear(&b);
	buf_puts(&b, spaced);
	struct value *one =
	        yaml("- {tag: \"<p class = \\\"para\\\">\", id: \"2\", "
	             "number: \"2.\"}\n");
	assert_int_equal(html_number_marks(&b, one, NULL, where, &d), 0);
	assert_string_equal(buf_cstr(&b),
	                    "<div class=\"numbered\">\n"
	                    "<p id=\"para-2\"><span class=\"pn\">2.</span> "
	                    "A <!-- </p> --> b.</p>\n"
	                    "<ul><!-- </ul> --><li>c</li></ul>\n</div>\n");
	assert_int_equal(d.errors, 0);

	/* The word goes each time it is in the class. */
	buf_clear(&b);
	buf_puts(&b, "<p class=\"para lead  para\">d</p>");
	assert_int_equal(html_number_marks(&b, NULL, NULL, where, &d), 0);
	assert_string_equal(buf_cstr(&b), "<p class=\"lead\">d</p>");
	/* Taking the class out joins nothing into a new one. */
	buf_clear(&b);
	buf_puts(&b, "<p clas class='para's = \"para\">e</p>");
	assert_int_equal(html_number_marks(&b, NULL, NULL, where, &d), 0);
	assert_string_equal(buf_cstr(&b), "<p clas s = \"para\">e</p>");
	assert_int_equal(html_marks_each(buf_cstr(&b), b.len, NULL, NULL), 0);

	static const char *const bad[] = {
	        "<div><p class=\"para\"/></div>",
	        "<p class=\"para\">Outer <p class=\"para\">inner</p></p>",
	        "<p class=\"para\">Never closed",
	};
	static const char *const said[] = {
	        "is empty (<p ... />)",
	        "has no </p> before the next paragraph starts",
	        "has no </p> to end it",
	};
	for (int i = 0; i < 3; i++) {
		buf_clear(&b);
		buf_puts(&b, bad[i]);
		d = (struct diags)DIAGS_INIT;
		assert_int_equal(html_number_marks(&b, NULL, NULL, where, &d),
		                 -1);
		assert_int_equal(d.errors, 1);
		assert_non_null(strstr(d.items[0].msg, said[i]));
		assert_string_equal(buf_cstr(&b), bad[i]);
		diags_free(&d);
	}
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(dates_are_written_in_the_default_words),
	        cmocka_unit_test(
	                a_theme_names_its_months_and_lays_out_its_dates),
	        cmocka_unit_test(the_view_prints_the_themes_words),
	        cmocka_unit_test(a_councils_renames_reach_the_view),
	        cmocka_unit_test(computed_data_in_the_themes_words_and_colours),
	        cmocka_unit_test(a_hook_cannot_give_a_charts_html),
	        cmocka_unit_test(top_level_paragraphs_are_numbered),
	        cmocka_unit_test(the_format_prints_the_number),
	        cmocka_unit_test(continuous_numbering_is_one_run),
	        cmocka_unit_test(a_block_is_placed_after_a_paragraph),
	        cmocka_unit_test(each_block_is_placed_on_its_own),
	        cmocka_unit_test(
	                blocks_after_the_last_paragraph_end_the_section),
	        cmocka_unit_test(a_paragraph_past_the_body_is_an_error),
	        cmocka_unit_test(other_implications_take_one_number_each),
	        cmocka_unit_test(
	                a_group_that_drops_headings_keeps_the_reports_own_titles),
	        cmocka_unit_test(a_group_keeps_its_sections_headings),
	        cmocka_unit_test(
	                a_group_that_drops_headings_numbers_straight_through),
	        cmocka_unit_test(an_empty_group_prints_nothing),
	        cmocka_unit_test(
	                a_block_in_a_group_keeps_heading_levels_in_step),
	        cmocka_unit_test(sectioned_numbering_counts_each_section_once),
	        cmocka_unit_test(
	                a_blocks_marked_paragraphs_take_the_next_numbers),
	        cmocka_unit_test(
	                a_partial_written_before_flow_is_numbered_as_it_prints),
	        cmocka_unit_test(a_counted_block_moves_the_subsections_on),
	        cmocka_unit_test(the_page_writes_the_marks_numbers),
	        cmocka_unit_test(marks_are_read_from_markup_alone),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
