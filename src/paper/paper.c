/* paper: struct layout_style and struct pdf_info from a theme.
 *
 * The layout's rules are the theme's one style table, the same rules the
 * web page's CSS is written from: what holds for all media and for print
 * is mapped onto layout_props (paper_rules), so the PDF and the printed
 * page agree and a council styles a box once for both. */
#include "paper/paper.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/color.h"
#include "base/expand.h"

/* The families clerk pins for CSS's generic families and for the faces
 * councils name that are not installed here: Arial, Helvetica, Times and
 * Courier map to their metric-compatible Liberation faces. Their files
 * are found through fontconfig (pdf/find.c), as every family's are. */
static const struct {
	const char *css[6];
	const char *family;
} aliases[] = {
        {{"liberation sans", "arial", "helvetica", "helvetica neue",
          "sans-serif", NULL},
         "Liberation Sans"},
        {{"liberation serif", "times new roman", "times", "georgia", "serif",
          NULL},
         "Liberation Serif"},
        {{"liberation mono", "courier new", "courier", "monospace", NULL},
         "Liberation Mono"},
        {{"dejavu sans", "verdana", "tahoma", NULL}, "DejaVu Sans"},
        {{"dejavu serif", NULL}, "DejaVu Serif"},
};

static bool generic(const char *name)
{
	static const char *const g[] = {
	        "serif",    "sans-serif",    "monospace",
	        "cursive",  "fantasy",       "system-ui",
	        "ui-serif", "ui-sans-serif", NULL};
	for (int i = 0; g[i]; i++)
		if (strcasecmp(g[i], name) == 0)
			return true;
	return false;
}

/* The family for the CSS font list `list`, as a browser picks one: the
 * first name in it that is installed as a TrueType family of that name,
 * or that clerk maps to a family of its own (a generic family, or a
 * font with a metric-compatible Liberation face); Liberation Sans when
 * none is, and then `*found` (when not NULL) is false. A name found
 * installed is copied into `a`. */
static const char *family_found(struct arena *a, const char *list, bool *found)
{
	if (found)
		*found = true;
	for (const char *p = list ? list : ""; *p;) {
		size_t n = strcspn(p, ",");
		const char *s = p, *e = p + n;
		while (s < e && strchr(" \t'\"", *s))
			s++;
		while (e > s && strchr(" \t'\"", e[-1]))
			e--;
		p += n + (p[n] == ',');
		if (s == e || e - s > 200)
			continue;
		char *name = arena_strndup(a, s, (size_t)(e - s));
		if (!generic(name) && pdf_family_installed(name))
			return name;
		for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
			for (int j = 0; aliases[i].css[j]; j++)
				if (strcasecmp(aliases[i].css[j], name) == 0)
					return aliases[i].family;
	}
	if (found)
		*found = false;
	return aliases[0].family;
}

static const char *family_for(struct arena *a, const char *list)
{
	return family_found(a, list, NULL);
}

/* The style's family index for a CSS font list, adding it when there is
 * room (index 1 stays the DejaVu Sans fallback). */
static int family_index(struct arena *a, struct layout_style *st,
                        const char *list)
{
	const char *name = family_for(a, list);
	for (int i = 0; i < st->nfamilies; i++)
		if (strcmp(st->families[i].name, name) == 0)
			return i;
	if (st->nfamilies == LAYOUT_MAX_FAMILIES)
		return 0;
	st->families[st->nfamilies] = (struct layout_family){.name = name};
	return st->nfamilies++;
}

/* A colour the theme has checked; black when there is none. */
static uint32_t rgb(const char *hex)
{
	uint32_t c = 0;
	color_parse(hex, &c);
	return c;
}

/* The text at v.a (or v.a.b), copied into `ar`, so that the paper
 * outlives the view; NULL when there is none. */
static const char *text_at(struct arena *ar, const struct value *v,
                           const char *a, const char *b)
{
	const struct value *m = value_map_get(v, a);
	if (b)
		m = m ? value_map_get(m, b) : NULL;
	return m && m->text && *m->text ? arena_strdup(ar, m->text) : NULL;
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

/* A length in points: Npt, Npx, Nmm, Nin, 0, Nem and N% of `em`, or
 * calc(LENGTH * N) and calc(LENGTH / N). */
static bool length(const char *v, size_t n, double em, double *out)
{
	char b[64];
	if (n >= sizeof b)
		return false;
	memcpy(b, v, n);
	b[n] = '\0';
	if (strncmp(b, "calc(", 5) == 0 && n > 6 && b[n - 1] == ')') {
		char *op = strpbrk(b + 5, "*/");
		if (!op)
			return false;
		char *e;
		double k = strtod(op + 1, &e);
		while (*e == ' ')
			e++;
		size_t ln = (size_t)(op - (b + 5));
		while (ln && b[5 + ln - 1] == ' ')
			ln--;
		if (e != b + n - 1 || !length(b + 5, ln, em, out))
			return false;
		if (*op == '/' && k == 0)
			return false;
		*out = *op == '*' ? *out * k : *out / k;
		return true;
	}
	char *e;
	double x = strtod(b, &e);
	if (e == b || x != x)
		return false;
	static const struct {
		const char *unit;
		double k;
	} units[] = {{"pt", 1},
	             {"px", 0.75},
	             {"mm", 72 / 25.4},
	             {"cm", 72 / 2.54},
	             {"in", 72}};
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (strcmp(e, units[i].unit) == 0) {
			*out = x * units[i].k;
			return true;
		}
	if (strcmp(e, "em") == 0 || strcmp(e, "rem") == 0) {
		*out = x * em;
		return true;
	}
	if (strcmp(e, "%") == 0) {
		*out = x * em / 100;
		return true;
	}
	if (*e == '\0' && x == 0) {
		*out = 0;
		return true;
	}
	return false;
}

/* The n-th of a value's space-separated words into w[size]; false when
 * there are fewer. */
static bool word(const char *v, int n, char *w, size_t size)
{
	for (int i = 0; *v; i++) {
		while (*v == ' ')
			v++;
		size_t len = 0;
		for (int depth = 0; v[len] && (depth || v[len] != ' '); len++)
			depth += v[len] == '(' ? 1 : v[len] == ')' ? -1 : 0;
		if (!len)
			break;
		if (i == n) {
			if (len >= size)
				return false;
			memcpy(w, v, len);
			w[len] = '\0';
			return true;
		}
		v += len;
	}
	return false;
}

static bool is_word(const char *v, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(v, *words) == 0)
			return true;
	return false;
}

static bool colour(const char *v, uint32_t *out)
{
	if (strcmp(v, "none") == 0 || strcmp(v, "transparent") == 0) {
		*out = LAYOUT_NONE;
		return true;
	}
	return color_parse(v, out);
}

/* The four sides of a margin or padding shorthand: top, right, bottom,
 * left, as CSS repeats one to four values; `auto` is 0 in the PDF. */
static bool sides(const char *v, double em, double out[4])
{
	double x[4];
	int n = 0;
	char w[64];
	while (n < 4 && word(v, n, w, sizeof w)) {
		if (strcmp(w, "auto") == 0)
			x[n] = 0;
		else if (!length(w, strlen(w), em, &x[n]))
			return false;
		n++;
	}
	if (!n || word(v, n, w, sizeof w))
		return false;
	static const int pick[4][4] = {
	        {0, 0, 0, 0}, {0, 1, 0, 1}, {0, 1, 2, 1}, {0, 1, 2, 3}};
	for (int i = 0; i < 4; i++)
		out[i] = x[pick[n - 1][i]];
	return true;
}

/* The side named by `name` ("top", "right", "bottom", "left"), or -1. */
static int side_named(const char *name)
{
	static const char *const names[4] = {"top", "right", "bottom", "left"};
	for (int i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

/* One length, or `auto` (0 in the PDF). */
static bool length_or_auto(const char *v, double em, double *out)
{
	if (strcmp(v, "auto") == 0) {
		*out = 0;
		return true;
	}
	return length(v, strlen(v), em, out);
}

/* A border width: a length or thin, medium or thick. */
static bool border_width(const char *v, double em, double *out)
{
	static const struct {
		const char *name;
		double pt;
	} named[] = {{"thin", 0.75}, {"medium", 2.25}, {"thick", 3.75}};
	for (size_t i = 0; i < sizeof named / sizeof *named; i++)
		if (strcmp(v, named[i].name) == 0) {
			*out = named[i].pt;
			return true;
		}
	return length(v, strlen(v), em, out) && *out >= 0;
}

/* A border style: `*drawn` false for none or hidden, true for a style
 * that draws (the PDF draws each as a solid line); false for a word that
 * is no style. */
static bool border_style(const char *v, bool *drawn)
{
	static const char *const off[] = {"none", "hidden", NULL};
	static const char *const on[] = {"solid",  "dashed", "dotted",
	                                 "double", "groove", "ridge",
	                                 "inset",  "outset", NULL};
	if (is_word(v, off) || is_word(v, on)) {
		*drawn = is_word(v, on);
		return true;
	}
	return false;
}

/* A border colour; currentColor is LAYOUT_NONE, the text's. */
static bool border_color(const char *v, uint32_t *out)
{
	if (strcasecmp(v, "currentcolor") == 0) {
		*out = LAYOUT_NONE;
		return true;
	}
	return color_parse(v, out);
}

/* A border declaration, `what` being what follows "border" in its name:
 * "" or "-SIDE" (the shorthand of a width, a style and a colour, in any
 * order, each optional, a missing one set to CSS's initial medium, none
 * or the text's colour), or "[-SIDE]-width", "-style" or "-color" (one
 * value for a side, one to four for the four sides, as CSS repeats
 * them). Sets what it reads on `r`; false for a name that is not a border
 * property the PDF draws (border-radius, border-collapse ...). */
static bool border(struct layout_props *p, struct layout_rule *r,
                   const char *what, const char *v, double em)
{
	int from = 0, to = 4;
	if (*what == '-') {
		size_t n = strcspn(what + 1, "-");
		char name[8];
		int side = -1;
		if (n < sizeof name) {
			memcpy(name, what + 1, n);
			name[n] = '\0';
			side = side_named(name);
		}
		if (side >= 0) {
			from = side;
			to = side + 1;
			what += 1 + n;
		}
	}
	char w[64];
	if (*what == '\0') {
		struct layout_border b = {2.25, LAYOUT_NONE, false};
		for (int i = 0; word(v, i, w, sizeof w); i++)
			if (!border_style(w, &b.drawn) &&
			    !border_width(w, em, &b.width) &&
			    !border_color(w, &b.color))
				return true; /* a value the PDF cannot read */
		for (int side = from; side < to; side++) {
			p->border[side] = b;
			r->set |= LAYOUT_P_BORDER_WIDTH(side) |
			          LAYOUT_P_BORDER_STYLE(side) |
			          LAYOUT_P_BORDER_COLOR(side);
		}
		return true;
	}
	enum { WIDTH, STYLE, COLOR } part;
	if (strcmp(what, "-width") == 0)
		part = WIDTH;
	else if (strcmp(what, "-style") == 0)
		part = STYLE;
	else if (strcmp(what, "-color") == 0)
		part = COLOR;
	else
		return false;
	struct layout_border got[4];
	int n = 0;
	for (; n < 4 && word(v, n, w, sizeof w); n++)
		if (!(part == WIDTH   ? border_width(w, em, &got[n].width)
		      : part == STYLE ? border_style(w, &got[n].drawn)
		                      : border_color(w, &got[n].color)))
			return true;
	if (!n || word(v, n, w, sizeof w) || (to - from == 1 && n != 1))
		return true;
	static const int pick[4][4] = {
	        {0, 0, 0, 0}, {0, 1, 0, 1}, {0, 1, 2, 1}, {0, 1, 2, 3}};
	for (int side = from; side < to; side++) {
		const struct layout_border *g =
		        &got[to - from == 1 ? 0 : pick[n - 1][side]];
		if (part == WIDTH) {
			p->border[side].width = g->width;
			r->set |= LAYOUT_P_BORDER_WIDTH(side);
		} else if (part == STYLE) {
			p->border[side].drawn = g->drawn;
			r->set |= LAYOUT_P_BORDER_STYLE(side);
		} else {
			p->border[side].color = g->color;
			r->set |= LAYOUT_P_BORDER_COLOR(side);
		}
	}
	return true;
}

/* What the layout made of one declaration. */
enum reading {
	READ_OK,       /* drawn, or a value the property ignores */
	READ_PROPERTY, /* a property the PDF does not draw */
	READ_VALUE,    /* a property it draws, with a value it cannot read */
};

/* Sets the layout property of one declaration on `r`; a property or
 * value the layout does not draw is left out (docs/themes.md lists what
 * the PDF uses), and the answer says which. */
static enum reading declare(struct arena *a, struct layout_style *st,
                            struct layout_rule *r, const char *k, const char *v,
                            double em)
{
	uint64_t before = r->set;
	enum reading unread = READ_VALUE;
	struct layout_props *p = &r->p;
	double x, four[4];
	uint32_t c;
	int side;
	static const char *const bold[] = {"bold", "bolder", "600", "700",
	                                   "800",  "900",    NULL};
	static const char *const regular[] = {"normal", "lighter", "100", "200",
	                                      "300",    "400",     "500", NULL};
	if (strcmp(k, "font-family") == 0) {
		p->family = family_index(a, st, v);
		r->set |= LAYOUT_P_FAMILY;
	} else if (strcmp(k, "font-size") == 0) {
		if (length(v, strlen(v), em, &x) && x > 0) {
			p->size = x;
			r->set |= LAYOUT_P_SIZE;
		}
	} else if (strcmp(k, "font-weight") == 0) {
		if (is_word(v, bold) || is_word(v, regular)) {
			p->bold = is_word(v, bold);
			r->set |= LAYOUT_P_BOLD;
		}
	} else if (strcmp(k, "font-style") == 0) {
		p->italic =
		        strcmp(v, "italic") == 0 || strcmp(v, "oblique") == 0;
		r->set |= LAYOUT_P_ITALIC;
	} else if (strcmp(k, "color") == 0) {
		if (color_parse(v, &c)) {
			p->color = c;
			r->set |= LAYOUT_P_COLOR;
		}
	} else if (strcmp(k, "background") == 0 ||
	           strcmp(k, "background-color") == 0) {
		if (colour(v, &c)) {
			p->background = c;
			r->set |= LAYOUT_P_BACKGROUND;
		}
	} else if (strncmp(k, "border", 6) == 0 && border(p, r, k + 6, v, em)) {
		/* border, border-SIDE, border-[SIDE-]width|style|color */
	} else if (strcmp(k, "margin") == 0) {
		if (sides(v, em, four)) {
			p->margin_top = four[LAYOUT_TOP];
			p->margin_right = four[LAYOUT_RIGHT];
			p->margin_bottom = four[LAYOUT_BOTTOM];
			p->indent = four[LAYOUT_LEFT];
			r->set |= LAYOUT_P_MARGIN | LAYOUT_P_MARGIN_RIGHT |
			          LAYOUT_P_INDENT;
		}
	} else if (strncmp(k, "margin-", 7) == 0 &&
	           (side = side_named(k + 7)) >= 0) {
		if (length_or_auto(v, em, &x)) {
			static const uint64_t bit[4] = {
			        LAYOUT_P_MARGIN_TOP, LAYOUT_P_MARGIN_RIGHT,
			        LAYOUT_P_MARGIN_BOTTOM, LAYOUT_P_INDENT};
			double *at[4] = {&p->margin_top, &p->margin_right,
			                 &p->margin_bottom, &p->indent};
			*at[side] = x;
			r->set |= bit[side];
		}
	} else if (strcmp(k, "padding") == 0) {
		if (sides(v, em, four)) {
			for (side = 0; side < 4; side++)
				p->padding[side] = four[side];
			r->set |= LAYOUT_P_PADDING;
		}
	} else if (strncmp(k, "padding-", 8) == 0 &&
	           (side = side_named(k + 8)) >= 0) {
		if (length(v, strlen(v), em, &x) && x >= 0) {
			p->padding[side] = x;
			r->set |= LAYOUT_P_PADDING_SIDE(side);
		}
	} else if (strcmp(k, "text-align") == 0) {
		static const struct {
			const char *name;
			enum layout_align a;
		} aligns[] = {{"left", LAYOUT_ALIGN_LEFT},
		              {"start", LAYOUT_ALIGN_LEFT},
		              {"center", LAYOUT_ALIGN_CENTER},
		              {"right", LAYOUT_ALIGN_RIGHT},
		              {"end", LAYOUT_ALIGN_RIGHT},
		              {"justify", LAYOUT_ALIGN_JUSTIFY}};
		for (size_t i = 0; i < sizeof aligns / sizeof *aligns; i++)
			if (strcmp(v, aligns[i].name) == 0) {
				p->align = aligns[i].a;
				r->set |= LAYOUT_P_ALIGN;
			}
	} else if (strcmp(k, "line-height") == 0) {
		char *e;
		x = strtod(v, &e);
		if (e != v && (*e == '\0' || strcmp(e, "%") == 0) && x > 0) {
			p->line_height = *e ? x / 100 : x;
			r->set |= LAYOUT_P_LINE_HEIGHT;
		}
	} else if (strcmp(k, "text-decoration") == 0 ||
	           strcmp(k, "text-decoration-line") == 0) {
		/* The PDF draws one line, under the text. */
		p->underline = strstr(v, "underline") != NULL ||
		               strstr(v, "line-through") != NULL;
		r->set |= LAYOUT_P_UNDERLINE;
	} else if (strcmp(k, "break-before") == 0 ||
	           strcmp(k, "page-break-before") == 0) {
		static const char *const page[] = {"page",  "always", "left",
		                                   "right", "recto",  "verso",
		                                   NULL};
		p->break_before = is_word(v, page);
		r->set |= LAYOUT_P_BREAK_BEFORE;
	} else if (strcmp(k, "break-after") == 0 ||
	           strcmp(k, "page-break-after") == 0) {
		p->keep_with_next =
		        strcmp(v, "avoid") == 0 || strcmp(v, "avoid-page") == 0;
		r->set |= LAYOUT_P_KEEP_WITH_NEXT;
	} else if (strcmp(k, "display") == 0) {
		p->hidden = strcmp(v, "none") == 0;
		r->set |= LAYOUT_P_HIDDEN;
	} else if (strcmp(k, "white-space") == 0) {
		p->nowrap = strcmp(v, "nowrap") == 0 || strcmp(v, "pre") == 0;
		r->set |= LAYOUT_P_NOWRAP;
	} else if (strcmp(k, "hyphens") == 0 ||
	           strcmp(k, "-webkit-hyphens") == 0) {
		p->hyphens = strcmp(v, "auto") == 0;
		r->set |= LAYOUT_P_HYPHENS;
	} else if (strcmp(k, "list-style") == 0 ||
	           strcmp(k, "list-style-type") == 0) {
		p->list_none = strcmp(v, "none") == 0 ||
		               strncmp(v, "none ", 5) == 0 ||
		               strstr(v, " none") != NULL;
		r->set |= LAYOUT_P_LIST_NONE;
	} else if (strcmp(k, "width") == 0) {
		char *e;
		x = strtod(v, &e);
		if (e != v && strcmp(e, "%") == 0 && x > 0 && x <= 100) {
			p->width = x;
			r->set |= LAYOUT_P_WIDTH;
		}
	} else if (strcmp(k, "-clerk-link-address") == 0) {
		/* The PDF's `a[href^="http"]::after { content: " ("
		 * attr(href) ")" }`. */
		if (strcmp(v, "after") == 0 || strcmp(v, "none") == 0) {
			p->link_address = strcmp(v, "after") == 0;
			r->set |= LAYOUT_P_LINK_ADDRESS;
		}
	} else if (strcmp(k, "-clerk-hang") == 0) {
		/* Read by hang_classes, for the rule's class. */
		return strcmp(v, "number") == 0 || strcmp(v, "none") == 0
		               ? READ_OK
		               : READ_VALUE;
	} else {
		unread = READ_PROPERTY;
	}
	return r->set != before ? READ_OK : unread;
}

/* One compound selector the layout matches, s[0..len): an optional tag,
 * then `.class`es and the pseudo-classes the layout knows. Adds its CSS
 * specificity (100 a class or pseudo-class, 1 a tag) to `*spec`. */
static bool is_compound(const char *s, size_t len, int *spec)
{
	size_t i = 0;
	while (i < len &&
	       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
		i++;
	if (i)
		*spec += 1;
	else if (len == 0)
		return false;
	static const char *const pseudo[] = {"first-child", "last-child",
	                                     "nth-child(odd)",
	                                     "nth-child(even)", NULL};
	while (i < len) {
		size_t j = i + 1;
		if (s[i] == '.') {
			while (j < len && ((s[j] >= 'a' && s[j] <= 'z') ||
			                   (s[j] >= 'A' && s[j] <= 'Z') ||
			                   (s[j] >= '0' && s[j] <= '9') ||
			                   s[j] == '-' || s[j] == '_'))
				j++;
			if (j == i + 1)
				return false;
		} else if (s[i] == ':') {
			size_t k = 0;
			for (; pseudo[k]; k++) {
				size_t pl = strlen(pseudo[k]);
				if (len - j >= pl &&
				    memcmp(s + j, pseudo[k], pl) == 0) {
					j += pl;
					break;
				}
			}
			if (!pseudo[k])
				return false;
		} else {
			return false;
		}
		*spec += 100;
		i = j;
	}
	return true;
}

/* A selector the layout matches: at most four compound selectors joined
 * by `>` (child) or white space (descendant), at most one descendant,
 * which keeps matching linear in the depth of the page. Writes it into
 * `out` as the layout spells it ("a > b c") and its CSS specificity into
 * `*spec`. */
static bool layout_selector(const char *s, size_t len, struct buf *out,
                            int *spec)
{
	*spec = 0;
	buf_clear(out);
	int compounds = 0, descendants = 0;
	size_t i = 0;
	while (i < len && s[i] == ' ')
		i++;
	while (i < len) {
		size_t j = i;
		while (j < len && s[j] != ' ' && s[j] != '>')
			j++;
		if (!is_compound(s + i, j - i, spec) || ++compounds > 4)
			return false;
		buf_put(out, s + i, j - i);
		bool child = false, any = false;
		while (j < len && (s[j] == ' ' || s[j] == '>')) {
			child = child || s[j] == '>';
			any = true;
			j++;
		}
		if (any && j < len) {
			if (!child && ++descendants > 1)
				return false;
			buf_puts(out, child ? " > " : " ");
		} else if (child) {
			return false;
		}
		i = j;
	}
	return compounds > 0;
}

/* The classes whose <span>, first in a <p> or <li>, hangs in the
 * indent as its number: those of the rules `.CLASS { -clerk-hang:
 * number }` for all media or print, the last word for a class winning
 * (`none` takes it back). Space-separated, allocated in `a`. */
static const char *hang_classes(struct arena *a,
                                const struct theme_style *sheet)
{
	/* Each `.CLASS` with its word, in the sheet's order. */
	size_t cap = 0, n = 0;
	for (size_t i = 0; i < sheet->n; i++)
		cap += sheet->rules[i].ndecls *
		       strlen(sheet->rules[i].selector);
	struct {
		const char *name;
		size_t len;
		bool on;
	} *seen = arena_alloc(a, (cap ? cap : 1) * sizeof *seen);
	for (size_t i = 0; i < sheet->n; i++) {
		const struct theme_rule *tr = &sheet->rules[i];
		if (tr->media != THEME_MEDIA_ALL &&
		    tr->media != THEME_MEDIA_PRINT)
			continue;
		for (size_t j = 0; j < tr->ndecls; j++) {
			if (strcmp(tr->decls[j].name, "-clerk-hang") != 0)
				continue;
			for (const char *p = tr->selector; *p;) {
				size_t len = strcspn(p, ",");
				const char *c = p + strspn(p, " ");
				size_t cl = len - (size_t)(c - p);
				while (cl && c[cl - 1] == ' ')
					cl--;
				if (cl > 1 && *c == '.' &&
				    strcspn(c + 1, ".: >") >= cl - 1) {
					seen[n].name = c + 1;
					seen[n].len = cl - 1;
					seen[n++].on =
					        strcmp(tr->decls[j].value,
					               "number") == 0;
				}
				p += len + (p[len] == ',');
			}
		}
	}
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		bool last = true;
		for (size_t k = i + 1; k < n && last; k++)
			last = seen[k].len != seen[i].len ||
			       memcmp(seen[k].name, seen[i].name,
			              seen[i].len) != 0;
		if (last && seen[i].on)
			buf_printf(&b, "%s%.*s", b.len ? " " : "",
			           (int)seen[i].len, seen[i].name);
	}
	const char *out = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

struct ranked {
	int spec;
	size_t order;
	struct layout_rule rule;
};

static int by_specificity(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->spec != y->spec)
		return x->spec < y->spec ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

void paper_rules(struct arena *a, const struct theme_style *sheet,
                 struct layout_style *st)
{
	size_t cap = 0;
	for (size_t i = 0; i < sheet->n; i++)
		cap += 1 +
		       (size_t)(strchr(sheet->rules[i].selector, ',') != NULL) *
		               strlen(sheet->rules[i].selector);
	struct ranked *rk = arena_alloc(a, (cap ? cap : 1) * sizeof *rk);
	size_t n = 0;
	struct buf sel = BUF_INIT;
	for (size_t i = 0; i < sheet->n; i++) {
		const struct theme_rule *tr = &sheet->rules[i];
		if (tr->media != THEME_MEDIA_ALL &&
		    tr->media != THEME_MEDIA_PRINT)
			continue;
		for (const char *p = tr->selector; *p;) {
			size_t len = strcspn(p, ",");
			int spec;
			if (layout_selector(p, len, &sel, &spec)) {
				struct ranked *r = &rk[n++];
				memset(r, 0, sizeof *r);
				r->spec = spec;
				r->order = n;
				r->rule.selector =
				        arena_strndup(a, sel.data, sel.len);
				for (size_t j = 0; j < tr->ndecls; j++)
					declare(a, st, &r->rule,
					        tr->decls[j].name,
					        tr->decls[j].value,
					        st->body.size);
			}
			p += len + (p[len] == ',');
		}
	}
	buf_free(&sel);
	/* The cascade: by specificity, then in the sheet's order. */
	qsort(rk, n, sizeof *rk, by_specificity);
	struct layout_rule *rules = arena_alloc(a, (n ? n : 1) * sizeof *rules);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (rk[i].rule.set)
			rules[m++] = rk[i].rule;
	st->rules = rules;
	st->nrules = m;
	st->own_rules_only = true;
	st->hang_classes = hang_classes(a, sheet);
}

/* Whether `file` is one of the default theme's, `dir`/NAME. */
static bool in_dir(const char *file, const char *dir)
{
	size_t n = strlen(dir);
	return file && strncmp(file, dir, n) == 0 && file[n] == '/' &&
	       !strchr(file + n + 1, '/');
}

/* Warns at a fonts entry whose list names no family the PDF can use, so
 * that the fallback is not silent. */
static void check_fonts(struct arena *a, const struct theme *t, struct diags *d)
{
	const struct {
		const char *name;
		const struct theme_font *f;
	} fonts[] = {{"body", &t->body},
	             {"heading", &t->heading},
	             {"small", &t->small}};
	for (size_t i = 0; i < sizeof fonts / sizeof *fonts; i++) {
		bool found;
		const char *used = family_found(a, fonts[i].f->family, &found);
		if (!found)
			diag_add(d, DIAG_WARNING, fonts[i].f->family_pos,
			         "fonts.%s.family: none of %s is installed or "
			         "known to clerk; the PDF uses %s (add a "
			         "generic "
			         "family such as sans-serif to choose one)",
			         fonts[i].name, fonts[i].f->family, used);
	}
}

void paper_check(const struct theme *t, struct diags *d)
{
	struct arena a = ARENA_INIT;
	check_fonts(&a, t, d);
	struct layout_style st;
	layout_style_defaults(&st);
	st.body.size = t->body.size_pt;
	const struct theme_style *sheet = &t->style;
	for (size_t i = 0; i < sheet->n; i++) {
		const struct theme_rule *tr = &sheet->rules[i];
		if ((tr->media != THEME_MEDIA_ALL &&
		     tr->media != THEME_MEDIA_PRINT) ||
		    in_dir(tr->pos.file, t->default_dir))
			continue;
		for (size_t j = 0; j < tr->ndecls; j++) {
			const struct theme_decl *dc = &tr->decls[j];
			struct layout_rule scratch = {0};
			st.nfamilies = 2;
			enum reading rd = declare(&a, &st, &scratch, dc->name,
			                          dc->value, st.body.size);
			/* Other properties (grid, flex ...) are the
			 * browser's, as docs/themes.md says. */
			if (rd == READ_VALUE)
				diag_add(d, DIAG_WARNING, dc->pos,
				         "the PDF cannot read `%s: %s` and "
				         "leaves it out; the web page uses it",
				         dc->name, dc->value);
		}
	}
	arena_free(&a);
}

void paper_style(struct arena *a, const struct theme *t,
                 struct layout_style *st)
{
	layout_style_defaults(st);
	const struct theme_colors *c = &t->colors;

	st->page_width = LAYOUT_MM(t->page_width_mm);
	st->page_height = LAYOUT_MM(t->page_height_mm);
	st->margin_top = LAYOUT_MM(t->margin_top_mm);
	st->margin_right = LAYOUT_MM(t->margin_right_mm);
	st->margin_bottom = LAYOUT_MM(t->margin_bottom_mm);
	st->margin_left = LAYOUT_MM(t->margin_left_mm);

	/* Family 0 is the body's, 1 the DejaVu Sans fallback, then the
	 * heading's and the small text's, whatever order the style sheet
	 * names them in. */
	st->families[0] =
	        (struct layout_family){.name = family_for(a, t->body.family)};
	(void)family_index(a, st, t->heading.family);
	(void)family_index(a, st, t->small.family);
	st->body.family = 0;
	st->body.size = t->body.size_pt;
	st->body.line_height = t->body.line_height;
	st->body.color = rgb(c->text);
	st->body.bold = strcmp(t->body.weight, "bold") == 0;
	st->running_size = t->small.size_pt;
	st->running_color = rgb(c->muted);
	st->number_indent = 3.5 * t->body.size_pt;
	/* Lists without markers are the style table's `list-style: none`. */
	st->plain_list_classes = "";
	paper_rules(a, &t->style, st);
}

void paper_from_style(struct arena *a, const struct theme *t,
                      const struct layout_style *style,
                      const struct value *view, struct paper *out)
{
	memset(out, 0, sizeof *out);
	struct layout_style *st = &out->style;
	*st = *style;
	const char *title = text_at(a, view, "report", "title");
	const char *committee = text_at(a, view, "meeting", "committee");
	const char *date_long = text_at(a, view, "meeting", "date_long");
	const char *const vars[][2] = {
	        {"council", t->council_name},
	        {"committee", committee},
	        {"date", date_long},
	        {"title", title},
	        {"item", text_at(a, view, "meeting", "item")},
	        {NULL, NULL},
	};
	running(a, &t->header, vars, &st->header);
	running(a, &t->footer, vars, &st->footer);
	st->first_page_differs = t->first_page_differs;
	running(a, &t->first_header, vars, &st->first_header);
	running(a, &t->first_footer, vars, &st->first_footer);
	st->title = title;
	st->date = date_long;

	/* Document information. */
	struct pdf_info *in = &out->info;
	in->title = title;
	const char *author = NULL;
	const struct value *rep = value_map_get(view, "report");
	const struct value *au = rep ? value_map_get(rep, "author") : NULL;
	if (au)
		author = text_at(a, au, "name", NULL);
	in->author = author ? author : t->council_name;
	in->subject = committee;
	struct buf kw = BUF_INIT;
	const char *words[] = {t->council_name, committee,
	                       text_at(a, view, "inspection", "body"),
	                       text_at(a, view, "inspection", "framework")};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (words[i])
			buf_printf(&kw, "%s%s", kw.len ? "; " : "", words[i]);
	in->keywords = kw.len ? arena_strndup(a, kw.data, kw.len) : NULL;
	buf_free(&kw);
	in->creator = "clerk";
	in->language = text_at(a, view, "lang", NULL);
	in->date = text_at(a, view, "meeting", "date");
}

void paper_from_theme(struct arena *a, const struct theme *t,
                      const struct value *view, struct paper *out)
{
	struct layout_style st;
	paper_style(a, t, &st);
	paper_from_style(a, t, &st, view, out);
}
