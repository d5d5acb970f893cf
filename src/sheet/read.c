/* read: the table builder the readers share, cell names and spreadsheet
 * dates, and sheet_read, which tells the formats apart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/fs.h"
#include "base/limits.h"
#include "base/xalloc.h"
#include "sheet/internal.h"

void sheet_cell_name(char out[24], unsigned row, unsigned col)
{
	char letters[8];
	int n = 0;
	unsigned c = col + 1;
	while (c > 0 && n < 7) {
		letters[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	int k = 0;
	while (n > 0)
		out[k++] = letters[--n];
	snprintf(out + k, 24 - (size_t)k, "%u", row);
}

struct pos sheet_pos(struct arena *a, const struct sheet_table *t, unsigned row,
                     int col)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, t->file);
	buf_putc(&b, ':');
	if (t->sheet)
		buf_puts(&b, t->sheet);
	if (col >= 0) {
		char name[24];
		sheet_cell_name(name, row, (unsigned)col);
		if (t->sheet)
			buf_putc(&b, '!');
		buf_puts(&b, name);
	} else if (!t->sheet) {
		b.len--; /* no sheet to name: the file alone */
	}
	struct pos p = {arena_strndup(a, b.data, b.len), 0, 0};
	buf_free(&b);
	return p;
}

void sheet_builder_init(struct sheet_builder *b, struct arena *a,
                        struct sheet_table *t, const char *file,
                        struct diags *d)
{
	memset(b, 0, sizeof *b);
	memset(t, 0, sizeof *t);
	b->a = a;
	b->t = t;
	b->d = d;
	t->file = arena_strdup(a, file);
}

static void end_row(struct sheet_builder *b)
{
	if (b->row == 0 || b->ncells == 0)
		return;
	b->rows = xgrow(b->rows, &b->caprows, b->nrows + 1, sizeof *b->rows);
	struct sheet_row *r = &b->rows[b->nrows++];
	r->row = b->row;
	r->hidden = b->hidden;
	r->ncells = b->ncells;
	r->cells = arena_alloc(b->a, b->ncells * sizeof *r->cells);
	if (b->ncells)
		memcpy(r->cells, b->cells, b->ncells * sizeof *r->cells);
	b->ncells = 0;
}

static int fail(struct sheet_builder *b, unsigned row, int col,
                const char *what)
{
	if (!b->failed)
		diag_error(b->d, sheet_pos(b->a, b->t, row, col), "%s", what);
	b->failed = true;
	return -1;
}

int sheet_builder_row(struct sheet_builder *b, unsigned row, bool hidden)
{
	if (b->failed)
		return -1;
	if (row <= b->row)
		return fail(b, row, -1,
		            "the rows are out of order: the file is damaged");
	if (row > LIMIT_SHEET_ROWS)
		return fail(b, row, -1,
		            "a tracker of more than 100000 rows is beyond "
		            "what clerk reads (LIMIT_SHEET_ROWS)");
	end_row(b);
	b->row = row;
	b->hidden = hidden;
	return 0;
}

int sheet_builder_cell(struct sheet_builder *b, unsigned col,
                       enum sheet_kind kind, const char *text, size_t len,
                       double number)
{
	if (b->failed)
		return -1;
	if (kind == SHEET_EMPTY || (kind == SHEET_TEXT && len == 0))
		return 0;
	if (b->row == 0)
		return fail(b, 1, -1,
		            "a cell outside any row: the file is "
		            "damaged");
	if (col >= LIMIT_SHEET_COLUMNS)
		return fail(b, b->row, -1,
		            "a cell beyond column 1024 is beyond what clerk "
		            "reads (LIMIT_SHEET_COLUMNS)");
	if (len > LIMIT_SHEET_CELL_BYTES)
		return fail(
		        b, b->row, (int)col,
		        "a cell of more than 32767 characters is beyond "
		        "what a spreadsheet holds (LIMIT_SHEET_CELL_BYTES)");
	if (++b->total > LIMIT_SHEET_CELLS)
		return fail(
		        b, b->row, (int)col,
		        "more than 1000000 cells is beyond what clerk reads "
		        "(LIMIT_SHEET_CELLS)");
	if (col < b->ncells && b->cells[col].kind != SHEET_EMPTY)
		return fail(b, b->row, (int)col,
		            "the cell is given twice: the file is damaged");
	if (col >= b->ncells) {
		b->cells = xgrow(b->cells, &b->capcells, col + 1,
		                 sizeof *b->cells);
		for (size_t i = b->ncells; i <= col; i++)
			b->cells[i] =
			        (struct sheet_cell){SHEET_EMPTY, "", 0, 0};
		b->ncells = col + 1;
	}
	b->cells[col] = (struct sheet_cell){
	        kind, arena_strndup(b->a, text, len), len, number};
	return 0;
}

int sheet_builder_merge(struct sheet_builder *b, struct sheet_merge m)
{
	if (b->failed)
		return -1;
	if (b->nmerges >= LIMIT_SHEET_ROWS)
		return fail(b, m.row1, -1,
		            "more merged ranges than clerk reads "
		            "(LIMIT_SHEET_ROWS)");
	b->merges = xgrow(b->merges, &b->capmerges, b->nmerges + 1,
	                  sizeof *b->merges);
	b->merges[b->nmerges++] = m;
	return 0;
}

int sheet_builder_finish(struct sheet_builder *b)
{
	if (!b->failed)
		end_row(b);
	struct sheet_table *t = b->t;
	if (!b->failed) {
		t->nrows = b->nrows;
		t->rows = arena_alloc(b->a, (b->nrows + 1) * sizeof *t->rows);
		if (b->nrows)
			memcpy(t->rows, b->rows, b->nrows * sizeof *t->rows);
		t->nmerges = b->nmerges;
		t->merges =
		        arena_alloc(b->a, (b->nmerges + 1) * sizeof *t->merges);
		if (b->nmerges)
			memcpy(t->merges, b->merges,
			       b->nmerges * sizeof *t->merges);
	} else {
		t->rows = NULL;
		t->nrows = 0;
		t->merges = NULL;
		t->nmerges = 0;
	}
	free(b->rows);
	free(b->cells);
	free(b->merges);
	b->rows = NULL;
	b->cells = NULL;
	b->merges = NULL;
	return b->failed ? -1 : 0;
}

int sheet_parse_ref(const char *ref, unsigned *row, int *col)
{
	const char *s = ref;
	long c = 0, r = 0;
	int letters = 0, digits = 0;
	if (*s == '$')
		s++;
	while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) {
		c = c * 26 + ((*s | 0x20) - 'a' + 1);
		if (++letters > 3)
			return -1;
		s++;
	}
	if (*s == '$')
		s++;
	while (*s >= '0' && *s <= '9') {
		r = r * 10 + (*s - '0');
		if (++digits > 7)
			return -1;
		s++;
	}
	if (*s || (!letters && !digits) || (digits && r == 0))
		return -1;
	*row = (unsigned)r;
	*col = letters ? (int)(c - 1) : -1;
	return 0;
}

int sheet_serial_date(double serial, bool date1904, char out[11])
{
	if (!(serial >= 0 && serial < 200000))
		return -2;
	long days = (long)serial;
	long base; /* days since 1970-01-01 of serial 0 */
	if (date1904) {
		base = date_to_days((struct date){1904, 1, 1});
	} else if (days == 60) {
		return -1;
	} else if (days < 60) {
		base = date_to_days((struct date){1899, 12, 31});
	} else {
		base = date_to_days((struct date){1899, 12, 30});
	}
	struct date d = date_from_days(base + days);
	if (d.year < DATE_FIRST_YEAR || d.year > DATE_LAST_YEAR)
		return -2;
	snprintf(out, 11, "%04d-%02d-%02d", d.year, d.month, d.day);
	return 0;
}

void sheet_number_text(double n, char out[32])
{
	snprintf(out, 32, "%.15g", n);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcasecmp(s + n - k, tail) == 0;
}

int sheet_read(struct arena *a, const char *path, struct sheet_table *out,
               struct diags *d)
{
	char *data = NULL;
	size_t len = 0;
	memset(out, 0, sizeof *out);
	if (fs_read(path, LIMIT_SHEET_FILE_BYTES, &data, &len, d) != 0)
		return -1;
	int rc;
	struct pos at = {path, 0, 0};
	if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
		/* A zip: the parts say which. */
		struct sheet_zip *z = sheet_zip_open(path, data, len, d);
		bool ods = z && sheet_zip_has(z, "content.xml");
		bool xlsx = z && sheet_zip_has(z, "xl/workbook.xml");
		sheet_zip_close(z);
		if (!z)
			rc = -1;
		else if (xlsx)
			rc = sheet_read_xlsx(a, path, data, len, out, d);
		else if (ods)
			rc = sheet_read_ods(a, path, data, len, out, d);
		else {
			diag_error(d, at,
			           "not a spreadsheet: a zip archive with "
			           "neither an Excel workbook "
			           "(xl/workbook.xml) nor an OpenDocument "
			           "spreadsheet (content.xml)");
			rc = -1;
		}
	} else if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0) {
		diag_error(d, at,
		           "an Excel 97-2003 workbook (.xls), which clerk "
		           "does not read: save it as .xlsx or .csv");
		rc = -1;
	} else if (ends_with(path, ".csv")) {
		rc = sheet_read_csv(a, path, data, len, out, d);
	} else {
		diag_error(d, at,
		           "not a spreadsheet: expected an .xlsx or .ods "
		           "workbook, or a .csv file");
		rc = -1;
	}
	free(data);
	return rc;
}
