/* layout: XHTML to pages of positioned drawing operations.
 *
 * The PDF path's engine, in stages: dom_parse() (libxml2) → style
 * resolution (style.h rules) → blocks cut into lines and table rows cut
 * into slices → pagination → a display list per page (displist.h). No
 * stage writes anything; the PDF module turns the display list into a
 * file, and tests compare its text dump with golden files.
 *
 * Text is measured only through `struct layout_metrics`, so the engine runs
 * the same with real fonts or with the fixed-width fake of the tests. */
#ifndef CLERK_LAYOUT_LAYOUT_H
#define CLERK_LAYOUT_LAYOUT_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/displist.h"
#include "layout/dom.h"
#include "layout/metrics.h"
#include "layout/style.h"

/* Lays out `html[0..len)` (named `source_name` in diagnostics) on pages.
 * Strings in `out` live in `arena`; free the arrays with dl_doc_free() and
 * the strings with arena_free(). Returns 0, or -1 with errors in `d`
 * (each `file:line:col: error: ...`); warnings may be added either way. */
int layout_html(const char *html, size_t len, const char *source_name,
                const struct layout_style *style,
                const struct layout_metrics *metrics, struct arena *arena,
                struct dl_doc *out, struct diags *d);

/* The same from a parsed tree. */
int layout_dom(const struct dom_node *root, const struct layout_style *style,
               const struct layout_metrics *metrics, struct arena *arena,
               struct dl_doc *out, struct diags *d);

#endif
