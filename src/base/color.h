/* color: colours written #rgb or #rrggbb, and their WCAG contrast.
 *
 * The one colour parser of clerk: brand.yaml's tokens, the council's
 * print styles, chart colours from hooks and SVG paint all go through
 * color_parse, so a colour that one output accepts the other does too. */
#ifndef CLERK_BASE_COLOR_H
#define CLERK_BASE_COLOR_H

#include <stdbool.h>
#include <stdint.h>

/* Parses a colour written #rgb or #rrggbb (either case) into 0xrrggbb.
 * Returns false, leaving `*rgb` alone, for anything else (NULL included). */
bool color_parse(const char *s, uint32_t *rgb);

/* Writes `rgb` (0xrrggbb) as "#rrggbb", lower case, into out[8]. */
void color_format(uint32_t rgb, char out[8]);

/* The WCAG 2.2 contrast ratio of two colours written as color_parse
 * reads them (1 to 21); a colour it cannot read counts as black. */
double color_contrast(const char *fg, const char *bg);

#endif
