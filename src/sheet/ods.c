/* ods: an OpenDocument spreadsheet (LibreOffice Calc's .ods) read into a
 * table.
 *
 * content.xml holds every sheet (table:table) as rows of cells. A row or
 * a cell may stand for many (number-rows-repeated, number-columns-
 * repeated): LibreOffice writes the empty rest of a sheet as one row
 * repeated a million times, so repeats are counted, not made, and only
 * a repeated row that holds text is copied, within the limits. A cell's
 * value is in its attributes (office:value-type, office:value,
 * office:date-value, office:boolean-value) and its text in text:p
 * paragraphs (joined by line breaks) with text:s spaces, text:tab and
 * text:line-break; comments (office:annotation) are not the cell's text.
 * Merged cells are number-columns-spanned and number-rows-spanned. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "base/limits.h"
#include "base/xalloc.h"
#include "sheet/internal.h"

static const char table_ns[] =
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
static const char office_ns[] =
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
static const char text_ns[] = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

static char *attr_ns(struct sheet_xml *x, const char *name, const char *ns)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(x->reader, BAD_CAST name,
	                                         BAD_CAST ns);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static long count_attr(struct sheet_xml *x, const char *name)
{
	char *v = attr_ns(x, name, table_ns);
	long n = 1;
	if (v) {
		char *end;
		n = strtol(v, &end, 10);
		if (*end || n < 1)
			n = 1;
		if (n > 100000000L)
			n = 100000000L;
	}
	free(v);
	return n;
}

/* Is the node `ns`:`name`? */
static bool is(struct sheet_xml *x, const char *ns, const char *name)
{
	const xmlChar *n = xmlTextReaderConstLocalName(x->reader);
	const xmlChar *u = xmlTextReaderConstNamespaceUri(x->reader);
	return n && u && strcmp((const char *)n, name) == 0 &&
	       strcmp((const char *)u, ns) == 0;
}

/* One cell being read. */
struct ods_cell {
	char *type;  /* office:value-type */
	char *value; /* office:value, date-value or boolean-value */
	long repeat, cols, rows;
	struct buf text;
	int paragraphs;
};

/* A row being read: its cells, kept until its repeat count is known at
 * its end, then given to the builder once or several times. */
struct ods_pending {
	unsigned col;
	enum sheet_kind kind;
	char *text;
	size_t len;
	double number;
};

struct ods {
	struct arena *a;
	const char *file;
	struct diags *d;
	struct sheet_builder b;
	struct sheet_table *out;
	unsigned row; /* rows before the current one */
	unsigned col; /* columns before the current cell */
	long row_repeat;
	bool row_hidden;
	struct ods_pending *cells;
	size_t ncells, capcells;
};

static void clear_pending(struct ods *o)
{
	for (size_t i = 0; i < o->ncells; i++)
		free(o->cells[i].text);
	o->ncells = 0;
}

/* Ends the cell `c`: its value kept for the row, its spans as merges. */
static int end_cell(struct ods *o, struct ods_cell *c)
{
	enum sheet_kind kind = SHEET_TEXT;
	const char *text = c->text.data ? c->text.data : "";
	size_t len = c->text.len;
	double number = 0;
	char date[11];
	const char *type = c->type ? c->type : "";
	if (c->value &&
	    (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
	     strcmp(type, "currency") == 0)) {
		number = strtod(c->value, NULL);
		if (len == 0) {
			text = c->value;
			len = strlen(text);
		}
		kind = SHEET_NUMBER;
		/* The number as the cells' text, as .xlsx cells are. */
		static char num[32];
		sheet_number_text(number, num);
		text = num;
		len = strlen(num);
	} else if (c->value && strcmp(type, "date") == 0) {
		size_t n = strlen(c->value);
		if (n >= 10) {
			memcpy(date, c->value, 10);
			date[10] = '\0';
			text = date;
			len = 10;
			kind = SHEET_DATE;
		}
	} else if (c->value && strcmp(type, "boolean") == 0) {
		bool yes = strcmp(c->value, "true") == 0;
		kind = SHEET_BOOL;
		number = yes;
		text = yes ? "TRUE" : "FALSE";
		len = strlen(text);
	}
	if (len > 0) {
		if (o->col + (unsigned long)c->repeat > LIMIT_SHEET_COLUMNS)
			return sheet_builder_cell(&o->b, LIMIT_SHEET_COLUMNS,
			                          kind, text, len, number);
		for (long i = 0; i < c->repeat; i++) {
			o->cells = xgrow(o->cells, &o->capcells, o->ncells + 1,
			                 sizeof *o->cells);
			o->cells[o->ncells++] = (struct ods_pending){
			        o->col + (unsigned)i, kind, xstrndup(text, len),
			        len, number};
		}
	}
	if ((c->cols > 1 || c->rows > 1) && o->col < LIMIT_SHEET_COLUMNS) {
		struct sheet_merge m = {
		        o->row + 1, o->col,
		        o->row + (unsigned)(c->rows > LIMIT_SHEET_ROWS
		                                    ? LIMIT_SHEET_ROWS
		                                    : c->rows),
		        o->col +
		                (unsigned)(c->cols > LIMIT_SHEET_COLUMNS
		                                   ? LIMIT_SHEET_COLUMNS
		                                   : c->cols) -
		                1};
		if (sheet_builder_merge(&o->b, m) != 0)
			return -1;
	}
	o->col +=
	        (unsigned)(c->repeat > LIMIT_SHEET_COLUMNS ? LIMIT_SHEET_COLUMNS
	                                                   : c->repeat);
	return 0;
}

/* Ends a row: its cells, once for each time it is repeated. */
static int end_row(struct ods *o)
{
	long repeat = o->row_repeat;
	if (o->ncells == 0) {
		o->row += (unsigned)(repeat > LIMIT_SHEET_ROWS * 10
		                             ? LIMIT_SHEET_ROWS * 10
		                             : repeat);
		return 0;
	}
	for (long k = 0; k < repeat; k++) {
		if (sheet_builder_row(&o->b, o->row + 1, o->row_hidden) != 0)
			return -1;
		o->row++;
		for (size_t i = 0; i < o->ncells; i++) {
			struct ods_pending *p = &o->cells[i];
			if (sheet_builder_cell(&o->b, p->col, p->kind, p->text,
			                       p->len, p->number) != 0)
				return -1;
		}
	}
	clear_pending(o);
	return 0;
}

static void free_cell(struct ods_cell *c)
{
	free(c->type);
	free(c->value);
	buf_free(&c->text);
	memset(c, 0, sizeof *c);
}

int sheet_read_ods(struct arena *a, const char *file, const char *data,
                   size_t len, struct sheet_table *out, struct diags *d)
{
	memset(out, 0, sizeof *out);
	struct pos at = {file, 0, 0};
	struct sheet_zip *z = sheet_zip_open(file, data, len, d);
	if (!z)
		return -1;
	struct buf part = BUF_INIT;
	int rc = sheet_zip_read(z, "mimetype", &part);
	if (rc == 0 &&
	    (part.len < 46 ||
	     memcmp(part.data, "application/vnd.oasis.opendocument.spreadsheet",
	            46) != 0 ||
	     part.len != 46)) {
		diag_error(d, at,
		           "not a spreadsheet: an OpenDocument file "
		           "that is not a spreadsheet (%.*s)",
		           (int)(part.len > 80 ? 80 : part.len), part.data);
		rc = -1;
	}
	if (rc == 0 || rc == 1)
		rc = sheet_zip_read(z, "content.xml", &part);
	if (rc == 1) {
		diag_error(d, at, "not a spreadsheet: no content.xml");
		rc = -1;
	}
	struct sheet_xml x;
	if (rc == 0)
		rc = sheet_xml_open(&x, file, "content.xml", &part, d);
	if (rc != 0) {
		buf_free(&part);
		sheet_zip_close(z);
		return -1;
	}
	/* The sheet to read: the first called Actions, else the first. The
	 * whole part is read once per table until the chosen one is done;
	 * a second pass is needed only when Actions is not the first. */
	struct ods o = {.a = a, .file = file, .d = d, .out = out};
	char *first = NULL, *chosen = NULL;
	int tables = 0;
	while ((rc = sheet_xml_next(&x)) == 1) {
		if (xmlTextReaderNodeType(x.reader) ==
		            XML_READER_TYPE_ELEMENT &&
		    is(&x, table_ns, "table")) {
			char *name = attr_ns(&x, "name", table_ns);
			if (!name)
				name = xstrdup("Sheet1");
			tables++;
			if (!first)
				first = xstrdup(name);
			if (!chosen && strcasecmp(name, "Actions") == 0)
				chosen = xstrdup(name);
			free(name);
			sheet_xml_skip(&x);
		}
	}
	sheet_xml_close(&x);
	if (rc == 0 && tables == 0) {
		diag_error(d, at, "the spreadsheet has no sheet");
		rc = -1;
	}
	if (rc == 0 && !chosen)
		chosen = xstrdup(first);
	free(first);
	if (rc == 0)
		rc = sheet_xml_open(&x, file, "content.xml", &part, d);
	if (rc != 0) {
		free(chosen);
		buf_free(&part);
		sheet_zip_close(z);
		return -1;
	}
	sheet_builder_init(&o.b, a, out, file, d);
	out->sheet = arena_strdup(a, chosen);
	bool in_table = false, in_cell = false;
	int in_p = 0; /* depth inside the cell's text */
	struct ods_cell c = {0};
	while ((rc = sheet_xml_next(&x)) == 1) {
		int t = xmlTextReaderNodeType(x.reader);
		bool empty = xmlTextReaderIsEmptyElement(x.reader) == 1;
		if (t == XML_READER_TYPE_ELEMENT) {
			if (!in_table) {
				if (is(&x, table_ns, "table")) {
					char *name =
					        attr_ns(&x, "name", table_ns);
					bool mine =
					        name ? strcmp(name, chosen) == 0
					             : strcmp(chosen,
					                      "Sheet1") == 0;
					free(name);
					if (mine && !empty)
						in_table = true;
					else
						sheet_xml_skip(&x);
				}
				continue;
			}
			if (is(&x, table_ns, "table-row")) {
				o.row_repeat =
				        count_attr(&x, "number-rows-repeated");
				char *vis = attr_ns(&x, "visibility", table_ns);
				o.row_hidden =
				        vis && strcmp(vis, "visible") != 0;
				free(vis);
				o.col = 0;
				clear_pending(&o);
				if (empty && end_row(&o) != 0) {
					rc = -1;
					break;
				}
			} else if (is(&x, table_ns, "table-cell") ||
			           is(&x, table_ns, "covered-table-cell")) {
				free_cell(&c);
				c.repeat = count_attr(
				        &x, "number-columns-repeated");
				c.cols = count_attr(&x,
				                    "number-columns-spanned");
				c.rows = count_attr(&x, "number-rows-spanned");
				c.type = attr_ns(&x, "value-type", office_ns);
				const char *key = "value";
				if (c.type && strcmp(c.type, "date") == 0)
					key = "date-value";
				else if (c.type &&
				         strcmp(c.type, "boolean") == 0)
					key = "boolean-value";
				c.value = attr_ns(&x, key, office_ns);
				in_cell = true;
				if (empty) {
					in_cell = false;
					if (end_cell(&o, &c) != 0) {
						rc = -1;
						break;
					}
				}
			} else if (in_cell && is(&x, office_ns, "annotation")) {
				sheet_xml_skip(&x);
			} else if (in_cell && is(&x, text_ns, "p")) {
				if (c.paragraphs++ > 0)
					buf_putc(&c.text, '\n');
				if (!empty)
					in_p++;
			} else if (in_p && is(&x, text_ns, "s")) {
				char *n = attr_ns(&x, "c", text_ns);
				long k = n ? strtol(n, NULL, 10) : 1;
				free(n);
				if (k < 1)
					k = 1;
				if (k > 1000)
					k = 1000;
				for (long i = 0; i < k; i++)
					buf_putc(&c.text, ' ');
			} else if (in_p && is(&x, text_ns, "tab")) {
				buf_putc(&c.text, '\t');
			} else if (in_p && is(&x, text_ns, "line-break")) {
				buf_putc(&c.text, '\n');
			}
		} else if (t == XML_READER_TYPE_END_ELEMENT) {
			if (!in_table)
				continue;
			if (is(&x, table_ns, "table")) {
				in_table = false;
				break;
			} else if (is(&x, table_ns, "table-row")) {
				if (end_row(&o) != 0) {
					rc = -1;
					break;
				}
			} else if (in_cell &&
			           (is(&x, table_ns, "table-cell") ||
			            is(&x, table_ns, "covered-table-cell"))) {
				in_cell = false;
				in_p = 0;
				if (end_cell(&o, &c) != 0) {
					rc = -1;
					break;
				}
			} else if (in_p && is(&x, text_ns, "p")) {
				in_p--;
			}
		} else if (in_p &&
		           (t == XML_READER_TYPE_TEXT ||
		            t == XML_READER_TYPE_CDATA ||
		            t == XML_READER_TYPE_WHITESPACE ||
		            t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			const xmlChar *v = xmlTextReaderConstValue(x.reader);
			if (v)
				buf_puts(&c.text, (const char *)v);
			if (c.text.len > (size_t)LIMIT_SHEET_CELL_BYTES) {
				sheet_builder_cell(&o.b, o.col, SHEET_TEXT,
				                   c.text.data, c.text.len, 0);
				rc = -1;
				break;
			}
		}
	}
	free_cell(&c);
	clear_pending(&o);
	free(o.cells);
	free(chosen);
	sheet_xml_close(&x);
	buf_free(&part);
	sheet_zip_close(z);
	if (rc < 0)
		o.b.failed = true;
	return sheet_builder_finish(&o.b);
}
