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

/* A font file read with HarfBuzz, once per process (fonts.c): what
 * every document that uses the face shares. */
struct pdf_font_file;

struct pdf_face {
	bool tried;      /* loading was attempted */
	hb_face_t *face; /* NULL when the file could not be loaded */
	hb_font_t *font; /* scaled to font units */
	const char *path;
	char *owned_path; /* path, when found through fontconfig */
	int index;        /* the face's index in its file (a .ttc) */
	unsigned upem, nglyphs;
	/* The file's shared state, with its widths of BMP code points. */
	struct pdf_font_file *file;
	int ascent, descent; /* 1/1000 em, descent positive */
	/* The code point each glyph shown stands for (0: not shown), by
	 * glyph id; allocated on first use. */
	uint32_t *shown;
	HPDF_Dict type0; /* the font resource, made when first shown */
	struct pdf_shapes *shapes; /* runs shaped so far (shape.c) */
	/* The glyph and width of U+0020 [0] and U+00A0 [1], once asked
	 * (pdf_space_units). */
	bool spaces_known;
	hb_codepoint_t space_gid[2];
	int space_units[2];
};

struct pdf_doc {
	HPDF_Doc pdf;
	const struct layout_style *st;
	struct diags *d;
	HPDF_STATUS error, detail; /* the first libharu error */
	struct pdf_face faces[PDF_MAX_FACES];
	hb_buffer_t *hb_buf; /* reused by every hb_shape */
	int nfallback;       /* fallback faces in use, from PDF_STYLE_FACES */
	/* The fallback face found for each character asked (-1: none), in
	 * the order asked; searched linearly, as few characters need one. */
	struct pdf_fallback {
		uint32_t cp;
		int style, face;
	} * fallback;
	size_t nfallback_chars, fallback_cap;
	/* Objects pdf_save asks for as it writes them: object numbers
	 * lazy_first to lazy_first + lazy_n - 1 are null objects in
	 * libharu's table, whose values lazy_write(lazy_ctx, number -
	 * lazy_first, b, ms) appends to `b` as text (0, or -1 when it
	 * failed); `ms` is a memory stream for pdf_put_obj. lazy_write is
	 * NULL when there are none. */
	int (*lazy_write)(void *ctx, size_t k, struct buf *b, HPDF_Stream ms);
	void *lazy_ctx;
	size_t lazy_first, lazy_n;
	/* Streams deflated before the saving (pdf_pack_stream), by object
	 * number. */
	struct pdf_packed {
		size_t num;
		struct buf data;
	} * packed;
	size_t npacked, packed_cap;
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

/* A run of text between spaces, shaped (shape.c): one glyph per code
 * point, its nominal id (0: the face has none; not drawn, no width), and
 * the kerning after it in 1/1000 em (negative: the next glyph closer). */
struct pdf_run {
	long units; /* the whole advance in 1/1000 em, kerning included */
	unsigned n;
	const uint16_t *gid;
	const int16_t *kern;
	bool kerned; /* some kern is not 0 */
};

/* The run `s[0..len)` (UTF-8, no space in it) shaped in `pf`; valid until
 * the document is freed, or for a run longer than the cache keeps, until
 * the next call. */
const struct pdf_run *pdf_shape_run(struct pdf_doc *doc, struct pdf_face *pf,
                                    const char *s, size_t len);
/* Whether `s[0..len)` starts with a space (U+0020, U+00A0), its bytes in
 * `*n`. */
bool pdf_is_space(const char *s, size_t len, size_t *n);
/* The nominal width of the space at `s` in 1/1000 em, and the glyph the
 * writer shows for it in `*gid` (may be NULL). */
int pdf_space_units(struct pdf_face *pf, const char *s, hb_codepoint_t *gid);
/* The metrics interface's text_units: `s[0..len)` in `face`, kerned. */
long pdf_text_units(void *ctx, int face, const char *s, size_t len);
void pdf_shapes_free(struct pdf_face *pf);

/* The text state of a page: the font set (face -1: none yet), kept
 * across text objects, and the start of the current line, which each BT
 * resets to 0, 0. */
struct pdf_text_state {
	int face;
	double size, x, y;
};

/* Appends `v` to `b` as a content stream number: at most two decimals,
 * no trailing zeros. */
void pdf_put_num(struct buf *b, double v);
/* Appends `v` in decimal to `b`. */
void pdf_put_uint(struct buf *b, size_t v);
/* Appends the text libharu writes for the direct object `obj` to `b`,
 * going through the memory stream `ms`. */
HPDF_STATUS pdf_put_obj(HPDF_Stream ms, void *obj, struct buf *b);

/* Appends to `o` the operators that show `text[0..len)` (UTF-8) in
 * `face` at `size` points with its baseline origin at (x, y), PDF
 * coordinates, inside a text object, as glyph ids of the face's Type0
 * font, kerned as pdf_text_units() measured it. */
void pdf_show_text(struct pdf_doc *doc, HPDF_Page page,
                   struct pdf_text_state *ts, struct buf *o, int face,
                   double size, double x, double y, const char *text,
                   size_t len);

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

/* Appends the document's file to `out`, with object streams and every
 * stream compressed once (compact.c). Returns 0, or -1 with nothing
 * appended. */
int pdf_save(struct pdf_doc *doc, struct buf *out);
/* Deflates the data of `dict`, an indirect stream that asks for Flate and
 * gets nothing more, now, as pdf_save would, and frees it: pdf_save then
 * writes those bytes. The raw content of all pages is several times its
 * deflated size. Returns 0, or -1 (the stream left as it was). */
int pdf_pack_stream(struct pdf_doc *doc, HPDF_Dict dict);
/* Appends `data[0..len)` to `b` deflated as pdf_save deflates a stream;
 * 0, or -1 when libdeflate fails. */
int pdf_deflate(struct buf *b, const void *data, size_t len);
/* Gives `dict`, an indirect stream that asks for Flate and holds nothing,
 * the data whose deflated bytes are `packed` (copied), as though
 * pdf_pack_stream had packed it. Returns 0, or -1 (nothing given). */
int pdf_packed_add(struct pdf_doc *doc, HPDF_Dict dict,
                   const struct buf *packed);
/* Reads and deflates the output intent's colour profile, once per
 * process (xmp.c); pdf_warm calls it in a process that forks workers. */
void pdf_profile_warm(void);
/* Frees what pdf_pack_stream kept. */
void pdf_packed_free(struct pdf_doc *doc);

#endif
