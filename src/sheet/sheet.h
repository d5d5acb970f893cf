/* sheet: the action plan in and out of spreadsheets (.xlsx, .ods, .csv).
 *
 * Councils keep their improvement plans as trackers: one row per action
 * with its reference, text, lead officer, due date, RAG status and latest
 * update. This module reads such a tracker into a plain table of cells
 * (sheet_read: .xlsx and .ods through libzip and libxml2's xmlReader,
 * .csv through libcsv), turns a table and the plan as it stands into the
 * next quarter's YAML file (sheet_import), and writes the plan as a
 * tracker (sheet_export_xlsx with libxlsxwriter, sheet_export_csv).
 *
 * The readers know nothing of plans: a table is rows of cells, each cell
 * its text (numbers as %.15g would print them, dates as YYYY-MM-DD) and
 * kind, with the sheet's merged ranges and hidden rows. The import knows
 * nothing of file formats. A problem with a cell is reported in the
 * spreadsheet's own terms, `tracker.xlsx:Actions!F12: error: ...` (file,
 * sheet, cell; a CSV file has no sheet: `tracker.csv:F12`).
 *
 * Every reader is safe on hostile input: the archive's parts are read to
 * a limit each and in all (a zip bomb fails at the limit, whatever its
 * headers claim), XML is parsed with no network, no DTD and no entity
 * substitution (a document type declaration is refused), and rows,
 * columns, cells and text have limits (src/base/limits.h), each with its
 * own error. The module uses value, vocabulary and base; the command
 * line calls it. libzip, libcsv and libxlsxwriter are included here only;
 * libxml2 is shared with the PDF path's HTML parser (layout/). */
#ifndef CLERK_SHEET_SHEET_H
#define CLERK_SHEET_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "value/value.h"
#include "vocabulary/vocabulary.h"

enum sheet_kind {
	SHEET_EMPTY,
	SHEET_TEXT,
	SHEET_NUMBER,
	SHEET_DATE, /* a number in a date format, or an ODS date */
	SHEET_BOOL,
};

struct sheet_cell {
	enum sheet_kind kind;
	const char *text; /* never NULL; "" when empty; NUL-terminated */
	size_t len;
	double number; /* SHEET_NUMBER, SHEET_BOOL (0 or 1) */
};

struct sheet_row {
	unsigned row;             /* 1-based, as the spreadsheet numbers it */
	bool hidden;              /* hidden or filtered out of view */
	struct sheet_cell *cells; /* cells[0] is column A */
	size_t ncells;
};

/* A merged range, rows 1-based, columns 0-based, both ends included. */
struct sheet_merge {
	unsigned row1, col1, row2, col2;
};

/* One sheet, every part in the arena it was read into. */
struct sheet_table {
	const char *file;       /* as given */
	const char *sheet;      /* the sheet's name; NULL for CSV */
	struct sheet_row *rows; /* rows with a cell, in order */
	size_t nrows;
	struct sheet_merge *merges;
	size_t nmerges;
};

/* Reads the tracker at `path`: .xlsx or .ods (known by their contents,
 * whatever the name) or .csv (by its name). The sheet read is the one
 * called "Actions" (in any case), else the first. Returns 0 with the
 * table in `out` (allocated in `a`), or -1 with one error in `d`: not a
 * regular file, too large, not a spreadsheet, damaged. */
int sheet_read(struct arena *a, const char *path, struct sheet_table *out,
               struct diags *d);
/* The readers of sheet_read, on `len` bytes in memory named `file`. */
int sheet_read_csv(struct arena *a, const char *file, const char *data,
                   size_t len, struct sheet_table *out, struct diags *d);
int sheet_read_xlsx(struct arena *a, const char *file, const char *data,
                    size_t len, struct sheet_table *out, struct diags *d);
int sheet_read_ods(struct arena *a, const char *file, const char *data,
                   size_t len, struct sheet_table *out, struct diags *d);

/* "F12" for row 12 (1-based), column 5 (0-based) into `out`. */
void sheet_cell_name(char out[24], unsigned row, unsigned col);
/* The position of a cell for diagnostics: file `file:Sheet!F12` (or
 * `file:F12`), line and column 0. A column of -1 names the sheet only
 * (`file:Sheet`). The name lives in `a`. */
struct pos sheet_pos(struct arena *a, const struct sheet_table *t, unsigned row,
                     int col);

/* Columns of a tracker, in the order export writes them. */
enum sheet_column {
	SHEET_COL_PRIORITY,
	SHEET_COL_ID,
	SHEET_COL_ACTION,
	SHEET_COL_OWNER,
	SHEET_COL_DUE,
	SHEET_COL_STATUS,
	SHEET_COL_DONE_ON,
	SHEET_COL_NOTE,
	SHEET_COL_ANSWERS,
	SHEET_COL_ADDED,
	SHEET_COLUMNS
};
/* The header export writes for column `c` ("Latest note"). Static. */
const char *sheet_column_header(enum sheet_column c);
/* The column a header names, by its synonyms (Ref and ID, RAG and Status,
 * Lead and Owner, Update and Note, Target date and Due...), or -1. */
int sheet_column_of(const char *header, size_t len);

/* One action as it stands at the plan's newest quarter. */
struct sheet_action {
	const char *priority, *id, *text, *owner, *due, *status, *done_on;
	const char *note;    /* the newest note, "" when none */
	const char *answers; /* "R1, R3" */
	const char *added;   /* the quarter it joined, "" when in the plan */
};
/* Every action of `plan` (a loaded, extended report) in plan order, with
 * each quarter's updates applied in quarter order. The array and its
 * strings live in `a`. */
struct sheet_action *sheet_plan_actions(struct arena *a,
                                        const struct value *plan, size_t *n);

/* The words a council writes for each status, in vocabulary order: what
 * export writes and its drop-down lists, and what errors list. */
struct sheet_words {
	const char *word[VOCABULARY_STATUSES];
	/* The badge colours of each status, "#rrggbb". */
	const char *background[VOCABULARY_STATUSES];
	const char *text[VOCABULARY_STATUSES];
	/* Every word that names a status (the theme's status_words). */
	const struct vocabulary_words *all;
};

struct sheet_import_options {
	const struct sheet_table *table;
	const struct value *plan; /* the file imported into, extended */
	const char *into;         /* its path, as given */
	const char *out;          /* the file to write, for its `extends:` */
	const char *quarter;      /* "2020-21 Q2" */
	const char *as_of;        /* YYYY-MM-DD */
	const char *meeting;      /* YYYY-MM-DD or NULL */
	const struct sheet_words *words;
};
/* Writes to `out` the next quarter's YAML file: `extends:` the plan, the
 * quarter with its `as_of` and an update for each action whose status,
 * due date, done date or note the tracker changed, and each row with a
 * new id as an action `added:` this quarter under its priority. Every
 * problem is reported; returns 0, or -1 when any error was found (then
 * `out` must not be written anywhere). A plan action with no row is a
 * warning (import never deletes an action). */
int sheet_import(struct arena *a, const struct sheet_import_options *o,
                 struct buf *out, struct diags *d);

/* The plan as a tracker, in `out`: the .xlsx workbook (a sheet Actions
 * with a frozen header, an autofilter, fitted widths, real dates, a
 * drop-down of the status words and their colours, and a sheet
 * Priorities with the priorities and the inspection's recommendations),
 * or the CSV (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting).
 * `name` names the file in diagnostics. Return 0 or -1 with an error. */
int sheet_export_xlsx(const struct value *plan, const struct sheet_words *w,
                      const char *name, struct buf *out, struct diags *d);
int sheet_export_csv(const struct value *plan, const struct sheet_words *w,
                     struct buf *out);

#endif
