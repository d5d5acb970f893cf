/* style: the neutral committee paper's tokens, and rule matching. */
#include "layout/style.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "layout/engine.h"

/* Built-in element and class rules: a neutral paper in black and grey,
 * with RAG colours and a few layout classes, for HTML typeset without a
 * theme. A paper's grade and status badges are its theme's style table
 * (the vocabulary's badge classes), never these. */
static const struct layout_rule builtin[] = {
        {"h1",
         LAYOUT_P_SIZE | LAYOUT_P_BOLD | LAYOUT_P_MARGIN |
                 LAYOUT_P_KEEP_WITH_NEXT,
         {.size = 16,
          .bold = true,
          .margin_top = 12,
          .margin_bottom = 8,
          .keep_with_next = true}},
        {"h2",
         LAYOUT_P_SIZE | LAYOUT_P_BOLD | LAYOUT_P_MARGIN |
                 LAYOUT_P_KEEP_WITH_NEXT,
         {.size = 13,
          .bold = true,
          .margin_top = 12,
          .margin_bottom = 6,
          .keep_with_next = true}},
        {"h3",
         LAYOUT_P_SIZE | LAYOUT_P_BOLD | LAYOUT_P_MARGIN |
                 LAYOUT_P_KEEP_WITH_NEXT,
         {.size = 12,
          .bold = true,
          .margin_top = 10,
          .margin_bottom = 5,
          .keep_with_next = true}},
        {"h4",
         LAYOUT_P_BOLD | LAYOUT_P_MARGIN | LAYOUT_P_KEEP_WITH_NEXT,
         {.bold = true,
          .margin_top = 8,
          .margin_bottom = 4,
          .keep_with_next = true}},
        {"h5",
         LAYOUT_P_BOLD | LAYOUT_P_MARGIN | LAYOUT_P_KEEP_WITH_NEXT,
         {.bold = true,
          .margin_top = 8,
          .margin_bottom = 4,
          .keep_with_next = true}},
        {"h6",
         LAYOUT_P_ITALIC | LAYOUT_P_MARGIN | LAYOUT_P_KEEP_WITH_NEXT,
         {.italic = true,
          .margin_top = 8,
          .margin_bottom = 4,
          .keep_with_next = true}},
        {"p", LAYOUT_P_MARGIN, {.margin_bottom = 8}},
        {"ul", LAYOUT_P_MARGIN, {.margin_bottom = 8}},
        {"ol", LAYOUT_P_MARGIN, {.margin_bottom = 8}},
        {"li", LAYOUT_P_MARGIN, {.margin_bottom = 3}},
        {"dl", LAYOUT_P_MARGIN, {.margin_bottom = 8}},
        {"dt",
         LAYOUT_P_BOLD | LAYOUT_P_KEEP_WITH_NEXT,
         {.bold = true, .keep_with_next = true}},
        {"dd",
         LAYOUT_P_INDENT | LAYOUT_P_MARGIN,
         {.indent = 18, .margin_bottom = 4}},
        {"blockquote",
         LAYOUT_P_INDENT | LAYOUT_P_MARGIN,
         {.indent = 18, .margin_bottom = 8}},
        {"figure", LAYOUT_P_MARGIN, {.margin_top = 4, .margin_bottom = 10}},
        {"figcaption",
         LAYOUT_P_ITALIC | LAYOUT_P_SIZE | LAYOUT_P_MARGIN,
         {.italic = true, .size = 10, .margin_top = 4}},
        {"table", LAYOUT_P_MARGIN, {.margin_top = 4, .margin_bottom = 10}},
        {"caption",
         LAYOUT_P_BOLD | LAYOUT_P_MARGIN | LAYOUT_P_KEEP_WITH_NEXT,
         {.bold = true, .margin_bottom = 4, .keep_with_next = true}},
        {"th",
         LAYOUT_P_BOLD | LAYOUT_P_BACKGROUND | LAYOUT_P_BORDER |
                 LAYOUT_P_PADDING,
         {.bold = true,
          .background = 0xE7E6E6,
          .border = LAYOUT_BORDERS(0.5, 0x000000),
          .padding = LAYOUT_SIDES(4)}},
        {"td",
         LAYOUT_P_BORDER | LAYOUT_P_PADDING,
         {.border = LAYOUT_BORDERS(0.5, 0x000000), .padding = LAYOUT_SIDES(4)}},
        {"hr",
         LAYOUT_P_BORDER | LAYOUT_P_MARGIN,
         {.border = LAYOUT_BORDERS(0.75, 0x808080),
          .margin_top = 6,
          .margin_bottom = 6}},
        {"strong", LAYOUT_P_BOLD, {.bold = true}},
        {"b", LAYOUT_P_BOLD, {.bold = true}},
        {"em", LAYOUT_P_ITALIC, {.italic = true}},
        {"i", LAYOUT_P_ITALIC, {.italic = true}},
        {"a",
         LAYOUT_P_COLOR | LAYOUT_P_UNDERLINE,
         {.color = 0x0B0C8C, .underline = true}},
        {"del", LAYOUT_P_UNDERLINE, {.underline = true}},
        /* A date is never cut between its day, month and year. */
        {"time", LAYOUT_P_NOWRAP, {.nowrap = true}},
        {".nowrap", LAYOUT_P_NOWRAP, {.nowrap = true}},
        /* Words are hyphenated when no line can hold them, but not in
         * headings, dates, code, ids and badges (style.css says the
         * same to the browser). */
        {"h1", LAYOUT_P_HYPHENS, {.hyphens = false}},
        {"h2", LAYOUT_P_HYPHENS, {.hyphens = false}},
        {"h3", LAYOUT_P_HYPHENS, {.hyphens = false}},
        {"h4", LAYOUT_P_HYPHENS, {.hyphens = false}},
        {"h5", LAYOUT_P_HYPHENS, {.hyphens = false}},
        {"h6", LAYOUT_P_HYPHENS, {.hyphens = false}},
        {"time", LAYOUT_P_HYPHENS, {.hyphens = false}},
        {"code", LAYOUT_P_HYPHENS, {.hyphens = false}},
        {".badge", LAYOUT_P_HYPHENS, {.hyphens = false}},
        {".rag-red",
         LAYOUT_P_BACKGROUND | LAYOUT_P_COLOR,
         {.background = 0xC00000, .color = 0xFFFFFF}},
        {".rag-amber", LAYOUT_P_BACKGROUND, {.background = 0xFFC000}},
        {".rag-green", LAYOUT_P_BACKGROUND, {.background = 0x70AD47}},
        {".rag-done", LAYOUT_P_BACKGROUND, {.background = 0x9DC3E6}},
        {".page-break", LAYOUT_P_BREAK_BEFORE, {.break_before = true}},
        {".keep-with-next", LAYOUT_P_KEEP_WITH_NEXT, {.keep_with_next = true}},
        {".justify", LAYOUT_P_ALIGN, {.align = LAYOUT_ALIGN_JUSTIFY}},
        {".center", LAYOUT_P_ALIGN, {.align = LAYOUT_ALIGN_CENTER}},
        {".right", LAYOUT_P_ALIGN, {.align = LAYOUT_ALIGN_RIGHT}},
        {".note",
         LAYOUT_P_BACKGROUND | LAYOUT_P_PADDING | LAYOUT_P_BORDER,
         {.background = 0xF2F2F2,
          .padding = LAYOUT_SIDES(6),
          .border = LAYOUT_BORDERS(0.5, 0xA6A6A6)}},
};

void layout_style_defaults(struct layout_style *s)
{
	memset(s, 0, sizeof *s);
	s->page_width = 595.276;
	s->page_height = 841.89;
	s->margin_top = s->margin_right = s->margin_bottom = s->margin_left =
	        LAYOUT_MM(20);
	/* Their files are found by name (fontconfig, in the PDF module). */
	s->families[0] = (struct layout_family){.name = "Liberation Sans"};
	s->families[1] = (struct layout_family){.name = "DejaVu Sans"};
	s->nfamilies = 2;
	s->fallback_family = 1;
	s->body.family = 0;
	s->body.size = 11;
	s->body.color = 0x000000;
	s->body.background = LAYOUT_NONE;
	s->body.align = LAYOUT_ALIGN_LEFT;
	s->body.line_height = 1.25;
	s->body.hyphens = true;
	s->running_size = 9;
	s->running_color = 0x404040;
	s->bullet_indent = 18;
	s->number_indent = 36;
	s->orphans = 2;
	s->widows = 2;
	s->bullets[0] = "\xE2\x80\xA2"; /* • */
	s->bullets[1] = "\xE2\x80\x93"; /* – */
	s->bullets[2] = "\xE2\x80\xA2";
	s->base_dir = ".";
	s->hang_classes = "num";
	s->plain_list_classes = "plain";
}

static void apply(struct layout_props *p, const struct layout_rule *r)
{
	uint64_t m = r->set;
	if (m & LAYOUT_P_FAMILY)
		p->family = r->p.family;
	if (m & LAYOUT_P_SIZE)
		p->size = r->p.size;
	if (m & LAYOUT_P_BOLD)
		p->bold = r->p.bold;
	if (m & LAYOUT_P_ITALIC)
		p->italic = r->p.italic;
	if (m & LAYOUT_P_UNDERLINE)
		p->underline = r->p.underline;
	if (m & LAYOUT_P_COLOR)
		p->color = r->p.color;
	if (m & LAYOUT_P_BACKGROUND)
		p->background = r->p.background;
	for (int side = 0; side < 4; side++) {
		if (m & LAYOUT_P_BORDER_WIDTH(side))
			p->border[side].width = r->p.border[side].width;
		if (m & LAYOUT_P_BORDER_STYLE(side))
			p->border[side].drawn = r->p.border[side].drawn;
		if (m & LAYOUT_P_BORDER_COLOR(side))
			p->border[side].color = r->p.border[side].color;
		if (m & LAYOUT_P_PADDING_SIDE(side))
			p->padding[side] = r->p.padding[side];
	}
	if (m & LAYOUT_P_MARGIN_TOP)
		p->margin_top = r->p.margin_top;
	if (m & LAYOUT_P_MARGIN_BOTTOM)
		p->margin_bottom = r->p.margin_bottom;
	if (m & LAYOUT_P_MARGIN_RIGHT)
		p->margin_right = r->p.margin_right;
	if (m & LAYOUT_P_ALIGN)
		p->align = r->p.align;
	if (m & LAYOUT_P_KEEP_WITH_NEXT)
		p->keep_with_next = r->p.keep_with_next;
	if (m & LAYOUT_P_BREAK_BEFORE)
		p->break_before = r->p.break_before;
	if (m & LAYOUT_P_LINE_HEIGHT)
		p->line_height = r->p.line_height;
	if (m & LAYOUT_P_INDENT)
		p->indent = r->p.indent;
	if (m & LAYOUT_P_WIDTH)
		p->width = r->p.width;
	if (m & LAYOUT_P_HIDDEN)
		p->hidden = r->p.hidden;
	if (m & LAYOUT_P_NOWRAP)
		p->nowrap = r->p.nowrap;
	if (m & LAYOUT_P_LIST_NONE)
		p->list_none = r->p.list_none;
	if (m & LAYOUT_P_HYPHENS)
		p->hyphens = r->p.hyphens;
	if (m & LAYOUT_P_LINK_ADDRESS)
		p->link_address = r->p.link_address;
}

/* The position of element `n` among its parent's elements, from 1, and
 * their count. */
static void sibling_index(const struct dom_node *n, size_t *index,
                          size_t *count)
{
	*index = *count = 1;
	if (!n->parent)
		return;
	*count = 0;
	for (const struct dom_node *c = n->parent->first; c; c = c->next) {
		if (c->tag == DOM_TEXT || !c->name)
			continue;
		(*count)++;
		if (c == n)
			*index = *count;
	}
}

/* One compound selector of `len` bytes: an optional tag, then any number
 * of `.class` and of `:first-child`, `:last-child`, `:nth-child(odd)` and
 * `:nth-child(even)`. Anything else never matches, which keeps the table
 * honest about what it supports. */
static bool matches_compound(const char *sel, size_t len,
                             const struct dom_node *n)
{
	if (!n || !n->name || n->tag == DOM_TEXT)
		return false;
	size_t i = strcspn(sel, ".:");
	if (i > len)
		i = len;
	if (i && (strlen(n->name) != i || memcmp(sel, n->name, i) != 0))
		return false;
	while (i < len) {
		size_t j = i + 1;
		while (j < len && sel[j] != '.' && sel[j] != ':')
			j++;
		const char *w = sel + i + 1;
		size_t wl = j - i - 1;
		if (sel[i] == '.') {
			if (!wl || !dom_has_class(n, w, wl))
				return false;
		} else {
			size_t at, count;
			sibling_index(n, &at, &count);
			bool ok =
			        (wl == 11 && memcmp(w, "first-child", 11) == 0)
			                ? at == 1
			        : (wl == 10 && memcmp(w, "last-child", 10) == 0)
			                ? at == count
			        : (wl == 14 &&
			           memcmp(w, "nth-child(odd)", 14) == 0)
			                ? at % 2 == 1
			        : (wl == 15 &&
			           memcmp(w, "nth-child(even)", 15) == 0)
			                ? at % 2 == 0
			                : false;
			if (!ok)
				return false;
		}
		i = j;
	}
	return true;
}

/* sel[0..len): compound selectors joined by " " (a descendant) or " > "
 * (a child), matched from the right. */
static bool matches_from(const char *sel, size_t len, const struct dom_node *n)
{
	size_t sp = len;
	while (sp > 0 && sel[sp - 1] != ' ')
		sp--;
	if (sp == 0)
		return matches_compound(sel, len, n);
	if (!matches_compound(sel + sp, len - sp, n))
		return false;
	if (sp >= 3 && sel[sp - 2] == '>' && sel[sp - 3] == ' ')
		return matches_from(sel, sp - 3, n->parent);
	for (const struct dom_node *a = n->parent; a; a = a->parent)
		if (matches_from(sel, sp - 1, a))
			return true;
	return false;
}

/* What a node must be for a rule to match it: the tag or the first class
 * of the selector's rightmost compound (kind 't' or 'c'), or anything
 * (0, a compound of pseudo-classes alone). */
struct style_key {
	const char *s;
	size_t len;
	char kind;
};

/* The rules with one key, by index in layout_style_resolve()'s order.
 * Each rule is in one bucket, or in the index's `any`. */
struct style_bucket {
	struct style_key key; /* kind 0: an empty slot */
	size_t *rules;
	size_t n, cap;
	unsigned long stamp; /* the last candidates() call that took them */
};

struct style_index {
	struct style_bucket *b; /* open addressing; cap a power of two */
	size_t cap;
	size_t *any; /* the rules of kind 0, which every element tries */
	size_t nany, any_cap;
	size_t *cand; /* scratch: one element's candidates */
	size_t cand_cap;
	unsigned long calls; /* candidates() calls so far */
};

static struct style_key key_of(const char *sel)
{
	const char *c = strrchr(sel, ' ');
	c = c ? c + 1 : sel;
	size_t i = strcspn(c, ".:");
	if (i)
		return (struct style_key){c, i, 't'};
	if (c[0] == '.')
		return (struct style_key){c + 1, strcspn(c + 1, ".:"), 'c'};
	return (struct style_key){NULL, 0, 0};
}

/* The bucket of `k`, or the empty slot where it goes. */
static struct style_bucket *bucket(const struct style_index *ix, const char *s,
                                   size_t len, char kind)
{
	uint64_t h = 1469598103934665603ULL ^ (unsigned char)kind;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	for (size_t j = (size_t)h & (ix->cap - 1);;
	     j = (j + 1) & (ix->cap - 1)) {
		struct style_bucket *b = &ix->b[j];
		if (!b->key.kind || (b->key.kind == kind && b->key.len == len &&
		                     memcmp(b->key.s, s, len) == 0))
			return b;
	}
}

static const struct layout_rule *rule_at(const struct layout_style *st,
                                         size_t nb, size_t i)
{
	return i < nb ? &builtin[i] : &st->rules[i - nb];
}

static size_t builtin_count(const struct layout_style *st)
{
	return st->own_rules_only ? 0 : sizeof builtin / sizeof *builtin;
}

struct style_index *layout_style_index(const struct layout_style *st)
{
	size_t nb = builtin_count(st), n = nb + st->nrules;
	struct style_index *ix = xcalloc(1, sizeof *ix);
	ix->cap = 16;
	while (ix->cap < 2 * n)
		ix->cap *= 2;
	ix->b = xcalloc(ix->cap, sizeof *ix->b);
	for (size_t i = 0; i < n; i++) {
		struct style_key k = key_of(rule_at(st, nb, i)->selector);
		if (!k.kind) {
			ix->any = xgrow(ix->any, &ix->any_cap, ix->nany + 1,
			                sizeof *ix->any);
			ix->any[ix->nany++] = i;
			continue;
		}
		struct style_bucket *b = bucket(ix, k.s, k.len, k.kind);
		b->key = k;
		b->rules = xgrow(b->rules, &b->cap, b->n + 1, sizeof *b->rules);
		b->rules[b->n++] = i;
	}
	return ix;
}

void layout_style_index_free(struct style_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->cap; i++)
		free(ix->b[i].rules);
	free(ix->b);
	free(ix->any);
	free(ix->cand);
	free(ix);
}

static void add_candidates(struct style_index *ix, size_t *n,
                           const size_t *rules, size_t count)
{
	ix->cand = xgrow(ix->cand, &ix->cand_cap, *n + count + 1,
	                 sizeof *ix->cand);
	memcpy(ix->cand + *n, rules, count * sizeof *rules);
	*n += count;
}

static int index_cmp(const void *x, const void *y)
{
	size_t p = *(const size_t *)x, q = *(const size_t *)y;
	return (p > q) - (p < q);
}

/* The rules whose key element `n` has (its tag, each of its classes, or
 * none), in the cascade's order, each once, in ix->cand; their count.
 * A bucket is taken once however often its class is written (the stamp
 * tells), and as no rule is in two buckets the rules are then distinct:
 * an element with thousands of classes costs what its distinct classes'
 * rules cost, sorted in k log k. */
static size_t candidates(struct style_index *ix, const struct dom_node *n)
{
	size_t count = 0;
	unsigned long call = ++ix->calls;
	if (ix->nany)
		add_candidates(ix, &count, ix->any, ix->nany);
	struct style_bucket *b = bucket(ix, n->name, strlen(n->name), 't');
	if (b->key.kind)
		add_candidates(ix, &count, b->rules, b->n);
	for (const char *c = n->classes ? n->classes : ""; *c;) {
		while (*c == ' ' || *c == '\t' || *c == '\n')
			c++;
		const char *e = c;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n')
			e++;
		if (e > c) {
			b = bucket(ix, c, (size_t)(e - c), 'c');
			if (b->key.kind && b->stamp != call) {
				b->stamp = call;
				add_candidates(ix, &count, b->rules, b->n);
			}
		}
		c = e;
	}
	/* Usually a handful, sorted fastest by insertion. */
	size_t *r = ix->cand;
	if (count > 16) {
		qsort(r, count, sizeof *r, index_cmp);
		return count;
	}
	for (size_t i = 1; i < count; i++) {
		size_t v = r[i], j = i;
		for (; j > 0 && r[j - 1] > v; j--)
			r[j] = r[j - 1];
		r[j] = v;
	}
	return count;
}

/* CSS's initial box: no margins or padding, and a medium border of the
 * text's colour whose style is none. */
static void clear_box(struct layout_props *p)
{
	p->margin_top = p->margin_bottom = p->margin_right = p->indent = 0;
	for (int side = 0; side < 4; side++) {
		p->padding[side] = 0;
		p->border[side] =
		        (struct layout_border){2.25, LAYOUT_NONE, false};
	}
}

void layout_style_root(const struct layout_style *st, struct computed *out)
{
	memset(out, 0, sizeof *out);
	out->p = st->body;
	out->p.background = LAYOUT_NONE;
	clear_box(&out->p);
	out->p.keep_with_next = out->p.break_before = false;
	out->p.width = 0;
	out->p.hidden = false;
	out->p.list_none = false;
	out->p.link_address = false;
}

bool layout_style_has_any_class(const struct dom_node *n, const char *classes)
{
	for (const char *c = classes ? classes : ""; *c;) {
		size_t len = strcspn(c, " ");
		if (len && dom_has_class(n, c, len))
			return true;
		c += len;
		while (*c == ' ')
			c++;
	}
	return false;
}

void layout_style_resolve(const struct layout_style *st, struct style_index *ix,
                          const struct dom_node *n,
                          const struct computed *parent, struct computed *out)
{
	*out = *parent;
	struct layout_props *p = &out->p;
	/* Boxes are not inherited. */
	p->background = LAYOUT_NONE;
	clear_box(p);
	p->keep_with_next = p->break_before = false;
	p->width = 0;
	p->hidden = false;
	p->list_none = false;
	p->link_address = false;
	if (n->tag == DOM_SMALL || n->tag == DOM_SUB || n->tag == DOM_SUP)
		p->size = parent->p.size * 0.8;
	/* No selector matches text or a nameless node; of the rest, only
	 * the rules whose key the element has are read. */
	size_t nb = builtin_count(st);
	size_t count = n->name && n->tag != DOM_TEXT ? candidates(ix, n) : 0;
	for (size_t i = 0; i < count; i++) {
		const struct layout_rule *r = rule_at(st, nb, ix->cand[i]);
		if (matches_from(r->selector, strlen(r->selector), n))
			apply(p, r);
	}
	if (p->family < 0 || p->family >= st->nfamilies)
		p->family = 0;
	for (int side = 0; side < 4; side++)
		if (p->border[side].color == LAYOUT_NONE)
			p->border[side].color = p->color;
	if (dom_has_class(n, "visually-hidden", 15) ||
	    dom_has_class(n, "sr-only", 7) || p->hidden)
		out->hidden = true;
}
