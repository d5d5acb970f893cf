/* base64: the encoder. */
#include "base/base64.h"

void base64_encode(struct buf *out, const void *data, size_t len)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	                          "qrstuvwxyz0123456789+/";
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
