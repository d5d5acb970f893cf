/* pdf internals: the document, its faces and the error state, shared by
 * fonts.c, embed.c and write.c. Not a public interface. */
#ifndef CLERK_PDF_INTERNAL_H
#define CLERK_PDF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hb.h>
#include <hpdf.h>

#include "pdf/pdf.h"

/* The style's faces (family * 4 + style), then the faces fontconfig
 * found for characters none of the style's faces has. */
#define PDF_STYLE_FACES (LAYOUT_MAX_FAMILIES * 4)
#define PDF_MAX_FALLBACK_FACES 16
#define PDF_MAX_FACES (PDF_STYLE_FACES + PDF_MAX_FALLBACK_FACES)
/* Characters whose fallback face is remembered, per document. */
#define PDF_MAX_FALLBACK_CHARS 4096

struct pdf_face {
	bool tried;      /* loading was attempted */
	hb_face_t *face; /* NULL when the file could not be loaded */
	hb_font_t *font; /* scaled to font units */
	const char *path;
	char *owned_path; /* path, when found through fontconfig */
	int index;        /* the face's index in its file (a .ttc) */
	unsigned upem, nglyphs;
	int16_t *widths;     /* per BMP code point; -2 = not yet asked */
	int ascent, descent; /* 1/1000 em, descent positive */
	/* The code point each glyph shown stands for (0: not shown), by
	 * glyph id; allocated on first use. */
	uint32_t *shown;
	HPDF_Dict type0; /* the font resource, made when first shown */
};

struct pdf_doc {
	HPDF_Doc pdf;
	const struct layout_style *st;
	struct diags *d;
	HPDF_STATUS error, detail; /* the first libharu error */
	struct pdf_face faces[PDF_MAX_FACES];
	int nfallback; /* fallback faces in use, from PDF_STYLE_FACES */
	/* The fallback face found for each character asked (-1: none), in
	 * the order asked; searched linearly, as few characters need one. */
	struct pdf_fallback {
		uint32_t cp;
		int style, face;
	} * fallback;
	size_t nfallback_chars, fallback_cap;
};

/* A font file fontconfig found: its path (the caller frees it) and the
 * index of the face in it. */
struct pdf_found {
	char *path;
	int index;
};

/* find.c: the installed TrueType face of `family` closest to the weight
 * and slant asked (the regular face when the family has no bold or
 * italic); 0, or -1 when the family is not installed. */
int pdf_find_face(const char *family, bool bold, bool italic,
                  struct pdf_found *out);
/* An installed TrueType face that has `cp`, the closest in weight and
 * slant first; 0, or -1 when no installed font has it. */
int pdf_find_for_char(uint32_t cp, bool bold, bool italic,
                      struct pdf_found *out);

/* The face for `face`, loaded on first use; NULL when its file fails (an
 * error is then in the document's diagnostics). */
struct pdf_face *pdf_face_get(struct pdf_doc *doc, int face);

/* The text state of one BT ... ET object on a page: reset it (face -1)
 * at each BT. */
struct pdf_text_state {
	int face;
	double size, x, y;
};

/* Shows `text[0..len)` (UTF-8) in `face` at `size` points with its
 * baseline origin at (x, y), PDF coordinates, inside a text object, as
 * glyph ids of the face's Type0 font. */
void pdf_show_text(struct pdf_doc *doc, HPDF_Page page,
                   struct pdf_text_state *ts, int face, double size, double x,
                   double y, const char *text, size_t len);

/* Subsets and embeds every face shown; call once, before saving. */
void pdf_embed_fonts(struct pdf_doc *doc);

/* What the XMP metadata says; each string must equal its document
 * information entry (PDF/A). NULL fields are left out, but for
 * `language`, `producer` and `creator`. */
struct pdf_meta {
	const char *title, *author, *subject, *keywords;
	const char *language, *producer, *creator;
	const HPDF_Date *date; /* NULL: no dates */
};

/* Adds the XMP metadata stream (PDF/A-2a, PDF/UA-1) to the catalog. */
void pdf_metadata(struct pdf_doc *doc, const struct pdf_meta *m);
/* Adds the sRGB output intent. Returns -1 with an error in `d` when the
 * profile cannot be read. */
int pdf_output_intent(struct pdf_doc *doc, struct diags *d);

/* Rewrites the PDF in out->data[start..len) with object streams (see
 * compact.c). Returns 0, or -1 with an error in `d`. */
int pdf_compact(struct buf *out, size_t start, struct diags *d);

#endif
