/* inline: text, emphasis, links and line breaks, cut into lines.
 *
 * Inline content is first flattened into pieces: runs of non-space text in
 * one face, size, colour and link, each remembering whether a space came
 * before it. A character the face lacks starts a piece in the first face
 * of the fallback chain that has it (engine_glyph), so nothing is drawn as
 * a blank box; one that no face has is a piece of its own, U+FFFD with
 * its own width, and a warning (once per character). Right-to-left text
 * is an error: it would be printed left to right. Lines are then filled
 * greedily: a word (pieces with no space between them) goes on the current
 * line if it fits, else starts the next one. A word wider than the whole
 * line is cut, after a `/`, `-`, `.`, `?`, `&`, `=` or `_` when one falls
 * in the part that fits (URLs), else between characters. A word is summed
 * only until it overflows the line, and a cut measures only the part that
 * fits, the rest keeping its width less that part's: filling is linear in
 * the text, however long a word is or however many elements it spans.
 *
 * Each line becomes one slice. A page may end before line k of n only when
 * k >= orphans and n - k >= widows, so paragraphs keep at least two lines on
 * each side of a break; headings keep all their lines together. Ragged
 * lines draw one text item per style run, spaces included; justified lines
 * (every line but the last) place each word by itself, because PDF word
 * spacing does not apply to the two-byte fonts the PDF module uses. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "layout/engine.h"

struct piece {
	const char *s;
	size_t len;
	int face;
	double size;
	uint32_t color;
	uint32_t background; /* of an inline element (a badge), or none */
	bool underline;
	const char *href;
	int elem;   /* its structure reference */
	long units; /* the width in 1/1000 em: w is units * size / 1000 */
	double w, space_w;
	bool glue; /* a space comes before it */
	bool br;
};

struct pieces {
	struct piece *p;
	size_t n, cap;
	bool pending_glue;
	struct engine *e;
	struct flow *f; /* for anchors; NULL when measuring */
	int elem; /* the structure reference of the text being collected */
};

static struct piece *add_piece(struct pieces *ps)
{
	ps->p = xgrow(ps->p, &ps->cap, ps->n + 1, sizeof *ps->p);
	struct piece *p = &ps->p[ps->n++];
	memset(p, 0, sizeof *p);
	return p;
}

static void add_text(struct pieces *ps, const struct dom_node *t,
                     const struct computed *cs, const char *href)
{
	struct engine *e = ps->e;
	const struct layout_props *pr = &cs->p;
	int face = LAYOUT_FACE(pr->family, pr->bold, pr->italic);
	const char *s = t->text;
	size_t len = t->len, i = 0;
	bool rtl_told = false;
	while (i < len) {
		if (s[i] == ' ' && !pr->nowrap) {
			ps->pending_glue = true;
			i++;
			continue;
		}
		/* One piece per run of characters in one face; a character
		 * no face has is a piece of its own, drawn as U+FFFD. */
		size_t start = i;
		int run_face = -1;
		long units = 0;
		bool missing = false;
		while (i < len && (s[i] != ' ' || pr->nowrap) &&
		       i - start < LAYOUT_TEXT_ITEM_BYTES) {
			uint32_t cp;
			size_t n = utf8_decode(s + i, len - i, &cp);
			if (n == 0) {
				n = 1;
				cp = 0xFFFD;
			}
			if (cp == 0xA0)
				cp = ' '; /* no-break space: glyph of a space */
			const char *rtl = engine_rtl_script(cp);
			if (rtl && ps->f && !rtl_told) {
				diag_error(e->d, t->pos,
				           "right-to-left text (%s, U+%04X) "
				           "cannot be set in the PDF, which "
				           "would print it left to right",
				           rtl, (unsigned)cp);
				rtl_told = true;
			}
			int w;
			int f = engine_glyph(e, face, cp, &w);
			if (f < 0) {
				if (run_face >= 0)
					break;
				if (ps->f)
					engine_note_missing(e, t->pos, s, len,
					                    i, cp);
				missing = true;
				i += n;
				break;
			}
			if (run_face >= 0 && f != run_face)
				break;
			run_face = f;
			units += w;
			i += n;
		}
		if (missing) {
			int w;
			run_face = engine_glyph(e, face, 0xFFFD, &w);
			if (run_face < 0)
				run_face = face;
			units = w;
		}
		struct piece *p = add_piece(ps);
		p->s = missing ? ENGINE_REPLACEMENT : s + start;
		p->len = missing ? strlen(ENGINE_REPLACEMENT) : i - start;
		p->face = run_face;
		p->size = pr->size;
		p->color = pr->color;
		p->background = pr->background;
		p->underline = pr->underline;
		p->href = href;
		p->elem = ps->elem;
		p->units = units;
		p->w = units * pr->size / 1000.0;
		p->space_w = engine_text_width(e, face, pr->size, " ", 1);
		p->glue = ps->pending_glue;
		ps->pending_glue = false;
	}
}

static void collect(struct pieces *ps, const struct dom_node *n,
                    const struct computed *parent, const char *href)
{
	if (n->tag == DOM_TEXT) {
		add_text(ps, n, parent, href);
		return;
	}
	if (n->tag == DOM_IMG || n->tag == DOM_IGNORED)
		return;
	struct computed cs;
	layout_style_resolve(ps->e->st, n, parent, &cs);
	if (cs.hidden)
		return;
	/* Inside an inline element with a background, the text keeps it. */
	if (cs.p.background == LAYOUT_NONE)
		cs.p.background = parent->p.background;
	if (n->id && ps->f)
		layout_flow_mark(ps->f, MARK_ANCHOR, 0, n->id);
	if (n->tag == DOM_BR) {
		struct piece *p = add_piece(ps);
		p->br = true;
		p->size = cs.p.size;
		ps->pending_glue = false;
		return;
	}
	const char *target = n->tag == DOM_A ? dom_attr(n, "href") : NULL;
	if (target && target[0] != '#' &&
	    strlen(target) > LIMIT_PDF_LINK_BYTES) {
		if (ps->f)
			diag_warning(
			        ps->e->d, n->pos,
			        "link address longer than %d bytes "
			        "(LIMIT_PDF_LINK_BYTES): its text is in the "
			        "PDF, but not as a link",
			        LIMIT_PDF_LINK_BYTES);
	} else if (target) {
		href = target;
	}
	/* Links and badges are structure elements of their own (made once,
	 * when laying out, not when measuring). */
	int outer = ps->elem;
	struct engine *e = ps->e;
	if (ps->f && (n->tag == DOM_A && href && href == target)) {
		int saved = e->elem;
		e->elem = ps->elem;
		engine_open_elem(e, DL_ROLE_LINK, n);
		engine_elem(e, e->elem)->alt = layout_node_text(e, n);
		if (target[0] == '#')
			engine_note_link(e, n, target + 1);
		ps->elem = e->elem;
		e->elem = saved;
	} else if (ps->f && n->tag == DOM_SPAN &&
	           dom_has_class(n, "badge", 5)) {
		int saved = e->elem;
		e->elem = ps->elem;
		engine_open_elem(e, DL_ROLE_SPAN, n);
		ps->elem = e->elem;
		e->elem = saved;
	}
	for (const struct dom_node *k = n->first; k; k = k->next)
		collect(ps, k, &cs, href);
	ps->elem = outer;
}

static void gather(struct pieces *ps, const struct dom_node *first,
                   const struct dom_node *end, const struct computed *cs)
{
	/* The block's own background is its box's, drawn as a band. */
	struct computed own = *cs;
	own.p.background = LAYOUT_NONE;
	ps->elem = ps->e->elem;
	for (const struct dom_node *k = first; k && k != end; k = k->next)
		collect(ps, k, &own, NULL);
}

void layout_measure_inline(struct engine *e, const struct dom_node *first,
                           const struct dom_node *end,
                           const struct computed *cs, double *minw,
                           double *maxw)
{
	struct pieces ps = {0};
	ps.e = e;
	gather(&ps, first, end, cs);
	double word = 0, line = 0;
	*minw = *maxw = 0;
	for (size_t i = 0; i <= ps.n; i++) {
		const struct piece *p = i < ps.n ? &ps.p[i] : NULL;
		if (!p || p->glue || p->br) {
			if (word > *minw)
				*minw = word;
			word = 0;
		}
		if (!p || p->br) {
			if (line > *maxw)
				*maxw = line;
			line = 0;
			continue;
		}
		word += p->w;
		line += (p->glue && line > 0 ? p->space_w : 0) + p->w;
	}
	free(ps.p);
}

/* The word [i, j) is wider than `avail`: finds where to cut it so that a
 * first part fits. Returns the index k of the piece the cut falls in, with
 * `*at` its bytes that go on this line; `*at` is 0 when the cut falls
 * before piece k (then [i, k) fits whole). Only the part that fits is
 * measured, so cutting a long word costs its length once in all. */
static size_t split_word(struct pieces *ps, struct engine *e, size_t i,
                         size_t j, double avail, size_t *at_out)
{
	double used = 0;
	*at_out = 0;
	for (size_t k = i; k < j; k++) {
		struct piece *p = &ps->p[k];
		if (used + p->w <= avail) {
			used += p->w;
			continue;
		}
		/* Find how many bytes of p fit, and a good place to cut. */
		size_t fit = 0, good = 0, pos = 0;
		double w = used;
		while (pos < p->len) {
			uint32_t cp;
			size_t n = utf8_decode(p->s + pos, p->len - pos, &cp);
			if (n == 0)
				n = 1;
			double cw = engine_text_width(e, p->face, p->size,
			                              p->s + pos, n);
			if (w + cw > avail)
				break;
			w += cw;
			pos += n;
			fit = pos;
			if (strchr("/-.?&=_", p->s[pos - 1]) && pos < p->len)
				good = pos;
		}
		size_t at = good ? good : fit;
		if (at == 0) {
			if (k > i)
				return k; /* cut between pieces */
			/* Not even one character fits: take one anyway. */
			uint32_t cp;
			at = utf8_decode(p->s, p->len, &cp);
			if (at == 0)
				at = 1;
		}
		if (at >= p->len)
			return k + 1;
		*at_out = at;
		return k;
	}
	return j;
}

/* Appends pieces [from, to) of `src` to `dst`. */
static void copy_pieces(struct pieces *dst, const struct pieces *src,
                        size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		*add_piece(dst) = src->p[k];
}

struct line {
	size_t from, to; /* pieces */
	double w;        /* natural width */
	bool last;       /* ends the paragraph or a <br/> */
};

static void emit_line(struct engine *e, struct flow *f, struct pieces *ps,
                      const struct line *ln, const struct computed *cs,
                      double x, double w, bool keep)
{
	double size = cs->p.size, ascent = 0, descent = 0;
	for (size_t k = ln->from; k < ln->to; k++)
		if (ps->p[k].size > size && !ps->p[k].br)
			size = ps->p[k].size;
	int face = LAYOUT_FACE(cs->p.family, cs->p.bold, cs->p.italic);
	for (size_t k = ln->from; k < ln->to; k++) {
		double a, d;
		engine_extent(e, ps->p[k].face, ps->p[k].size, &a, &d);
		if (a > ascent)
			ascent = a;
		if (d > descent)
			descent = d;
	}
	if (ascent == 0)
		engine_extent(e, face, size, &ascent, &descent);
	double lh = size * cs->p.line_height;
	if (lh < ascent + descent)
		lh = ascent + descent;
	struct slice *s = layout_flow_add(e, f, lh);
	if (keep)
		s->keep_with_prev = true;
	double base = (lh - ascent - descent) / 2 + ascent;
	if (e->has_marker) {
		struct dl_item *it = layout_slice_add(s, DL_TEXT);
		it->x = e->marker.x;
		it->y = base;
		it->face = e->marker.face;
		it->size = e->marker.size;
		it->color = e->marker.color;
		it->text = e->marker.text;
		it->len = e->marker.len;
		it->elem = e->marker.elem;
		it->w = engine_text_width(e, it->face, it->size, it->text,
		                          it->len);
		e->has_marker = false;
	}
	size_t nglue = 0;
	for (size_t k = ln->from + 1; k < ln->to; k++)
		if (ps->p[k].glue)
			nglue++;
	enum layout_align al = cs->p.align;
	double extra = 0, cx = x;
	if (al == LAYOUT_ALIGN_JUSTIFY && !ln->last && nglue)
		extra = (w - ln->w) / nglue;
	else if (al == LAYOUT_ALIGN_CENTER)
		cx += (w - ln->w) / 2;
	else if (al == LAYOUT_ALIGN_RIGHT)
		cx += w - ln->w;
	bool split_words = extra > 0;
	struct buf text = BUF_INIT;
	struct dl_item *cur = NULL;
	/* Inline backgrounds: a rectangle behind each run of pieces with one
	 * background, padded a little, drawn before the text. */
	size_t nbg = 0;
	for (size_t k = ln->from; k < ln->to; k++) {
		const struct piece *p = &ps->p[k];
		if (p->br || p->background == LAYOUT_NONE)
			continue;
		bool glue = p->glue && k > ln->from;
		bool joins = k > ln->from && !glue &&
		             ps->p[k - 1].background == p->background;
		joins = joins || (k > ln->from && glue &&
		                  ps->p[k - 1].background == p->background);
		if (!joins)
			nbg++;
	}
	double *bg_x0 = nbg ? xmalloc(nbg * 2 * sizeof *bg_x0) : NULL;
	uint32_t *bg_color = nbg ? xmalloc(nbg * sizeof *bg_color) : NULL;
	double bg_top = base, bg_bottom = base;
	size_t ibg = 0;
	for (size_t k = ln->from; k < ln->to; k++) {
		const struct piece *p = &ps->p[k];
		if (p->br)
			continue;
		bool glue = p->glue && k > ln->from;
		double gap = glue ? p->space_w + extra : 0;
		if (p->background != LAYOUT_NONE) {
			double a, dsc;
			engine_extent(e, p->face, p->size, &a, &dsc);
			if (base - a < bg_top)
				bg_top = base - a;
			if (base + dsc > bg_bottom)
				bg_bottom = base + dsc;
			bool joins = k > ln->from &&
			             ps->p[k - 1].background == p->background;
			if (!joins) {
				bg_x0[2 * ibg] = cx + gap;
				bg_color[ibg++] = p->background;
			}
			bg_x0[2 * ibg - 1] = cx + gap + p->w;
		}
		bool same = cur && cur->face == p->face &&
		            cur->size == p->size && cur->color == p->color &&
		            !(split_words && glue) &&
		            text.len + 1 + p->len <= LAYOUT_TEXT_ITEM_BYTES &&
		            cur->elem == p->elem &&
		            (cur->text == p->href ||
		             (cur->text && p->href &&
		              strcmp(cur->text, p->href) == 0));
		if (same) {
			if (glue)
				buf_putc(&text, ' ');
			buf_put(&text, p->s, p->len);
			cur->w += gap + p->w;
			cx += gap + p->w;
			continue;
		}
		if (cur) {
			cur->len = text.len;
			cur->text = arena_strndup(e->a, text.data, text.len);
		}
		cx += gap;
		buf_clear(&text);
		buf_put(&text, p->s, p->len);
		cur = layout_slice_add(s, DL_TEXT);
		cur->x = cx;
		cur->y = base;
		cur->w = p->w;
		cur->face = p->face;
		cur->size = p->size;
		cur->color = p->color;
		cur->elem = p->elem;
		/* Until the item is closed, `text` holds its link for the
		 * comparison above; the link items are made below. */
		cur->text = p->href;
		cx += p->w;
		if (p->underline) {
			struct dl_item *u = layout_slice_add(s, DL_LINE);
			cur = &s->items[s->nitems - 2];
			u->x = cur->x;
			u->y = base + p->size * 0.12;
			u->w = p->w; /* widened when the run grows */
			u->size = p->size * 0.06;
			u->color = p->color;
			u->text = "u";
			u->elem = 0;
			u->artifact = DL_ART_LAYOUT;
		}
		if (p->href) {
			struct dl_item *l = layout_slice_add(s, DL_LINK);
			cur = &s->items[s->nitems - 2 - (p->underline ? 1 : 0)];
			l->x = cur->x;
			l->y = 0;
			l->h = lh;
			l->text = p->href;
			l->len = strlen(p->href);
			l->elem = p->elem;
		}
	}
	if (cur) {
		cur->len = text.len;
		cur->text = arena_strndup(e->a, text.data, text.len);
	}
	buf_free(&text);
	/* Behind everything on the line: first in the slice, the last run's
	 * first, moved there in one go. */
	if (nbg) {
		size_t had = s->nitems;
		for (size_t b = 0; b < nbg; b++)
			layout_slice_add(s, DL_RECT);
		memmove(&s->items[nbg], &s->items[0], had * sizeof *s->items);
	}
	for (size_t b = 0; b < nbg; b++) {
		struct dl_item *r = &s->items[nbg - 1 - b];
		memset(r, 0, sizeof *r);
		r->kind = DL_RECT;
		r->x = bg_x0[2 * b] - 2;
		r->w = bg_x0[2 * b + 1] - bg_x0[2 * b] + 4;
		r->y = bg_top - 1;
		r->h = bg_bottom - bg_top + 2;
		r->color = bg_color[b];
		r->artifact = DL_ART_BACKGROUND;
	}
	free(bg_x0);
	free(bg_color);
	/* Underlines and link areas follow their text item: give them its
	 * final width. */
	for (size_t k = 1; k < s->nitems; k++) {
		struct dl_item *it = &s->items[k];
		if (it->kind == DL_LINE || it->kind == DL_LINK) {
			size_t t = k - 1;
			while (s->items[t].kind != DL_TEXT)
				t--;
			it->w = s->items[t].w;
			if (it->kind == DL_LINE)
				it->text = NULL;
		}
	}
}

void layout_inline(struct engine *e, struct flow *f,
                   const struct dom_node *first, const struct dom_node *end,
                   const struct computed *cs, double x, double w,
                   bool keep_together)
{
	struct pieces ps = {0};
	ps.e = e;
	ps.f = f;
	gather(&ps, first, end, cs);
	/* Lines are cut from `ps` into `out`, where a word cut across lines
	 * becomes two pieces: the head is copied, the tail stays in `ps` in
	 * place of the whole. Lines index `out`. */
	struct pieces out = {0};
	struct line *lines = NULL;
	size_t nlines = 0, lcap = 0;
	size_t i = 0;
	struct line cur = {0, 0, 0, false};
	while (i < ps.n) {
		if (ps.p[i].br) {
			copy_pieces(&out, &ps, i, i + 1);
			cur.to = out.n;
			cur.last = true;
			lines = xgrow(lines, &lcap, nlines + 1, sizeof *lines);
			lines[nlines++] = cur;
			cur = (struct line){out.n, out.n, 0, false};
			i++;
			continue;
		}
		bool empty = cur.to == cur.from;
		double gap = !empty && ps.p[i].glue ? ps.p[i].space_w : 0;
		/* The word [i, j): pieces with no space between them, summed
		 * only until it overflows the line (widths are not negative),
		 * so a long word costs a line's worth, not its length. */
		size_t j = i + 1;
		double ww = ps.p[i].w;
		bool fits = cur.w + gap + ww <= w + 0.001;
		while (fits && j < ps.n && !ps.p[j].glue && !ps.p[j].br) {
			ww += ps.p[j++].w;
			fits = cur.w + gap + ww <= w + 0.001;
		}
		if (fits) {
			copy_pieces(&out, &ps, i, j);
			cur.w += gap + ww;
			cur.to = out.n;
			i = j;
			continue;
		}
		if (!empty) {
			lines = xgrow(lines, &lcap, nlines + 1, sizeof *lines);
			lines[nlines++] = cur;
			cur = (struct line){out.n, out.n, 0, false};
			continue;
		}
		/* Alone on a line and still too wide: cut the word. */
		size_t at;
		size_t k = split_word(&ps, e, i, j, w, &at);
		double lw = 0;
		for (size_t t = i; t < k; t++)
			lw += ps.p[t].w;
		copy_pieces(&out, &ps, i, k);
		if (at) {
			struct piece *tail = &ps.p[k];
			struct piece *head = add_piece(&out);
			*head = *tail;
			head->len = at;
			head->units =
			        engine_text_units(e, head->face, head->s, at);
			head->w = head->units * head->size / 1000.0;
			lw += head->w;
			tail->s += at;
			tail->len -= at;
			tail->units -= head->units;
			tail->w = tail->units * tail->size / 1000.0;
			tail->glue = false;
		}
		cur = (struct line){cur.from, out.n, lw, false};
		lines = xgrow(lines, &lcap, nlines + 1, sizeof *lines);
		lines[nlines++] = cur;
		i = k;
		cur = (struct line){out.n, out.n, 0, false};
	}
	if (cur.to > cur.from) {
		cur.last = true;
		lines = xgrow(lines, &lcap, nlines + 1, sizeof *lines);
		lines[nlines++] = cur;
	} else if (nlines) {
		lines[nlines - 1].last = true;
	}
	int orphans = e->st->orphans < 1 ? 1 : e->st->orphans;
	int widows = e->st->widows < 1 ? 1 : e->st->widows;
	for (size_t k = 0; k < nlines; k++) {
		bool keep = k > 0 && (keep_together || (int)k < orphans ||
		                      (int)(nlines - k) < widows);
		emit_line(e, f, &out, &lines[k], cs, x, w, keep);
	}
	free(lines);
	free(out.p);
	free(ps.p);
}
