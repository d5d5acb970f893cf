/* view: the data a report's page template sees.
 *
 * The view is a value tree built from the report, its computed hook data
 * and the theme, in the shape templates want, so that templates hold no
 * logic:
 *
 * - every prose (Markdown) field is replaced by its HTML, which templates
 *   print with triple braces; every other field stays text, which
 *   templates print escaped with double braces;
 * - paragraph numbers and heading numbers are assigned here, in the
 *   theme's style, and written into the HTML as text, so the web page and
 *   the PDF (which typesets the same HTML) print the same numbers; the
 *   paragraphs block templates mark class="para" are numbered here too,
 *   in `paragraph_marks`, and written into the page when it is rendered
 *   (html/marks.h);
 * - `sections` lists what the page prints, in the theme's order, each
 *   entry naming the partial that renders it (`{{>*partial}}`);
 * - dates get `_long` and `_short` twins ("14 January 2020", "14 Jan
 *   2020", in the theme's words for dates and months), grades and
 *   statuses a `_name` as the theme's vocabulary names them ("Requires
 *   improvement"), URLs a safe `_href`;
 * - the view writes no English of its own: words come from the
 *   templates, the vocabulary or brand.yaml `words:` (`words` in the
 *   view).
 *
 * Everything lives in the caller's arena. */
#ifndef CLERK_HTML_VIEW_H
#define CLERK_HTML_VIEW_H

#include "base/arena.h"
#include "base/diag.h"
#include "mustache/value_data.h"
#include "theme/theme.h"
#include "value/value.h"

/* Builds the view of `report` (a checked report) with `computed` (a map
 * from hook name to its data, or NULL when no hooks ran) in `theme`'s
 * style. `as_of` (YYYY-MM-DD or NULL) is the report's "today". `dir` is
 * the report's folder: Markdown images are files inside it, embedded in
 * the page as data: URIs. Returns the view, or NULL with an error in `d`
 * (Markdown that md4c gave up on, an image that is missing, damaged or
 * outside `dir`, a `show` name the theme has no block for). */
struct value *html_view(struct arena *a, const struct value *report,
                        const struct value *computed, const struct theme *theme,
                        const char *as_of, const char *dir, struct diags *d);
/* html_view, with the hooks' functions that prose may call
 * (`{{#money}}...{{/money}}`): each is a root-level name of `report`
 * tagged `lambdas->lambda_tag` (report/ adds them). `lambdas` may be NULL. */
struct value *html_view_with(struct arena *a, const struct value *report,
                             const struct value *computed,
                             const struct theme *theme, const char *as_of,
                             const char *dir,
                             const struct mustache_lambdas *lambdas,
                             struct diags *d);

/* Appends `date` (YYYY-MM-DD) in `t`'s words: as brand.yaml `words:`
 * date_long lays it out ("{day} {month} {year}": "14 January 2020") with
 * the month names month_1 ... month_12, joined by no-break spaces (U+00A0)
 * so that no line ends inside it; other text unchanged. */
void html_date_long(const struct theme *t, struct buf *out, const char *date);
/* The same by date_short ("14 Jan 2020", the names month_short_1 ...),
 * for tables. */
void html_date_short(const struct theme *t, struct buf *out, const char *date);

/* Numbers top-level paragraphs of an HTML fragment. Each <p> at the top
 * level gets an id "para-N" and a leading <span class="pn">N</span>,
 * where N is `prefix` followed by the paragraph's counter (taken from and
 * stored back in `*counter`), and for flat numbering just the counter
 * (NULL `prefix`). The id's dots are hyphens ("para-4-1-3"). The printed
 * number follows `format` (see html_number_format). */
void html_number_paragraphs(struct buf *out, const char *html,
                            const char *prefix, const char *format,
                            int *counter);
/* Appends number `n` of the section numbered `prefix` (NULL or "" in
 * flat styles) as brand.yaml `numbering.format` says: {n} is `n`, {s} is
 * `prefix`, other text as written (escaped for HTML when `escape`). A NULL
 * `format` is "{s}.{n}", or "{n}" without a prefix. */
void html_number_format(struct buf *out, const char *format, const char *prefix,
                        int n, bool escape);

#endif
