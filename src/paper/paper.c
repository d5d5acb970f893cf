/* paper: struct layout_style and struct pdf_info from a theme.
 *
 * The rules follow the web page's stylesheet (theme/css.c) so the PDF and
 * the page agree: heading sizes are the same multiples of the heading
 * font, tables have the same heads and rules, badges the same colours, and
 * what the print stylesheet hides (the skip link, the contents list) is
 * not drawn. The theme's own `print.styles` come last, so they win. */
#include "paper/paper.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/color.h"
#include "base/expand.h"

#define LIB "/usr/share/fonts/truetype/liberation2/"
#define DJV "/usr/share/fonts/truetype/dejavu/"

/* The TrueType families clerk embeds, and the CSS names that pick them.
 * Arial, Helvetica, Times and Courier map to their metric-compatible
 * Liberation faces. */
static const struct {
	const char *css[6];
	struct layout_family family;
} families[] = {
        {{"liberation sans", "arial", "helvetica", "helvetica neue",
          "sans-serif", NULL},
         {"Liberation Sans", LIB "LiberationSans-Regular.ttf",
          LIB "LiberationSans-Bold.ttf", LIB "LiberationSans-Italic.ttf",
          LIB "LiberationSans-BoldItalic.ttf"}},
        {{"liberation serif", "times new roman", "times", "georgia", "serif",
          NULL},
         {"Liberation Serif", LIB "LiberationSerif-Regular.ttf",
          LIB "LiberationSerif-Bold.ttf", LIB "LiberationSerif-Italic.ttf",
          LIB "LiberationSerif-BoldItalic.ttf"}},
        {{"liberation mono", "courier new", "courier", "monospace", NULL},
         {"Liberation Mono", LIB "LiberationMono-Regular.ttf",
          LIB "LiberationMono-Bold.ttf", LIB "LiberationMono-Italic.ttf",
          LIB "LiberationMono-BoldItalic.ttf"}},
        {{"dejavu sans", "verdana", "tahoma", NULL},
         {"DejaVu Sans", DJV "DejaVuSans.ttf", DJV "DejaVuSans-Bold.ttf",
          DJV "DejaVuSans-Oblique.ttf", DJV "DejaVuSans-BoldOblique.ttf"}},
        {{"dejavu serif", NULL},
         {"DejaVu Serif", DJV "DejaVuSerif.ttf", DJV "DejaVuSerif-Bold.ttf",
          DJV "DejaVuSerif-Italic.ttf", DJV "DejaVuSerif-BoldItalic.ttf"}},
};

/* The first name in the CSS list `list` that clerk has a family for;
 * Liberation Sans when none. */
static size_t family_for(const char *list)
{
	for (const char *p = list ? list : ""; *p;) {
		size_t n = strcspn(p, ",");
		const char *s = p, *e = p + n;
		while (s < e && strchr(" \t'\"", *s))
			s++;
		while (e > s && strchr(" \t'\"", e[-1]))
			e--;
		for (size_t i = 0; i < sizeof families / sizeof *families; i++)
			for (int j = 0; families[i].css[j]; j++)
				if (strlen(families[i].css[j]) ==
				            (size_t)(e - s) &&
				    strncasecmp(families[i].css[j], s,
				                (size_t)(e - s)) == 0)
					return i;
		p += n + (p[n] == ',');
	}
	return 0;
}

/* The style's family index for a CSS font list, adding it when there is
 * room (index 1 stays the DejaVu Sans fallback). */
static int family_index(struct layout_style *st, const char *list)
{
	const struct layout_family *f = &families[family_for(list)].family;
	for (int i = 0; i < st->nfamilies; i++)
		if (strcmp(st->families[i].name, f->name) == 0)
			return i;
	if (st->nfamilies == LAYOUT_MAX_FAMILIES)
		return 0;
	st->families[st->nfamilies] = *f;
	return st->nfamilies++;
}

/* A colour the theme has checked; black when there is none. */
static uint32_t rgb(const char *hex)
{
	uint32_t c = 0;
	color_parse(hex, &c);
	return c;
}

static const char *text_at(const struct value *v, const char *a, const char *b)
{
	const struct value *m = value_map_get(v, a);
	if (b)
		m = m ? value_map_get(m, b) : NULL;
	return m && m->text && *m->text ? m->text : NULL;
}

struct rules {
	struct arena *a;
	struct layout_rule *r;
	size_t n, cap;
};

static struct layout_props *add(struct rules *rs, const char *sel, unsigned set)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 64;
		struct layout_rule *r = arena_alloc(rs->a, cap * sizeof *r);
		if (rs->n)
			memcpy(r, rs->r, rs->n * sizeof *r);
		rs->r = r;
		rs->cap = cap;
	}
	struct layout_rule *r = &rs->r[rs->n++];
	memset(r, 0, sizeof *r);
	r->selector = sel;
	r->set = set;
	return &r->p;
}

/* Replaces {council}, {committee}, {date}, {title} and {item} with this
 * report's words; {page} and {pages} stay for the layout to fill. */
static const char *running_text(struct arena *a, const char *tmpl,
                                const char *const vars[][2])
{
	if (!tmpl || !*tmpl)
		return NULL;
	struct buf b = BUF_INIT;
	expand_fields(&b, tmpl, expand_pairs, (void *)vars);
	const char *out = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

static void running(struct arena *a, const struct theme_running *in,
                    const char *const vars[][2], struct layout_running *out)
{
	out->left = running_text(a, in->left, vars);
	out->center = running_text(a, in->center, vars);
	out->right = running_text(a, in->right, vars);
}

static double number(const struct value *v)
{
	return v->kind == VALUE_INT ? (double)v->as.i : v->as.n;
}

/* One `print.styles` rule, already checked by the theme. */
static void print_rule(struct rules *rs, struct layout_style *st,
                       const struct theme_print_style *ps)
{
	struct layout_props *p = add(rs, ps->selector, 0);
	unsigned *set = &rs->r[rs->n - 1].set;
	const struct value *m = ps->props;
	for (size_t i = 0; i < m->as.map.len; i++) {
		const char *k = m->as.map.items[i].key->text;
		const struct value *v = m->as.map.items[i].value;
		if (strcmp(k, "family") == 0) {
			p->family = family_index(st, v->text);
			*set |= LAYOUT_P_FAMILY;
		} else if (strcmp(k, "size_pt") == 0) {
			p->size = number(v);
			*set |= LAYOUT_P_SIZE;
		} else if (strcmp(k, "bold") == 0) {
			p->bold = v->as.b;
			*set |= LAYOUT_P_BOLD;
		} else if (strcmp(k, "italic") == 0) {
			p->italic = v->as.b;
			*set |= LAYOUT_P_ITALIC;
		} else if (strcmp(k, "underline") == 0) {
			p->underline = v->as.b;
			*set |= LAYOUT_P_UNDERLINE;
		} else if (strcmp(k, "color") == 0) {
			p->color = rgb(v->text);
			*set |= LAYOUT_P_COLOR;
		} else if (strcmp(k, "background") == 0) {
			p->background = rgb(v->text);
			*set |= LAYOUT_P_BACKGROUND;
		} else if (strcmp(k, "border_pt") == 0 ||
		           strcmp(k, "border_color") == 0) {
			/* Width and colour are one property in the layout:
			 * the other keeps the built-in value. */
			if (!(*set & LAYOUT_P_BORDER)) {
				p->border_width = 0.5;
				p->border_color = 0x000000;
			}
			if (k[7] == 'p')
				p->border_width = number(v);
			else
				p->border_color = rgb(v->text);
			*set |= LAYOUT_P_BORDER;
		} else if (strcmp(k, "margin_top_pt") == 0 ||
		           strcmp(k, "margin_bottom_pt") == 0) {
			if (k[7] == 't')
				p->margin_top = number(v);
			else
				p->margin_bottom = number(v);
			*set |= LAYOUT_P_MARGIN;
		} else if (strcmp(k, "padding_pt") == 0) {
			p->padding = number(v);
			*set |= LAYOUT_P_PADDING;
		} else if (strcmp(k, "indent_pt") == 0) {
			p->indent = number(v);
			*set |= LAYOUT_P_INDENT;
		} else if (strcmp(k, "line_height") == 0) {
			p->line_height = number(v);
			*set |= LAYOUT_P_LINE_HEIGHT;
		} else if (strcmp(k, "align") == 0) {
			p->align = strcmp(v->text, "center") == 0
			                   ? LAYOUT_ALIGN_CENTER
			           : strcmp(v->text, "right") == 0
			                   ? LAYOUT_ALIGN_RIGHT
			           : strcmp(v->text, "justify") == 0
			                   ? LAYOUT_ALIGN_JUSTIFY
			                   : LAYOUT_ALIGN_LEFT;
			*set |= LAYOUT_P_ALIGN;
		} else if (strcmp(k, "keep_with_next") == 0) {
			p->keep_with_next = v->as.b;
			*set |= LAYOUT_P_KEEP_WITH_NEXT;
		} else if (strcmp(k, "page_break_before") == 0) {
			p->break_before = v->as.b;
			*set |= LAYOUT_P_BREAK_BEFORE;
		} else if (strcmp(k, "width_percent") == 0) {
			p->width = number(v);
			*set |= LAYOUT_P_WIDTH;
		}
	}
}

/* Badge colours under the data key's class (grade-requires_improvement)
 * and the engine's built-in spelling (grade-requires-improvement). */
static void swatch_rules(struct rules *rs, const char *prefix, const char *name,
                         const struct theme_swatch *sw)
{
	for (int spelling = 0; spelling < 2; spelling++) {
		struct buf b = BUF_INIT;
		buf_printf(&b, ".%s-%s", prefix, name);
		if (spelling == 1) {
			if (!strchr(name, '_')) {
				buf_free(&b);
				break;
			}
			for (size_t i = 0; i < b.len; i++)
				if (b.data[i] == '_')
					b.data[i] = '-';
		}
		const char *sel = arena_strndup(rs->a, b.data, b.len);
		buf_free(&b);
		struct layout_props *p =
		        add(rs, sel, LAYOUT_P_BACKGROUND | LAYOUT_P_COLOR);
		p->background = rgb(sw->background);
		p->color = rgb(sw->text);
	}
}

void paper_from_theme(struct arena *a, const struct theme *t,
                      const struct value *view, struct paper *out)
{
	memset(out, 0, sizeof *out);
	struct layout_style *st = &out->style;
	layout_style_defaults(st);
	const struct theme_colors *c = &t->colors;

	st->page_width = LAYOUT_MM(t->page_width_mm);
	st->page_height = LAYOUT_MM(t->page_height_mm);
	st->margin_top = LAYOUT_MM(t->margin_top_mm);
	st->margin_right = LAYOUT_MM(t->margin_right_mm);
	st->margin_bottom = LAYOUT_MM(t->margin_bottom_mm);
	st->margin_left = LAYOUT_MM(t->margin_left_mm);

	/* Family 0 is the body's, 1 the DejaVu Sans fallback. */
	st->families[0] = families[family_for(t->body.family)].family;
	int heading = family_index(st, t->heading.family);
	int small = family_index(st, t->small.family);
	st->body.family = 0;
	st->body.size = t->body.size_pt;
	st->body.line_height = t->body.line_height;
	st->body.color = rgb(c->text);
	st->body.bold = strcmp(t->body.weight, "bold") == 0;
	st->running_size = t->small.size_pt;
	st->running_color = rgb(c->muted);
	st->number_indent = 3.5 * t->body.size_pt;
	st->hang_classes = "num pn marker";
	st->plain_list_classes = "plain marked";

	const char *title = text_at(view, "report", "title");
	const char *committee = text_at(view, "meeting", "committee");
	const char *date_long = text_at(view, "meeting", "date_long");
	const char *const vars[][2] = {
	        {"council", t->council_name},
	        {"committee", committee},
	        {"date", date_long},
	        {"title", title},
	        {"item", text_at(view, "meeting", "item")},
	        {NULL, NULL},
	};
	running(a, &t->header, vars, &st->header);
	running(a, &t->footer, vars, &st->footer);
	st->first_page_differs = t->first_page_differs;
	running(a, &t->first_header, vars, &st->first_header);
	running(a, &t->first_footer, vars, &st->first_footer);
	st->title = title;
	st->date = date_long;

	struct rules rs = {a, NULL, 0, 0};
	static const double scale[6] = {1.75, 1.35, 1.15, 1, 1, 1};
	static const char *const hs[6] = {"h1", "h2", "h3", "h4", "h5", "h6"};
	for (int i = 0; i < 6; i++) {
		struct layout_props *p =
		        add(&rs, hs[i],
		            LAYOUT_P_FAMILY | LAYOUT_P_SIZE | LAYOUT_P_COLOR |
		                    LAYOUT_P_BOLD | LAYOUT_P_LINE_HEIGHT);
		p->family = heading;
		p->size = t->heading.size_pt * scale[i];
		p->color = rgb(c->heading);
		p->bold = strcmp(t->heading.weight, "bold") == 0 || i < 5;
		p->line_height = t->heading.line_height;
	}
	struct layout_props *p;
	p = add(&rs, "caption", LAYOUT_P_COLOR);
	p->color = rgb(c->heading);
	p = add(&rs, "a", LAYOUT_P_COLOR);
	p->color = rgb(c->link);
	p = add(&rs, "th",
	        LAYOUT_P_BACKGROUND | LAYOUT_P_COLOR | LAYOUT_P_BORDER |
	                LAYOUT_P_ALIGN);
	p->background = rgb(c->table_head_background);
	p->color = rgb(c->table_head_text);
	p->border_width = 0.75;
	p->border_color = rgb(c->rule);
	p->align = LAYOUT_ALIGN_LEFT;
	p = add(&rs, "td", LAYOUT_P_BORDER);
	p->border_width = 0.75;
	p->border_color = rgb(c->rule);
	p = add(&rs, "hr", LAYOUT_P_BORDER);
	p->border_width = 0.75;
	p->border_color = rgb(c->rule);
	/* What the print stylesheet hides. */
	add(&rs, ".skip-link", LAYOUT_P_HIDDEN)->hidden = true;
	add(&rs, "nav.contents", LAYOUT_P_HIDDEN)->hidden = true;
	/* The masthead: the header colours, the logo, the committee. */
	p = add(&rs, ".masthead",
	        LAYOUT_P_BACKGROUND | LAYOUT_P_COLOR | LAYOUT_P_PADDING |
	                LAYOUT_P_MARGIN | LAYOUT_P_BOLD);
	p->background = rgb(c->header_background);
	p->color = rgb(c->header_text);
	p->padding = 8;
	p->margin_bottom = 12;
	p->bold = true;
	p = add(&rs, ".committee",
	        LAYOUT_P_SIZE | LAYOUT_P_BOLD | LAYOUT_P_MARGIN |
	                LAYOUT_P_KEEP_WITH_NEXT);
	p->size = t->body.size_pt * 1.15;
	p->bold = true;
	p->keep_with_next = true;
	p = add(&rs, ".council", LAYOUT_P_SIZE | LAYOUT_P_BOLD);
	p->size = t->body.size_pt * 1.1;
	p->bold = true;
	p = add(&rs, ".header-block", LAYOUT_P_MARGIN);
	p->margin_top = 8;
	p->margin_bottom = 14;
	add(&rs, ".pn", LAYOUT_P_BOLD)->bold = true;
	/* Lists and tables of a numbered section line up with the text of
	 * its numbered paragraphs. */
	static const char *const under[] = {
	        ".numbered > ul", ".numbered > ol", ".numbered > table",
	        ".numbered > .table-wrap", ".numbered > blockquote"};
	for (size_t i = 0; i < sizeof under / sizeof *under; i++)
		add(&rs, under[i], LAYOUT_P_INDENT)->indent = st->number_indent;
	add(&rs, ".committee-name", LAYOUT_P_HIDDEN)->hidden = true;
	/* A badge is never cut across lines, as on the web page. */
	p = add(&rs, ".badge", LAYOUT_P_BOLD | LAYOUT_P_NOWRAP);
	p->bold = true;
	p->nowrap = true;
	add(&rs, ".muted", LAYOUT_P_COLOR)->color = rgb(c->muted);
	add(&rs, ".meta", LAYOUT_P_COLOR)->color = rgb(c->muted);
	add(&rs, ".pid", LAYOUT_P_COLOR)->color = rgb(c->muted);
	p = add(&rs, ".priority", LAYOUT_P_MARGIN);
	p->margin_top = 10;
	p->margin_bottom = 6;
	p = add(&rs, ".appendix", LAYOUT_P_BREAK_BEFORE);
	p->break_before = true;
	p = add(&rs, ".page-footer",
	        LAYOUT_P_COLOR | LAYOUT_P_SIZE | LAYOUT_P_MARGIN |
	                LAYOUT_P_FAMILY);
	p->color = rgb(c->muted);
	p->size = t->small.size_pt;
	p->family = small;
	p->margin_top = 18;
	static const char *const smalls[] = {".small", "figcaption", "small"};
	for (size_t i = 0; i < 3; i++) {
		p = add(&rs, smalls[i], LAYOUT_P_SIZE | LAYOUT_P_FAMILY);
		p->size = t->small.size_pt;
		p->family = small;
	}
	size_t ng, ns;
	const struct vocabulary_entry *g =
	        vocabulary_entries(VOCABULARY_GRADE, &ng);
	const struct vocabulary_entry *sv =
	        vocabulary_entries(VOCABULARY_STATUS, &ns);
	for (size_t i = 0; i < ng; i++)
		swatch_rules(&rs, "grade", g[i].id, &t->grades[i]);
	for (size_t i = 0; i < ns; i++)
		swatch_rules(&rs, "status", sv[i].id, &t->statuses[i]);
	for (size_t i = 0; i < t->nprint_styles; i++)
		print_rule(&rs, st, &t->print_styles[i]);
	st->rules = rs.r;
	st->nrules = rs.n;

	/* Document information. */
	struct pdf_info *in = &out->info;
	in->title = title;
	const char *author = NULL;
	const struct value *rep = value_map_get(view, "report");
	const struct value *au = rep ? value_map_get(rep, "author") : NULL;
	if (au)
		author = text_at(au, "name", NULL);
	in->author = author ? author : t->council_name;
	in->subject = committee;
	struct buf kw = BUF_INIT;
	const char *words[] = {t->council_name, committee,
	                       text_at(view, "inspection", "body"),
	                       text_at(view, "inspection", "framework")};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (words[i])
			buf_printf(&kw, "%s%s", kw.len ? "; " : "", words[i]);
	in->keywords = kw.len ? arena_strndup(a, kw.data, kw.len) : NULL;
	buf_free(&kw);
	in->creator = "clerk";
	in->language = "en-GB";
	in->date = text_at(view, "meeting", "date");
}
