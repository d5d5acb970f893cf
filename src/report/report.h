/* report: one report end to end, from its YAML file to its page and PDF.
 *
 * This module owns the pipeline. Its stages: load the file (following
 * `extends:`), check it against the schema, load its council's theme and
 * check the theme's rules (mandatory sections), run its hooks (the theme's
 * default hooks, then the report's own), build the view the templates
 * render, render the page (html/), take the print style from the theme
 * (paper/) and typeset the page into the PDF (pdf/, over layout/). A
 * command calls report_load and then either report_render (the whole rest)
 * or as many of the single stages as it needs, in order; each returns 0 or
 * -1 with its problems in `r->diags`, and later stages must not be called
 * after a failure. Everything the stages make lives in `r->arena` (the
 * theme in `r->theme_arena`) and is freed by report_free; what
 * report_render returns belongs to the caller (report_output_free). */
#ifndef CLERK_REPORT_REPORT_H
#define CLERK_REPORT_REPORT_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "hooks/hooks.h"
#include "layout/style.h"
#include "mustache/value_data.h"
#include "theme/theme.h"
#include "value/value.h"

struct report {
	struct arena arena;
	struct arena theme_arena; /* the theme, unless report_warm loaded it */
	struct diags diags;
	const char *path; /* the report file, as given */
	/* Where every file the stages read is noted (base/fs.h): the
	 * caller's recorder given to report_load, else `own_rec`. */
	struct fs_recorder *rec;
	struct fs_recorder own_rec;
	struct value *data; /* the loaded, extended report */
	struct theme theme;
	/* The theme's part of the PDF's style, made by report_warm with the
	 * theme (paper/paper.h's paper_style); NULL: made for this report. */
	const struct layout_style *paper_style;
	struct hooks *hooks;    /* NULL until report_compute, and again once
	                           report_render made the page */
	struct value *computed; /* map of hook name to its data */
	struct value *view;     /* what the templates see */
	/* Hook lambdas as Mustache filters, for html_page. */
	struct mustache_lambdas lambdas;
};

/* Loads what every report shares, once, into this process, for the
 * workers that `clerk build` forks after it: the hook library of
 * `scripts_dir`, compiled, fontconfig's configuration, and the theme of
 * each council folder of `templates_dir` with its templates compiled, its
 * font families looked up and their faces read (pdf_warm_style), and the
 * theme's part of the PDF's style made (r->paper_style). A report then takes
 * what it uses from there while the files it came from are unchanged, and notes
 * them as its inputs all the same, so its manifest is what it would have been.
 * Nothing here can fail: a file that cannot be loaded is left to the report
 * that uses it to report. */
void report_warm(const char *templates_dir, const char *scripts_dir);
/* For a process that renders PDFs with a core to spare (`clerk render`):
 * begins loading what the PDF needs first (fontconfig's configuration) on
 * a thread of its own while the first report is read, its hooks run and
 * its page made; the PDF waits for it. report_warm_wait joins that thread;
 * the process calls it before it ends. */
void report_warm_start(void);
void report_warm_wait(void);

/* Loads and checks the report at `path` with the theme of its `council:`
 * (or `council`, when not NULL, which overrides it) from the folder of
 * themes `templates_dir`. Every file this and the later stages read (the
 * report and what it extends, the theme's files, templates and partials,
 * hooks and their modules, images) and every file they looked for and
 * did not find is noted in `rec` (borrowed: it must outlive `r`), or, when
 * `rec` is NULL, in a recorder of the report's own, freed by
 * report_free. */
int report_load(struct report *r, const char *path, const char *templates_dir,
                const char *council, struct fs_recorder *rec);
/* Runs the hooks with "today" as `as_of` (NULL: the meeting date), using
 * the hook library in `scripts_dir`, and stores their results in
 * r->computed. */
int report_compute(struct report *r, const char *scripts_dir,
                   const char *as_of);
/* Builds r->view from the report, its computed data and the theme, and
 * makes every hook lambda a name the templates can use
 * (`{{#date_long}}...{{/date_long}}`). */
int report_view(struct report *r, const char *as_of);

/* What report_render makes, and how. */
struct report_render_options {
	const char *scripts_dir; /* the hook library */
	const char *as_of;       /* "today"; NULL: the meeting date */
	bool html;               /* return the page */
	bool pdf;                /* return the PDF, typeset from the page */
	/* The name diagnostics of the PDF path give the page ("out/q3.html");
	 * NULL: the report's path. */
	const char *page_name;
	/* Not NULL: also lay the page out and append the text dump of its
	 * display list here (layout_dump), as the golden tests pin it. */
	struct buf *display_list;
};
/* The outputs of report_render, owned by the caller. */
struct report_output {
	struct buf html; /* the page; empty unless asked for */
	struct buf pdf;  /* the PDF; empty unless asked for */
	/* Every input the report was made from (report_load): borrowed
	 * from the report's recorder, valid while it is. */
	const struct fs_recorder *files;
};
#define REPORT_OUTPUT_INIT               \
	{                                \
		BUF_INIT, BUF_INIT, NULL \
	}
/* Runs the rest of the pipeline on a report that report_load loaded:
 * hooks, view, page, print style and PDF, as `o` asks. The page is always
 * made (the PDF is typeset from it) but only returned when `o->html`.
 * Once the page is made, the report's data, computed data and view are
 * freed before the PDF is (r->data, r->computed and r->view are then
 * NULL), so only report_free may follow.
 * Returns 0 with the outputs in `out` (which must start as
 * REPORT_OUTPUT_INIT), or -1 with the problems in r->diags and `out`
 * emptied. */
int report_render(struct report *r, const struct report_render_options *o,
                  struct report_output *out);
void report_output_free(struct report_output *out);
void report_free(struct report *r);

#endif
