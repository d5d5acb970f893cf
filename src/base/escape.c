/* escape: the five references and the characters XML cannot carry. */
#include "base/escape.h"

#include <stdint.h>
#include <string.h>

#include "base/utf8.h"

static const char *const esc[256] = {
        ['&'] = "&amp;",  ['<'] = "&lt;",   ['>'] = "&gt;",
        ['"'] = "&quot;", ['\''] = "&#39;",
};

static const unsigned char esc_len[256] = {
        ['&'] = 5, ['<'] = 4, ['>'] = 4, ['"'] = 6, ['\''] = 5,
};

size_t escape_html_extra(const char *s, size_t len)
{
	size_t extra = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char n = esc_len[(unsigned char)s[i]];
		extra += n ? n - 1u : 0;
	}
	return extra;
}

void escape_html(struct buf *out, const char *s, size_t len)
{
	/* The escaped length first, so text dense with `<` (a lambda's,
	 * say) is written in one pass into room made once. */
	size_t extra = escape_html_extra(s, len);
	if (!extra) {
		buf_put(out, s, len);
		return;
	}
	buf_reserve(out, len + extra);
	char *w = out->data + out->len;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (esc_len[c]) {
			memcpy(w, esc[c], esc_len[c]);
			w += esc_len[c];
		} else {
			*w++ = (char)c;
		}
	}
	out->len = (size_t)(w - out->data);
	out->data[out->len] = '\0';
}

/* U+FFFD, which stands for every character XML cannot carry. */
static const char replacement[] = "\xEF\xBF\xBD";

static void put_span(struct buf *out, const char *s, size_t len, bool markup)
{
	if (markup)
		escape_html(out, s, len);
	else
		buf_put(out, s, len);
}

void escape_xml(struct buf *out, const char *s, size_t len, bool markup)
{
	size_t start = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		bool bad = false;
		size_t n = 1;
		if (c >= 0x80) {
			uint32_t cp;
			n = utf8_decode(s + i, len - i, &cp);
			if (n == 0)
				n = 1, bad = true; /* not UTF-8 */
			else if (cp == 0xFFFE || cp == 0xFFFF)
				bad = true;
		} else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		           c == 0x7F) {
			bad = true; /* a control character */
		}
		if (bad) {
			put_span(out, s + start, i - start, markup);
			buf_puts(out, replacement);
			start = i + n;
		}
		i += n;
	}
	put_span(out, s + start, len - start, markup);
}
