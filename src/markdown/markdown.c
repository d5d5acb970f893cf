/* markdown: an XHTML renderer over md4c's callbacks, with a URL filter. */
#include "markdown/markdown.h"

#include <md4c.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct render {
	struct buf *out;
	int heading_offset;
	int image_depth;  /* inside an image's alt text: text only */
	unsigned dropped; /* bit n set: the link at depth n was dropped */
	int link_depth;
	bool in_thead;
};

void markdown_escape(struct buf *out, const char *text, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep;
		switch (text[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_put(out, text + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_put(out, text + start, len - start);
}

static void put_codepoint(struct buf *out, uint32_t cp)
{
	char s[4];
	size_t n;
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		s[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | cp >> 6);
		s[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | cp >> 12);
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else {
		s[0] = (char)(0xF0 | cp >> 18);
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	}
	markdown_escape(out, s, n);
}

/* The named entities committee prose uses; others print as written. */
static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
        {"amp", '&'},       {"lt", '<'},       {"gt", '>'},
        {"quot", '"'},      {"apos", '\''},    {"nbsp", 0xA0},
        {"copy", 0xA9},     {"reg", 0xAE},     {"pound", 0xA3},
        {"euro", 0x20AC},   {"deg", 0xB0},     {"frac12", 0xBD},
        {"frac14", 0xBC},   {"frac34", 0xBE},  {"times", 0xD7},
        {"ndash", 0x2013},  {"mdash", 0x2014}, {"lsquo", 0x2018},
        {"rsquo", 0x2019},  {"ldquo", 0x201C}, {"rdquo", 0x201D},
        {"hellip", 0x2026}, {"bull", 0x2022},  {"middot", 0xB7},
        {"sect", 0xA7},     {"para", 0xB6},    {"eacute", 0xE9},
};

/* Writes the character an entity (`&...;`) stands for, escaped. */
static void put_entity(struct buf *out, const char *text, size_t len)
{
	if (len >= 4 && text[1] == '#') {
		bool hex = text[2] == 'x' || text[2] == 'X';
		char num[16];
		size_t n = len - (hex ? 4 : 3);
		if (n > 0 && n < sizeof num) {
			memcpy(num, text + (hex ? 3 : 2), n);
			num[n] = '\0';
			put_codepoint(out, (uint32_t)strtoul(num, NULL,
			                                     hex ? 16 : 10));
			return;
		}
	} else if (len > 2) {
		for (size_t i = 0; i < sizeof entities / sizeof *entities;
		     i++) {
			if (strlen(entities[i].name) == len - 2 &&
			    memcmp(entities[i].name, text + 1, len - 2) == 0) {
				put_codepoint(out, entities[i].cp);
				return;
			}
		}
	}
	markdown_escape(out, text, len);
}

/* Decodes an attribute's entities into `out`, unescaped. */
static void attr_decode(struct buf *out, const MD_ATTRIBUTE *a)
{
	for (int i = 0; a->substr_offsets[i] < a->size; i++) {
		MD_OFFSET off = a->substr_offsets[i];
		MD_SIZE n = a->substr_offsets[i + 1] - off;
		if (a->substr_types[i] == MD_TEXT_ENTITY) {
			struct buf tmp = BUF_INIT;
			put_entity(&tmp, a->text + off, n);
			/* put_entity escapes; undo the five for a raw URL. */
			const char *s = buf_cstr(&tmp);
			for (size_t j = 0; j < tmp.len;) {
				static const char *esc[] = {"&amp;", "&lt;",
				                            "&gt;", "&quot;",
				                            "&#39;"};
				static const char raw[] = "&<>\"'";
				size_t k;
				for (k = 0; k < 5; k++)
					if (strncmp(s + j, esc[k],
					            strlen(esc[k])) == 0)
						break;
				if (k < 5) {
					buf_putc(out, raw[k]);
					j += strlen(esc[k]);
				} else {
					buf_putc(out, s[j++]);
				}
			}
			buf_free(&tmp);
		} else if (a->substr_types[i] == MD_TEXT_NULLCHAR) {
			buf_puts(out, "\xEF\xBF\xBD");
		} else {
			buf_put(out, a->text + off, n);
		}
	}
}

bool markdown_url_is_safe(const char *url, size_t len, bool is_link)
{
	/* Browsers skip leading spaces and controls, and ignore tabs and
	 * newlines anywhere in the scheme. */
	char scheme[16];
	size_t n = 0, i = 0;
	while (i < len && (unsigned char)url[i] <= 0x20)
		i++;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)url[i];
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == ':')
			break;
		if (c == '/' || c == '?' || c == '#' || n + 1 >= sizeof scheme)
			return true; /* no scheme: relative or a fragment */
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		scheme[n++] = (char)c;
	}
	if (i == len)
		return true; /* no colon at all: a relative path */
	scheme[n] = '\0';
	return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
	       strcmp(scheme, "mailto") == 0 ||
	       (is_link && strcmp(scheme, "tel") == 0);
}

static void put_attr(struct render *r, const char *name, const char *value,
                     size_t len)
{
	buf_printf(r->out, " %s=\"", name);
	markdown_escape(r->out, value, len);
	buf_putc(r->out, '"');
}

static const char *align_class(MD_ALIGN a)
{
	switch (a) {
	case MD_ALIGN_LEFT:
		return " class=\"align-left\"";
	case MD_ALIGN_CENTER:
		return " class=\"align-center\"";
	case MD_ALIGN_RIGHT:
		return " class=\"align-right\"";
	default:
		return "";
	}
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct render *r = data;
	struct buf *o = r->out;
	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_QUOTE:
		buf_puts(o, "<blockquote>\n");
		break;
	case MD_BLOCK_UL:
		buf_puts(o, "<ul>\n");
		break;
	case MD_BLOCK_OL: {
		unsigned start = ((MD_BLOCK_OL_DETAIL *)detail)->start;
		if (start == 1)
			buf_puts(o, "<ol>\n");
		else
			buf_printf(o, "<ol start=\"%u\">\n", start);
		break;
	}
	case MD_BLOCK_LI:
		buf_puts(o, "<li>");
		break;
	case MD_BLOCK_HR:
		buf_puts(o, "<hr />\n");
		break;
	case MD_BLOCK_H: {
		int level = (int)((MD_BLOCK_H_DETAIL *)detail)->level +
		            r->heading_offset;
		buf_printf(o, "<h%d>", level > 6 ? 6 : level < 1 ? 1 : level);
		break;
	}
	case MD_BLOCK_CODE:
		buf_puts(o, "<pre><code>");
		break;
	case MD_BLOCK_HTML:
		break;
	case MD_BLOCK_P:
		buf_puts(o, "<p>");
		break;
	case MD_BLOCK_TABLE:
		buf_puts(o, "<table>\n");
		break;
	case MD_BLOCK_THEAD:
		buf_puts(o, "<thead>\n");
		r->in_thead = true;
		break;
	case MD_BLOCK_TBODY:
		buf_puts(o, "<tbody>\n");
		break;
	case MD_BLOCK_TR:
		buf_puts(o, "<tr>");
		break;
	case MD_BLOCK_TH:
		buf_printf(o, "<th scope=\"%s\"%s>",
		           r->in_thead ? "col" : "row",
		           align_class(((MD_BLOCK_TD_DETAIL *)detail)->align));
		break;
	case MD_BLOCK_TD:
		buf_printf(o, "<td%s>",
		           align_class(((MD_BLOCK_TD_DETAIL *)detail)->align));
		break;
	}
	return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct render *r = data;
	struct buf *o = r->out;
	switch (type) {
	case MD_BLOCK_DOC:
	case MD_BLOCK_HR:
	case MD_BLOCK_HTML:
		break;
	case MD_BLOCK_QUOTE:
		buf_puts(o, "</blockquote>\n");
		break;
	case MD_BLOCK_UL:
		buf_puts(o, "</ul>\n");
		break;
	case MD_BLOCK_OL:
		buf_puts(o, "</ol>\n");
		break;
	case MD_BLOCK_LI:
		buf_puts(o, "</li>\n");
		break;
	case MD_BLOCK_H: {
		int level = (int)((MD_BLOCK_H_DETAIL *)detail)->level +
		            r->heading_offset;
		buf_printf(o, "</h%d>\n",
		           level > 6   ? 6
		           : level < 1 ? 1
		                       : level);
		break;
	}
	case MD_BLOCK_CODE:
		buf_puts(o, "</code></pre>\n");
		break;
	case MD_BLOCK_P:
		buf_puts(o, "</p>\n");
		break;
	case MD_BLOCK_TABLE:
		buf_puts(o, "</table>\n");
		break;
	case MD_BLOCK_THEAD:
		buf_puts(o, "</thead>\n");
		r->in_thead = false;
		break;
	case MD_BLOCK_TBODY:
		buf_puts(o, "</tbody>\n");
		break;
	case MD_BLOCK_TR:
		buf_puts(o, "</tr>\n");
		break;
	case MD_BLOCK_TH:
		buf_puts(o, "</th>");
		break;
	case MD_BLOCK_TD:
		buf_puts(o, "</td>");
		break;
	}
	return 0;
}

static const char *span_tag(MD_SPANTYPE type)
{
	switch (type) {
	case MD_SPAN_EM:
		return "em";
	case MD_SPAN_STRONG:
		return "strong";
	case MD_SPAN_CODE:
		return "code";
	case MD_SPAN_DEL:
		return "del";
	case MD_SPAN_U:
		return "u";
	default:
		return NULL;
	}
}

static int enter_span(MD_SPANTYPE type, void *detail, void *data)
{
	struct render *r = data;
	struct buf *o = r->out;
	if (r->image_depth > 0) {
		if (type == MD_SPAN_IMG)
			r->image_depth++;
		return 0;
	}
	if (type == MD_SPAN_A) {
		MD_SPAN_A_DETAIL *a = detail;
		struct buf url = BUF_INIT;
		attr_decode(&url, &a->href);
		int depth = r->link_depth++;
		bool safe = markdown_url_is_safe(buf_cstr(&url), url.len, true);
		if (depth < 32 && !safe)
			r->dropped |= 1u << depth;
		if (safe) {
			buf_puts(o, "<a");
			put_attr(r, "href", buf_cstr(&url), url.len);
			if (a->title.size) {
				struct buf t = BUF_INIT;
				attr_decode(&t, &a->title);
				put_attr(r, "title", buf_cstr(&t), t.len);
				buf_free(&t);
			}
			buf_putc(o, '>');
		}
		buf_free(&url);
		return 0;
	}
	if (type == MD_SPAN_IMG) {
		MD_SPAN_IMG_DETAIL *img = detail;
		struct buf url = BUF_INIT;
		attr_decode(&url, &img->src);
		if (markdown_url_is_safe(buf_cstr(&url), url.len, false)) {
			buf_puts(o, "<img");
			put_attr(r, "src", buf_cstr(&url), url.len);
			buf_puts(o, " alt=\"");
			r->image_depth = 1;
		}
		buf_free(&url);
		return 0;
	}
	const char *tag = span_tag(type);
	if (tag)
		buf_printf(o, "<%s>", tag);
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *data)
{
	struct render *r = data;
	(void)detail;
	if (r->image_depth > 0) {
		if (type == MD_SPAN_IMG && --r->image_depth == 0)
			buf_puts(r->out, "\" />");
		return 0;
	}
	if (type == MD_SPAN_A) {
		int depth = --r->link_depth;
		bool dropped = depth < 32 && (r->dropped & (1u << depth));
		if (depth < 32)
			r->dropped &= ~(1u << depth);
		if (!dropped)
			buf_puts(r->out, "</a>");
		return 0;
	}
	const char *tag = span_tag(type);
	if (tag)
		buf_printf(r->out, "</%s>", tag);
	return 0;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *data)
{
	struct render *r = data;
	struct buf *o = r->out;
	switch (type) {
	case MD_TEXT_NULLCHAR:
		buf_puts(o, "\xEF\xBF\xBD");
		break;
	case MD_TEXT_BR:
		buf_puts(o, r->image_depth ? " " : "<br />\n");
		break;
	case MD_TEXT_SOFTBR:
		buf_puts(o, r->image_depth ? " " : "\n");
		break;
	case MD_TEXT_ENTITY:
		put_entity(o, s, size);
		break;
	default:
		/* Raw HTML (never parsed as such with MD_FLAG_NOHTML) and all
		 * other text is escaped. */
		markdown_escape(o, s, size);
		break;
	}
	return 0;
}

int markdown_to_html(const char *src, size_t len,
                     const struct markdown_options *opt, struct buf *out)
{
	struct render r = {.out = out,
	                   .heading_offset = opt ? opt->heading_offset : 0};
	MD_PARSER parser = {
	        .abi_version = 0,
	        .flags = MD_FLAG_NOHTML | MD_FLAG_TABLES |
	                 MD_FLAG_STRIKETHROUGH |
	                 MD_FLAG_PERMISSIVEURLAUTOLINKS |
	                 MD_FLAG_PERMISSIVEWWWAUTOLINKS |
	                 MD_FLAG_PERMISSIVEEMAILAUTOLINKS,
	        .enter_block = enter_block,
	        .leave_block = leave_block,
	        .enter_span = enter_span,
	        .leave_span = leave_span,
	        .text = text,
	};
	return md_parse(src, (MD_SIZE)len, &parser, &r) == 0 ? 0 : -1;
}
