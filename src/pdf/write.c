/* write: the display list as libharu pages, with outline, links, document
 * information and a reproducible date and ID. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "image/image.h"
#include "layout/layout.h"
#include "pdf/internal.h"

/* A colour component for a content stream: three decimals, which give
 * back each 8-bit value. */
static void put_component(struct buf *b, unsigned v)
{
	unsigned m = (v * 1000 + 127) / 255; /* thousandths */
	if (m >= 1000) {
		buf_putc(b, '1');
		return;
	}
	if (m == 0) {
		buf_putc(b, '0');
		return;
	}
	char t[5] = {'.', (char)('0' + m / 100), (char)('0' + m / 10 % 10),
	             (char)('0' + m % 10), 0};
	size_t n = 4;
	while (t[n - 1] == '0')
		n--;
	buf_put(b, t, n);
}

static void put_color(struct buf *b, uint32_t c, const char *op)
{
	put_component(b, (c >> 16) & 255);
	buf_putc(b, ' ');
	put_component(b, (c >> 8) & 255);
	buf_putc(b, ' ');
	put_component(b, c & 255);
	buf_putc(b, ' ');
	buf_puts(b, op);
}

static void put_point(struct buf *b, double x, double y, const char *op)
{
	pdf_put_num(b, x);
	buf_putc(b, ' ');
	pdf_put_num(b, y);
	buf_putc(b, ' ');
	buf_puts(b, op);
}

/* The path through a polyline's points, y measured from the top of a
 * page `H` points high. */
static void trace(struct buf *b, const struct dl_item *it, double H)
{
	put_point(b, it->points[0], H - it->points[1], "m\n");
	for (size_t k = 1; k < it->npoints; k++)
		put_point(b, it->points[2 * k], H - it->points[2 * k + 1],
		          "l\n");
}

struct image_cache {
	const struct image *key;
	HPDF_Image img;
};

/* A structure element as it is written. A document has an element for
 * each paragraph, list item and table cell, and libharu's dictionary of
 * one costs two kilobytes, so the element is kept here, small, and
 * written only as the file is saved (tag_write), one at a time; in
 * libharu's cross-reference table it is a null object that holds its
 * number. */
struct tag_elem {
	HPDF_Null obj;
	int page;     /* the page of /Pg, or -1 */
	int scan;     /* children before this index are placed */
	bool placed;  /* in its parent's /K */
	bool content; /* it or a descendant has content */
	/* /K: its first and last kid in writer.kids (-1: none), and how
	 * many. */
	int first_kid, last_kid;
	unsigned nkids;
};

/* An entry of an element's /K. */
struct tag_kid {
	enum { KID_MCID, KID_ELEM, KID_MCR, KID_OBJR } kind;
	int a, b; /* MCID: a; ELEM: the element a; MCR: page a, MCID b;
	             OBJR: annotation a of writer.annots, page b */
	int next; /* the element's next kid, or -1 */
};

/* A link annotation that is a Link element's kid. */
struct tag_annot {
	HPDF_Annotation annot;
	int elem;
};

struct writer {
	struct pdf_doc *doc;
	const struct dl_doc *dl;
	HPDF_Page *pages;
	struct image_cache *images;
	size_t nimages, images_cap;
	/* The structure tree: one entry per dl->elems (or a lone Document
	 * when the list has none), the root's /K, each page's elements by
	 * MCID (its ParentTree entry) and the tagged annotations. */
	struct tag_elem *tags;
	size_t ntags;
	struct tag_kid *kids;
	size_t nkids, kids_cap;
	HPDF_Dict root; /* the StructTreeRoot, once tags_finish made it */
	const struct dl_elem *elems;
	HPDF_Array root_kids;
	HPDF_Array *mcids;
	struct tag_annot *annots;
	size_t nannots, annots_cap;
};

/* A text string for `v[0..n)` (UTF-8): as it is when it is printable
 * ASCII, else in UTF-16BE after a byte order mark, written in hex. This
 * keeps libharu's UTF-8 encoder out, whose tables cost a quarter of a
 * megabyte and their setting up. */
static void *text_value(HPDF_MMgr mm, const char *v, size_t n)
{
	bool ascii = true;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = v[i] >= 0x20 && v[i] < 0x7F;
	if (ascii) {
		char *t = xstrndup(v, n);
		HPDF_String s = HPDF_String_New(mm, t, NULL);
		free(t);
		return s;
	}
	unsigned char *u = xmalloc(2 + 4 * n);
	size_t k = 0;
	u[k++] = 0xFE;
	u[k++] = 0xFF;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t m = utf8_decode(v + i, n - i, &cp);
		if (m == 0) {
			m = 1;
			cp = 0xFFFD;
		}
		i += m;
		if (cp >= 0x10000) {
			uint32_t c = cp - 0x10000;
			unsigned hi = 0xD800 + (c >> 10),
			         lo = 0xDC00 + (c & 0x3FF);
			u[k++] = (unsigned char)(hi >> 8);
			u[k++] = (unsigned char)hi;
			u[k++] = (unsigned char)(lo >> 8);
			u[k++] = (unsigned char)lo;
		} else {
			u[k++] = (unsigned char)(cp >> 8);
			u[k++] = (unsigned char)cp;
		}
	}
	HPDF_Binary b = HPDF_Binary_New(mm, u, (HPDF_UINT)k);
	free(u);
	return b;
}

/* The length of `v` cut at a character to LIMIT_PDF_INFO_BYTES
 * (libharu refuses longer strings and fails the whole document). */
static size_t info_len(const char *v)
{
	size_t n = strlen(v);
	if (n <= LIMIT_PDF_INFO_BYTES)
		return n;
	n = LIMIT_PDF_INFO_BYTES;
	while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static void *text_string(struct writer *w, const char *v)
{
	return text_value(w->doc->pdf->mmgr, v, info_len(v));
}

static void tag_place(struct writer *w, int e);

/* Adds a kid to the /K of element `e`. libharu fails the whole document
 * on an array of more than HPDF_LIMIT_MAX_ARRAY items, so kids past that
 * are left out of the tree (their content stays marked). */
static void kid_add(struct writer *w, int e, int kind, int a, int b)
{
	struct tag_elem *t = &w->tags[e];
	if (t->nkids >= HPDF_LIMIT_MAX_ARRAY)
		return;
	w->kids = xgrow(w->kids, &w->kids_cap, w->nkids + 1, sizeof *w->kids);
	int k = (int)w->nkids++;
	w->kids[k] = (struct tag_kid){kind, a, b, -1};
	if (t->last_kid >= 0)
		w->kids[t->last_kid].next = k;
	else
		t->first_kid = k;
	t->last_kid = k;
	t->nkids++;
}

/* Adds `obj` to the root's /K, as kid_add does. */
static void root_kid_add(HPDF_Array kids, void *obj)
{
	if (HPDF_Array_Items(kids) < HPDF_LIMIT_MAX_ARRAY)
		HPDF_Array_Add(kids, obj);
}

/* Places the unplaced children of `p` with no content that come before
 * index `upto`, in order: an empty element follows its preceding
 * sibling. */
static void place_empty(struct writer *w, int p, int upto)
{
	struct tag_elem *t = &w->tags[p];
	int j = t->scan > p + 1 ? t->scan : p + 1;
	for (; j < upto; j++) {
		struct tag_elem *c = &w->tags[j];
		if (w->elems[j].parent == p && !c->placed && !c->content) {
			c->placed = true;
			kid_add(w, p, KID_ELEM, j, 0);
		}
	}
	if (upto > t->scan)
		t->scan = upto;
}

/* Puts element `e` into its parent's /K, the parent first. */
static void tag_place(struct writer *w, int e)
{
	struct tag_elem *t = &w->tags[e];
	if (t->placed)
		return;
	t->placed = true;
	int p = w->elems[e].parent;
	if (p < 0 || p >= e) {
		root_kid_add(w->root_kids, t->obj);
		return;
	}
	tag_place(w, p);
	place_empty(w, p, e);
	kid_add(w, p, KID_ELEM, e, 0);
}

/* Element `e` gets content on page `page`: /Pg on first use. */
static void tag_page(struct writer *w, int e, int page)
{
	struct tag_elem *t = &w->tags[e];
	tag_place(w, e);
	if (t->page < 0)
		t->page = page;
}

/* Opens the marked-content sequence of item `it` on page `page`. */
static void mark_begin(struct writer *w, struct buf *o, int page,
                       const struct dl_item *it)
{
	if (it->elem <= 0 || (size_t)it->elem > w->ntags) {
		static const char *const art[] = {
		        [DL_ART_LAYOUT] = "/Artifact <</Type /Layout>> BDC\n",
		        [DL_ART_PAGINATION] =
		                "/Artifact <</Type /Pagination>> BDC\n",
		        [DL_ART_BACKGROUND] =
		                "/Artifact <</Type /Background>> BDC\n"};
		unsigned k = (unsigned)it->artifact;
		buf_puts(o, art[k <= DL_ART_BACKGROUND ? k : 0]);
		return;
	}
	int e = it->elem - 1;
	HPDF_Array ids = w->mcids[page];
	int mcid = (int)HPDF_Array_Items(ids);
	HPDF_Array_Add(ids, w->tags[e].obj);
	tag_page(w, e, page);
	if (w->tags[e].page == page)
		kid_add(w, e, KID_MCID, mcid, 0);
	else
		kid_add(w, e, KID_MCR, page, mcid);
	buf_printf(o, "/%s <</MCID %d>> BDC\n", dl_role_name(w->elems[e].role),
	           mcid);
}

/* The link annotation `a` of item `it` on page `page`: /Contents, /F 4
 * (printable) and, under a Link element, /StructParent and an OBJR. */
static void tag_annot(struct writer *w, HPDF_Annotation a, int page,
                      const struct dl_item *it)
{
	HPDF_Dict_AddNumber(a, "F", 4);
	const char *contents = it->text;
	if (it->elem > 0 && (size_t)it->elem <= w->ntags &&
	    w->elems[it->elem - 1].alt && *w->elems[it->elem - 1].alt)
		contents = w->elems[it->elem - 1].alt;
	HPDF_Dict_Add(a, "Contents", text_string(w, contents));
	HPDF_Dict_AddName(w->pages[page], "Tabs", "S");
	if (it->elem <= 0 || (size_t)it->elem > w->ntags)
		return;
	int e = it->elem - 1;
	tag_page(w, e, page);
	HPDF_Dict_AddNumber(a, "StructParent",
	                    (HPDF_INT32)(w->dl->npages + w->nannots));
	w->annots = xgrow(w->annots, &w->annots_cap, w->nannots + 1,
	                  sizeof *w->annots);
	w->annots[w->nannots++] = (struct tag_annot){a, e};
	kid_add(w, e, KID_OBJR, (int)w->nannots - 1, page);
}

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

/* The link annotation of item `it` on page `index`. */
static void draw_link(struct writer *w, HPDF_Page p, size_t index,
                      const struct dl_item *it, double H)
{
	HPDF_Rect r = {(HPDF_REAL)it->x, (HPDF_REAL)(H - it->y - it->h),
	               (HPDF_REAL)(it->x + it->w), (HPDF_REAL)(H - it->y)};
	HPDF_Annotation a = NULL;
	if (it->text[0] == '#') {
		const struct dl_anchor *an =
		        dl_find_anchor(w->dl, it->text + 1);
		if (!an)
			return;
		HPDF_Destination dst =
		        HPDF_Page_CreateDestination(w->pages[an->page]);
		/* Zoom 0 is refused by 2.3.0; 1 is 100%. */
		HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)(H - an->y), 1);
		a = HPDF_Page_CreateLinkAnnot(p, r, dst);
	} else {
		a = HPDF_Page_CreateURILinkAnnot(p, r, it->text);
	}
	if (a) {
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		tag_annot(w, a, (int)index, it);
	}
}

enum { RECENT_SEGS = 32 };

/* A page's content as it is written: the graphics state set so far, so
 * that colour, line width and font are set only when they change, and
 * the path being built, so that rules of one width and colour (and
 * fills of one colour) that follow each other are one path, painted
 * once. */
struct content {
	struct buf ops;
	uint32_t fill, stroke; /* NO_COLOR: not set yet */
	double width;          /* -1: not set yet */
	char path;             /* the pending path's painting: 'f', 'S' or 0 */
	/* The pending path's last rules, in 1/100 pt as written, so that a
	 * border two cells share is drawn once. */
	long segs[RECENT_SEGS][4];
	size_t nsegs;
	bool in_text;
	struct pdf_text_state ts;
};

#define NO_COLOR 0xFFFFFFFFu

/* Paints the pending path, before anything that cannot join it. */
static void path_end(struct content *c)
{
	c->nsegs = 0;
	if (c->path) {
		buf_putc(&c->ops, c->path);
		buf_putc(&c->ops, '\n');
		c->path = 0;
	}
}

static void text_end(struct content *c)
{
	if (c->in_text) {
		buf_puts(&c->ops, "ET\n");
		c->in_text = false;
	}
}

/* Starts or continues a path painted by `paint` ('f' with the fill
 * colour `color`, 'S' with the stroke colour and `width`). */
static void content_path(struct content *c, char paint, uint32_t color,
                         double width)
{
	bool same = c->path == paint &&
	            (paint == 'f' ? c->fill == color
	                          : c->stroke == color && c->width == width);
	if (same)
		return;
	path_end(c);
	if (paint == 'f' && c->fill != color) {
		put_color(&c->ops, color, "rg\n");
		c->fill = color;
	}
	if (paint == 'S' && c->stroke != color) {
		put_color(&c->ops, color, "RG\n");
		c->stroke = color;
	}
	if (paint == 'S' && c->width != width) {
		pdf_put_num(&c->ops, width);
		buf_puts(&c->ops, " w\n");
		c->width = width;
	}
	c->path = paint;
}

static long hundredths(double v)
{
	return (long)(v * 100 + (v < 0 ? -0.5 : 0.5));
}

/* Whether the rule from (x0, y0) to (x1, y1) is in the pending path
 * already (either way round); if not, it is noted. */
static bool seen_rule(struct content *c, double x0, double y0, double x1,
                      double y1)
{
	long r[4] = {hundredths(x0), hundredths(y0), hundredths(x1),
	             hundredths(y1)};
	for (size_t i = 0; i < c->nsegs && i < RECENT_SEGS; i++) {
		const long *q = c->segs[i];
		if ((q[0] == r[0] && q[1] == r[1] && q[2] == r[2] &&
		     q[3] == r[3]) ||
		    (q[0] == r[2] && q[1] == r[3] && q[2] == r[0] &&
		     q[3] == r[1]))
			return true;
	}
	memcpy(c->segs[c->nsegs % RECENT_SEGS], r, sizeof r);
	c->nsegs++;
	return false;
}

static void draw_page(struct writer *w, size_t index)
{
	HPDF_Page p = w->pages[index];
	const struct dl_page *pg = &w->dl->pages[index];
	double H = w->dl->page_height;
	HPDF_Stream s = ((HPDF_PageAttr)p->attr)->stream;
	struct content c = {.fill = NO_COLOR,
	                    .stroke = NO_COLOR,
	                    .width = -1,
	                    .ts = {.face = -1}};
	struct buf *o = &c.ops;
	/* The open marked-content sequence: an element + 1, or minus one
	 * less than an artifact kind; INT_MIN for none. */
	int cur_mark = INT_MIN;
	for (size_t i = 0; i < pg->len; i++) {
		const struct dl_item *it = &pg->items[i];
		int mark = it->elem > 0 && (size_t)it->elem <= w->ntags
		                   ? it->elem
		                   : -1 - (int)it->artifact;
		if (it->kind != DL_LINK && mark != cur_mark) {
			/* Marked content, text objects and paths nest: the
			 * path is painted and the text object closed
			 * first. */
			path_end(&c);
			text_end(&c);
			if (cur_mark != INT_MIN)
				buf_puts(o, "EMC\n");
			mark_begin(w, o, (int)index, it);
			cur_mark = mark;
		}
		if (it->kind != DL_TEXT && it->kind != DL_LINK)
			text_end(&c);
		switch (it->kind) {
		case DL_TEXT:
			path_end(&c);
			if (!c.in_text) {
				buf_puts(o, "BT\n");
				c.in_text = true;
				c.ts.x = c.ts.y = 0;
			}
			if (it->color != c.fill) {
				put_color(o, it->color, "rg\n");
				c.fill = it->color;
			}
			pdf_show_text(w->doc, p, &c.ts, o, it->face, it->size,
			              it->x, H - it->y, it->text, it->len);
			break;
		case DL_RECT:
			content_path(&c, 'f', it->color, 0);
			pdf_put_num(o, it->x);
			buf_putc(o, ' ');
			pdf_put_num(o, H - it->y - it->h);
			buf_putc(o, ' ');
			pdf_put_num(o, it->w);
			buf_putc(o, ' ');
			pdf_put_num(o, it->h);
			buf_puts(o, " re\n");
			break;
		case DL_LINE:
			content_path(&c, 'S', it->color, it->size);
			if (seen_rule(&c, it->x, H - it->y, it->x + it->w,
			              H - it->y - it->h))
				break;
			put_point(o, it->x, H - it->y, "m ");
			put_point(o, it->x + it->w, H - it->y - it->h, "l\n");
			break;
		case DL_POLY:
			if (it->npoints < 2)
				break;
			content_path(&c, 'S', it->color, it->size);
			trace(o, it, H);
			break;
		case DL_FILL:
			if (it->npoints < 3)
				break;
			/* Subpaths of one colour fill the same area
			 * together as one by one. */
			content_path(&c, 'f', it->color, 0);
			trace(o, it, H);
			buf_puts(o, "h\n");
			break;
		case DL_IMAGE: {
			HPDF_Image img =
			        it->image ? image_get(w, it->image) : NULL;
			if (!img)
				break;
			/* libharu writes the image's q, cm, Do and Q. */
			path_end(&c);
			HPDF_Stream_Write(s, (const HPDF_BYTE *)o->data,
			                  (HPDF_UINT32)o->len);
			buf_clear(o);
			HPDF_Page_DrawImage(p, img, (HPDF_REAL)it->x,
			                    (HPDF_REAL)(H - it->y - it->h),
			                    (HPDF_REAL)it->w, (HPDF_REAL)it->h);
			break;
		}
		case DL_LINK:
			draw_link(w, p, index, it, H);
			break;
		}
	}
	path_end(&c);
	text_end(&c);
	if (cur_mark != INT_MIN)
		buf_puts(o, "EMC\n");
	HPDF_Stream_Write(s, (const HPDF_BYTE *)o->data, (HPDF_UINT32)o->len);
	buf_free(o);
	/* The page is done: its content goes deflated from here to the
	 * file, not raw. */
	pdf_pack_stream(w->doc, ((HPDF_PageAttr)p->attr)->contents);
}

/* The dictionary of structure element `k`, made as libharu would have
 * kept it: /S, /K, /P (a child's), /Alt, /Lang, /A and /ID, then /Pg and
 * a top element's /P, in the order they were once added. The caller
 * frees it (HPDF_Dict_Free); NULL when libharu fails. */
static void put_ref(struct buf *b, const void *obj)
{
	pdf_put_uint(b, ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF);
	buf_puts(b, " 0 R");
}

/* A name as libharu writes it, when it needs no escape (role, scope and
 * the like are plain words); else through libharu. */
static int put_name(struct buf *b, HPDF_MMgr mm, HPDF_Stream ms,
                    const char *name)
{
	bool plain = *name != 0;
	for (const char *q = name; *q && plain; q++)
		plain = (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') ||
		        (*q >= '0' && *q <= '9');
	if (plain) {
		buf_putc(b, '/');
		buf_puts(b, name);
		return 0;
	}
	HPDF_Name n = HPDF_Name_New(mm, name);
	HPDF_STATUS rc = n ? pdf_put_obj(ms, n, b) : HPDF_FAILD_TO_ALLOC_MEM;
	if (n)
		HPDF_Obj_Free(mm, n);
	return rc == HPDF_OK ? 0 : -1;
}

/* A string object (or a text string's binary one) through libharu,
 * which escapes it. */
static int put_string(struct buf *b, HPDF_MMgr mm, HPDF_Stream ms, void *str)
{
	HPDF_STATUS rc =
	        str ? pdf_put_obj(ms, str, b) : HPDF_FAILD_TO_ALLOC_MEM;
	if (str)
		HPDF_Obj_Free(mm, str);
	return rc == HPDF_OK ? 0 : -1;
}

/* Writes structure element `k`'s dictionary as libharu would write the
 * one it stands for, without making it: the dictionaries of a tree's
 * elements, made and freed one at a time, cost more than all the rest of
 * the saving. */
static int tag_write(void *ctx, size_t k, struct buf *b, HPDF_Stream ms)
{
	struct writer *w = ctx;
	HPDF_MMgr mm = w->doc->pdf->mmgr;
	const struct dl_elem *el = &w->elems[k];
	const struct tag_elem *t = &w->tags[k];
	int rc = 0;
	/* /Type /StructElem is optional: left out, 17 bytes an element. */
	buf_puts(b, "<<\n/S ");
	rc |= put_name(b, mm, ms, dl_role_name(el->role));
	buf_puts(b, "\n/K [ ");
	for (int i = t->first_kid; i >= 0; i = w->kids[i].next) {
		const struct tag_kid *c = &w->kids[i];
		switch (c->kind) {
		case KID_MCID:
			pdf_put_uint(b, (size_t)c->a);
			break;
		case KID_ELEM:
			put_ref(b, w->tags[c->a].obj);
			break;
		case KID_MCR:
			buf_puts(b, "<<\n/Type /MCR\n/Pg ");
			put_ref(b, w->pages[c->a]);
			buf_puts(b, "\n/MCID ");
			pdf_put_uint(b, (size_t)c->b);
			buf_puts(b, "\n>>");
			break;
		case KID_OBJR:
			buf_puts(b, "<<\n/Type /OBJR\n/Obj ");
			put_ref(b, w->annots[c->a].annot);
			buf_puts(b, "\n/Pg ");
			put_ref(b, w->pages[c->b]);
			buf_puts(b, "\n>>");
			break;
		}
		buf_putc(b, ' ');
	}
	buf_puts(b, "]\n");
	bool top = el->parent < 0 || (size_t)el->parent >= k;
	if (!top) {
		buf_puts(b, "/P ");
		put_ref(b, w->tags[el->parent].obj);
		buf_putc(b, '\n');
	}
	if (el->alt && *el->alt && el->role == DL_ROLE_FIGURE) {
		buf_puts(b, "/Alt ");
		rc |= put_string(b, mm, ms, text_string(w, el->alt));
		buf_putc(b, '\n');
	}
	if (el->lang && *el->lang) {
		buf_puts(b, "/Lang ");
		rc |= put_string(b, mm, ms,
		                 HPDF_String_New(mm, el->lang, NULL));
		buf_putc(b, '\n');
	}
	if (el->role == DL_ROLE_TH || el->role == DL_ROLE_TD) {
		buf_puts(b, "/A <<\n/O /Table\n");
		if (el->role == DL_ROLE_TH) {
			buf_puts(b, "/Scope ");
			rc |= put_name(b, mm, ms,
			               el->scope ? el->scope : "Column");
			buf_putc(b, '\n');
		}
		if (el->headers && *el->headers) {
			buf_puts(b, "/Headers [ ");
			const char *q = el->headers;
			while (*q) {
				size_t n = strcspn(q, " \t\n");
				if (n) {
					char *id = xstrndup(q, n);
					rc |= put_string(
					        b, mm, ms,
					        HPDF_String_New(mm, id, NULL));
					free(id);
					buf_putc(b, ' ');
				}
				q += n;
				q += strspn(q, " \t\n");
			}
			buf_puts(b, "]\n");
		}
		if (el->colspan > 1) {
			buf_puts(b, "/ColSpan ");
			pdf_put_uint(b, (size_t)el->colspan);
			buf_putc(b, '\n');
		}
		if (el->rowspan > 1) {
			buf_puts(b, "/RowSpan ");
			pdf_put_uint(b, (size_t)el->rowspan);
			buf_putc(b, '\n');
		}
		buf_puts(b, ">>\n");
		if (el->id && *el->id) {
			buf_puts(b, "/ID ");
			rc |= put_string(b, mm, ms,
			                 HPDF_String_New(mm, el->id, NULL));
			buf_putc(b, '\n');
		}
	}
	if (t->page >= 0) {
		buf_puts(b, "/Pg ");
		put_ref(b, w->pages[t->page]);
		buf_putc(b, '\n');
	}
	if (top && w->root) {
		buf_puts(b, "/P ");
		put_ref(b, w->root);
		buf_putc(b, '\n');
	}
	buf_puts(b, ">>");
	return rc ? -1 : 0;
}

/* Numbers the structure elements (a null object each in libharu's
 * cross-reference table, in a row, to be made dictionaries as they are
 * saved, by tag_write) and marks the elements that have content. */
static void tags_start(struct writer *w)
{
	static const struct dl_elem document = {
	        DL_ROLE_DOCUMENT, -1, NULL, NULL, NULL, NULL, NULL, 0, 0};
	HPDF_Doc pdf = w->doc->pdf;
	HPDF_MMgr mm = pdf->mmgr;
	w->elems = w->dl->nelems ? w->dl->elems : &document;
	w->ntags = w->dl->nelems ? w->dl->nelems : 1;
	w->tags = xcalloc(w->ntags, sizeof *w->tags);
	w->root_kids = HPDF_Array_New(mm);
	w->mcids = xcalloc(w->dl->npages ? w->dl->npages : 1, sizeof *w->mcids);
	for (size_t i = 0; i < w->dl->npages; i++) {
		w->mcids[i] = HPDF_Array_New(mm);
		HPDF_Dict_AddNumber(w->pages[i], "StructParents",
		                    (HPDF_INT32)i);
	}
	for (size_t i = 0; i < w->dl->npages; i++) {
		const struct dl_page *pg = &w->dl->pages[i];
		for (size_t k = 0; k < pg->len; k++) {
			int e = pg->items[k].elem - 1;
			if (e < 0 || (size_t)e >= w->ntags)
				continue;
			/* Parents have smaller indices; stop at a marked one.
			 */
			while (e >= 0 && !w->tags[e].content) {
				w->tags[e].content = true;
				int p = w->elems[e].parent;
				e = p < e ? p : -1;
			}
		}
	}
	for (size_t i = 0; i < w->ntags; i++) {
		struct tag_elem *t = &w->tags[i];
		t->page = -1;
		t->first_kid = t->last_kid = -1;
		t->obj = HPDF_Null_New(mm);
		if (t->obj)
			HPDF_Xref_Add(pdf->xref, t->obj);
	}
	HPDF_Obj_Header *first = (HPDF_Obj_Header *)w->tags[0].obj;
	if (first && (first->obj_id & HPDF_OTYPE_INDIRECT)) {
		w->doc->lazy_first = first->obj_id & 0x00FFFFFF;
		w->doc->lazy_n = w->ntags;
		w->doc->lazy_write = tag_write;
		w->doc->lazy_ctx = w;
	}
}

struct id_entry {
	const char *id;
	HPDF_Null obj;
	size_t index;
};

static int id_cmp(const void *a, const void *b)
{
	const struct id_entry *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Places the elements without content, then hangs the tree from the
 * catalog: StructTreeRoot, ParentTree, RoleMap, IDTree, MarkInfo. */
static void tags_finish(struct writer *w)
{
	HPDF_Doc pdf = w->doc->pdf;
	HPDF_MMgr mm = pdf->mmgr;
	/* In index order, each unplaced element follows the siblings
	 * before it. */
	for (size_t i = 0; i < w->ntags; i++)
		tag_place(w, (int)i);
	HPDF_Dict root = HPDF_Dict_New(mm);
	HPDF_Xref_Add(pdf->xref, root);
	HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
	HPDF_Dict_Add(root, "K", w->root_kids);
	w->root = root;
	HPDF_Dict tree = HPDF_Dict_New(mm);
	HPDF_Xref_Add(pdf->xref, tree);
	/* A number tree of leaves of at most NUMS_LEAF keys (libharu's
	 * arrays hold at most HPDF_LIMIT_MAX_ARRAY items). */
	enum { NUMS_LEAF = 1024 };
	size_t nkeys = w->dl->npages + w->nannots;
	HPDF_Array leaves = HPDF_Array_New(mm);
	HPDF_Array nums = NULL;
	for (size_t k = 0; k < nkeys; k++) {
		if (k % NUMS_LEAF == 0) {
			HPDF_Dict leaf = HPDF_Dict_New(mm);
			HPDF_Xref_Add(pdf->xref, leaf);
			nums = HPDF_Array_New(mm);
			HPDF_Dict_Add(leaf, "Nums", nums);
			HPDF_Array *lim = &(HPDF_Array){HPDF_Array_New(mm)};
			size_t last = k + NUMS_LEAF - 1 < nkeys
			                      ? k + NUMS_LEAF - 1
			                      : nkeys - 1;
			HPDF_Array_AddNumber(*lim, (HPDF_INT32)k);
			HPDF_Array_AddNumber(*lim, (HPDF_INT32)last);
			HPDF_Dict_Add(leaf, "Limits", *lim);
			HPDF_Array_Add(leaves, leaf);
		}
		HPDF_Array_AddNumber(nums, (HPDF_INT32)k);
		if (k < w->dl->npages)
			HPDF_Array_Add(nums, w->mcids[k]);
		else
			HPDF_Array_Add(
			        nums,
			        w->tags[w->annots[k - w->dl->npages].elem].obj);
	}
	HPDF_Dict_Add(tree, "Kids", leaves);
	HPDF_Dict_Add(root, "ParentTree", tree);
	HPDF_Dict_AddNumber(root, "ParentTreeNextKey",
	                    (HPDF_INT32)(w->dl->npages + w->nannots));
	HPDF_Dict roles = HPDF_Dict_New(mm);
	HPDF_Dict_AddName(roles, "Aside", "Note");
	HPDF_Dict_Add(root, "RoleMap", roles);
	/* The IDTree: a name tree of the element ids, in byte order, the
	 * first of a name winning. */
	struct id_entry *ids = NULL;
	size_t nids = 0, ids_cap = 0;
	for (size_t i = 0; i < w->ntags; i++) {
		const struct dl_elem *el = &w->elems[i];
		if ((el->role == DL_ROLE_TH || el->role == DL_ROLE_TD) &&
		    el->id && *el->id) {
			ids = xgrow(ids, &ids_cap, nids + 1, sizeof *ids);
			ids[nids++] =
			        (struct id_entry){el->id, w->tags[i].obj, i};
		}
	}
	if (nids) {
		qsort(ids, nids, sizeof *ids, id_cmp);
		HPDF_Dict idt = HPDF_Dict_New(mm);
		HPDF_Array names = HPDF_Array_New(mm);
		for (size_t i = 0; i < nids; i++) {
			if (i && !strcmp(ids[i].id, ids[i - 1].id))
				continue;
			HPDF_Array_Add(names,
			               HPDF_String_New(mm, ids[i].id, NULL));
			HPDF_Array_Add(names, ids[i].obj);
		}
		HPDF_Dict_Add(idt, "Names", names);
		HPDF_Dict_Add(root, "IDTree", idt);
	}
	free(ids);
	HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);
	HPDF_Dict mark = HPDF_Dict_New(mm);
	HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark);
	HPDF_Dict vp = HPDF_Dict_New(mm);
	HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
	HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", vp);
}

static void outline(struct writer *w)
{
	HPDF_Doc pdf = w->doc->pdf;
	HPDF_Outline parents[8] = {0};
	double H = w->dl->page_height;
	for (size_t i = 0; i < w->dl->noutline; i++) {
		const struct dl_outline *o = &w->dl->outline[i];
		int level = o->level < 1 ? 1 : o->level > 6 ? 6 : o->level;
		/* Parent: the nearest open heading above this level. */
		HPDF_Outline parent = NULL;
		for (int l = level - 1; l >= 1 && !parent; l--)
			parent = parents[l];
		HPDF_Outline ol = HPDF_CreateOutline(pdf, parent, "", NULL);
		if (!ol)
			continue;
		HPDF_Dict_Add(
		        ol, "Title",
		        text_value(pdf->mmgr, o->title, strlen(o->title)));
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

/* Sets a document information entry and returns it as written. libharu
 * refuses strings over 64 KB and fails the whole document, so a longer
 * title is cut, at a character, to LIMIT_PDF_INFO_BYTES (into `*cut`,
 * for the caller to free): the page itself still carries all of it. */
static const char *info_attr(HPDF_Doc pdf, HPDF_InfoType t, const char *v,
                             char **cut)
{
	static const char *const keys[] = {[HPDF_INFO_AUTHOR] = "Author",
	                                   [HPDF_INFO_CREATOR] = "Creator",
	                                   [HPDF_INFO_PRODUCER] = "Producer",
	                                   [HPDF_INFO_TITLE] = "Title",
	                                   [HPDF_INFO_SUBJECT] = "Subject",
	                                   [HPDF_INFO_KEYWORDS] = "Keywords"};
	*cut = NULL;
	if (!v || !*v)
		return NULL;
	size_t n = info_len(v);
	if (n < strlen(v))
		v = *cut = xstrndup(v, n);
	/* libharu makes the dictionary; the value is written as above. */
	HPDF_SetInfoAttr(pdf, t, " ");
	HPDF_Dict_Add(pdf->info, keys[t], text_value(pdf->mmgr, v, n));
	return v;
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

int pdf_write(struct pdf_doc *doc, struct dl_doc *dl,
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
	tags_start(&w);
	/* A page's items are done with once it is drawn: the structure
	 * tree has been sized from them all (tags_start), and what is left
	 * to write needs the elements, anchors and outline only. */
	for (size_t i = 0; i < dl->npages; i++) {
		draw_page(&w, i);
		free(dl->pages[i].items);
		dl->pages[i] = (struct dl_page){0};
	}
	tags_finish(&w);
	outline(&w);
	if (dl->noutline)
		HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	/* The information dictionary and the XMP metadata say the same. */
	char *cuts[6];
	struct pdf_meta m = {0};
	m.title = info_attr(pdf, HPDF_INFO_TITLE, info->title, &cuts[0]);
	m.author = info_attr(pdf, HPDF_INFO_AUTHOR, info->author, &cuts[1]);
	m.subject = info_attr(pdf, HPDF_INFO_SUBJECT, info->subject, &cuts[2]);
	m.keywords =
	        info_attr(pdf, HPDF_INFO_KEYWORDS, info->keywords, &cuts[3]);
	m.creator = info_attr(pdf, HPDF_INFO_CREATOR,
	                      info->creator ? info->creator
	                                    : "clerk " CLERK_VERSION,
	                      &cuts[4]);
	m.producer = info_attr(pdf, HPDF_INFO_PRODUCER,
	                       "clerk " CLERK_VERSION
	                       " with libharu " HPDF_VERSION_TEXT,
	                       &cuts[5]);
	HPDF_Date date;
	if (date_from(info, &date)) {
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
		m.date = &date;
	}
	const char *lang = info->language ? info->language : "en-GB";
	m.language = lang;
	HPDF_Dict_Add(pdf->catalog, "Lang",
	              HPDF_String_New(pdf->mmgr, lang, NULL));
	pdf_metadata(doc, &m);
	for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++)
		free(cuts[i]);
	int rc = pdf_output_intent(doc, d);
	document_id(doc, info, id_seed, seed_len);
	pdf_embed_fonts(doc);
	/* PDF/A-2 and PDF/UA-1 build on PDF 1.7. */
	pdf->pdf_version = HPDF_VER_17;
	if (rc != 0) {
		/* the profile's error is in `d` */
	} else if (doc->error || pdf_save(doc, out) != 0) {
		diag_error(d, (struct pos){"clerk", 0, 0},
		           "the PDF writer failed (libharu error 0x%04X, "
		           "detail %u)",
		           (unsigned)(doc->error ? doc->error
		                                 : pdf->error.error_no),
		           (unsigned)doc->detail);
		rc = -1;
	}
	free(w.pages);
	free(w.images);
	free(w.tags);
	free(w.kids);
	doc->lazy_write = NULL;
	pdf_packed_free(doc);
	free(w.mcids);
	free(w.annots);
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
