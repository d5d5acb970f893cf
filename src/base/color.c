/* color: the parser, the writer and the WCAG 2.2 contrast ratio. */
#include "base/color.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

bool color_parse(const char *s, uint32_t *rgb)
{
	if (!s || s[0] != '#')
		return false;
	size_t n = strlen(s + 1);
	if (n != 3 && n != 6)
		return false;
	uint32_t v = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[1 + i];
		int h = c >= '0' && c <= '9'   ? c - '0'
		        : c >= 'a' && c <= 'f' ? c - 'a' + 10
		        : c >= 'A' && c <= 'F' ? c - 'A' + 10
		                               : -1;
		if (h < 0)
			return false;
		v = v << 4 | (uint32_t)h;
	}
	if (n == 3)
		v = ((v >> 8) & 0xF) * 0x110000 + ((v >> 4) & 0xF) * 0x1100 +
		    (v & 0xF) * 0x11;
	*rgb = v;
	return true;
}

void color_format(uint32_t rgb, char out[8])
{
	snprintf(out, 8, "#%06x", (unsigned)(rgb & 0xFFFFFFu));
}

/* WCAG relative luminance of one colour (black when it is not one). */
static double luminance(const char *s)
{
	double c[3];
	uint32_t rgb = 0;
	color_parse(s, &rgb);
	for (int i = 0; i < 3; i++) {
		double v = (double)((rgb >> (16 - 8 * i)) & 0xFF) / 255.0;
		c[i] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

double color_contrast(const char *fg, const char *bg)
{
	double a = luminance(fg), b = luminance(bg);
	return a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
}
