/* display list: positioned drawing operations, one list per page.
 *
 * The layout engine's output and the PDF writer's input. Coordinates are
 * points from the page's top-left corner, y growing downwards; the writer
 * flips them. Text items carry the baseline's origin. Nothing here knows
 * about fonts beyond a face number (see metrics.h).
 *
 * layout_dump() prints a document as text, one item a line with two
 * decimals, so golden files can compare layouts without a PDF. Each item
 * line ends with its structure reference, " @N" (N its element's index
 * in elems) or " art=layout|pagination|background"; after the pages, one
 * "elem N ROLE parent=P" line per element with its id, alt, scope,
 * headers and lang when set and colspan/rowspan when over 1. */
#ifndef CLERK_LAYOUT_DISPLIST_H
#define CLERK_LAYOUT_DISPLIST_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

struct image;

enum dl_kind {
	DL_TEXT,  /* text at (x, y) baseline, width w */
	DL_RECT,  /* filled rectangle x, y, w, h */
	DL_LINE,  /* stroked line from (x, y) to (x + w, y + h) */
	DL_POLY,  /* stroked polyline through `points` */
	DL_IMAGE, /* image file `text` in the box x, y, w, h */
	DL_LINK,  /* clickable area x, y, w, h to `text` (URL or #id) */
	DL_FILL   /* filled polygon through `points` */
};

/* Structure roles: the PDF standard structure types (ISO 32000-1 §14.8.4)
 * that the HTML's elements map to. The writer names each with its PDF
 * type; DL_ROLE_ASIDE is written as /Aside with a RoleMap entry to /Note
 * (PDF 1.7 has no Aside). */
enum dl_role {
	DL_ROLE_DOCUMENT,
	DL_ROLE_PART,
	DL_ROLE_SECT,
	DL_ROLE_DIV,
	DL_ROLE_H1,
	DL_ROLE_H2,
	DL_ROLE_H3,
	DL_ROLE_H4,
	DL_ROLE_H5,
	DL_ROLE_H6,
	DL_ROLE_P,
	DL_ROLE_L,
	DL_ROLE_LI,
	DL_ROLE_LBL,
	DL_ROLE_LBODY,
	DL_ROLE_TABLE,
	DL_ROLE_CAPTION,
	DL_ROLE_THEAD,
	DL_ROLE_TBODY,
	DL_ROLE_TFOOT,
	DL_ROLE_TR,
	DL_ROLE_TH,
	DL_ROLE_TD,
	DL_ROLE_LINK,
	DL_ROLE_FIGURE,
	DL_ROLE_SPAN,
	DL_ROLE_NOTE,
	DL_ROLE_ASIDE,
	DL_ROLE_BLOCKQUOTE,
	DL_ROLE_TOC,
	DL_ROLE_TOCI,
	DL_ROLE_CODE,
	DL_ROLE_NROLES
};

/* A structure element. Elements are added in document order (a parent
 * before its children), so `parent` is always a smaller index. Strings
 * are borrowed from the layout's arena. */
struct dl_elem {
	enum dl_role role;
	int parent;        /* index in dl_doc.elems; -1 for the root */
	const char *id;    /* the HTML id, or NULL (TH: its header id) */
	const char *alt;   /* Figure: /Alt; Link: the annotation's /Contents */
	const char *scope; /* TH: "Row", "Column" or "Both"; else NULL */
	const char
	        *headers; /* TD: the ids of its TH elements, space-separated */
	const char *lang; /* when it differs from the document's */
	int colspan, rowspan; /* TH, TD: 0 or 1 when the cell spans nothing */
};

/* What an item that belongs to no element is, as an artifact. */
enum dl_artifact {
	DL_ART_LAYOUT,     /* rules, borders, decoration */
	DL_ART_PAGINATION, /* running headers, footers, repeated table heads */
	DL_ART_BACKGROUND  /* box and row backgrounds */
};

struct dl_item {
	enum dl_kind kind;
	/* The structure element this item is content of, as its index in
	 * dl_doc.elems plus 1; 0 makes the item an artifact of kind
	 * `artifact`. A DL_LINK item's element is its Link. */
	int elem;
	enum dl_artifact artifact;
	double x, y, w, h;
	uint32_t color;
	int face;         /* DL_TEXT */
	double size;      /* DL_TEXT: font size; DL_LINE, DL_POLY: line width */
	const char *text; /* UTF-8 text, image path or link target */
	size_t len;
	const double *points; /* DL_POLY: x0, y0, x1, y1, ... */
	size_t npoints;
	const struct image *image; /* DL_IMAGE: its pixels, in the doc's list */
};

struct dl_page {
	struct dl_item *items;
	size_t len, cap;
};

/* An outline entry: a heading, with where it landed. */
struct dl_outline {
	int level; /* 1 for h1 */
	const char *title;
	int page; /* 0-based */
	double y;
};

/* A link target: an element id and where it landed. */
struct dl_anchor {
	const char *id;
	int page;
	double y;
};

struct dl_doc {
	double page_width, page_height;
	/* The structure tree, in document order; elems[0] is the Document
	 * once layout has run. Content order within the pages is reading
	 * order: the writer places a child element among its parent's
	 * content where its first item is drawn, or, for an element with no
	 * content (an empty cell), after its preceding sibling. */
	struct dl_elem *elems;
	size_t nelems, elems_cap;
	struct dl_page *pages;
	size_t npages, pages_cap;
	struct dl_outline *outline;
	size_t noutline, outline_cap;
	struct dl_anchor *anchors;
	size_t nanchors, anchors_cap;
	/* A hash index of `anchors` by id, kept by dl_add_anchor(): each
	 * slot holds an index + 1, or 0. */
	size_t *anchor_slots;
	size_t anchor_nslots;
	/* The decoded images, each once, keyed by the src that named it. */
	struct dl_image *images;
	size_t nimages, images_cap;
};

struct dl_image {
	char *key;           /* owned */
	struct image *image; /* owned; freed by dl_doc_free */
};

/* Appends an item to `page` and returns it (zeroed but for `kind`). The
 * pointer stays valid until the next append to the same page. */
struct dl_item *dl_add(struct dl_page *page, enum dl_kind kind);
/* Appends a structure element of `role` under `parent` (an index in
 * doc->elems, or -1) and returns its index; the other fields are zero. */
int dl_add_elem(struct dl_doc *doc, enum dl_role role, int parent);
/* The PDF structure type of `role`, as "P" or "TH". */
const char *dl_role_name(enum dl_role role);
/* Adds the anchor `id` (borrowed: it must outlive `doc`) at `page` and
 * `y`, unless one of that name is there already: the first one wins. */
void dl_add_anchor(struct dl_doc *doc, const char *id, int page, double y);
/* The anchor named `id`, or NULL. Constant time on average for anchors
 * added with dl_add_anchor(). */
const struct dl_anchor *dl_find_anchor(const struct dl_doc *doc,
                                       const char *id);
/* Prints `doc` as text (see the header comment). */
void layout_dump(const struct dl_doc *doc, struct buf *out);
/* Frees the arrays of `doc` (strings belong to the layout's arena). */
void dl_doc_free(struct dl_doc *doc);

#endif
