/* view: the report, its computed data and the theme, shaped for templates.
 *
 * The view starts as a deep copy of the report. Prose fields, found by a
 * table of paths, are replaced by their HTML; a walk over the copy adds
 * the `_long`, `_name` and `_href` twins. Then the page's sections are
 * laid out in the theme's order, and numbered: in hierarchical style a
 * top-level section is "4.", its paragraphs and subsections share one
 * counter (4.1, 4.2), and a subsection's paragraphs go one level deeper
 * (4.2.1); in sectioned style a top-level section is "4." and all its
 * paragraphs, its subsections' included, count 4.1, 4.2 in one counter;
 * in flat style paragraphs count 1, 2, ... through the report and
 * headings carry no number; continuous is flat with the recommendations
 * and reasons counted in the same run; with none, nothing is numbered.
 * The theme's numbering.count adds the recommendations, the implications
 * and the blocks' marked paragraphs to the counting.
 *
 * This file lays out the sections and runs the steps in order; the steps
 * live in view_words.c (twins), view_prose.c (prose and paragraph numbers),
 * view_number.c (which counter numbers what), view_blocks.c (a block's
 * marked paragraphs), view_computed.c (hook data, derived rows, optional
 * keys) and view_chart.c (charts). */
#include "html/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/near.h"
#include "html/internal.h"

/* The offset just past the `n`th top-level element of `html`, or its
 * length when it has fewer. */
static size_t after_element(const char *html, long n)
{
	int depth = 0;
	long seen = 0;
	const char *p = html;
	while (*p && seen < n) {
		const char *lt = strchr(p, '<');
		if (!lt)
			return strlen(html);
		const char *gt = strchr(lt, '>');
		if (!gt)
			return strlen(html);
		if (lt[1] == '/') {
			if (--depth == 0)
				seen++;
		} else if (gt[-1] != '/' && lt[1] != '!' && lt[1] != '?') {
			depth++;
		}
		p = gt + 1;
	}
	while (*p == '\n')
		p++;
	return (size_t)(p - html);
}

/* Renders a section body, numbered as the theme says. */
static struct value *body_html(struct view *v, const struct value *text,
                               int level, struct counter *c)
{
	struct buf md = BUF_INIT;
	view_prose_html(v, text, level, false, &md);
	struct value *val = view_number_html(v, buf_cstr(&md), c);
	buf_free(&md);
	return val;
}

/* Starts a page section entry: heading, number, anchor, level. A top
 * section takes the next top number; a subsection the next number of its
 * parent's counter. */
static struct value *entry(struct view *v, const char *partial,
                           const char *heading, const char *anchor, int level,
                           bool numbered, struct counter *parent,
                           struct counter *c)
{
	struct value *e = value_new_map(v->a, nopos());
	set_str(v, e, "partial", partial);
	set_str(v, e, "heading", heading);
	set_str(v, e, "anchor", anchor);
	set_int(v, e, "level", level);
	set_int(v, e, "hl", level + 1 > 6 ? 6 : level + 1);
	/* Every key a section partial reads is set, so a Mustache lookup
	 * never falls through to an enclosing section's value. */
	set_str(v, e, "id", "");
	set_str(v, e, "css_class", "");
	set_str(v, e, "number", "");
	set_str(v, e, "body", "");
	set_bool(v, e, "body_after", false);
	set(v, e, "flow", value_new_list(v->a, nopos()));
	set_bool(v, e, "hide_heading", false);
	set(v, e, "table", value_new_null(v->a, nopos()));
	set(v, e, "blocks", value_new_list(v->a, nopos()));
	set(v, e, "subsections", value_new_list(v->a, nopos()));
	set(v, e, "items", value_new_list(v->a, nopos()));
	set_bool(v, e, "in_run", false);
	memset(c, 0, sizeof *c);
	c->parent = parent;
	c->entry = e;
	c->numbered = numbered && (!parent || parent->numbered);
	if (c->numbered && v->theme->paragraphs == THEME_NUMBER_SECTIONED) {
		view_section_number(v, e, c, parent);
	} else if (c->numbered &&
	           v->theme->paragraphs == THEME_NUMBER_HIERARCHICAL) {
		if (!parent) {
			snprintf(c->number, sizeof c->number, "%d", ++v->top);
			char shown[sizeof c->number + 1];
			memcpy(shown, c->number, sizeof c->number);
			strcat(shown, ".");
			set_str(v, e, "number", shown);
		} else {
			/* Deep nesting past the buffer keeps the
			 * parent's number rather than a cut one. */
			if (snprintf(c->number, sizeof c->number, "%s.%d",
			             parent->number,
			             ++parent->n) >= (int)sizeof c->number)
				memcpy(c->number, parent->number,
				       sizeof c->number);
			set_str(v, e, "number", c->number);
		}
	}
	return e;
}

/* Blocks the narrative and the theme place by name: each is a partial. */
static const char *const blocks[] = {"judgements",
                                     "findings",
                                     "inspection_recommendations",
                                     "earlier_inspections",
                                     "priorities",
                                     "action_plan",
                                     "progress",
                                     "figures",
                                     "inspection",
                                     "series",
                                     NULL};

_Static_assert(sizeof blocks / sizeof *blocks == VIEW_NBLOCKS + 1,
               "view.shown has a place for each block");

/* The index of block `name` in blocks[], or -1. */
static int block_index(const char *name)
{
	for (int i = 0; blocks[i]; i++)
		if (strcmp(blocks[i], name) == 0)
			return i;
	return -1;
}

/* The block a misspelt `name` most likely means ("judgments"), or NULL
 * when none is within two edits of it. */
static const char *block_near(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3, len = strlen(name);
	for (int i = 0; blocks[i]; i++) {
		size_t d =
		        near_distance(name, len, blocks[i], strlen(blocks[i]));
		if (d < best_d) {
			best_d = d;
			best = blocks[i];
		}
	}
	return best;
}

static const char *block_partial(const char *name)
{
	static const char *const partials[] = {"judgements",
	                                       "findings",
	                                       "inspection-recommendations",
	                                       "earlier-inspections",
	                                       "priorities",
	                                       "action-plan",
	                                       "progress",
	                                       "figures",
	                                       "inspection",
	                                       "series"};
	int i = block_index(name);
	return i < 0 ? NULL : partials[i];
}

static struct value *block(struct view *v, const char *partial, int hl)
{
	struct value *b = value_new_map(v->a, nopos());
	set_str(v, b, "partial", partial);
	set_int(v, b, "hl", hl > 6 ? 6 : hl);
	set_int(v, b, "hl2", hl + 1 > 6 ? 6 : hl + 1);
	return b;
}

/* The name of a `show:` item: the item itself, or its `block:` when it
 * is written as a map ({block: findings, after: 3}). */
static const struct value *shown_block(const struct value *item)
{
	return item->kind == VALUE_MAP ? value_map_get(item, "block") : item;
}

/* Marks each block the narrative shows, so the theme does not print it a
 * second time as a standard section. */
static bool shown_in(const struct value *sections, const char *name)
{
	if (!sections || sections->kind != VALUE_LIST)
		return false;
	for (size_t i = 0; i < sections->as.list.len; i++) {
		const struct value *s = sections->as.list.items[i];
		const struct value *show = value_map_get(s, "show");
		if (show && show->kind == VALUE_LIST)
			for (size_t j = 0; j < show->as.list.len; j++) {
				const struct value *b =
				        shown_block(show->as.list.items[j]);
				if (b && b->text && strcmp(b->text, name) == 0)
					return true;
			}
		if (shown_in(value_map_get(s, "sections"), name))
			return true;
	}
	return false;
}

static struct value *table_view(struct view *v, const struct value *t)
{
	struct value *out = value_new_map(v->a, nopos());
	const struct value *caption = value_map_get(t, "caption");
	if (caption && caption->text)
		set_str(v, out, "caption", caption->text);
	const struct value *head = value_map_get(t, "head");
	if (head && head->kind == VALUE_LIST && head->as.list.len)
		set(v, out, "head", value_copy(v->a, head));
	struct value *rows = value_new_list(v->a, nopos());
	const struct value *src = value_map_get(t, "rows");
	for (size_t i = 0; src && i < src->as.list.len; i++) {
		const struct value *r = src->as.list.items[i];
		struct value *row = value_new_map(v->a, nopos());
		struct value *cells = value_new_list(v->a, nopos());
		for (size_t j = 0; r->kind == VALUE_LIST && j < r->as.list.len;
		     j++) {
			struct value *cell = value_new_map(v->a, nopos());
			const struct value *c = r->as.list.items[j];
			set(v, cell, "html",
			    c->text ? view_prose(v, c, 3, true) : str(v, ""));
			set_bool(v, cell, "first", j == 0);
			value_list_push(v->a, cells, cell);
		}
		set(v, row, "cells", cells);
		value_list_push(v->a, rows, row);
	}
	set(v, out, "rows", rows);
	if (!value_map_get(out, "caption"))
		set(v, out, "caption", value_new_null(v->a, nopos()));
	if (!value_map_get(out, "head"))
		set(v, out, "head", value_new_list(v->a, nopos()));
	return out;
}

/* How many top-level elements `html` has (after_element's count). */
static long element_count(const char *html)
{
	int depth = 0;
	long seen = 0;
	for (const char *p = html; (p = strchr(p, '<')) != NULL;) {
		const char *gt = strchr(p, '>');
		if (!gt)
			break;
		if (p[1] == '/') {
			if (--depth == 0)
				seen++;
		} else if (gt[-1] != '/' && p[1] != '!' && p[1] != '?') {
			depth++;
		}
		p = gt + 1;
	}
	return seen;
}

/* The paragraph `after` (a section's or a show: item's `after:`) places
 * blocks after, or -1 with an error when the body has no such
 * paragraph. */
static long place_after(struct view *v, const struct value *after,
                        long paragraphs, const char *what)
{
	if (after->as.i >= 1 && after->as.i <= paragraphs)
		return (long)after->as.i;
	if (after->as.i < 1)
		/* The schema refuses it first; the view stands alone. */
		diag_error(v->d, after->pos,
		           "after: expected a paragraph number from 1, got "
		           "%lld",
		           (long long)after->as.i);
	else if (paragraphs == 0)
		diag_error(v->d, after->pos,
		           "after: this section has no body, so there is no "
		           "paragraph %lld to place %s after; leave after: out",
		           (long long)after->as.i, what);
	else
		diag_error(
		        v->d, after->pos,
		        "after: the body has %ld paragraph%s, so there is no "
		        "paragraph %lld to place %s after; give a number "
		        "from 1 to %ld, or leave after: out to place %s at "
		        "the end",
		        paragraphs, paragraphs == 1 ? "" : "s",
		        (long long)after->as.i, what, paragraphs, what);
	v->failed = 1;
	return -1;
}

/* A shown block and the paragraph it follows. */
struct placed {
	long after;
	struct value *block;
};

/* The parts of a narrative section for a council's narrative-section
 * partial written before `flow`, which prints `body`, then `blocks`, then
 * `body_after`: numbered in that order, so the page's numbers run on
 * down the page (the blocks of later places then come before the prose
 * they were placed after, as the partial prints them). `pl` holds the
 * `np` placed blocks; `rest` is the prose after the first place. */
static void before_flow(struct view *v, struct value *e,
                        const struct placed *pl, size_t np, const char *rest,
                        struct counter *c)
{
	struct value *all = value_new_list(v->a, nopos());
	for (size_t i = 0; i < np; i++)
		value_list_push(v->a, all, pl[i].block);
	view_number_blocks(v, all, c);
	set(v, e, "blocks", all);
	if (*rest)
		set(v, e, "body_after",
		    view_number_html(v, arena_strndup(v->a, rest, strlen(rest)),
		                     c));
}

/* A narrative section's body and the blocks its `show:` places in it.
 * Each block follows paragraph N of the body: its own `after:` (a show:
 * item written {block: findings, after: 3}), else the section's, else
 * the last; blocks at one place keep their `show:` order. Sets `body`
 * (the prose before the first place), `flow` (for each place, in order,
 * its `blocks` and the `body` up to the next place, false when none)
 * and, for partials written before `flow`, `blocks` (every block) and
 * `body_after` (the prose after the first place, false when none). The
 * parts are numbered in turn, so the numbering runs on across them; when
 * the theme's partial does not print `flow`, in the order it prints them
 * instead (before_flow). */
static void narrative_flow(struct view *v, struct value *e,
                           const struct value *s, int level, struct counter *c)
{
	const struct value *body = value_map_get(s, "body");
	const struct value *after = value_map_get(s, "after");
	const struct value *show = value_map_get(s, "show");
	if (after && after->kind == VALUE_INT && !show) {
		diag_error(v->d, after->pos,
		           "after: places the show: blocks, but this section "
		           "shows none");
		v->failed = 1;
	}
	struct buf md = BUF_INIT;
	if (body && body->text)
		view_prose_html(v, body, level, false, &md);
	const char *html = buf_cstr(&md);
	long paragraphs = element_count(html);
	long fallback = paragraphs;
	if (after && after->kind == VALUE_INT && show) {
		long n = place_after(v, after, paragraphs, "the blocks");
		if (n > 0)
			fallback = n;
	}
	size_t n = show && show->kind == VALUE_LIST ? show->as.list.len : 0;
	struct placed *pl = arena_alloc(v->a, (n + 1) * sizeof *pl);
	size_t np = 0;
	for (size_t i = 0; i < n; i++) {
		const struct value *item = show->as.list.items[i];
		const struct value *name = shown_block(item);
		const char *partial =
		        name && name->text ? block_partial(name->text) : NULL;
		if (!partial) {
			const char *text = name && name->text ? name->text : "";
			const char *hint = block_near(text);
			diag_error(
			        v->d, name ? name->pos : item->pos,
			        "show: the theme has no block \"%s\"%s%s%s "
			        "(it has judgements, findings, "
			        "inspection_recommendations, "
			        "earlier_inspections, priorities, "
			        "action_plan, progress, figures, inspection, "
			        "series)",
			        text, hint ? "; did you mean \"" : "",
			        hint ? hint : "", hint ? "\"?" : "");
			v->failed = 1;
			continue;
		}
		/* A block prints once: shown again, its ids (a priority's
		 * actions, a mark's paragraph) would repeat in the page. */
		int k = block_index(name->text);
		if (v->shown[k]) {
			struct pos first = v->shown[k]->pos;
			bool here = first.file && name->pos.file &&
			            strcmp(first.file, name->pos.file) == 0;
			diag_error(
			        v->d, name->pos,
			        "show: the block \"%s\" is shown already, "
			        "%s%s%sat line %d, column %d; a block prints "
			        "once in a paper (its ids would repeat), so "
			        "show it in one place",
			        name->text, here ? "" : "in ",
			        here || !first.file ? "" : first.file,
			        here ? "" : " ", first.line, first.col);
			v->failed = 1;
			continue;
		}
		v->shown[k] = name;
		long at = fallback;
		const struct value *own = item->kind == VALUE_MAP
		                                  ? value_map_get(item, "after")
		                                  : NULL;
		if (own && own->kind == VALUE_INT &&
		    (at = place_after(v, own, paragraphs, "the block")) < 0)
			continue;
		/* Insertion keeps the show: order among equal places. */
		size_t j = np++;
		for (; j > 0 && pl[j - 1].after > at; j--)
			pl[j] = pl[j - 1];
		pl[j] = (struct placed){at, block(v, partial, level + 1)};
	}
	size_t len = strlen(html);
	size_t cut = np ? after_element(html, pl[0].after) : len;
	if (body && body->text)
		set(v, e, "body",
		    view_number_html(v, arena_strndup(v->a, html, cut), c));
	if (np && !v->flow)
		v->flow = view_partial_names(v, "narrative-section", "flow")
		                  ? 1
		                  : 2;
	if (np && v->flow == 2) {
		before_flow(v, e, pl, np, html + cut, c);
		buf_free(&md);
		return;
	}
	struct value *all = value_new_list(v->a, nopos());
	struct value *flow = value_new_list(v->a, nopos());
	struct buf rest = BUF_INIT;
	for (size_t i = 0; i < np;) {
		struct value *part = value_new_map(v->a, nopos());
		struct value *bl = value_new_list(v->a, nopos());
		long at = pl[i].after;
		for (; i < np && pl[i].after == at; i++) {
			value_list_push(v->a, bl, pl[i].block);
			value_list_push(v->a, all, pl[i].block);
		}
		/* The blocks' counted paragraphs take their numbers here,
		 * between the text before them and the text after. */
		view_number_blocks(v, bl, c);
		size_t next = i < np ? after_element(html, pl[i].after) : len;
		set(v, part, "blocks", bl);
		if (next > cut) {
			struct value *text = view_number_html(
			        v, arena_strndup(v->a, html + cut, next - cut),
			        c);
			buf_put(&rest, text->text, text->len);
			set(v, part, "body", text);
		} else {
			set_bool(v, part, "body", false);
		}
		value_list_push(v->a, flow, part);
		cut = next;
	}
	if (np) {
		set(v, e, "blocks", all);
		set(v, e, "flow", flow);
	}
	if (rest.len)
		set(v, e, "body_after", strbuf(v, &rest));
	buf_free(&rest);
	buf_free(&md);
}

/* One narrative section and its subsections. */
static struct value *narrative(struct view *v, const struct value *s,
                               const char *anchor, int level,
                               struct counter *parent, bool appendix)
{
	const struct value *title = value_map_get(s, "title");
	const struct value *numbered = value_map_get(s, "numbered");
	bool num = !appendix && !(numbered && numbered->kind == VALUE_BOOL &&
	                          !numbered->as.b);
	const struct value *id = value_map_get(s, "id");
	char anc[96];
	if (id && id->text)
		snprintf(anc, sizeof anc, "s-%s", id->text);
	else
		snprintf(anc, sizeof anc, "%s", anchor);
	struct counter c;
	struct value *e =
	        entry(v, "narrative-section", title ? title->text : "", anc,
	              level, num, parent, &c);
	narrative_flow(v, e, s, level, &c);
	const struct value *table = value_map_get(s, "table");
	if (table)
		set(v, e, "table", table_view(v, table));
	const struct value *subs = value_map_get(s, "sections");
	if (subs && subs->kind == VALUE_LIST && subs->as.list.len) {
		struct value *list = value_new_list(v->a, nopos());
		for (size_t i = 0; i < subs->as.list.len; i++) {
			char sub[120];
			snprintf(sub, sizeof sub, "%s-%zu", anc, i + 1);
			value_list_push(v->a, list,
			                narrative(v, subs->as.list.items[i],
			                          sub, level + 1, &c,
			                          appendix));
		}
		set(v, e, "subsections", list);
	}
	return e;
}

static const struct value *report_at(const struct view *v, const char *a,
                                     const char *b)
{
	const struct value *x = value_map_get(v->report, a);
	return b ? value_map_get(x, b) : x;
}

/* The text of prose section `id`: an implication or a report field. */
static const struct value *prose_source(const struct view *v, const char *id)
{
	if (strncmp(id, "implications.", 13) == 0)
		return report_at(v, "implications", id + 13);
	return report_at(v, "report", id);
}

/* The list marker of recommendation `i` (0-based) in the theme's style. */
static void marker(struct buf *out, enum theme_list_style style, size_t i)
{
	if (style == THEME_LIST_ALPHA) {
		char s[8];
		size_t n = 0;
		size_t k = i + 1;
		while (k > 0 && n < sizeof s) {
			k--;
			s[n++] = (char)('a' + k % 26);
			k /= 26;
		}
		while (n)
			buf_putc(out, s[--n]);
		buf_putc(out, '.');
	} else if (style == THEME_LIST_ROMAN) {
		static const struct {
			int v;
			const char *s;
		} r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
		         {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
		         {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
		         {1, "i"}};
		int k = (int)i + 1;
		for (size_t j = 0; j < sizeof r / sizeof *r; j++)
			while (k >= r[j].v) {
				buf_puts(out, r[j].s);
				k -= r[j].v;
			}
		buf_putc(out, '.');
	} else {
		buf_printf(out, "%zu.", i + 1);
	}
}

/* A list of prose items (recommendations, reasons) with their markers.
 * When the theme counts the recommendations (continuous numbering does)
 * and the section `c` is numbered, each item is the next paragraph of
 * the section's counter and its marker that number. */
/* Whether the recommendations and reasons of section `c` take paragraph
 * numbers, in the run of the paper, as their markers. */
static bool marks_in_run(const struct view *v, const struct counter *c)
{
	return c && c->numbered &&
	       view_counts(v, THEME_COUNT_RECOMMENDATIONS) &&
	       v->theme->paragraphs != THEME_NUMBER_NONE;
}

static struct value *marked_list(struct view *v, const struct value *items,
                                 struct counter *c)
{
	bool run = marks_in_run(v, c);
	struct value *list = value_new_list(v->a, nopos());
	for (size_t i = 0; items && i < items->as.list.len; i++) {
		struct value *it = value_new_map(v->a, nopos());
		struct buf m = BUF_INIT;
		long n = (long)i + 1;
		if (run) {
			const char *prefix;
			int *counter = view_paragraph_counter(v, c, &prefix);
			n = ++*counter;
			html_number_format(&m, v->theme->paragraph_format,
			                   prefix, (int)n, false);
		} else {
			marker(&m, v->theme->recommendations, i);
		}
		set(v, it, "marker", strbuf(v, &m));
		buf_free(&m);
		/* The item's place, for councils that number recommendations
		 * as paragraphs of their section: {{number}}{{n}} is 7.1; in
		 * continuous numbering the paragraph's number. */
		set_int(v, it, "n", n);
		const struct value *t = items->as.list.items[i];
		set(v, it, "html",
		    t->text ? view_prose(v, t, 3, true) : str(v, ""));
		value_list_push(v->a, list, it);
	}
	return list;
}

/* Whether standard section `s` prints: the report has its data (or that
 * of a section it holds with `with`), and a block is not already shown
 * by the narrative. */
static bool standard_prints(const struct view *v, const struct theme_section *s)
{
	bool any = theme_section_has_data(v->report, s->id);
	for (size_t i = 0; i < s->nwith; i++)
		any = any || theme_section_has_data(v->report, s->with[i]);
	return any && !(block_partial(s->id) &&
	                shown_in(value_map_get(v->report, "sections"), s->id));
}

/* The section name made an HTML id, `anc` ("s-implications-financial"),
 * and a class name, `name` ("implications-financial"): a dot or an
 * underscore would be two classes, or an odd one, to a style sheet. */
static void section_names(const char *id, char anc[64], char name[64])
{
	snprintf(anc, 64, "s-%s", id);
	for (char *p = anc; *p; p++)
		if (*p == '.' || *p == '_')
			*p = '-';
	snprintf(name, 64, "%s", anc + 2);
}

/* One standard section of the theme, its heading at `level`. `parent` is
 * the group that holds it (NULL: a top-level section); with `share` (a
 * group whose sections drop their headings) it prints no heading and its
 * paragraphs take the group's next numbers. */
static void standard(struct view *v, struct value *out,
                     const struct theme_section *s, int level,
                     struct counter *parent, bool share)
{
	const struct value *sections = value_map_get(v->report, "sections");
	if (strcmp(s->id, "narrative") == 0) {
		for (size_t i = 0; sections && i < sections->as.list.len; i++) {
			char anc[32];
			snprintf(anc, sizeof anc, "s-%zu", i + 1);
			value_list_push(v->a, out,
			                narrative(v, sections->as.list.items[i],
			                          anc, 2, NULL, false));
		}
		return;
	}
	if (!standard_prints(v, s))
		return;
	const char *partial = block_partial(s->id);
	char anc[64], name[64];
	section_names(s->id, anc, name);
	/* A shared section takes no number of its own; its paragraphs run
	 * on in the group's counter. */
	bool num = s->numbered && !share;
	struct counter *up = share ? NULL : parent;
	if (strcmp(s->id, "implications.other") == 0) {
		/* Each of the report's own implications is a section, and
		 * takes a number; the section that holds them takes none.
		 * Their titles are the officer's words, not the theme's, so
		 * a group that drops its sections' headings keeps these: a
		 * level below the group's, unnumbered, the paragraphs
		 * running on in the group's numbers. */
		const struct value *other =
		        report_at(v, "implications", "other");
		int lvl = share ? level + 1 : level;
		for (size_t i = 0; i < other->as.list.len; i++) {
			const struct value *o = other->as.list.items[i];
			const struct value *t = value_map_get(o, "title");
			char a2[96];
			snprintf(a2, sizeof a2, "%s-%zu", anc, i + 1);
			struct counter c2;
			struct value *e2 =
			        entry(v, "implications-other", t ? t->text : "",
			              a2, lvl, num, up, &c2);
			struct counter *cc =
			        share ? (s->numbered ? parent : NULL) : &c2;
			if (!view_counts(v, THEME_COUNT_IMPLICATIONS))
				cc = NULL;
			const struct value *b = value_map_get(o, "body");
			if (b && b->text)
				set(v, e2, "body", body_html(v, b, lvl, cc));
			value_list_push(v->a, out, e2);
		}
		return;
	}
	struct counter c;
	struct value *e = entry(v, partial ? "block-section" : name, s->heading,
	                        anc, level, num, up, &c);
	struct counter *cc = share ? (s->numbered ? parent : NULL) : &c;
	set_bool(v, e, "hide_heading", share);
	set_str(v, e, "id", s->id);
	set_str(v, e, "css_class", name);
	/* The implication sections' paragraphs are numbered when the theme
	 * counts them; their headings as the section says. */
	struct counter *pc =
	        strncmp(s->id, "implications.", 13) != 0 ||
	                        view_counts(v, THEME_COUNT_IMPLICATIONS)
	                ? cc
	                : NULL;
	if (partial) {
		struct value *bl = value_new_list(v->a, nopos());
		value_list_push(v->a, bl, block(v, partial, level + 1));
		set(v, e, "blocks", bl);
		view_number_blocks(v, bl, cc);
	} else if (s->nwith) {
		/* The section's own text, then each it holds, as one body
		 * numbered straight through. */
		struct buf md = BUF_INIT;
		for (size_t i = 0; i <= s->nwith; i++) {
			const struct value *t =
			        prose_source(v, i ? s->with[i - 1] : s->id);
			if (t && t->text && t->len) {
				buf_put(&md, t->text, t->len);
				buf_puts(&md, "\n\n");
			}
		}
		struct value *joined =
		        value_new_string(v->a, nopos(), buf_cstr(&md), md.len);
		buf_free(&md);
		set(v, e, "body", body_html(v, joined, level, pc));
	} else if (strncmp(s->id, "implications.", 13) == 0) {
		set(v, e, "body",
		    body_html(v, report_at(v, "implications", s->id + 13),
		              level, pc));
	} else if (strcmp(s->id, "recommendations") == 0 ||
	           strcmp(s->id, "reasons") == 0) {
		const struct value *items = report_at(v, "report", s->id);
		/* Printed as the paragraphs' numbers are, when they are. */
		set_bool(v, e, "in_run", marks_in_run(v, cc));
		set(v, e, "items", marked_list(v, items, cc));
	} else {
		const struct value *text = report_at(v, "report", s->id);
		if (text && text->text)
			set(v, e, "body", body_html(v, text, level, cc));
	}
	value_list_push(v->a, out, e);
}

/* A group of the theme (brand.yaml `group:`): one top-level section,
 * whose heading the sections it holds print under, those with data in
 * the group's order. With `headings: keep` each is a subsection (6.1,
 * its paragraphs 6.1.1; its heading one level down); with `drop` they
 * print no headings and their paragraphs are the group's (6.1, 6.2).
 * A group none of whose sections prints is left out, number and all. */
static void group(struct view *v, struct value *out,
                  const struct theme_section *g)
{
	bool any = false;
	for (size_t i = 0; i < g->ngroup && !any; i++) {
		const struct theme_section *h =
		        theme_section(v->theme, g->group[i]);
		any = h && standard_prints(v, h);
	}
	if (!any)
		return;
	char anc[64], name[64];
	section_names(g->id, anc, name);
	struct counter c;
	struct value *e = entry(v, "section-group", g->heading, anc, 2,
	                        g->numbered, NULL, &c);
	set_str(v, e, "id", g->id);
	set_str(v, e, "css_class", name);
	struct value *held = value_new_list(v->a, nopos());
	for (size_t i = 0; i < g->ngroup; i++) {
		const struct theme_section *h =
		        theme_section(v->theme, g->group[i]);
		if (h)
			standard(v, held, h, g->held_headings ? 3 : 2, &c,
			         !g->held_headings);
	}
	set(v, e, "subsections", held);
	value_list_push(v->a, out, e);
}

/* Appendices: each with its sections, unnumbered. */
static void appendices(struct view *v)
{
	struct value *list = value_map_get(v->root, "appendices");
	const struct value *src = value_map_get(v->report, "appendices");
	for (size_t i = 0; list && i < list->as.list.len; i++) {
		struct value *ap = list->as.list.items[i];
		const struct value *s = src->as.list.items[i];
		char anc[32];
		snprintf(anc, sizeof anc, "appendix-%zu", i + 1);
		set_str(v, ap, "anchor", anc);
		const struct value *body = value_map_get(s, "body");
		if (body && body->text)
			set(v, ap, "body", body_html(v, body, 1, NULL));
		const struct value *subs = value_map_get(s, "sections");
		struct value *out = value_new_list(v->a, nopos());
		for (size_t j = 0; subs && j < subs->as.list.len; j++) {
			char sub[64];
			snprintf(sub, sizeof sub, "%s-%zu", anc, j + 1);
			value_list_push(v->a, out,
			                narrative(v, subs->as.list.items[j],
			                          sub, 3, NULL, true));
		}
		set(v, ap, "sections", out);
		set_bool(v, ap, "printed",
		         (body && body->text) || out->as.list.len > 0);
	}
}

struct value *view_brand(struct view *v)
{
	const struct theme *theme = v->theme;
	struct value *brand = value_new_map(v->a, nopos());
	set_str(v, brand, "council_name", theme->council_name);
	if (theme->logo_uri)
		set_str(v, brand, "logo", theme->logo_uri);
	set_str(v, brand, "logo_alt", theme->logo_alt);
	/* The logo's width in CSS pixels, for the img's width attribute
	 * (the PDF's size; the stylesheet sets the page's in mm). */
	char px[32];
	snprintf(px, sizeof px, "%.0f",
	         strtod(theme->logo_width_mm ? theme->logo_width_mm : "40",
	                NULL) *
	                 96 / 25.4);
	set_str(v, brand, "logo_width_px", px);
	if (theme->web_base_url)
		set_str(v, brand, "base_url", theme->web_base_url);
	if (theme->web_accessible_formats)
		set_str(v, brand, "accessible_formats",
		        theme->web_accessible_formats);
	return brand;
}

struct value *html_view(struct arena *a, const struct value *report,
                        const struct value *computed, const struct theme *theme,
                        const char *as_of, const char *dir, struct diags *d)
{
	return html_view_with(a, report, computed, theme, as_of, dir, NULL, d);
}

struct value *html_view_with(struct arena *a, const struct value *report,
                             const struct value *computed,
                             const struct theme *theme, const char *as_of,
                             const char *dir,
                             const struct mustache_lambdas *lambdas,
                             struct diags *d)
{
	struct view v = {.a = a,
	                 .d = d,
	                 .theme = theme,
	                 .lambdas = lambdas,
	                 .report = report,
	                 .dir = dir};
	struct value *root = value_copy(a, report);
	v.root = root;

	/* Actions without a status have not started. */
	struct value *prios =
	        value_map_get(value_map_get(root, "action_plan"), "priorities");
	for (size_t i = 0; prios && i < prios->as.list.len; i++) {
		struct value *acts =
		        value_map_get(prios->as.list.items[i], "actions");
		for (size_t j = 0; acts && j < acts->as.list.len; j++)
			if (!value_map_get(acts->as.list.items[j], "status"))
				set_str(&v, acts->as.list.items[j], "status",
				        "not_started");
	}
	view_decorate(&v, root);
	view_apply_computed(&v, computed);
	/* What the hooks computed is in the view before the prose is read,
	 * so that prose can name it (`{{computed.plan.done}}`). */
	if (computed) {
		struct value *cc = value_copy(a, computed);
		view_decorate(&v, cc);
		view_charts(&v, cc);
		set(&v, root, "computed", cc);
	}
	view_prose_fields(&v);
	view_ensure_optional(&v);
	view_derived(&v, computed);

	/* The header block. */
	struct value *meeting = value_map_get(root, "meeting");
	struct value *rep = value_map_get(root, "report");
	const struct value *cls = value_map_get(meeting, "class");
	bool part2 = cls && cls->text && strcmp(cls->text, "Part 2") == 0;
	set_bool(&v, meeting, "part2", part2);
	set_str(&v, meeting, "class_text",
	        theme_name(theme, VOCABULARY_CLASS,
	                   part2 ? "Part 2" : "Part 1"));
	const struct value *kd = value_map_get(rep, "key_decision");
	if (kd && kd->kind == VALUE_BOOL)
		set_str(&v, rep, "key_decision_text",
		        theme_word(theme, kd->as.b ? "key_decision_yes"
		                                   : "key_decision_no"));
	const struct value *wards = value_map_get(rep, "wards");
	if (wards && wards->kind == VALUE_LIST && wards->as.list.len) {
		struct buf b = BUF_INIT;
		for (size_t i = 0; i < wards->as.list.len; i++)
			if (wards->as.list.items[i]->text)
				buf_printf(&b, "%s%s", i ? ", " : "",
				           wards->as.list.items[i]->text);
		set(&v, rep, "wards_text", strbuf(&v, &b));
		buf_free(&b);
	}

	/* The page's sections. When blocks are counted, each is rendered
	 * as it is numbered, so the lists' counts it reads are there first. */
	if (view_counts(&v, THEME_COUNT_BLOCKS)) {
		view_count_lists(&v, root);
		v.marks = value_new_list(a, nopos());
	}
	struct value *sections = value_new_list(a, nopos());
	for (size_t i = 0; i < theme->nsections; i++)
		if (theme->sections[i].group)
			group(&v, sections, &theme->sections[i]);
		else
			standard(&v, sections, &theme->sections[i], 2, NULL,
			         false);
	set(&v, root, "page_sections", sections);
	appendices(&v);
	view_blocks_free(&v);
	if (v.marks)
		set(&v, root, "paragraph_marks", v.marks);

	/* Contents: the top-level sections. */
	struct value *toc = value_new_list(a, nopos());
	for (size_t i = 0; i < sections->as.list.len; i++) {
		const struct value *s = sections->as.list.items[i];
		struct value *t = value_new_map(a, nopos());
		set(&v, t, "anchor", value_map_get(s, "anchor"));
		set(&v, t, "heading", value_map_get(s, "heading"));
		const struct value *num = value_map_get(s, "number");
		if (num)
			set(&v, t, "number", (struct value *)num);
		value_list_push(a, toc, t);
	}
	set(&v, root, "contents", toc);

	/* The theme. */
	set(&v, root, "brand", view_brand(&v));
	set(&v, root, "words", value_copy(a, theme->words));
	set_str(&v, root, "lang", theme_word(theme, "lang"));
	if (as_of && date_valid(as_of)) {
		struct buf b = BUF_INIT;
		html_date_long(theme, &b, as_of);
		set_str(&v, root, "as_of", as_of);
		set(&v, root, "as_of_long", strbuf(&v, &b));
		buf_free(&b);
	}

	/* The title: report, committee, date. */
	struct buf title = BUF_INIT;
	const struct value *t = value_map_get(rep, "title");
	const struct value *committee = value_map_get(meeting, "committee");
	const struct value *date = value_map_get(meeting, "date_long");
	buf_printf(&title, "%s",
	           t && t->text ? t->text : theme_word(theme, "untitled"));
	if (committee && committee->text)
		buf_printf(&title, " – %s", committee->text);
	if (date && date->text)
		buf_printf(&title, ", %s", date->text);
	set(&v, root, "page_title", strbuf(&v, &title));
	buf_free(&title);

	/* The stylesheet: the theme's, then the running header and footer
	 * with this report's words. */
	struct buf css = BUF_INIT;
	theme_css(theme, &css);
	struct value *vars = value_new_map(a, nopos());
	set_str(&v, vars, "council", theme->council_name);
	if (committee && committee->text)
		set_str(&v, vars, "committee", committee->text);
	if (date && date->text)
		set_str(&v, vars, "date", date->text);
	if (t && t->text)
		set_str(&v, vars, "title", t->text);
	const struct value *item = value_map_get(meeting, "item");
	if (item && item->text)
		set_str(&v, vars, "item", item->text);
	theme_css_running(theme, vars, &css);
	set(&v, root, "css", strbuf(&v, &css));
	buf_free(&css);
	view_count_lists(&v, root);
	return v.failed ? NULL : root;
}
