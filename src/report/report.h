/* report: one report from its YAML file to the data its templates see.
 *
 * The stages every command shares: load the file (following `extends:`),
 * check it against the schema, load its council's theme and check the
 * theme's rules (mandatory sections), run its hooks (the theme's default
 * hooks, then the report's own) and build the view the templates render.
 * A command calls as many stages as it needs, in order; each returns 0 or
 * -1 with its problems in `r->diags`, and later stages must not be called
 * after a failure. Everything lives in `r->arena` and is freed by
 * report_free. */
#ifndef CLERK_REPORT_REPORT_H
#define CLERK_REPORT_REPORT_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "hooks/hooks.h"
#include "mustache/value_data.h"
#include "theme/theme.h"
#include "value/value.h"

struct report {
	struct arena arena;
	struct diags diags;
	const char *path;   /* the report file, as given */
	struct value *data; /* the loaded, extended report */
	/* Every file the report was read from (the file and those it
	 * extends), a list of strings, for rebuild decisions. */
	struct value *files;
	struct theme theme;
	struct hooks *hooks;    /* NULL until report_compute */
	struct value *computed; /* map of hook name to its data */
	struct value *view;     /* what the templates see */
	/* Hook lambdas as Mustache filters, for html_page. */
	struct value_data_lambdas lambdas;
};

/* Loads and checks the report at `path` with the theme of its `council:`
 * (or `council`, when not NULL, which overrides it) from the folder of
 * themes `templates_dir`. */
int report_load(struct report *r, const char *path, const char *templates_dir,
                const char *council);
/* Runs the hooks with "today" as `as_of` (NULL: the meeting date), using
 * the hook library in `scripts_dir`, and stores their results in
 * r->computed. */
int report_compute(struct report *r, const char *scripts_dir,
                   const char *as_of);
/* Builds r->view from the report, its computed data and the theme, and
 * makes every hook lambda a name the templates can use
 * (`{{#date_long}}...{{/date_long}}`). */
int report_view(struct report *r, const char *as_of);
void report_free(struct report *r);

#endif
