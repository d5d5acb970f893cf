/* token: the types of brand.yaml's tokens, parsed and written back.
 *
 * Every token that reaches the page's CSS, an attribute or the PDF is
 * parsed here as its type when the theme loads, and what the theme keeps
 * is written back from the parsed value: a colour as #rrggbb, a font list
 * as quoted names and generic keywords, a number by %g. So the CSS the
 * theme writes holds only text this file produced, never the author's
 * bytes, except in two places that are checked by rules of their own:
 * CSS strings (css.c escapes them) and extra.css (theme_check_css). */
#include "theme/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/expand.h"
#include "base/limits.h"
#include "base/utf8.h"

const char *theme_got(char *out, size_t size, const struct value *v)
{
	if (!v || v->kind == VALUE_NULL) {
		snprintf(out, size, "nothing");
		return out;
	}
	if (!value_is_scalar(v)) {
		snprintf(out, size, "%s", value_kind_name(v->kind));
		return out;
	}
	bool quote = v->kind == VALUE_STRING;
	size_t o = 0;
	if (quote && o + 1 < size)
		out[o++] = '"';
	/* At most about 40 characters of the author's text, whole UTF-8
	 * sequences only, control characters shown as \xNN. */
	size_t shown = 0, i = 0;
	for (; i < v->len && shown < 40; shown++) {
		unsigned char c = (unsigned char)v->text[i];
		size_t n = 1;
		if (c >= 0x80) {
			uint32_t cp;
			n = utf8_decode(v->text + i, v->len - i, &cp);
			if (n == 0)
				n = 1;
		}
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && n == 1)) {
			if (o + 5 >= size)
				break;
			o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
		} else {
			if (o + n + 1 >= size)
				break;
			memcpy(out + o, v->text + i, n);
			o += n;
		}
		i += n;
	}
	if (i < v->len && o + 4 < size) {
		memcpy(out + o, "\xe2\x80\xa6", 3); /* … */
		o += 3;
	}
	if (quote && o + 1 < size)
		out[o++] = '"';
	out[o < size ? o : size - 1] = '\0';
	return out;
}

/* The fields of a running text; the first unknown one is kept in
 * `unknown`, which the lookup also writes the field into. */
static bool running_field(void *ctx, const char *name, size_t len,
                          struct buf *out)
{
	static const char *const known[] = {"council", "committee", "date",
	                                    "title",   "item",      "page",
	                                    "pages"};
	(void)out;
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (strlen(known[i]) == len && memcmp(known[i], name, len) == 0)
			return true;
	struct buf *unknown = ctx;
	if (!unknown->len)
		buf_put(unknown, name, len);
	return false;
}

bool theme_check_running(const struct value *v, const char *path,
                         struct diags *d)
{
	if (!theme_check_text(v, path, d))
		return false;
	struct buf text = BUF_INIT, unknown = BUF_INIT;
	expand_fields(&text, v->text, running_field, &unknown);
	bool ok = unknown.len == 0;
	if (!ok)
		diag_error(d, v->pos,
		           "%s: {%s} is not a field of the running header and "
		           "footer; the fields are {council}, {committee}, "
		           "{date}, {title}, {item}, {page} and {pages}",
		           path, buf_cstr(&unknown));
	buf_free(&text);
	buf_free(&unknown);
	return ok;
}

bool theme_check_text(const struct value *v, const char *path, struct diags *d)
{
	char got[256];
	if (!value_is_scalar(v)) {
		diag_error(d, v->pos, "%s: expected text, got %s", path,
		           theme_got(got, sizeof got, v));
		return false;
	}
	if (v->len > LIMIT_THEME_TEXT_BYTES) {
		diag_error(d, v->pos,
		           "%s: the text is %zu bytes long; a theme's text may "
		           "be at most %d bytes",
		           path, v->len, LIMIT_THEME_TEXT_BYTES);
		return false;
	}
	/* One line of printable text: a control character has no place in
	 * a heading, and is not allowed in the XML the PDF is made from. */
	for (size_t i = 0; i < v->len; i++) {
		unsigned char c = (unsigned char)v->text[i];
		if (c < 0x20 || c == 0x7f) {
			diag_error(d, v->pos,
			           "%s: expected one line of text without "
			           "control characters (found \\x%02x), got %s",
			           path, c, theme_got(got, sizeof got, v));
			return false;
		}
	}
	return true;
}

/* CSS's generic families, written as keywords; every other name is
 * written as a quoted string. */
static const char *const generics[] = {
        "serif",        "sans-serif", "monospace", "cursive",
        "fantasy",      "system-ui",  "ui-serif",  "ui-sans-serif",
        "ui-monospace", "ui-rounded", "math",      "emoji",
        "fangsong",     NULL};

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == ' ' || c == '-';
}

const char *theme_font_list(struct arena *a, const char *s, const char **why)
{
	struct buf out = BUF_INIT;
	size_t names = 0;
	const char *p = s;
	*why = NULL;
	for (;;) {
		size_t n = strcspn(p, ",");
		const char *b = p, *e = p + n;
		while (b < e && *b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		bool quoted =
		        e - b >= 2 && (*b == '"' || *b == '\'') && e[-1] == *b;
		if (quoted) {
			b++;
			e--;
			while (b < e && *b == ' ')
				b++;
			while (e > b && e[-1] == ' ')
				e--;
		}
		if (b == e) {
			*why = "a name is empty";
			goto fail;
		}
		for (const char *q = b; q < e; q++)
			if (!name_char(*q)) {
				*why = "a font name may hold only letters, "
				       "digits, spaces and hyphens";
				goto fail;
			}
		if (++names > LIMIT_THEME_FONT_NAMES) {
			*why = "a font list may name at most "
			       "16 fonts (LIMIT_THEME_FONT_NAMES)";
			goto fail;
		}
		bool generic = false;
		for (int i = 0; generics[i] && !quoted && !generic; i++)
			generic = strlen(generics[i]) == (size_t)(e - b) &&
			          strncmp(generics[i], b, (size_t)(e - b)) == 0;
		if (out.len)
			buf_puts(&out, ", ");
		if (!generic)
			buf_putc(&out, '"');
		/* Runs of spaces are one space, as CSS reads them. */
		for (const char *q = b; q < e; q++)
			if (*q != ' ' || q[-1] != ' ')
				buf_putc(&out, *q);
		if (!generic)
			buf_putc(&out, '"');
		if (!p[n])
			break;
		p += n + 1;
	}
	const char *r = arena_strndup(a, out.data, out.len);
	buf_free(&out);
	return r;
fail:
	buf_free(&out);
	return NULL;
}

/* Style sheets: style.css and extra.css */

/* The line and column (in characters) of byte `at` of `s`. */
static struct pos css_pos(const char *file, const char *s, size_t at)
{
	struct pos p = {file, 1, 1};
	for (size_t i = 0; i < at; i++) {
		if (s[i] == '\n') {
			p.line++;
			p.col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			p.col++;
		}
	}
	return p;
}

/* Functions and at-rules that fetch something (the page is
 * self-contained and loads nothing) and the old script-running
 * expression(). Matched without regard to case outside comments and
 * strings, at the start of a word; a backslash outside a string is
 * refused, so none can be spelt with an escape. */
static const char *const fetches[] = {
        "@import",  "url(",        "image(",      "image-set(",  "src(",
        "element(", "cross-fade(", "expression(", "javascript:", NULL};

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       (unsigned char)c >= 0x80;
}

static bool starts_with_word(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	if (n > len)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[i])
			return false;
	}
	return true;
}

static int css_fail(struct diags *d, const char *file, const char *css,
                    size_t at, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));

static int css_fail(struct diags *d, const char *file, const char *css,
                    size_t at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, DIAG_ERROR, css_pos(file, css, at), fmt, ap);
	va_end(ap);
	return -1;
}

int theme_check_css(const char *file, const char *css, size_t len,
                    struct diags *d)
{
	/* Messages name the sheet by its own name (style.css, extra.css). */
	const char *slash = strrchr(file, '/');
	const char *name = slash ? slash + 1 : file;
	size_t bad = utf8_validate(css, len);
	if (bad < len)
		return css_fail(d, file, css, bad,
		                "%s is not UTF-8 text (a bad byte "
		                "\\x%02x here)",
		                name, (unsigned char)css[bad]);
	/* No "<" and no "&" anywhere, comments and strings included: the
	 * style element is raw text to an HTML parser, but the PDF path
	 * reads the page as XML, where "&" starts an entity and "<" a tag. */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)css[i];
		if (c == '<')
			return css_fail(d, file, css, i,
			                "\"<\" is not allowed in %s: "
			                "it could end the page's style "
			                "element (inside a string, write \\3c "
			                "instead)",
			                name);
		if (c == '&')
			return css_fail(d, file, css, i,
			                "\"&\" is not allowed in %s: "
			                "the page is also read as XML (inside "
			                "a string, write \\26 instead)",
			                name);
		if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r' &&
		     c != '\f') ||
		    c == 0x7f)
			return css_fail(d, file, css, i,
			                "a control character (\\x%02x) is not "
			                "allowed in %s",
			                c, name);
	}
	size_t depth = 0, outer = 0;
	for (size_t i = 0; i < len; i++) {
		char c = css[i];
		if (c == '/' && i + 1 < len && css[i + 1] == '*') {
			size_t j = i + 2;
			while (j + 1 < len &&
			       !(css[j] == '*' && css[j + 1] == '/'))
				j++;
			if (j + 1 >= len)
				return css_fail(d, file, css, i,
				                "this comment is never closed "
				                "with \"*/\"");
			i = j + 1;
		} else if (c == '"' || c == '\'') {
			size_t j = i + 1;
			for (; j < len && css[j] != c; j++) {
				if (css[j] == '\n' || css[j] == '\r' ||
				    css[j] == '\f')
					return css_fail(d, file, css, i,
					                "this string is not "
					                "closed on its line");
				if (css[j] == '\\')
					j++;
			}
			if (j >= len)
				return css_fail(d, file, css, i,
				                "this string is never closed");
			i = j;
		} else if (c == '\\') {
			return css_fail(d, file, css, i,
			                "a backslash is allowed in %s "
			                "only inside a string",
			                name);
		} else if (c == '{') {
			if (depth++ == 0)
				outer = i;
		} else if (c == '}') {
			if (depth == 0)
				return css_fail(d, file, css, i,
				                "this \"}\" closes no \"{\"");
			depth--;
		} else if (i == 0 || !word_char(css[i - 1])) {
			for (int k = 0; fetches[k]; k++)
				if (starts_with_word(css + i, len - i,
				                     fetches[k]))
					return css_fail(
					        d, file, css, i,
					        "\"%s\" is not allowed in "
					        "%s: the page is "
					        "self-contained and loads "
					        "nothing",
					        fetches[k], name);
		}
	}
	if (depth)
		return css_fail(d, file, css, outer,
		                "this \"{\" is never closed");
	return 0;
}
