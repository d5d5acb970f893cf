/* finish: checks and marks made on the whole rendered page.
 *
 * html_finish runs on the page html_page has just rendered: an in-page
 * link (href="#id") to an id the page does not hold is an error at the
 * template position that wrote it; each scrolling table's wrapper
 * (`<div class="table-wrap">`) is made a named, focusable region
 * labelled by its caption; and the first use in the text of each
 * glossary term (the report's glossary, then brand.yaml's standing
 * `glossary:`) is wrapped in <abbr title="...">. */
#ifndef CLERK_HTML_FINISH_H
#define CLERK_HTML_FINISH_H

#include "base/buf.h"
#include "base/diag.h"
#include "mustache/mustache.h"
#include "theme/theme.h"
#include "value/value.h"

/* Checks and rewrites `page` in place. `trace` (may be NULL: errors then
 * name the theme's folder) is the render's, its templates still alive;
 * `view` the data the page was rendered from. Returns 0, or -1 with every
 * broken link in `d` (the page is then left as it was). */
int html_finish(const struct theme *theme, const struct value *view,
                const struct mustache_trace *trace, struct buf *page,
                struct diags *d);

#endif
