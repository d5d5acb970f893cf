/* paginate: the flow of slices cut into pages, and the display list.
 *
 * Greedy with a look back: slices are added to a page while they fit (the
 * space before a slice is dropped at the top of a page). When one does not
 * fit, the page ends before it, or, if that slice keeps with the one
 * before (a paragraph's orphan or widow lines, a heading's next block, a
 * table's first row after its header), before the first slice of that
 * chain. A chain longer than a page is cut where it overflows; a single
 * slice taller than a page stands alone on its page. A page that starts
 * inside a table's body begins with the table's header rows again.
 *
 * Each page then draws, in order: the backgrounds of the bands its slices
 * lie in, the slices' items, the bands' borders, and the running header
 * and footer with {page} and {pages} filled in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/expand.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "layout/engine.h"

struct band_span {
	const struct band *b;
	double y0, y1;
};

/* Where a content item comes from: a table row (0 for none), its cell,
 * and its place in the page's drawing order. */
struct order_key {
	size_t row, cell, index;
};

static int cmp_key(const void *a, const void *b)
{
	const struct order_key *x = a, *y = b;
	if (x->cell != y->cell)
		return x->cell < y->cell ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

struct page_ctx {
	struct engine *e;
	struct dl_doc *doc;
	struct dl_page *pg;
	int page;
	double top;
	struct band_span *spans;
	size_t nspans, spans_cap;
	struct dl_item *content;
	size_t ncontent, content_cap;
	struct order_key *keys; /* for each of `content` */
	size_t keys_cap;
	bool repeat; /* placing a table's header again: pagination artifacts */
};

static void note_bands(struct page_ctx *c, const struct slice *s, double y)
{
	for (size_t i = 0; i < s->nbands; i++) {
		struct band *b = s->bands[i];
		/* The band remembers its span on this page, so a page of a
		 * thousand cells does not search a thousand spans each. */
		if (b->span_page == c->page + 1) {
			struct band_span *sp = &c->spans[b->span];
			if (y < sp->y0)
				sp->y0 = y;
			if (y + s->h > sp->y1)
				sp->y1 = y + s->h;
			continue;
		}
		c->spans = xgrow(c->spans, &c->spans_cap, c->nspans + 1,
		                 sizeof *c->spans);
		b->span_page = c->page + 1;
		b->span = c->nspans;
		c->spans[c->nspans++] = (struct band_span){b, y, y + s->h};
	}
}

static void place(struct page_ctx *c, const struct slice *s, double y)
{
	double abs = c->top + y;
	note_bands(c, s, abs);
	for (size_t i = 0; i < s->nitems; i++) {
		/* A repeated header's link areas would be a second annotation
		 * for one Link: the first drawing of the row keeps it. */
		if (c->repeat && s->items[i].kind == DL_LINK)
			continue;
		c->content = xgrow(c->content, &c->content_cap, c->ncontent + 1,
		                   sizeof *c->content);
		c->keys = xgrow(c->keys, &c->keys_cap, c->ncontent + 1,
		                sizeof *c->keys);
		c->keys[c->ncontent] = (struct order_key){
		        s->row, s->cell ? s->cell[i] : 0, c->ncontent};
		struct dl_item *it = &c->content[c->ncontent++];
		*it = s->items[i];
		it->y += abs;
		if (c->repeat) {
			it->elem = 0;
			it->artifact = DL_ART_PAGINATION;
		}
		if (it->kind == DL_POLY || it->kind == DL_FILL) {
			double *p = arena_alloc(c->e->a,
			                        it->npoints * 2 * sizeof *p);
			for (size_t k = 0; k < it->npoints; k++) {
				p[2 * k] = it->points[2 * k];
				p[2 * k + 1] = it->points[2 * k + 1] + abs;
			}
			it->points = p;
		}
	}
	struct dl_doc *doc = c->doc;
	for (size_t i = 0; i < s->nmarks; i++) {
		const struct mark *m = &s->marks[i];
		if (m->kind == MARK_OUTLINE) {
			doc->outline =
			        xgrow(doc->outline, &doc->outline_cap,
			              doc->noutline + 1, sizeof *doc->outline);
			doc->outline[doc->noutline++] = (struct dl_outline){
			        m->level, m->text, c->page, abs};
		} else {
			dl_add_anchor(doc, m->text, c->page, abs);
		}
	}
}

/* Room for the running header and footer, which are drawn once every
 * page is made: their runs of text, a few a slot. */
enum { RUNNING_ITEMS = 16 };

/* Gives the page room for what finish_page draws on it, and for the
 * running header and footer: exactly, for a page's array doubled as it
 * fills holds half as much again as it uses, for every page of the
 * document until it is written. */
static void reserve_page(struct page_ctx *c)
{
	size_t n = c->pg->len + c->ncontent + RUNNING_ITEMS;
	for (size_t i = 0; i < c->nspans; i++) {
		const struct band *b = c->spans[i].b;
		n += b->background != LAYOUT_NONE;
		for (int k = 0; k < 4; k++)
			n += b->border_width[k] > 0;
	}
	if (n > c->pg->cap) {
		c->pg->items = xrealloc(c->pg->items, n * sizeof *c->pg->items);
		c->pg->cap = n;
	}
}

static void finish_page(struct page_ctx *c)
{
	reserve_page(c);
	for (size_t i = 0; i < c->nspans; i++) {
		const struct band_span *sp = &c->spans[i];
		if (sp->b->background == LAYOUT_NONE)
			continue;
		struct dl_item *it = dl_add(c->pg, DL_RECT);
		it->x = sp->b->x;
		it->y = sp->y0;
		it->w = sp->b->w;
		it->h = sp->y1 - sp->y0;
		it->color = sp->b->background;
		it->artifact = DL_ART_BACKGROUND;
	}
	/* A table row's slices hold its cells side by side, line by line:
	 * on each page, each cell's lines go out together, in cell order. */
	for (size_t i = 0; i < c->ncontent;) {
		size_t j = i + 1;
		while (c->keys[i].row && j < c->ncontent &&
		       c->keys[j].row == c->keys[i].row)
			j++;
		if (j - i > 1)
			qsort(&c->keys[i], j - i, sizeof *c->keys, cmp_key);
		i = j;
	}
	for (size_t i = 0; i < c->ncontent; i++)
		*dl_add(c->pg, c->content[i].kind) =
		        c->content[c->keys[i].index];
	for (size_t i = 0; i < c->nspans; i++) {
		const struct band_span *sp = &c->spans[i];
		const struct band *b = sp->b;
		/* By enum layout_side: top, right, bottom, left; a border
		 * of no width is not drawn. */
		double edges[4][4] = {
		        {b->x, sp->y0, b->w, 0},
		        {b->x + b->w, sp->y0, 0, sp->y1 - sp->y0},
		        {b->x, sp->y1, b->w, 0},
		        {b->x, sp->y0, 0, sp->y1 - sp->y0},
		};
		static const int order[4] = {LAYOUT_TOP, LAYOUT_BOTTOM,
		                             LAYOUT_LEFT, LAYOUT_RIGHT};
		for (int q = 0; q < 4; q++) {
			int k = order[q];
			if (b->border_width[k] <= 0)
				continue;
			struct dl_item *it = dl_add(c->pg, DL_LINE);
			it->x = edges[k][0];
			it->y = edges[k][1];
			it->w = edges[k][2];
			it->h = edges[k][3];
			it->size = b->border_width[k];
			it->color = b->border_color[k];
			it->artifact = DL_ART_LAYOUT;
		}
	}
	c->nspans = 0;
	c->ncontent = 0;
}

struct page_fields {
	int page, pages;
	const struct layout_style *st;
};

static bool page_field(void *ctx, const char *name, size_t len, struct buf *out)
{
	const struct page_fields *f = ctx;
	if (len == 4 && memcmp(name, "page", 4) == 0)
		buf_printf(out, "%d", f->page);
	else if (len == 5 && memcmp(name, "pages", 5) == 0)
		buf_printf(out, "%d", f->pages);
	else if (len == 5 && memcmp(name, "title", 5) == 0)
		buf_puts(out, f->st->title ? f->st->title : "");
	else if (len == 4 && memcmp(name, "date", 4) == 0)
		buf_puts(out, f->st->date ? f->st->date : "");
	else
		return false;
	return true;
}

static void expand(struct buf *out, const char *tmpl, int page, int pages,
                   const struct layout_style *st)
{
	struct page_fields f = {page, pages, st};
	expand_fields(out, tmpl, page_field, &f);
}

/* Shortens `b` to at most `budget` points, cut at a space when one
 * leaves enough words, and ends it with an ellipsis. The widths of all
 * prefixes are summed in one pass, so a title of any length costs its
 * length once. */
static void shorten(struct engine *e, int face, double size, struct buf *b,
                    double budget)
{
	static const char ell[] = "\xE2\x80\xA6"; /* … */
	double ew = engine_text_width(e, face, size, ell, 3);
	size_t n = b->len;
	/* units[i]: the width of b[0..i) in 1/1000 em, at each character
	 * boundary i; trim[i]: i less the spaces that end b[0..i). */
	long *units = xmalloc((n + 1) * sizeof *units);
	size_t *trim = xmalloc((n + 1) * sizeof *trim);
	units[0] = 0;
	trim[0] = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(b->data + i, n - i, &cp);
		if (k == 0) {
			cp = 0xFFFD;
			k = 1;
		}
		int w;
		if (engine_glyph(e, face, cp, &w) < 0)
			(void)engine_glyph(e, face, 0xFFFD, &w);
		for (size_t j = 1; j <= k; j++) {
			units[i + j] = units[i] + w;
			trim[i + j] = b->data[i] == ' ' ? trim[i] : i + j;
		}
		i += k;
	}
	size_t len = n;
	while (len > 0) {
		/* Back to the previous character boundary. */
		do
			len--;
		while (len > 0 && (b->data[len] & 0xC0) == 0x80);
		size_t cut = trim[len];
		if ((double)units[cut] * size / 1000.0 + ew <= budget) {
			/* Prefer the last word boundary within a third of
			 * the width. */
			size_t sp = cut;
			while (sp > 0 && b->data[sp - 1] != ' ')
				sp--;
			sp = trim[sp];
			if (sp > 0 &&
			    (double)units[sp] * size / 1000.0 >= budget * 2 / 3)
				cut = sp;
			b->len = cut;
			buf_puts(b, ell);
			free(units);
			free(trim);
			return;
		}
	}
	free(units);
	free(trim);
	buf_clear(b);
}

/* The three slots of a running line. The centre and right slots (a page
 * number, a date) are kept whole; a left slot too long to leave a gap
 * before them is shortened with an ellipsis, and then the right slot if
 * it still collides. */
static void running(struct engine *e, struct dl_page *pg,
                    const struct layout_running *r, double baseline, int page,
                    int pages)
{
	const struct layout_style *st = e->st;
	const char *slots[3] = {r->left, r->center, r->right};
	int face = LAYOUT_FACE(0, false, false);
	double size = st->running_size;
	double avail = st->page_width - st->margin_left - st->margin_right;
	double gap = size * 1.5;
	struct buf b[3] = {BUF_INIT, BUF_INIT, BUF_INIT};
	double w[3] = {0, 0, 0};
	for (int k = 0; k < 3; k++) {
		if (slots[k] && *slots[k])
			expand(&b[k], slots[k], page, pages, st);
		w[k] = b[k].len ? engine_text_width(e, face, size, b[k].data,
		                                    b[k].len)
		                : 0;
	}
	for (int k = 0; k < 3; k += 2) {
		int other = 2 - k;
		double budget = w[1] > 0       ? (avail - w[1]) / 2 - gap
		                : w[other] > 0 ? avail - w[other] - gap
		                               : avail;
		if (w[k] > budget && budget > 0) {
			shorten(e, face, size, &b[k], budget);
			w[k] = engine_text_width(e, face, size, b[k].data,
			                         b[k].len);
		}
	}
	for (int k = 0; k < 3; k++) {
		if (b[k].len > LAYOUT_TEXT_ITEM_BYTES) {
			/* Characters without width are never shortened. */
			size_t len = LAYOUT_TEXT_ITEM_BYTES;
			while (len > 0 && (b[k].data[len] & 0xC0) == 0x80)
				len--;
			b[k].len = len;
			w[k] = engine_text_width(e, face, size, b[k].data, len);
		}
		if (!b[k].len) {
			buf_free(&b[k]);
			continue;
		}
		double x = st->margin_left;
		if (k == 1)
			x += (avail - w[k]) / 2;
		else if (k == 2)
			x += avail - w[k];
		/* One item per face: a character the body face lacks comes
		 * from the fallback chain, as in the text. */
		const char *text = arena_strndup(e->a, b[k].data, b[k].len);
		struct engine_run *runs;
		size_t nruns =
		        engine_text_runs(e, face, size, text, b[k].len, &runs);
		for (size_t q = 0; q < nruns; q++) {
			struct dl_item *it = dl_add(pg, DL_TEXT);
			it->x = x;
			it->y = baseline;
			it->w = runs[q].w;
			it->face = runs[q].face;
			it->size = size;
			it->color = st->running_color;
			it->artifact = DL_ART_PAGINATION;
			it->text = runs[q].s;
			it->len = runs[q].len;
			x += runs[q].w;
		}
		buf_free(&b[k]);
	}
}

static struct dl_page *new_page(struct dl_doc *doc)
{
	doc->pages = xgrow(doc->pages, &doc->pages_cap, doc->npages + 1,
	                   sizeof *doc->pages);
	struct dl_page *pg = &doc->pages[doc->npages++];
	memset(pg, 0, sizeof *pg);
	return pg;
}

void layout_paginate(struct engine *e, struct flow *f, struct dl_doc *doc)
{
	const struct layout_style *st = e->st;
	double avail = st->page_height - st->margin_top - st->margin_bottom;
	struct page_ctx c = {0};
	c.e = e;
	c.doc = doc;
	c.top = st->margin_top;
	doc->page_width = st->page_width;
	doc->page_height = st->page_height;
	size_t start = 0;
	do {
		c.pg = new_page(doc);
		c.page = (int)doc->npages - 1;
		double y = 0;
		const struct slice *first = start < f->n ? &f->s[start] : NULL;
		const struct table_info *ti = NULL;
		if (first && first->table && !first->is_header &&
		    first->table->header_count)
			ti = first->table;
		if (ti)
			y = ti->header_height;
		/* Where does this page end? */
		size_t i = start;
		double fill = y;
		while (i < f->n) {
			const struct slice *s = &f->s[i];
			if (i > start && s->break_before)
				break;
			double sp = i > start ? s->space_before : 0;
			if (fill + sp + s->h > avail + 0.01) {
				if (i == start) {
					i++;
					break;
				}
				size_t b = i;
				while (b > start && f->s[b].keep_with_prev)
					b--;
				i = b > start ? b : i;
				break;
			}
			fill += sp + s->h;
			i++;
		}
		/* Draw it. */
		if (ti) {
			double hy = 0;
			c.repeat = true;
			for (size_t k = 0; k < ti->header_count; k++) {
				const struct slice *h =
				        &f->s[ti->header_first + k];
				struct slice copy = *h;
				copy.nmarks = 0;
				place(&c, &copy, hy);
				hy += h->h;
			}
			c.repeat = false;
		}
		for (size_t k = start; k < i; k++) {
			struct slice *s = &f->s[k];
			if (k > start)
				y += s->space_before;
			place(&c, s, y);
			y += s->h;
			/* Placed for good: only a table's header rows are
			 * placed again, on the pages its body goes on to. */
			if (!s->is_header) {
				free(s->items);
				free(s->cell);
				s->items = NULL;
				s->cell = NULL;
				s->nitems = s->cap = 0;
			}
		}
		finish_page(&c);
		start = i;
	} while (start < f->n);
	int pages = (int)doc->npages;
	double hb = st->margin_top * 0.5 + st->running_size * 0.35;
	double fb = st->page_height - st->margin_bottom * 0.5 +
	            st->running_size * 0.35;
	for (int p = 0; p < pages; p++) {
		bool first = p == 0 && st->first_page_differs;
		running(e, &doc->pages[p],
		        first ? &st->first_header : &st->header, hb, p + 1,
		        pages);
		running(e, &doc->pages[p],
		        first ? &st->first_footer : &st->footer, fb, p + 1,
		        pages);
	}
	free(c.spans);
	free(c.content);
	free(c.keys);
}
