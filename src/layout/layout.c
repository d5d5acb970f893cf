/* layout: the engine's entry points, from HTML or a tree to pages. */
#include "layout/layout.h"

#include <stdlib.h>

#include "layout/engine.h"

int layout_dom(const struct dom_node *root, const struct layout_style *style,
               const struct layout_metrics *metrics, struct arena *arena,
               struct dl_doc *out, struct diags *d)
{
	size_t errors = d->errors;
	struct engine e = {0};
	e.st = style;
	e.m = metrics;
	e.a = arena;
	e.d = d;
	e.doc = out;
	e.max_slice =
	        style->page_height - style->margin_top - style->margin_bottom;
	struct flow f = {0};
	struct computed cs;
	layout_style_root(style, &cs);
	double x = style->margin_left;
	double w = style->page_width - style->margin_left - style->margin_right;
	/* The Document holds everything; the writer names it the root. */
	engine_open_elem(&e, DL_ROLE_DOCUMENT, NULL);
	if (root->tag == DOM_HTML) {
		for (const struct dom_node *k = root->first; k; k = k->next)
			if (k->tag == DOM_BODY)
				layout_blocks(&e, &f, k, &cs, x, w);
	} else if (root->tag == DOM_BODY) {
		layout_blocks(&e, &f, root, &cs, x, w);
	} else {
		layout_block(&e, &f, root, &cs, x, w);
	}
	layout_paginate(&e, &f, out);
	layout_flow_free(&f);
	free(e.bands);
	free(e.memo);
	layout_breaks_forget(&e);
	layout_style_index_free(e.rules);
	for (size_t i = 0; i < e.nlinks; i++)
		if (!dl_find_anchor(out, e.links[i].id))
			diag_error(d, e.links[i].pos,
			           "this link goes to \"#%s\", but nothing in "
			           "the document has id=\"%s\": the link "
			           "would do nothing in the PDF",
			           e.links[i].id, e.links[i].id);
	free(e.links);
	free(e.missing);
	return d->errors > errors ? -1 : 0;
}

int layout_html(const char *html, size_t len, const char *source_name,
                const struct layout_style *style,
                const struct layout_metrics *metrics, struct arena *arena,
                struct dl_doc *out, struct diags *d)
{
	struct dom_node *root = dom_parse(html, len, source_name, arena, d);
	if (!root)
		return -1;
	return layout_dom(root, style, metrics, arena, out, d);
}
