/* fonts: TrueType faces through HarfBuzz, and their metrics for the
 * layout.
 *
 * Each face is read once into a HarfBuzz face; the layout chooses faces
 * by the advance widths of single code points (1/1000 em, truncated as
 * libharu truncated them), cached here per face, and measures runs of
 * text kerned (shape.c). A family's files are those the style names, or,
 * when it names none, those fontconfig finds for the family's name,
 * weight and slant (find.c). A code point the face has no glyph for is
 * missing: the layout then asks for a fallback face, which is the style's
 * fallback family's face of the same weight and slant when it has the
 * glyph, else the installed font fontconfig ranks first among those that
 * have it (at most PDF_MAX_FALLBACK_FACES of them). libharu never loads a
 * font: embed.c writes each face as a subset Type0 font through libharu's
 * object layer.
 *
 * A font file is read once per process, not once per document: its
 * HarfBuzz face and font (with the tables HarfBuzz loads as they are first
 * used and the shaping plans it keeps on the face) and its widths are kept
 * by path and index for the life of the process, and each document takes
 * references to them. Only what is the file's own is shared: the glyphs a
 * document shows, its runs shaped and its font resources stay its own.
 * pdf_warm_style reads the faces of a style in a process that forks
 * workers, so that each of them inherits them read and measured. A font
 * file is taken to stay as it is while a process runs. */
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
		free(pf->shown);
		pdf_shapes_free(pf);
		free(pf->owned_path);
		hb_font_destroy(pf->font);
		hb_face_destroy(pf->face);
	}
	hb_buffer_destroy(doc->hb_buf);
	HPDF_Free(doc->pdf);
	free(doc->fallback);
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

/* Reads the face file of `pf` (its path and index set) with HarfBuzz;
 * 0, or -1 with an error in the document's diagnostics unless `quiet`
 * (a fallback face fontconfig offered, such as a bitmap emoji font, that
 * cannot be embedded is simply not used). */
static int face_load(struct pdf_doc *doc, struct pdf_face *pf, bool quiet);

struct pdf_face *pdf_face_get(struct pdf_doc *doc, int face)
{
	if (face < 0 || face >= PDF_MAX_FACES ||
	    (face < PDF_STYLE_FACES && face / 4 >= doc->st->nfamilies) ||
	    (face >= PDF_STYLE_FACES &&
	     face - PDF_STYLE_FACES >= doc->nfallback))
		face = 0;
	struct pdf_face *pf = &doc->faces[face];
	if (pf->tried)
		return pf->face ? pf : NULL;
	pf->tried = true;
	if (face >= PDF_STYLE_FACES)
		return face_load(doc, pf, true) == 0 ? pf : NULL;
	const struct layout_family *fam = &doc->st->families[face / 4];
	const char *path = face_file(fam, face % 4);
	if (!path) {
		struct pdf_found found = {0};
		if (pdf_find_face(fam->name, face % 4 == 1 || face % 4 == 3,
		                  face % 4 >= 2, &found) < 0) {
			diag_error(doc->d, (struct pos){"clerk", 0, 0},
			           "the font family %s is not installed as "
			           "TrueType (fontconfig finds no such "
			           "family); install it, or name another in "
			           "brand.yaml",
			           fam->name ? fam->name : "?");
			return NULL;
		}
		pf->owned_path = found.path;
		pf->index = found.index;
		path = found.path;
	}
	pf->path = path;
	return face_load(doc, pf, false) == 0 ? pf : NULL;
}

/* A font file as read: its face, font and metrics when `ok`. */
struct pdf_font_file {
	char *path;
	int index;
	bool ok;
	hb_face_t *face;
	hb_font_t *font;
	unsigned upem, nglyphs;
	int ascent, descent;
	/* Widths of BMP code points by blocks of 256 (NULL: none asked);
	 * -2 = not yet asked. */
	int16_t **widths;
};
static struct pdf_font_file **font_files;
static size_t nfont_files, font_files_cap;

/* Reads the face `index` of the file `path` into a new entry of the
 * process's font files. */
static struct pdf_font_file *font_file_read(const char *path, int index)
{
	struct pdf_font_file *ff = xcalloc(1, sizeof *ff);
	ff->path = xstrdup(path);
	ff->index = index;
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	hb_face_t *hf = blob ? hb_face_create(blob, (unsigned)index) : NULL;
	hb_blob_destroy(blob);
	unsigned upem = hf ? hb_face_get_upem(hf) : 0;
	unsigned n = hf ? hb_face_get_glyph_count(hf) : 0;
	hb_blob_t *glyf =
	        hf ? hb_face_reference_table(hf, HB_TAG('g', 'l', 'y', 'f'))
	           : NULL;
	bool outlines = hb_blob_get_length(glyf) > 0;
	hb_blob_destroy(glyf);
	if (!hf || n == 0 || upem < 16 || upem > 16384 || !outlines) {
		hb_face_destroy(hf);
	} else {
		ff->ok = true;
		ff->face = hf;
		ff->font = hb_font_create(hf);
		ff->upem = upem;
		ff->nglyphs = n;
		hb_font_extents_t e = {0};
		hb_font_get_h_extents(ff->font, &e);
		ff->ascent = (int)((long)e.ascender * 1000 / (long)upem);
		ff->descent = -(int)((long)e.descender * 1000 / (long)upem);
	}
	font_files = xgrow(font_files, &font_files_cap, nfont_files + 1,
	                   sizeof *font_files);
	font_files[nfont_files++] = ff;
	return ff;
}

static int face_load(struct pdf_doc *doc, struct pdf_face *pf, bool quiet)
{
	const char *path = pf->path;
	struct pdf_font_file *ff = NULL;
	for (size_t i = 0; i < nfont_files && !ff; i++)
		if (font_files[i]->index == pf->index &&
		    strcmp(font_files[i]->path, path) == 0)
			ff = font_files[i];
	if (!ff)
		ff = font_file_read(path, pf->index);
	if (!ff->ok) {
		if (!quiet)
			diag_error(
			        doc->d, (struct pos){path, 0, 0},
			        "cannot read the font: it is missing or not a "
			        "TrueType font (with glyf outlines)");
		return -1;
	}
	pf->file = ff;
	pf->face = hb_face_reference(ff->face);
	pf->font = hb_font_reference(ff->font);
	pf->upem = ff->upem;
	pf->nglyphs = ff->nglyphs;
	pf->ascent = ff->ascent;
	pf->descent = ff->descent;
	return 0;
}

static int glyph_width(void *ctx, int face, uint32_t cp)
{
	struct pdf_face *pf = pdf_face_get(ctx, face);
	if (!pf || cp > 0x10FFFF)
		return -1;
	/* Widths by blocks of 256 code points, each made when first asked
	 * and kept with the file: a paper asks for a few blocks of a face's
	 * 256. */
	int16_t *block = NULL;
	if (cp <= 0xFFFF) {
		struct pdf_font_file *ff = pf->file;
		if (!ff->widths)
			ff->widths = xcalloc(256, sizeof *ff->widths);
		block = ff->widths[cp >> 8];
		if (!block) {
			block = ff->widths[cp >> 8] =
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

/* The face of the weight and slant `style` (0 regular, 1 bold, 2
 * italic, 3 both) found by fontconfig for `cp`: one already loaded from
 * that file, or a new fallback face; -1 when none can be had. */
static int found_face(struct pdf_doc *doc, uint32_t cp, int style)
{
	struct pdf_found found = {0};
	if (pdf_find_for_char(cp, style & 1, style & 2, &found) < 0)
		return -1;
	int face = -1;
	for (int i = 0; i < PDF_STYLE_FACES + doc->nfallback && face < 0; i++) {
		const struct pdf_face *pf = &doc->faces[i];
		if (pf->path && pf->index == found.index &&
		    strcmp(pf->path, found.path) == 0)
			face = i;
	}
	if (face < 0 && doc->nfallback < PDF_MAX_FALLBACK_FACES) {
		face = PDF_STYLE_FACES + doc->nfallback++;
		struct pdf_face *pf = &doc->faces[face];
		pf->owned_path = found.path;
		pf->path = found.path;
		pf->index = found.index;
		found.path = NULL;
	}
	free(found.path);
	return face;
}

static int fallback_face(void *ctx, int face, uint32_t cp)
{
	struct pdf_doc *doc = ctx;
	int style = face >= 0 && face < PDF_STYLE_FACES ? face % 4 : 0;
	int fb = LAYOUT_FACE(doc->st->fallback_family, style & 1, style & 2);
	if (fb != face && glyph_width(doc, fb, cp) >= 0)
		return fb;
	for (size_t i = 0; i < doc->nfallback_chars; i++)
		if (doc->fallback[i].cp == cp &&
		    doc->fallback[i].style == style)
			return doc->fallback[i].face;
	int found = found_face(doc, cp, style);
	if (found >= 0 && glyph_width(doc, found, cp) < 0)
		found = -1; /* fontconfig's map and the cmap disagree */
	if (doc->nfallback_chars < PDF_MAX_FALLBACK_CHARS) {
		doc->fallback =
		        xgrow(doc->fallback, &doc->fallback_cap,
		              doc->nfallback_chars + 1, sizeof *doc->fallback);
		doc->fallback[doc->nfallback_chars++] =
		        (struct pdf_fallback){cp, style, found};
	}
	return found;
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
	struct layout_metrics m = {doc,          glyph_width, face_extent,
	                           find_image,   read_image,  pdf_text_units,
	                           fallback_face};
	return m;
}

void pdf_warm_style(const struct layout_style *style)
{
	struct diags d = DIAGS_INIT;
	struct pdf_doc *doc = pdf_doc_new(style, &d);
	for (int face = 0; doc && face < style->nfamilies * 4; face++) {
		if (!pdf_face_get(doc, face))
			continue;
		for (uint32_t cp = ' '; cp < 0x7F; cp++)
			(void)glyph_width(doc, face, cp);
		/* Shaping plans for Latin and for digits alone, which
		 * HarfBuzz keeps on the face. */
		(void)pdf_text_units(doc, face, "Ab 12", 5);
	}
	pdf_doc_free(doc);
	diags_free(&d);
}
