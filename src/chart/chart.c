/* chart: bar, stacked bar and line charts as SVG plus a data table.
 *
 * Two drawings of the same numbers: the wide one (bars or points up a
 * value axis, the categories along the bottom) at the description's size,
 * which the PDF draws and a wide screen scales to the text's width; and a
 * narrow one, 280 units wide (a 320 px screen's text width), with one row
 * a category, its name above its bars drawn across, which the style sheet
 * shows on narrow screens instead. Text is 12 units in both, so it is at
 * least 12 px wherever a drawing is shown at its own size or larger.
 *
 * Nothing is told apart by colour alone: each series has its own hatching
 * (none, diagonal, horizontal, vertical, crossed...), each bar or segment
 * wide or tall enough carries its number, the legend says the last
 * category's numbers, and the table of every figure follows in a
 * "Show the figures" disclosure. Stacked segments are parted by a gap of
 * the background's colour, and a fill of less than 3:1 against the
 * background gets an outline in the text's colour (WCAG 1.4.11). */
#include "chart/chart.h"

#include <math.h>
#include <string.h>

#include "base/color.h"
#include "base/escape.h"

#define FONT 12      /* text size, in drawing units */
#define CHAR_W 6.8   /* about the width of a character at FONT */
#define NARROW_W 280 /* the narrow drawing's width */
#define HATCHES 6    /* hatchings before they repeat */

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

static size_t num_len(double v)
{
	struct buf b = BUF_INIT;
	num(&b, v);
	size_t n = b.len;
	buf_free(&b);
	return n;
}

double chart_contrast(uint32_t a, uint32_t b)
{
	char x[8], y[8];
	color_format(a, x);
	color_format(b, y);
	return color_contrast(x, y);
}

/* The colours a chart draws with. */
struct ink {
	uint32_t text, background;
};

/* Whichever of the text and background colours stands out more on
 * `fill`: for hatching and numbers drawn on a bar. */
static uint32_t ink_on(const struct ink *k, uint32_t fill)
{
	return chart_contrast(k->text, fill) >=
	                       chart_contrast(k->background, fill)
	               ? k->text
	               : k->background;
}

static void line(struct buf *out, double x1, double y1, double x2, double y2,
                 uint32_t color, double width)
{
	buf_printf(out,
	           "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	           "stroke=\"#%06x\" stroke-width=\"%g\"/>\n",
	           x1, y1, x2, y2, color, width);
}

/* Lines at 45 degrees across the box, every 6 units, cut at its edges;
 * `up` draws them rising to the right. */
static void diagonals(struct buf *out, double x, double y, double w, double h,
                      bool up, uint32_t color)
{
	for (double d = -h + 3; d < w; d += 6) {
		double lo = d < 0 ? -d : 0, hi = w - d < h ? w - d : h;
		if (hi - lo < 0.5)
			continue;
		double xa = x + d + lo, xb = x + d + hi;
		if (!up) {
			xa = x + w - (d + lo);
			xb = x + w - (d + hi);
		}
		line(out, xa, y + h - lo, xb, y + h - hi, color, 1);
	}
}

/* The hatching of series `s` over the box, in `color`. */
static void hatch(struct buf *out, size_t s, double x, double y, double w,
                  double h, uint32_t color)
{
	if (w < 1 || h < 1)
		return;
	switch (s % HATCHES) {
	case 0:
		break;
	case 1:
		diagonals(out, x, y, w, h, true, color);
		break;
	case 2:
		for (double yy = y + 3; yy < y + h; yy += 5)
			line(out, x, yy, x + w, yy, color, 1);
		break;
	case 3:
		for (double xx = x + 3; xx < x + w; xx += 5)
			line(out, xx, y, xx, y + h, color, 1);
		break;
	case 4:
		diagonals(out, x, y, w, h, true, color);
		diagonals(out, x, y, w, h, false, color);
		break;
	case 5:
		diagonals(out, x, y, w, h, false, color);
		break;
	}
}

/* One bar or segment: its fill, an outline when the fill is faint
 * against the background, its hatching, and its number in the middle on
 * a patch of the fill when it has room. */
static void bar(struct buf *out, const struct ink *k, size_t s, uint32_t fill,
                double x, double y, double w, double h, double v, bool label)
{
	bool faint = chart_contrast(fill, k->background) < 3;
	buf_printf(out,
	           "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
	           "fill=\"#%06x\"",
	           x, y, w, h, fill);
	if (faint && w > 0 && h > 0)
		buf_printf(out, " stroke=\"#%06x\" stroke-width=\"1\"",
		           k->text);
	buf_puts(out, "/>\n");
	hatch(out, s, x, y, w, h, ink_on(k, fill));
	double tw = CHAR_W * (double)num_len(v) + 4;
	if (!label || v <= 0 || h < FONT + 4 || w < tw + 2)
		return;
	double cx = x + w / 2, cy = y + h / 2;
	buf_printf(out,
	           "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
	           "fill=\"#%06x\"/>\n",
	           cx - tw / 2, cy - FONT / 2.0 - 1, tw, FONT + 2.0, fill);
	buf_printf(out,
	           "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
	           "text-anchor=\"middle\" fill=\"#%06x\">",
	           cx, cy + FONT / 2.0 - 2, FONT, ink_on(k, fill));
	num(out, v);
	buf_puts(out, "</text>\n");
}

static double value_of(const struct chart *c, size_t s, size_t k)
{
	double v = c->series[s].values[k];
	return v < 0 ? 0 : v;
}

/* The largest value, or stack of values, to draw. */
static double largest(const struct chart *c)
{
	double max = 0;
	for (size_t k = 0; k < c->ncategories; k++) {
		double stack = 0;
		for (size_t s = 0; s < c->nseries; s++) {
			double v = value_of(c, s, k);
			stack += v;
			if (c->kind != CHART_STACKED && v > max)
				max = v;
		}
		if (c->kind == CHART_STACKED && stack > max)
			max = stack;
	}
	return max;
}

/* The legend's width for series `s`: swatch, name and number. */
static double legend_w(const struct chart *c, size_t s)
{
	const char *name = c->series[s].name;
	double v = c->ncategories ? c->series[s].values[c->ncategories - 1] : 0;
	return 18 +
	       CHAR_W * (double)((name ? strlen(name) : 0) + 1 + num_len(v));
}

/* Draws the legend from (x0, y) within [x0, right], wrapping; returns the
 * height used. A series' swatch bears its hatching; its text says its
 * name and its number in the last category. */
static double legend(const struct chart *c, const struct ink *k,
                     struct buf *out, double x0, double y, double right,
                     bool draw)
{
	if (c->nseries < 2 || !c->ncategories)
		return 0;
	double x = x0, y0 = y;
	for (size_t s = 0; s < c->nseries; s++) {
		double w = legend_w(c, s);
		if (x > x0 && x + w > right) {
			x = x0;
			y += FONT + 6;
		}
		if (draw) {
			bar(out, k, s, c->series[s].color, x, y, 12, 12, 0,
			    false);
			buf_printf(out,
			           "<text x=\"%.1f\" y=\"%.1f\" "
			           "font-size=\"%d\">",
			           x + 16, y + 10.5, FONT);
			esc(out, c->series[s].name);
			buf_putc(out, ' ');
			num(out, c->series[s].values[c->ncategories - 1]);
			buf_puts(out, "</text>\n");
		}
		x += w + 14;
	}
	return y - y0 + FONT + 6;
}

/* The text alternative: the table's numbers in words ("Title. Series:
 * Q1 3, Q2 5."), for the PDF's figure and screen readers. */
static void alt_text(const struct chart *c, struct buf *out)
{
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
}

static void svg_open(const struct chart *c, struct buf *out, const char *cls,
                     int w, int h)
{
	buf_printf(out,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"%s\" "
	           "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	           "role=\"img\" aria-label=\"",
	           cls, w, h, w, h);
	alt_text(c, out);
	buf_puts(out, "\">\n<title>");
	esc(out, c->title);
	buf_puts(out, "</title>\n");
}

/* The wide drawing: the value axis up the left, categories along the
 * bottom, the legend under them. */
static void wide(const struct chart *c, const struct ink *k, struct buf *out)
{
	int W = c->width > 0 ? c->width : 480;
	int H0 = c->height > 0 ? c->height : 220;
	double max = largest(c), step = nice_step(max);
	double top_value = step * ceil(max / step);
	if (top_value <= 0)
		top_value = step;
	double left = 10 + CHAR_W * (double)num_len(top_value), right = W - 10;
	/* The description's height, less the axis labels and the legend;
	 * a chart too small for them grows. */
	double top = 10, leg_h = legend(c, k, out, left, 0, right, false);
	double plot_h = H0 - top - FONT - 12 - leg_h;
	int H = H0;
	if (plot_h < 60) {
		plot_h = 60;
		H = (int)ceil(top + plot_h + FONT + 12 + leg_h);
	}
	double bottom = top + plot_h;
	double scale = plot_h / top_value;
	double band = c->ncategories ? (right - left) / c->ncategories : 0;
	svg_open(c, out, "chart-wide", W, H);
	for (double v = 0; v <= top_value + step / 2; v += step) {
		double y = bottom - v * scale;
		line(out, left, y, right, y, 0xb1b4b6, 0.5);
		buf_printf(out,
		           "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
		           "text-anchor=\"end\">",
		           left - 4, y + 4, FONT);
		num(out, v);
		buf_puts(out, "</text>\n");
	}
	for (size_t kk = 0; kk < c->ncategories; kk++) {
		double x0 = left + kk * band, stack = 0;
		for (size_t s = 0; s < c->nseries && c->kind != CHART_LINE;
		     s++) {
			double v = value_of(c, s, kk);
			if (c->kind == CHART_STACKED) {
				double x = x0 + band * 0.2, bw = band * 0.6;
				double y = bottom - (stack + v) * scale;
				double h = v * scale;
				/* A gap of the background between segments. */
				double gap = stack > 0 && h > 2 ? 1.5 : 0;
				bar(out, k, s, c->series[s].color, x, y, bw,
				    h - gap, v, true);
				stack += v;
				continue;
			}
			double bw = band * 0.7 / c->nseries;
			double x = x0 + band * 0.15 + s * bw;
			double h = v * scale, y = bottom - h;
			bar(out, k, s, c->series[s].color, x + 0.5, y, bw - 1,
			    h, v, false);
			/* Each bar's number above it. */
			buf_printf(
			        out,
			        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
			        "text-anchor=\"middle\">",
			        x + bw / 2,
			        y - 3 < top + FONT ? y + FONT + 2 : y - 3,
			        FONT);
			num(out, c->series[s].values[kk]);
			buf_puts(out, "</text>\n");
		}
		buf_printf(out,
		           "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
		           "text-anchor=\"middle\">",
		           x0 + band / 2, bottom + FONT + 4, FONT);
		esc(out, c->categories[kk]);
		buf_puts(out, "</text>\n");
	}
	if (c->kind == CHART_LINE) {
		for (size_t s = 0; s < c->nseries; s++) {
			buf_puts(out, "<polyline points=\"");
			for (size_t kk = 0; kk < c->ncategories; kk++)
				buf_printf(out, "%s%.1f,%.1f", kk ? " " : "",
				           left + (kk + 0.5) * band,
				           bottom - value_of(c, s, kk) * scale);
			buf_printf(out,
			           "\" fill=\"none\" stroke=\"#%06x\" "
			           "stroke-width=\"2\"/>\n",
			           c->series[s].color);
			/* Each point marked and labelled with its number. */
			for (size_t kk = 0; kk < c->ncategories; kk++) {
				double x = left + (kk + 0.5) * band;
				double y = bottom - value_of(c, s, kk) * scale;
				buf_printf(out,
				           "<circle cx=\"%.1f\" cy=\"%.1f\" "
				           "r=\"3\" fill=\"#%06x\"/>\n",
				           x, y, c->series[s].color);
				buf_printf(out,
				           "<text x=\"%.1f\" y=\"%.1f\" "
				           "font-size=\"%d\" "
				           "text-anchor=\"middle\">",
				           x,
				           y - 6 < top + FONT ? y + FONT + 4
				                              : y - 6,
				           FONT);
				num(out, c->series[s].values[kk]);
				buf_puts(out, "</text>\n");
			}
		}
	}
	line(out, left, bottom, right, bottom, k->text, 1);
	legend(c, k, out, left, bottom + FONT + 12, right, true);
	buf_puts(out, "</svg>\n");
}

/* The narrow drawing: a row for each category, its name above its bars
 * drawn across from the left, each bar's number at its end (a stack's
 * inside its segments and its total at the end), the legend under the
 * rows. */
static void narrow(const struct chart *c, const struct ink *k, struct buf *out)
{
	const double W = NARROW_W, left = 2;
	double max = largest(c);
	if (max <= 0)
		max = 1;
	double label_w = CHAR_W * (double)num_len(max) + 6;
	double right = W - label_w;
	double scale = (right - left) / max;
	size_t bars = c->kind == CHART_STACKED ? 1 : c->nseries;
	double bar_h = c->kind == CHART_STACKED ? 20 : 16;
	double row_h = FONT + 4 + bars * (bar_h + 2) + 10;
	double leg_h = legend(c, k, out, left, 0, W - 2, false);
	int H = (int)ceil(row_h * c->ncategories + leg_h + 4);
	svg_open(c, out, "chart-narrow", (int)W, H);
	for (size_t kk = 0; kk < c->ncategories; kk++) {
		double y = kk * row_h;
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\">",
		           left, y + FONT, FONT);
		esc(out, c->categories[kk]);
		buf_puts(out, "</text>\n");
		double by = y + FONT + 4, stack = 0;
		for (size_t s = 0; s < c->nseries; s++) {
			double v = value_of(c, s, kk);
			if (c->kind == CHART_STACKED) {
				double w = v * scale;
				double gap = stack > 0 && w > 2 ? 1.5 : 0;
				bar(out, k, s, c->series[s].color,
				    left + stack * scale + gap, by, w - gap,
				    bar_h, v, true);
				stack += v;
				continue;
			}
			double w = v * scale;
			bar(out, k, s, c->series[s].color, left, by, w, bar_h,
			    v, false);
			buf_printf(out,
			           "<text x=\"%.1f\" y=\"%.1f\" "
			           "font-size=\"%d\">",
			           left + w + 4, by + bar_h - 4, FONT);
			num(out, c->series[s].values[kk]);
			buf_puts(out, "</text>\n");
			by += bar_h + 2;
		}
		if (c->kind == CHART_STACKED) {
			buf_printf(out,
			           "<text x=\"%.1f\" y=\"%.1f\" "
			           "font-size=\"%d\">",
			           left + stack * scale + 4, by + bar_h - 5,
			           FONT);
			num(out, stack);
			buf_puts(out, "</text>\n");
		}
	}
	legend(c, k, out, left, row_h * c->ncategories, W - 2, true);
	buf_puts(out, "</svg>\n");
}

/* The figures as a table, in a disclosure that shows it. */
static void figures(const struct chart *c, struct buf *out)
{
	buf_puts(out, "<details class=\"chart-figures\"><summary>");
	esc(out, c->figures_label && *c->figures_label ? c->figures_label
	                                               : "Show the figures");
	buf_puts(out, "</summary>\n<div class=\"table-wrap\"><table>"
	              "<caption>");
	esc(out, c->title);
	buf_puts(out, "</caption><thead><tr><td></td>");
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
	buf_puts(out, "</tbody></table></div>\n</details>\n");
}

void chart_to_html(const struct chart *c, struct buf *out)
{
	struct ink k = {0x0b0c0c, 0xffffff};
	if (c->text != c->background) {
		k.text = c->text;
		k.background = c->background;
	}
	buf_puts(out, "<figure class=\"chart\">\n");
	wide(c, &k, out);
	narrow(c, &k, out);
	figures(c, out);
	/* The caption last: a figure's caption is its first or last child. */
	buf_puts(out, "<figcaption>");
	esc(out, c->title);
	buf_puts(out, "</figcaption>\n</figure>\n");
}
