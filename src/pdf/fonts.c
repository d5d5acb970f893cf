/* fonts: TrueType faces through libharu, their metrics for the layout, and
 * a valid ToUnicode map for each.
 *
 * libharu's MeasureText splits UTF-8 sequences, so the layout measures with
 * the advance widths of single code points, cached here per face. A code
 * point whose glyph id is 0 is missing from the face: the layout then draws
 * it from the fallback family. libharu 2.3.0 writes an invalid ToUnicode
 * CMap (a cidrange where bf-ranges belong); each font gets an identity
 * bfrange map instead, since with the UTF-8 encoder a character's code is
 * its Unicode value. */
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
	HPDF_UseUTFEncodings(doc->pdf);
	HPDF_SetCurrentEncoder(doc->pdf, "UTF-8");
	return doc;
}

void pdf_doc_free(struct pdf_doc *doc)
{
	if (!doc)
		return;
	for (int i = 0; i < PDF_MAX_FACES; i++)
		free(doc->faces[i].widths);
	HPDF_Free(doc->pdf);
	free(doc);
}

/* An identity map from two-byte codes to UTF-16: one bfrange per high
 * byte (a range may not cross one), leaving out the surrogates. */
static void fix_to_unicode(struct pdf_doc *doc, HPDF_Font font)
{
	HPDF_Doc pdf = doc->pdf;
	HPDF_Dict cmap = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!cmap)
		return;
	cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream s = cmap->stream;
	HPDF_Stream_WriteStr(s, "/CIDInit /ProcSet findresource begin\n"
	                        "12 dict begin\n"
	                        "begincmap\n"
	                        "/CIDSystemInfo << /Registry (Adobe) "
	                        "/Ordering (UCS) /Supplement 0 >> def\n"
	                        "/CMapName /Adobe-Identity-UCS def\n"
	                        "/CMapType 2 def\n"
	                        "1 begincodespacerange\n<0000> <FFFF>\n"
	                        "endcodespacerange\n");
	int hi[256] = {0}, n = 0;
	for (int h = 0; h < 256; h++)
		if (h < 0xD8 || h > 0xDF)
			hi[n++] = h;
	char line[64];
	for (int i = 0; i < n; i += 100) {
		int m = n - i < 100 ? n - i : 100;
		snprintf(line, sizeof line, "%d beginbfrange\n", m);
		HPDF_Stream_WriteStr(s, line);
		for (int k = i; k < i + m; k++) {
			snprintf(line, sizeof line,
			         "<%02X00> <%02XFF> <%02X00>\n", hi[k], hi[k],
			         hi[k]);
			HPDF_Stream_WriteStr(s, line);
		}
		HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s, "endcmap\n"
	                        "CMapName currentdict /CMap defineresource "
	                        "pop\nend\nend\n");
	HPDF_Dict_Add(font, "ToUnicode", cmap);
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
		return pf->font ? pf : NULL;
	pf->tried = true;
	const struct layout_family *fam = &doc->st->families[face / 4];
	const char *path = face_file(fam, face % 4);
	if (!path) {
		diag_error(doc->d, (struct pos){"clerk", 0, 0},
		           "font family %s has no regular face",
		           fam->name ? fam->name : "?");
		return NULL;
	}
	HPDF_STATUS before = doc->error;
	const char *name = HPDF_LoadTTFontFromFile(doc->pdf, path, HPDF_TRUE);
	HPDF_Font font = name ? HPDF_GetFont(doc->pdf, name, "UTF-8") : NULL;
	if (!font) {
		diag_error(doc->d, (struct pos){path, 0, 0},
		           "cannot load the TrueType font (libharu error "
		           "0x%04X)",
		           (unsigned)doc->error);
		if (!before) {
			doc->error = 0;
			HPDF_ResetError(doc->pdf);
		}
		return NULL;
	}
	fix_to_unicode(doc, font);
	pf->font = font;
	pf->def = ((HPDF_FontAttr)font->attr)->fontdef;
	pf->ascent = HPDF_Font_GetAscent(font);
	pf->descent = -HPDF_Font_GetDescent(font);
	pf->widths = xmalloc(0x10000 * sizeof *pf->widths);
	for (size_t i = 0; i < 0x10000; i++)
		pf->widths[i] = -2;
	return pf;
}

static int glyph_width(void *ctx, int face, uint32_t cp)
{
	struct pdf_face *pf = pdf_face_get(ctx, face);
	if (!pf || cp > 0xFFFF)
		return -1; /* libharu's UTF-8 encoder is BMP only */
	int16_t w = pf->widths[cp];
	if (w == -2) {
		if (cp != ' ' &&
		    HPDF_TTFontDef_GetGlyphid(pf->def, (HPDF_UINT16)cp) == 0)
			w = -1;
		else
			w = (int16_t)HPDF_Font_GetUnicodeWidth(
			        pf->font, (HPDF_UNICODE)cp);
		pf->widths[cp] = w;
	}
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
	struct layout_metrics m = {doc, glyph_width, face_extent, find_image,
	                           read_image};
	return m;
}
