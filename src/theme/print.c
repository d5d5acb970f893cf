/* print: brand.yaml's `print:` map, the tokens only the PDF uses.
 *
 * `print.first_page` gives the first page its own running header and
 * footer (committee papers usually leave the header off the page that
 * carries the masthead); `print.styles` restyles elements and classes of
 * the page in the PDF, by selector (`tag`, `.class` or `tag.class`). Each
 * property is checked here against the table below, so `clerk check`
 * reports a wrong one at its line; the PDF module converts the checked
 * values, written back from what was parsed, without checking again. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/color.h"
#include "theme/internal.h"

enum prop_kind { PK_NUMBER, PK_BOOL, PK_COLOR, PK_ALIGN, PK_FAMILY };

/* The properties a `print.styles` rule may set (docs/themes.md). */
static const struct {
	const char *name;
	enum prop_kind kind;
	double min, max;
} props[] = {
        {"family", PK_FAMILY, 0, 0},
        {"size_pt", PK_NUMBER, 4, 72},
        {"bold", PK_BOOL, 0, 0},
        {"italic", PK_BOOL, 0, 0},
        {"underline", PK_BOOL, 0, 0},
        {"color", PK_COLOR, 0, 0},
        {"background", PK_COLOR, 0, 0},
        {"border_pt", PK_NUMBER, 0, 10},
        {"border_color", PK_COLOR, 0, 0},
        {"margin_top_pt", PK_NUMBER, 0, 200},
        {"margin_bottom_pt", PK_NUMBER, 0, 200},
        {"padding_pt", PK_NUMBER, 0, 100},
        {"indent_pt", PK_NUMBER, 0, 300},
        {"line_height", PK_NUMBER, 1, 3},
        {"align", PK_ALIGN, 0, 0},
        {"keep_with_next", PK_BOOL, 0, 0},
        {"page_break_before", PK_BOOL, 0, 0},
        {"width_percent", PK_NUMBER, 1, 100},
};

static const char prop_list[] =
        "family, size_pt, bold, italic, underline, color, background, "
        "border_pt, border_color, margin_top_pt, margin_bottom_pt, "
        "padding_pt, indent_pt, line_height, align, keep_with_next, "
        "page_break_before, width_percent";

/* `tag`, `.class` or `tag.class` in s[0..len). */
static bool is_simple(const char *s, size_t len)
{
	const char *dot = memchr(s, '.', len);
	size_t tl = dot ? (size_t)(dot - s) : len;
	if (!len || (dot && tl + 1 == len))
		return false;
	for (size_t i = 0; i < tl; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return false;
	for (size_t i = dot ? tl + 1 : len; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		      s[i] == '_'))
			return false;
	return true;
}

/* A simple selector or `parent > child`: what the layout engine matches. */
static bool is_selector(const char *s)
{
	const char *gt = strstr(s, " > ");
	if (gt)
		return is_simple(s, (size_t)(gt - s)) &&
		       is_simple(gt + 3, strlen(gt + 3));
	return is_simple(s, strlen(s));
}

/* Checks one property of a rule and returns it as the PDF module reads
 * it: written back from its parsed value (a colour as #rrggbb, a font list
 * as theme_font_list writes it), or NULL when it is wrong. */
static struct value *check_prop(struct arena *a, const struct value *k,
                                struct value *v, const char *sel,
                                struct diags *d)
{
	char got[256];
	for (size_t i = 0; i < sizeof props / sizeof *props; i++) {
		if (strcmp(k->text, props[i].name) != 0)
			continue;
		const char *name = props[i].name;
		switch (props[i].kind) {
		case PK_NUMBER: {
			double n = v->kind == VALUE_INT      ? (double)v->as.i
			           : v->kind == VALUE_NUMBER ? v->as.n
			                                     : NAN;
			if (n >= props[i].min && n <= props[i].max)
				return v;
			diag_error(d, v->pos,
			           "print.styles.%s.%s: expected a number "
			           "from %g to %g, got %s",
			           sel, name, props[i].min, props[i].max,
			           theme_got(got, sizeof got, v));
			return NULL;
		}
		case PK_BOOL:
			if (v->kind == VALUE_BOOL)
				return v;
			diag_error(
			        d, v->pos,
			        "print.styles.%s.%s: expected true or false, "
			        "got %s",
			        sel, name, theme_got(got, sizeof got, v));
			return NULL;
		case PK_COLOR: {
			uint32_t rgb;
			if (v->kind == VALUE_STRING &&
			    color_parse(v->text, &rgb)) {
				char c[8];
				color_format(rgb, c);
				return value_new_string(a, v->pos, c, 7);
			}
			diag_error(d, v->pos,
			           "print.styles.%s.%s: expected a colour "
			           "written #rrggbb or #rgb, such as "
			           "\"#1d70b8\", got %s",
			           sel, name, theme_got(got, sizeof got, v));
			return NULL;
		}
		case PK_ALIGN:
			if (v->kind == VALUE_STRING &&
			    (strcmp(v->text, "left") == 0 ||
			     strcmp(v->text, "center") == 0 ||
			     strcmp(v->text, "right") == 0 ||
			     strcmp(v->text, "justify") == 0))
				return v;
			diag_error(d, v->pos,
			           "print.styles.%s.align: expected left, "
			           "center, right or justify, got %s",
			           sel, theme_got(got, sizeof got, v));
			return NULL;
		case PK_FAMILY: {
			char path[160];
			snprintf(path, sizeof path, "print.styles.%s.family",
			         sel);
			const char *why = "it is not text";
			const char *list = NULL;
			if (v->kind == VALUE_STRING) {
				if (!theme_check_text(v, path, d))
					return NULL;
				list = theme_font_list(a, v->text, &why);
			}
			if (list)
				return value_new_string(a, v->pos, list,
				                        strlen(list));
			diag_error(d, v->pos,
			           "%s: expected font names separated by "
			           "commas, such as \"Arial, Helvetica, "
			           "sans-serif\" (%s), got %s",
			           path, why, theme_got(got, sizeof got, v));
			return NULL;
		}
		}
	}
	diag_error(d, k->pos,
	           "print.styles.%s.%s: unknown property; expected "
	           "one of %s",
	           sel, k->text, prop_list);
	return NULL;
}

/* A running header or footer map of left, center and right texts; a slot
 * not given keeps `fallback`'s. */
static void read_running(const struct value *m, const char *where,
                         const struct theme_running *fallback,
                         struct theme_running *out, struct diags *d)
{
	*out = *fallback;
	if (m->kind != VALUE_MAP) {
		diag_error(d, m->pos,
		           "%s: expected a map of left, center and "
		           "right",
		           where);
		return;
	}
	for (size_t i = 0; i < m->as.map.len; i++) {
		const struct value *k = m->as.map.items[i].key;
		const struct value *v = m->as.map.items[i].value;
		const char **slot =
		        strcmp(k->text, "left") == 0     ? &out->left
		        : strcmp(k->text, "center") == 0 ? &out->center
		        : strcmp(k->text, "right") == 0  ? &out->right
		                                         : NULL;
		if (!slot) {
			diag_error(d, k->pos,
			           "%s.%s: unknown key; expected "
			           "left, center or right",
			           where, k->text);
			continue;
		}
		char path[96];
		snprintf(path, sizeof path, "%s.%s", where, k->text);
		if (v->kind == VALUE_NULL)
			*slot = "";
		else if (theme_check_running(v, path, d))
			*slot = v->text;
	}
}

void theme_read_print(struct arena *a, const struct value *brand,
                      struct theme *t, struct diags *d)
{
	t->first_header = t->header;
	t->first_footer = t->footer;
	const struct value *pr = value_map_get(brand, "print");
	if (!pr || pr->kind == VALUE_NULL)
		return;
	if (pr->kind != VALUE_MAP) {
		diag_error(d, pr->pos, "print: expected a map");
		return;
	}
	for (size_t i = 0; i < pr->as.map.len; i++) {
		const struct value *k = pr->as.map.items[i].key;
		if (strcmp(k->text, "first_page") != 0 &&
		    strcmp(k->text, "styles") != 0)
			diag_error(d, k->pos,
			           "print.%s: unknown key; expected "
			           "first_page or styles",
			           k->text);
	}
	const struct value *fp = value_map_get(pr, "first_page");
	if (fp && fp->kind == VALUE_MAP) {
		for (size_t i = 0; i < fp->as.map.len; i++) {
			const struct value *k = fp->as.map.items[i].key;
			const struct value *v = fp->as.map.items[i].value;
			if (strcmp(k->text, "header") == 0)
				read_running(v, "print.first_page.header",
				             &t->header, &t->first_header, d);
			else if (strcmp(k->text, "footer") == 0)
				read_running(v, "print.first_page.footer",
				             &t->footer, &t->first_footer, d);
			else
				diag_error(d, k->pos,
				           "print.first_page.%s: unknown key; "
				           "expected header or footer",
				           k->text);
		}
		t->first_page_differs = fp->as.map.len > 0;
	} else if (fp && fp->kind != VALUE_NULL) {
		diag_error(d, fp->pos, "print.first_page: expected a map");
	}
	const struct value *st = value_map_get(pr, "styles");
	if (!st || st->kind == VALUE_NULL)
		return;
	if (st->kind != VALUE_MAP) {
		diag_error(d, st->pos,
		           "print.styles: expected a map of "
		           "selectors");
		return;
	}
	t->print_styles =
	        arena_alloc(a, (st->as.map.len + 1) * sizeof *t->print_styles);
	for (size_t i = 0; i < st->as.map.len; i++) {
		const struct value *k = st->as.map.items[i].key;
		const struct value *v = st->as.map.items[i].value;
		if (!is_selector(k->text)) {
			diag_error(d, k->pos,
			           "print.styles: \"%s\" is not a selector; "
			           "expected tag, .class, tag.class or parent "
			           "> child",
			           k->text);
			continue;
		}
		if (v->kind != VALUE_MAP) {
			diag_error(d, v->pos,
			           "print.styles.%s: expected a map of "
			           "properties",
			           k->text);
			continue;
		}
		/* The rule as the PDF module reads it: only properties
		 * that passed, each written back from its parsed value. */
		struct value *checked = value_new_map(a, v->pos);
		for (size_t j = 0; j < v->as.map.len; j++) {
			struct value *p = check_prop(a, v->as.map.items[j].key,
			                             v->as.map.items[j].value,
			                             k->text, d);
			if (p)
				value_map_append(a, checked,
				                 v->as.map.items[j].key, p);
		}
		t->print_styles[t->nprint_styles++] =
		        (struct theme_print_style){k->text, checked};
	}
}
