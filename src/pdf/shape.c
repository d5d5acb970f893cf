/* shape: kerning through HarfBuzz, one answer for measuring and drawing.
 *
 * Text is cut at spaces (U+0020 and U+00A0) into runs; a space keeps its
 * nominal width, and each run is shaped by hb_shape with the face's
 * kerning (GPOS, or the `kern` table), with ligatures and other glyph
 * substitutions turned off, so each code point stays one glyph of its own
 * nominal id and ToUnicode stays exact. A run whose shaping still changes
 * glyphs (a complex script) is left unkerned. A glyph's kerning is the
 * difference between its shaped and its nominal advance, rounded to
 * 1/1000 em: the layout measures a run as the sum of its nominal widths
 * (truncated to 1/1000 em, as /W holds them) and those kerns, and the
 * writer shows the same glyphs with the same kerns as TJ adjustments, so
 * what is drawn is exactly as wide as what was measured.
 *
 * Runs of up to SHAPE_CACHE_BYTES are shaped once per face and kept in a
 * hash table by their bytes (words repeat: a 12-page paper has some 1,500
 * distinct words in 5,000); longer ones are shaped each time into a
 * scratch run, so hostile text cannot grow the cache beyond its own
 * size. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "pdf/internal.h"

enum { SHAPE_CACHE_BYTES = 64 };

/* The glyphs whose advance is kept once asked (a Latin face has some
 * 2,500; a CJK one tens of thousands, whose others are asked each time). */
enum { SHAPE_ADVANCE_GLYPHS = 4096 };

struct shape_entry {
	uint64_t hash; /* 0: an empty slot */
	const char *key;
	size_t len;
	struct pdf_run run;
};

struct pdf_shapes {
	struct shape_entry *slots;
	size_t cap, n; /* cap is a power of two */
	struct arena a;
	/* The scratch run for long runs, and the code points of a run. */
	struct pdf_run scratch;
	size_t scratch_cap;
	uint32_t *cps;
	size_t cps_cap;
	/* Plus 1 (0: not yet asked): the nominal glyph of each ASCII code
	 * point, and the advance in font units of the first glyphs: a
	 * word shaped for the first time mostly has glyphs seen before. */
	uint32_t ascii_gid[128];
	int32_t advance[SHAPE_ADVANCE_GLYPHS];
};

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h ? h : 1;
}

/* The code point at s[0..len), its length in `*n` (1 for a bad byte,
 * read as U+FFFD, as the layout reads it). */
static uint32_t decode(const char *s, size_t len, size_t *n)
{
	uint32_t cp;
	*n = utf8_decode(s, len, &cp);
	if (*n == 0) {
		*n = 1;
		cp = 0xFFFD;
	}
	return cp;
}

bool pdf_is_space(const char *s, size_t len, size_t *n)
{
	if (s[0] == ' ') {
		*n = 1;
		return true;
	}
	if (len >= 2 && (unsigned char)s[0] == 0xC2 &&
	    (unsigned char)s[1] == 0xA0) {
		*n = 2;
		return true;
	}
	return false;
}

/* An advance in font units as thousandths of the em. */
static int advance_units(const struct pdf_face *pf, hb_position_t a)
{
	return (int)((long)a * 1000 / (long)pf->upem);
}

/* hb_font_get_glyph_h_advance(), kept for the first glyphs. */
static hb_position_t advance(struct pdf_shapes *sh, const struct pdf_face *pf,
                             hb_codepoint_t g)
{
	if (g >= SHAPE_ADVANCE_GLYPHS)
		return hb_font_get_glyph_h_advance(pf->font, g);
	if (!sh->advance[g]) {
		hb_position_t a = hb_font_get_glyph_h_advance(pf->font, g);
		if (a < 0 || a == INT32_MAX)
			return a;
		sh->advance[g] = a + 1;
	}
	return sh->advance[g] - 1;
}

/* The nominal glyph of `cp` (0 when the face has none), kept for ASCII. */
static hb_codepoint_t nominal_glyph(struct pdf_shapes *sh,
                                    const struct pdf_face *pf, uint32_t cp)
{
	hb_codepoint_t g = 0;
	if (cp < 128 && sh->ascii_gid[cp])
		return sh->ascii_gid[cp] - 1;
	hb_font_get_nominal_glyph(pf->font, cp, &g);
	if (cp < 128 && g < UINT32_MAX)
		sh->ascii_gid[cp] = g + 1;
	return g;
}

/* Shapes the `n` code points into `run` (its arrays hold n). */
static void shape(struct pdf_doc *doc, struct pdf_face *pf, const uint32_t *cps,
                  unsigned n, struct pdf_run *run)
{
	struct pdf_shapes *sh = pf->shapes;
	uint16_t *gid = (uint16_t *)run->gid;
	int16_t *kern = (int16_t *)run->kern;
	run->n = n;
	run->units = 0;
	run->kerned = false;
	for (unsigned i = 0; i < n; i++) {
		hb_codepoint_t g = nominal_glyph(sh, pf, cps[i]);
		if (g >= pf->nglyphs || g > 0xFFFF)
			g = 0;
		gid[i] = (uint16_t)g;
		kern[i] = 0;
		if (g)
			run->units += advance_units(pf, advance(sh, pf, g));
	}
	if (n < 2)
		return;
	static const hb_feature_t off[] = {
	        {HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
	        {HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
	        {HB_TAG('c', 'a', 'l', 't'), 0, 0, (unsigned)-1},
	        {HB_TAG('r', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
	        {HB_TAG('c', 'c', 'm', 'p'), 0, 0, (unsigned)-1},
	        {HB_TAG('l', 'o', 'c', 'l'), 0, 0, (unsigned)-1},
	};
	hb_buffer_t *b = doc->hb_buf;
	if (!b)
		b = doc->hb_buf = hb_buffer_create();
	hb_buffer_clear_contents(b);
	hb_buffer_add_codepoints(b, cps, (int)n, 0, (int)n);
	hb_buffer_set_direction(b, HB_DIRECTION_LTR);
	hb_buffer_guess_segment_properties(b);
	hb_shape(pf->font, b, off, sizeof off / sizeof *off);
	unsigned got = 0;
	const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &got);
	const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, NULL);
	if (got != n)
		return;
	for (unsigned i = 0; i < n; i++)
		if (info[i].cluster != i || info[i].codepoint != gid[i])
			return; /* glyphs changed: left unkerned */
	/* Kerning moves the glyph after: the last has none. */
	for (unsigned i = 0; i + 1 < n; i++) {
		if (!gid[i])
			continue;
		long d = (long)pos[i].x_advance - (long)advance(sh, pf, gid[i]);
		if (d == 0)
			continue;
		long k = lround((double)d * 1000.0 / (double)pf->upem);
		if (k < -1000)
			k = -1000;
		if (k > 1000)
			k = 1000;
		kern[i] = (int16_t)k;
		run->units += k;
		run->kerned = run->kerned || k != 0;
	}
}

static void shapes_grow(struct pdf_shapes *sh)
{
	size_t cap = sh->cap ? sh->cap * 2 : 256;
	struct shape_entry *slots = xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < sh->cap; i++) {
		struct shape_entry *e = &sh->slots[i];
		if (!e->hash)
			continue;
		size_t j = e->hash & (cap - 1);
		while (slots[j].hash)
			j = (j + 1) & (cap - 1);
		slots[j] = *e;
	}
	free(sh->slots);
	sh->slots = slots;
	sh->cap = cap;
}

const struct pdf_run *pdf_shape_run(struct pdf_doc *doc, struct pdf_face *pf,
                                    const char *s, size_t len)
{
	struct pdf_shapes *sh = pf->shapes;
	if (!sh)
		sh = pf->shapes = xcalloc(1, sizeof *sh);
	uint64_t h = 0;
	size_t j = 0;
	if (len <= SHAPE_CACHE_BYTES) {
		if (sh->n * 2 >= sh->cap)
			shapes_grow(sh);
		h = hash_bytes(s, len);
		j = h & (sh->cap - 1);
		for (; sh->slots[j].hash; j = (j + 1) & (sh->cap - 1)) {
			struct shape_entry *e = &sh->slots[j];
			if (e->hash == h && e->len == len &&
			    memcmp(e->key, s, len) == 0)
				return &e->run;
		}
	}
	/* At most one code point per byte. */
	sh->cps = xgrow(sh->cps, &sh->cps_cap, len + 1, sizeof *sh->cps);
	unsigned n = 0;
	for (size_t i = 0; i < len;) {
		size_t k;
		sh->cps[n++] = decode(s + i, len - i, &k);
		i += k;
	}
	struct pdf_run *run;
	if (h) {
		struct shape_entry *e = &sh->slots[j];
		e->hash = h;
		e->key = arena_strndup(&sh->a, s, len);
		e->len = len;
		e->run.gid = arena_alloc(&sh->a, (n + 1) * sizeof *e->run.gid);
		e->run.kern =
		        arena_alloc(&sh->a, (n + 1) * sizeof *e->run.kern);
		sh->n++;
		run = &e->run;
	} else {
		if (n > sh->scratch_cap) {
			free((void *)sh->scratch.gid);
			free((void *)sh->scratch.kern);
			sh->scratch.gid = xmalloc(n * sizeof *sh->scratch.gid);
			sh->scratch.kern =
			        xmalloc(n * sizeof *sh->scratch.kern);
			sh->scratch_cap = n;
		}
		run = &sh->scratch;
	}
	shape(doc, pf, sh->cps, n, run);
	return run;
}

void pdf_shapes_free(struct pdf_face *pf)
{
	struct pdf_shapes *sh = pf->shapes;
	if (!sh)
		return;
	free(sh->slots);
	arena_free(&sh->a);
	free((void *)sh->scratch.gid);
	free((void *)sh->scratch.kern);
	free(sh->cps);
	free(sh);
	pf->shapes = NULL;
}

/* The glyph of one space character in the face: U+00A0 as the glyph the
 * writer shows for it (pdf_space_glyph). */
static hb_codepoint_t space_glyph(const struct pdf_face *pf, bool nbsp)
{
	hb_codepoint_t sp = 0, g = 0;
	hb_font_get_nominal_glyph(pf->font, ' ', &sp);
	if (nbsp && hb_font_get_nominal_glyph(pf->font, 0xA0, &g) &&
	    g < pf->nglyphs &&
	    hb_font_get_glyph_h_advance(pf->font, g) ==
	            hb_font_get_glyph_h_advance(pf->font, sp))
		sp = g;
	if (sp >= pf->nglyphs || sp > 0xFFFF)
		sp = 0;
	return sp;
}

/* The width of one space character in the face, each of the two found
 * once: a paper has as many spaces as words. */
int pdf_space_units(struct pdf_face *pf, const char *s, hb_codepoint_t *gid)
{
	if (!pf->spaces_known) {
		for (int k = 0; k < 2; k++) {
			pf->space_gid[k] = space_glyph(pf, k == 1);
			pf->space_units[k] = advance_units(
			        pf, hb_font_get_glyph_h_advance(
			                    pf->font, pf->space_gid[k]));
		}
		pf->spaces_known = true;
	}
	int k = s[0] != ' ';
	if (gid)
		*gid = pf->space_gid[k];
	return pf->space_units[k];
}

long pdf_text_units(void *ctx, int face, const char *s, size_t len)
{
	struct pdf_doc *doc = ctx;
	struct pdf_face *pf = pdf_face_get(doc, face);
	if (!pf)
		return 0;
	long units = 0;
	size_t i = 0;
	while (i < len) {
		size_t n;
		if (pdf_is_space(s + i, len - i, &n)) {
			units += pdf_space_units(pf, s + i, NULL);
			i += n;
			continue;
		}
		size_t start = i;
		while (i < len && !pdf_is_space(s + i, len - i, &n))
			i++;
		units += pdf_shape_run(doc, pf, s + start, i - start)->units;
	}
	return units;
}
