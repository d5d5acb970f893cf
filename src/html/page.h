/* page: the report's web page, rendered from the theme's templates.
 *
 * The page is the template `report` (report.mustache), looked up with its
 * partials in the theme's search path (the council's folder, then
 * templates/default), rendered with the view (html/view.h). The result is
 * a self-contained XHTML-style HTML5 document: the stylesheet is inlined
 * and the logo embedded, so the file can be published as it is. The
 * numbers of the paragraphs block templates mark class="para" are then
 * written in (html/marks.h), and the page finished (html/finish.h). */
#ifndef CLERK_HTML_PAGE_H
#define CLERK_HTML_PAGE_H

#include "base/buf.h"
#include "base/diag.h"
#include "mustache/value_data.h"
#include "theme/theme.h"
#include "value/value.h"

/* Renders `view` into `out` with `theme`'s templates. `lambdas` (may be
 * NULL) are the hooks' Mustache lambdas. Returns 0, or -1 with the error
 * in `d` (a template that does not compile, at its file:line:col; a
 * paragraph marked class="para" that the view did not count there). */
int html_page(const struct theme *theme, const struct value *view,
              const struct mustache_lambdas *lambdas, struct buf *out,
              struct diags *d);

#endif
