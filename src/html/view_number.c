/* view_number: paragraph numbers, as the view numbers the paper.
 *
 * Each section being numbered has a struct counter (internal.h). The
 * style decides which counter a paragraph takes its number from: its
 * section's own (hierarchical), its top-level section's (sectioned) or
 * the report's one run (flat, continuous). Prose is numbered as its HTML
 * is made (html_number_paragraphs); a block's marked paragraphs
 * (html/marks.h) are counted by rendering the block (view_blocks.c) and
 * numbered here, in the page's order, so the prose after a block goes
 * on from it. */
#include <stdio.h>
#include <string.h>

#include "html/internal.h"

/* Whether the theme numbers `part` (enum theme_count): continuous
 * numbering always counts the recommendations. */
bool view_counts(const struct view *v, unsigned part)
{
	return (v->theme->paragraph_count & part) ||
	       (part == THEME_COUNT_RECOMMENDATIONS &&
	        v->theme->paragraphs == THEME_NUMBER_CONTINUOUS);
}

/* The counter the paragraphs of section `c` take their numbers from, and
 * the prefix those numbers carry (NULL in flat styles): the section's own
 * in hierarchical style, its top-level section's in sectioned style, the
 * report's one run otherwise. */
int *view_paragraph_counter(struct view *v, struct counter *c,
                            const char **prefix)
{
	enum theme_numbering style = v->theme->paragraphs;
	if (style == THEME_NUMBER_HIERARCHICAL) {
		*prefix = c->number;
		return &c->n;
	}
	if (style == THEME_NUMBER_SECTIONED) {
		while (c->parent)
			c = c->parent;
		*prefix = c->number;
		return &c->n;
	}
	*prefix = NULL;
	return &v->flat;
}

/* Appends `html` to `out`, its top-level paragraphs numbered as the theme
 * says when section `c` is numbered. */
static void number_into(struct view *v, struct buf *out, const char *html,
                        struct counter *c)
{
	if (!c || !c->numbered || v->theme->paragraphs == THEME_NUMBER_NONE) {
		buf_puts(out, html);
		return;
	}
	const char *prefix;
	int *n = view_paragraph_counter(v, c, &prefix);
	buf_puts(out, "<div class=\"numbered\">\n");
	html_number_paragraphs(out, html, prefix, v->theme->paragraph_format,
	                       n);
	buf_puts(out, "</div>\n");
}

/* Numbers a piece of rendered body HTML as the theme says. */
struct value *view_number_html(struct view *v, const char *html,
                               struct counter *c)
{
	struct buf out = BUF_INIT;
	number_into(v, &out, html, c);
	struct value *val = strbuf(v, &out);
	buf_free(&out);
	return val;
}

/* The paragraphs that block `b` of section `c` marks class="para" (see
 * view_block_marks) take the next numbers of the section's counter when
 * the theme counts blocks and the section is numbered; each mark (its
 * start tag, the template that wrote it and, when numbered, its id and
 * number) joins v->marks in the page's order, for html_number_marks. */
static void number_block(struct view *v, struct value *b, struct counter *c)
{
	if (!view_counts(v, THEME_COUNT_BLOCKS))
		return;
	size_t depth = 0;
	for (struct counter *p = c; p; p = p->parent)
		depth++;
	const struct value **chain =
	        arena_alloc(v->a, (depth + 1) * sizeof *chain);
	depth = 0;
	for (struct counter *p = c; p; p = p->parent)
		chain[depth++] = p->entry;
	struct value *tags = view_block_marks(v, b, chain, depth);
	bool numbered =
	        c && c->numbered && v->theme->paragraphs != THEME_NUMBER_NONE;
	for (size_t i = 0; i < tags->as.list.len; i++) {
		struct value *m = tags->as.list.items[i];
		value_list_push(v->a, v->marks, m);
		if (!numbered)
			continue;
		const char *prefix;
		int *n = view_paragraph_counter(v, c, &prefix);
		++*n;
		struct buf label = BUF_INIT, shown = BUF_INIT;
		html_number_format(&label, NULL, prefix, *n, false);
		html_number_format(&shown, v->theme->paragraph_format, prefix,
		                   *n, false);
		for (char *p = label.data; p && *p; p++)
			if (*p == '.')
				*p = '-';
		set(v, m, "id", strbuf(v, &label));
		set(v, m, "number", strbuf(v, &shown));
		buf_free(&label);
		buf_free(&shown);
	}
}

/* number_block for each block of the list `bl`. */
void view_number_blocks(struct view *v, struct value *bl, struct counter *c)
{
	for (size_t i = 0; bl && i < bl->as.list.len; i++)
		number_block(v, bl->as.list.items[i], c);
}

/* In sectioned style a top section takes the next top number, printed
 * "4."; a subsection prints none and carries its top section's number
 * for its paragraphs, which count on in the top section's counter. */
void view_section_number(struct view *v, struct value *e, struct counter *c,
                         const struct counter *parent)
{
	if (parent) {
		memcpy(c->number, parent->number, sizeof c->number);
		return;
	}
	snprintf(c->number, sizeof c->number, "%d", ++v->top);
	char shown[sizeof c->number + 1];
	snprintf(shown, sizeof shown, "%s.", c->number);
	set_str(v, e, "number", shown);
}
