/* block: headings, paragraphs, lists, divisions and their boxes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/limits.h"
#include "layout/engine.h"

static void text_of(const struct dom_node *n, struct buf *b)
{
	if (n->tag == DOM_TEXT) {
		buf_put(b, n->text, n->len);
		return;
	}
	for (const struct dom_node *k = n->first; k; k = k->next)
		text_of(k, b);
}

const char *layout_node_text(struct engine *e, const struct dom_node *n)
{
	struct buf b = BUF_INIT;
	text_of(n, &b);
	size_t s = 0, len = b.len;
	while (s < len && b.data[s] == ' ')
		s++;
	while (len > s && b.data[len - 1] == ' ')
		len--;
	const char *r = arena_strndup(e->a, b.data ? b.data + s : "", len - s);
	buf_free(&b);
	return r;
}

/* The heading's text for its bookmark, shortened past
 * LIMIT_PDF_BOOKMARK_BYTES (at a character, with an ellipsis). */
static const char *bookmark_title(struct engine *e, const struct dom_node *n)
{
	const char *t = layout_node_text(e, n);
	size_t len = strlen(t);
	if (len <= LIMIT_PDF_BOOKMARK_BYTES)
		return t;
	diag_warning(e->d, n->pos,
	             "heading longer than %d bytes "
	             "(LIMIT_PDF_BOOKMARK_BYTES): its bookmark in the PDF is "
	             "shortened",
	             LIMIT_PDF_BOOKMARK_BYTES);
	len = LIMIT_PDF_BOOKMARK_BYTES - 3;
	while (len > 0 && ((unsigned char)t[len] & 0xC0) == 0x80)
		len--;
	char *s = arena_alloc(e->a, len + 4);
	memcpy(s, t, len);
	memcpy(s + len, "\xE2\x80\xA6", 4); /* …, and the terminator */
	return s;
}

static bool is_blank(const struct dom_node *n)
{
	if (n->tag != DOM_TEXT)
		return false;
	for (size_t i = 0; i < n->len; i++)
		if (n->text[i] != ' ')
			return false;
	return true;
}

/* Inline for the purpose of grouping: images stand on their own line. */
static bool flows_inline(const struct dom_node *n)
{
	return dom_is_inline(n->tag) && n->tag != DOM_IMG;
}

static void flush_marker(struct engine *e, struct flow *f,
                         const struct computed *cs)
{
	if (!e->has_marker)
		return;
	double a, d;
	engine_extent(e, e->marker.face, e->marker.size, &a, &d);
	double lh = cs->p.size * cs->p.line_height;
	struct slice *s = layout_flow_add(e, f, lh);
	struct dl_item *it = layout_slice_add(s, DL_TEXT);
	it->x = e->marker.x;
	it->y = (lh - a - d) / 2 + a;
	it->face = e->marker.face;
	it->size = e->marker.size;
	it->color = e->marker.color;
	it->text = e->marker.text;
	it->len = e->marker.len;
	it->elem = e->marker.elem;
	it->w = engine_text_width(e, it->face, it->size, it->text, it->len);
	e->has_marker = false;
}

void layout_blocks(struct engine *e, struct flow *f,
                   const struct dom_node *parent, const struct computed *cs,
                   double x, double w)
{
	const struct dom_node *start = NULL;
	bool content = false;
	for (const struct dom_node *k = parent->first;; k = k->next) {
		if (k && flows_inline(k)) {
			if (!start)
				start = k;
			if (!is_blank(k))
				content = true;
			continue;
		}
		if (start && content)
			layout_inline(e, f, start, k, cs, x, w,
			              e->keep_together);
		start = NULL;
		content = false;
		if (!k)
			break;
		layout_block(e, f, k, cs, x, w);
	}
}

/* A marker ends half an em before the text it numbers: close enough for
 * text extraction to read "4.1 The inspection..." as one line. */
static void set_marker(struct engine *e, const struct computed *cs,
                       const char *text, double text_x)
{
	e->marker.text = text;
	e->marker.len = strlen(text);
	e->marker.face = LAYOUT_FACE(cs->p.family, cs->p.bold, cs->p.italic);
	e->marker.size = cs->p.size;
	e->marker.color = cs->p.color;
	e->marker.elem = e->elem;
	double w = engine_text_width(e, e->marker.face, e->marker.size, text,
	                             e->marker.len);
	e->marker.x = text_x - w - cs->p.size * 0.5;
	if (e->marker.x < 0)
		e->marker.x =
		        0; /* a number too long to hang stays on the page */
	e->has_marker = true;
}

/* An indent of `want` in a box `w` wide, less when the box is too narrow
 * to leave its content a point (deep nesting). */
static double give_way(double want, double w)
{
	if (want <= w - 1)
		return want;
	return w > 1 ? w - 1 : 0;
}

/* Two insets of a box `w` wide, the left `*a` and the right `*b`, shrunk
 * in proportion when they would leave the content less than a point. */
static void give_way_sides(double *a, double *b, double w)
{
	double sum = *a + *b;
	if (sum <= w - 1)
		return;
	double k = w > 1 && sum > 0 ? (w - 1) / sum : 0;
	*a *= k;
	*b *= k;
}

/* True when some side of `p`'s border is drawn. */
static bool has_border(const struct layout_props *p)
{
	for (int side = 0; side < 4; side++)
		if (layout_border_width(p, side) > 0)
			return true;
	return false;
}

/* <p><span class="num">4.1</span> text</p>: the number hangs (and the
 * same first in an <li>: its marker). The classes are the style's. */
static const struct dom_node *hanging_number(const struct engine *e,
                                             const struct dom_node *p)
{
	const struct dom_node *k = p->first;
	while (k && is_blank(k))
		k = k->next;
	if (k && k->tag == DOM_SPAN &&
	    layout_style_has_any_class(k, e->st->hang_classes))
		return k;
	return NULL;
}

/* After the marker of the list item `item` (its reference): its LBody.
 * An item without a marker (a plain list) has no Lbl: the one opened
 * for it, still the last element, is taken back. */
static void open_body(struct engine *e, int item, bool toc)
{
	if (toc)
		return;
	if (!e->has_marker && e->doc->nelems == (size_t)item + 1 &&
	    e->doc->elems[item].role == DL_ROLE_LBL)
		e->doc->nelems--; /* no marker: no Lbl */
	e->elem = item;
	engine_open_elem(e, DL_ROLE_LBODY, NULL);
}

static void layout_list(struct engine *e, struct flow *f,
                        const struct dom_node *n, const struct computed *cs,
                        double x, double w)
{
	int depth = e->list_depth++;
	long number = 1;
	const char *start = dom_attr(n, "start");
	if (start)
		number = strtol(start, NULL, 10);
	double indent = give_way(e->st->bullet_indent, w);
	bool plain = cs->p.list_none ||
	             layout_style_has_any_class(n, e->st->plain_list_classes);
	if (plain)
		indent = 0;
	/* Items that bring their own marker (<span class="num">) hang it:
	 * the indent fits the widest. */
	double own = 0;
	for (const struct dom_node *li = n->first; li; li = li->next) {
		const struct dom_node *num =
		        li->tag == DOM_LI ? hanging_number(e, li) : NULL;
		if (!num)
			continue;
		struct computed lcs, ncs;
		engine_resolve(e, li, cs, &lcs);
		engine_resolve(e, num, &lcs, &ncs);
		const char *t = layout_node_text(e, num);
		double mw = engine_text_width(
		        e, LAYOUT_FACE(ncs.p.family, ncs.p.bold, ncs.p.italic),
		        ncs.p.size, t, strlen(t));
		mw += ncs.p.size * 0.5 + 2;
		if (mw > own)
			own = mw;
	}
	for (const struct dom_node *li = n->first; li; li = li->next) {
		if (li->tag != DOM_LI) {
			if (!is_blank(li))
				layout_block(e, f, li, cs, x, w);
			continue;
		}
		struct computed lcs;
		engine_resolve(e, li, cs, &lcs);
		if (lcs.hidden)
			continue;
		const char *value = dom_attr(li, "value");
		if (value)
			number = strtol(value, NULL, 10);
		const char *mark;
		if (n->tag == DOM_OL) {
			char num[32];
			snprintf(num, sizeof num, "%ld.", number);
			mark = arena_strdup(e->a, num);
			indent = give_way(e->st->bullet_indent + 6, w);
		} else {
			int b = depth < 3 ? depth : 2;
			mark = e->st->bullets[b] ? e->st->bullets[b] : "-";
		}
		number++;
		layout_flow_space(f, lcs.p.margin_top);
		if (li->id)
			layout_flow_mark(f, MARK_ANCHOR, 0, li->id);
		/* LI holds its marker as Lbl and its content as LBody; in a
		 * contents list, TOCI holds both. */
		bool toc = engine_elem(e, e->elem) &&
		           engine_elem(e, e->elem)->role == DL_ROLE_TOC;
		int outer = engine_open_elem(e, toc ? DL_ROLE_TOCI : DL_ROLE_LI,
		                             li);
		int item = e->elem;
		if (!toc)
			engine_open_elem(e, DL_ROLE_LBL, NULL);
		/* Numbers wider than half the list are not hung. */
		const struct dom_node *num =
		        own <= w / 2 ? hanging_number(e, li) : NULL;
		if (num) {
			double ind = own > e->st->bullet_indent + 6
			                     ? own
			                     : e->st->bullet_indent + 6;
			/* A hanging item's padding is its number's room, as
			 * on the web page (padding-left with a text-indent
			 * as far back). */
			if (lcs.p.padding[LAYOUT_LEFT] > ind)
				ind = lcs.p.padding[LAYOUT_LEFT];
			ind = give_way(ind, w);
			struct computed ncs;
			engine_resolve(e, num, &lcs, &ncs);
			set_marker(e, &ncs, layout_node_text(e, num), x + ind);
			open_body(e, item, toc);
			struct dom_node rest = *li;
			rest.first = num->next;
			layout_blocks(e, f, &rest, &lcs, x + ind, w - ind);
		} else {
			if (!plain)
				set_marker(e, &lcs, mark, x + indent);
			open_body(e, item, toc);
			layout_blocks(e, f, li, &lcs, x + indent, w - indent);
		}
		flush_marker(e, f, &lcs);
		engine_close_elem(e, outer);
		layout_flow_space(f, lcs.p.margin_bottom);
	}
	e->list_depth--;
}

static void layout_rule(struct engine *e, struct flow *f,
                        const struct computed *cs, double x, double w)
{
	double t = layout_border_width(&cs->p, LAYOUT_TOP);
	if (t <= 0)
		t = 0.75;
	struct slice *s = layout_flow_add(e, f, t);
	struct dl_item *it = layout_slice_add(s, DL_LINE);
	it->x = x;
	it->y = t / 2;
	it->w = w;
	it->size = t;
	it->color = cs->p.border[LAYOUT_TOP].color;
	it->elem = 0;
	it->artifact = DL_ART_LAYOUT;
}

/* A figure's alternative text: alt= on an image; on a chart its
 * aria-label, else its <title>. NULL when it has none. */
static const char *figure_alt(struct engine *e, const struct dom_node *n)
{
	const char *alt = dom_attr(n, n->tag == DOM_IMG ? "alt" : "aria-label");
	if (alt && alt[0])
		return alt;
	if (n->tag == DOM_SVG)
		for (const struct dom_node *k = n->first; k; k = k->next)
			if (k->tag == DOM_SVG_TITLE)
				return layout_node_text(e, k);
	return NULL;
}

/* The structure role of block `n`. A list in a <nav> is a table of
 * contents. */
static enum dl_role block_role(struct engine *e, const struct dom_node *n)
{
	switch (n->tag) {
	case DOM_H1:
	case DOM_H2:
	case DOM_H3:
	case DOM_H4:
	case DOM_H5:
	case DOM_H6:
		return (enum dl_role)(DL_ROLE_H1 + (n->tag - DOM_H1));
	case DOM_P:
	case DOM_DT:
	case DOM_DD:
		return DL_ROLE_P;
	case DOM_UL:
	case DOM_OL: {
		const struct dl_elem *up = engine_elem(e, e->elem);
		bool nav = n->parent && n->parent->tag == DOM_NAV;
		if (nav || (up && up->role == DL_ROLE_TOCI))
			return DL_ROLE_TOC;
		return DL_ROLE_L;
	}
	case DOM_TABLE:
		return DL_ROLE_TABLE;
	case DOM_CAPTION:
	case DOM_FIGCAPTION:
		return DL_ROLE_CAPTION;
	case DOM_BLOCKQUOTE:
		return DL_ROLE_BLOCKQUOTE;
	case DOM_ASIDE:
		return DL_ROLE_ASIDE;
	case DOM_SECTION:
	case DOM_ARTICLE:
		return DL_ROLE_SECT;
	case DOM_IMG:
	case DOM_SVG:
		return DL_ROLE_FIGURE;
	default:
		return DL_ROLE_DIV;
	}
}

void layout_block(struct engine *e, struct flow *f, const struct dom_node *n,
                  const struct computed *parent, double x, double w)
{
	if (n->tag == DOM_TEXT || n->tag == DOM_IGNORED || n->tag == DOM_HEAD) {
		return;
	}
	if (flows_inline(n)) {
		layout_inline(e, f, n, n->next, parent, x, w, e->keep_together);
		return;
	}
	struct computed cs;
	engine_resolve(e, n, parent, &cs);
	if (cs.hidden)
		return;
	int outer = e->elem;
	const char *alt = n->tag == DOM_IMG ? dom_attr(n, "alt") : NULL;
	bool decorative = alt && !alt[0];
	if (n->tag != DOM_HR && !decorative)
		engine_open_elem(e, block_role(e, n), n);
	if ((n->tag == DOM_IMG && !decorative) || n->tag == DOM_SVG)
		engine_elem(e, e->elem)->alt = figure_alt(e, n);
	if (cs.p.break_before && f->n)
		f->pending_break = true;
	layout_flow_space(f, cs.p.margin_top);
	if (n->id)
		layout_flow_mark(f, MARK_ANCHOR, 0, n->id);
	struct band *band = NULL;
	bool boxed = (cs.p.background != LAYOUT_NONE || has_border(&cs.p)) &&
	             n->tag != DOM_HR && n->tag != DOM_TABLE;
	/* Deep nesting must not push a box out of its parent's: the margins
	 * and the insets give way to leave the content a point. */
	double indent = cs.p.indent, right = cs.p.margin_right;
	give_way_sides(&indent, &right, w);
	double bw = w - indent - right;
	double inset[4] = {0, 0, 0, 0};
	if (boxed) {
		band = arena_alloc(e->a, sizeof *band);
		band->x = x + indent;
		band->w = bw;
		band->background = cs.p.background;
		for (int side = 0; side < 4; side++) {
			band->border_width[side] =
			        layout_border_width(&cs.p, side);
			band->border_color[side] = cs.p.border[side].color;
			inset[side] =
			        cs.p.padding[side] + band->border_width[side];
		}
		engine_push_band(e, band);
		give_way_sides(&inset[LAYOUT_LEFT], &inset[LAYOUT_RIGHT], bw);
		layout_flow_add(e, f, inset[LAYOUT_TOP]);
		f->pending_keep = true;
	}
	double cx = x + indent + inset[LAYOUT_LEFT];
	double cw = bw - inset[LAYOUT_LEFT] - inset[LAYOUT_RIGHT];
	if (cw < 1)
		cw = 1;
	switch (n->tag) {
	case DOM_H1:
	case DOM_H2:
	case DOM_H3:
	case DOM_H4:
	case DOM_H5:
	case DOM_H6: {
		layout_flow_mark(f, MARK_OUTLINE, (int)(n->tag - DOM_H1) + 1,
		                 bookmark_title(e, n));
		bool keep = e->keep_together;
		e->keep_together = true;
		layout_blocks(e, f, n, &cs, cx, cw);
		e->keep_together = keep;
		break;
	}
	case DOM_P: {
		const struct dom_node *num = hanging_number(e, n);
		struct computed ncs;
		double ind = e->st->number_indent;
		const char *t = NULL;
		if (num) {
			/* A number that does not fit in the margin, or a box
			 * too narrow for the indent, stays in the text. */
			engine_resolve(e, num, &cs, &ncs);
			t = layout_node_text(e, num);
			double mw = engine_text_width(e,
			                              LAYOUT_FACE(ncs.p.family,
			                                          ncs.p.bold,
			                                          ncs.p.italic),
			                              ncs.p.size, t, strlen(t));
			if (mw + ncs.p.size * 0.5 > cx + ind || ind > cw - 1)
				num = NULL;
		}
		if (num) {
			set_marker(e, &ncs, t, cx + ind);
			struct dom_node rest = *n;
			rest.first = num->next;
			layout_blocks(e, f, &rest, &cs, cx + ind, cw - ind);
			flush_marker(e, f, &cs);
		} else {
			layout_blocks(e, f, n, &cs, cx, cw);
		}
		break;
	}
	case DOM_UL:
	case DOM_OL:
		layout_list(e, f, n, &cs, cx, cw);
		break;
	case DOM_TABLE:
		layout_table(e, f, n, &cs, cx, cw);
		break;
	case DOM_HR:
		layout_rule(e, f, &cs, cx, cw);
		break;
	case DOM_IMG:
		layout_image(e, f, n, &cs, cx, cw);
		break;
	case DOM_SVG:
		layout_svg(e, f, n, &cs, cx, cw);
		break;
	default:
		layout_blocks(e, f, n, &cs, cx, cw);
		break;
	}
	if (boxed) {
		f->pending_keep = true;
		layout_flow_add(e, f, inset[LAYOUT_BOTTOM]);
		engine_pop_band(e);
	}
	if (cs.p.keep_with_next)
		f->pending_keep = true;
	layout_flow_space(f, cs.p.margin_bottom);
	engine_close_elem(e, outer);
}

void layout_measure_node(struct engine *e, const struct dom_node *n,
                         const struct computed *parent, double *minw,
                         double *maxw)
{
	*minw = *maxw = 0;
	if (n->tag == DOM_TEXT || n->tag == DOM_IGNORED)
		return;
	struct computed cs;
	engine_resolve(e, n, parent, &cs);
	if (cs.hidden)
		return;
	if (n->tag == DOM_IMG) {
		const char *wa = dom_attr(n, "width");
		*minw = *maxw = wa ? strtod(wa, NULL) * 0.75 : 100;
		return;
	}
	if (n->tag == DOM_SVG) {
		const char *wa = dom_attr(n, "width");
		*maxw = wa ? strtod(wa, NULL) * 0.75 : 300;
		*minw = *maxw / 2;
		return;
	}
	double extra = cs.p.indent + cs.p.margin_right;
	if (cs.p.background != LAYOUT_NONE || has_border(&cs.p))
		for (int side = LAYOUT_RIGHT; side <= LAYOUT_LEFT; side += 2)
			extra += cs.p.padding[side] +
			         layout_border_width(&cs.p, side);
	if (n->tag == DOM_LI)
		extra += e->st->bullet_indent + 6;
	if (n->tag == DOM_P && hanging_number(e, n))
		extra += e->st->number_indent;
	const struct dom_node *start = NULL;
	for (const struct dom_node *k = n->first;; k = k->next) {
		double a = 0, b = 0;
		if (k && flows_inline(k)) {
			if (!start)
				start = k;
			continue;
		}
		if (start) {
			layout_measure_inline(e, start, k, &cs, &a, &b);
			if (a > *minw)
				*minw = a;
			if (b > *maxw)
				*maxw = b;
		}
		start = NULL;
		if (!k)
			break;
		layout_measure_node(e, k, &cs, &a, &b);
		if (a > *minw)
			*minw = a;
		if (b > *maxw)
			*maxw = b;
	}
	*minw += extra;
	*maxw += extra;
}
