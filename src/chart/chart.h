/* chart: one chart description, drawn as inline SVG that both outputs use.
 *
 * Hooks fill a `struct chart` with numbers; chart_to_html() writes a
 * <figure> holding two SVGs in the subset the PDF path draws as vectors
 * (docs/pdf.md): `chart-wide` at the description's size, which the PDF
 * draws, and `chart-narrow`, 280 units wide with the bars drawn across,
 * for narrow screens (the style sheet shows one of them); then the same
 * numbers as a table in a <details class="chart-figures"> ("Show the
 * figures"), which the paper leaves out, and the title as the caption.
 * Series differ by hatching as well as colour, numbers are written on the
 * bars and in the legend. Bars, stacked bars and lines; the value axis
 * starts at zero. */
#ifndef CLERK_CHART_CHART_H
#define CLERK_CHART_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

enum chart_kind { CHART_BAR, CHART_STACKED, CHART_LINE };

struct chart_series {
	const char *name;
	const double *values; /* one per category */
	uint32_t color;       /* 0xRRGGBB */
};

struct chart {
	enum chart_kind kind;
	const char *title; /* the caption and the SVG's title */
	const char *unit;  /* for the table's header, may be NULL */
	const char *const *categories;
	size_t ncategories;
	const struct chart_series *series;
	size_t nseries;
	int width, height; /* CSS pixels; 0 gives 480 x 220 */
	/* The disclosure's words; NULL: "Show the figures". */
	const char *figures_label;
	/* The page's text and background, 0xRRGGBB, for outlines, gaps and
	 * numbers on bars; both 0: #0b0c0c on white. */
	uint32_t text, background;
};

/* The WCAG 2.2 contrast ratio of two 0xRRGGBB colours, 1 to 21. */
double chart_contrast(uint32_t a, uint32_t b);

/* Appends the chart's HTML to `out`. Strings are escaped. */
void chart_to_html(const struct chart *c, struct buf *out);

#endif
