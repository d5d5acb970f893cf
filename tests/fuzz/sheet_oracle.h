/* The oracle the spreadsheet readers' fuzz targets share: a table that
 * reads must hold to its invariants (rows in order, within the limits,
 * every text NUL-terminated at its length), and imported into a small
 * plan it must give YAML that loads again, every note intact; a failure
 * must say why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "load/load.h"
#include "sheet/sheet.h"

static const char plan_yaml[] =
        "clerk: 1\n"
        "action_plan:\n"
        "  priorities:\n"
        "    - id: P1\n"
        "      title: One\n"
        "      actions:\n"
        "        - {id: P1.1, text: First, owner: A, due: 2020-12-31}\n"
        "        - {id: P1.2, text: Second, owner: B, due: 2021-03-31}\n"
        "progress:\n"
        "  2020-21 Q1:\n"
        "    as_of: 2020-06-30\n"
        "    updates:\n"
        "      P1.1: {status: on_track, note: \"a note\"}\n";

static void check_table(const struct sheet_table *t)
{
	unsigned last = 0;
	if (t->nrows > (size_t)LIMIT_SHEET_ROWS)
		abort();
	for (size_t i = 0; i < t->nrows; i++) {
		const struct sheet_row *r = &t->rows[i];
		if (r->row <= last || r->ncells == 0 ||
		    r->ncells > (size_t)LIMIT_SHEET_COLUMNS)
			abort();
		last = r->row;
		for (size_t k = 0; k < r->ncells; k++) {
			const struct sheet_cell *c = &r->cells[k];
			if (!c->text || c->text[c->len] != '\0' ||
			    c->len > (size_t)LIMIT_SHEET_CELL_BYTES)
				abort();
		}
	}
}

static void check_import(struct arena *a, const struct sheet_table *t)
{
	struct diags d = DIAGS_INIT;
	struct value *plan = NULL;
	if (load_text(a, "fuzz-plan.yaml", plan_yaml, sizeof plan_yaml - 1,
	              &plan, &d) != 0)
		abort();
	struct sheet_words w = {{"Not started", "Green", "Amber", "Red",
	                         "Complete", "Cancelled"},
	                        {0},
	                        {0},
	                        NULL};
	struct sheet_import_options o = {.table = t,
	                                 .plan = plan,
	                                 .into = "fuzz-plan.yaml",
	                                 .out = "fuzz-out.yaml",
	                                 .quarter = "2020-21 Q2",
	                                 .as_of = "2020-09-30",
	                                 .words = &w};
	struct buf out = BUF_INIT;
	if (sheet_import(a, &o, &out, &d) == 0) {
		struct value *v = NULL;
		struct diags again = DIAGS_INIT;
		if (load_text(a, "fuzz-out.yaml", out.data, out.len, &v,
		              &again) != 0) {
			diags_print(&again, stderr, false);
			fwrite(out.data, 1, out.len, stderr);
			abort(); /* what import writes must load */
		}
		diags_free(&again);
	} else if (d.errors == 0) {
		abort();
	}
	buf_free(&out);
	diags_free(&d);
}

typedef int (*sheet_reader)(struct arena *, const char *, const char *, size_t,
                            struct sheet_table *, struct diags *);

static int fuzz_sheet(sheet_reader read, const char *name, const uint8_t *data,
                      size_t size)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct sheet_table t;
	if (read(&a, name, (const char *)data, size, &t, &d) == 0) {
		check_table(&t);
		check_import(&a, &t);
	} else if (d.errors == 0) {
		abort(); /* a failure must say why */
	}
	diags_free(&d);
	arena_free(&a);
	return 0;
}
