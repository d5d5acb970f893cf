/* export: the plan as a tracker, an .xlsx workbook or a CSV file.
 *
 * The workbook is what an officer would make by hand, done properly: the
 * header row frozen and filtered, columns as wide as their text (the
 * action and the note wrapped), dates as real dates, the status column a
 * drop-down of the council's status words, each coloured as its badge is
 * on the page, and a second sheet with the priorities and the
 * inspection's recommendations for reference. libxlsxwriter writes only
 * to a file, so the workbook is written to a temporary file and read
 * back; the caller writes it in place atomically. The CSV is what Excel's
 * "CSV UTF-8" writes: a byte-order mark, CRLF line ends, and fields
 * quoted as RFC 4180 says (a field with a comma, a quote or a line break
 * in quotes, its quotes doubled). Dates are written YYYY-MM-DD there,
 * which every spreadsheet reads as a date. libxlsxwriter is opened the
 * first time a workbook is written (lib.c). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/date.h"
#include "base/fs.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "sheet/internal.h"

#ifndef SHEET_XLSXWRITER_SO
#define SHEET_XLSXWRITER_SO "libxlsxwriter.so.4"
#endif

/* The functions of libxlsxwriter that the workbook is written with. */
#define XLSX_FUNCS(X)                         \
	X(workbook_new_opt)                   \
	X(workbook_add_format)                \
	X(workbook_add_worksheet)             \
	X(workbook_close)                     \
	X(worksheet_autofilter)               \
	X(worksheet_conditional_format_range) \
	X(worksheet_data_validation_range)    \
	X(worksheet_freeze_panes)             \
	X(worksheet_set_column)               \
	X(worksheet_write_datetime)           \
	X(worksheet_write_string)             \
	X(format_set_align)                   \
	X(format_set_bg_color)                \
	X(format_set_bold)                    \
	X(format_set_bottom)                  \
	X(format_set_font_color)              \
	X(format_set_num_format)              \
	X(format_set_text_wrap)               \
	X(lxw_strerror)

static struct {
#define X(f) __typeof__(f) *f;
	XLSX_FUNCS(X)
#undef X
} xl;

static bool xlsx_open(struct pos at, struct diags *d)
{
	static void *lib;
	static const char *const names[] = {
#define X(f) #f,
	        XLSX_FUNCS(X)
#undef X
	                NULL};
	if (lib)
		return true;
	void *h = sheet_lib_open(SHEET_XLSXWRITER_SO, "libxlsxwriter4", names,
	                         at, d);
	if (!h)
		return false;
#define X(f) xl.f = (__typeof__(xl.f))dlsym(h, #f);
	XLSX_FUNCS(X)
#undef X
	lib = h;
	return true;
}

static const char *word_of(const struct sheet_words *w, const char *id)
{
	int i = vocabulary_index(VOCABULARY_STATUS, id);
	return i < 0 ? id : w->word[i];
}

static const char *field(const struct sheet_action *s,
                         const struct sheet_words *w, enum sheet_column c)
{
	switch (c) {
	case SHEET_COL_PRIORITY:
		return s->priority;
	case SHEET_COL_ID:
		return s->id;
	case SHEET_COL_ACTION:
		return s->text;
	case SHEET_COL_OWNER:
		return s->owner;
	case SHEET_COL_DUE:
		return s->due;
	case SHEET_COL_STATUS:
		return word_of(w, s->status);
	case SHEET_COL_DONE_ON:
		return s->done_on;
	case SHEET_COL_NOTE:
		return s->note;
	case SHEET_COL_ANSWERS:
		return s->answers;
	case SHEET_COL_ADDED:
		return s->added;
	default:
		return "";
	}
}

static void csv_field(struct buf *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n;")) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

int sheet_export_csv(const struct value *plan, const struct sheet_words *w,
                     struct buf *out)
{
	struct arena a = ARENA_INIT;
	size_t n;
	struct sheet_action *acts = sheet_plan_actions(&a, plan, &n);
	buf_puts(out, "\xEF\xBB\xBF");
	for (int c = 0; c < SHEET_COLUMNS; c++) {
		if (c)
			buf_putc(out, ',');
		csv_field(out, sheet_column_header(c));
	}
	buf_puts(out, "\r\n");
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < SHEET_COLUMNS; c++) {
			if (c)
				buf_putc(out, ',');
			csv_field(out, field(&acts[i], w, c));
		}
		buf_puts(out, "\r\n");
	}
	arena_free(&a);
	return 0;
}

static lxw_color_t color_of(const char *hex, lxw_color_t fallback)
{
	if (!hex || hex[0] != '#' || strlen(hex) != 7)
		return fallback;
	char *end;
	long v = strtol(hex + 1, &end, 16);
	return *end ? fallback : (lxw_color_t)v;
}

/* Columns wide enough for their text: characters, not bytes, within
 * limits, wrapped ones narrower. */
static double width_of(const char *s, bool wrap)
{
	size_t longest = 0, line = 0;
	for (size_t i = 0, n = strlen(s); i < n;) {
		uint32_t c;
		size_t k = utf8_decode(s + i, n - i, &c);
		if (k == 0)
			break;
		line = c == '\n' ? 0 : line + 1;
		if (line > longest)
			longest = line;
		i += k;
	}
	double w = (double)longest + 2;
	double cap = wrap ? 60 : 40;
	return w > cap ? cap : w < 8 ? 8 : w;
}

/* A date as a real date; a due month or year (2016-03, 2016) as text in
 * a cell formatted as text, so that neither Excel nor an officer
 * retyping it turns it into the first day of the month or a number, and
 * import reads it back as it was. */
static int write_date(lxw_worksheet *ws, int row, int col, const char *s,
                      lxw_format *date, lxw_format *text)
{
	struct date d;
	if (!*s)
		return 0;
	if (date_parse(s, strlen(s), &d) != DATE_OK)
		return xl.worksheet_write_string(ws, (lxw_row_t)row,
		                                 (lxw_col_t)col, s, text);
	lxw_datetime dt = {d.year, d.month, d.day, 0, 0, 0};
	return xl.worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col,
	                                   &dt, date);
}

static void write_reference(lxw_workbook *wb, const struct value *plan,
                            lxw_format *head, lxw_format *wrap)
{
	lxw_worksheet *ws = xl.workbook_add_worksheet(wb, "Priorities");
	static const char *const heads[] = {"Priority", "Title", "Owner",
	                                    "Answers"};
	for (int c = 0; c < 4; c++)
		xl.worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], head);
	xl.worksheet_set_column(ws, 0, 0, 12, NULL);
	xl.worksheet_set_column(ws, 1, 1, 60, wrap);
	xl.worksheet_set_column(ws, 2, 2, 30, NULL);
	xl.worksheet_set_column(ws, 3, 3, 16, NULL);
	xl.worksheet_freeze_panes(ws, 1, 0);
	const struct value *ps =
	        value_map_get(value_map_get(plan, "action_plan"), "priorities");
	int row = 1;
	for (size_t i = 0; ps && ps->kind == VALUE_LIST && i < ps->as.list.len;
	     i++) {
		const struct value *p = ps->as.list.items[i];
		static const char *const keys[] = {"id", "title", "owner"};
		for (int c = 0; c < 3; c++) {
			const struct value *v = value_map_get(p, keys[c]);
			if (v && value_is_scalar(v) && v->text)
				xl.worksheet_write_string(ws, (lxw_row_t)row,
				                          (lxw_col_t)c, v->text,
				                          NULL);
		}
		const struct value *ans = value_map_get(p, "answers");
		struct buf b = BUF_INIT;
		for (size_t k = 0;
		     ans && ans->kind == VALUE_LIST && k < ans->as.list.len;
		     k++)
			if (ans->as.list.items[k]->text)
				buf_printf(&b, "%s%s", b.len ? ", " : "",
				           ans->as.list.items[k]->text);
		if (b.len)
			xl.worksheet_write_string(ws, (lxw_row_t)row, 3,
			                          buf_cstr(&b), NULL);
		buf_free(&b);
		row++;
	}
	const struct value *recs = value_map_get(
	        value_map_get(plan, "inspection"), "recommendations");
	if (!recs || recs->kind != VALUE_LIST || recs->as.list.len == 0)
		return;
	row++;
	static const char *const rheads[] = {"Recommendation", "Text", "Theme"};
	for (int c = 0; c < 3; c++)
		xl.worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)c,
		                          rheads[c], head);
	row++;
	for (size_t i = 0; i < recs->as.list.len; i++) {
		const struct value *r = recs->as.list.items[i];
		static const char *const keys[] = {"id", "text", "theme"};
		for (int c = 0; c < 3; c++) {
			const struct value *v = value_map_get(r, keys[c]);
			if (v && value_is_scalar(v) && v->text)
				xl.worksheet_write_string(ws, (lxw_row_t)row,
				                          (lxw_col_t)c, v->text,
				                          NULL);
		}
		row++;
	}
}

static int build_workbook(lxw_workbook *wb, const struct value *plan,
                          const struct sheet_words *w)
{
	struct arena a = ARENA_INIT;
	size_t n;
	struct sheet_action *acts = sheet_plan_actions(&a, plan, &n);
	lxw_worksheet *ws = xl.workbook_add_worksheet(wb, "Actions");
	lxw_format *head = xl.workbook_add_format(wb);
	xl.format_set_bold(head);
	xl.format_set_bg_color(head, 0xF3F2F1);
	xl.format_set_bottom(head, LXW_BORDER_THIN);
	xl.format_set_text_wrap(head);
	xl.format_set_align(head, LXW_ALIGN_VERTICAL_TOP);
	lxw_format *date = xl.workbook_add_format(wb);
	xl.format_set_num_format(date, "dd/mm/yyyy");
	xl.format_set_align(date, LXW_ALIGN_VERTICAL_TOP);
	lxw_format *wrap = xl.workbook_add_format(wb);
	xl.format_set_text_wrap(wrap);
	xl.format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	lxw_format *plain = xl.workbook_add_format(wb);
	xl.format_set_align(plain, LXW_ALIGN_VERTICAL_TOP);
	lxw_format *text = xl.workbook_add_format(wb);
	xl.format_set_num_format(text, "@");
	xl.format_set_align(text, LXW_ALIGN_VERTICAL_TOP);

	double widths[SHEET_COLUMNS];
	for (int c = 0; c < SHEET_COLUMNS; c++) {
		widths[c] = width_of(sheet_column_header(c), false);
		xl.worksheet_write_string(ws, 0, (lxw_col_t)c,
		                          sheet_column_header(c), head);
	}
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		int row = (int)i + 1;
		for (int c = 0; c < SHEET_COLUMNS; c++) {
			const char *s = field(&acts[i], w, c);
			bool wrapped =
			        c == SHEET_COL_ACTION || c == SHEET_COL_NOTE;
			double wd = width_of(s, wrapped);
			if (wd > widths[c])
				widths[c] = wd;
			if (c == SHEET_COL_DUE || c == SHEET_COL_DONE_ON) {
				widths[c] = widths[c] < 12 ? 12 : widths[c];
				rc |= write_date(ws, row, c, s, date, text);
			} else if (*s) {
				rc |= xl.worksheet_write_string(
				        ws, (lxw_row_t)row, (lxw_col_t)c, s,
				        wrapped ? wrap : plain);
			}
		}
	}
	for (int c = 0; c < SHEET_COLUMNS; c++)
		xl.worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		                        widths[c], NULL);
	xl.worksheet_freeze_panes(ws, 1, 0);
	xl.worksheet_autofilter(ws, 0, 0, (lxw_row_t)(n ? n : 1),
	                        SHEET_COLUMNS - 1);
	/* The drop-down and the colours cover rows added below the plan's. */
	lxw_row_t last = (lxw_row_t)(n + 500);
	char *choices[VOCABULARY_STATUSES + 1];
	for (int i = 0; i < VOCABULARY_STATUSES; i++)
		choices[i] = (char *)w->word[i];
	choices[VOCABULARY_STATUSES] = NULL;
	static char title[] = "Status";
	static char message[] = "Choose a status from the list.";
	lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
	                          .value_list = choices,
	                          .ignore_blank = LXW_VALIDATION_ON,
	                          .error_type =
	                                  LXW_VALIDATION_ERROR_TYPE_WARNING,
	                          .error_title = title,
	                          .error_message = message};
	xl.worksheet_data_validation_range(ws, 1, SHEET_COL_STATUS, last,
	                                   SHEET_COL_STATUS, &dv);
	for (int i = 0; i < VOCABULARY_STATUSES; i++) {
		lxw_format *f = xl.workbook_add_format(wb);
		xl.format_set_bg_color(f, color_of(w->background[i], 0xFFFFFF));
		xl.format_set_font_color(f, color_of(w->text[i], 0x000000));
		struct buf q = BUF_INIT;
		buf_putc(&q, '"');
		for (const char *p = w->word[i]; *p; p++) {
			if (*p == '"')
				buf_putc(&q, '"');
			buf_putc(&q, *p);
		}
		buf_putc(&q, '"');
		lxw_conditional_format cf = {
		        .type = LXW_CONDITIONAL_TYPE_CELL,
		        .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
		        .value_string = (char *)buf_cstr(&q),
		        .format = f};
		xl.worksheet_conditional_format_range(
		        ws, 1, SHEET_COL_STATUS, last, SHEET_COL_STATUS, &cf);
		buf_free(&q);
	}
	write_reference(wb, plan, head, wrap);
	arena_free(&a);
	return rc;
}

int sheet_export_xlsx(const struct value *plan, const struct sheet_words *w,
                      const char *name, struct buf *out, struct diags *d)
{
	struct pos at = {name, 0, 0};
	if (!xlsx_open(at, d))
		return -1;
	const char *tmp = getenv("TMPDIR");
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/clerk-export-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char *p = (char *)buf_cstr(&path);
	int fd = mkstemp(p);
	if (fd < 0) {
		diag_error(d, at, "cannot make a temporary file in %s",
		           tmp && *tmp ? tmp : "/tmp");
		buf_free(&path);
		return -1;
	}
	close(fd);
	lxw_workbook_options opt = {.tmpdir = tmp && *tmp ? (char *)tmp : NULL};
	lxw_workbook *wb = xl.workbook_new_opt(p, &opt);
	int rc = -1;
	if (wb) {
		int built = build_workbook(wb, plan, w);
		lxw_error e = xl.workbook_close(wb);
		if (built != 0)
			diag_error(d, at,
			           "cannot write the workbook: a text is "
			           "longer than a cell holds");
		else if (e != LXW_NO_ERROR)
			diag_error(d, at, "cannot write the workbook: %s",
			           xl.lxw_strerror(e));
		else
			rc = 0;
	} else {
		diag_error(d, at, "cannot write the workbook");
	}
	if (rc == 0) {
		char *data = NULL;
		size_t len = 0;
		rc = fs_read(p, LIMIT_SHEET_FILE_BYTES * 4, &data, &len, d);
		if (rc == 0)
			buf_put(out, data, len);
		free(data);
	}
	unlink(p);
	buf_free(&path);
	return rc;
}
