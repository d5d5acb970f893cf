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

/* The most styles the memo holds, a power of two: 3 MiB. */
enum { STYLE_MEMO_MAX = 1 << 13 };

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
	if (e->memo_n * 2 >= e->memo_cap && e->memo_cap >= STYLE_MEMO_MAX) {
		/* Full: start again. A table's second pass over a cell
		 * follows its first closely, so the recent styles are the
		 * ones asked again; keeping every node's would hold two
		 * styles per element of the document for the whole
		 * layout. */
		memset(e->memo, 0, e->memo_cap * sizeof *e->memo);
		e->memo_n = 0;
	} else if (e->memo_n * 2 >= e->memo_cap) {
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
	if (!e->rules)
		e->rules = layout_style_index(e->st);
	layout_style_resolve(e->st, e->rules, n, parent, out);
	if (!s->n)
		e->memo_n++;
	s->n = n;
	memcpy(&s->parent, parent, sizeof *parent);
	s->out = *out;
}

/* engine_text_units(), asked of the metrics. */
static long engine_text_units_of(struct engine *e, int face, const char *s,
                                 size_t len)
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
		int w;
		if (engine_glyph(e, face, cp, &w) < 0)
			(void)engine_glyph(e, face, 0xFFFD, &w);
		units += w;
		i += n;
	}
	return units;
}

long engine_text_units(struct engine *e, int face, const char *s, size_t len)
{
	if (len == 1 && (unsigned char)s[0] < 128 && face >= 0 &&
	    face < LAYOUT_MAX_FAMILIES * 4) {
		int32_t *memo = &e->ascii_text_units[face][(unsigned char)s[0]];
		if (*memo > 0)
			return *memo - 1;
		long u = engine_text_units_of(e, face, s, len);
		if (u >= 0 && u < INT32_MAX)
			*memo = (int32_t)(u + 1);
		return u;
	}
	return engine_text_units_of(e, face, s, len);
}

size_t engine_text_runs(struct engine *e, int face, double size, const char *s,
                        size_t len, struct engine_run **out)
{
	size_t n = 0, cap = 0, i = 0;
	struct engine_run *runs = NULL;
	while (i < len) {
		size_t start = i;
		int run_face = -2;
		long units = 0;
		bool missing = false;
		while (i < len) {
			uint32_t cp;
			size_t k = utf8_decode(s + i, len - i, &cp);
			if (k == 0) {
				cp = 0xFFFD;
				k = 1;
			}
			if (cp == 0xA0)
				cp = ' ';
			int w;
			int f = engine_glyph(e, face, cp, &w);
			if (f < 0 && run_face != -2)
				break;
			if (f < 0) {
				missing = true;
				f = engine_glyph(e, face, 0xFFFD, &w);
				run_face = f < 0 ? face : f;
				units = w;
				i += k;
				break;
			}
			if (run_face != -2 && f != run_face)
				break;
			run_face = f;
			units += w;
			i += k;
		}
		runs = xgrow(runs, &cap, n + 1, sizeof *runs);
		runs[n++] = (struct engine_run){
		        run_face, missing ? ENGINE_REPLACEMENT : s + start,
		        missing ? strlen(ENGINE_REPLACEMENT) : i - start,
		        (double)units * size / 1000.0};
	}
	struct engine_run *a = arena_alloc(e->a, (n ? n : 1) * sizeof *a);
	if (n)
		memcpy(a, runs, n * sizeof *a);
	free(runs);
	*out = a;
	return n;
}

int engine_glyph(struct engine *e, int face, uint32_t cp, int *w)
{
	bool ascii = cp < 128 && face >= 0 && face < LAYOUT_MAX_FAMILIES * 4;
	if (ascii && e->ascii_units[face][cp] > 0) {
		*w = e->ascii_units[face][cp] - 1;
		return face;
	}
	*w = e->m->glyph_width(e->m->ctx, face, cp);
	if (*w >= 0) {
		if (ascii && *w < INT16_MAX)
			e->ascii_units[face][cp] = (int16_t)(*w + 1);
		return face;
	}
	int fb;
	if (e->m->fallback_face)
		fb = e->m->fallback_face(e->m->ctx, face, cp);
	else
		fb = face / 4 == e->st->fallback_family
		             ? -1
		             : LAYOUT_FACE(e->st->fallback_family, face % 4 & 1,
		                           face % 4 & 2);
	*w = fb >= 0 ? e->m->glyph_width(e->m->ctx, fb, cp) : -1;
	if (*w < 0) {
		*w = 0;
		return -1;
	}
	return fb;
}

void engine_note_missing(struct engine *e, struct pos pos, const char *s,
                         size_t len, size_t at, uint32_t cp)
{
	for (size_t i = 0; i < e->nmissing; i++)
		if (e->missing[i] == cp)
			return;
	e->missing = xgrow(e->missing, &e->missing_cap, e->nmissing + 1,
	                   sizeof *e->missing);
	e->missing[e->nmissing++] = cp;
	/* Up to about 24 bytes each side, cut at character boundaries. */
	size_t from = at > 24 ? at - 24 : 0, to = at + 24 < len ? at + 24 : len;
	while (from > 0 && (s[from] & 0xC0) == 0x80)
		from--;
	while (to < len && (s[to] & 0xC0) == 0x80)
		to++;
	diag_warning(e->d, pos,
	             "U+%04X is in no installed font: it is printed as a "
	             "replacement mark (U+FFFD) in \"%s%.*s%s\"",
	             (unsigned)cp, from > 0 ? "..." : "", (int)(to - from),
	             s + from, to < len ? "..." : "");
}

const char *engine_rtl_script(uint32_t cp)
{
	static const struct {
		uint32_t from, to;
		const char *name;
	} rtl[] = {
	        {0x0590, 0x05FF, "Hebrew"},
	        {0x0600, 0x06FF, "Arabic"},
	        {0x0700, 0x074F, "Syriac"},
	        {0x0750, 0x077F, "Arabic"},
	        {0x0780, 0x07BF, "Thaana"},
	        {0x07C0, 0x07FF, "N'Ko"},
	        {0x0800, 0x085F, "Samaritan or Mandaic"},
	        {0x0860, 0x08FF, "Arabic"},
	        {0x200F, 0x200F, "right-to-left mark"},
	        {0x202B, 0x202B, "right-to-left embedding"},
	        {0x202E, 0x202E, "right-to-left override"},
	        {0x2067, 0x2067, "right-to-left isolate"},
	        {0xFB1D, 0xFB4F, "Hebrew"},
	        {0xFB50, 0xFDFF, "Arabic"},
	        {0xFE70, 0xFEFF, "Arabic"},
	        {0x10800, 0x10FFF, "right-to-left"},
	        {0x1E800, 0x1EFFF, "right-to-left"},
	};
	if (cp < 0x0590)
		return NULL;
	for (size_t i = 0; i < sizeof rtl / sizeof *rtl; i++)
		if (cp >= rtl[i].from && cp <= rtl[i].to)
			return rtl[i].name;
	return NULL;
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
