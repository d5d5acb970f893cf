/* theme: a council's house style: brand.yaml tokens, templates, CSS.
 *
 * A theme is a folder templates/COUNCIL holding `brand.yaml` and any
 * templates it overrides. Its brand.yaml is merged over
 * templates/default/brand.yaml the way `extends:` merges (maps key by key,
 * anything else replaced), so a council writes only what differs. The
 * merged tree is checked (every problem at its file:line:col) and read
 * into struct theme, whose token names follow the PDF layout style: page
 * size and margins in millimetres, fonts with sizes in points, colours as
 * #rrggbb, running header and footer as left/center/right texts.
 *
 * Templates are looked up in [templates/COUNCIL, templates/default]
 * (theme_search_path); a council overrides one partial by adding a file of
 * the same name. The web page's CSS is generated from the tokens
 * (theme_css), so the page and the PDF share one source of style.
 *
 * Everything a theme holds is in the caller's arena; the files it reads
 * (brand.yaml, logo, extra.css) and those the page later reads through it
 * (templates, partials, images) are noted in the recorder theme_load is
 * given, which the caller owns. */
#ifndef CLERK_THEME_THEME_H
#define CLERK_THEME_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "value/value.h"

/* How paragraphs are numbered: 4.1.3, 1..18 through the report, or not. */
enum theme_numbering {
	THEME_NUMBER_HIERARCHICAL,
	THEME_NUMBER_FLAT,
	THEME_NUMBER_NONE,
};

/* How recommendations are numbered: 1. 2., i. ii., a. b. */
enum theme_list_style {
	THEME_LIST_DECIMAL,
	THEME_LIST_ROMAN,
	THEME_LIST_ALPHA,
};

/* A background and the text on it (grade and status badges). */
struct theme_swatch {
	const char *background;
	const char *text;
};

struct theme_font {
	const char *family; /* a CSS font-family list, as theme_font_list
	                       writes it back: "\"Arial\", sans-serif" */
	double size_pt;
	double line_height; /* a multiple of the size */
	const char *weight; /* "normal" or "bold" */
};

/* A running header or footer: three texts, each may hold {council},
 * {committee}, {date}, {title}, {item}, {page} and {pages}. */
struct theme_running {
	const char *left;
	const char *center;
	const char *right;
};

/* One standard section as the theme prints it. */
struct theme_section {
	const char *id;      /* summary, recommendations, implications.legal */
	const char *heading; /* as printed */
	bool numbered;       /* takes a number and numbers its paragraphs */
	bool mandatory;      /* `clerk check` fails when its data is missing */
	struct pos pos;      /* where the theme configures it */
	const char **with;   /* prose sections printed inside this one, after
	                        its own text ("Financial and legal
	                        implications"), or NULL */
	size_t nwith;
};

/* How `clerk check` treats a broken rule of the theme. */
enum theme_severity {
	THEME_RULE_OFF,
	THEME_RULE_WARNING,
	THEME_RULE_ERROR,
};

/* The council's rules (brand.yaml `rules`), each off, a warning or an
 * error. */
struct theme_rules {
	enum theme_severity part2_exemption; /* Part 2: paragraph and reason */
	enum theme_severity actions_need_owner; /* every action has an owner */
	enum theme_severity actions_need_due; /* every action has a due date */
	enum theme_severity recommendations_answered; /* each answered */
};

/* The colours a page needs; every one #rrggbb. */
struct theme_colors {
	const char *text, *background, *heading, *accent, *link, *link_visited,
	        *focus, *muted, *rule, *table_head_background, *table_head_text,
	        *table_stripe, *header_background, *header_text;
};

/* Grade keys in data order (outstanding .. adequate), and statuses. */
enum { THEME_GRADES = 5, THEME_STATUSES = 6 };
extern const char *const theme_grade_names[THEME_GRADES];
extern const char *const theme_status_names[THEME_STATUSES];

/* One element or class rule for the PDF (brand.yaml `print.styles`):
 * `props` is a map of the properties that passed the check against the
 * names and types of docs/themes.md (size_pt, bold, color, background,
 * margin_top_pt ...), each written back from its parsed value: colours
 * #rrggbb, `family` a font list as theme_font_list writes it. */
struct theme_print_style {
	const char *selector; /* "h2", ".note", "td.total" */
	const struct value *props;
};

struct theme {
	const char *name;        /* the council folder's name */
	const char *dir;         /* templates/NAME (or the default's) */
	const char *default_dir; /* templates/default */
	struct value *brand;     /* the merged brand.yaml tree */

	const char *council_name;
	const char *logo_uri; /* data: URI of the logo, or NULL */
	const char *logo_alt;
	const char *logo_width_mm; /* a number written back by %g, e.g. "40" */

	struct theme_colors colors;
	struct theme_swatch grades[THEME_GRADES];
	struct theme_swatch statuses[THEME_STATUSES];
	struct theme_font body, heading, small;

	const char *page_size; /* "A4", "A5", "Letter" */
	double page_width_mm, page_height_mm;
	double margin_top_mm, margin_right_mm, margin_bottom_mm, margin_left_mm;
	struct theme_running header, footer;
	/* The first page's running header and footer (brand.yaml
	 * `print.first_page`), each the running one when not configured. */
	bool first_page_differs;
	struct theme_running first_header, first_footer;
	struct theme_print_style *print_styles; /* in brand.yaml order */
	size_t nprint_styles;

	enum theme_numbering paragraphs;
	enum theme_list_style recommendations;

	struct theme_section *sections; /* printed ones, in order */
	size_t nsections;
	struct theme_section *known; /* every configured one, printed or not */
	size_t nknown;

	struct theme_rules rules;

	const char **hooks; /* hook names the theme runs by default */
	size_t nhooks;

	const char *extra_css; /* the theme's own web CSS (extra.css), as
	                          theme_check_css passed it, or "" */

	/* Where the theme's files, and the templates, partials and images
	 * the page reads through it, are noted as inputs (base/fs.h);
	 * borrowed from theme_load's caller, NULL: nowhere. */
	struct fs_recorder *rec;
};

/* Loads the theme `council` (NULL or "" means "default") from the folder
 * `templates_dir`; `named_at` is where the report names the council (for
 * the error when there is no such theme; file NULL when not known). Everything
 * is allocated in `a`. Returns 0, or -1 with every problem in `d` (a missing
 * folder, a bad brand.yaml). A council name must be a plain name (lower-case
 * letters, digits, '-' and '_'). */
int theme_load(struct arena *a, const char *templates_dir, const char *council,
               struct pos named_at, struct fs_recorder *rec, struct theme *out,
               struct diags *d);

/* The folders templates are searched in, best first: the council's, then
 * the default's (once when they are the same). Returns the count (1 or 2);
 * `dirs` borrows from the theme. */
size_t theme_search_path(const struct theme *t, const char *dirs[2]);

/* The configured section `id`, printed or not, or NULL. */
const struct theme_section *theme_section(const struct theme *t,
                                          const char *id);

/* Appends the page's CSS, screen and print, generated from the tokens,
 * followed by the theme's extra.css. */
void theme_css(const struct theme *t, struct buf *out);

/* Appends an @page rule whose margin boxes print the running header and
 * footer. `vars` is a map of strings for {council}, {committee}, {date},
 * {title} and {item}; {page} and {pages} print the page counters. Report
 * text is escaped as CSS string characters. */
void theme_css_running(const struct theme *t, const struct value *vars,
                       struct buf *out);

/* The badge colours of `grade` or `status` (a data key such as
 * requires_improvement), or NULL when unknown. */
const struct theme_swatch *theme_grade(const struct theme *t,
                                       const char *grade);
const struct theme_swatch *theme_status(const struct theme *t,
                                        const char *status);

/* Parses a colour written #rgb or #rrggbb (either case) into 0xrrggbb.
 * Returns false, leaving `*rgb` alone, for anything else. The one colour
 * parser of brand.yaml: every colour the theme keeps was read by it. */
bool theme_color_parse(const char *s, uint32_t *rgb);
/* Writes `rgb` (0xrrggbb) as "#rrggbb", lower case, into out[8]. */
void theme_color_format(uint32_t rgb, char out[8]);

/* Checks `css` (len bytes: a theme's extra.css, named `file` in
 * diagnostics) before it is inlined into the page's style element: UTF-8;
 * no "<" or "&" anywhere; no control characters; comments and strings
 * closed, braces balanced, no backslash outside a string; no @import,
 * url(), image(), image-set(), src(), element(), cross-fade(),
 * expression() or javascript: outside comments and strings. Returns 0,
 * or -1 with the first problem in `d` at its line:col. */
int theme_check_css(const char *file, const char *css, size_t len,
                    struct diags *d);

/* The WCAG 2.2 contrast ratio of two #rrggbb colours (1 to 21). */
double theme_contrast(const char *fg, const char *bg);

/* Checks `report` (a loaded, schema-checked report) against the theme:
 * each mandatory section whose data is missing or blank is an error at
 * the report's nearest map, and each broken rule (`rules` in brand.yaml)
 * an error or a warning at the value that breaks it. Returns 0, or -1
 * when an error was added. */
int theme_check_report(const struct theme *t, const struct value *report,
                       struct diags *d);

/* True when the report has data for the standard section `id`. */
bool theme_section_has_data(const struct value *report, const char *id);

#endif
