/* engine: the layout engine's internal types, shared by its files.
 *
 * Blocks are laid out into a flow: a list of slices, each an unbreakable
 * strip of the page (a line of text, a part of a table row between two
 * lines, a rule, an image) with its items positioned relative to the strip's
 * top. Pagination (paginate.c) then only decides where to cut the list:
 * each slice says whether a page may end just before it. Decorated boxes
 * (table cells, blocks with a background or border) are bands that the
 * slices inside them point to; each page draws a band over the slices it
 * holds, so a cell that continues on the next page is closed and reopened
 * cleanly. Not a public interface. */
#ifndef CLERK_LAYOUT_ENGINE_H
#define CLERK_LAYOUT_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/displist.h"
#include "layout/dom.h"
#include "layout/metrics.h"
#include "layout/style.h"

/* Most bytes of text in one display-list item: a longer run (a line of
 * characters without width) is drawn as several items, since libharu
 * refuses a string over 65535 bytes. */
#define LAYOUT_TEXT_ITEM_BYTES 16384

/* A node's resolved style (see style.h for the meaning of each field). */
struct computed {
	struct layout_props p;
	bool hidden; /* class visually-hidden or sr-only: web page only */
};

struct band {
	double x, w;
	uint32_t background;
	/* Each side's border (enum layout_side), drawn on the box's edge;
	 * width 0: none. */
	double border_width[4];
	uint32_t border_color[4];
	/* Pagination's: the page (+ 1; 0 for none) whose spans hold this
	 * band, at index `span`. Zero as allocated from the arena. */
	int span_page;
	size_t span;
};

enum mark_kind { MARK_OUTLINE, MARK_ANCHOR };

struct mark {
	enum mark_kind kind;
	int level;
	const char *text; /* outline title or anchor id */
};

struct table_info {
	size_t header_first, header_count; /* header slices in the flow */
	double header_height;
};

struct slice {
	double h, space_before;
	bool keep_with_prev, break_before;
	struct dl_item *items; /* y relative to the slice's top */
	size_t nitems, cap;
	struct band **bands;
	size_t nbands;
	struct mark *marks;
	size_t nmarks;
	struct table_info *table; /* set on a table's header and body slices */
	bool is_header;
	/* The structure reference (dl_item.elem) its items get when added:
	 * the engine's current element when the slice was made. */
	int elem;
	/* A table row's slices: the row's number (from 1; 0 elsewhere) and
	 * for each item the cell it is from, so that pagination writes each
	 * cell's part of a page in one run (reading order). */
	size_t row;
	size_t *cell;
};

struct flow {
	struct slice *s;
	size_t n, cap;
	double pending_space; /* margin waiting for the next slice */
	bool pending_keep;    /* the next slice keeps with the previous */
	bool pending_break;   /* the next slice starts a page */
	struct mark *marks;   /* waiting for the next slice */
	size_t nmarks, marks_cap;
};

/* A list marker waiting for the first line of its item. */
struct marker {
	const char *text;
	size_t len;
	int face;
	double size, x; /* left edge of the marker */
	uint32_t color;
	int elem; /* its structure reference: the Lbl, or the P it hangs in */
};

struct engine {
	const struct layout_style *st;
	const struct layout_metrics *m;
	struct arena *a;
	struct diags *d;
	struct dl_doc *doc; /* the output: media.c keeps decoded images in it */
	struct band **bands; /* the bands around what is being laid out */
	size_t nbands, bands_cap;
	struct marker marker;
	bool has_marker;
	int list_depth;
	bool keep_together; /* inside a heading: no break between lines */
	/* The tallest slice the flow being laid out may hold and still fit
	 * on a page with what pagination adds around it: the page's height
	 * at the top, less inside table cells (see table.c). */
	double max_slice;
	/* The structure element content is laid out in, as an index in
	 * doc->elems plus 1 (0 while nothing is open). */
	int elem;
	/* The in-page links laid out, checked against the anchors once the
	 * pages are made. */
	struct link_ref *links;
	size_t nlinks, links_cap;
	size_t rows; /* table rows laid out, to number them */
	/* Each element's last style, by its node: tables measure and lay
	 * out a cell's content more than once (engine_resolve). */
	struct style_memo *memo;
	size_t memo_cap, memo_n;
	/* The style rules by what an element must be to match them, made
	 * at the first element styled. */
	struct style_index *rules;
	/* The widths of the ASCII characters each style face has, plus 1
	 * (0: not yet asked), so that text in them is measured without
	 * calling the metrics (engine_glyph). */
	int16_t ascii_units[LAYOUT_MAX_FAMILIES * 4][128];
	/* engine_text_units() of each one-byte ASCII text in each style
	 * face, plus 1 (0: not yet asked): every piece of text asks the
	 * width of its space, and cutting a word asks each character's. */
	int32_t ascii_text_units[LAYOUT_MAX_FAMILIES * 4][128];
	/* The break opportunities of the text measured in table cells, to
	 * be taken again when the cells are laid out (breaks.c). */
	struct breaks_memo *breaks;
	int table_depth; /* tables being laid out, one inside another */
	/* The characters no face has that have been reported, each once. */
	uint32_t *missing;
	size_t nmissing, missing_cap;
};

struct link_ref {
	struct pos pos;
	const char *id; /* the target, without its '#' */
};

/* Notes that the link `n` goes to the element `id` of this document. */
void engine_note_link(struct engine *e, const struct dom_node *n,
                      const char *id);

/* Opens a structure element of `role` for `n` (its id copied; NULL for
 * none) under the current one, makes it current and returns the one it
 * replaces, for engine_close_elem(). */
int engine_open_elem(struct engine *e, enum dl_role role,
                     const struct dom_node *n);
void engine_close_elem(struct engine *e, int prev);
/* The element of the current reference, or NULL. */
struct dl_elem *engine_elem(struct engine *e, int ref);

/* The text content of `n`, spaces normalised, in the arena. */
const char *layout_node_text(struct engine *e, const struct dom_node *n);

/* style.c */
void layout_style_root(const struct layout_style *st, struct computed *out);
/* True when `n` has one of the space-separated `classes`. */
bool layout_style_has_any_class(const struct dom_node *n, const char *classes);
/* The rules layout_style_resolve() tries, in its order (the built-in
 * rules unless st->own_rules_only, then st->rules), filed by what an
 * element must be for each to match it: the tag or the first class of the
 * selector's rightmost compound, or nothing (pseudo-classes alone). The
 * caller frees it with layout_style_index_free(). */
struct style_index;
struct style_index *layout_style_index(const struct layout_style *st);
void layout_style_index_free(struct style_index *ix);
/* `n`'s style under `parent`'s, by the rules of `ix` (from
 * layout_style_index(st), with scratch space for the call). */
void layout_style_resolve(const struct layout_style *st, struct style_index *ix,
                          const struct dom_node *n,
                          const struct computed *parent, struct computed *out);
/* layout_style_resolve(e->st, ...), remembered per node: the style of a
 * node under the same parent style is matched once. */
void engine_resolve(struct engine *e, const struct dom_node *n,
                    const struct computed *parent, struct computed *out);

/* flow.c */
struct slice *layout_flow_add(struct engine *e, struct flow *f, double h);
struct dl_item *layout_slice_add(struct slice *s, enum dl_kind kind);
void layout_flow_space(struct flow *f, double space);
void layout_flow_mark(struct flow *f, enum mark_kind kind, int level,
                      const char *text);
void layout_flow_free(struct flow *f);
void engine_push_band(struct engine *e, struct band *b);
void engine_pop_band(struct engine *e);
/* The width of `s[0..len)` in 1/1000 em of `face`, as lines are measured:
 * a no-break space as a space, a character the face lacks with its width
 * in the face engine_glyph() draws it from, one no face has as U+FFFD. */
long engine_text_units(struct engine *e, int face, const char *s, size_t len);
/* The same in points at `size`. */
double engine_text_width(struct engine *e, int face, double size, const char *s,
                         size_t len);
/* The face that draws `cp` in text set in `face`, with the glyph's width
 * in 1/1000 em in `*w`: `face` itself when it has the glyph, else the
 * first face of the fallback chain that has it (the metrics'
 * fallback_face, or the style's fallback family). -1, with `*w` 0, when
 * no face has it. */
int engine_glyph(struct engine *e, int face, uint32_t cp, int *w);
/* What a character no face has is drawn as: U+FFFD, in UTF-8. */
#define ENGINE_REPLACEMENT "\xEF\xBF\xBD"
/* One run of text in one face, for a line drawn outside the paragraph
 * engine (running headers, SVG text): `s` points into the text or, for a
 * character no face has, to ENGINE_REPLACEMENT. `w` is in points. */
struct engine_run {
	int face;
	const char *s;
	size_t len;
	double w;
};
/* Cuts `s[0..len)`, set in `face` at `size`, into runs of one face each
 * as engine_glyph() chooses them, into `*out` (in the arena); returns
 * how many. Their widths add up to engine_text_width(). */
size_t engine_text_runs(struct engine *e, int face, double size, const char *s,
                        size_t len, struct engine_run **out);
/* Reports `cp`, found at byte `at` of the text `s[0..len)` at `pos`, as a
 * character no installed font has: a warning with the text around it,
 * once per distinct character in the document. */
void engine_note_missing(struct engine *e, struct pos pos, const char *s,
                         size_t len, size_t at, uint32_t cp);
/* The name of the right-to-left script `cp` belongs to ("Arabic",
 * "Hebrew" ...), or NULL for a character the PDF sets left to right. */
const char *engine_rtl_script(uint32_t cp);
void engine_extent(struct engine *e, int face, double size, double *ascent,
                   double *descent);
uint32_t engine_parse_color(const char *s, uint32_t dflt);

/* block.c */
void layout_blocks(struct engine *e, struct flow *f,
                   const struct dom_node *parent, const struct computed *cs,
                   double x, double w);
void layout_block(struct engine *e, struct flow *f, const struct dom_node *n,
                  const struct computed *parent, double x, double w);
/* Smallest and natural widths of a node's content, for table columns. */
void layout_measure_node(struct engine *e, const struct dom_node *n,
                         const struct computed *parent, double *minw,
                         double *maxw);

/* inline.c: lays out the inline nodes [first, end) as lines. */
void layout_inline(struct engine *e, struct flow *f,
                   const struct dom_node *first, const struct dom_node *end,
                   const struct computed *cs, double x, double w,
                   bool keep_together);
void layout_measure_inline(struct engine *e, const struct dom_node *first,
                           const struct dom_node *end,
                           const struct computed *cs, double *minw,
                           double *maxw);

/* breaks.c: line break opportunities and hyphenation points. */
/* Fills `brks[0..len)` for the UTF-8 text `s`: brks[i] tells whether a
 * line may end after byte i (see layout_breaks_allowed). */
void layout_breaks_find(const char *s, size_t len, char *brks);
bool layout_breaks_allowed(char brk);
/* Keeps a copy of the opportunities `brks` of `s[0..len)` for one later
 * layout_breaks_recall() of the same text: a table measures each cell
 * before it lays it out. Nothing is kept once the memo holds
 * LAYOUT_BREAKS_MEMO_BYTES. */
void layout_breaks_keep(struct engine *e, const char *s, size_t len,
                        const char *brks);
/* Fills `brks[0..len)` as layout_breaks_find() would, from the copy kept
 * for the same text, which is then dropped; false when none was kept. */
bool layout_breaks_recall(struct engine *e, const char *s, size_t len,
                          char *brks);
/* Drops every copy kept, and the memo. */
void layout_breaks_forget(struct engine *e);
/* The byte offsets in `s[0..len)` (one word) where a hyphen may go, at
 * most `max` of them, in order; 0 when the word is not one to hyphenate
 * or the patterns cannot be loaded. */
size_t layout_hyphen_points(const char *s, size_t len, size_t *at, size_t max);
/* Loads the patterns if not yet tried; false when they cannot be. */
bool layout_hyphen_ready(void);
const char *layout_hyphen_patterns(void);

/* table.c */
void layout_table(struct engine *e, struct flow *f, const struct dom_node *n,
                  const struct computed *cs, double x, double w);

/* media.c: images, rules and SVG charts */
void layout_image(struct engine *e, struct flow *f, const struct dom_node *n,
                  const struct computed *cs, double x, double w);
void layout_svg(struct engine *e, struct flow *f, const struct dom_node *n,
                const struct computed *cs, double x, double w);

/* paginate.c */
void layout_paginate(struct engine *e, struct flow *f, struct dl_doc *doc);

#endif
