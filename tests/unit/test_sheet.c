/* Unit tests for sheet: spreadsheet dates (the 1900 leap-year quirk and
 * the 1904 system), cell names, header synonyms, status words, and the
 * CSV reader's traps (the byte-order mark, `;`, spaces, blank lines). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sheet/internal.h"
#include "sheet/sheet.h"

static void serial_dates(void **state)
{
	(void)state;
	char d[11];
	assert_int_equal(sheet_serial_date(1, false, d), 0);
	assert_string_equal(d, "1900-01-01");
	assert_int_equal(sheet_serial_date(59, false, d), 0);
	assert_string_equal(d, "1900-02-28");
	/* Excel's 29 February 1900, which never was. */
	assert_int_equal(sheet_serial_date(60, false, d), -1);
	assert_int_equal(sheet_serial_date(61, false, d), 0);
	assert_string_equal(d, "1900-03-01");
	assert_int_equal(sheet_serial_date(44104.75, false, d), 0);
	assert_string_equal(d, "2020-09-30");
	assert_int_equal(sheet_serial_date(0, true, d), 0);
	assert_string_equal(d, "1904-01-01");
	assert_int_equal(sheet_serial_date(42642, true, d), 0);
	assert_string_equal(d, "2020-09-30");
	assert_int_equal(sheet_serial_date(-1, false, d), -2);
	assert_int_equal(sheet_serial_date(1e300, false, d), -2);
}

static void cell_names(void **state)
{
	(void)state;
	char n[24];
	sheet_cell_name(n, 12, 5);
	assert_string_equal(n, "F12");
	sheet_cell_name(n, 1, 25);
	assert_string_equal(n, "Z1");
	sheet_cell_name(n, 3, 26);
	assert_string_equal(n, "AA3");
	sheet_cell_name(n, 9, 16383);
	assert_string_equal(n, "XFD9");
	unsigned row;
	int col;
	assert_int_equal(sheet_parse_ref("AA3", &row, &col), 0);
	assert_int_equal(row, 3);
	assert_int_equal(col, 26);
	assert_int_equal(sheet_parse_ref("$B$7", &row, &col), 0);
	assert_int_equal(col, 1);
	assert_int_equal(sheet_parse_ref("A0", &row, &col), -1);
	assert_int_equal(sheet_parse_ref("ABCD1", &row, &col), -1);
	assert_int_equal(sheet_parse_ref("A1:B2", &row, &col), -1);
}

static void synonyms(void **state)
{
	(void)state;
	static const struct {
		const char *header;
		int col;
	} cases[] = {
	        {"Ref", SHEET_COL_ID},
	        {"Action ID", SHEET_COL_ID},
	        {"RAG", SHEET_COL_STATUS},
	        {" RAG status ", SHEET_COL_STATUS},
	        {"Lead officer", SHEET_COL_OWNER},
	        {"Target date", SHEET_COL_DUE},
	        {"target-date", SHEET_COL_DUE},
	        {"Progress update", SHEET_COL_NOTE},
	        {"Comments", SHEET_COL_NOTE},
	        {"Latest note", SHEET_COL_NOTE},
	        {"Date completed", SHEET_COL_DONE_ON},
	        {"Quarter added", SHEET_COL_ADDED},
	        {"Budget", -1},
	        {"", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_int_equal(sheet_column_of(cases[i].header,
		                                 strlen(cases[i].header)),
		                 cases[i].col);
	for (int c = 0; c < SHEET_COLUMNS; c++) {
		const char *h = sheet_column_header(c);
		assert_int_equal(sheet_column_of(h, strlen(h)), c);
	}
}

static void status_words(void **state)
{
	(void)state;
	static const struct vocabulary_word list[] = {{"Green", "on_track"},
	                                              {"Complete", "done"}};
	struct vocabulary_words w = {list, 2};
	const char *s;
	assert_string_equal(vocabulary_status_of(&w, "green", 5), "on_track");
	s = " Complete ";
	assert_string_equal(vocabulary_status_of(&w, s, strlen(s)), "done");
	s = "ON TRACK";
	assert_string_equal(vocabulary_status_of(NULL, s, strlen(s)),
	                    "on_track");
	s = "at_risk";
	assert_string_equal(vocabulary_status_of(NULL, s, strlen(s)),
	                    "at_risk");
	s = "Purple";
	assert_null(vocabulary_status_of(&w, s, strlen(s)));
	assert_null(vocabulary_status_of(NULL, "Complete", 8));
	assert_string_equal(vocabulary_status_word(&w, "done", "Done"),
	                    "Complete");
	assert_string_equal(
	        vocabulary_status_word(&w, "off_track", "Off track"),
	        "Off track");
}

static struct sheet_table read_csv(struct arena *a, const char *text,
                                   int expect)
{
	struct diags d = DIAGS_INIT;
	struct sheet_table t;
	assert_int_equal(sheet_read_csv(a, "t.csv", text, strlen(text), &t, &d),
	                 expect);
	assert_int_equal(d.errors, expect ? 1 : 0);
	diags_free(&d);
	return t;
}

static void csv_traps(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct sheet_table t = read_csv(
	        &a, "\xEF\xBB\xBFRef;Note\r\n\r\nP1;\" a; \"\"b\"\"\r\nc\"\r\n",
	        0);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.rows[0].cells[0].text, "Ref"); /* no BOM */
	assert_int_equal(t.rows[1].row, 3); /* the blank line is row 2 */
	assert_string_equal(t.rows[1].cells[1].text, " a; \"b\"\r\nc");
	t = read_csv(&a, "sep=,\nID,Status\n P1.1 ,x\n", 0);
	assert_int_equal(t.rows[0].row, 2);
	assert_string_equal(t.rows[1].cells[0].text, " P1.1 "); /* kept */
	t = read_csv(&a, "ID,Status\nP1,\"open\n", -1);
	t = read_csv(&a, "ID,Status\nP1,a\"b\n", -1);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(serial_dates), cmocka_unit_test(cell_names),
	        cmocka_unit_test(synonyms),     cmocka_unit_test(status_words),
	        cmocka_unit_test(csv_traps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
