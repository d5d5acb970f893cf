/* paper: the PDF's style and document information from a council theme.
 *
 * The bridge between the theme (brand.yaml tokens, theme/theme.h) and the
 * PDF engine (struct layout_style, struct pdf_info): page size and
 * margins, the families that the theme's CSS font lists name (mapped to
 * the TrueType files clerk embeds), sizes, colours, grade and status
 * badges, the running header and footer with this report's words (and the
 * first page's variant), the theme's style table as the layout's rules, and the
 * document's title, author, subject, keywords and date. It sits between
 * pdf/ and report/: it reads both and neither knows it. */
#ifndef CLERK_PAPER_PAPER_H
#define CLERK_PAPER_PAPER_H

#include "base/arena.h"
#include "base/diag.h"
#include "layout/style.h"
#include "pdf/pdf.h"
#include "theme/theme.h"
#include "value/value.h"

struct paper {
	struct layout_style style;
	struct pdf_info info;
};

/* Fills `out` for the report whose template view is `view` (the map the
 * templates saw: meeting, report, ...) in theme `t`. Strings and rules are
 * allocated in `a` or borrowed from `t`, which must outlive `out`; none
 * is borrowed from `view`, which may go first. The theme was checked
 * when it loaded, so this cannot fail. */
void paper_from_theme(struct arena *a, const struct theme *t,
                      const struct value *view, struct paper *out);
/* paper_from_theme in two parts: the style that is the same for every
 * report of theme `t` (page, families, body text, the style table's
 * rules; no running header or footer, title or date), into `st`; and the
 * paper of the report whose view is `view`, from a copy of that style
 * (`style`, which it borrows from, as from `t`). */
void paper_style(struct arena *a, const struct theme *t,
                 struct layout_style *st);
void paper_from_style(struct arena *a, const struct theme *t,
                      const struct layout_style *style,
                      const struct value *view, struct paper *out);

/* Gives `st` the rules of the style table `sheet` that the layout uses:
 * those for all media and for print, one layout rule per selector the
 * layout matches (`tag`, `.class`, `tag.class`, `parent > child`), in
 * CSS's cascade order (specificity, then the sheet's order), each with
 * the declarations it can draw mapped onto layout_props (docs/themes.md).
 * Other selectors and properties are left out. em and % are of
 * st->body.size, so the body's properties must be set first. The rules
 * replace the layout's built-in ones (own_rules_only). The classes
 * whose rule says `-clerk-hang: number` become st->hang_classes.
 * Allocated in `a`. */
void paper_rules(struct arena *a, const struct theme_style *sheet,
                 struct layout_style *st);

/* Warns in `d` at each fonts entry (brand.yaml `fonts.NAME.family`)
 * whose list names no family the PDF can use, naming the list and the
 * family it falls back to; and, once per declaration at its
 * file:line:col, of each
 * declaration of a council's own style sheets (those not in the default
 * theme's folder) for all media or print whose property the PDF draws
 * but whose value it cannot read (`font-size: large`); properties it
 * does not draw are the browser's (docs/themes.md). Rules inside
 * `@media screen` and other queries are the web page's, and are not
 * checked. */
void paper_check(const struct theme *t, struct diags *d);

#endif
