/* table: column widths, cells, and rows cut into slices between lines.
 *
 * Columns: a width given by the template (a `width` attribute in percent or
 * pixels on <col> or on a cell of any row, or a theme rule's width) is kept,
 * a spanning cell's width being shared by the columns it spans that have
 * none;
 * the other columns share what is left according to their content, as
 * browsers do: natural widths when everything fits, else the smallest
 * widths (longest word) plus a share of the rest in proportion to how much
 * each column would like to grow. Tables take the full width.
 *
 * Rows: each cell is laid out on its own into lines. A row that fits on a
 * page (under the repeated header) is one slice, never cut. A taller row
 * is cut at heights where every cell is between two lines, so no line is
 * ever split;
 * the pieces between cuts become slices that carry every cell's band, so
 * backgrounds and borders are drawn on each page the row touches. Header
 * rows (<thead>, or a first row of <th> only) are recorded in the flow; the
 * paginator repeats them at the top of every page the table continues on,
 * and the first body row keeps with them; the last row keeps with the one
 * before it. A hidden row or row group (visually-hidden, sr-only, or a
 * theme's `display: none`) is left out, a hidden cell leaves its column
 * empty.
 *
 * Every slice must fit on a page under the repeated header: a header
 * taller than half a page is not repeated, and a row whose cells' lines
 * never line up over a page's height (lines of different sizes) is cut
 * anyway at a line's bottom, so that nothing runs off the page. Content
 * inside a cell is laid out for slices of at most half of what the row
 * may hold, so a nested table's slices always fit in its row's. */
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "layout/engine.h"

struct cell {
	const struct dom_node *n;
	struct computed cs;
	int col, span;
	struct flow content;
	double height; /* of the content */
	double *tops;  /* top of each content slice */
	int elem;      /* its TH or TD, as a reference */
};

struct row {
	const struct dom_node *n;
	struct computed cs;
	struct cell *cells;
	size_t ncells;
	bool header;
	const struct dom_node *group; /* its thead, tbody or tfoot, or NULL */
};

static int attr_int(const struct dom_node *n, const char *name, int dflt)
{
	const char *v = dom_attr(n, name);
	if (!v)
		return dflt;
	long x = strtol(v, NULL, 10);
	return x < 1 ? 1 : x > 1000 ? 1000 : (int)x;
}

/* A width attribute: "30%" gives a share (negative), "120" pixels. */
static double attr_width(const struct dom_node *n, double total)
{
	const char *v = dom_attr(n, "width");
	if (!v)
		return 0;
	char *end;
	double x = strtod(v, &end);
	if (x <= 0)
		return 0;
	if (*end == '%')
		return total * x / 100;
	return x * 0.75;
}

/* The template's or the theme's width of cell `c`, in points; 0: none. */
static double cell_width(const struct cell *c, double total)
{
	double x = attr_width(c->n, total);
	if (x == 0 && c->cs.p.width > 0)
		x = total * c->cs.p.width / 100;
	return x;
}

/* Column widths that cells ask for, into `spec` where <col> gave none:
 * a single cell's width, from whichever row first has one, is its
 * column's; then a spanning cell's width is shared evenly by the columns
 * it spans that still have none, less what its other columns take. */
static void cell_widths(const struct row *rows, size_t nrows, double *spec,
                        int ncols, double total)
{
	for (size_t r = 0; r < nrows; r++)
		for (size_t i = 0; i < rows[r].ncells; i++) {
			const struct cell *c = &rows[r].cells[i];
			if (c->span == 1 && c->col < ncols && spec[c->col] == 0)
				spec[c->col] = cell_width(c, total);
		}
	for (size_t r = 0; r < nrows; r++)
		for (size_t i = 0; i < rows[r].ncells; i++) {
			const struct cell *c = &rows[r].cells[i];
			if (c->span == 1)
				continue;
			double want = cell_width(c, total), have = 0;
			int open = 0, end = c->col + c->span;
			if (want == 0)
				continue;
			for (int k = c->col; k < end && k < ncols; k++) {
				have += spec[k];
				open += spec[k] == 0;
			}
			if (open == 0 || want <= have)
				continue;
			for (int k = c->col; k < end && k < ncols; k++)
				if (spec[k] == 0)
					spec[k] = (want - have) / open;
		}
}

static void add_row(struct engine *e, struct row **rows, size_t *n, size_t *cap,
                    const struct dom_node *tr, const struct computed *tcs,
                    const struct dom_node *group)
{
	*rows = xgrow(*rows, cap, *n + 1, sizeof **rows);
	struct row *r = &(*rows)[(*n)++];
	memset(r, 0, sizeof *r);
	r->n = tr;
	r->header = group && group->tag == DOM_THEAD;
	r->group = group;
	engine_resolve(e, tr, tcs, &r->cs);
	if (r->cs.hidden) {
		/* Not drawn, nor tagged: as a hidden caption or paragraph. */
		(*n)--;
		return;
	}
	size_t cc = 0;
	for (const struct dom_node *k = tr->first; k; k = k->next)
		if (k->tag == DOM_TD || k->tag == DOM_TH)
			cc++;
	r->cells = xcalloc(cc ? cc : 1, sizeof *r->cells);
	int col = 0;
	for (const struct dom_node *k = tr->first; k; k = k->next) {
		if (k->tag != DOM_TD && k->tag != DOM_TH) {
			if (k->tag != DOM_TEXT)
				diag_error(e->d, k->pos,
				           "<%s> inside <tr>: expected <th> or "
				           "<td>",
				           k->name);
			continue;
		}
		struct cell *c = &r->cells[r->ncells++];
		c->n = k;
		engine_resolve(e, k, &r->cs, &c->cs);
		c->col = col;
		c->span = attr_int(k, "colspan", 1);
		if (dom_attr(k, "rowspan") && attr_int(k, "rowspan", 1) > 1)
			diag_warning(e->d, k->pos,
			             "rowspan is not supported in the PDF; "
			             "the cell takes one row");
		col += c->span;
	}
}

/* The header ids seen so far: of each column's TH elements, and of the
 * current row's. */
struct header_ids {
	struct buf *col; /* per column, space-separated */
	int ncols;
	const char *row; /* the row's latest row header, or NULL */
	struct buf rowbuf;
};

/* Opens the TH or TD of cell `c` (columns [c->col, end)) in row `r`. A
 * TH gets its scope and an id (its own, or one made up); a TD the ids of
 * the headers above it and of the row's header before it. */
static void cell_elem(struct engine *e, struct header_ids *hd,
                      const struct row *r, struct cell *c, int end)
{
	bool th = c->n->tag == DOM_TH;
	engine_open_elem(e, th ? DL_ROLE_TH : DL_ROLE_TD, c->n);
	c->elem = e->elem;
	struct dl_elem *el = engine_elem(e, e->elem);
	el->colspan = c->span > 1 ? c->span : 0;
	if (th) {
		const char *sc = dom_attr(c->n, "scope");
		if (sc &&
		    (strcmp(sc, "row") == 0 || strcmp(sc, "rowgroup") == 0))
			el->scope = "Row";
		else if (sc && (strcmp(sc, "col") == 0 ||
		                strcmp(sc, "colgroup") == 0))
			el->scope = "Column";
		else
			el->scope = r->header ? "Column" : "Row";
		if (!el->id) {
			char id[48];
			snprintf(id, sizeof id, "clerk-th-%d", e->elem - 1);
			el->id = arena_strdup(e->a, id);
		}
		if (strcmp(el->scope, "Row") == 0) {
			hd->row = el->id;
		} else {
			for (int k = c->col; k < end && k < hd->ncols; k++) {
				if (hd->col[k].len)
					buf_putc(&hd->col[k], ' ');
				buf_puts(&hd->col[k], el->id);
			}
		}
		return;
	}
	struct buf *b = &hd->rowbuf;
	buf_clear(b);
	for (int k = c->col; k < end && k < hd->ncols; k++) {
		if (!hd->col[k].len)
			continue;
		if (b->len)
			buf_putc(b, ' ');
		buf_put(b, hd->col[k].data, hd->col[k].len);
	}
	if (hd->row) {
		if (b->len)
			buf_putc(b, ' ');
		buf_puts(b, hd->row);
	}
	if (b->len)
		el->headers = arena_strndup(e->a, b->data, b->len);
}

static void column_widths(struct engine *e, struct row *rows, size_t nrows,
                          const double *spec, int ncols, double w, double *out)
{
	double *mn = xcalloc((size_t)ncols, sizeof *mn);
	double *mx = xcalloc((size_t)ncols, sizeof *mx);
	for (size_t r = 0; r < nrows; r++) {
		for (size_t i = 0; i < rows[r].ncells; i++) {
			struct cell *c = &rows[r].cells[i];
			if (c->span != 1)
				continue;
			double a, b;
			layout_measure_node(e, c->n, &rows[r].cs, &a, &b);
			if (a > mn[c->col])
				mn[c->col] = a;
			if (b > mx[c->col])
				mx[c->col] = b;
		}
	}
	double fixed = 0, smin = 0, smax = 0;
	int nauto = 0;
	for (int c = 0; c < ncols; c++)
		if (spec[c] > 0)
			fixed += spec[c];
	/* A long word or URL is cut anyway: its column's smallest width
	 * should not squeeze the others below theirs. */
	double cap = (w - fixed) * 0.6;
	for (int c = 0; c < ncols; c++)
		if (mn[c] > cap && cap > 0)
			mn[c] = cap;
	fixed = 0;
	for (int c = 0; c < ncols; c++) {
		if (spec[c] > 0) {
			fixed += spec[c];
		} else {
			nauto++;
			if (mx[c] < 12)
				mx[c] = 12;
			if (mn[c] > mx[c])
				mx[c] = mn[c];
			smin += mn[c];
			smax += mx[c];
		}
	}
	double rest = w - fixed;
	if (nauto == 0 || rest < 0) {
		/* Only template widths, or they ask for too much: scale. */
		double total = fixed + (nauto ? smin : 0);
		for (int c = 0; c < ncols; c++)
			out[c] = (spec[c] > 0 ? spec[c] : mn[c]) * w / total;
		goto done;
	}
	for (int c = 0; c < ncols; c++) {
		if (spec[c] > 0)
			out[c] = spec[c];
		else if (smax <= rest)
			out[c] = mx[c] + (rest - smax) * mx[c] / smax;
		else if (smin <= rest && smax > smin)
			out[c] = mn[c] + (rest - smin) * (mx[c] - mn[c]) /
			                         (smax - smin);
		else
			out[c] = smin > 0 ? rest * mn[c] / smin : rest / nauto;
	}
done:
	free(mn);
	free(mx);
}

/* The space between a cell's edge and its content on `side`: its padding
 * and the half of its border that lies inside. */
static double cell_inset(const struct cell *c, enum layout_side side)
{
	return c->cs.p.padding[side] + layout_border_width(&c->cs.p, side) / 2;
}

static void layout_cell(struct engine *e, struct cell *c, double x, double w)
{
	double left = cell_inset(c, LAYOUT_LEFT),
	       right = cell_inset(c, LAYOUT_RIGHT);
	struct band **saved = e->bands;
	size_t nsaved = e->nbands, capsaved = e->bands_cap;
	e->bands = NULL;
	e->nbands = e->bands_cap = 0;
	double max_slice = e->max_slice;
	e->max_slice = max_slice / 2 - cell_inset(c, LAYOUT_TOP) -
	               cell_inset(c, LAYOUT_BOTTOM) - 1;
	layout_blocks(e, &c->content, c->n, &c->cs, x + left,
	              w - left - right > 1 ? w - left - right : 1);
	e->max_slice = max_slice;
	free(e->bands);
	e->bands = saved;
	e->nbands = nsaved;
	e->bands_cap = capsaved;
	c->tops = xcalloc(c->content.n + 1, sizeof *c->tops);
	double y = 0;
	for (size_t i = 0; i < c->content.n; i++) {
		if (i > 0)
			y += c->content.s[i].space_before;
		c->tops[i] = y;
		y += c->content.s[i].h;
	}
	c->height = y;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct span {
	double top, bottom; /* a line's top + 0.01 and bottom - 0.01 */
};

static int cmp_span(const void *a, const void *b)
{
	return cmp_double(&((const struct span *)a)->top,
	                  &((const struct span *)b)->top);
}

/* The heights where row `r` (`h` high) may be cut, ascending, distinct
 * (0.01 apart), ended by -1; the caller frees them. A cut falls at a
 * line's bottom, no nearer the row's top than `above` nor its bottom
 * than `below`, and inside no other line of any cell. The lines are
 * swept once in order of their tops, keeping the lowest bottom so far, so
 * a row of many lines costs n log n, not n². */
static double *allowed_cuts(const struct row *r, double h, double above,
                            double below, double limit)
{
	size_t nlines = 0;
	for (size_t i = 0; i < r->ncells; i++)
		nlines += r->cells[i].content.n;
	double *cuts = xmalloc((nlines + 1) * sizeof *cuts);
	struct span *spans = xmalloc((nlines ? nlines : 1) * sizeof *spans);
	size_t n = 0;
	for (size_t i = 0; i < r->ncells; i++) {
		const struct cell *c = &r->cells[i];
		for (size_t j = 0; j < c->content.n; j++) {
			double t = c->tops[j];
			double b = t + c->content.s[j].h;
			spans[n] = (struct span){t + 0.01, b - 0.01};
			cuts[n++] = b;
		}
	}
	qsort(cuts, n, sizeof *cuts, cmp_double);
	qsort(spans, n, sizeof *spans, cmp_span);
	double *cand = xmalloc((n ? n : 1) * sizeof *cand);
	memcpy(cand, cuts, n * sizeof *cand);
	size_t ncut = 0, k = 0;
	bool any = false;
	double lowest = 0; /* the lowest bottom of the lines above y */
	for (size_t i = 0; i < n; i++) {
		double y = cuts[i];
		while (k < n && spans[k].top < y) {
			if (!any || spans[k].bottom > lowest)
				lowest = spans[k].bottom;
			any = true;
			k++;
		}
		bool ok = y > 0.01 && y < h - 0.01 && y >= above &&
		          h - y >= below && !(any && lowest > y);
		if (ok && (ncut == 0 || y > cuts[ncut - 1] + 0.01))
			cuts[ncut++] = y;
	}
	free(spans);
	/* Where two cuts are further apart than a page holds, cut at the
	 * lowest line bottom that fits (or the next one, when a single line
	 * is taller): a line of another cell may then continue below it. */
	double *out = xmalloc((n + 1) * sizeof *out);
	size_t nout = 0, ci = 0, cj = 0;
	double prev = 0;
	for (;;) {
		double next = ci < ncut ? cuts[ci] : h;
		while (limit > 0 && next - prev > limit) {
			double best = -1;
			while (cj < n && cand[cj] <= prev + limit) {
				if (cand[cj] > prev + 0.01)
					best = cand[cj];
				cj++;
			}
			if (best < 0 && cj < n)
				best = cand[cj];
			if (best < 0 || best >= next - 0.01)
				break;
			out[nout++] = best;
			prev = best;
		}
		if (ci == ncut)
			break;
		out[nout++] = next;
		prev = next;
		ci++;
	}
	out[nout] = -1;
	free(cand);
	free(cuts);
	return out;
}

/* Emits one row as slices; returns the number of slices made. */
static size_t emit_row(struct engine *e, struct flow *f, struct row *r,
                       const double *colx, struct table_info *ti,
                       bool keep_first)
{
	double pad = 0, pad_bottom = 0, h = 0;
	for (size_t i = 0; i < r->ncells; i++) {
		struct cell *c = &r->cells[i];
		if (cell_inset(c, LAYOUT_TOP) > pad)
			pad = cell_inset(c, LAYOUT_TOP);
		if (cell_inset(c, LAYOUT_BOTTOM) > pad_bottom)
			pad_bottom = cell_inset(c, LAYOUT_BOTTOM);
		if (c->height > h)
			h = c->height;
	}
	/* Heights where every cell is between two lines, and at least the
	 * orphans' worth of lines above and the widows' below: a short row
	 * is never cut, a long one keeps two lines on each side. */
	const struct layout_props *bp = &e->st->body;
	double line = bp->size * bp->line_height;
	double above = (e->st->orphans > 1 ? e->st->orphans : 1) * line - 0.5;
	double below = (e->st->widows > 1 ? e->st->widows : 1) * line - 0.5;
	double limit =
	        e->max_slice - pad - pad_bottom -
	        (ti && !r->header && ti->header_count ? ti->header_height : 0);
	/* A row that fits on a page is never cut: it moves whole to the
	 * next page. Only a taller one is cut between its lines. */
	double *cuts = h <= limit ? xmalloc(sizeof *cuts)
	                          : allowed_cuts(r, h, above, below, limit);
	if (h <= limit)
		cuts[0] = -1;
	size_t ncut = 0;
	while (cuts[ncut] >= 0)
		ncut++;
	/* One band per cell for all the row's slices. */
	size_t pushed = 0;
	for (size_t i = 0; i < r->ncells; i++) {
		struct cell *c = &r->cells[i];
		if (c->cs.hidden)
			continue;
		struct band *b = arena_alloc(e->a, sizeof *b);
		b->x = colx[c->col];
		b->w = colx[c->col + c->span] - colx[c->col];
		b->background = c->cs.p.background != LAYOUT_NONE
		                        ? c->cs.p.background
		                        : r->cs.p.background;
		for (int side = 0; side < 4; side++) {
			b->border_width[side] =
			        layout_border_width(&c->cs.p, side);
			b->border_color[side] = c->cs.p.border[side].color;
		}
		engine_push_band(e, b);
		pushed++;
	}
	bool sorted = true;
	for (size_t i = 0; i < r->ncells; i++)
		for (size_t j = 1; j < r->cells[i].content.n; j++)
			sorted = sorted &&
			         r->cells[i].tops[j] >= r->cells[i].tops[j - 1];
	size_t *next = xcalloc(r->ncells ? r->ncells : 1, sizeof *next);
	size_t made = 0;
	size_t row = ++e->rows;
	for (size_t k = 0; k <= ncut; k++) {
		double from = k == 0 ? 0 : cuts[k - 1];
		double to = k == ncut ? h : cuts[k];
		double top_pad = k == 0 ? pad : 0;
		double sh = to - from + top_pad + (k == ncut ? pad_bottom : 0);
		if (k == 0) {
			f->pending_keep = f->pending_keep || keep_first;
			/* A row with an id is a link target (actions, risks).
			 */
			if (r->n->id)
				layout_flow_mark(f, MARK_ANCHOR, 0, r->n->id);
		}
		struct slice *s = layout_flow_add(e, f, sh);
		s->table = ti;
		s->is_header = r->header;
		s->row = row;
		size_t cell_cap = 0;
		if (r->header && k > 0)
			s->keep_with_prev = true;
		made++;
		for (size_t i = 0; i < r->ncells; i++) {
			struct cell *c = &r->cells[i];
			bool last = k == ncut;
			/* Lines in order (as always, but for negative
			 * theme lengths) are a window moving down. */
			size_t j = sorted ? next[i] : 0;
			while (sorted && j < c->content.n &&
			       c->tops[j] < from - 0.01)
				j++;
			if (sorted)
				next[i] = j;
			for (; j < c->content.n; j++) {
				double t = c->tops[j];
				if (t < from - 0.01)
					continue;
				if (!last && t >= to - 0.01) {
					if (sorted)
						break;
					continue;
				}
				struct slice *cs = &c->content.s[j];
				for (size_t q = 0; q < cs->nitems; q++) {
					struct dl_item *it = layout_slice_add(
					        s, cs->items[q].kind);
					*it = cs->items[q];
					it->y += t - from + top_pad;
					s->cell = xgrow(s->cell, &cell_cap,
					                s->nitems,
					                sizeof *s->cell);
					s->cell[s->nitems - 1] = i;
				}
				for (size_t q = 0; q < cs->nmarks; q++)
					layout_flow_mark(f, cs->marks[q].kind,
					                 cs->marks[q].level,
					                 cs->marks[q].text);
			}
		}
		if (f->nmarks) {
			/* Marks from cells belong to this slice. */
			s->marks =
			        arena_alloc(e->a, f->nmarks * sizeof *s->marks);
			memcpy(s->marks, f->marks,
			       f->nmarks * sizeof *s->marks);
			s->nmarks = f->nmarks;
			f->nmarks = 0;
		}
	}
	while (pushed--)
		engine_pop_band(e);
	free(next);
	free(cuts);
	return made;
}

void layout_table(struct engine *e, struct flow *f, const struct dom_node *n,
                  const struct computed *cs, double x, double w)
{
	e->table_depth++;
	struct row *rows = NULL;
	size_t nrows = 0, cap = 0;
	const struct dom_node *caption = NULL;
	const struct dom_node *cols[256];
	size_t ncolspec = 0;
	for (const struct dom_node *k = n->first; k; k = k->next) {
		switch (k->tag) {
		case DOM_CAPTION:
			caption = k;
			break;
		case DOM_COLGROUP:
			for (const struct dom_node *c = k->first; c;
			     c = c->next)
				if (c->tag == DOM_COL && ncolspec < 256)
					cols[ncolspec++] = c;
			break;
		case DOM_COL:
			if (ncolspec < 256)
				cols[ncolspec++] = k;
			break;
		case DOM_THEAD:
		case DOM_TBODY:
		case DOM_TFOOT: {
			struct computed gcs;
			engine_resolve(e, k, cs, &gcs);
			if (gcs.hidden)
				break;
			for (const struct dom_node *tr = k->first; tr;
			     tr = tr->next) {
				if (tr->tag == DOM_TR)
					add_row(e, &rows, &nrows, &cap, tr,
					        &gcs, k);
				else if (tr->tag != DOM_TEXT)
					diag_error(e->d, tr->pos,
					           "<%s> inside <%s>: expected "
					           "<tr>",
					           tr->name, k->name);
			}
			break;
		}
		case DOM_TR:
			add_row(e, &rows, &nrows, &cap, k, cs, NULL);
			break;
		case DOM_TEXT:
			break;
		default:
			diag_error(e->d, k->pos,
			           "<%s> inside <table>: expected <caption>, "
			           "<colgroup>, <thead>, <tbody> or <tr>",
			           k->name);
		}
	}
	if (caption)
		layout_block(e, f, caption, cs, x, w);
	if (nrows == 0)
		goto done;
	bool any_header = false;
	for (size_t r = 0; r < nrows; r++)
		any_header |= rows[r].header;
	if (!any_header && nrows > 1 && rows[0].ncells) {
		bool all_th = true;
		for (size_t i = 0; i < rows[0].ncells; i++)
			all_th &= rows[0].cells[i].n->tag == DOM_TH;
		rows[0].header = all_th;
	}
	int ncols = 1;
	for (size_t r = 0; r < nrows; r++) {
		int c = rows[r].ncells
		                ? rows[r].cells[rows[r].ncells - 1].col +
		                          rows[r].cells[rows[r].ncells - 1].span
		                : 0;
		if (c > ncols)
			ncols = c;
	}
	double *spec = xcalloc((size_t)ncols, sizeof *spec);
	double *cw = xcalloc((size_t)ncols, sizeof *cw);
	double *colx = xcalloc((size_t)ncols + 1, sizeof *colx);
	for (size_t i = 0; i < ncolspec && (int)i < ncols; i++)
		spec[i] = attr_width(cols[i], w);
	cell_widths(rows, nrows, spec, ncols, w);
	column_widths(e, rows, nrows, spec, ncols, w, cw);
	colx[0] = x;
	for (int c = 0; c < ncols; c++)
		colx[c + 1] = colx[c] + cw[c];
	struct header_ids hd = {0};
	hd.ncols = ncols;
	hd.col = xcalloc((size_t)ncols, sizeof *hd.col);
	int table = e->elem, group = 0;
	const struct dom_node *open_group = NULL;
	for (size_t r = 0; r < nrows; r++) {
		/* The structure: the row's group, the row, then each cell,
		 * its content laid out inside it. */
		if (rows[r].group != open_group || r == 0) {
			e->elem = table;
			group = table;
			open_group = rows[r].group;
			if (open_group) {
				engine_open_elem(e,
				                 open_group->tag == DOM_THEAD
				                         ? DL_ROLE_THEAD
				                 : open_group->tag == DOM_TFOOT
				                         ? DL_ROLE_TFOOT
				                         : DL_ROLE_TBODY,
				                 open_group);
				group = e->elem;
			}
		}
		e->elem = group;
		engine_open_elem(e, DL_ROLE_TR, rows[r].n);
		int tr = e->elem;
		hd.row = NULL;
		for (size_t i = 0; i < rows[r].ncells; i++) {
			struct cell *c = &rows[r].cells[i];
			int end = c->col + c->span;
			if (end > ncols)
				end = ncols;
			e->elem = tr;
			cell_elem(e, &hd, &rows[r], c, end);
			if (c->cs.hidden)
				continue; /* an empty cell, keeping its column
				           */
			layout_cell(e, c, colx[c->col],
			            colx[end] - colx[c->col]);
		}
	}
	e->elem = table;
	for (int k = 0; k < ncols; k++)
		buf_free(&hd.col[k]);
	free(hd.col);
	buf_free(&hd.rowbuf);
	struct table_info *ti = arena_alloc(e->a, sizeof *ti);
	bool seen_header = false, seen_body = false;
	size_t nbody = 0; /* body rows laid out so far */
	for (size_t r = 0; r < nrows; r++) {
		struct row *row = &rows[r];
		if (row->header && !seen_body) {
			size_t first = f->n;
			size_t made =
			        emit_row(e, f, row, colx, ti, seen_header);
			if (!seen_header)
				ti->header_first = first;
			ti->header_count += made;
			for (size_t k = first; k < f->n; k++)
				ti->header_height += f->s[k].h;
			seen_header = true;
			continue;
		}
		row->header = false;
		if (seen_header && !seen_body &&
		    ti->header_height > e->max_slice / 2)
			ti->header_count = 0; /* too tall to repeat */
		/* The first body row keeps with the header, and the last
		 * (when it is not also the first) with the one before it,
		 * so no page holds a table's last row alone. */
		bool keep = (seen_header && !seen_body) ||
		            (r == nrows - 1 && nbody >= 1);
		emit_row(e, f, row, colx, seen_header ? ti : NULL, keep);
		seen_body = true;
		nbody++;
	}
	if (!seen_header)
		ti->header_count = 0;
	free(spec);
	free(cw);
	free(colx);
done:
	for (size_t r = 0; r < nrows; r++) {
		for (size_t i = 0; i < rows[r].ncells; i++) {
			layout_flow_free(&rows[r].cells[i].content);
			free(rows[r].cells[i].tops);
		}
		free(rows[r].cells);
	}
	free(rows);
	/* What was measured and not laid out again stays no longer. */
	if (--e->table_depth == 0)
		layout_breaks_forget(e);
}
