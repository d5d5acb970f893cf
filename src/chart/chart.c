/* chart: bar, stacked bar and line charts as SVG plus a data table. */
#include "chart/chart.h"

#include <math.h>
#include <string.h>

#include "base/escape.h"

static void esc(struct buf *out, const char *s)
{
	if (s)
		escape_xml(out, s, strlen(s), true);
}

/* A round step for about five gridlines up to `max`. */
static double nice_step(double max)
{
	if (max <= 0)
		return 1;
	double raw = max / 5, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static void num(struct buf *out, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		buf_printf(out, "%.0f", v);
	else
		buf_printf(out, "%.2f", v);
}

void chart_to_html(const struct chart *c, struct buf *out)
{
	int W = c->width > 0 ? c->width : 480;
	int H = c->height > 0 ? c->height : 220;
	double left = 44, right = W - 10, top = 14;
	/* The legend's rows: items side by side, each as wide as its name
	 * (9-unit text, about 5.2 units a character), wrapping at the right
	 * edge; the plot gives up the height of any extra row. */
	int legend_rows = 1;
	if (c->nseries > 1) {
		double x = left;
		for (size_t s = 0; s < c->nseries; s++) {
			const char *name = c->series[s].name;
			double w = 14 + 5.2 * (double)(name ? strlen(name) : 0);
			if (x > left && x + w > right) {
				legend_rows++;
				x = left;
			}
			x += w + 18;
		}
	}
	double bottom = H - 40 - (legend_rows - 1) * 14;
	double max = 0;
	for (size_t k = 0; k < c->ncategories; k++) {
		double stack = 0;
		for (size_t s = 0; s < c->nseries; s++) {
			double v = c->series[s].values[k];
			if (v < 0)
				v = 0;
			stack += v;
			if (c->kind != CHART_STACKED && v > max)
				max = v;
		}
		if (c->kind == CHART_STACKED && stack > max)
			max = stack;
	}
	double step = nice_step(max);
	double top_value = step * ceil(max / step);
	if (top_value <= 0)
		top_value = step;
	double scale = (bottom - top) / top_value;
	double band = c->ncategories ? (right - left) / c->ncategories : 0;
	buf_puts(out, "<figure class=\"chart\">\n");
	buf_printf(out,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	           "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	           "aria-hidden=\"true\" aria-label=\"",
	           W, H, W, H);
	/* The PDF's alternative for the figure: the table's numbers in
	 * words ("Title. Series: Q1 3, Q2 5."); the page hides the chart
	 * from screen readers, who read the table. */
	esc(out, c->title);
	buf_puts(out, ".");
	for (size_t s = 0; s < c->nseries; s++) {
		buf_putc(out, ' ');
		esc(out, c->series[s].name);
		buf_puts(out, ":");
		for (size_t k = 0; k < c->ncategories; k++) {
			buf_puts(out, k ? ", " : " ");
			esc(out, c->categories[k]);
			buf_putc(out, ' ');
			num(out, c->series[s].values[k]);
		}
		buf_putc(out, '.');
	}
	buf_puts(out, "\">\n<title>");
	esc(out, c->title);
	buf_puts(out, "</title>\n");
	for (double v = 0; v <= top_value + step / 2; v += step) {
		double y = bottom - v * scale;
		buf_printf(out,
		           "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		           "y2=\"%.1f\" stroke=\"#d9d9d9\" "
		           "stroke-width=\"0.5\"/>\n",
		           left, y, right, y);
		buf_printf(out,
		           "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" "
		           "text-anchor=\"end\">",
		           left - 4, y + 3);
		num(out, v);
		buf_puts(out, "</text>\n");
	}
	for (size_t k = 0; k < c->ncategories; k++) {
		double x0 = left + k * band;
		double stack = 0;
		for (size_t s = 0; s < c->nseries && c->kind != CHART_LINE;
		     s++) {
			double v = c->series[s].values[k];
			if (v < 0)
				v = 0;
			double bw = c->kind == CHART_STACKED
			                    ? band * 0.6
			                    : band * 0.7 / c->nseries;
			double x = c->kind == CHART_STACKED
			                   ? x0 + band * 0.2
			                   : x0 + band * 0.15 + s * bw;
			double y = bottom - (stack + v) * scale;
			buf_printf(out,
			           "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			           "height=\"%.1f\" fill=\"#%06x\"/>\n",
			           x, y, bw, v * scale, c->series[s].color);
			if (c->kind == CHART_STACKED)
				stack += v;
		}
		buf_printf(out,
		           "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" "
		           "text-anchor=\"middle\">",
		           x0 + band / 2, bottom + 13);
		esc(out, c->categories[k]);
		buf_puts(out, "</text>\n");
	}
	if (c->kind == CHART_LINE) {
		for (size_t s = 0; s < c->nseries; s++) {
			buf_puts(out, "<polyline points=\"");
			for (size_t k = 0; k < c->ncategories; k++)
				buf_printf(out, "%s%.1f,%.1f", k ? " " : "",
				           left + (k + 0.5) * band,
				           bottom - c->series[s].values[k] *
				                            scale);
			buf_printf(out,
			           "\" fill=\"none\" stroke=\"#%06x\" "
			           "stroke-width=\"2\"/>\n",
			           c->series[s].color);
		}
	}
	buf_printf(out,
	           "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	           "stroke=\"#000000\" stroke-width=\"1\"/>\n",
	           left, bottom, right, bottom);
	/* Legend under the axis labels. */
	double lx = left, ly = bottom + 20;
	for (size_t s = 0; s < c->nseries && c->nseries > 1; s++) {
		const char *name = c->series[s].name;
		double w = 14 + 5.2 * (double)(name ? strlen(name) : 0);
		if (lx > left && lx + w > right) {
			lx = left;
			ly += 14;
		}
		buf_printf(out,
		           "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" "
		           "height=\"10\" fill=\"#%06x\"/>\n"
		           "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\">",
		           lx, ly, c->series[s].color, lx + 14, ly + 9);
		esc(out, name);
		buf_puts(out, "</text>\n");
		lx += w + 18;
	}
	buf_puts(out, "</svg>\n<table class=\"visually-hidden\">"
	              "<caption>");
	esc(out, c->title);
	buf_puts(out, "</caption><thead><tr><th scope=\"col\"></th>");
	for (size_t s = 0; s < c->nseries; s++) {
		buf_puts(out, "<th scope=\"col\">");
		esc(out, c->series[s].name);
		if (c->unit) {
			buf_puts(out, " (");
			esc(out, c->unit);
			buf_puts(out, ")");
		}
		buf_puts(out, "</th>");
	}
	buf_puts(out, "</tr></thead><tbody>");
	for (size_t k = 0; k < c->ncategories; k++) {
		buf_puts(out, "<tr><th scope=\"row\">");
		esc(out, c->categories[k]);
		buf_puts(out, "</th>");
		for (size_t s = 0; s < c->nseries; s++) {
			buf_puts(out, "<td>");
			num(out, c->series[s].values[k]);
			buf_puts(out, "</td>");
		}
		buf_puts(out, "</tr>");
	}
	/* The caption last: a figure's caption is its first or last child. */
	buf_puts(out, "</tbody></table>\n<figcaption>");
	esc(out, c->title);
	buf_puts(out, "</figcaption>\n</figure>\n");
}
