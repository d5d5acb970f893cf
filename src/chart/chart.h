/* chart: one chart description, drawn as inline SVG that both outputs use.
 *
 * Hooks fill a `struct chart` with numbers; chart_to_html() writes a
 * <figure> holding an SVG in the subset the PDF path draws as vectors
 * (docs/pdf.md), a caption, and the same numbers as a table with the class
 * visually-hidden, which screen readers read on the web page and the PDF
 * leaves out. Bars, stacked bars and lines; the value axis starts at zero. */
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
};

/* Appends the chart's HTML to `out`. Strings are escaped. */
void chart_to_html(const struct chart *c, struct buf *out);

#endif
