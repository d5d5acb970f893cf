/* near: edit distance for suggestions (see near.h). */
#include "base/near.h"

#include <ctype.h>
#include <stdlib.h>

#include "base/xalloc.h"

static int fold(int ch)
{
	ch = tolower((unsigned char)ch);
	return ch == ' ' || ch == '-' ? '_' : ch;
}

size_t near_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t small[64];
	size_t *row = lb < 64 ? small : xmalloc((lb + 1) * sizeof *row);
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (fold(a[i - 1]) != fold(b[j - 1]));
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t d = row[lb];
	if (row != small)
		free(row);
	return d;
}
