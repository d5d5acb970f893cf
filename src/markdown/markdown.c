/* markdown: an XHTML renderer over md4c's callbacks, with a URL filter.
 *
 * md4c's enter and leave events are not always balanced: on some inputs it
 * leaves a span it never entered, or never leaves one it entered (an image
 * whose closing bracket an autolink swallowed, say). The renderer therefore
 * trusts no pairing. It keeps its own stack of open elements and writes
 * every closing tag from that stack, so the output is balanced whatever
 * order the events arrive in:
 *
 * - The stack holds blocks below spans: entering or leaving a block first
 *   closes every open span.
 * - A leave closes down to the nearest open element of its kind (closing
 *   those above it first); a leave with no such element is ignored.
 * - Leaving a block, and the end of the document, close everything still
 *   open inside it, innermost first.
 * - An image writes `<img src="..." alt="` when entered; until it closes,
 *   only text goes out (escaped as attribute text) and the spans inside it
 *   write nothing. Closed by its own leave it writes `" />`; closed any
 *   other way (md4c never left it) the tag is taken back and only its text
 *   stays, so no attribute is ever left open.
 * - A link inside an open link, and a link or image with an unsafe URL,
 *   write nothing but their text.
 * - With an image resolver, an image's tag opens as `<img alt="`, and its
 *   src is asked for and put in when its own leave closes it; a refused
 *   image is taken back like one never left.
 *
 * Each entry links to the one below it of the same kind, so finding the
 * match of a leave takes constant time and nothing counts depth. */
#include "markdown/markdown.h"

#include <md4c.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/entity.h"
#include "base/escape.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* Kinds of stack entry: md4c's block types, then its span types. */
enum {
	KIND_SPAN = 16,
	KIND_COUNT = 32,
};
_Static_assert((int)MD_BLOCK_TD < (int)KIND_SPAN,
               "md4c block types fit below spans");
_Static_assert((int)KIND_SPAN + (int)MD_SPAN_U < (int)KIND_COUNT,
               "md4c span types fit");

struct open {
	const char *close; /* written when the entry closes; NULL: nothing */
	size_t below;      /* 1 + index of the next entry of this kind below */
	size_t level;      /* elements written and open, this one included */
	unsigned char kind;
};

struct render {
	struct buf *out;
	int heading_offset;
	struct open *stack;
	size_t depth, cap;
	size_t top[KIND_COUNT]; /* 1 + index of the topmost of each kind */
	/* 1 + index of the image whose alt attribute is open, and where its
	 * tag and its alt text begin in `out`; 0 when no alt is open. */
	size_t alt_at, alt_tag, alt_text;
	size_t link_at;            /* 1 + index of the open <a>; 0: none */
	const char *src, *src_end; /* our copy of the input */
	bool too_deep; /* an element was left out: LIMIT_MARKDOWN_DEPTH */
	markdown_image_fn image; /* NULL: images pass the URL filter */
	void *image_ctx;
	bool image_refused;   /* the resolver refused an image */
	struct buf image_src; /* the open image's address, for the resolver */
};

/* md4c 0.4.8 reads a byte past the end of its input in some link
 * destinations (a prose field ending in `![c](]`), and if that byte is `)`
 * it hands out text beyond the end. It therefore parses a copy followed by
 * NUL bytes, and text is cut at the copy's end. */
enum { SOURCE_PADDING = 8 };

/* U+FFFD, which stands for every character XML cannot carry. */
static const char replacement[] = "\xEF\xBF\xBD";

static void put_codepoint(struct buf *out, uint32_t cp, bool escape)
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
	escape_xml(out, s, n, escape);
}

/* Writes the character an entity (`&...;`) stands for, escaped when
 * `escape`. */
static void put_entity(struct buf *out, const char *text, size_t len,
                       bool escape)
{
	if (len >= 4 && text[1] == '#') {
		bool hex = text[2] == 'x' || text[2] == 'X';
		char num[16];
		size_t n = len - (hex ? 4 : 3);
		if (n > 0 && n < sizeof num) {
			memcpy(num, text + (hex ? 3 : 2), n);
			num[n] = '\0';
			unsigned long cp = strtoul(num, NULL, hex ? 16 : 10);
			put_codepoint(out,
			              cp > 0x10FFFF ? 0xFFFD : (uint32_t)cp,
			              escape);
			return;
		}
	} else if (len > 2) {
		/* Any HTML5 name; one HTML does not define prints as
		 * written. */
		const char *u = entity_lookup(text + 1, len - 2);
		if (u) {
			escape_xml(out, u, strlen(u), escape);
			return;
		}
	}
	escape_xml(out, text, len, escape);
}

/* Decodes an attribute's entities into `out`, unescaped but with the
 * characters XML cannot carry already replaced, so a URL is judged as the
 * browser will read it. */
static void attr_decode(struct buf *out, const MD_ATTRIBUTE *a)
{
	for (int i = 0; a->substr_offsets[i] < a->size; i++) {
		MD_OFFSET off = a->substr_offsets[i];
		MD_SIZE n = a->substr_offsets[i + 1] - off;
		if (a->substr_types[i] == MD_TEXT_ENTITY)
			put_entity(out, a->text + off, n, false);
		else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
			buf_puts(out, replacement);
		else
			escape_xml(out, a->text + off, n, false);
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
	escape_xml(r->out, value, len, true);
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

static size_t open_level(const struct render *r)
{
	return r->depth > 0 ? r->stack[r->depth - 1].level : 0;
}

/* Whether one more element may be written inside those open; when not,
 * the element is left out (its text stays) and the render fails. */
static bool room(struct render *r)
{
	if (open_level(r) < LIMIT_MARKDOWN_DEPTH)
		return true;
	r->too_deep = true;
	return false;
}

/* Opens an entry; `written`: its start tag went out. */
static void push(struct render *r, unsigned kind, const char *close,
                 bool written)
{
	size_t lv = open_level(r) + written;
	r->stack = xgrow(r->stack, &r->cap, r->depth + 1, sizeof *r->stack);
	r->stack[r->depth] =
	        (struct open){close, r->top[kind], lv, (unsigned char)kind};
	r->top[kind] = ++r->depth;
}

/* Asks the resolver for the address of the image whose tag, `<img alt="`
 * and its text, is open at the end of `out`, and writes it as the tag's
 * src. Only an image closed by its own leave is resolved, so one that
 * prints as its text is never asked about. Returns false when refused. */
static bool resolve_image(struct render *r)
{
	struct buf url = BUF_INIT, alt = BUF_INIT;
	bool ok = r->image(r->image_ctx, buf_cstr(&r->image_src),
	                   r->image_src.len, &url) == 0;
	if (ok) {
		/* `<img` stays; the src goes in before ` alt="...`. */
		size_t at = r->alt_tag + 4;
		buf_put(&alt, r->out->data + at, r->out->len - at);
		r->out->len = at;
		put_attr(r, "src", buf_cstr(&url), url.len);
		buf_put(r->out, alt.data, alt.len);
		r->alt_text += r->out->len - at - alt.len;
	} else {
		r->image_refused = true;
	}
	buf_free(&alt);
	buf_free(&url);
	return ok;
}

/* Closes the topmost entry. `matched`: by its own leave event, not because
 * something around it closed. */
static void pop(struct render *r, bool matched)
{
	struct open *e = &r->stack[--r->depth];
	struct buf *o = r->out;
	r->top[e->kind] = e->below;
	if (r->alt_at == r->depth + 1) {
		r->alt_at = 0;
		if (matched && r->image && !resolve_image(r))
			matched = false; /* refused: its text stays */
		if (matched) {
			buf_puts(o, "\" />");
		} else {
			/* Take back `<img src="..." alt="`; the alt text was
			 * escaped, so it stands as element text. */
			size_t n = o->len - r->alt_text;
			memmove(o->data + r->alt_tag, o->data + r->alt_text, n);
			o->len = r->alt_tag + n;
			o->data[o->len] = '\0';
		}
		return;
	}
	if (r->link_at == r->depth + 1)
		r->link_at = 0;
	if (e->close)
		buf_puts(o, e->close);
}

/* Closes every open span. */
static void close_spans(struct render *r)
{
	while (r->depth > 0 && r->stack[r->depth - 1].kind >= KIND_SPAN)
		pop(r, false);
}

/* Closes down to the topmost entry of `kind`, if there is one. */
static void close_to(struct render *r, unsigned kind)
{
	size_t at = r->top[kind];
	if (at == 0)
		return;
	while (r->depth > at)
		pop(r, false);
	pop(r, true);
}

static const char *const heading_close[] = {
        "</h1>\n", "</h2>\n", "</h3>\n", "</h4>\n", "</h5>\n", "</h6>\n",
};

static int enter_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct render *r = data;
	struct buf *o = r->out;
	const char *close = NULL;
	close_spans(r);
	bool show = type == MD_BLOCK_DOC || type == MD_BLOCK_HTML || room(r);
	switch (type) {
	case MD_BLOCK_DOC:
	case MD_BLOCK_HTML:
		break;
	case MD_BLOCK_QUOTE:
		if (show)
			buf_puts(o, "<blockquote>\n");
		close = "</blockquote>\n";
		break;
	case MD_BLOCK_UL:
		if (show)
			buf_puts(o, "<ul>\n");
		close = "</ul>\n";
		break;
	case MD_BLOCK_OL: {
		unsigned start = ((MD_BLOCK_OL_DETAIL *)detail)->start;
		if (show && start == 1)
			buf_puts(o, "<ol>\n");
		else if (show)
			buf_printf(o, "<ol start=\"%u\">\n", start);
		close = "</ol>\n";
		break;
	}
	case MD_BLOCK_LI:
		if (show)
			buf_puts(o, "<li>");
		close = "</li>\n";
		break;
	case MD_BLOCK_HR:
		if (show)
			buf_puts(o, "<hr />\n");
		break;
	case MD_BLOCK_H: {
		int level = (int)((MD_BLOCK_H_DETAIL *)detail)->level +
		            r->heading_offset;
		level = level > 6 ? 6 : level < 1 ? 1 : level;
		if (show)
			buf_printf(o, "<h%d>", level);
		close = heading_close[level - 1];
		break;
	}
	case MD_BLOCK_CODE:
		if (show)
			buf_puts(o, "<pre><code>");
		close = "</code></pre>\n";
		break;
	case MD_BLOCK_P:
		if (show)
			buf_puts(o, "<p>");
		close = "</p>\n";
		break;
	case MD_BLOCK_TABLE:
		if (show)
			buf_puts(o, "<table>\n");
		close = "</table>\n";
		break;
	case MD_BLOCK_THEAD:
		if (show)
			buf_puts(o, "<thead>\n");
		close = "</thead>\n";
		break;
	case MD_BLOCK_TBODY:
		if (show)
			buf_puts(o, "<tbody>\n");
		close = "</tbody>\n";
		break;
	case MD_BLOCK_TR:
		if (show)
			buf_puts(o, "<tr>");
		close = "</tr>\n";
		break;
	case MD_BLOCK_TH:
		if (show)
			buf_printf(
			        o, "<th scope=\"%s\"%s>",
			        r->top[MD_BLOCK_THEAD] ? "col" : "row",
			        align_class(
			                ((MD_BLOCK_TD_DETAIL *)detail)->align));
		close = "</th>";
		break;
	case MD_BLOCK_TD:
		if (show)
			buf_printf(
			        o, "<td%s>",
			        align_class(
			                ((MD_BLOCK_TD_DETAIL *)detail)->align));
		close = "</td>";
		break;
	default:
		return 0; /* a block this md4c cannot send */
	}
	/* A rule is a void element: nothing stays open. */
	if (type != MD_BLOCK_HR)
		push(r, type, show ? close : NULL, show && close);
	return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct render *r = data;
	(void)detail;
	close_spans(r);
	if ((unsigned)type < KIND_SPAN)
		close_to(r, type);
	return 0;
}

static const char *span_tag(MD_SPANTYPE type, bool leave)
{
	switch (type) {
	case MD_SPAN_EM:
		return leave ? "</em>" : "<em>";
	case MD_SPAN_STRONG:
		return leave ? "</strong>" : "<strong>";
	case MD_SPAN_CODE:
		return leave ? "</code>" : "<code>";
	case MD_SPAN_DEL:
		return leave ? "</del>" : "<del>";
	case MD_SPAN_U:
		return leave ? "</u>" : "<u>";
	default:
		return NULL;
	}
}

/* Writes `<a href="..." title="...">` when the link's URL is safe and no
 * link is open; returns whether it did. */
static bool open_link(struct render *r, const MD_SPAN_A_DETAIL *a)
{
	if (r->link_at != 0)
		return false;
	struct buf url = BUF_INIT;
	attr_decode(&url, &a->href);
	bool safe = markdown_url_is_safe(buf_cstr(&url), url.len, true);
	if (safe) {
		buf_puts(r->out, "<a");
		put_attr(r, "href", buf_cstr(&url), url.len);
		if (a->title.size) {
			struct buf t = BUF_INIT;
			attr_decode(&t, &a->title);
			put_attr(r, "title", buf_cstr(&t), t.len);
			buf_free(&t);
		}
		buf_putc(r->out, '>');
	}
	buf_free(&url);
	return safe;
}

/* Writes `<img src="..." alt="` when the image's URL is safe, or the
 * resolver gave its address; returns whether it did. */
static bool open_image(struct render *r, const MD_SPAN_IMG_DETAIL *img)
{
	struct buf url = BUF_INIT;
	attr_decode(&url, &img->src);
	/* With a resolver, the src is written when the image closes. */
	bool safe = r->image ||
	            markdown_url_is_safe(buf_cstr(&url), url.len, false);
	if (safe) {
		r->alt_tag = r->out->len;
		buf_puts(r->out, "<img");
		if (r->image) {
			buf_clear(&r->image_src);
			buf_put(&r->image_src, url.data, url.len);
		} else {
			put_attr(r, "src", buf_cstr(&url), url.len);
		}
		buf_puts(r->out, " alt=\"");
		r->alt_text = r->out->len;
	}
	buf_free(&url);
	return safe;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *data)
{
	struct render *r = data;
	unsigned kind = KIND_SPAN + (unsigned)type;
	if (kind >= KIND_COUNT)
		return 0; /* a span this md4c cannot send */
	const char *tag = span_tag(type, false);
	if (r->alt_at != 0 ||
	    !(tag || type == MD_SPAN_A || type == MD_SPAN_IMG) || !room(r)) {
		push(r, kind, NULL, false); /* text only */
	} else if (type == MD_SPAN_A) {
		bool shown = open_link(r, detail);
		push(r, kind, shown ? "</a>" : NULL, shown);
		if (shown)
			r->link_at = r->depth;
	} else if (type == MD_SPAN_IMG) {
		bool shown = open_image(r, detail);
		push(r, kind, NULL, shown);
		if (shown)
			r->alt_at = r->depth;
	} else {
		buf_puts(r->out, tag);
		push(r, kind, span_tag(type, true), true);
	}
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *data)
{
	struct render *r = data;
	unsigned kind = KIND_SPAN + (unsigned)type;
	(void)detail;
	if (kind < KIND_COUNT)
		close_to(r, kind);
	return 0;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *data)
{
	struct render *r = data;
	struct buf *o = r->out;
	uintptr_t at = (uintptr_t)s, end = (uintptr_t)r->src_end;
	if (at >= (uintptr_t)r->src && at <= end && size > end - at)
		size = (MD_SIZE)(end - at);
	switch (type) {
	case MD_TEXT_NULLCHAR:
		buf_puts(o, replacement);
		break;
	case MD_TEXT_BR:
		buf_puts(o, r->alt_at ? " " : room(r) ? "<br />\n" : "\n");
		break;
	case MD_TEXT_SOFTBR:
		buf_puts(o, r->alt_at ? " " : "\n");
		break;
	case MD_TEXT_ENTITY:
		put_entity(o, s, size, true);
		break;
	default:
		/* Raw HTML (never parsed as such with MD_FLAG_NOHTML) and all
		 * other text is escaped, for element and attribute text alike.
		 */
		escape_xml(o, s, size, true);
		break;
	}
	return 0;
}

/* Refuses the inputs on which md4c 0.4.8 takes quadratic time: brackets
 * nested deep in one paragraph, and many bare web addresses in one. A
 * paragraph never holds a blank line, so counting between blank lines
 * bounds what md4c sees in each paragraph (and in each table). */
static int prescan(const char *s, size_t len)
{
	size_t brackets = 0, links = 0;
	bool blank = true; /* the line so far is blank */
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\n') {
			if (blank)
				brackets = 0, links = 0;
			blank = true;
			continue;
		}
		if (c != ' ' && c != '\t' && c != '\r')
			blank = false;
		if (c == '\\') {
			i++; /* an escaped character is literal */
		} else if (c == '[') {
			if (++brackets > LIMIT_MARKDOWN_BRACKET_DEPTH)
				return MARKDOWN_ERR_BRACKETS;
		} else if (c == ']') {
			if (brackets > 0)
				brackets--;
		} else if ((c == ':' && len - i >= 3 &&
		            memcmp(s + i, "://", 3) == 0) ||
		           ((c == 'w' || c == 'W') && len - i >= 4 &&
		            strncasecmp(s + i, "www.", 4) == 0)) {
			if (++links > LIMIT_MARKDOWN_BARE_LINKS)
				return MARKDOWN_ERR_BARE_LINKS;
		}
	}
	return 0;
}

int markdown_to_html(const char *src, size_t len,
                     const struct markdown_options *opt, struct buf *out)
{
	int refused = prescan(src, len);
	if (refused != 0)
		return refused;
	struct render r = {.out = out,
	                   .heading_offset = opt ? opt->heading_offset : 0,
	                   .image = opt ? opt->image : NULL,
	                   .image_ctx = opt ? opt->image_ctx : NULL};
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
	char *copy = xmalloc(len + SOURCE_PADDING);
	memcpy(copy, src, len);
	memset(copy + len, 0, SOURCE_PADDING);
	r.src = copy;
	r.src_end = copy + len;
	int rc = md_parse(copy, (MD_SIZE)len, &parser, &r);
	/* Whatever md4c left open, and all of it when it gave up. */
	while (r.depth > 0)
		pop(&r, false);
	free(r.stack);
	buf_free(&r.image_src);
	free(copy);
	if (rc != 0)
		return MARKDOWN_ERR_PARSE;
	if (r.too_deep)
		return MARKDOWN_ERR_DEPTH;
	return r.image_refused ? MARKDOWN_ERR_IMAGE : 0;
}

#define TEXT_OF(x) #x
#define NUMBER_TEXT(x) TEXT_OF(x)
#define DEPTH_TEXT NUMBER_TEXT(LIMIT_MARKDOWN_DEPTH)
#define BRACKETS_TEXT NUMBER_TEXT(LIMIT_MARKDOWN_BRACKET_DEPTH)
#define LINKS_TEXT NUMBER_TEXT(LIMIT_MARKDOWN_BARE_LINKS)

const char *markdown_error(int rc)
{
	static const char *const deep =
	        "Markdown nests quotes, lists, tables and emphasis more "
	        "than " DEPTH_TEXT " deep; write it with less nesting";
	static const char *const brackets =
	        "Markdown has square brackets open inside one another more "
	        "than " BRACKETS_TEXT " deep in one paragraph";
	static const char *const links =
	        "Markdown has more than " LINKS_TEXT
	        " web addresses in one paragraph; split it into several";
	switch (rc) {
	case MARKDOWN_ERR_DEPTH:
		return deep;
	case MARKDOWN_ERR_BRACKETS:
		return brackets;
	case MARKDOWN_ERR_BARE_LINKS:
		return links;
	case MARKDOWN_ERR_IMAGE:
		return "an image could not be embedded";
	default:
		return "Markdown could not be rendered";
	}
}
