/* xlsx: an Excel workbook (Office Open XML) read into a table.
 *
 * The workbook is a zip of XML parts: xl/workbook.xml names the sheets
 * (and says whether dates count from 1904), its relationships give each
 * sheet's part, xl/sharedStrings.xml holds the texts cells point to (each
 * the joined runs of a rich text, phonetic runs left out), xl/styles.xml
 * says which cell formats are dates, and the sheet's part holds the rows.
 * Each part is read once with libxml2's streaming reader, so memory is
 * the part's text and the table, not a tree. Excel escapes characters XML
 * cannot hold as _xHHHH_, and they are decoded back. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "sheet/internal.h"

static const char rel_ns[] =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
static const char rel_ns_strict[] =
        "http://purl.oclc.org/ooxml/officeDocument/relationships";

struct xlsx {
	struct arena *a;
	const char *file;
	struct diags *d;
	struct sheet_zip *z;
	struct buf part;
	char **strings; /* shared strings, xmalloc'd */
	size_t *lens;
	size_t nstrings, capstrings, caplens;
	bool *date_xf; /* per cellXfs index: a date format */
	size_t nxf, capxf;
	bool date1904;
	char *sheet_name, *sheet_rid, *sheet_part;
};

static const char *lname(struct sheet_xml *x)
{
	const xmlChar *n = xmlTextReaderConstLocalName(x->reader);
	return n ? (const char *)n : "";
}

static int type(struct sheet_xml *x)
{
	return xmlTextReaderNodeType(x->reader);
}

static bool is_text(int t)
{
	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	       t == XML_READER_TYPE_WHITESPACE ||
	       t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static bool empty(struct sheet_xml *x)
{
	return xmlTextReaderIsEmptyElement(x->reader) == 1;
}

/* The attribute `name` (no namespace) as a malloc'd string, or NULL. */
static char *attr(struct sheet_xml *x, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(x->reader, BAD_CAST name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static char *rel_attr(struct sheet_xml *x, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(x->reader, BAD_CAST name,
	                                         BAD_CAST rel_ns);
	if (!v)
		v = xmlTextReaderGetAttributeNs(x->reader, BAD_CAST name,
		                                BAD_CAST rel_ns_strict);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static bool truthy(const char *s)
{
	return s && (strcmp(s, "1") == 0 || strcasecmp(s, "true") == 0);
}

static void append_text(struct sheet_xml *x, struct buf *b)
{
	const xmlChar *v = xmlTextReaderConstValue(x->reader);
	if (v)
		buf_puts(b, (const char *)v);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void put_utf8(struct buf *b, unsigned cp)
{
	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_putc(b, (char)(0xC0 | (cp >> 6)));
		buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		buf_putc(b, (char)(0xE0 | (cp >> 12)));
		buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

/* Excel's _xHHHH_ escapes decoded, in place into `out`. A surrogate is
 * left as written: it cannot stand alone in UTF-8. */
static void decode_escapes(const char *s, size_t n, struct buf *out)
{
	buf_clear(out);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' &&
		    s[i + 6] == '_') {
			int h[4], ok = 1;
			for (int k = 0; k < 4; k++)
				ok &= (h[k] = hexval(
				               (unsigned char)s[i + 2 + k])) >=
				      0;
			unsigned cp = ok ? (unsigned)(h[0] << 12 | h[1] << 8 |
			                              h[2] << 4 | h[3])
			                 : 0;
			if (ok && (cp < 0xD800 || cp > 0xDFFF)) {
				put_utf8(out, cp);
				i += 6;
				continue;
			}
		}
		buf_putc(out, s[i]);
	}
}

static int read_part(struct xlsx *w, const char *name, bool required,
                     struct sheet_xml *x)
{
	int rc = sheet_zip_read(w->z, name, &w->part);
	if (rc == 1 && required) {
		struct pos at = {w->file, 0, 0};
		diag_error(w->d, at,
		           "not a spreadsheet Excel can open: the workbook has "
		           "no part %s",
		           name);
		return -1;
	}
	if (rc != 0)
		return rc;
	return sheet_xml_open(x, w->file, name, &w->part, w->d);
}

/* xl/workbook.xml: the sheet to read and the date system. */
static int read_workbook(struct xlsx *w)
{
	struct sheet_xml x;
	if (read_part(w, "xl/workbook.xml", true, &x) != 0)
		return -1;
	int rc;
	while ((rc = sheet_xml_next(&x)) == 1) {
		if (type(&x) != XML_READER_TYPE_ELEMENT)
			continue;
		const char *n = lname(&x);
		if (strcmp(n, "workbookPr") == 0) {
			char *v = attr(&x, "date1904");
			w->date1904 = truthy(v);
			free(v);
		} else if (strcmp(n, "sheet") == 0) {
			char *name = attr(&x, "name");
			char *rid = rel_attr(&x, "id");
			bool take =
			        name && rid &&
			        (!w->sheet_name ||
			         (strcasecmp(name, "Actions") == 0 &&
			          strcasecmp(w->sheet_name, "Actions") != 0));
			if (take) {
				free(w->sheet_name);
				free(w->sheet_rid);
				w->sheet_name = name;
				w->sheet_rid = rid;
			} else {
				free(name);
				free(rid);
			}
		}
	}
	sheet_xml_close(&x);
	if (rc < 0)
		return -1;
	if (!w->sheet_name) {
		struct pos at = {w->file, 0, 0};
		diag_error(w->d, at, "the workbook has no sheet");
		return -1;
	}
	return 0;
}

/* xl/_rels/workbook.xml.rels: the part of the chosen sheet. */
static int read_rels(struct xlsx *w)
{
	struct sheet_xml x;
	if (read_part(w, "xl/_rels/workbook.xml.rels", true, &x) != 0)
		return -1;
	int rc;
	while ((rc = sheet_xml_next(&x)) == 1) {
		if (type(&x) != XML_READER_TYPE_ELEMENT ||
		    strcmp(lname(&x), "Relationship") != 0)
			continue;
		char *id = attr(&x, "Id"), *target = attr(&x, "Target");
		if (id && target && !w->sheet_part &&
		    strcmp(id, w->sheet_rid) == 0) {
			struct buf p = BUF_INIT;
			if (target[0] == '/')
				buf_puts(&p, target + 1);
			else
				buf_printf(&p, "xl/%s", target);
			w->sheet_part = buf_detach(&p, NULL);
		}
		free(id);
		free(target);
	}
	sheet_xml_close(&x);
	if (rc < 0)
		return -1;
	if (!w->sheet_part) {
		struct pos at = {w->file, 0, 0};
		diag_error(w->d, at,
		           "the sheet \"%s\" has no part in the "
		           "workbook: the file is damaged",
		           w->sheet_name);
		return -1;
	}
	return 0;
}

static int push_string(struct xlsx *w, const struct buf *raw)
{
	if (w->nstrings >= (size_t)LIMIT_SHEET_CELLS) {
		struct pos at = {w->file, 0, 0};
		diag_error(w->d, at,
		           "more than 1000000 shared strings is "
		           "beyond what clerk reads "
		           "(LIMIT_SHEET_CELLS)");
		return -1;
	}
	struct buf s = BUF_INIT;
	decode_escapes(raw->data ? raw->data : "", raw->len, &s);
	w->strings = xgrow(w->strings, &w->capstrings, w->nstrings + 1,
	                   sizeof *w->strings);
	w->lens = xgrow(w->lens, &w->caplens, w->nstrings + 1, sizeof *w->lens);
	w->lens[w->nstrings] = s.len;
	buf_cstr(&s);
	w->strings[w->nstrings++] = buf_detach(&s, NULL);
	return 0;
}

/* xl/sharedStrings.xml: each <si>'s <t> texts joined, <rPh> left out. */
static int read_strings(struct xlsx *w)
{
	struct sheet_xml x;
	int rc = read_part(w, "xl/sharedStrings.xml", false, &x);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	struct buf s = BUF_INIT;
	bool in_si = false, in_t = false, in_rph = false;
	while ((rc = sheet_xml_next(&x)) == 1) {
		int t = type(&x);
		const char *n = lname(&x);
		if (t == XML_READER_TYPE_ELEMENT) {
			if (strcmp(n, "si") == 0) {
				buf_clear(&s);
				in_si = true;
				if (empty(&x) && push_string(w, &s) != 0) {
					rc = -1;
					break;
				}
				in_si = !empty(&x);
			} else if (strcmp(n, "t") == 0) {
				in_t = !empty(&x);
			} else if (strcmp(n, "rPh") == 0) {
				in_rph = !empty(&x);
			}
		} else if (t == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(n, "si") == 0 && in_si) {
				in_si = false;
				if (push_string(w, &s) != 0) {
					rc = -1;
					break;
				}
			} else if (strcmp(n, "t") == 0) {
				in_t = false;
			} else if (strcmp(n, "rPh") == 0) {
				in_rph = false;
			}
		} else if (is_text(t) && in_si && in_t && !in_rph) {
			append_text(&x, &s);
		}
	}
	buf_free(&s);
	sheet_xml_close(&x);
	return rc < 0 ? -1 : 0;
}

/* Whether a number format's code shows a date or a time: d, m, y, h or s
 * outside quotes, brackets ([Red], [$-809]) and escapes. */
static bool code_is_date(const char *code)
{
	bool quoted = false;
	int bracket = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '\\' && p[1])
			p++;
		else if (*p == '[')
			bracket++;
		else if (*p == ']' && bracket)
			bracket--;
		else if (!bracket && strchr("dmyhsDMYHS", *p))
			return true;
	}
	return false;
}

static bool builtin_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	       (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* xl/styles.xml: which cell formats (cellXfs) are dates. */
static int read_styles(struct xlsx *w)
{
	struct sheet_xml x;
	int rc = read_part(w, "xl/styles.xml", false, &x);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	/* Custom formats: id and whether a date, at most a few hundred. */
	long *ids = NULL;
	bool *dates = NULL;
	size_t nfmt = 0, capids = 0, capdates = 0;
	bool in_xfs = false;
	while ((rc = sheet_xml_next(&x)) == 1) {
		int t = type(&x);
		const char *n = lname(&x);
		if (t == XML_READER_TYPE_END_ELEMENT &&
		    strcmp(n, "cellXfs") == 0) {
			in_xfs = false;
			continue;
		}
		if (t != XML_READER_TYPE_ELEMENT)
			continue;
		if (strcmp(n, "cellXfs") == 0) {
			in_xfs = !empty(&x);
		} else if (strcmp(n, "numFmt") == 0 && nfmt < 100000) {
			char *id = attr(&x, "numFmtId");
			char *code = attr(&x, "formatCode");
			ids = xgrow(ids, &capids, nfmt + 1, sizeof *ids);
			dates = xgrow(dates, &capdates, nfmt + 1,
			              sizeof *dates);
			ids[nfmt] = id ? strtol(id, NULL, 10) : -1;
			dates[nfmt++] = code && code_is_date(code);
			free(id);
			free(code);
		} else if (in_xfs && strcmp(n, "xf") == 0 &&
		           w->nxf < (size_t)LIMIT_SHEET_CELLS) {
			char *id = attr(&x, "numFmtId");
			long k = id ? strtol(id, NULL, 10) : 0;
			free(id);
			bool date = builtin_date(k);
			for (size_t i = 0; i < nfmt; i++)
				if (ids[i] == k)
					date = dates[i];
			w->date_xf = xgrow(w->date_xf, &w->capxf, w->nxf + 1,
			                   sizeof *w->date_xf);
			w->date_xf[w->nxf++] = date;
		}
	}
	free(ids);
	free(dates);
	sheet_xml_close(&x);
	return rc < 0 ? -1 : 0;
}

struct cell_state {
	unsigned row;
	int col;
	char *t;    /* the cell's type attribute */
	long style; /* its s attribute, -1 when none */
	struct buf v;
	bool in_v, in_is, in_t, in_rph;
};

static int emit_cell(struct xlsx *w, struct sheet_builder *b,
                     struct cell_state *c)
{
	struct pos at = sheet_pos(w->a, b->t, c->row, c->col);
	const char *t = c->t ? c->t : "n";
	const char *v = buf_cstr(&c->v);
	char num[32];
	if (strcmp(t, "s") == 0) {
		char *end;
		long i = strtol(v, &end, 10);
		if (c->v.len == 0 || *end || i < 0 ||
		    (size_t)i >= w->nstrings) {
			diag_error(w->d, at,
			           "the cell points to a shared "
			           "string that is not there: the "
			           "file is damaged");
			return -1;
		}
		return sheet_builder_cell(b, (unsigned)c->col, SHEET_TEXT,
		                          w->strings[i], w->lens[i], 0);
	}
	if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0 ||
	    strcmp(t, "e") == 0) {
		struct buf s = BUF_INIT;
		decode_escapes(v, c->v.len, &s);
		int rc = sheet_builder_cell(b, (unsigned)c->col, SHEET_TEXT,
		                            s.data ? s.data : "", s.len, 0);
		buf_free(&s);
		return rc;
	}
	if (c->v.len == 0)
		return 0;
	if (strcmp(t, "b") == 0) {
		bool yes = strcmp(v, "1") == 0;
		return sheet_builder_cell(b, (unsigned)c->col, SHEET_BOOL,
		                          yes ? "TRUE" : "FALSE", yes ? 4 : 5,
		                          yes);
	}
	if (strcmp(t, "d") == 0) {
		/* An ISO 8601 date, as the strict format writes them. */
		return sheet_builder_cell(b, (unsigned)c->col, SHEET_DATE, v,
		                          c->v.len < 10 ? c->v.len : 10, 0);
	}
	char *end;
	double n = strtod(v, &end);
	if (*end) {
		diag_error(w->d, at,
		           "the cell's number \"%s\" is not a "
		           "number: the file is damaged",
		           v);
		return -1;
	}
	if (c->style >= 0 && (size_t)c->style < w->nxf &&
	    w->date_xf[c->style]) {
		char date[11];
		int rc = sheet_serial_date(n, w->date1904, date);
		if (rc == -1) {
			diag_error(w->d, at,
			           "the date 29 February 1900, which never was "
			           "(Excel counts it, for the sake of old "
			           "spreadsheets): write the real date");
			return -1;
		}
		if (rc == 0)
			return sheet_builder_cell(b, (unsigned)c->col,
			                          SHEET_DATE, date, 10, n);
	}
	sheet_number_text(n, num);
	return sheet_builder_cell(b, (unsigned)c->col, SHEET_NUMBER, num,
	                          strlen(num), n);
}

static int add_merge(struct xlsx *w, struct sheet_builder *b, const char *ref)
{
	const char *colon = ref ? strchr(ref, ':') : NULL;
	if (!colon)
		return 0;
	char *first = xstrndup(ref, (size_t)(colon - ref));
	struct sheet_merge m;
	int c1, c2;
	int rc = 0;
	if (sheet_parse_ref(first, &m.row1, &c1) == 0 &&
	    sheet_parse_ref(colon + 1, &m.row2, &c2) == 0 && c1 >= 0 &&
	    c2 >= c1 && m.row1 > 0 && m.row2 >= m.row1) {
		m.col1 = (unsigned)c1;
		m.col2 = (unsigned)c2;
		rc = sheet_builder_merge(b, m);
	}
	free(first);
	(void)w;
	return rc;
}

static int read_sheet(struct xlsx *w, struct sheet_table *out)
{
	struct sheet_xml x;
	if (read_part(w, w->sheet_part, true, &x) != 0)
		return -1;
	struct sheet_builder b;
	sheet_builder_init(&b, w->a, out, w->file, w->d);
	out->sheet = arena_strdup(w->a, w->sheet_name);
	struct cell_state c = {0};
	bool in_cell = false;
	unsigned row = 0;
	int col = -1, rc;
	while ((rc = sheet_xml_next(&x)) == 1) {
		int t = type(&x);
		const char *n = lname(&x);
		if (t == XML_READER_TYPE_ELEMENT) {
			if (strcmp(n, "row") == 0) {
				char *r = attr(&x, "r"),
				     *h = attr(&x, "hidden");
				unsigned rr = row + 1;
				if (r) {
					char *end;
					long k = strtol(r, &end, 10);
					rr = *end || k < 1
					             ? 0
					             : (unsigned)(k > 9999999
					                                  ? 9999999
					                                  : k);
				}
				free(r);
				bool hidden = truthy(h);
				free(h);
				if (rr == 0) {
					diag_error(w->d,
					           sheet_pos(w->a, out, row + 1,
					                     -1),
					           "a row with no number: the "
					           "file is "
					           "damaged");
					rc = -1;
					break;
				}
				row = rr;
				col = -1;
				if (sheet_builder_row(&b, row, hidden) != 0) {
					rc = -1;
					break;
				}
			} else if (strcmp(n, "c") == 0) {
				char *r = attr(&x, "r"), *s = attr(&x, "s");
				int cc = col + 1;
				unsigned rr = row;
				if (r && (sheet_parse_ref(r, &rr, &cc) != 0 ||
				          cc < 0 || rr != row)) {
					diag_error(w->d,
					           sheet_pos(w->a, out, row,
					                     col + 1),
					           "a cell whose reference "
					           "\"%s\" is "
					           "not in its row: the file "
					           "is damaged",
					           r);
					free(r);
					free(s);
					rc = -1;
					break;
				}
				free(r);
				col = cc;
				free(c.t);
				buf_clear(&c.v);
				c.t = attr(&x, "t");
				c.style = s ? strtol(s, NULL, 10) : -1;
				free(s);
				c.row = row;
				c.col = col;
				c.in_v = c.in_is = c.in_t = c.in_rph = false;
				in_cell = !empty(&x);
			} else if (in_cell && strcmp(n, "v") == 0) {
				c.in_v = !empty(&x);
			} else if (in_cell && strcmp(n, "is") == 0) {
				c.in_is = !empty(&x);
			} else if (c.in_is && strcmp(n, "t") == 0) {
				c.in_t = !empty(&x);
			} else if (c.in_is && strcmp(n, "rPh") == 0) {
				c.in_rph = !empty(&x);
			} else if (strcmp(n, "mergeCell") == 0) {
				char *ref = attr(&x, "ref");
				int m = add_merge(w, &b, ref);
				free(ref);
				if (m != 0) {
					rc = -1;
					break;
				}
			}
		} else if (t == XML_READER_TYPE_END_ELEMENT) {
			if (in_cell && strcmp(n, "c") == 0) {
				in_cell = false;
				if (emit_cell(w, &b, &c) != 0) {
					rc = -1;
					break;
				}
			} else if (strcmp(n, "v") == 0) {
				c.in_v = false;
			} else if (strcmp(n, "is") == 0) {
				c.in_is = false;
			} else if (strcmp(n, "t") == 0) {
				c.in_t = false;
			} else if (strcmp(n, "rPh") == 0) {
				c.in_rph = false;
			}
		} else if (in_cell && is_text(t) &&
		           (c.in_v || (c.in_is && c.in_t && !c.in_rph))) {
			append_text(&x, &c.v);
			if (c.v.len > (size_t)LIMIT_SHEET_CELL_BYTES * 2) {
				sheet_builder_cell(&b, (unsigned)c.col,
				                   SHEET_TEXT, c.v.data,
				                   c.v.len, 0);
				rc = -1;
				break;
			}
		}
	}
	free(c.t);
	buf_free(&c.v);
	sheet_xml_close(&x);
	if (rc < 0)
		b.failed = true;
	return sheet_builder_finish(&b);
}

int sheet_read_xlsx(struct arena *a, const char *file, const char *data,
                    size_t len, struct sheet_table *out, struct diags *d)
{
	memset(out, 0, sizeof *out);
	struct xlsx w = {.a = a, .file = file, .d = d};
	w.z = sheet_zip_open(file, data, len, d);
	if (!w.z)
		return -1;
	int rc = read_workbook(&w);
	if (rc == 0)
		rc = read_rels(&w);
	if (rc == 0)
		rc = read_strings(&w);
	if (rc == 0)
		rc = read_styles(&w);
	if (rc == 0)
		rc = read_sheet(&w, out);
	for (size_t i = 0; i < w.nstrings; i++)
		free(w.strings[i]);
	free(w.strings);
	free(w.lens);
	free(w.date_xf);
	free(w.sheet_name);
	free(w.sheet_rid);
	free(w.sheet_part);
	buf_free(&w.part);
	sheet_zip_close(w.z);
	return rc;
}
