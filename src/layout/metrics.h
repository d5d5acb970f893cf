/* layout metrics: how the layout engine measures text.
 *
 * The engine never sees a font file. It asks an interface of callbacks for
 * the advance width of each code point in a face; the PDF module answers
 * from the TrueType files through libharu, and tests answer with
 * layout_metrics_fixed(), a fake where every glyph is 500/1000 em wide.
 *
 * A face is numbered family * 4 + (bold ? 1 : 0) + (italic ? 2 : 0), the
 * family being an index into layout_style.families. */
#ifndef CLERK_LAYOUT_METRICS_H
#define CLERK_LAYOUT_METRICS_H

#include <stdint.h>

#define LAYOUT_FACE(family, bold, italic) \
	((family)*4 + ((bold) ? 1 : 0) + ((italic) ? 2 : 0))

struct layout_metrics {
	void *ctx;
	/* Advance width of `cp` in 1/1000 em, or -1 when the face has no
	 * glyph for it (the engine then uses the fallback family). */
	int (*glyph_width)(void *ctx, int face, uint32_t cp);
	/* Ascent and descent of the face in 1/1000 em (descent positive). */
	void (*face_extent)(void *ctx, int face, int *ascent, int *descent);
};

/* The fixed-width fake: every glyph is 500 units, ascent 800, descent 200.
 * Faces of family 0 lack U+2713 and everything from U+3000 up; every other
 * family has every glyph. */
struct layout_metrics layout_metrics_fixed(void);

#endif
