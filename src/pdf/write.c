/* write: the display list as libharu pages, with outline, links, document
 * information and a reproducible date and ID. */
#include <limits.h>
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

/* A structure element as it is written. */
struct tag_elem {
	HPDF_Dict dict;
	HPDF_Array kids; /* /K: MCIDs, MCRs, OBJRs and child elements */
	int page;        /* the page of /Pg, or -1 */
	int scan;        /* children before this index are placed */
	bool placed;     /* in its parent's /K */
	bool content;    /* it or a descendant has content */
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
	HPDF_Encoder utf8;
	/* The structure tree: one entry per dl->elems (or a lone Document
	 * when the list has none), the root's /K, each page's elements by
	 * MCID (its ParentTree entry) and the tagged annotations. */
	struct tag_elem *tags;
	size_t ntags;
	const struct dl_elem *elems;
	HPDF_Array root_kids;
	HPDF_Array *mcids;
	struct tag_annot *annots;
	size_t nannots, annots_cap;
};

/* A text string, cut at a character to LIMIT_PDF_INFO_BYTES (libharu
 * refuses longer strings and fails the whole document). */
static HPDF_String text_string(struct writer *w, const char *v)
{
	size_t n = strlen(v);
	if (n <= LIMIT_PDF_INFO_BYTES)
		return HPDF_String_New(w->doc->pdf->mmgr, v, w->utf8);
	n = LIMIT_PDF_INFO_BYTES;
	while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	char *cut = xstrndup(v, n);
	HPDF_String s = HPDF_String_New(w->doc->pdf->mmgr, cut, w->utf8);
	free(cut);
	return s;
}

static void tag_place(struct writer *w, int e);

/* Adds `obj` to an element's /K. libharu fails the whole document on an
 * array of more than HPDF_LIMIT_MAX_ARRAY items, so kids past that are
 * left out of the tree (their content stays marked). */
static void kid_add(HPDF_Array kids, void *obj)
{
	if (HPDF_Array_Items(kids) < HPDF_LIMIT_MAX_ARRAY)
		HPDF_Array_Add(kids, obj);
	else if (!(((HPDF_Obj_Header *)obj)->obj_id & HPDF_OTYPE_INDIRECT))
		HPDF_Obj_Free(kids->mmgr,
		              obj); /* an element stays in the xref */
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
			kid_add(t->kids, c->dict);
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
		kid_add(w->root_kids, t->dict);
		return;
	}
	tag_place(w, p);
	place_empty(w, p, e);
	kid_add(w->tags[p].kids, t->dict);
}

/* Element `e` gets content on page `page`: /Pg on first use. */
static void tag_page(struct writer *w, int e, int page)
{
	struct tag_elem *t = &w->tags[e];
	tag_place(w, e);
	if (t->page < 0) {
		t->page = page;
		HPDF_Dict_Add(t->dict, "Pg", w->pages[page]);
	}
}

/* Opens the marked-content sequence of item `it` on page `page`. */
static void mark_begin(struct writer *w, HPDF_Stream s, int page,
                       const struct dl_item *it)
{
	char op[96];
	if (it->elem <= 0 || (size_t)it->elem > w->ntags) {
		static const char *const art[] = {
		        [DL_ART_LAYOUT] = "/Artifact <</Type /Layout>> BDC\n",
		        [DL_ART_PAGINATION] =
		                "/Artifact <</Type /Pagination>> BDC\n",
		        [DL_ART_BACKGROUND] =
		                "/Artifact <</Type /Background>> BDC\n"};
		unsigned k = (unsigned)it->artifact;
		HPDF_Stream_WriteStr(s, art[k <= DL_ART_BACKGROUND ? k : 0]);
		return;
	}
	int e = it->elem - 1;
	HPDF_Array ids = w->mcids[page];
	int mcid = (int)HPDF_Array_Items(ids);
	HPDF_Array_Add(ids, w->tags[e].dict);
	tag_page(w, e, page);
	struct tag_elem *t = &w->tags[e];
	if (t->page == page) {
		if (HPDF_Array_Items(t->kids) < HPDF_LIMIT_MAX_ARRAY)
			HPDF_Array_AddNumber(t->kids, mcid);
	} else {
		HPDF_Dict mcr = HPDF_Dict_New(w->doc->pdf->mmgr);
		HPDF_Dict_AddName(mcr, "Type", "MCR");
		HPDF_Dict_Add(mcr, "Pg", w->pages[page]);
		HPDF_Dict_AddNumber(mcr, "MCID", mcid);
		kid_add(t->kids, mcr);
	}
	snprintf(op, sizeof op, "/%s <</MCID %d>> BDC\n",
	         dl_role_name(w->elems[e].role), mcid);
	HPDF_Stream_WriteStr(s, op);
}

/* The link annotation `a` of item `it` on page `page`: /Contents, /F 4
 * (printable) and, under a Link element, /StructParent and an OBJR. */
static void tag_annot(struct writer *w, HPDF_Annotation a, int page,
                      const struct dl_item *it)
{
	HPDF_MMgr mm = w->doc->pdf->mmgr;
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
	HPDF_Dict objr = HPDF_Dict_New(mm);
	HPDF_Dict_AddName(objr, "Type", "OBJR");
	HPDF_Dict_Add(objr, "Obj", a);
	HPDF_Dict_Add(objr, "Pg", w->pages[page]);
	kid_add(w->tags[e].kids, objr);
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

static void draw_page(struct writer *w, size_t index)
{
	HPDF_Page p = w->pages[index];
	const struct dl_page *pg = &w->dl->pages[index];
	double H = w->dl->page_height;
	bool in_text = false;
	struct pdf_text_state ts = {.face = -1};
	uint32_t cur_fill = 0xFFFFFFFF;
	HPDF_Stream s = ((HPDF_PageAttr)p->attr)->stream;
	/* The open marked-content sequence: an element + 1, or minus one
	 * less than an artifact kind; INT_MIN for none. */
	int cur_mark = INT_MIN;
	for (size_t i = 0; i < pg->len; i++) {
		const struct dl_item *it = &pg->items[i];
		if (it->kind != DL_TEXT && in_text) {
			HPDF_Page_EndText(p);
			in_text = false;
		}
		int mark = it->elem > 0 && (size_t)it->elem <= w->ntags
		                   ? it->elem
		                   : -1 - (int)it->artifact;
		if (it->kind != DL_LINK && mark != cur_mark) {
			/* Marked content and text objects nest: the text
			 * object closes first. */
			if (in_text) {
				HPDF_Page_EndText(p);
				in_text = false;
			}
			if (cur_mark != INT_MIN)
				HPDF_Stream_WriteStr(s, "EMC\n");
			mark_begin(w, s, (int)index, it);
			cur_mark = mark;
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
			if (a) {
				HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
				tag_annot(w, a, (int)index, it);
			}
			break;
		}
		}
	}
	if (in_text)
		HPDF_Page_EndText(p);
	if (cur_mark != INT_MIN)
		HPDF_Stream_WriteStr(s, "EMC\n");
}

/* Makes one indirect dictionary per structure element, with its type,
 * parent and attributes, and marks the elements that have content. */
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
		const struct dl_elem *el = &w->elems[i];
		struct tag_elem *t = &w->tags[i];
		t->page = -1;
		t->dict = HPDF_Dict_New(mm);
		HPDF_Xref_Add(pdf->xref, t->dict);
		t->kids = HPDF_Array_New(mm);
		/* /Type /StructElem is optional: left out, 17 bytes an
		 * element of a file whose objects libharu cannot compress. */
		HPDF_Dict_AddName(t->dict, "S", dl_role_name(el->role));
		HPDF_Dict_Add(t->dict, "K", t->kids);
		if (el->parent >= 0 && (size_t)el->parent < i)
			HPDF_Dict_Add(t->dict, "P", w->tags[el->parent].dict);
		if (el->alt && *el->alt && el->role == DL_ROLE_FIGURE)
			HPDF_Dict_Add(t->dict, "Alt", text_string(w, el->alt));
		if (el->lang && *el->lang)
			HPDF_Dict_Add(t->dict, "Lang",
			              HPDF_String_New(mm, el->lang, NULL));
		if (el->role != DL_ROLE_TH && el->role != DL_ROLE_TD)
			continue;
		HPDF_Dict a = HPDF_Dict_New(mm);
		HPDF_Dict_AddName(a, "O", "Table");
		if (el->role == DL_ROLE_TH)
			HPDF_Dict_AddName(a, "Scope",
			                  el->scope ? el->scope : "Column");
		if (el->headers && *el->headers) {
			HPDF_Array h = HPDF_Array_New(mm);
			const char *q = el->headers;
			while (*q) {
				size_t n = strcspn(q, " \t\n");
				if (n) {
					char *id = xstrndup(q, n);
					HPDF_Array_Add(
					        h,
					        HPDF_String_New(mm, id, NULL));
					free(id);
				}
				q += n;
				q += strspn(q, " \t\n");
			}
			HPDF_Dict_Add(a, "Headers", h);
		}
		if (el->colspan > 1)
			HPDF_Dict_AddNumber(a, "ColSpan", el->colspan);
		if (el->rowspan > 1)
			HPDF_Dict_AddNumber(a, "RowSpan", el->rowspan);
		HPDF_Dict_Add(t->dict, "A", a);
		if (el->id && *el->id)
			HPDF_Dict_Add(t->dict, "ID",
			              HPDF_String_New(mm, el->id, NULL));
	}
}

struct id_entry {
	const char *id;
	HPDF_Dict dict;
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
	for (size_t i = 0; i < w->ntags; i++)
		if (w->elems[i].parent < 0 || (size_t)w->elems[i].parent >= i)
			HPDF_Dict_Add(w->tags[i].dict, "P", root);
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
			        nums, w->tags[w->annots[k - w->dl->npages].elem]
			                      .dict);
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
			        (struct id_entry){el->id, w->tags[i].dict, i};
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
			HPDF_Array_Add(names, ids[i].dict);
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

/* Sets a document information entry and returns it as written. libharu
 * refuses strings over 64 KB and fails the whole document, so a longer
 * title is cut, at a character, to LIMIT_PDF_INFO_BYTES (into `*cut`,
 * for the caller to free): the page itself still carries all of it. */
static const char *info_attr(HPDF_Doc pdf, HPDF_InfoType t, const char *v,
                             char **cut)
{
	*cut = NULL;
	if (!v || !*v)
		return NULL;
	size_t n = strlen(v);
	if (n > LIMIT_PDF_INFO_BYTES) {
		n = LIMIT_PDF_INFO_BYTES;
		while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
			n--;
		v = *cut = xstrndup(v, n);
	}
	HPDF_SetInfoAttr(pdf, t, v);
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

/* pdf_write without the rewrite with object streams: appends the file as
 * libharu writes it to `out` from `*start` on, and frees the document's
 * objects once they are written. */
static int write_plain(struct pdf_doc *doc, const struct dl_doc *dl,
                       const struct pdf_info *info, const void *id_seed,
                       size_t seed_len, struct buf *out, size_t *start,
                       struct diags *d)
{
	static const struct pdf_info none = {0};
	if (!info)
		info = &none;
	HPDF_Doc pdf = doc->pdf;
	struct writer w = {0};
	w.doc = doc;
	w.dl = dl;
	w.utf8 = HPDF_GetEncoder(pdf, "UTF-8");
	w.pages = xcalloc(dl->npages ? dl->npages : 1, sizeof *w.pages);
	for (size_t i = 0; i < dl->npages; i++) {
		w.pages[i] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(w.pages[i], (HPDF_REAL)dl->page_width);
		HPDF_Page_SetHeight(w.pages[i], (HPDF_REAL)dl->page_height);
	}
	tags_start(&w);
	for (size_t i = 0; i < dl->npages; i++)
		draw_page(&w, i);
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
	} else if (doc->error || HPDF_SaveToStream(pdf) != HPDF_OK) {
		diag_error(d, (struct pos){"clerk", 0, 0},
		           "the PDF writer failed (libharu error 0x%04X, "
		           "detail %u)",
		           (unsigned)doc->error, (unsigned)doc->detail);
		rc = -1;
	} else {
		HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
		buf_reserve(out, size);
		HPDF_UINT32 n = size;
		*start = out->len;
		HPDF_ReadFromStream(pdf, (HPDF_BYTE *)out->data + out->len, &n);
		out->len += n;
		out->data[out->len] = 0;
	}
	/* The file is in `out`: the objects and the stream they were
	 * written to are no longer needed, and the rewrite that follows is
	 * the peak of a report's memory. */
	HPDF_FreeDocAll(pdf);
	free(w.pages);
	free(w.images);
	free(w.tags);
	free(w.mcids);
	free(w.annots);
	return rc;
}

/* Rewrites the file that write_plain appended at `start` with object
 * streams, unless it is too large for that to be quick. */
static int compact(struct buf *out, size_t start, struct diags *d)
{
	if (out->len - start > LIMIT_PDF_COMPACT_BYTES)
		return 0;
	if (pdf_compact(out, start, d) == 0)
		return 0;
	out->len = start;
	out->data[start] = 0;
	return -1;
}

int pdf_write(struct pdf_doc *doc, const struct dl_doc *dl,
              const struct pdf_info *info, const void *id_seed, size_t seed_len,
              struct buf *out, struct diags *d)
{
	size_t start = out->len;
	int rc = write_plain(doc, dl, info, id_seed, seed_len, out, &start, d);
	return rc == 0 ? compact(out, start, d) : rc;
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
	size_t start = pdf_out->len;
	if (rc == 0 && d->errors == errors)
		rc = write_plain(doc, &dl, info, html, len, pdf_out, &start, d);
	else
		rc = -1;
	/* The layout and the fonts are done with before the rewrite, so
	 * that they and libqpdf's copy of the file are never in memory at
	 * once. */
	dl_doc_free(&dl);
	arena_free(&a);
	pdf_doc_free(doc);
	if (rc == 0)
		rc = compact(pdf_out, start, d);
	double t2 = now();
	if (timing) {
		timing->parse_layout = t1 - t0;
		timing->write = t2 - t1;
	}
	return rc;
}
