/* layout metrics: how the layout engine measures text and gets images.
 *
 * The engine never sees a font file, nor any other file. It asks an
 * interface of callbacks for the advance width of each code point in a
 * face (to choose the face that has it) and of each run of text (with
 * the face's kerning), and for the bytes of each image file a page names; the
 * PDF module answers from the TrueType files through HarfBuzz and reads (and
 * records) image files through base/fs and src/image, and tests answer with
 * layout_metrics_fixed(), a fake where every glyph is 500/1000 em wide and
 * there are no image files unless the test supplies the two image
 * callbacks. Layout decodes the bytes it is given (src/image), keeps the
 * pixels in the display list and reports every image problem at the
 * <img> that named it.
 *
 * A face is numbered family * 4 + (bold ? 1 : 0) + (italic ? 2 : 0), the
 * family being an index into layout_style.families. */
#ifndef CLERK_LAYOUT_METRICS_H
#define CLERK_LAYOUT_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

#define LAYOUT_FACE(family, bold, italic) \
	((family)*4 + ((bold) ? 1 : 0) + ((italic) ? 2 : 0))

struct layout_metrics {
	void *ctx;
	/* Advance width of `cp` in 1/1000 em, or -1 when the face has no
	 * glyph for it (the engine then uses the fallback family). */
	int (*glyph_width)(void *ctx, int face, uint32_t cp);
	/* Ascent and descent of the face in 1/1000 em (descent positive). */
	void (*face_extent)(void *ctx, int face, int *ascent, int *descent);
	/* Finds the image file `src`, as the page names it, relative to the
	 * folder `base` and confined to the folder `root`; 0 with its real
	 * path in `*real` (the caller frees it), or -1 with an error at
	 * `pos`. NULL: no image files can be had. */
	int (*image_find)(void *ctx, const char *root, const char *base,
	                  const char *src, struct pos pos, char **real,
	                  struct diags *d);
	/* Reads the whole image file `real` (found by image_find; `src` names
	 * it in messages) into `*data`, which the caller frees; 0, or -1 with
	 * an error at `pos`. */
	int (*image_read)(void *ctx, const char *real, const char *src,
	                  struct pos pos, char **data, size_t *len,
	                  struct diags *d);
	/* The advance width of the UTF-8 text `s[0..len)` in `face`, in
	 * 1/1000 em, kerned: each space (U+0020, U+00A0) at its own width,
	 * and between spaces the glyphs' widths and the face's kerning, as
	 * the PDF draws them. A character the face lacks counts 0. NULL:
	 * the sum of glyph_width (U+00A0 as a space), unkerned. */
	long (*text_units)(void *ctx, int face, const char *s, size_t len);
	/* A face that has `cp`, for text in `face`, which lacks it: the
	 * first of the fallback chain that has a glyph for it, or -1 when
	 * no face has. The face number may lie past the style's families
	 * (a face found only for such characters); the engine only passes
	 * it back. NULL: the style's fallback family is the whole chain. */
	int (*fallback_face)(void *ctx, int face, uint32_t cp);
};

/* The fixed-width fake: every glyph is 500 units, ascent 800, descent 200.
 * Faces of family 0 lack U+2713 and everything from U+3000 up; every other
 * family has every glyph but those from U+E000 to U+F8FF (the private use
 * area) and from U+1F000 up, which no face has. */
struct layout_metrics layout_metrics_fixed(void);

#endif
