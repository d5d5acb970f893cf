/* view_chart: the charts in the hooks' data, drawn as HTML and SVG.
 *
 * A hook describes a chart as data; each description found gets an
 * `html` key with the figure that src/chart draws, its colours from the
 * description or from the theme's status badges. */
#include <stdlib.h>
#include <string.h>

#include "base/color.h"
#include "chart/chart.h"
#include "html/internal.h"

static double number_of(const struct value *n)
{
	if (!n)
		return 0;
	if (n->kind == VALUE_INT)
		return (double)n->as.i;
	if (n->kind == VALUE_NUMBER)
		return n->as.n;
	return 0;
}

/* A chart a hook describes, {kind, title, unit, categories, series:
 * [{name, values, color | status}]}, gets `html`: the figure with its
 * SVG and data table (src/chart). A series names a colour `#rrggbb`, or
 * an action status whose badge colour the theme gives. */
static void chart_html(struct view *v, struct value *desc, const char *path)
{
	/* `html` is printed as markup ({{{chart.html}}}), so it is only
	 * ever what src/chart draws: a hook's own is refused, and a
	 * description with nothing to draw has none. */
	const struct value *own = value_map_get(desc, "html");
	if (own) {
		/* At the report: a hook's values keep no file of their own
		 * past the hooks' run. */
		diag_error(v->d, v->report->pos,
		           "computed.%s.html: a chart's html is drawn by "
		           "clerk from its categories and series; a hook may "
		           "not return one (it would be printed as markup): "
		           "leave html out of the chart's map",
		           path);
		v->failed = 1;
	}
	set(v, desc, "html", value_new_null(v->a, nopos()));
	const struct value *cats = value_map_get(desc, "categories");
	const struct value *series = value_map_get(desc, "series");
	if (own || !cats || cats->kind != VALUE_LIST || !series ||
	    series->kind != VALUE_LIST || !cats->as.list.len ||
	    !series->as.list.len)
		return;
	size_t nc = cats->as.list.len, ns = series->as.list.len;
	const char **names = arena_alloc(v->a, nc * sizeof *names);
	for (size_t i = 0; i < nc; i++)
		names[i] = cats->as.list.items[i]->text
		                   ? cats->as.list.items[i]->text
		                   : "";
	struct chart_series *ser = arena_alloc(v->a, ns * sizeof *ser);
	for (size_t i = 0; i < ns; i++) {
		const struct value *it = series->as.list.items[i];
		const struct value *vals = value_map_get(it, "values");
		double *d = arena_alloc(v->a, nc * sizeof *d);
		for (size_t k = 0; k < nc; k++)
			d[k] = vals && vals->kind == VALUE_LIST &&
			                       k < vals->as.list.len
			               ? number_of(vals->as.list.items[k])
			               : 0;
		const struct value *name = value_map_get(it, "name");
		const struct value *st = value_map_get(it, "status");
		const struct theme_swatch *sw =
		        st && st->text ? theme_status(v->theme, st->text)
		                       : NULL;
		uint32_t col =
		        v->theme->chart_palette[i % v->theme->nchart_palette];
		if (sw)
			color_parse(sw->background, &col);
		const struct value *c = value_map_get(it, "color");
		if (c && c->text)
			color_parse(c->text, &col);
		ser[i] = (struct chart_series){
		        name && name->text ? name->text : "", d, col};
	}
	const struct value *kind = value_map_get(desc, "kind");
	const struct value *title = value_map_get(desc, "title");
	const struct value *unit = value_map_get(desc, "unit");
	const struct value *w = value_map_get(desc, "width");
	const struct value *h = value_map_get(desc, "height");
	struct chart c = {
	        .width = w && w->kind == VALUE_INT && w->as.i > 0 &&
	                                 w->as.i <= 2000
	                         ? (int)w->as.i
	                         : 0,
	        .height = h && h->kind == VALUE_INT && h->as.i > 0 &&
	                                  h->as.i <= 2000
	                          ? (int)h->as.i
	                          : 0,
	        .kind = kind && kind->text && strcmp(kind->text, "stacked") == 0
	                        ? CHART_STACKED
	                : kind && kind->text && strcmp(kind->text, "line") == 0
	                        ? CHART_LINE
	                        : CHART_BAR,
	        .title = title && title->text ? title->text : "",
	        .unit = unit && unit->text ? unit->text : NULL,
	        .categories = names,
	        .ncategories = nc,
	        .series = ser,
	        .nseries = ns,
	        .figures_label = theme_word(v->theme, "show_figures"),
	};
	color_parse(v->theme->colors.text, &c.text);
	color_parse(v->theme->colors.background, &c.background);
	struct buf b = BUF_INIT;
	chart_to_html(&c, &b);
	set(v, desc, "html", strbuf(v, &b));
	buf_free(&b);
}

/* Finds the charts in the hooks' data: maps under a key `chart` or one
 * ending in `_chart`. */
static void charts(struct view *v, struct value *node, struct buf *path)
{
	if (!node)
		return;
	size_t len = path->len;
	if (node->kind == VALUE_LIST) {
		for (size_t i = 0; i < node->as.list.len; i++) {
			buf_printf(path, "[%zu]", i);
			charts(v, node->as.list.items[i], path);
			path->len = len;
		}
		return;
	}
	if (node->kind != VALUE_MAP)
		return;
	for (size_t i = 0; i < node->as.map.len; i++) {
		const struct value *k = node->as.map.items[i].key;
		struct value *val = node->as.map.items[i].value;
		buf_printf(path, "%s%s", len ? "." : "", k->text);
		if (val->kind == VALUE_MAP &&
		    (strcmp(k->text, "chart") == 0 ||
		     (k->len > 6 &&
		      strcmp(k->text + k->len - 6, "_chart") == 0)))
			chart_html(v, val, buf_cstr(path));
		else
			charts(v, val, path);
		path->len = len;
	}
}

void view_charts(struct view *v, struct value *node)
{
	struct buf path = BUF_INIT;
	charts(v, node, &path);
	buf_free(&path);
}
