/* expand: the field scanner and a lookup over pairs. */
#include "base/expand.h"

#include <string.h>

void expand_fields(struct buf *out, const char *text, expand_lookup lookup,
                   void *ctx)
{
	if (!text)
		return;
	const char *p = text;
	while (*p) {
		const char *open = strchr(p, '{');
		if (!open) {
			buf_puts(out, p);
			return;
		}
		size_t n = strcspn(open + 1, "{}");
		if (open[1 + n] != '}') {
			/* no field here: text up to the next brace, if any */
			buf_put(out, p, (size_t)(open + 1 + n - p));
			p = open + 1 + n;
			continue;
		}
		buf_put(out, p, (size_t)(open - p));
		if (!lookup(ctx, open + 1, n, out))
			buf_put(out, open, n + 2);
		p = open + n + 2;
	}
}

bool expand_pairs(void *ctx, const char *name, size_t len, struct buf *out)
{
	const char *const(*pairs)[2] = ctx;
	for (size_t i = 0; pairs[i][0]; i++)
		if (strlen(pairs[i][0]) == len &&
		    memcmp(pairs[i][0], name, len) == 0) {
			if (pairs[i][1])
				buf_puts(out, pairs[i][1]);
			return true;
		}
	return false;
}
