/* fonts: TrueType faces through HarfBuzz, and their metrics for the
 * layout.
 *
 * Each face is read once into a HarfBuzz face; the layout chooses faces
 * by the advance widths of single code points (1/1000 em, truncated as
 * libharu truncated them), cached here per face, and measures runs of
 * text kerned (shape.c). A code point the face has no glyph for is
 * missing: the layout then draws it from the fallback family. libharu never
 * loads a font: embed.c writes each face as a subset Type0 font through
 * libharu's object layer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "image/image.h"
#include "pdf/internal.h"
static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	struct pdf_doc *doc = user;
	if (!doc->error) {
		doc->error = error;
		doc->detail = detail;
	}
}

struct pdf_doc *pdf_doc_new(const struct layout_style *style, struct diags *d)
{
	struct pdf_doc *doc = xcalloc(1, sizeof *doc);
	doc->st = style;
	doc->d = d;
	doc->pdf = HPDF_New(on_error, doc);
	if (!doc->pdf) {
		diag_error(d, (struct pos){"clerk", 0, 0},
		           "cannot start the PDF writer");
		free(doc);
		return NULL;
	}
	HPDF_SetCompressionMode(doc->pdf, HPDF_COMP_ALL);
	return doc;
}

void pdf_doc_free(struct pdf_doc *doc)
{
	if (!doc)
		return;
	for (int i = 0; i < PDF_MAX_FACES; i++) {
		struct pdf_face *pf = &doc->faces[i];
		for (size_t b = 0; pf->widths && b < 256; b++)
			free(pf->widths[b]);
		free(pf->widths);
		free(pf->shown);
		pdf_shapes_free(pf);
		hb_font_destroy(pf->font);
		hb_face_destroy(pf->face);
	}
	hb_buffer_destroy(doc->hb_buf);
	HPDF_Free(doc->pdf);
	free(doc);
}

static const char *face_file(const struct layout_family *f, int style)
{
	const char *p = style == 1   ? f->bold
	                : style == 2 ? f->italic
	                : style == 3 ? f->bold_italic
	                             : f->regular;
	return p ? p : f->regular;
}

struct pdf_face *pdf_face_get(struct pdf_doc *doc, int face)
{
	if (face < 0 || face >= PDF_MAX_FACES || face / 4 >= doc->st->nfamilies)
		face = 0;
	struct pdf_face *pf = &doc->faces[face];
	if (pf->tried)
		return pf->face ? pf : NULL;
	pf->tried = true;
	const struct layout_family *fam = &doc->st->families[face / 4];
	const char *path = face_file(fam, face % 4);
	if (!path) {
		diag_error(doc->d, (struct pos){"clerk", 0, 0},
		           "font family %s has no regular face",
		           fam->name ? fam->name : "?");
		return NULL;
	}
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	hb_face_t *hf = blob ? hb_face_create(blob, 0) : NULL;
	hb_blob_destroy(blob);
	unsigned upem = hf ? hb_face_get_upem(hf) : 0;
	unsigned n = hf ? hb_face_get_glyph_count(hf) : 0;
	hb_blob_t *glyf =
	        hf ? hb_face_reference_table(hf, HB_TAG('g', 'l', 'y', 'f'))
	           : NULL;
	bool outlines = hb_blob_get_length(glyf) > 0;
	hb_blob_destroy(glyf);
	if (!hf || n == 0 || upem < 16 || upem > 16384 || !outlines) {
		diag_error(doc->d, (struct pos){path, 0, 0},
		           "cannot read the font: it is missing or not a "
		           "TrueType font (with glyf outlines)");
		hb_face_destroy(hf);
		return NULL;
	}
	pf->face = hf;
	pf->font = hb_font_create(hf);
	pf->path = path;
	pf->upem = upem;
	pf->nglyphs = n;
	hb_font_extents_t e = {0};
	hb_font_get_h_extents(pf->font, &e);
	pf->ascent = (int)((long)e.ascender * 1000 / (long)upem);
	pf->descent = -(int)((long)e.descender * 1000 / (long)upem);
	return pf;
}

static int glyph_width(void *ctx, int face, uint32_t cp)
{
	struct pdf_face *pf = pdf_face_get(ctx, face);
	if (!pf || cp > 0x10FFFF)
		return -1;
	/* Widths by blocks of 256 code points, each made when first asked:
	 * a paper asks for a few blocks of a face's 256. */
	int16_t *block = NULL;
	if (cp <= 0xFFFF) {
		if (!pf->widths)
			pf->widths = xcalloc(256, sizeof *pf->widths);
		block = pf->widths[cp >> 8];
		if (!block) {
			block = pf->widths[cp >> 8] =
			        xmalloc(256 * sizeof *block);
			for (size_t i = 0; i < 256; i++)
				block[i] = -2;
		}
		if (block[cp & 255] != -2)
			return block[cp & 255];
	}
	hb_codepoint_t g = 0;
	int w;
	if (!hb_font_get_nominal_glyph(pf->font, cp, &g) && cp != ' ')
		w = -1;
	else
		w = (int)((long)hb_font_get_glyph_h_advance(pf->font, g) *
		          1000 / (long)pf->upem);
	if (block)
		block[cp & 255] = (int16_t)w;
	return w;
}

static void face_extent(void *ctx, int face, int *ascent, int *descent)
{
	struct pdf_face *pf = pdf_face_get(ctx, face);
	if (!pf)
		return;
	*ascent = pf->ascent;
	*descent = pf->descent;
}

/* Image files for the layout engine: found and read through src/image
 * (confined to their folder, at most LIMIT_IMAGE_FILE_BYTES) and noted in
 * the style's recorder as inputs of the PDF. */
static int find_image(void *ctx, const char *root, const char *base,
                      const char *src, struct pos pos, char **real,
                      struct diags *d)
{
	(void)ctx;
	return image_find(root, base, src, pos, real, d);
}

static int read_image(void *ctx, const char *real, const char *src,
                      struct pos pos, char **data, size_t *len, struct diags *d)
{
	struct pdf_doc *doc = ctx;
	return image_read_file(doc->st->rec, real, src, pos, data, len, d);
}

struct layout_metrics pdf_doc_metrics(struct pdf_doc *doc)
{
	struct layout_metrics m = {doc,        glyph_width, face_extent,
	                           find_image, read_image,  pdf_text_units};
	return m;
}
