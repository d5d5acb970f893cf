/* display list: positioned drawing operations, one list per page.
 *
 * The layout engine's output and the PDF writer's input. Coordinates are
 * points from the page's top-left corner, y growing downwards; the writer
 * flips them. Text items carry the baseline's origin. Nothing here knows
 * about fonts beyond a face number (see metrics.h).
 *
 * layout_dump() prints a document as text, one item a line with two
 * decimals, so golden files can compare layouts without a PDF. */
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

struct dl_item {
	enum dl_kind kind;
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
