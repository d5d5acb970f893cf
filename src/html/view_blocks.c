/* view_blocks: how many numbered paragraphs a block prints.
 *
 * A block is printed by its partial when the page is rendered, after the
 * view is built; but the paragraphs it marks class="para" take numbers
 * from its section's counter, and the paragraphs after it the numbers
 * after those. So the view renders each block once as it numbers the
 * paper, in the context the page will render it in, and counts its
 * marks (html/marks.h). The context is one map: the view's top-level
 * keys, with the theme's `words` and `brand` the page will have, then
 * each enclosing section entry's keys from the outermost in, then the
 * block's own; a name is found in it as the page's stack of contexts
 * finds it. The partials are the page's: the council's folder first,
 * then the default's. */
#include <stdlib.h>
#include <string.h>

#include "html/internal.h"
#include "html/marks.h"

/* Sets the pairs of `from` in `to`, over any `to` has of the same keys. */
static void merge(struct view *v, struct value *to, const struct value *from)
{
	for (size_t i = 0;
	     from && from->kind == VALUE_MAP && i < from->as.map.len; i++)
		set(v, to, from->as.map.items[i].key->text,
		    from->as.map.items[i].value);
}

/* What each mark found in a block's rendering is added to. */
struct found {
	struct view *v;
	struct value *list;
	const char *html;
	const struct mustache_trace *trace;
};

/* Adds a marked paragraph's start tag and the template file that wrote
 * it to the list. */
static void add_tag(void *ctx, const char *tag, size_t n)
{
	struct found *f = ctx;
	struct view *v = f->v;
	struct value *m = value_new_map(v->a, nopos());
	set(v, m, "tag", value_new_string(v->a, nopos(), tag, n));
	struct pos p = mustache_trace_pos(f->trace, (size_t)(tag - f->html));
	struct buf at = BUF_INIT;
	if (p.file)
		buf_puts(&at, p.file);
	set(v, m, "at", strbuf(v, &at));
	buf_free(&at);
	value_list_push(v->a, f->list, m);
}

/* Makes the theme's partials ready for the view to read: v->blocks and
 * the keys a block's partial reads that the view has not yet set. */
static void templates(struct view *v)
{
	if (v->blocks)
		return;
	const char *dirs[2];
	size_t nd = theme_search_path(v->theme, dirs);
	v->blocks = mustache_dir_new(dirs, nd, v->theme->rec);
	v->block_keys = value_new_map(v->a, nopos());
	set(v, v->block_keys, "words", value_copy(v->a, v->theme->words));
	set(v, v->block_keys, "brand", view_brand(v));
}

bool view_partial_names(struct view *v, const char *partial, const char *name)
{
	templates(v);
	struct mustache_partials partials = mustache_dir_partials(v->blocks);
	const struct mustache_template *t = NULL;
	struct pos pos = {v->theme->dir, 0, 0};
	struct diags quiet = DIAGS_INIT;
	int rc = partials.resolve(partials.closure, partial, strlen(partial),
	                          pos, &t, &quiet);
	diags_free(&quiet);
	return rc != 0 || !t || mustache_names(t, name);
}

struct value *view_block_marks(struct view *v, const struct value *block,
                               const struct value *const *chain, size_t n)
{
	struct value *tags = value_new_list(v->a, nopos());
	const struct value *name = value_map_get(block, "partial");
	if (!name || !name->text)
		return tags;
	templates(v);
	struct value *ctx = value_new_map(v->a, nopos());
	merge(v, ctx, v->root);
	for (size_t i = 0; i < v->block_keys->as.map.len; i++)
		if (!value_map_get(ctx,
		                   v->block_keys->as.map.items[i].key->text))
			set(v, ctx, v->block_keys->as.map.items[i].key->text,
			    v->block_keys->as.map.items[i].value);
	for (size_t i = n; i-- > 0;)
		merge(v, ctx, chain[i]);
	merge(v, ctx, block);

	struct mustache_partials partials = mustache_dir_partials(v->blocks);
	const struct mustache_template *t = NULL;
	struct pos pos = {v->theme->dir, 0, 0};
	if (partials.resolve(partials.closure, name->text, name->len, pos, &t,
	                     v->d) != 0) {
		v->failed = 1;
		return tags;
	}
	if (!t)
		return tags;
	struct mustache_data data = mustache_value_data(v->lambdas);
	struct buf out = BUF_INIT;
	struct mustache_trace trace = {0};
	if (mustache_render_traced(t, &data, ctx, &partials, &out, &trace,
	                           v->d) != 0) {
		v->failed = 1;
	} else {
		struct found f = {v, tags, buf_cstr(&out), &trace};
		html_marks_each(f.html, out.len, add_tag, &f);
	}
	free(trace.marks);
	buf_free(&out);
	return tags;
}

void view_blocks_free(struct view *v)
{
	if (v->blocks)
		mustache_dir_free(v->blocks);
	v->blocks = NULL;
}
