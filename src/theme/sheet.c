/* sheet: a theme's style sheet (CSS) parsed into one list of rules.
 *
 * The default theme's style.css and a council's extra.css are read here
 * into struct theme_rule: a selector list, the media it applies to and its
 * declarations, each declaration with its file:line:col. This is the one
 * style table: theme_css writes it out as the web page's CSS and the paper
 * module hands the rules for all media and for print to the layout engine.
 *
 * The language is a subset of CSS (docs/themes.md): rules `SELECTORS {
 * property: value; ... }`, comments, and `@media QUERY { rules }` one
 * level deep; no other at-rule. Every `var(--token)` in a value is replaced
 * by the brand.yaml token of that name when the sheet is read, so the page
 * carries plain values. Each file has passed theme_check_css before it is
 * parsed, but the parser does not rely on it: it stops at the first
 * problem with an error at its position. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/limits.h"
#include "theme/internal.h"

struct lex {
	const char *file;
	const char *s;
	size_t len, i;
	int line, col;
};

static struct pos here(const struct lex *x)
{
	return (struct pos){x->file, x->line, x->col};
}

static void step(struct lex *x)
{
	if (x->i >= x->len)
		return;
	if (x->s[x->i] == '\n') {
		x->line++;
		x->col = 1;
	} else if (((unsigned char)x->s[x->i] & 0xC0) != 0x80) {
		/* A UTF-8 continuation byte does not start a column. */
		x->col++;
	}
	x->i++;
}

static int peek(const struct lex *x, size_t ahead)
{
	return x->i + ahead < x->len ? (unsigned char)x->s[x->i + ahead] : -1;
}

/* Skips white space and comments; -1 on an unclosed comment. */
static int skip(struct lex *x, struct diags *d)
{
	for (;;) {
		int c = peek(x, 0);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f') {
			step(x);
		} else if (c == '/' && peek(x, 1) == '*') {
			struct pos at = here(x);
			step(x);
			step(x);
			while (x->i < x->len &&
			       !(peek(x, 0) == '*' && peek(x, 1) == '/'))
				step(x);
			if (x->i >= x->len) {
				diag_error(d, at,
				           "this comment is never closed; "
				           "expected */");
				return -1;
			}
			step(x);
			step(x);
		} else {
			return 0;
		}
	}
}

/* Reads up to one of `stops` at depth 0 outside strings and comments into
 * `b` (squeezed, comments left out). Returns the stop character, or -1 at
 * the end of the text or on an unclosed string (with an error). */
static int read_until(struct lex *x, const char *stops, struct buf *b,
                      struct diags *d)
{
	int depth = 0;
	bool space = false; /* white space or a comment before the next */
	for (;;) {
		int c = peek(x, 0);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f') {
			space = b->len > 0;
			step(x);
			continue;
		}
		if (c < 0)
			return -1;
		if (c == 0) {
			diag_error(d, here(x),
			           "a NUL byte; a style sheet is text");
			return -2;
		}
		if (depth == 0 && strchr(stops, c))
			return c;
		if (c == '/' && peek(x, 1) == '*') {
			if (skip(x, d) != 0)
				return -2;
			space = b->len > 0;
			continue;
		}
		if (space && !(depth == 0 && strchr(stops, c)))
			buf_putc(b, ' ');
		space = false;
		if (c == '"' || c == '\'') {
			struct pos at = here(x);
			size_t from = x->i;
			step(x);
			while (x->i < x->len && peek(x, 0) != c &&
			       peek(x, 0) != '\n') {
				if (peek(x, 0) == '\\')
					step(x);
				step(x);
			}
			if (peek(x, 0) != c) {
				diag_error(
				        d, at,
				        "this string is never closed; expected "
				        "%c before the end of the line",
				        c);
				return -2;
			}
			step(x);
			buf_put(b, x->s + from, x->i - from);
			continue;
		}
		if (c == '(' || c == '[')
			depth++;
		else if ((c == ')' || c == ']') && depth > 0)
			depth--;
		else if (c == '{' || c == '}' || c == ';')
			return c; /* a stop the caller did not expect */
		buf_putc(b, (char)c);
		step(x);
	}
}

static void trim(struct buf *b)
{
	while (b->len && b->data[b->len - 1] == ' ')
		b->len--;
}

static bool is_property(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '-' ||
		      (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

static const char *got(char *out, size_t size, const char *s)
{
	if (!*s)
		return "nothing";
	snprintf(out, size, "\"%.40s%s\"", s, strlen(s) > 40 ? "…" : "");
	return out;
}

/* Replaces each var(--name) of `v` by the token's CSS text. */
static const char *resolve(struct arena *a, const struct theme *t,
                           const char *v, struct pos pos, struct diags *d)
{
	if (!strstr(v, "var("))
		return arena_strndup(a, v, strlen(v));
	struct buf b = BUF_INIT;
	const char *p = v;
	for (const char *q; (q = strstr(p, "var(")) != NULL;) {
		buf_put(&b, p, (size_t)(q - p));
		const char *n = q + 4;
		while (*n == ' ')
			n++;
		size_t len = 0;
		while (n[len] && n[len] != ')' && n[len] != ' ' &&
		       n[len] != ',')
			len++;
		const char *e = n + len;
		while (*e == ' ')
			e++;
		const char *tok = NULL;
		if (*e == ')' && len > 2 && n[0] == '-' && n[1] == '-')
			tok = theme_token_css(a, t, n + 2, len - 2);
		if (!tok) {
			char name[64];
			snprintf(name, sizeof name, "%.*s",
			         (int)(len < 60 ? len : 60), n);
			diag_error(d, pos,
			           "var(%s): not a brand.yaml token; expected "
			           "var(--NAME) with NAME a token of "
			           "docs/themes.md, such as var(--link) or "
			           "var(--grade-good-background)",
			           name);
			buf_free(&b);
			return NULL;
		}
		buf_puts(&b, tok);
		p = e + 1;
	}
	buf_puts(&b, p);
	const char *out = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return out;
}

/* `name` with '_' spelt '-', as CSS names are. */
static bool same_name(const char *css, size_t len, const char *prefix,
                      const char *name, const char *suffix)
{
	char b[96];
	int n = snprintf(b, sizeof b, "%s%s%s", prefix, name, suffix);
	if (n < 0 || (size_t)n != len)
		return false;
	for (int i = 0; i < n; i++)
		if ((b[i] == '_' ? '-' : b[i]) != css[i])
			return false;
	return true;
}

const char *theme_token_css(struct arena *a, const struct theme *t,
                            const char *name, size_t len)
{
	const struct theme_colors *c = &t->colors;
	const struct {
		const char *name, *value;
	} colors[] = {
	        {"text", c->text},
	        {"background", c->background},
	        {"heading", c->heading},
	        {"accent", c->accent},
	        {"link", c->link},
	        {"link_visited", c->link_visited},
	        {"focus", c->focus},
	        {"muted", c->muted},
	        {"rule", c->rule},
	        {"table_head_background", c->table_head_background},
	        {"table_head_text", c->table_head_text},
	        {"table_stripe", c->table_stripe},
	        {"header_background", c->header_background},
	        {"header_text", c->header_text},
	};
	for (size_t i = 0; i < sizeof colors / sizeof *colors; i++)
		if (same_name(name, len, "", colors[i].name, ""))
			return colors[i].value;
	size_t ng, ns;
	const struct vocabulary_entry *g =
	        vocabulary_entries(VOCABULARY_GRADE, &ng);
	const struct vocabulary_entry *st =
	        vocabulary_entries(VOCABULARY_STATUS, &ns);
	for (size_t i = 0; i < ng; i++) {
		if (same_name(name, len, "grade-", g[i].id, "-background"))
			return t->grades[i].background;
		if (same_name(name, len, "grade-", g[i].id, "-text"))
			return t->grades[i].text;
	}
	for (size_t i = 0; i < ns; i++) {
		if (same_name(name, len, "status-", st[i].id, "-background"))
			return t->statuses[i].background;
		if (same_name(name, len, "status-", st[i].id, "-text"))
			return t->statuses[i].text;
	}
	const struct {
		const char *name;
		const struct theme_font *f;
	} fonts[] = {{"body", &t->body},
	             {"heading", &t->heading},
	             {"small", &t->small}};
	char b[64];
	for (size_t i = 0; i < 3; i++) {
		const struct theme_font *f = fonts[i].f;
		if (same_name(name, len, fonts[i].name, "", "-family"))
			return f->family;
		if (same_name(name, len, fonts[i].name, "", "-weight"))
			return f->weight;
		if (same_name(name, len, fonts[i].name, "", "-size")) {
			snprintf(b, sizeof b, "%gpt", f->size_pt);
			return arena_strndup(a, b, strlen(b));
		}
		/* The same size relative to the reader's default (16px,
		 * 12pt, is 1rem), for the web page. */
		if (same_name(name, len, fonts[i].name, "", "-size-rem")) {
			snprintf(b, sizeof b, "%.4grem", f->size_pt / 12);
			return arena_strndup(a, b, strlen(b));
		}
		if (same_name(name, len, fonts[i].name, "", "-line-height")) {
			snprintf(b, sizeof b, "%g", f->line_height);
			return arena_strndup(a, b, strlen(b));
		}
	}
	if (same_name(name, len, "logo-width", "", "") && t->logo_width_mm) {
		snprintf(b, sizeof b, "%smm", t->logo_width_mm);
		return arena_strndup(a, b, strlen(b));
	}
	return NULL;
}

static void add_rule(struct arena *a, struct theme_style *s,
                     const struct theme_rule *r)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct theme_rule *nr = arena_alloc(a, cap * sizeof *nr);
		if (s->n)
			memcpy(nr, s->rules, s->n * sizeof *nr);
		s->rules = nr;
		s->cap = cap;
	}
	s->rules[s->n++] = *r;
}

/* One rule's declarations, after its "{", through its "}". */
static int read_block(struct arena *a, const struct theme *t, struct lex *x,
                      struct theme_rule *r, struct diags *d)
{
	struct theme_decl tmp[LIMIT_THEME_DECLS];
	size_t n = 0;
	char g[64];
	for (;;) {
		if (skip(x, d) != 0)
			return -1;
		int c = peek(x, 0);
		if (c == '}') {
			step(x);
			break;
		}
		if (c == ';') {
			step(x);
			continue;
		}
		if (c < 0) {
			diag_error(
			        d, r->pos,
			        "the rule \"%s\" is never closed; expected }",
			        r->selector);
			return -1;
		}
		struct pos at = here(x);
		struct buf name = BUF_INIT;
		int stop = read_until(x, ":;{}", &name, d);
		trim(&name);
		if (stop == -2) {
			buf_free(&name);
			return -1;
		}
		if (stop != ':' || !is_property(buf_cstr(&name))) {
			diag_error(d, at,
			           "expected a declaration `property: value`, "
			           "got %s",
			           got(g, sizeof g, buf_cstr(&name)));
			buf_free(&name);
			return -1;
		}
		step(x);
		if (skip(x, d) != 0) {
			buf_free(&name);
			return -1;
		}
		struct pos vat = here(x);
		struct buf val = BUF_INIT;
		stop = read_until(x, ";}", &val, d);
		trim(&val);
		if (stop == -2 || stop == '{' || stop < 0 || !val.len) {
			if (stop != -2)
				diag_error(d, vat,
				           "%s: expected a value and then ; or "
				           "}, got %s",
				           buf_cstr(&name),
				           stop < 0      ? "the end of the file"
				           : stop == '{' ? "{"
				                         : "nothing");
			buf_free(&name);
			buf_free(&val);
			return -1;
		}
		if (n == LIMIT_THEME_DECLS) {
			diag_error(d, at,
			           "more than %d declarations in one rule",
			           LIMIT_THEME_DECLS);
			buf_free(&name);
			buf_free(&val);
			return -1;
		}
		const char *v = resolve(a, t, buf_cstr(&val), vat, d);
		if (v)
			tmp[n++] = (struct theme_decl){
			        arena_strndup(a, name.data, name.len), v, at};
		buf_free(&name);
		buf_free(&val);
		if (!v)
			return -1;
	}
	r->decls = arena_alloc(a, (n ? n : 1) * sizeof *r->decls);
	memcpy(r->decls, tmp, n * sizeof *tmp);
	r->ndecls = n;
	return 0;
}

static enum theme_media media_of(const char *q)
{
	if (strcmp(q, "print") == 0)
		return THEME_MEDIA_PRINT;
	if (strcmp(q, "screen") == 0)
		return THEME_MEDIA_SCREEN;
	if (strcmp(q, "all") == 0)
		return THEME_MEDIA_ALL;
	return THEME_MEDIA_OTHER;
}

int theme_style_parse(struct arena *a, const struct theme *t, const char *file,
                      const char *css, size_t len, struct theme_style *out,
                      struct diags *d)
{
	struct lex x = {file, css, len, 0, 1, 1};
	enum theme_media media = THEME_MEDIA_ALL;
	const char *query = NULL;
	struct pos media_at = {0};
	char g[64];
	for (;;) {
		if (skip(&x, d) != 0)
			return -1;
		int c = peek(&x, 0);
		if (c < 0)
			break;
		struct pos at = here(&x);
		if (c == '}' && query) {
			step(&x);
			media = THEME_MEDIA_ALL;
			query = NULL;
			continue;
		}
		struct buf head = BUF_INIT;
		int stop = read_until(&x, "{;}", &head, d);
		trim(&head);
		const char *h = buf_cstr(&head);
		if (stop == -2) {
			buf_free(&head);
			return -1;
		}
		if (h[0] == '@') {
			bool is_media =
			        strncmp(h, "@media ", 7) == 0 && h[7] != '\0';
			if (!is_media || stop != '{' || query) {
				diag_error(d, at,
				           "%s: expected a rule or @media "
				           "QUERY { rules } (one level deep; "
				           "clerk reads no other at-rule)",
				           got(g, sizeof g, h));
				buf_free(&head);
				return -1;
			}
			query = arena_strndup(a, h + 7, head.len - 7);
			media = media_of(query);
			media_at = at;
			step(&x);
			buf_free(&head);
			continue;
		}
		if (stop != '{' || !head.len) {
			diag_error(d, at,
			           "expected a selector and then {, got %s",
			           head.len      ? got(g, sizeof g, h)
			           : stop < 0    ? "the end of the file"
			           : stop == '{' ? "{"
			           : stop == '}' ? "}"
			                         : ";");
			buf_free(&head);
			return -1;
		}
		step(&x);
		struct theme_rule r = {0};
		/* A selector list as written, ", " between its members. */
		struct buf sel = BUF_INIT;
		for (const char *p = h;;) {
			size_t n = strcspn(p, ",");
			const char *s = p, *e = p + n;
			while (s < e && *s == ' ')
				s++;
			while (e > s && e[-1] == ' ')
				e--;
			if (s == e) {
				diag_error(d, at,
				           "%s: a selector list has an empty "
				           "member",
				           got(g, sizeof g, h));
				buf_free(&sel);
				buf_free(&head);
				return -1;
			}
			if (sel.len)
				buf_putc(&sel, ',');
			buf_put(&sel, s, (size_t)(e - s));
			if (!p[n])
				break;
			p += n + 1;
		}
		r.selector = arena_strndup(a, sel.data, sel.len);
		buf_free(&sel);
		buf_free(&head);
		r.media = media;
		r.query = query;
		r.pos = at;
		if (read_block(a, t, &x, &r, d) != 0)
			return -1;
		if (out->n >= LIMIT_THEME_RULES) {
			diag_error(d, at, "more than %d style rules",
			           LIMIT_THEME_RULES);
			return -1;
		}
		add_rule(a, out, &r);
	}
	if (query) {
		diag_error(d, media_at,
		           "this @media block is never closed; expected }");
		return -1;
	}
	return 0;
}

void theme_style_write(const struct theme_style *s, struct buf *out)
{
	const char *open = NULL; /* the query of the open @media block */
	for (size_t i = 0; i < s->n; i++) {
		const struct theme_rule *r = &s->rules[i];
		/* clerk's own properties (`-clerk-hang`) are the PDF's;
		 * a rule of nothing else is not written. */
		size_t own = 0;
		for (size_t j = 0; j < r->ndecls; j++)
			own += strncmp(r->decls[j].name, "-clerk-", 7) == 0;
		if (r->ndecls && own == r->ndecls)
			continue;
		const char *q = r->media == THEME_MEDIA_ALL ? NULL : r->query;
		if (open && (!q || strcmp(q, open) != 0)) {
			buf_puts(out, "}\n");
			open = NULL;
		}
		if (q && !open) {
			buf_printf(out, "@media %s{\n", q);
			open = q;
		}
		buf_printf(out, "%s{", r->selector);
		for (size_t j = 0; j < r->ndecls; j++)
			if (strncmp(r->decls[j].name, "-clerk-", 7) != 0)
				buf_printf(out, "%s:%s;", r->decls[j].name,
				           r->decls[j].value);
		buf_puts(out, "}\n");
	}
	if (open)
		buf_puts(out, "}\n");
}
