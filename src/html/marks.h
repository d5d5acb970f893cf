/* marks: the paragraphs block templates mark for numbering.
 *
 * A block template (a partial named in `show:` or printed as a theme's
 * block section) marks a paragraph that is a paragraph of the paper's
 * numbering with the class `para`: `<p class="para">` or `<p
 * class="series-sentence para">`. The view counts the marks of each
 * block as it numbers the paper (rendering the block once to count
 * them) and gives each its number, or none when the theme does not
 * count blocks or the block's section is unnumbered, in the view's
 * `paragraph_marks` list, in the page's order. Once the page is
 * rendered, html_number_marks writes those numbers in, as the view
 * writes the numbers of prose paragraphs, so the web page and the PDF
 * print the same:
 *
 *   <div class="numbered">
 *   <p id="para-4-3" class="trend"><span class="pn">4.3</span> ...</p>
 *   </div>
 *
 * with the list or table that follows the paragraph, if one does, inside
 * the wrapper too. The class `para` itself is taken out of every
 * paragraph it marks. */
#ifndef CLERK_HTML_MARKS_H
#define CLERK_HTML_MARKS_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "mustache/mustache.h"
#include "value/value.h"

/* Calls `each` with every <p> start tag of `html` (`len` bytes) whose
 * class holds `para`, the tag's `n` bytes borrowed from `html`, in
 * order. Returns how many there are. `each` may be NULL. */
size_t html_marks_each(const char *html, size_t len,
                       void (*each)(void *ctx, const char *tag, size_t n),
                       void *ctx);

/* Writes the numbers of `marks` (the view's `paragraph_marks`: for each
 * marked paragraph of the page in order a map with its start tag as the
 * block printed it, `tag`, the template file that wrote it, `at` (or
 * empty), and when numbered its `id` and `number`;
 * NULL: none is numbered) into `page`, and takes the class `para` out of
 * each marked paragraph. The trace's offsets are moved with the text, so
 * that it still points each byte of the page at its template. Returns 0,
 * or -1 with an error in `d` at the template that wrote a marked
 * paragraph the view did not count in its place: another tag, or one
 * another template wrote (the page is then left as it was). */
int html_number_marks(struct buf *page, const struct value *marks,
                      struct mustache_trace *trace, struct pos where,
                      struct diags *d);

#endif
