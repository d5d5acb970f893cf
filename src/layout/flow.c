/* flow: slices, bands and text measuring shared by the layout files. */
#include <stdlib.h>
#include <string.h>

#include "base/color.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "layout/engine.h"

struct slice *layout_flow_add(struct engine *e, struct flow *f, double h)
{
	f->s = xgrow(f->s, &f->cap, f->n + 1, sizeof *f->s);
	struct slice *s = &f->s[f->n++];
	memset(s, 0, sizeof *s);
	s->h = h;
	s->elem = e->elem;
	s->space_before = f->pending_space;
	s->keep_with_prev = f->pending_keep;
	s->break_before = f->pending_break;
	f->pending_space = 0;
	f->pending_keep = false;
	f->pending_break = false;
	if (e->nbands) {
		s->bands = arena_alloc(e->a, e->nbands * sizeof *s->bands);
		memcpy(s->bands, e->bands, e->nbands * sizeof *s->bands);
		s->nbands = e->nbands;
	}
	if (f->nmarks) {
		s->marks = arena_alloc(e->a, f->nmarks * sizeof *s->marks);
		memcpy(s->marks, f->marks, f->nmarks * sizeof *s->marks);
		s->nmarks = f->nmarks;
		f->nmarks = 0;
	}
	return s;
}

struct dl_item *layout_slice_add(struct slice *s, enum dl_kind kind)
{
	s->items = xgrow(s->items, &s->cap, s->nitems + 1, sizeof *s->items);
	struct dl_item *it = &s->items[s->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->elem = s->elem;
	return it;
}

int engine_open_elem(struct engine *e, enum dl_role role,
                     const struct dom_node *n)
{
	int prev = e->elem;
	int i = dl_add_elem(e->doc, role, prev - 1);
	if (n && n->id)
		e->doc->elems[i].id = n->id;
	e->elem = i + 1;
	return prev;
}

void engine_note_link(struct engine *e, const struct dom_node *n,
                      const char *id)
{
	e->links =
	        xgrow(e->links, &e->links_cap, e->nlinks + 1, sizeof *e->links);
	e->links[e->nlinks++] = (struct link_ref){n->pos, id};
}

void engine_close_elem(struct engine *e, int prev)
{
	e->elem = prev;
}

struct dl_elem *engine_elem(struct engine *e, int ref)
{
	return ref > 0 ? &e->doc->elems[ref - 1] : NULL;
}

void layout_flow_space(struct flow *f, double space)
{
	if (space > f->pending_space)
		f->pending_space = space;
}

void layout_flow_mark(struct flow *f, enum mark_kind kind, int level,
                      const char *text)
{
	f->marks =
	        xgrow(f->marks, &f->marks_cap, f->nmarks + 1, sizeof *f->marks);
	f->marks[f->nmarks++] = (struct mark){kind, level, text};
}

void layout_flow_free(struct flow *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->s[i].items);
		free(f->s[i].cell);
	}
	free(f->s);
	free(f->marks);
	memset(f, 0, sizeof *f);
}

void engine_push_band(struct engine *e, struct band *b)
{
	e->bands =
	        xgrow(e->bands, &e->bands_cap, e->nbands + 1, sizeof *e->bands);
	e->bands[e->nbands++] = b;
}

void engine_pop_band(struct engine *e)
{
	e->nbands--;
}

struct style_memo {
	const struct dom_node *n; /* NULL: an empty slot */
	struct computed parent, out;
};

static size_t memo_slot(const struct style_memo *m, size_t cap,
                        const struct dom_node *n)
{
	size_t h = ((uintptr_t)n >> 4) * 0x9E3779B97F4A7C15ULL;
	size_t j = (h >> 7) & (cap - 1);
	while (m[j].n && m[j].n != n)
		j = (j + 1) & (cap - 1);
	return j;
}

void engine_resolve(struct engine *e, const struct dom_node *n,
                    const struct computed *parent, struct computed *out)
{
	if (e->memo_n * 2 >= e->memo_cap) {
		size_t cap = e->memo_cap ? e->memo_cap * 2 : 1024;
		struct style_memo *m = xcalloc(cap, sizeof *m);
		for (size_t i = 0; i < e->memo_cap; i++)
			if (e->memo[i].n)
				m[memo_slot(m, cap, e->memo[i].n)] = e->memo[i];
		free(e->memo);
		e->memo = m;
		e->memo_cap = cap;
	}
	struct style_memo *s = &e->memo[memo_slot(e->memo, e->memo_cap, n)];
	/* The bytes of the parent's style, so that a field added to it is
	 * compared too (a difference in padding only costs a match). */
	if (s->n == n && !memcmp(&s->parent, parent, sizeof *parent)) {
		*out = s->out;
		return;
	}
	layout_style_resolve(e->st, n, parent, out);
	if (!s->n)
		e->memo_n++;
	s->n = n;
	memcpy(&s->parent, parent, sizeof *parent);
	s->out = *out;
}

long engine_text_units(struct engine *e, int face, const char *s, size_t len)
{
	if (e->m->text_units)
		return e->m->text_units(e->m->ctx, face, s, len);
	long units = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			cp = 0xFFFD;
			n = 1;
		}
		if (cp == 0xA0)
			cp = ' '; /* a no-break space is drawn as a space */
		int w = e->m->glyph_width(e->m->ctx, face, cp);
		units += w < 0 ? 0 : w;
		i += n;
	}
	return units;
}

double engine_text_width(struct engine *e, int face, double size, const char *s,
                         size_t len)
{
	return (double)engine_text_units(e, face, s, len) * size / 1000.0;
}

void engine_extent(struct engine *e, int face, double size, double *ascent,
                   double *descent)
{
	int a = 800, d = 200;
	e->m->face_extent(e->m->ctx, face, &a, &d);
	*ascent = a * size / 1000.0;
	*descent = d * size / 1000.0;
}

uint32_t engine_parse_color(const char *s, uint32_t dflt)
{
	static const struct {
		const char *name;
		uint32_t rgb;
	} names[] = {{"black", 0x000000},         {"white", 0xFFFFFF},
	             {"red", 0xFF0000},           {"green", 0x008000},
	             {"blue", 0x0000FF},          {"grey", 0x808080},
	             {"gray", 0x808080},          {"none", LAYOUT_NONE},
	             {"transparent", LAYOUT_NONE}};
	if (!s)
		return dflt;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(s, names[i].name) == 0)
			return names[i].rgb;
	uint32_t rgb = dflt;
	color_parse(s, &rgb);
	return rgb;
}
