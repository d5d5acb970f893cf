/* diag: source positions and the diagnostics list every stage reports into.
 *
 * A diagnostic prints in the gcc form `file:line:col: error: message`, so
 * editors jump to it. Lines and columns are 1-based; a column of 0 means the
 * whole line, a line of 0 the whole file. Stages that validate add every
 * problem they find; parsers stop at the first. */
#ifndef CLERK_BASE_DIAG_H
#define CLERK_BASE_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A place in a source file. `file` is borrowed: it must outlive the node or
 * diagnostic that carries it (the loader keeps file names in its arena). */
struct pos {
	const char *file;
	int line;
	int col;
};

enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

/* Every diagnostic names the rule that raised it, a short stable id
 * ("yaml-tab", "action-id-reused"), so tools can filter, count and link
 * them (`clerk check --diagnostics json|sarif`). Rule ids are string
 * literals: kept by pointer, never freed. A stage that does not name a
 * rule gets the default of the list it reports into (`struct
 * diags.rule`): the stage's name, as report/ sets it ("schema",
 * "theme", "hooks" ...). docs/diagnostics.md lists them. */
struct diag {
	enum diag_level level;
	char *file; /* owned copy */
	int line;
	int col;
	char *msg;        /* owned */
	const char *rule; /* static; never NULL once added */
};

struct diags {
	struct diag *items;
	size_t len;
	size_t cap;
	size_t errors; /* all of them, kept or not */
	size_t warnings;
	/* Errors past LIMIT_DIAG_ERRORS are counted here, not kept, and so
	 * are the notes that follow them (`dropping`). */
	size_t dropped;
	bool dropping;
	/* The rule of diagnostics added without one (static; NULL: those
	 * keep none until moved into a list that has a default, and print
	 * as "clerk"). */
	const char *rule;
};

#define DIAGS_INIT                               \
	{                                        \
		NULL, 0, 0, 0, 0, 0, false, NULL \
	}

void diag_add(struct diags *d, enum diag_level level, struct pos pos,
              const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void diag_vadd(struct diags *d, enum diag_level level, struct pos pos,
               const char *fmt, va_list ap)
        __attribute__((format(printf, 4, 0)));
/* diag_add with the rule named: `rule` is a string literal. */
void diag_add_rule(struct diags *d, enum diag_level level, const char *rule,
                   struct pos pos, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));
/* Shorthands for diag_add(d, DIAG_ERROR, ...) and DIAG_WARNING. */
void diag_error(struct diags *d, struct pos pos, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
void diag_warning(struct diags *d, struct pos pos, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* The rule of `dg`: its own, else "clerk". */
const char *diag_rule(const struct diag *dg);
/* Writes one diagnostic as `file:line:col: level: message\n`. */
void diag_format(const struct diag *dg, FILE *out);
/* Writes every diagnostic in the order they were added; notes and warnings
 * are skipped when `errors_only`. Only the first LIMIT_DIAG_ERRORS errors
 * are kept; the rest are counted and printed as one last line,
 * "... and N more errors". */
void diags_print(const struct diags *d, FILE *out, bool errors_only);
/* Moves every diagnostic of `from` to the end of `to`; those without a
 * rule take the default rule of `to`. */
void diags_move(struct diags *to, struct diags *from);
void diags_free(struct diags *d);

#endif
