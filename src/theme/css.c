/* css: the web page's stylesheet, generated from the theme's tokens.
 *
 * Every value that comes from brand.yaml was parsed as its type when the
 * theme was loaded and written back from the parsed value (token.c):
 * colours are #rrggbb, numbers are in range and print with %g, font lists
 * are quoted names of letters, digits, spaces and hyphens. Text (the
 * running header's) is only ever written as a CSS string by css_string,
 * and extra.css passed theme_check_css. So nothing here can break out of
 * a declaration or the style element, and the same tokens give the same
 * bytes. */
#include <string.h>

#include "base/expand.h"
#include "theme/theme.h"

static void rule(struct buf *out, const char *selector, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static void rule(struct buf *out, const char *selector, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_printf(out, "%s{", selector);
	buf_vprintf(out, fmt, ap);
	buf_puts(out, "}\n");
	va_end(ap);
}

static void font(struct buf *out, const char *selector,
                 const struct theme_font *f)
{
	rule(out, selector, "font-family:%s;font-size:%gpt;line-height:%g;",
	     f->family, f->size_pt, f->line_height);
	if (strcmp(f->weight, "bold") == 0)
		rule(out, selector, "font-weight:bold;");
}

void theme_css(const struct theme *t, struct buf *out)
{
	const struct theme_colors *c = &t->colors;
	buf_puts(out, "/* Generated from the theme's brand.yaml. */\n");
	rule(out, ":root", "color-scheme:light;");
	rule(out, "html", "background:%s;color:%s;", c->background, c->text);
	font(out, "body", &t->body);
	rule(out, "body", "margin:0 auto;max-width:50em;padding:0 1.25em 3em;");
	font(out, "h1,h2,h3,h4,h5,h6", &t->heading);
	rule(out, "h1,h2,h3,h4,h5,h6",
	     "color:%s;margin:1.4em 0 .5em;break-after:avoid;", c->heading);
	rule(out, "h1", "font-size:1.75em;margin-top:.6em;");
	rule(out, "h2",
	     "font-size:1.35em;border-bottom:1px solid %s;"
	     "padding-bottom:.2em;",
	     c->rule);
	rule(out, "h3", "font-size:1.15em;");
	rule(out, "h4,h5,h6", "font-size:1em;");
	rule(out, "a", "color:%s;text-decoration:underline;", c->link);
	rule(out, "a:visited", "color:%s;", c->link_visited);
	rule(out, "a:focus",
	     "outline:3px solid %s;outline-offset:0;background:%s;color:%s;",
	     c->text, c->focus, c->text);
	rule(out, ".skip-link",
	     "position:absolute;left:-9999em;top:0;padding:.5em 1em;");
	rule(out, ".skip-link:focus", "left:0;z-index:10;");
	font(out, ".small,.running,figcaption", &t->small);
	rule(out, ".visually-hidden",
	     "position:absolute;width:1px;height:1px;margin:-1px;padding:0;"
	     "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;");
	rule(out, "ul.plain,ol.plain,ol.marked",
	     "list-style:none;padding-left:0;margin:.25em 0;");
	rule(out, "ol.marked li", "padding-left:2.5em;text-indent:-2.5em;");
	rule(out, ".marker",
	     "display:inline-block;min-width:2.5em;text-indent:0;");
	rule(out, ".muted", "color:%s;", c->muted);
	rule(out, "time,.nowrap", "white-space:nowrap;");

	/* The masthead and the header block. */
	rule(out, ".masthead",
	     "display:flex;align-items:center;justify-content:space-between;"
	     "gap:1em;background:%s;color:%s;padding:.75em 1em;margin:0 "
	     "-1.25em "
	     "1em;",
	     c->header_background, c->header_text);
	rule(out, ".masthead img", "width:%smm;max-width:40%%;height:auto;",
	     t->logo_width_mm);
	rule(out, ".masthead .council", "font-weight:bold;font-size:1.1em;");
	rule(out, ".committee", "font-size:1.15em;font-weight:bold;margin:0;");
	rule(out, ".header-block",
	     "border-collapse:collapse;width:100%%;margin:1em 0 1.5em;");
	rule(out, ".header-block th,.header-block td",
	     "border:1px solid %s;padding:.35em .6em;text-align:left;"
	     "vertical-align:top;",
	     c->rule);
	rule(out, ".header-block th",
	     "width:30%%;background:%s;color:%s;font-weight:bold;",
	     c->table_head_background, c->table_head_text);

	/* Numbered paragraphs hang their number in the margin. */
	rule(out, ".numbered > p,.numbered > .para",
	     "padding-left:3.5em;text-indent:-3.5em;");
	rule(out, ".pn",
	     "display:inline-block;min-width:3.5em;text-indent:0;"
	     "font-weight:bold;");
	rule(out,
	     ".numbered > ul,.numbered > ol,.numbered > table,"
	     ".numbered > .table-wrap,.numbered > blockquote",
	     "margin-left:3.5em;");
	rule(out, "h2 .hn,h3 .hn,h4 .hn", "margin-right:.6em;");

	/* Tables. */
	rule(out, "table",
	     "border-collapse:collapse;width:100%%;"
	     "margin:.75em 0 1.25em;");
	rule(out, "caption",
	     "text-align:left;font-weight:bold;padding:.3em 0;color:%s;",
	     c->heading);
	rule(out, "th,td",
	     "border:1px solid %s;padding:.4em .5em;vertical-align:top;"
	     "text-align:left;",
	     c->rule);
	rule(out, "thead th,th[scope=\"col\"]", "background:%s;color:%s;",
	     c->table_head_background, c->table_head_text);
	rule(out, "tbody tr:nth-child(even) td", "background:%s;",
	     c->table_stripe);
	rule(out, "td > p:first-child,th > p:first-child", "margin-top:0;");
	rule(out, "td > p:last-child,td > ul:last-child", "margin-bottom:0;");
	rule(out, "td ul", "padding-left:1.2em;");
	rule(out, ".table-wrap", "overflow-x:auto;");

	/* Grade and status badges. */
	rule(out, ".badge",
	     "display:inline-block;padding:.1em .45em;border-radius:.2em;"
	     "font-weight:bold;white-space:nowrap;");
	size_t ng, ns;
	const struct vocabulary_entry *g =
	        vocabulary_entries(VOCABULARY_GRADE, &ng);
	const struct vocabulary_entry *st =
	        vocabulary_entries(VOCABULARY_STATUS, &ns);
	for (size_t i = 0; i < ng; i++) {
		char sel[96];
		snprintf(sel, sizeof sel, ".%s", g[i].badge);
		rule(out, sel, "background:%s;color:%s;",
		     t->grades[i].background, t->grades[i].text);
	}
	for (size_t i = 0; i < ns; i++) {
		char sel[96];
		snprintf(sel, sizeof sel, ".%s", st[i].badge);
		rule(out, sel, "background:%s;color:%s;",
		     t->statuses[i].background, t->statuses[i].text);
	}
	rule(out, ".change", "white-space:nowrap;");

	/* Findings, recommendations, the plan. */
	rule(out, ".findings",
	     "display:grid;grid-template-columns:1fr 1fr;gap:0 1.5em;");
	rule(out, ".findings h4", "margin-top:.6em;");
	rule(out, ".priority", "margin:1.5em 0;");
	rule(out, ".priority h3 .pid", "color:%s;", c->muted);
	rule(out, ".meta", "color:%s;margin:.25em 0;", c->muted);
	rule(out, "dl.contact",
	     "display:grid;grid-template-columns:max-content"
	     " 1fr;gap:.2em 1em;");
	rule(out, "dl.contact dt", "font-weight:bold;");
	rule(out, "dl.contact dd", "margin:0;");
	rule(out, ".glossary dt", "font-weight:bold;margin-top:.6em;");
	rule(out, ".glossary dd", "margin-left:0;");
	rule(out, ".appendix", "border-top:3px solid %s;margin-top:3em;",
	     c->accent);
	rule(out, "footer.page-footer",
	     "border-top:1px solid %s;margin-top:3em;padding-top:.5em;"
	     "color:%s;",
	     c->rule, c->muted);
	rule(out, "nav.contents ol", "padding-left:1.5em;");
	/* Links in the contents are touch targets of at least 24px. */
	rule(out, "nav.contents li a",
	     "display:inline-block;min-height:24px;line-height:24px;");
	rule(out, "nav.contents",
	     "border:1px solid %s;padding:0 1em;"
	     "margin:1em 0;",
	     c->rule);

	/* Narrow screens: one column. */
	buf_puts(out, "@media (max-width:40em){");
	rule(out, ".findings", "grid-template-columns:1fr;");
	rule(out, ".numbered > p,.numbered > .para",
	     "padding-left:0;text-indent:0;");
	rule(out, ".numbered > ul,.numbered > ol,.numbered > table",
	     "margin-left:0;");
	buf_puts(out, "}\n");

	/* Paper: the theme's page, no screen furniture, links spelt out. */
	buf_puts(out, "@media print{");
	rule(out, "body", "max-width:none;padding:0;");
	rule(out, ".skip-link,nav.contents", "display:none;");
	rule(out, ".masthead", "margin:0 0 1em;");
	rule(out, "table,figure,.priority", "break-inside:auto;");
	rule(out, "tr,img", "break-inside:avoid;");
	rule(out, "thead", "display:table-header-group;");
	rule(out, "a", "color:%s;", c->text);
	rule(out, ".appendix", "break-before:page;");
	buf_puts(out, "}\n");
	buf_printf(out, "@page{size:%gmm %gmm;margin:%gmm %gmm %gmm %gmm;}\n",
	           t->page_width_mm, t->page_height_mm, t->margin_top_mm,
	           t->margin_right_mm, t->margin_bottom_mm, t->margin_left_mm);
	if (t->extra_css && *t->extra_css) {
		buf_puts(out, "/* extra.css */\n");
		buf_puts(out, t->extra_css);
		if (out->len && out->data[out->len - 1] != '\n')
			buf_putc(out, '\n');
	}
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
	bool any;        /* a counter was written */
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
