/* embed: text shown as glyph ids, and each face embedded as a real subset.
 *
 * Text is written into the page's content stream as two-byte glyph ids of
 * a Type0 font with the Identity-H encoding; each glyph shown is noted with
 * the code point it stands for. Before the file is saved, HarfBuzz's
 * hb-subset cuts each face down to the glyphs shown (keeping their ids,
 * dropping hinting, glyph names and the tables a PDF font program does not
 * need), and the font is written through libharu's object layer: a Type0
 * font, its CIDFontType2 descendant with /W for the glyphs shown only and
 * /CIDToGIDMap /Identity, a FontDescriptor with the subset as FontFile2,
 * and a ToUnicode CMap from each glyph to its character. The subset's
 * name prefix is a hash of the glyphs it holds, so output is
 * reproducible. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-subset.h>

#include "base/utf8.h"
#include "base/xalloc.h"
#include "pdf/internal.h"

void pdf_put_num(struct buf *b, double v)
{
	long c = (long)(v * 100 + (v < 0 ? -0.5 : 0.5));
	char t[32];
	size_t n = sizeof t;
	bool neg = c < 0;
	unsigned long u = neg ? (unsigned long)-c : (unsigned long)c;
	unsigned long frac = u % 100;
	u /= 100;
	if (frac) {
		if (frac % 10)
			t[--n] = (char)('0' + frac % 10);
		t[--n] = (char)('0' + frac / 10);
		t[--n] = '.';
	}
	do {
		t[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg)
		t[--n] = '-';
	buf_put(b, t + n, sizeof t - n);
}

/* The face's Type0 font dictionary, made (empty, indirect) when the face
 * is first shown; pdf_embed_fonts() fills it. */
static HPDF_Dict type0_of(struct pdf_doc *doc, struct pdf_face *pf)
{
	if (pf->type0)
		return pf->type0;
	HPDF_Doc pdf = doc->pdf;
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	if (!d || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
		return NULL;
	HPDF_Dict_AddName(d, "Type", "Font");
	HPDF_Dict_AddName(d, "Subtype", "Type0");
	HPDF_Dict_AddName(d, "Encoding", "Identity-H");
	pf->type0 = d;
	pf->shown = xcalloc(pf->nglyphs, sizeof *pf->shown);
	return d;
}

/* Notes glyph `g` as shown for `cp` and appends its id, two bytes high
 * first, to a literal string: the bytes as they are, but for the three
 * that a literal string escapes, `(`, `)` and `\\`, and a carriage
 * return, which a reader would take as a line end. Half the bytes of the
 * hex form, so the content is smaller and cheaper to deflate. */
static void put_glyph(struct buf *b, struct pdf_face *pf, unsigned g,
                      uint32_t cp)
{
	if (g && !pf->shown[g])
		pf->shown[g] = cp;
	char e[8];
	size_t n = 0;
	for (int shift = 8; shift >= 0; shift -= 8) {
		char c = (char)((g >> shift) & 0xFF);
		if (c == '(' || c == ')' || c == '\\')
			e[n++] = '\\';
		else if (c == '\r') {
			e[n++] = '\\';
			c = 'r';
		}
		e[n++] = c;
	}
	buf_put(b, e, n);
}

void pdf_show_text(struct pdf_doc *doc, HPDF_Page page,
                   struct pdf_text_state *ts, struct buf *o, int face,
                   double size, double x, double y, const char *text,
                   size_t len)
{
	struct pdf_face *pf = pdf_face_get(doc, face);
	if (!pf || len == 0)
		return;
	HPDF_Dict font = type0_of(doc, pf);
	if (!font)
		return;
	if (ts->face != face || ts->size != size) {
		const char *name =
		        HPDF_Page_GetLocalFontName(page, (HPDF_Font)font);
		if (!name)
			return;
		buf_putc(o, '/');
		buf_puts(o, name);
		buf_putc(o, ' ');
		pdf_put_num(o, size);
		buf_puts(o, " Tf\n");
		ts->face = face;
		ts->size = size;
	}
	pdf_put_num(o, x - ts->x);
	buf_putc(o, ' ');
	pdf_put_num(o, y - ts->y);
	buf_puts(o, " Td");
	ts->x = x;
	ts->y = y;
	/* Glyph ids, and where a run is kerned, a TJ array: a number n
	 * moves the next glyph n/1000 em to the left. */
	size_t open = o->len;
	bool kerned = false;
	buf_putc(o, '(');
	for (size_t i = 0; i < len;) {
		size_t n;
		if (pdf_is_space(text + i, len - i, &n)) {
			hb_codepoint_t g;
			pdf_space_units(pf, text + i, &g);
			put_glyph(o, pf, g, n == 1 ? ' ' : 0xA0);
			i += n;
			continue;
		}
		size_t start = i;
		while (i < len && !pdf_is_space(text + i, len - i, &n))
			i++;
		const struct pdf_run *r =
		        pdf_shape_run(doc, pf, text + start, i - start);
		size_t at = start;
		for (unsigned k = 0; k < r->n; k++) {
			uint32_t cp;
			size_t m = utf8_decode(text + at, i - at, &cp);
			if (m == 0) {
				m = 1;
				cp = 0xFFFD;
			}
			at += m;
			if (!r->gid[k])
				continue; /* the face lacks it: not drawn */
			put_glyph(o, pf, r->gid[k], cp);
			if (r->kern[k]) {
				buf_putc(o, ')');
				pdf_put_num(o, -r->kern[k]);
				buf_putc(o, '(');
				kerned = true;
			}
		}
	}
	buf_putc(o, ')');
	if (kerned) {
		buf_putc(o, ' ');
		memmove(o->data + open + 1, o->data + open, o->len - 1 - open);
		o->data[open] = '[';
		buf_puts(o, "]TJ\n");
	} else {
		buf_puts(o, "Tj\n");
	}
}

/* Six capital letters from the glyphs a subset holds. */
static void subset_tag(const struct pdf_face *pf, char tag[7])
{
	uint64_t h = 1469598103934665603ULL;
	for (unsigned g = 0; g < pf->nglyphs; g++)
		if (pf->shown[g]) {
			h = (h ^ g) * 1099511628211ULL;
			h = (h ^ pf->shown[g]) * 1099511628211ULL;
		}
	for (int i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '\0';
}

/* The face's PostScript name, with only the characters a PDF name may
 * carry unescaped. */
static void ps_name(const struct pdf_face *pf, char *out, size_t cap)
{
	char raw[64] = "";
	unsigned n = sizeof raw;
	hb_ot_name_get_utf8(pf->face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	                    HB_LANGUAGE_INVALID, &n, raw);
	size_t k = 0;
	for (const char *p = raw; *p && k + 1 < cap; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')
			out[k++] = *p;
	if (k == 0)
		k = (size_t)snprintf(out, cap, "Font");
	out[k] = '\0';
}

static int16_t be16(const char *d, unsigned off)
{
	return (int16_t)(((unsigned char)d[off] << 8) |
	                 (unsigned char)d[off + 1]);
}

/* The subset font program: the glyphs shown (and .notdef) at their own
 * ids, without hinting, glyph names or layout tables. */
static hb_blob_t *subset_blob(struct pdf_face *pf)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return NULL;
	hb_set_t *glyphs = hb_subset_input_glyph_set(in);
	hb_set_add(glyphs, 0);
	for (unsigned g = 1; g < pf->nglyphs; g++)
		if (pf->shown[g])
			hb_set_add(glyphs, g);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS |
	                                      HB_SUBSET_FLAGS_NO_HINTING);
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	static const char *const tags[] = {
	        "GSUB", "GPOS", "GDEF", "kern", "name", "post", "OS/2", "DSIG",
	        "gasp", "cmap", "hdmx", "VDMX", "LTSH", "JSTF", "PCLT", "meta"};
	for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
		hb_set_add(drop, hb_tag_from_string(tags[i], 4));
	hb_face_t *sub = hb_subset_or_fail(pf->face, in);
	hb_subset_input_destroy(in);
	if (!sub)
		return NULL;
	hb_blob_t *blob = hb_face_reference_blob(sub);
	hb_face_destroy(sub);
	return blob;
}

static int width_of(const struct pdf_face *pf, unsigned g)
{
	return (int)((long)hb_font_get_glyph_h_advance(pf->font, g) * 1000 /
	             (long)pf->upem);
}

/* /W: runs of consecutive glyph ids, `first [w1 w2 ...]`. */
static HPDF_Array widths_array(struct pdf_doc *doc, const struct pdf_face *pf)
{
	HPDF_MMgr mm = doc->pdf->mmgr;
	HPDF_Array w = HPDF_Array_New(mm);
	HPDF_Array run = NULL;
	unsigned next = 0;
	for (unsigned g = 1; g < pf->nglyphs; g++) {
		if (!pf->shown[g])
			continue;
		if (!run || g != next) {
			HPDF_Array_AddNumber(w, (HPDF_INT32)g);
			run = HPDF_Array_New(mm);
			HPDF_Array_Add(w, run);
		}
		HPDF_Array_AddNumber(run, width_of(pf, g));
		next = g + 1;
	}
	return w;
}

static void utf16_hex(uint32_t cp, char *out, size_t cap)
{
	if (cp >= 0x10000) {
		cp -= 0x10000;
		snprintf(out, cap, "%04X%04X", 0xD800 + (cp >> 10),
		         0xDC00 + (cp & 0x3FF));
	} else {
		snprintf(out, cap, "%04X", (unsigned)cp);
	}
}

static HPDF_Dict to_unicode(struct pdf_doc *doc, const struct pdf_face *pf)
{
	HPDF_Doc pdf = doc->pdf;
	HPDF_Dict cmap = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!cmap)
		return NULL;
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
	unsigned total = 0;
	for (unsigned g = 1; g < pf->nglyphs; g++)
		total += pf->shown[g] != 0;
	unsigned g = 1;
	char line[48], u[16];
	while (total > 0) {
		unsigned m = total < 100 ? total : 100;
		snprintf(line, sizeof line, "%u beginbfchar\n", m);
		HPDF_Stream_WriteStr(s, line);
		for (unsigned k = 0; k < m; g++) {
			if (!pf->shown[g])
				continue;
			utf16_hex(pf->shown[g], u, sizeof u);
			snprintf(line, sizeof line, "<%04X> <%s>\n", g, u);
			HPDF_Stream_WriteStr(s, line);
			k++;
		}
		HPDF_Stream_WriteStr(s, "endbfchar\n");
		total -= m;
	}
	HPDF_Stream_WriteStr(s, "endcmap\n"
	                        "CMapName currentdict /CMap defineresource "
	                        "pop\nend\nend\n");
	return cmap;
}

static int scaled(const struct pdf_face *pf, long v)
{
	return (int)(v * 1000 / (long)pf->upem);
}

static HPDF_Dict descriptor(struct pdf_doc *doc, struct pdf_face *pf,
                            const char *base, hb_blob_t *prog)
{
	HPDF_Doc pdf = doc->pdf;
	HPDF_MMgr mm = pdf->mmgr;
	HPDF_Dict fd = HPDF_Dict_New(mm);
	if (!fd || HPDF_Xref_Add(pdf->xref, fd) != HPDF_OK)
		return NULL;
	HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
	HPDF_Dict_AddName(fd, "FontName", base);
	HPDF_Dict_AddNumber(fd, "Flags", 32); /* nonsymbolic */
	HPDF_Array bbox = HPDF_Array_New(mm);
	hb_blob_t *head =
	        hb_face_reference_table(pf->face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned hl = 0;
	const char *hd = hb_blob_get_data(head, &hl);
	int box[4] = {0, 0, 1000, 1000};
	if (hl >= 44)
		for (int i = 0; i < 4; i++)
			box[i] = scaled(pf, be16(hd, 36 + 2 * (unsigned)i));
	hb_blob_destroy(head);
	for (int i = 0; i < 4; i++)
		HPDF_Array_AddNumber(bbox, box[i]);
	HPDF_Dict_Add(fd, "FontBBox", bbox);
	float slant = hb_style_get_value(pf->font, HB_STYLE_TAG_SLANT_ANGLE);
	HPDF_Dict_AddReal(fd, "ItalicAngle", (HPDF_REAL)slant);
	HPDF_Dict_AddNumber(fd, "Ascent", pf->ascent);
	HPDF_Dict_AddNumber(fd, "Descent", -pf->descent);
	hb_position_t cap = 0;
	hb_ot_metrics_get_position_with_fallback(
	        pf->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap);
	HPDF_Dict_AddNumber(fd, "CapHeight", scaled(pf, cap));
	HPDF_Dict_AddNumber(fd, "StemV", 80);
	HPDF_Dict ff = HPDF_DictStream_New(mm, pdf->xref);
	if (!ff)
		return NULL;
	ff->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	unsigned len = 0;
	const char *data = hb_blob_get_data(prog, &len);
	HPDF_Stream_Write(ff->stream, (const HPDF_BYTE *)data, len);
	HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)len);
	HPDF_Dict_Add(fd, "FontFile2", ff);
	return fd;
}

static void embed_face(struct pdf_doc *doc, struct pdf_face *pf)
{
	hb_blob_t *prog = subset_blob(pf);
	if (!prog || hb_blob_get_length(prog) == 0) {
		diag_error(doc->d, (struct pos){pf->path, 0, 0},
		           "cannot make a subset of the font to embed it");
		hb_blob_destroy(prog);
		return;
	}
	HPDF_Doc pdf = doc->pdf;
	HPDF_MMgr mm = pdf->mmgr;
	char tag[7], name[64], base[80];
	subset_tag(pf, tag);
	ps_name(pf, name, sizeof name);
	snprintf(base, sizeof base, "%s+%s", tag, name);
	HPDF_Dict fd = descriptor(doc, pf, base, prog);
	hb_blob_destroy(prog);
	HPDF_Dict cid = HPDF_Dict_New(mm);
	if (!fd || !cid || HPDF_Xref_Add(pdf->xref, cid) != HPDF_OK)
		return;
	HPDF_Dict_AddName(cid, "Type", "Font");
	HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	HPDF_Dict_AddName(cid, "BaseFont", base);
	HPDF_Dict info = HPDF_Dict_New(mm);
	HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	HPDF_Dict_AddNumber(info, "Supplement", 0);
	HPDF_Dict_Add(cid, "CIDSystemInfo", info);
	HPDF_Dict_Add(cid, "FontDescriptor", fd);
	HPDF_Dict_AddNumber(cid, "DW", width_of(pf, 0));
	HPDF_Dict_Add(cid, "W", widths_array(doc, pf));
	HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
	HPDF_Array desc = HPDF_Array_New(mm);
	HPDF_Array_Add(desc, cid);
	HPDF_Dict_AddName(pf->type0, "BaseFont", base);
	HPDF_Dict_Add(pf->type0, "DescendantFonts", desc);
	HPDF_Dict cmap = to_unicode(doc, pf);
	if (cmap)
		HPDF_Dict_Add(pf->type0, "ToUnicode", cmap);
}

void pdf_embed_fonts(struct pdf_doc *doc)
{
	for (int i = 0; i < PDF_MAX_FACES; i++)
		if (doc->faces[i].type0)
			embed_face(doc, &doc->faces[i]);
}
