/* sheet/internal.h: what the readers share: the table builder, the zip
 * parts, the XML reader's setup and spreadsheet dates. */
#ifndef CLERK_SHEET_INTERNAL_H
#define CLERK_SHEET_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "sheet/sheet.h"

/* Builds a table row by row; rows must come in increasing order. Cells
 * and rows are kept in growing arrays and copied into the arena at the
 * end. */
struct sheet_builder {
	struct arena *a;
	struct sheet_table *t;
	struct diags *d;
	struct sheet_row *rows;
	size_t nrows, caprows;
	struct sheet_cell *cells; /* the current row's */
	size_t ncells, capcells;
	unsigned row; /* the current row, 0: none */
	bool hidden;
	size_t total; /* cells with content so far */
	struct sheet_merge *merges;
	size_t nmerges, capmerges;
	bool failed;
};

void sheet_builder_init(struct sheet_builder *b, struct arena *a,
                        struct sheet_table *t, const char *file,
                        struct diags *d);
/* Starts row `row` (1-based), hidden or not; a row with no cell is not
 * kept. Returns 0, or -1 (with an error) when the row comes before the
 * last one or passes LIMIT_SHEET_ROWS. */
int sheet_builder_row(struct sheet_builder *b, unsigned row, bool hidden);
/* Adds a cell of the current row at column `col` (0-based). An empty
 * cell is skipped. Returns 0, or -1 with an error at a limit. */
int sheet_builder_cell(struct sheet_builder *b, unsigned col,
                       enum sheet_kind kind, const char *text, size_t len,
                       double number);
int sheet_builder_merge(struct sheet_builder *b, struct sheet_merge m);
/* Ends the table: 0, or -1 when an error was reported (the table is then
 * empty). Frees the builder's arrays either way. */
int sheet_builder_finish(struct sheet_builder *b);

/* "F12" or "F" or "12" as read from a cell reference into a row (1-based,
 * 0 when absent) and a column (0-based, -1 when absent). Returns 0, or -1
 * when `ref` is not a reference. */
int sheet_parse_ref(const char *ref, unsigned *row, int *col);

/* The date of spreadsheet serial `serial` (days, the fraction ignored)
 * in the 1900 system (1 is 1900-01-01, 60 the 29 February 1900 that
 * Excel counts though it never was) or the 1904 one (0 is 1904-01-01),
 * as YYYY-MM-DD in `out`. Returns 0, -1 for serial 60 of the 1900
 * system, -2 outside the years clerk takes. */
int sheet_serial_date(double serial, bool date1904, char out[11]);

/* Numbers as the cells' text: %.15g, so 1.1 stays "1.1". */
void sheet_number_text(double n, char out[32]);

/* Opens the spreadsheet library `soname` (lib.c), which Debian's
 * `package` has, checking that it has every one of the NULL-ended
 * `names`: its handle, for dlsym, which the caller keeps for the process;
 * NULL with an error at `at` when it cannot be opened. */
void *sheet_lib_open(const char *soname, const char *package,
                     const char *const names[], struct pos at, struct diags *d);

/* An open .xlsx or .ods archive. */
struct sheet_zip;
/* Opens the zip archive of `len` bytes; NULL (with an error naming
 * `file`) when it is not one. */
struct sheet_zip *sheet_zip_open(const char *file, const char *data, size_t len,
                                 struct diags *d);
/* True when the archive has a part named `name`. */
bool sheet_zip_has(struct sheet_zip *z, const char *name);
/* Reads the part `name` into `out` (emptied first), within
 * LIMIT_SHEET_PART_BYTES and what is left of LIMIT_SHEET_UNZIPPED_BYTES.
 * Returns 0, 1 when there is no such part (nothing reported), or -1 with
 * an error. */
int sheet_zip_read(struct sheet_zip *z, const char *name, struct buf *out);
void sheet_zip_close(struct sheet_zip *z);

/* An XML part read with libxml2's reader: no network, no DTD, no
 * entities; the first problem is kept as the error. The reader is
 * `void *` here so that only the readers' files include libxml2. */
struct sheet_xml {
	void *reader;
	const char *file; /* "tracker.xlsx" */
	const char *part; /* "xl/worksheets/sheet1.xml" */
	struct diags *d;
	bool failed;
	bool held; /* sheet_xml_skip moved to a node not yet returned */
};
int sheet_xml_open(struct sheet_xml *x, const char *file, const char *part,
                   const struct buf *text, struct diags *d);
/* The next node: 1, 0 at the end, -1 on an error (reported). A document
 * type declaration is an error. */
int sheet_xml_next(struct sheet_xml *x);
/* Skips the current element with all it holds; the next
 * sheet_xml_next returns the node after it. */
void sheet_xml_skip(struct sheet_xml *x);
void sheet_xml_close(struct sheet_xml *x);

#endif
