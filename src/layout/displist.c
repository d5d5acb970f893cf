/* displist: the display list's storage and its text dump. */
#include "layout/displist.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "image/image.h"
#include "layout/metrics.h"

struct dl_item *dl_add(struct dl_page *page, enum dl_kind kind)
{
	page->items = xgrow(page->items, &page->cap, page->len + 1,
	                    sizeof *page->items);
	struct dl_item *it = &page->items[page->len++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

int dl_add_elem(struct dl_doc *doc, enum dl_role role, int parent)
{
	doc->elems = xgrow(doc->elems, &doc->elems_cap, doc->nelems + 1,
	                   sizeof *doc->elems);
	struct dl_elem *e = &doc->elems[doc->nelems];
	memset(e, 0, sizeof *e);
	e->role = role;
	e->parent = parent;
	return (int)doc->nelems++;
}

const char *dl_role_name(enum dl_role role)
{
	static const char *const names[DL_ROLE_NROLES] = {
	        [DL_ROLE_DOCUMENT] = "Document",
	        [DL_ROLE_PART] = "Part",
	        [DL_ROLE_SECT] = "Sect",
	        [DL_ROLE_DIV] = "Div",
	        [DL_ROLE_H1] = "H1",
	        [DL_ROLE_H2] = "H2",
	        [DL_ROLE_H3] = "H3",
	        [DL_ROLE_H4] = "H4",
	        [DL_ROLE_H5] = "H5",
	        [DL_ROLE_H6] = "H6",
	        [DL_ROLE_P] = "P",
	        [DL_ROLE_L] = "L",
	        [DL_ROLE_LI] = "LI",
	        [DL_ROLE_LBL] = "Lbl",
	        [DL_ROLE_LBODY] = "LBody",
	        [DL_ROLE_TABLE] = "Table",
	        [DL_ROLE_CAPTION] = "Caption",
	        [DL_ROLE_THEAD] = "THead",
	        [DL_ROLE_TBODY] = "TBody",
	        [DL_ROLE_TFOOT] = "TFoot",
	        [DL_ROLE_TR] = "TR",
	        [DL_ROLE_TH] = "TH",
	        [DL_ROLE_TD] = "TD",
	        [DL_ROLE_LINK] = "Link",
	        [DL_ROLE_FIGURE] = "Figure",
	        [DL_ROLE_SPAN] = "Span",
	        [DL_ROLE_NOTE] = "Note",
	        [DL_ROLE_ASIDE] = "Aside",
	        [DL_ROLE_BLOCKQUOTE] = "BlockQuote",
	        [DL_ROLE_TOC] = "TOC",
	        [DL_ROLE_TOCI] = "TOCI",
	        [DL_ROLE_CODE] = "Code",
	};
	return (unsigned)role < DL_ROLE_NROLES ? names[role] : "Span";
}

static size_t hash_id(const char *s)
{
	size_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of `id` in the index: the one that holds it, or the empty one
 * where it would go. The table is never full (at most half). */
static size_t *find_slot(const struct dl_doc *doc, const char *id)
{
	size_t mask = doc->anchor_nslots - 1;
	for (size_t i = hash_id(id) & mask;; i = (i + 1) & mask) {
		size_t *slot = &doc->anchor_slots[i];
		if (*slot == 0 || strcmp(doc->anchors[*slot - 1].id, id) == 0)
			return slot;
	}
}

static void index_anchors(struct dl_doc *doc, size_t nslots)
{
	free(doc->anchor_slots);
	doc->anchor_slots = xcalloc(nslots, sizeof *doc->anchor_slots);
	doc->anchor_nslots = nslots;
	for (size_t i = 0; i < doc->nanchors; i++) {
		size_t *slot = find_slot(doc, doc->anchors[i].id);
		if (*slot == 0)
			*slot = i + 1;
	}
}

void dl_add_anchor(struct dl_doc *doc, const char *id, int page, double y)
{
	if (2 * (doc->nanchors + 1) > doc->anchor_nslots)
		index_anchors(doc,
		              doc->anchor_nslots ? 2 * doc->anchor_nslots : 64);
	size_t *slot = find_slot(doc, id);
	if (*slot)
		return;
	doc->anchors = xgrow(doc->anchors, &doc->anchors_cap, doc->nanchors + 1,
	                     sizeof *doc->anchors);
	doc->anchors[doc->nanchors++] = (struct dl_anchor){id, page, y};
	*slot = doc->nanchors;
}

const struct dl_anchor *dl_find_anchor(const struct dl_doc *doc, const char *id)
{
	if (doc->anchor_nslots && doc->anchor_nslots >= 2 * doc->nanchors) {
		size_t *slot = find_slot(doc, id);
		return *slot ? &doc->anchors[*slot - 1] : NULL;
	}
	/* Anchors added by hand, without the index. */
	for (size_t i = 0; i < doc->nanchors; i++)
		if (strcmp(doc->anchors[i].id, id) == 0)
			return &doc->anchors[i];
	return NULL;
}

static void quoted(struct buf *out, const char *s, size_t len)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			buf_putc(out, '\\');
		buf_putc(out, s[i]);
	}
	buf_putc(out, '"');
}

static void dump_points(struct buf *out, const struct dl_item *it)
{
	for (size_t k = 0; k < it->npoints; k++)
		buf_printf(out, " %.2f,%.2f", it->points[2 * k],
		           it->points[2 * k + 1]);
}

void layout_dump(const struct dl_doc *doc, struct buf *out)
{
	static const char *const art_names[] = {
	        [DL_ART_LAYOUT] = "layout",
	        [DL_ART_PAGINATION] = "pagination",
	        [DL_ART_BACKGROUND] = "background"};
	buf_printf(out, "document %.2f x %.2f, %zu pages\n", doc->page_width,
	           doc->page_height, doc->npages);
	for (size_t p = 0; p < doc->npages; p++) {
		const struct dl_page *pg = &doc->pages[p];
		buf_printf(out, "page %zu\n", p + 1);
		for (size_t i = 0; i < pg->len; i++) {
			const struct dl_item *it = &pg->items[i];
			switch (it->kind) {
			case DL_TEXT:
				buf_printf(out,
				           "  text %.2f %.2f w=%.2f face=%d "
				           "size=%.2f #%06x ",
				           it->x, it->y, it->w, it->face,
				           it->size, it->color);
				quoted(out, it->text, it->len);
				break;
			case DL_RECT:
				buf_printf(
				        out, "  rect %.2f %.2f %.2f %.2f #%06x",
				        it->x, it->y, it->w, it->h, it->color);
				break;
			case DL_LINE:
				buf_printf(out,
				           "  line %.2f %.2f %.2f %.2f "
				           "width=%.2f #%06x",
				           it->x, it->y, it->w, it->h, it->size,
				           it->color);
				break;
			case DL_POLY:
				buf_printf(out, "  poly width=%.2f #%06x",
				           it->size, it->color);
				dump_points(out, it);
				break;
			case DL_FILL:
				buf_printf(out, "  fill #%06x", it->color);
				dump_points(out, it);
				break;
			case DL_IMAGE:
				buf_printf(out, "  image %.2f %.2f %.2f %.2f ",
				           it->x, it->y, it->w, it->h);
				quoted(out, it->text, it->len);
				break;
			case DL_LINK:
				buf_printf(out, "  link %.2f %.2f %.2f %.2f ",
				           it->x, it->y, it->w, it->h);
				quoted(out, it->text, it->len);
				break;
			}
			if (it->elem > 0)
				buf_printf(out, " @%d", it->elem - 1);
			else
				buf_printf(
				        out, " art=%s",
				        art_names
				                [it->artifact <= DL_ART_BACKGROUND
				                         ? it->artifact
				                         : 0]);
			buf_putc(out, '\n');
		}
	}
	for (size_t i = 0; i < doc->nelems; i++) {
		const struct dl_elem *el = &doc->elems[i];
		buf_printf(out, "elem %zu %s parent=%d", i,
		           dl_role_name(el->role), el->parent);
		const struct {
			const char *name, *value;
		} attrs[] = {{"id", el->id},
		             {"alt", el->alt},
		             {"scope", el->scope},
		             {"headers", el->headers},
		             {"lang", el->lang}};
		for (size_t k = 0; k < sizeof attrs / sizeof *attrs; k++) {
			if (!attrs[k].value)
				continue;
			buf_printf(out, " %s=", attrs[k].name);
			quoted(out, attrs[k].value, strlen(attrs[k].value));
		}
		if (el->colspan > 1)
			buf_printf(out, " colspan=%d", el->colspan);
		if (el->rowspan > 1)
			buf_printf(out, " rowspan=%d", el->rowspan);
		buf_putc(out, '\n');
	}
	for (size_t i = 0; i < doc->noutline; i++) {
		const struct dl_outline *o = &doc->outline[i];
		buf_printf(out, "outline %d page %d y=%.2f ", o->level,
		           o->page + 1, o->y);
		quoted(out, o->title, strlen(o->title));
		buf_putc(out, '\n');
	}
	for (size_t i = 0; i < doc->nanchors; i++) {
		const struct dl_anchor *a = &doc->anchors[i];
		buf_printf(out, "anchor page %d y=%.2f ", a->page + 1, a->y);
		quoted(out, a->id, strlen(a->id));
		buf_putc(out, '\n');
	}
}

void dl_doc_free(struct dl_doc *doc)
{
	for (size_t i = 0; i < doc->npages; i++)
		free(doc->pages[i].items);
	free(doc->pages);
	free(doc->outline);
	free(doc->anchors);
	free(doc->elems);
	for (size_t i = 0; i < doc->nimages; i++) {
		free(doc->images[i].key);
		if (doc->images[i].image) /* NULL: the image failed */
			image_free(doc->images[i].image);
		free(doc->images[i].image);
	}
	free(doc->images);
	free(doc->anchor_slots);
	memset(doc, 0, sizeof *doc);
}

static int fixed_width(void *ctx, int face, uint32_t cp)
{
	(void)ctx;
	if ((cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0x1F000)
		return -1;
	if (face / 4 == 0 && (cp == 0x2713 || cp >= 0x3000))
		return -1;
	return 500;
}

static void fixed_extent(void *ctx, int face, int *ascent, int *descent)
{
	(void)ctx;
	(void)face;
	*ascent = 800;
	*descent = 200;
}

struct layout_metrics layout_metrics_fixed(void)
{
	struct layout_metrics m = {NULL, fixed_width, fixed_extent, NULL,
	                           NULL, NULL,        NULL};
	return m;
}
