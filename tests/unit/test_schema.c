/* Unit tests for the report schema: types, dates, ids and references,
 * messages and their positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "schema/schema.h"

/* The smallest valid report; tests append to it. */
#define HEAD                                                        \
	"clerk: 1\n"                                                \
	"meeting:\n"                                                \
	"  committee: Children and Young People Select Committee\n" \
	"  date: 2020-01-14\n"                                      \
	"report:\n"                                                 \
	"  title: Children's Social Care Post Ofsted Report\n"

struct fixture {
	struct arena a;
	struct diags d;
	struct buf out;
	int rc;
};

static int setup(void **state)
{
	*state = calloc(1, sizeof(struct fixture));
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	arena_free(&f->a);
	diags_free(&f->d);
	buf_free(&f->out);
	free(f);
	return 0;
}

/* Loads `yaml`, checks it, and returns every diagnostic as
 * "line:col: message\n" ("" when the report is valid). */
static const char *check(struct fixture *f, const char *yaml)
{
	struct value *v = NULL;
	diags_free(&f->d);
	buf_clear(&f->out);
	assert_int_equal(
	        load_text(&f->a, "t.yaml", yaml, strlen(yaml), &v, &f->d), 0);
	f->rc = schema_check_report(v, &f->d);
	assert_int_equal(f->rc, f->d.errors ? -1 : 0);
	for (size_t i = 0; i < f->d.len; i++)
		buf_printf(&f->out, "%d:%d: %s\n", f->d.items[i].line,
		           f->d.items[i].col, f->d.items[i].msg);
	return buf_cstr(&f->out);
}

static void minimal_report_passes(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(check(f, HEAD), "");
	assert_int_equal(f->rc, 0);
}

static void the_lewisham_report_passes(void **state)
{
	struct fixture *f = *state;
	struct value *v = NULL;
	assert_int_equal(load_file(&f->a,
	                           "content/lewisham/post-ofsted-2020-01.yaml",
	                           NULL, &v, &f->d),
	                 0);
	assert_int_equal(schema_check_report(v, &f->d), 0);
	assert_int_equal(f->d.len, 0);
}

static void item_number_is_a_string(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(check(f, "clerk: 1\n"
	                             "meeting:\n"
	                             "  committee: Cabinet\n"
	                             "  date: 2013-12-17\n"
	                             "  item: 4\n"
	                             "report:\n"
	                             "  title: Update\n"
	                             "  wards: [4, true, 1.5, no, on]\n"),
	                    "");
}

static void booleans_are_only_true_or_false(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(check(f, HEAD "  key_decision: true\n"), "");
	assert_string_equal(
	        check(f, HEAD "  key_decision: no\n"),
	        "7:17: report.key_decision: expected true or false, got "
	        "\"no\"\n");
	assert_string_equal(
	        check(f, HEAD "  key_decision: \"true\"\n"),
	        "7:17: report.key_decision: expected true or false, got "
	        "\"true\"\n");
	assert_string_equal(
	        check(f, HEAD "  key_decision: 1\n"),
	        "7:17: report.key_decision: expected true or false, got 1\n");
}

static const char *date(struct fixture *f, const char *d)
{
	char yaml[512];
	snprintf(yaml, sizeof yaml,
	         HEAD "inspection:\n  body: Ofsted\n"
	              "  published: %s\n",
	         d);
	return check(f, yaml);
}

static void dates_are_calendar_dates(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(date(f, "2020-02-29"), "");
	assert_string_equal(date(f, "2000-02-29"), "");
	assert_string_equal(date(f, "2019-12-31"), "");
	assert_string_equal(date(f, "1900-02-29"),
	                    "9:14: inspection.published: expected a real date, "
	                    "got \"1900-02-29\" (February 1900 has 28 days)\n");
	assert_string_equal(date(f, "2019-04-31"),
	                    "9:14: inspection.published: expected a real date, "
	                    "got \"2019-04-31\" (April 2019 has 30 days)\n");
	assert_string_equal(date(f, "2019-00-10"),
	                    "9:14: inspection.published: expected a real date, "
	                    "got \"2019-00-10\" (there is no month 0)\n");
	assert_string_equal(date(f, "2019-01-00"),
	                    "9:14: inspection.published: expected a real date, "
	                    "got \"2019-01-00\" (January 2019 has 31 days)\n");
	assert_string_equal(date(f, "20 August 2019"),
	                    "9:14: inspection.published: expected a date "
	                    "(YYYY-MM-DD), got \"20 August 2019\"; did you "
	                    "mean 2019-08-20?\n");
	assert_string_equal(date(f, "31/02/2019"),
	                    "9:14: inspection.published: expected a date "
	                    "(YYYY-MM-DD), got \"31/02/2019\"\n");
	assert_string_equal(date(f, "2019-8-20"),
	                    "9:14: inspection.published: expected a date "
	                    "(YYYY-MM-DD), got \"2019-8-20\"\n");
	assert_string_equal(date(f, "20190820"),
	                    "9:14: inspection.published: expected a date "
	                    "(YYYY-MM-DD), got 20190820\n");
	assert_string_equal(date(f, "[2019-08-20]"),
	                    "9:14: inspection.published: expected a date "
	                    "(YYYY-MM-DD), got a list\n");
}

/* A year far from the present is a slip (0001, 2109 for 2019): refused
 * by the one date check, before the month and day are looked at. */
static void dates_lie_between_1900_and_2200(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(date(f, "1900-01-01"), "");
	assert_string_equal(date(f, "2200-12-31"), "");
	assert_string_equal(date(f, "0001-01-01"),
	                    "9:14: inspection.published: expected a date "
	                    "between 1900 and 2200, got \"0001-01-01\"\n");
	assert_string_equal(date(f, "1899-12-31"),
	                    "9:14: inspection.published: expected a date "
	                    "between 1900 and 2200, got \"1899-12-31\"\n");
	assert_string_equal(date(f, "2201-01-01"),
	                    "9:14: inspection.published: expected a date "
	                    "between 1900 and 2200, got \"2201-01-01\"\n");
	assert_string_equal(date(f, "0000-00-00"),
	                    "9:14: inspection.published: expected a date "
	                    "between 1900 and 2200, got \"0000-00-00\"\n");
	assert_string_equal(
	        check(f, HEAD "progress:\n"
	                      "  1900-01 Q1: {}\n"
	                      "  2199-00 Q4: {}\n"
	                      "  1899-00 Q1: {}\n"
	                      "  2200-01 Q1: {}\n"),
	        "10:3: progress[\"1899-00 Q1\"]: expected a quarter "
	        "of a financial year between 1900 and 2200, got "
	        "\"1899-00 Q1\"\n"
	        "11:3: progress[\"2200-01 Q1\"]: expected a quarter "
	        "of a financial year between 1900 and 2200, got "
	        "\"2200-01 Q1\"\n");
}

/* The schema's integers (the version, days, a paragraph) take whole
 * numbers in their range only: not negative, not a fraction. */
static void integers_are_whole_and_in_range(void **state)
{
	struct fixture *f = *state;
	const char *want = "8:13: action_plan.due_days: expected a whole "
	                   "number of days from 1 to 3660, got ";
	struct {
		const char *text, *got;
	} cases[] = {{"-5", "-5"},     {"70.5", "70.5"}, {"0", "0"},
	             {"3661", "3661"}, {"1e3", "1e3"},   {"'70'", "\"70\""}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char yaml[512], expect[256];
		snprintf(yaml, sizeof yaml,
		         HEAD "action_plan:\n  due_days: %s\n", cases[i].text);
		snprintf(expect, sizeof expect, "%s%s\n", want, cases[i].got);
		assert_string_equal(check(f, yaml), expect);
	}
	assert_string_equal(check(f, HEAD "action_plan:\n  due_days: 3660\n"),
	                    "");
}

static void quarters_are_well_formed(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(check(f,
	                          HEAD "progress:\n"
	                               "  2019-20 Q3: {}\n"
	                               "  1999-00 Q4: {as_of: 2000-03-31}\n"),
	                    "");
	assert_string_equal(
	        check(f, HEAD "progress:\n"
	                      "  2019-20 q3: {}\n"
	                      "  2019/20 Q3: {}\n"
	                      "  2019-21 Q1: {}\n"),
	        "8:3: progress[\"2019-20 q3\"]: expected a quarter of "
	        "a financial year (like 2019-20 Q3), got \"2019-20 "
	        "q3\"\n"
	        "9:3: progress[\"2019/20 Q3\"]: expected a quarter of "
	        "a financial year (like 2019-20 Q3), got \"2019/20 "
	        "Q3\"\n"
	        "10:3: progress[\"2019-21 Q1\"]: expected a quarter "
	        "of a financial year, got \"2019-21 Q1\" (the year "
	        "after 2019 is 20, not 21)\n");
}

static void every_error_is_reported_in_file_order(void **state)
{
	struct fixture *f = *state;
	/* The reference error is found after the walk but printed first. */
	assert_string_equal(
	        check(f, "clerk: 1\n"
	                 "progress:\n"
	                 "  2019-20 Q3:\n"
	                 "    updates: {P9: {status: done}}\n"
	                 "meeting: {date: 2020-02-30}\n"
	                 "report: {title: x, summry: y}\n"),
	        "4:15: progress[\"2019-20 Q3\"].updates.P9: unknown action id "
	        "\"P9\" (none is defined)\n"
	        "5:10: meeting: missing required key 'committee': "
	        "expected a string\n"
	        "5:17: meeting.date: expected a real date, got "
	        "\"2020-02-30\" (February 2020 has 29 days)\n"
	        "6:20: report.summry: unknown key; did you mean "
	        "'summary'?\n");
	assert_int_equal(f->rc, -1);
	assert_int_equal(f->d.errors, 4);
}

static void missing_keys_point_at_the_map(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(
	        check(f, "meeting:\n"
	                 "  date: 2020-01-14\n"),
	        "1:1: missing required key 'clerk': expected 1 (the "
	        "schema version this clerk reads)\n"
	        "1:1: missing required key 'report': expected a map "
	        "of the report's front matter\n"
	        "2:3: meeting: missing required key 'committee': "
	        "expected a string\n");
}

static void null_is_absent_unless_required(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(check(f, HEAD "  summary:\n  author: ~\n"), "");
	assert_string_equal(check(f, "clerk: 1\n"
	                             "meeting: {committee: Cabinet, date: "
	                             "2020-01-14}\n"
	                             "report:\n"
	                             "  title:\n"),
	                    "4:9: report.title: expected a string, got "
	                    "nothing\n");
}

static void ids_are_unique_and_references_resolve(void **state)
{
	struct fixture *f = *state;
	const char *ok =
	        HEAD "progress:\n"
	             "  2019-20 Q4:\n"
	             "    updates:\n"
	             "      P1.1: {status: done, done_on: 2020-03-02}\n"
	             "action_plan:\n"
	             "  priorities:\n"
	             "    - id: P1\n"
	             "      title: Workforce\n"
	             "      answers: [R1]\n"
	             "      actions:\n"
	             "        - {id: P1.1, text: Train}\n"
	             "        - {id: 7, text: Coach, answers: [2]}\n"
	             "inspection:\n"
	             "  body: Ofsted\n"
	             "  recommendations:\n"
	             "    - {id: R1, text: Improve supervision}\n"
	             "    - {id: 2, text: Improve plans}\n";
	assert_string_equal(check(f, ok), "");
	/* Priorities and actions are separate scopes: P1 may be both. */
	assert_string_equal(check(f,
	                          HEAD "action_plan:\n"
	                               "  priorities:\n"
	                               "    - id: P1\n"
	                               "      title: Workforce\n"
	                               "      actions:\n"
	                               "        - {id: P1, text: Train}\n"
	                               "        - {id: \"P1\", text: Coach}\n"),
	                    "13:16: action_plan.priorities[0].actions[1].id: "
	                    "duplicate action id \"P1\" (first used at "
	                    "t.yaml:12:16)\n");
}

static void enums_suggest_the_value_meant(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(
	        check(f, HEAD "inspection: {body: Ofsted, overall: Good}\n"),
	        "7:37: inspection.overall: expected a grade (outstanding, "
	        "good, requires_improvement, inadequate, adequate), got "
	        "\"Good\"; did you mean 'good'?\n");
	assert_string_equal(check(f, HEAD "inspection: {body: Ofsted, overall: "
	                                  "adequate}\n"),
	                    "");
}

static void unknown_keys_list_the_keys_when_nothing_is_near(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(
	        check(f, HEAD "implications:\n  finacial: None.\n"
	                      "background_papers:\n  - {title: Ofsted report, "
	                      "link: x}\n"),
	        "8:3: implications.finacial: unknown key; did you mean "
	        "'financial'?\n"
	        "10:28: background_papers[0].link: unknown key; the keys of "
	        "background_paper are title, date, held_at, contact, url\n");
}

static void urls_and_emails(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(check(f, HEAD
	                          "  author:\n"
	                          "    name: Lucie Heyes\n"
	                          "    email: Lucie.Heyes@lewisham.gov.uk\n"
	                          "background_papers:\n"
	                          "  - {title: a, url: www.example.org}\n"
	                          "  - {title: b, url: 'https://x.org/a'}\n"
	                          "  - {title: c, url: "
	                          "'mailto:a@b.org'}\n"),
	                    "");
	assert_string_equal(
	        check(f, HEAD "  author:\n"
	                      "    name: Lucie Heyes\n"
	                      "    email: Lucie Heyes\n"
	                      "background_papers:\n"
	                      "  - {title: a, url: "
	                      "'JavaScript:alert(1)'}\n"
	                      "  - {title: b, url: 'data:text/html,x'}\n"),
	        "9:12: report.author.email: expected an e-mail "
	        "address (name@example.gov.uk), got \"Lucie "
	        "Heyes\"\n"
	        "11:21: background_papers[0].url: expected a web "
	        "address (https://..., http://... or mailto:...), got "
	        "\"JavaScript:alert(1)\"\n"
	        "12:21: background_papers[1].url: expected a web "
	        "address (https://..., http://... or mailto:...), got "
	        "\"data:text/html,x\"\n");
}

static void part_2_needs_an_exemption(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(check(f, "clerk: 1\n"
	                             "meeting:\n"
	                             "  committee: Mayor and Cabinet\n"
	                             "  date: 2020-03-11\n"
	                             "  class: Part 2\n"
	                             "  exemption: {paragraph: 3}\n"
	                             "report: {title: Contract award}\n"),
	                    "");
	assert_string_equal(check(f, "clerk: 1\n"
	                             "meeting:\n"
	                             "  committee: Mayor and Cabinet\n"
	                             "  date: 2020-03-11\n"
	                             "  class: Part 2\n"
	                             "  exemption: {paragraph: 8}\n"
	                             "report: {title: Contract award}\n"),
	                    "6:26: meeting.exemption.paragraph: expected a "
	                    "paragraph of Schedule 12A (1 to 7), got 8\n");
}

static void rules_wait_for_valid_fields(void **state)
{
	struct fixture *f = *state;
	/* A bad status is one error, not also a done_on complaint. */
	assert_string_equal(
	        check(f, HEAD "action_plan:\n"
	                      "  priorities:\n"
	                      "    - id: P1\n"
	                      "      title: Workforce\n"
	                      "      actions:\n"
	                      "        - id: P1.1\n"
	                      "          text: Train\n"
	                      "          status: finished\n"
	                      "          done_on: 2020-01-10\n"),
	        "14:19: action_plan.priorities[0].actions[0].status: "
	        "expected a status (not_started, on_track, at_risk, "
	        "off_track, done, cancelled), got \"finished\"\n");
}

static void nested_sections_and_sub_judgements(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(
	        check(f, HEAD "inspection:\n"
	                      "  body: Ofsted\n"
	                      "  judgements:\n"
	                      "    - area: Children looked after\n"
	                      "      grade: good\n"
	                      "      judgements:\n"
	                      "        - {area: Adoption, grade: good}\n"
	                      "        - {area: Care leavers}\n"
	                      "sections:\n"
	                      "  - title: Background\n"
	                      "    sections:\n"
	                      "      - title: Overview\n"
	                      "        sections:\n"
	                      "          - {body: x}\n"),
	        "14:11: inspection.judgements[0].judgements[1]: "
	        "missing required key 'grade': expected a grade "
	        "(outstanding, good, requires_improvement, inadequate, "
	        "adequate)\n"
	        "20:13: sections[0].sections[0].sections[0]: missing "
	        "required key 'title': expected a string\n");
}

static void odd_keys_are_quoted_in_paths(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(
	        check(f, HEAD "series:\n"
	                      "  looked_after_children:\n"
	                      "    \"2011-12 Q3\": 449\n"
	                      "    \"2013-14 Q3\": many\n"),
	        "10:19: series.looked_after_children[\"2013-14 Q3\"]: "
	        "expected a number, got \"many\"\n");
}

static void tags_are_refused(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(check(f, HEAD "  summary: !code x\n"),
	                    "7:12: report.summary: YAML reads '!code' at the "
	                    "start of this value as a tag (a type for the "
	                    "value), not as text; put the whole value in "
	                    "double quotes\n");
	assert_string_equal(check(f, HEAD "  wards: !list [All]\n"),
	                    "7:10: report.wards: unexpected tag !list\n");
	assert_string_equal(check(f, HEAD "extra: {a: !code x}\n"), "");
}

static void long_values_are_shortened(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(
	        check(f, HEAD "  key_decision: |\n"
	                      "    No: this report asks the committee only to "
	                      "note.\n"
	                      "    It makes no decision.\n"),
	        "7:17: report.key_decision: expected true or false, got \"No: "
	        "this report asks the committee only ...\"\n");
}

static void a_tree_built_by_hand(void **state)
{
	struct fixture *f = *state;
	struct pos p = {"hand.yaml", 3, 5};
	struct value *top = value_new_list(&f->a, p);
	assert_int_equal(schema_check_report(top, &f->d), -1);
	assert_int_equal(f->d.len, 1);
	assert_string_equal(f->d.items[0].file, "hand.yaml");
	assert_int_equal(f->d.items[0].line, 3);
	assert_string_equal(f->d.items[0].msg,
	                    "expected a report (a map), got a list");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	        T(minimal_report_passes),
	        T(the_lewisham_report_passes),
	        T(item_number_is_a_string),
	        T(booleans_are_only_true_or_false),
	        T(dates_are_calendar_dates),
	        T(dates_lie_between_1900_and_2200),
	        T(integers_are_whole_and_in_range),
	        T(quarters_are_well_formed),
	        T(every_error_is_reported_in_file_order),
	        T(missing_keys_point_at_the_map),
	        T(null_is_absent_unless_required),
	        T(ids_are_unique_and_references_resolve),
	        T(enums_suggest_the_value_meant),
	        T(unknown_keys_list_the_keys_when_nothing_is_near),
	        T(urls_and_emails),
	        T(part_2_needs_an_exemption),
	        T(rules_wait_for_valid_fields),
	        T(nested_sections_and_sub_judgements),
	        T(odd_keys_are_quoted_in_paths),
	        T(tags_are_refused),
	        T(long_values_are_shortened),
	        T(a_tree_built_by_hand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
