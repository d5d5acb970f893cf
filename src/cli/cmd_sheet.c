/* cmd_sheet: `clerk export` (the plan as a tracker, .xlsx or .csv) and
 * `clerk import` (a tracker as the next quarter's YAML file). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/fs.h"
#include "cli/cli.h"
#include "report/report.h"
#include "sheet/sheet.h"

/* The council's word for each status, and its badge's colours. */
static void theme_words(const struct theme *t, struct sheet_words *w)
{
	size_t n;
	const struct vocabulary_entry *e =
	        vocabulary_entries(VOCABULARY_STATUS, &n);
	for (size_t i = 0; i < n && i < VOCABULARY_STATUSES; i++) {
		w->word[i] =
		        vocabulary_status_word(&t->status_words, e[i].id,
		                               t->names[VOCABULARY_STATUS][i]);
		w->background[i] = t->statuses[i].background;
		w->text[i] = t->statuses[i].text;
	}
	w->all = &t->status_words;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcasecmp(s + n - k, tail) == 0;
}

static const char export_usage[] =
        "usage: clerk export REPORT.yaml -o FILE.xlsx|FILE.csv\n"
        "Writes the plan as it stands at the report's newest quarter as a\n"
        "tracker: one row per action (priority, id, action, owner, due,\n"
        "status, done on, latest note, answers, added).\n"
        "  -o FILE   FILE.xlsx: an Excel workbook; FILE.csv: CSV UTF-8\n";

int cmd_export(int argc, char **argv)
{
	const char *path = NULL, *out_path = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(export_usage, stdout);
			return CLI_OK;
		} else if (strcmp(a, "-o") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error(
				        "export: -o needs a file");
			out_path = argv[++i];
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("export: unknown option '%s'",
			                       a);
		} else if (path) {
			return cli_usage_error("export: one report at a time");
		} else {
			path = a;
		}
	}
	if (!path)
		return cli_usage_error("export: no report given");
	if (!out_path)
		return cli_usage_error("export: no output given (-o FILE.xlsx "
		                       "or -o FILE.csv)");
	bool xlsx = ends_with(out_path, ".xlsx");
	if (!xlsx && !ends_with(out_path, ".csv"))
		return cli_usage_error("export: '%s': the output's name must "
		                       "end in .xlsx or .csv",
		                       out_path);
	struct report r;
	int rc = report_load(&r, path, cli_templates_dir(), NULL, NULL);
	if (rc == 0) {
		struct sheet_words w;
		theme_words(&r.theme, &w);
		struct buf out = BUF_INIT;
		rc = xlsx ? sheet_export_xlsx(r.data, &w, out_path, &out,
		                              &r.diags)
		          : sheet_export_csv(r.data, &w, &out);
		if (rc == 0)
			rc = fs_write_atomic(out_path, out.data, out.len,
			                     &r.diags);
		buf_free(&out);
	}
	cli_print_diags(&r.diags);
	report_free(&r);
	return rc == 0 ? CLI_OK : CLI_BAD_INPUT;
}

static const char import_usage[] =
        "usage: clerk import TRACKER.xlsx|.ods|.csv --into FILE.yaml\n"
        "                    --quarter \"YYYY-YY QN\" --as-of DATE "
        "[--meeting DATE] -o OUT.yaml\n"
        "Reads the tracker, matches its rows to the actions of the plan as\n"
        "it stands in FILE by id, and writes the next quarter's file with\n"
        "only what changed: statuses, done dates, due dates and notes as\n"
        "updates, and rows with a new id as actions added this quarter.\n"
        "  --into FILE       the newest file of the plan; OUT extends it\n"
        "  --quarter Q       the quarter of the updates, as 2020-21 Q2\n"
        "  --as-of DATE      the date the figures were taken "
        "(YYYY-MM-DD)\n"
        "  --meeting DATE    the meeting the report goes to (meeting.date)\n"
        "  -o OUT.yaml       the file to write (written only when the\n"
        "                    whole tracker reads without an error)\n";

/* "2020-21 Q2": the years follow on, the quarter is 1 to 4. */
static bool quarter_valid(const char *q)
{
	int y1, y2, n;
	char tail;
	if (strlen(q) != 10 ||
	    sscanf(q, "%4d-%2d Q%1d%c", &y1, &y2, &n, &tail) != 3)
		return false;
	return q[4] == '-' && q[7] == ' ' && (y1 + 1) % 100 == y2 && n >= 1 &&
	       n <= 4;
}

/* The first and last day of quarter `q` (Q1 is April to June). */
static void quarter_span(const char *q, char first[11], char last[11])
{
	int y = atoi(q), n = q[9] - '0';
	static const char *const from[] = {"04-01", "07-01", "10-01", "01-01"};
	static const char *const to[] = {"06-30", "09-30", "12-31", "03-31"};
	snprintf(first, 11, "%04d-%s", n == 4 ? y + 1 : y, from[n - 1]);
	snprintf(last, 11, "%04d-%s", n == 4 ? y + 1 : y, to[n - 1]);
}

int cmd_import(int argc, char **argv)
{
	const char *tracker = NULL, *into = NULL, *quarter = NULL,
	           *as_of = NULL, *meeting = NULL, *out_path = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(import_usage, stdout);
			return CLI_OK;
		} else if (strcmp(a, "--into") == 0) {
			slot = &into;
		} else if (strcmp(a, "--quarter") == 0) {
			slot = &quarter;
		} else if (strcmp(a, "--as-of") == 0) {
			slot = &as_of;
		} else if (strcmp(a, "--meeting") == 0) {
			slot = &meeting;
		} else if (strcmp(a, "-o") == 0) {
			slot = &out_path;
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("import: unknown option '%s'",
			                       a);
		} else if (tracker) {
			return cli_usage_error("import: one tracker at a time");
		} else {
			tracker = a;
		}
		if (slot) {
			if (i + 1 >= argc)
				return cli_usage_error(
				        "import: %s needs a value", a);
			*slot = argv[++i];
		}
	}
	if (!tracker)
		return cli_usage_error("import: no tracker given");
	if (!into || !quarter || !as_of || !out_path)
		return cli_usage_error("import: give --into FILE.yaml, "
		                       "--quarter, --as-of and -o OUT.yaml");
	if (!quarter_valid(quarter))
		return cli_usage_error(
		        "import: --quarter '%s' is not a quarter "
		        "written like 2020-21 Q2",
		        quarter);
	if (!date_valid(as_of))
		return cli_usage_error("import: --as-of '%s' is not a date "
		                       "written YYYY-MM-DD",
		                       as_of);
	char first[11], last[11];
	quarter_span(quarter, first, last);
	if (strcmp(as_of, first) < 0 || strcmp(as_of, last) > 0)
		return cli_usage_error("import: --as-of %s is not in %s (%s to "
		                       "%s)",
		                       as_of, quarter, first, last);
	if (meeting && !date_valid(meeting))
		return cli_usage_error("import: --meeting '%s' is not a date "
		                       "written YYYY-MM-DD",
		                       meeting);
	if (!ends_with(out_path, ".yaml"))
		return cli_usage_error("import: '%s': the output's name must "
		                       "end in .yaml",
		                       out_path);
	struct report r;
	int rc = report_load(&r, into, cli_templates_dir(), NULL, NULL);
	if (rc == 0) {
		struct sheet_words w;
		theme_words(&r.theme, &w);
		struct sheet_table t;
		rc = sheet_read(&r.arena, tracker, &t, &r.diags);
		struct buf out = BUF_INIT;
		if (rc == 0) {
			struct sheet_import_options o = {.table = &t,
			                                 .plan = r.data,
			                                 .into = into,
			                                 .out = out_path,
			                                 .quarter = quarter,
			                                 .as_of = as_of,
			                                 .meeting = meeting,
			                                 .words = &w};
			rc = sheet_import(&r.arena, &o, &out, &r.diags);
		}
		if (rc == 0)
			rc = fs_write_atomic(out_path, out.data, out.len,
			                     &r.diags);
		buf_free(&out);
	}
	cli_print_diags(&r.diags);
	report_free(&r);
	return rc == 0 ? CLI_OK : CLI_BAD_INPUT;
}
