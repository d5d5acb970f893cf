/* layout style: the tokens that decide how the PDF looks.
 *
 * A `struct layout_style` is plain data. The theme module fills it from a
 * council's brand.yaml (the same tokens that generate the web page's CSS);
 * layout_style_defaults() gives a neutral committee paper: A4, 20 mm
 * margins, Liberation Sans 11 pt body, bold headings, and no running
 * header or footer: their words are the theme's (brand.yaml `header`,
 * `footer`).
 *
 * Element and class styles are a small table of rules, applied in order:
 * the built-in rules for each element first (unless own_rules_only),
 * then the theme's. A rule's selector is compound selectors (an optional
 * tag, then `.class`, `:first-child`, `:last-child`, `:nth-child(odd)`,
 * `:nth-child(even)`) joined by " " (descendant) or " > " (child), one
 * space each side; a rule sets only the
 * properties named in its `set` mask (LAYOUT_P_*), so a theme can change
 * the colour of `td.grade-good` without restating its font, or the left
 * border of a box without its others. Font family,
 * size, weight, style, colour, alignment and line height are inherited by
 * children; boxes (margins, padding, borders, background) are not.
 *
 * Boxes follow CSS's model side by side (top, right, bottom, left): each
 * border side has its own width, style and colour and is drawn only when
 * its style is not none, and a colour of LAYOUT_NONE is the text's
 * (currentColor). Padding insets a block's content only inside a box that
 * is drawn (a background or a border); on an unboxed block the web's
 * padding is its hanging-indent idiom, which the PDF does with hanging
 * numbers and list indents instead. Table cells always take their padding.
 *
 * Lengths are PDF points (1/72 in); colours are 0xRRGGBB; LAYOUT_NONE
 * (a value outside 24 bits) means "no colour". Every string is borrowed:
 * it must outlive the layout call. */
#ifndef CLERK_LAYOUT_STYLE_H
#define CLERK_LAYOUT_STYLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LAYOUT_NONE 0x1000000u
#define LAYOUT_MM(x) ((x)*72.0 / 25.4)
/* Font families a style may name; family 0 is the body text's. */
#define LAYOUT_MAX_FAMILIES 4

enum layout_align {
	LAYOUT_ALIGN_LEFT,
	LAYOUT_ALIGN_CENTER,
	LAYOUT_ALIGN_RIGHT,
	LAYOUT_ALIGN_JUSTIFY
};

/* The sides of a box, in CSS's order; index layout_props' arrays. */
enum layout_side { LAYOUT_TOP, LAYOUT_RIGHT, LAYOUT_BOTTOM, LAYOUT_LEFT };

/* Property bits for `struct layout_rule.set`. */
enum {
	LAYOUT_P_FAMILY = 1u << 0,
	LAYOUT_P_SIZE = 1u << 1,
	LAYOUT_P_BOLD = 1u << 2,
	LAYOUT_P_ITALIC = 1u << 3,
	LAYOUT_P_COLOR = 1u << 4,
	LAYOUT_P_BACKGROUND = 1u << 5,
	LAYOUT_P_MARGIN_TOP = 1u << 7,
	LAYOUT_P_MARGIN_BOTTOM = 1u << 18,
	LAYOUT_P_MARGIN = LAYOUT_P_MARGIN_TOP | LAYOUT_P_MARGIN_BOTTOM,
	LAYOUT_P_ALIGN = 1u << 9,
	LAYOUT_P_KEEP_WITH_NEXT = 1u << 10,
	LAYOUT_P_BREAK_BEFORE = 1u << 11,
	LAYOUT_P_LINE_HEIGHT = 1u << 12,
	LAYOUT_P_INDENT = 1u << 13, /* left indent of a block */
	LAYOUT_P_UNDERLINE = 1u << 14,
	LAYOUT_P_WIDTH = 1u << 15,  /* table columns: share of the width */
	LAYOUT_P_HIDDEN = 1u << 16, /* not drawn (the web page's furniture) */
	LAYOUT_P_NOWRAP = 1u << 17, /* spaces do not break lines */
	LAYOUT_P_LIST_NONE = 1u << 19, /* a list without markers */
	LAYOUT_P_HYPHENS = 1u << 6     /* words may take a hyphen */
};
/* The bits of one side's border width, style and colour and padding, and
 * of the right margin (margin-left is LAYOUT_P_INDENT). */
#define LAYOUT_P_BORDER_WIDTH(side) (UINT64_C(1) << (20 + (side)))
#define LAYOUT_P_BORDER_STYLE(side) (UINT64_C(1) << (24 + (side)))
#define LAYOUT_P_BORDER_COLOR(side) (UINT64_C(1) << (28 + (side)))
#define LAYOUT_P_PADDING_SIDE(side) (UINT64_C(1) << (32 + (side)))
#define LAYOUT_P_MARGIN_RIGHT (UINT64_C(1) << 36)
/* A link prints its address after its text (`link_address`). */
#define LAYOUT_P_LINK_ADDRESS (UINT64_C(1) << 37)
/* All four sides: the `border` and `padding` shorthands. */
#define LAYOUT_P_BORDER (UINT64_C(0xfff) << 20)
#define LAYOUT_P_PADDING (UINT64_C(0xf) << 32)

/* One side of a box's border. It is drawn when `drawn` (a style other
 * than none or hidden) and `width` > 0; `color` LAYOUT_NONE is the text's
 * colour. */
struct layout_border {
	double width;
	uint32_t color;
	bool drawn;
};

/* The same border on all four sides, and one length on all four, for
 * initialisers. */
/* clang-format off */
#define LAYOUT_BORDERS(w, c) \
	{{(w), (c), true}, {(w), (c), true}, {(w), (c), true}, {(w), (c), true}}
#define LAYOUT_SIDES(x) {(x), (x), (x), (x)}
/* clang-format on */

/* The properties a rule may set. */
struct layout_props {
	int family; /* index into layout_style.families */
	double size;
	bool bold, italic, underline;
	uint32_t color, background;
	struct layout_border border[4]; /* by enum layout_side */
	double margin_top, margin_bottom, margin_right;
	double padding[4]; /* by enum layout_side */
	enum layout_align align;
	bool keep_with_next, break_before;
	double line_height; /* multiple of the font size */
	double indent;      /* the left margin */
	double width;       /* percent of the table width, for th/td/col */
	bool hidden;        /* the element and its content are not drawn */
	bool nowrap;        /* inherited: no line break at a space */
	bool list_none;     /* a ul or ol drawn without markers or indent, as
	                       the plain_list_classes are */
	bool hyphens;       /* inherited: a word wider than its line may be
	                       hyphenated (CSS `hyphens: auto`) */
	bool link_address;  /* on an <a> to an http(s) address: " (ADDRESS)"
	                       follows its text, as part of the link, unless
	                       the text is the address already */
};

struct layout_rule {
	const char *selector; /* "h1", ".grade-good", "td.grade-good" */
	uint64_t set;         /* LAYOUT_P_* bits */
	struct layout_props p;
};

/* A font family: its name, and TrueType files for its four faces. When
 * `regular` is NULL the PDF module finds each face by the family's name,
 * weight and slant (fontconfig); otherwise a NULL face falls back to the
 * regular one. */
struct layout_family {
	const char *name;
	const char *regular, *bold, *italic, *bold_italic;
};

/* Running header or footer: three slots on one line. Text may hold
 * {page}, {pages}, {title} and {date}. */
struct layout_running {
	const char *left, *center, *right;
};

struct layout_style {
	double page_width, page_height; /* points; A4 by default */
	double margin_top, margin_right, margin_bottom, margin_left;
	struct layout_family families[LAYOUT_MAX_FAMILIES];
	int nfamilies;
	int fallback_family;      /* for characters a face lacks: DejaVu Sans */
	struct layout_props body; /* the root's inherited properties */
	struct layout_running header, footer;
	/* The first page's variant; when `first_page_differs` is false the
	 * first page uses `header` and `footer` too. */
	bool first_page_differs;
	struct layout_running first_header, first_footer;
	double running_size; /* font size of header and footer */
	uint32_t running_color;
	double bullet_indent;   /* hanging indent of list items */
	double number_indent;   /* of <p><span class="num">4.1</span> */
	int orphans, widows;    /* at least 2 each */
	const char *bullets[3]; /* markers for nesting levels 1, 2, 3+ */
	/* Space-separated classes of a <span> that, first in a <p> or <li>,
	 * hangs in the indent as its number ("num" by default). */
	const char *hang_classes;
	/* Space-separated classes of lists drawn without markers or indent
	 * ("plain" by default). */
	const char *plain_list_classes;
	const char *title, *date; /* for {title} and {date} */
	const char *base_dir;     /* where relative image paths start */
	const char
	        *image_root; /* image files must lie in it (NULL: base_dir) */
	const struct layout_rule *rules; /* the theme's, after the built-ins */
	size_t nrules;
	/* True when `rules` are the whole table: the built-in rules are not
	 * applied (a theme's style sheet restates what it wants of them). */
	bool own_rules_only;
	/* Where the metrics provider (layout/metrics.h) notes the image
	 * files it reads as inputs (base/fs.h); layout itself never reads
	 * it. Borrowed, NULL: nowhere. */
	struct fs_recorder *rec;
};

/* The width side `side` of `p`'s border is drawn with: 0 when it is not
 * drawn. */
static inline double layout_border_width(const struct layout_props *p,
                                         enum layout_side side)
{
	return p->border[side].drawn && p->border[side].width > 0
	               ? p->border[side].width
	               : 0;
}

/* Fills `s` with the neutral committee paper described above. Font paths
 * point at Debian's fonts-liberation2 and fonts-dejavu-core. */
void layout_style_defaults(struct layout_style *s);

#endif
