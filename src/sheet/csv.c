/* csv: a CSV file read into a table with libcsv.
 *
 * What Excel writes is taken as it writes it: UTF-8 with or without a
 * byte-order mark (which libcsv would keep as part of the first field),
 * a first line `sep=;` naming the separator, and `;` instead of `,` where
 * the locale's decimal mark is a comma (when no `sep=` line says, the
 * first line decides: more semicolons than commas outside quotes means
 * `;`). Quoted fields may hold separators, quotes ("") and line breaks;
 * spaces around fields are kept. libcsv is strict here: a quote inside an
 * unquoted field, or a quoted field never closed, is an error at the
 * cell where it happens, and rows are numbered as a spreadsheet numbers
 * them, one per record, blank lines included. */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "sheet/internal.h"

struct csv_state {
	struct sheet_builder *b;
	unsigned row; /* the record being read, 1-based */
	unsigned col;
	int last_term; /* the last row end's character, -1 at the start */
	bool row_started;
	bool failed;
};

static int keep_spaces(unsigned char c)
{
	(void)c;
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct csv_state *st = data;
	if (st->failed)
		return;
	if (!st->row_started) {
		if (sheet_builder_row(st->b, st->row, false) != 0) {
			st->failed = true;
			return;
		}
		st->row_started = true;
	}
	const char *text = s ? s : "";
	if (utf8_validate(text, len) != len) {
		diag_error(st->b->d,
		           sheet_pos(st->b->a, st->b->t, st->row, (int)st->col),
		           "the text is not UTF-8: save the file from Excel as "
		           "\"CSV UTF-8 (Comma delimited)\"");
		st->failed = true;
		st->b->failed = true;
		return;
	}
	if (sheet_builder_cell(st->b, st->col, SHEET_TEXT, text, len, 0) != 0)
		st->failed = true;
	st->col++;
}

static void on_row(int term, void *data)
{
	struct csv_state *st = data;
	/* With CSV_REPALL_NL the LF of a CRLF ends an empty row of its own:
	 * it is the same line end. */
	if (term == '\n' && st->last_term == '\r' && !st->row_started &&
	    st->col == 0) {
		st->last_term = -1;
		return;
	}
	st->last_term = term;
	st->row++;
	st->col = 0;
	st->row_started = false;
}

/* The separator the first line uses, outside quotes. */
static char guess_delimiter(const char *s, size_t n)
{
	size_t commas = 0, semis = 0;
	bool quoted = false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
			break;
		else if (!quoted && s[i] == ',')
			commas++;
		else if (!quoted && s[i] == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

int sheet_read_csv(struct arena *a, const char *file, const char *data,
                   size_t len, struct sheet_table *out, struct diags *d)
{
	struct sheet_builder b;
	sheet_builder_init(&b, a, out, file, d);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	char delim = 0;
	unsigned first_row = 1;
	if (len >= 5 && memcmp(data, "sep=", 4) == 0 && data[4] != '\r' &&
	    data[4] != '\n') {
		delim = data[4];
		size_t i = 5;
		while (i < len && data[i] != '\n')
			i++;
		data += i < len ? i + 1 : len;
		len -= i < len ? i + 1 : len;
		first_row = 2;
	}
	if (!delim)
		delim = guess_delimiter(data, len);
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	                         CSV_REPALL_NL) != 0) {
		sheet_builder_finish(&b);
		return -1;
	}
	csv_set_delim(&p, (unsigned char)delim);
	csv_set_space_func(&p, keep_spaces);
	struct csv_state st = {&b, first_row, 0, -1, false, false};
	size_t done = csv_parse(&p, data, len, on_field, on_row, &st);
	int err = csv_error(&p);
	if (done == len && !st.failed) {
		/* Only a whole parse is finished: after an error, csv_fini
		 * would hand over the broken row. */
		if (csv_fini(&p, on_field, on_row, &st) != 0)
			err = csv_error(&p);
		else
			err = CSV_SUCCESS;
	}
	if (err != CSV_SUCCESS && !st.failed && !b.failed) {
		diag_error(d, sheet_pos(a, out, st.row, (int)st.col),
		           "not CSV as a spreadsheet writes it: %s (a quote "
		           "inside a field that does not start with one, or a "
		           "quoted field that is never closed)",
		           err == CSV_EPARSE ? "a misplaced quote"
		                             : csv_strerror(err));
		b.failed = true;
	}
	csv_free(&p);
	if (st.failed)
		b.failed = true;
	return sheet_builder_finish(&b);
}
