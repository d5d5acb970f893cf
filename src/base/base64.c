/* base64: the encoder and the decoder. */
#include "base/base64.h"

#include <string.h>

static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
                          "qrstuvwxyz0123456789+/";

void base64_encode(struct buf *out, const void *data, size_t len)
{
	const unsigned char *s = data;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < len)
			v |= s[i + 2];
		char quad[4] = {tab[(v >> 18) & 63], tab[(v >> 12) & 63],
		                i + 1 < len ? tab[(v >> 6) & 63] : '=',
		                i + 2 < len ? tab[v & 63] : '='};
		buf_put(out, quad, 4);
	}
}

bool base64_decode(const char *s, size_t len, void *out, size_t *out_len)
{
	unsigned char *w = out;
	size_t n = 0;
	unsigned acc = 0;
	int bits = 0;
	for (size_t i = 0; i < len && s[i] != '='; i++) {
		const char *p = s[i] ? memchr(tab, s[i], sizeof tab - 1) : NULL;
		if (!p)
			return false;
		acc = (acc << 6) | (unsigned)(p - tab);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			w[n++] = (unsigned char)((acc >> bits) & 0xFF);
		}
	}
	*out_len = n;
	return true;
}
