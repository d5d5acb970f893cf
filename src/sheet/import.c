/* import: a tracker's rows against the plan as it stands, written as the
 * next quarter's YAML file.
 *
 * The header row is the row, among the first twenty, that names the most
 * known columns and among them the ID (rows above it are titles); a
 * header cell left empty under a range merged down from the row above
 * takes the range's text, so a two-row header (Ref and RAG merged over
 * both rows, "Dates" over Due and Done on) reads as one row. Every row below it
 * with anything in a known column is an action: its id finds the action
 * in the plan, and each of status, due date, done date and note that
 * differs from the plan's becomes the action's update; an id the plan
 * lacks is a new action under the row's priority. Hidden and filtered
 * rows are read like any other: hiding a row is a view, not a deletion.
 *
 * Every problem is reported before anything is written, so a tracker
 * with one bad cell writes nothing. Texts are written as YAML
 * double-quoted scalars with escapes, which hold any character a report
 * can hold, so a note's commas, colons, `#`, quotes and line breaks come
 * back as they were. */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/fs.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "schema/table.h"
#include "sheet/sheet.h"

enum { HEADER_ROWS = 20 };

struct import {
	struct arena *a;
	const struct sheet_import_options *o;
	const struct sheet_table *t;
	struct diags *d;
	int col[SHEET_COLUMNS]; /* the column of each, or -1 */
	size_t header;          /* index of the header row in t->rows */
	unsigned header_end;    /* the last row of the header */
	struct sheet_action *acts;
	size_t nacts;
	unsigned *seen; /* per action: the row that gave it, 0: none */
};

static const struct sheet_cell *cell_at(const struct sheet_row *r, int col)
{
	if (col < 0 || (size_t)col >= r->ncells ||
	    r->cells[col].kind == SHEET_EMPTY)
		return NULL;
	return &r->cells[col];
}

/* The text of (row, col), or of the merged range it lies in. */
static const char *header_text(const struct sheet_table *t, size_t ri,
                               unsigned col, size_t *len)
{
	const struct sheet_row *r = &t->rows[ri];
	const struct sheet_cell *c = cell_at(r, (int)col);
	if (c) {
		*len = c->len;
		return c->text;
	}
	for (size_t m = 0; m < t->nmerges; m++) {
		const struct sheet_merge *g = &t->merges[m];
		/* Only down the range's first column: a header merged
		 * across columns names its first one, not each. */
		if (r->row <= g->row1 || r->row > g->row2 || col != g->col1)
			continue;
		for (size_t k = 0; k <= ri; k++)
			if (t->rows[k].row == g->row1) {
				c = cell_at(&t->rows[k], (int)g->col1);
				if (c) {
					*len = c->len;
					return c->text;
				}
			}
	}
	*len = 0;
	return "";
}

/* How many known columns row `ri` names; fills `col`. */
static int score_header(const struct sheet_table *t, size_t ri,
                        int col[SHEET_COLUMNS])
{
	unsigned width = (unsigned)t->rows[ri].ncells;
	for (size_t m = 0; m < t->nmerges; m++)
		if (t->merges[m].row1 <= t->rows[ri].row &&
		    t->merges[m].row2 >= t->rows[ri].row &&
		    t->merges[m].col2 + 1 > width)
			width = t->merges[m].col2 + 1;
	for (int k = 0; k < SHEET_COLUMNS; k++)
		col[k] = -1;
	int n = 0;
	for (unsigned c = 0; c < width && c < 1024; c++) {
		size_t len;
		const char *h = header_text(t, ri, c, &len);
		int k = len ? sheet_column_of(h, len) : -1;
		if (k >= 0 && col[k] < 0) {
			col[k] = (int)c;
			n++;
		}
	}
	return col[SHEET_COL_ID] >= 0 ? n : 0;
}

static void list_synonyms(struct buf *b, enum sheet_column c)
{
	static const char *const shown[SHEET_COLUMNS] = {
	        [SHEET_COL_ID] = "ID, Ref or Reference",
	        [SHEET_COL_STATUS] = "Status, RAG or RAG status",
	};
	buf_puts(b, shown[c] ? shown[c] : sheet_column_header(c));
}

static int find_header(struct import *im)
{
	const struct sheet_table *t = im->t;
	int best = 0;
	size_t at = 0;
	int col[SHEET_COLUMNS];
	for (size_t i = 0; i < t->nrows && i < HEADER_ROWS; i++) {
		int n = score_header(t, i, col);
		if (n > best) {
			best = n;
			at = i;
		}
	}
	if (best == 0) {
		diag_error(im->d, sheet_pos(im->a, t, 0, -1),
		           "no header row: none of the first %d rows has a "
		           "column headed ID, Ref or Reference, so the actions "
		           "cannot be found",
		           HEADER_ROWS);
		return -1;
	}
	im->header = at;
	score_header(t, at, im->col);
	const struct sheet_row *h = &t->rows[at];
	im->header_end = h->row;
	for (size_t m = 0; m < t->nmerges; m++)
		if (t->merges[m].row1 <= h->row &&
		    t->merges[m].row2 >= h->row &&
		    t->merges[m].row2 > im->header_end)
			im->header_end = t->merges[m].row2;
	/* Two columns of one kind: which would count is a guess. */
	int rc = 0;
	for (unsigned c = 0; c < h->ncells; c++) {
		size_t len;
		const char *text = header_text(t, at, c, &len);
		int k = len ? sheet_column_of(text, len) : -1;
		if (k >= 0 && im->col[k] != (int)c) {
			char first[24];
			sheet_cell_name(first, h->row, (unsigned)im->col[k]);
			diag_error(im->d, sheet_pos(im->a, t, h->row, (int)c),
			           "a second column for the %s (the first is "
			           "%s): remove or rename one of them",
			           sheet_column_header((enum sheet_column)k),
			           first);
			rc = -1;
		}
	}
	static const enum sheet_column required[] = {SHEET_COL_ID,
	                                             SHEET_COL_STATUS};
	for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
		if (im->col[required[i]] >= 0)
			continue;
		struct buf b = BUF_INIT;
		list_synonyms(&b, required[i]);
		diag_error(im->d, sheet_pos(im->a, t, h->row, -1),
		           "no %s column in the header row (row %u): head one "
		           "%s",
		           sheet_column_header(required[i]), h->row,
		           buf_cstr(&b));
		buf_free(&b);
		rc = -1;
	}
	return rc;
}

/* The first character of `s` a report cannot hold, or 0. */
static uint32_t bad_char(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t k = utf8_decode(s + i, n - i, &c);
		if (k == 0)
			return 0xFFFD;
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)
			return c;
		i += k;
	}
	return 0;
}

/* The cell's text, checked; NULL (with an error) when it holds what a
 * report cannot. `trim` takes spaces off the ends. */
static const char *cell_text(struct import *im, const struct sheet_row *r,
                             int col, bool trim, const char *what)
{
	const struct sheet_cell *c = cell_at(r, col);
	if (!c)
		return "";
	uint32_t bad = bad_char(c->text, c->len);
	if (bad) {
		diag_error(im->d, sheet_pos(im->a, im->t, r->row, col),
		           "%s: holds the control character U+%04X, which a "
		           "report cannot hold: delete it",
		           what, (unsigned)bad);
		return NULL;
	}
	if (!trim)
		return c->text;
	const char *s = c->text;
	size_t n = c->len;
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return arena_strndup(im->a, s, n);
}

/* A target date written as a month or a year, as the Due column may
 * hold one: 2016-03, 2016 (as ISO 8601 and the schema write them),
 * March 2016, Mar 2016, Sept 2016. Writes 2016-03 or 2016 into `out`;
 * returns DATE_OK, a status of date_parse_target (DATE_BAD_MONTH for
 * 2016-13, DATE_BAD_YEAR for 1066, `*bad` then holds what was read), or
 * DATE_NOT_ISO when `s` is written like none of them. */
static int parse_partial(const char *s, char out[8], struct date *bad)
{
	size_t n = strlen(s);
	enum date_precision p;
	struct date d;
	int rc = date_parse_target(s, n, &d, &p);
	if (rc == DATE_OK && p == DATE_DAY)
		return DATE_NOT_ISO;
	if (rc == DATE_OK) {
		if (n >= 8)
			return DATE_NOT_ISO;
		memcpy(out, s, n + 1);
		return DATE_OK;
	}
	if (rc != DATE_NOT_ISO) {
		*bad = d;
		return rc;
	}
	const char *m = s;
	while (isalpha((unsigned char)*m))
		m++;
	int month = schema_month_of(s, (size_t)(m - s));
	if (*m == '.')
		m++;
	if (!month || *m != ' ')
		return DATE_NOT_ISO;
	while (*m == ' ')
		m++;
	size_t k = strlen(m);
	for (size_t i = 0; i < k; i++)
		if (!isdigit((unsigned char)m[i]))
			return DATE_NOT_ISO;
	if (k != 4)
		return DATE_NOT_ISO;
	char iso[16];
	snprintf(iso, sizeof iso, "%.4s-%02d", m, month);
	rc = date_parse_target(iso, strlen(iso), &d, NULL);
	if (rc != DATE_OK) {
		*bad = d;
		return rc;
	}
	memcpy(out, iso, 8);
	return DATE_OK;
}

/* The date in (row, col): "" when empty, NULL (with an error) when not a
 * date. The Due column may also hold a month or a year (a target date),
 * given back as 2016-03 or 2016. */
static const char *cell_date(struct import *im, const struct sheet_row *r,
                             enum sheet_column k)
{
	int col = im->col[k];
	const struct sheet_cell *c = cell_at(r, col);
	if (!c)
		return "";
	const char *what = sheet_column_header(k);
	struct pos at = sheet_pos(im->a, im->t, r->row, col);
	bool target = k == SHEET_COL_DUE;
	/* A year typed into a cell is a number; as a date serial it would
	 * be a day of 1905 or 1906, which no plan is due by. */
	if (target && c->kind == SHEET_NUMBER && c->number >= DATE_FIRST_YEAR &&
	    c->number <= DATE_LAST_YEAR && c->number == (double)(int)c->number)
		return arena_strdup(im->a, c->text);
	if (c->kind == SHEET_NUMBER) {
		diag_error(im->d, at,
		           "%s: expected a date, got the number %s: format the "
		           "cell as a date (or write it 30/09/2020)",
		           what, c->text);
		return NULL;
	}
	const char *text = cell_text(im, r, col, true, what);
	if (!text)
		return NULL;
	if (!*text)
		return "";
	char iso[11];
	if (schema_read_date(text, strlen(text), iso))
		return arena_strdup(im->a, iso);
	if (target) {
		char part[8];
		struct date bad = {0, 0, 0};
		int rc = parse_partial(text, part, &bad);
		if (rc == DATE_OK)
			return arena_strdup(im->a, part);
		if (rc == DATE_BAD_MONTH) {
			diag_error(im->d, at,
			           "%s: \"%s\" has no month %d: a month is "
			           "written 01 to 12 (2016-03) or by its name "
			           "(March 2016)",
			           what, text, bad.month);
			return NULL;
		}
		if (rc == DATE_BAD_YEAR) {
			diag_error(im->d, at,
			           "%s: expected a year between %d and %d, got "
			           "\"%s\"",
			           what, DATE_FIRST_YEAR, DATE_LAST_YEAR, text);
			return NULL;
		}
		diag_error(
		        im->d, at,
		        "%s: expected a date (30/09/2020, 30 September 2020 "
		        "or 2020-09-30), a month (March 2016 or 2016-03) or a "
		        "year (2016), got \"%s\"",
		        what, text);
		return NULL;
	}
	diag_error(im->d, at,
	           "%s: expected a date (30/09/2020, 30 September 2020 or "
	           "2020-09-30), got \"%s\"",
	           what, text);
	return NULL;
}

static void list_words(struct buf *b, const struct sheet_words *w)
{
	for (int i = 0; i < VOCABULARY_STATUSES; i++) {
		if (i)
			buf_puts(b,
			         i + 1 == VOCABULARY_STATUSES ? " or " : ", ");
		buf_puts(b, w->word[i]);
	}
}

/* The status id in the row's status cell: "" when empty, NULL (with an
 * error) when it is no status. */
static const char *cell_status(struct import *im, const struct sheet_row *r)
{
	int col = im->col[SHEET_COL_STATUS];
	const char *text = cell_text(im, r, col, true, "Status");
	if (!text || !*text)
		return text;
	const char *id =
	        vocabulary_status_of(im->o->words->all, text, strlen(text));
	if (!id) {
		struct buf b = BUF_INIT;
		list_words(&b, im->o->words);
		diag_error(im->d, sheet_pos(im->a, im->t, r->row, col),
		           "status \"%s\": expected one of %s", text,
		           buf_cstr(&b));
		buf_free(&b);
	}
	return id;
}

/* YAML output. */
static bool plain_id(const char *s)
{
	if (!*s || !isalnum((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '.' && *s != '_' &&
		    *s != '-')
			return false;
	return true;
}

/* A double-quoted YAML scalar: every character comes back as it was. */
static void put_quoted(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			buf_puts(out, "\\\"");
			break;
		case '\\':
			buf_puts(out, "\\\\");
			break;
		case '\n':
			buf_puts(out, "\\n");
			break;
		case '\r':
			buf_puts(out, "\\r");
			break;
		case '\t':
			buf_puts(out, "\\t");
			break;
		case 0xE2:
			/* U+2028 and U+2029 are line breaks to YAML. */
			if (p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
				buf_puts(out, p[2] == 0xA8 ? "\\L" : "\\P");
				p += 2;
				break;
			}
			buf_putc(out, (char)*p);
			break;
		case 0xEF:
			if (p[1] == 0xBB && p[2] == 0xBF) {
				buf_puts(out, "\\uFEFF");
				p += 2;
				break;
			}
			buf_putc(out, (char)*p);
			break;
		default:
			buf_putc(out, (char)*p);
		}
	}
	buf_putc(out, '"');
}

static void put_id(struct buf *out, const char *id)
{
	if (plain_id(id))
		buf_puts(out, id);
	else
		put_quoted(out, id);
}

/* Spaces folded, for comparing texts YAML may have folded. */
static bool same_text(const char *x, const char *y)
{
	for (;;) {
		while (isspace((unsigned char)*x) &&
		       isspace((unsigned char)x[1]))
			x++;
		while (isspace((unsigned char)*y) &&
		       isspace((unsigned char)y[1]))
			y++;
		if (!*x || !*y) {
			while (isspace((unsigned char)*x))
				x++;
			while (isspace((unsigned char)*y))
				y++;
			return !*x && !*y;
		}
		bool sx = isspace((unsigned char)*x),
		     sy = isspace((unsigned char)*y);
		if (sx != sy || (!sx && *x != *y))
			return false;
		x++, y++;
	}
}

struct added {
	const char *priority;
	const char *id, *text, *owner, *due, *status, *done_on, *answers;
};

static void put_answers(struct buf *out, const char *answers)
{
	buf_puts(out, "[");
	const char *p = answers;
	bool first = true;
	while (*p) {
		while (*p == ' ' || *p == ',' || *p == ';')
			p++;
		const char *s = p;
		while (*p && *p != ',' && *p != ';' && *p != ' ')
			p++;
		if (p == s)
			break;
		char *id = xstrndup(s, (size_t)(p - s));
		if (!first)
			buf_puts(out, ", ");
		put_id(out, id);
		free(id);
		first = false;
	}
	buf_puts(out, "]");
}

/* The path the output file names the plan by in `extends:`. */
static char *extends_path(struct import *im)
{
	char *in_dir = fs_dirname(im->o->into);
	char *out_dir = fs_dirname(im->o->out);
	char a[PATH_MAX], b[PATH_MAX];
	char *rel = NULL;
	if (realpath(in_dir, a) && realpath(out_dir, b)) {
		size_t n = strlen(b);
		const char *base = strrchr(im->o->into, '/');
		base = base ? base + 1 : im->o->into;
		if (strcmp(a, b) == 0)
			rel = xstrdup(base);
		else if (strncmp(a, b, n) == 0 && a[n] == '/') {
			struct buf p = BUF_INIT;
			buf_printf(&p, "%s/%s", a + n + 1, base);
			rel = buf_detach(&p, NULL);
		}
	}
	if (!rel) {
		struct pos at = {im->o->into, 0, 0};
		diag_error(
		        im->d, at,
		        "the plan must be in the folder of %s (or below it), "
		        "since a report extends only files there",
		        im->o->out);
	}
	free(in_dir);
	free(out_dir);
	return rel;
}

int sheet_import(struct arena *a, const struct sheet_import_options *o,
                 struct buf *out, struct diags *d)
{
	struct import im = {.a = a, .o = o, .t = o->table, .d = d};
	size_t errors = d->errors;
	const struct sheet_table *t = o->table;
	const struct value *progress = value_map_get(o->plan, "progress");
	if (value_map_get(progress, o->quarter)) {
		struct pos at = value_map_get(progress, o->quarter)->pos;
		diag_error(d, at,
		           "the plan already has the quarter %s: import the "
		           "tracker into the file of the quarter before",
		           o->quarter);
		return -1;
	}
	if (find_header(&im) != 0)
		return -1;
	im.acts = sheet_plan_actions(a, o->plan, &im.nacts);
	im.seen = arena_alloc(a, (im.nacts + 1) * sizeof *im.seen);

	struct buf updates = BUF_INIT;
	struct added *adds = NULL;
	size_t nadds = 0, capadds = 0;
	size_t nupdates = 0;
	/* Ids of the rows read, for duplicates among new ones. */
	const char **ids = arena_alloc(a, (t->nrows + 1) * sizeof *ids);
	unsigned *id_rows = arena_alloc(a, (t->nrows + 1) * sizeof *id_rows);
	size_t nids = 0;

	for (size_t ri = im.header + 1; ri < t->nrows; ri++) {
		const struct sheet_row *r = &t->rows[ri];
		if (r->row <= im.header_end)
			continue;
		bool any = false;
		for (int k = 0; k < SHEET_COLUMNS; k++)
			if (cell_at(r, im.col[k]) &&
			    cell_at(r, im.col[k])->len > 0)
				any = true;
		if (!any)
			continue;
		int idc = im.col[SHEET_COL_ID];
		const char *id = cell_text(&im, r, idc, true, "ID");
		if (!id)
			continue;
		if (!*id) {
			diag_error(
			        d, sheet_pos(a, t, r->row, idc),
			        "a row with no ID: give the action's id (such "
			        "as P1.2), or clear the row");
			continue;
		}
		bool dup = false;
		for (size_t i = 0; i < nids; i++)
			if (strcmp(ids[i], id) == 0) {
				diag_error(
				        d, sheet_pos(a, t, r->row, idc),
				        "ID %s is given twice, in rows %u and "
				        "%u: an action has one row",
				        id, id_rows[i], r->row);
				dup = true;
			}
		if (dup)
			continue;
		ids[nids] = id;
		id_rows[nids++] = r->row;
		const char *status = cell_status(&im, r);
		const char *due = cell_date(&im, r, SHEET_COL_DUE);
		const char *done_on = cell_date(&im, r, SHEET_COL_DONE_ON);
		const char *note = cell_text(&im, r, im.col[SHEET_COL_NOTE],
		                             false, "Note");
		const char *text = cell_text(&im, r, im.col[SHEET_COL_ACTION],
		                             true, "Action");
		const char *owner = cell_text(&im, r, im.col[SHEET_COL_OWNER],
		                              true, "Owner");
		const char *prio = cell_text(&im, r, im.col[SHEET_COL_PRIORITY],
		                             true, "Priority");
		const char *answers = cell_text(
		        &im, r, im.col[SHEET_COL_ANSWERS], true, "Answers");
		if (!status || !due || !done_on || !note || !text || !owner ||
		    !prio || !answers)
			continue;
		struct sheet_action *act = NULL;
		for (size_t i = 0; i < im.nacts; i++)
			if (strcmp(im.acts[i].id, id) == 0) {
				act = &im.acts[i];
				im.seen[i] = r->row;
			}
		if (!act) {
			const char *near = NULL;
			for (size_t i = 0; i < im.nacts; i++)
				if (strcasecmp(im.acts[i].id, id) == 0)
					near = im.acts[i].id;
			if (near) {
				diag_error(d, sheet_pos(a, t, r->row, idc),
				           "ID %s is not in the plan; did you "
				           "mean "
				           "%s?",
				           id, near);
				continue;
			}
			if (!*prio) {
				diag_error(
				        d, sheet_pos(a, t, r->row, idc),
				        "ID %s is not in the plan, and the row "
				        "gives no priority to add it under: "
				        "put "
				        "the priority's id (such as P6) in a "
				        "Priority column",
				        id);
				continue;
			}
			bool known = false;
			for (size_t i = 0; i < im.nacts; i++)
				if (strcmp(im.acts[i].priority, prio) == 0)
					known = true;
			const struct value *ps = value_map_get(
			        value_map_get(o->plan, "action_plan"),
			        "priorities");
			for (size_t i = 0; ps && ps->kind == VALUE_LIST &&
			                   i < ps->as.list.len;
			     i++) {
				const struct value *pid = value_map_get(
				        ps->as.list.items[i], "id");
				if (pid && pid->text &&
				    strcmp(pid->text, prio) == 0)
					known = true;
			}
			if (!known) {
				diag_error(
				        d,
				        sheet_pos(a, t, r->row,
				                  im.col[SHEET_COL_PRIORITY]),
				        "priority %s is not in the plan: a new "
				        "action joins a priority the plan has",
				        prio);
				continue;
			}
			if (!*text) {
				diag_error(
				        d, sheet_pos(a, t, r->row, idc),
				        "ID %s is a new action and needs its "
				        "text in an Action column",
				        id);
				continue;
			}
			adds = xgrow(adds, &capadds, nadds + 1, sizeof *adds);
			adds[nadds++] = (struct added){
			        prio,    id,
			        text,    owner,
			        due,     *status ? status : "not_started",
			        done_on, answers};
			if (*note) {
				buf_puts(&updates, "      ");
				put_id(&updates, id);
				buf_puts(&updates, ":\n        note: ");
				put_quoted(&updates, note);
				buf_putc(&updates, '\n');
				nupdates++;
			}
			continue;
		}
		/* What the plan's own columns say differently is not an
		 * update: say so, since the edit would be lost. */
		if (*text && !same_text(text, act->text))
			diag_warning(
			        d,
			        sheet_pos(a, t, r->row,
			                  im.col[SHEET_COL_ACTION]),
			        "the action's text differs from the plan's; "
			        "import takes status, dates and notes only, "
			        "so the plan keeps its text (change it in "
			        "the YAML)");
		if (*owner && !same_text(owner, act->owner))
			diag_warning(
			        d,
			        sheet_pos(a, t, r->row,
			                  im.col[SHEET_COL_OWNER]),
			        "the owner differs from the plan's (%s); "
			        "import takes status, dates and notes only, "
			        "so the plan keeps its owner",
			        act->owner);
		if (*prio && strcmp(prio, act->priority) != 0)
			diag_warning(
			        d,
			        sheet_pos(a, t, r->row,
			                  im.col[SHEET_COL_PRIORITY]),
			        "the plan has %s under priority %s; import "
			        "does not move an action",
			        act->id, act->priority);
		bool new_status = *status && strcmp(status, act->status) != 0;
		bool new_due = *due && strcmp(due, act->due) != 0;
		bool new_done = *done_on && strcmp(done_on, act->done_on) != 0;
		bool new_note = *note && strcmp(note, act->note) != 0;
		if (!new_status && !new_due && !new_done && !new_note)
			continue;
		buf_puts(&updates, "      ");
		put_id(&updates, id);
		buf_puts(&updates, ":\n");
		if (new_status)
			buf_printf(&updates, "        status: %s\n", status);
		if (new_done)
			buf_printf(&updates, "        done_on: %s\n", done_on);
		if (new_due)
			buf_printf(&updates, "        due: %s\n", due);
		if (new_note) {
			buf_puts(&updates, "        note: ");
			put_quoted(&updates, note);
			buf_putc(&updates, '\n');
		}
		nupdates++;
	}
	for (size_t i = 0; i < im.nacts; i++)
		if (!im.seen[i])
			diag_warning(
			        d, sheet_pos(a, t, 0, -1),
			        "%s is in the plan but has no row in the "
			        "tracker: it keeps its status (import never "
			        "removes an action; to drop one, set its "
			        "status to %s)",
			        im.acts[i].id, o->words->word[5]);
	char *ext = extends_path(&im);
	if (d->errors == errors) {
		const char *base = strrchr(t->file, '/');
		buf_printf(out,
		           "# %s: the quarter's progress, read by clerk import "
		           "from %s.\n"
		           "# Add the meeting and the report's front matter "
		           "(title, purpose, summary,\n"
		           "# recommendations) as for a quarterly file written "
		           "by hand.\n"
		           "clerk: 1\nextends: ",
		           o->quarter, base ? base + 1 : t->file);
		put_id(out, ext);
		buf_putc(out, '\n');
		if (o->meeting)
			buf_printf(out, "\nmeeting:\n  date: %s\n", o->meeting);
		if (nadds) {
			buf_puts(out, "\naction_plan:\n  priorities:\n");
			for (size_t i = 0; i < nadds; i++) {
				bool first = true;
				for (size_t k = 0; k < i; k++)
					if (strcmp(adds[k].priority,
					           adds[i].priority) == 0)
						first = false;
				if (!first)
					continue;
				buf_puts(out, "    - id: ");
				put_id(out, adds[i].priority);
				buf_puts(out, "\n      actions:\n");
				for (size_t k = i; k < nadds; k++) {
					struct added *n = &adds[k];
					if (strcmp(n->priority,
					           adds[i].priority))
						continue;
					buf_puts(out, "        - id: ");
					put_id(out, n->id);
					buf_puts(out, "\n          text: ");
					put_quoted(out, n->text);
					if (*n->owner) {
						buf_puts(out,
						         "\n          owner: ");
						put_quoted(out, n->owner);
					}
					if (*n->due)
						buf_printf(
						        out,
						        "\n          due: %s",
						        n->due);
					buf_printf(out,
					           "\n          status: %s",
					           n->status);
					if (*n->done_on)
						buf_printf(out,
						           "\n          "
						           "done_on: %s",
						           n->done_on);
					if (*n->answers) {
						buf_puts(out, "\n          "
						              "answers: ");
						put_answers(out, n->answers);
					}
					buf_printf(out,
					           "\n          added: %s\n",
					           o->quarter);
				}
			}
		}
		buf_printf(out, "\nprogress:\n  %s:\n    as_of: %s\n",
		           o->quarter, o->as_of);
		if (nupdates)
			buf_printf(out, "    updates:\n%s", buf_cstr(&updates));
		else
			buf_puts(out, "    updates: {}\n");
	}
	free(ext);
	free(adds);
	buf_free(&updates);
	return d->errors == errors ? 0 : -1;
}
