/* css: the web page's stylesheet, written from the theme's style table.
 *
 * The table's rules come from style sheets that passed theme_check_css,
 * with var() replaced by tokens that were parsed as their type when the
 * theme was loaded and written back from the parsed value (token.c):
 * colours are #rrggbb, numbers are in range and print with %g, font lists
 * are quoted names of letters, digits, spaces and hyphens. Text (the
 * running header's) is only ever written as a CSS string by css_string.
 * So nothing here can break out of a declaration or the style element,
 * and the same tokens give the same bytes. */
#include <string.h>

#include "base/expand.h"
#include "theme/theme.h"

void theme_css(const struct theme *t, struct buf *out)
{
	if (t->css) {
		buf_put(out, t->css, t->css_len);
		return;
	}
	buf_puts(out, "/* The theme's style table: style.css and extra.css "
	              "with brand.yaml's tokens. */\n");
	theme_style_write(&t->style, out);
	buf_printf(out, "@page{size:%gmm %gmm;margin:%gmm %gmm %gmm %gmm;}\n",
	           t->page_width_mm, t->page_height_mm, t->margin_top_mm,
	           t->margin_right_mm, t->margin_bottom_mm, t->margin_left_mm);
}

void theme_css_keep(struct arena *a, struct theme *t)
{
	struct buf b = BUF_INIT;
	theme_css(t, &b);
	t->css = arena_strndup(a, b.data ? b.data : "", b.len);
	t->css_len = b.len;
	buf_free(&b);
}

/* A CSS string literal: quotes, backslashes, angle brackets and control
 * characters become escapes, so text from a report cannot end the string
 * or the style element. */
static void css_string(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '<' || *p == '>' ||
		    *p == '&' || *p < 0x20 || *p == 0x7f)
			buf_printf(out, "\\%x ", *p);
		else
			buf_putc(out, (char)*p);
	}
	buf_putc(out, '"');
}

struct running_fields {
	struct buf *out; /* the content property */
	const struct value *vars;
	bool any; /* a counter was written */
};

/* {page} and {pages} end the string so far and become CSS counters;
 * other names come from the map of strings `vars`, and one it lacks
 * stands for nothing. */
static bool running_field(void *ctx, const char *name, size_t len,
                          struct buf *lit)
{
	struct running_fields *f = ctx;
	const char *counter = NULL;
	if (len == 4 && strncmp(name, "page", 4) == 0)
		counter = "counter(page)";
	else if (len == 5 && strncmp(name, "pages", 5) == 0)
		counter = "counter(pages)";
	if (counter) {
		if (lit->len) {
			css_string(f->out, buf_cstr(lit));
			buf_putc(f->out, ' ');
			buf_clear(lit);
		}
		buf_printf(f->out, "%s ", counter);
		f->any = true;
	} else {
		const struct value *v = value_map_getn(f->vars, name, len);
		if (v && v->text)
			buf_puts(lit, v->text);
	}
	return true;
}

/* Expands the fields of `tmpl` into a CSS content value. */
static void running_content(struct buf *out, const char *tmpl,
                            const struct value *vars)
{
	struct buf lit = BUF_INIT;
	struct running_fields f = {out, vars, false};
	expand_fields(&lit, tmpl, running_field, &f);
	if (lit.len || !f.any)
		css_string(out, buf_cstr(&lit));
	buf_free(&lit);
}

void theme_css_running(const struct theme *t, const struct value *vars,
                       struct buf *out)
{
	static const char *const boxes[2][3] = {
	        {"top-left", "top-center", "top-right"},
	        {"bottom-left", "bottom-center", "bottom-right"}};
	const struct theme_running *r[2] = {&t->header, &t->footer};
	buf_puts(out, "@page{");
	for (int i = 0; i < 2; i++) {
		const char *texts[3] = {r[i]->left, r[i]->center, r[i]->right};
		for (int j = 0; j < 3; j++) {
			if (!texts[j] || !*texts[j])
				continue;
			buf_printf(out, "@%s{content:", boxes[i][j]);
			running_content(out, texts[j], vars);
			buf_printf(out,
			           ";font-family:%s;font-size:%gpt;color:%s;}",
			           t->small.family, t->small.size_pt,
			           t->colors.muted);
		}
	}
	buf_puts(out, "}\n");
}
