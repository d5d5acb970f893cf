/* dom: the HTML that templates write, parsed and checked against the
 * vocabulary the PDF path supports.
 *
 * dom_parse() reads well-formed XHTML-style HTML5 with libxml2's XML parser
 * (so a template bug is an error at its line and column, never a silently
 * repaired tree) and copies it into clerk's own tree in an arena. Elements
 * outside the vocabulary of docs/pdf.md are errors with their position;
 * whitespace-only text between blocks is dropped, and runs of white space
 * in text become one space. This is the only file that includes libxml2. */
#ifndef CLERK_LAYOUT_DOM_H
#define CLERK_LAYOUT_DOM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"

enum dom_tag {
	DOM_TEXT,
	/* document */
	DOM_HTML,
	DOM_HEAD,
	DOM_BODY,
	DOM_IGNORED, /* title, meta, style ... */
	/* blocks */
	DOM_H1,
	DOM_H2,
	DOM_H3,
	DOM_H4,
	DOM_H5,
	DOM_H6,
	DOM_P,
	DOM_DIV,
	DOM_SECTION,
	DOM_HEADER,
	DOM_FOOTER,
	DOM_MAIN,
	DOM_ARTICLE,
	DOM_ASIDE,
	DOM_NAV,
	DOM_FIGURE,
	DOM_FIGCAPTION,
	DOM_BLOCKQUOTE,
	DOM_UL,
	DOM_OL,
	DOM_LI,
	DOM_DL,
	DOM_DT,
	DOM_DD,
	DOM_HR,
	DOM_TABLE,
	DOM_CAPTION,
	DOM_COLGROUP,
	DOM_COL,
	DOM_THEAD,
	DOM_TBODY,
	DOM_TFOOT,
	DOM_TR,
	DOM_TH,
	DOM_TD,
	/* inline */
	DOM_SPAN,
	DOM_STRONG,
	DOM_B,
	DOM_EM,
	DOM_I,
	DOM_A,
	DOM_BR,
	DOM_IMG,
	DOM_CODE,
	DOM_SMALL,
	DOM_SUB,
	DOM_SUP,
	DOM_ABBR,
	DOM_DEL,
	DOM_TIME,
	/* SVG charts */
	DOM_SVG,
	DOM_SVG_G,
	DOM_SVG_RECT,
	DOM_SVG_LINE,
	DOM_SVG_POLYLINE,
	DOM_SVG_TEXT,
	DOM_SVG_CIRCLE,
	DOM_SVG_TITLE,
	DOM_SVG_DESC,
	DOM_SVG_PATH,
	DOM_SVG_POLYGON,
	DOM_NTAGS
};

struct dom_attr {
	const char *name, *value;
};

struct dom_node {
	enum dom_tag tag;
	const char *name; /* element name as written */
	struct pos pos;
	struct dom_node *parent, *first, *last, *next;
	const char *text; /* DOM_TEXT: normalised UTF-8 */
	size_t len;
	struct dom_attr *attrs;
	size_t nattrs;
	const char *classes; /* the class attribute, or "" */
	const char *id;      /* or NULL */
};

/* Parses `html[0..len)`; `source_name` names it in diagnostics and must
 * outlive the tree. Returns the root (the html or body element, or a
 * fragment's single root) allocated in `arena`, or NULL after adding
 * errors to `d`. */
struct dom_node *dom_parse(const char *html, size_t len,
                           const char *source_name, struct arena *arena,
                           struct diags *d);
/* Parses the SVG image `svg[0..len)` (a theme's logo) as dom_parse()
 * does, but an element outside the SVG subset is a warning at `at` (the
 * <img> that shows the image) naming the element, and is left out, so the
 * rest of the logo is still drawn. */
struct dom_node *dom_parse_image(const char *svg, size_t len,
                                 const char *source_name, struct pos at,
                                 struct arena *arena, struct diags *d);
/* The value of attribute `name`, or NULL. */
const char *dom_attr(const struct dom_node *n, const char *name);
/* True when the space-separated class list of `n` holds `cls`
 * (`cls_len` bytes). */
bool dom_has_class(const struct dom_node *n, const char *cls, size_t cls_len);
/* Element name for a tag ("p"), for messages and selectors. */
const char *dom_tag_name(enum dom_tag tag);
bool dom_is_inline(enum dom_tag tag);

#endif
