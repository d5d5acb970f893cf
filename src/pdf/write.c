/* write: the display list as libharu pages, with outline, links, document
 * information and a reproducible date and ID. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/limits.h"
#include "base/xalloc.h"
#include "image/image.h"
#include "layout/layout.h"
#include "pdf/internal.h"

static void set_rgb_fill(HPDF_Page p, uint32_t c)
{
	HPDF_Page_SetRGBFill(p, ((c >> 16) & 255) / 255.0f,
	                     ((c >> 8) & 255) / 255.0f, (c & 255) / 255.0f);
}

static void set_rgb_stroke(HPDF_Page p, uint32_t c)
{
	HPDF_Page_SetRGBStroke(p, ((c >> 16) & 255) / 255.0f,
	                       ((c >> 8) & 255) / 255.0f, (c & 255) / 255.0f);
}

/* The path through a polyline's points, y measured from the top of a
 * page `H` points high. */
static void trace(HPDF_Page p, const struct dl_item *it, double H)
{
	HPDF_Page_MoveTo(p, (HPDF_REAL)it->points[0],
	                 (HPDF_REAL)(H - it->points[1]));
	for (size_t k = 1; k < it->npoints; k++)
		HPDF_Page_LineTo(p, (HPDF_REAL)it->points[2 * k],
		                 (HPDF_REAL)(H - it->points[2 * k + 1]));
}

struct image_cache {
	const struct image *key;
	HPDF_Image img;
};

struct writer {
	struct pdf_doc *doc;
	const struct dl_doc *dl;
	HPDF_Page *pages;
	struct image_cache *images;
	size_t nimages, images_cap;
};

/* The XObject of the decoded image `im`, made on first use: its pixels
 * as a raw image (compressed by the document's mode) and, when it has
 * transparency, its alpha as a grey soft mask. libharu never sees the
 * file. */
static HPDF_Image image_get(struct writer *w, const struct image *im)
{
	for (size_t i = 0; i < w->nimages; i++)
		if (w->images[i].key == im)
			return w->images[i].img;
	HPDF_Doc pdf = w->doc->pdf;
	HPDF_Image img = HPDF_LoadRawImageFromMem(
	        pdf, im->pixels, im->width, im->height,
	        im->channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB,
	        8);
	if (img && im->alpha) {
		HPDF_Image mask = HPDF_LoadRawImageFromMem(
		        pdf, im->alpha, im->width, im->height,
		        HPDF_CS_DEVICE_GRAY, 8);
		if (mask)
			HPDF_Image_AddSMask(img, mask);
	}
	w->images = xgrow(w->images, &w->images_cap, w->nimages + 1,
	                  sizeof *w->images);
	w->images[w->nimages++] = (struct image_cache){im, img};
	return img;
}

static void draw_page(struct writer *w, size_t index)
{
	HPDF_Page p = w->pages[index];
	const struct dl_page *pg = &w->dl->pages[index];
	double H = w->dl->page_height;
	bool in_text = false;
	struct pdf_text_state ts = {.face = -1};
	uint32_t cur_fill = 0xFFFFFFFF;
	for (size_t i = 0; i < pg->len; i++) {
		const struct dl_item *it = &pg->items[i];
		if (it->kind != DL_TEXT && in_text) {
			HPDF_Page_EndText(p);
			in_text = false;
		}
		switch (it->kind) {
		case DL_TEXT:
			if (!in_text) {
				HPDF_Page_BeginText(p);
				in_text = true;
				ts = (struct pdf_text_state){.face = -1};
			}
			if (it->color != cur_fill) {
				set_rgb_fill(p, it->color);
				cur_fill = it->color;
			}
			pdf_show_text(w->doc, p, &ts, it->face, it->size, it->x,
			              H - it->y, it->text, it->len);
			break;
		case DL_RECT:
			set_rgb_fill(p, it->color);
			cur_fill = it->color;
			HPDF_Page_Rectangle(p, (HPDF_REAL)it->x,
			                    (HPDF_REAL)(H - it->y - it->h),
			                    (HPDF_REAL)it->w, (HPDF_REAL)it->h);
			HPDF_Page_Fill(p);
			break;
		case DL_LINE:
			HPDF_Page_SetLineWidth(p, (HPDF_REAL)it->size);
			set_rgb_stroke(p, it->color);
			HPDF_Page_MoveTo(p, (HPDF_REAL)it->x,
			                 (HPDF_REAL)(H - it->y));
			HPDF_Page_LineTo(p, (HPDF_REAL)(it->x + it->w),
			                 (HPDF_REAL)(H - it->y - it->h));
			HPDF_Page_Stroke(p);
			break;
		case DL_POLY:
			if (it->npoints < 2)
				break;
			HPDF_Page_SetLineWidth(p, (HPDF_REAL)it->size);
			set_rgb_stroke(p, it->color);
			trace(p, it, H);
			HPDF_Page_Stroke(p);
			break;
		case DL_FILL:
			if (it->npoints < 3)
				break;
			set_rgb_fill(p, it->color);
			cur_fill = it->color;
			trace(p, it, H);
			HPDF_Page_ClosePath(p);
			HPDF_Page_Fill(p);
			break;
		case DL_IMAGE: {
			HPDF_Image img =
			        it->image ? image_get(w, it->image) : NULL;
			if (img)
				HPDF_Page_DrawImage(
				        p, img, (HPDF_REAL)it->x,
				        (HPDF_REAL)(H - it->y - it->h),
				        (HPDF_REAL)it->w, (HPDF_REAL)it->h);
			break;
		}
		case DL_LINK: {
			HPDF_Rect r = {(HPDF_REAL)it->x,
			               (HPDF_REAL)(H - it->y - it->h),
			               (HPDF_REAL)(it->x + it->w),
			               (HPDF_REAL)(H - it->y)};
			HPDF_Annotation a = NULL;
			if (it->text[0] == '#') {
				const struct dl_anchor *an =
				        dl_find_anchor(w->dl, it->text + 1);
				if (!an)
					break;
				HPDF_Destination dst =
				        HPDF_Page_CreateDestination(
				                w->pages[an->page]);
				/* Zoom 0 is refused by 2.3.0; 1 is 100%. */
				HPDF_Destination_SetXYZ(
				        dst, 0, (HPDF_REAL)(H - an->y), 1);
				a = HPDF_Page_CreateLinkAnnot(p, r, dst);
			} else {
				a = HPDF_Page_CreateURILinkAnnot(p, r,
				                                 it->text);
			}
			if (a)
				HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			break;
		}
		}
	}
	if (in_text)
		HPDF_Page_EndText(p);
}

static void outline(struct writer *w)
{
	HPDF_Doc pdf = w->doc->pdf;
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	HPDF_Outline parents[8] = {0};
	double H = w->dl->page_height;
	for (size_t i = 0; i < w->dl->noutline; i++) {
		const struct dl_outline *o = &w->dl->outline[i];
		int level = o->level < 1 ? 1 : o->level > 6 ? 6 : o->level;
		/* Parent: the nearest open heading above this level. */
		HPDF_Outline parent = NULL;
		for (int l = level - 1; l >= 1 && !parent; l--)
			parent = parents[l];
		HPDF_Outline ol =
		        HPDF_CreateOutline(pdf, parent, o->title, enc);
		if (!ol)
			continue;
		HPDF_Destination dst =
		        HPDF_Page_CreateDestination(w->pages[o->page]);
		HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)(H - o->y + 4), 1);
		HPDF_Outline_SetDestination(ol, dst);
		HPDF_Outline_SetOpened(ol, HPDF_TRUE);
		parents[level] = ol;
		for (int l = level + 1; l < 8; l++)
			parents[l] = NULL;
	}
}

static bool date_from(const struct pdf_info *info, HPDF_Date *out)
{
	memset(out, 0, sizeof *out);
	int y, m, d;
	if (info && info->date &&
	    sscanf(info->date, "%4d-%2d-%2d", &y, &m, &d) == 3) {
		out->year = y;
		out->month = m;
		out->day = d;
		out->ind = 'Z';
		return m >= 1 && m <= 12 && d >= 1 && d <= 31;
	}
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);
		if (*end || v < 0)
			return false;
		time_t t = (time_t)v;
		struct tm tm;
		if (!gmtime_r(&t, &tm))
			return false;
		out->year = tm.tm_year + 1900;
		out->month = tm.tm_mon + 1;
		out->day = tm.tm_mday;
		out->hour = tm.tm_hour;
		out->minutes = tm.tm_min;
		out->seconds = tm.tm_sec;
		out->ind = 'Z';
		return true;
	}
	return false;
}

/* Sets a document information entry. libharu refuses strings over 64 KB
 * and fails the whole document, so a longer title is cut, at a character,
 * to LIMIT_PDF_INFO_BYTES: the page itself still carries all of it. */
static void info_attr(HPDF_Doc pdf, HPDF_InfoType t, const char *v)
{
	if (!v || !*v)
		return;
	size_t n = strlen(v);
	if (n <= LIMIT_PDF_INFO_BYTES) {
		HPDF_SetInfoAttr(pdf, t, v);
		return;
	}
	n = LIMIT_PDF_INFO_BYTES;
	while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	char *cut = xmalloc(n + 1);
	memcpy(cut, v, n);
	cut[n] = '\0';
	HPDF_SetInfoAttr(pdf, t, cut);
	free(cut);
}

static void document_id(struct pdf_doc *doc, const struct pdf_info *info,
                        const void *seed, size_t len)
{
	struct HPDF_MD5Context ctx;
	HPDF_BYTE digest[16];
	HPDF_MD5Init(&ctx);
	HPDF_MD5Update(&ctx, seed, (HPDF_UINT32)len);
	const char *fields[] = {info->title,    info->author,  info->subject,
	                        info->keywords, info->creator, info->date};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		if (fields[i])
			HPDF_MD5Update(&ctx, (const HPDF_BYTE *)fields[i],
			               (HPDF_UINT32)strlen(fields[i]));
		HPDF_MD5Update(&ctx, (const HPDF_BYTE *)"\0", 1);
	}
	HPDF_MD5Final(digest, &ctx);
	HPDF_Doc pdf = doc->pdf;
	HPDF_Array id = HPDF_Array_New(pdf->mmgr);
	if (!id)
		return;
	HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, 16));
	HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, 16));
	HPDF_Dict_Add(pdf->trailer, "ID", id);
}

int pdf_write(struct pdf_doc *doc, const struct dl_doc *dl,
              const struct pdf_info *info, const void *id_seed, size_t seed_len,
              struct buf *out, struct diags *d)
{
	static const struct pdf_info none = {0};
	if (!info)
		info = &none;
	HPDF_Doc pdf = doc->pdf;
	struct writer w = {0};
	w.doc = doc;
	w.dl = dl;
	w.pages = xcalloc(dl->npages ? dl->npages : 1, sizeof *w.pages);
	for (size_t i = 0; i < dl->npages; i++) {
		w.pages[i] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(w.pages[i], (HPDF_REAL)dl->page_width);
		HPDF_Page_SetHeight(w.pages[i], (HPDF_REAL)dl->page_height);
	}
	for (size_t i = 0; i < dl->npages; i++)
		draw_page(&w, i);
	outline(&w);
	if (dl->noutline)
		HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	info_attr(pdf, HPDF_INFO_TITLE, info->title);
	info_attr(pdf, HPDF_INFO_AUTHOR, info->author);
	info_attr(pdf, HPDF_INFO_SUBJECT, info->subject);
	info_attr(pdf, HPDF_INFO_KEYWORDS, info->keywords);
	info_attr(pdf, HPDF_INFO_CREATOR,
	          info->creator ? info->creator : "clerk");
	HPDF_Date date;
	if (date_from(info, &date)) {
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
	}
	const char *lang = info->language ? info->language : "en-GB";
	HPDF_Dict_Add(pdf->catalog, "Lang",
	              HPDF_String_New(pdf->mmgr, lang, NULL));
	document_id(doc, info, id_seed, seed_len);
	pdf_embed_fonts(doc);
	int rc = 0;
	if (doc->error || HPDF_SaveToStream(pdf) != HPDF_OK) {
		diag_error(d, (struct pos){"clerk", 0, 0},
		           "the PDF writer failed (libharu error 0x%04X, "
		           "detail %u)",
		           (unsigned)doc->error, (unsigned)doc->detail);
		rc = -1;
	} else {
		HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
		buf_reserve(out, size);
		HPDF_UINT32 n = size;
		HPDF_ReadFromStream(pdf, (HPDF_BYTE *)out->data + out->len, &n);
		out->len += n;
		out->data[out->len] = 0;
	}
	free(w.pages);
	free(w.images);
	return rc;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int pdf_render_html(const char *html, size_t len, const char *source_name,
                    const struct layout_style *style,
                    const struct pdf_info *info, struct buf *pdf_out,
                    struct diags *d, struct pdf_timing *timing)
{
	double t0 = now();
	struct pdf_doc *doc = pdf_doc_new(style, d);
	if (!doc)
		return -1;
	struct layout_metrics m = pdf_doc_metrics(doc);
	struct arena a = ARENA_INIT;
	struct dl_doc dl = {0};
	size_t errors = d->errors;
	int rc = layout_html(html, len, source_name, style, &m, &a, &dl, d);
	double t1 = now();
	if (rc == 0 && d->errors == errors)
		rc = pdf_write(doc, &dl, info, html, len, pdf_out, d);
	else
		rc = -1;
	double t2 = now();
	if (timing) {
		timing->parse_layout = t1 - t0;
		timing->write = t2 - t1;
	}
	dl_doc_free(&dl);
	arena_free(&a);
	pdf_doc_free(doc);
	return rc;
}
