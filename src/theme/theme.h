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
 * the same name. How things look is one style table (theme_style_parse):
 * templates/default/style.css and the council's extra.css with the
 * tokens as var(), written as the web page's CSS (theme_css) and given to
 * the PDF's layout as its rules, so the page and the PDF share one source
 * of style.
 *
 * Everything a theme holds is in the caller's arena; the files it reads
 * (brand.yaml, logo, style.css, extra.css) and those the page later
 * reads through it (templates, partials, images) are noted in the recorder
 * theme_load is given, which the caller owns. */
#ifndef CLERK_THEME_THEME_H
#define CLERK_THEME_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "value/value.h"
#include "vocabulary/vocabulary.h"

/* How paragraphs are numbered: 4.1.3, 1..18 through the report, or not;
 * continuous is flat with the recommendations and reasons in the same
 * run; sectioned numbers each top-level section's paragraphs, its
 * subsections' included, in one counter (4.1, 4.2, ... 4.9). */
enum theme_numbering {
	THEME_NUMBER_HIERARCHICAL,
	THEME_NUMBER_FLAT,
	THEME_NUMBER_NONE,
	THEME_NUMBER_CONTINUOUS,
	THEME_NUMBER_SECTIONED,
};

/* Which parts of a paper take paragraph numbers besides the narrative
 * and the other prose sections (brand.yaml `numbering.count`), as bits:
 * the recommendations and reasons (each item a paragraph, its number
 * its marker), the implication sections' paragraphs, and the paragraphs
 * a block template marks `class="para"`. */
enum theme_count {
	THEME_COUNT_RECOMMENDATIONS = 1,
	THEME_COUNT_IMPLICATIONS = 2,
	THEME_COUNT_BLOCKS = 4,
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
	const char *family;    /* a CSS font-family list, as theme_font_list
	                          writes it back: "\"Arial\", sans-serif" */
	struct pos family_pos; /* where brand.yaml names it (the default
	                          theme's or the council's) */
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
	/* A group (brand.yaml `group:`, under an id that is no standard
	 * section's): the standard sections printed under its heading, in
	 * this order, each only when it has data; NULL for a standard
	 * section. */
	const char **group;
	size_t ngroup;
	bool held_headings; /* `headings: keep`: each held section prints
	                       its own heading under the group's */
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

/* Badges of grades and statuses, one for each vocabulary entry, in the
 * vocabulary's order (src/vocabulary/vocabulary.h). */
enum { THEME_GRADES = VOCABULARY_GRADES, THEME_STATUSES = VOCABULARY_STATUSES };
/* At most this many colours in brand.yaml `charts.palette`. */
enum { THEME_CHART_COLORS = 8 };

/* Where a style rule applies: everywhere, on paper (the PDF and the
 * printed page), on screen, or under another @media query (the web page
 * only). */
enum theme_media {
	THEME_MEDIA_ALL,
	THEME_MEDIA_PRINT,
	THEME_MEDIA_SCREEN,
	THEME_MEDIA_OTHER,
};

/* One declaration `name: value`; every var(--token) of the value already
 * replaced by the token's CSS text. */
struct theme_decl {
	const char *name;  /* "background-color" */
	const char *value; /* "#eeeeff", comments left out, spaces squeezed */
	struct pos pos;    /* where the declaration starts */
};

/* One rule of the style table. */
struct theme_rule {
	const char *selector; /* a selector list: "th,td", "a > b" */
	enum theme_media media;
	const char *query; /* the @media text ("print", "(max-width:40em)"),
	                      NULL for THEME_MEDIA_ALL outside @media */
	struct theme_decl *decls;
	size_t ndecls;
	struct pos pos;
};

/* The style table: the default theme's style.css, then the council's
 * extra.css, in order. */
struct theme_style {
	struct theme_rule *rules;
	size_t n, cap;
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

	/* brand.yaml `charts.palette`: the colours a chart's series take in
	 * turn, unless the series names its own or a status. */
	uint32_t chart_palette[THEME_CHART_COLORS];
	size_t nchart_palette;

	enum theme_numbering paragraphs;
	/* How a paragraph's number is printed (brand.yaml
	 * `numbering.format`): {n} the paragraph's count, {s} its section's
	 * number ("4.2", hierarchical; "4", sectioned). NULL: "{s}.{n}" in
	 * hierarchical and sectioned style, "{n}" otherwise. */
	const char *paragraph_format;
	/* What is counted (enum theme_count bits): brand.yaml
	 * `numbering.count`, else the style's default (theme_count_default). */
	unsigned paragraph_count;
	enum theme_list_style recommendations;

	struct theme_section *sections; /* printed ones, in order */
	size_t nsections;
	struct theme_section *known; /* every configured one, printed or not */
	size_t nknown;

	struct theme_rules rules;

	/* The vocabulary's display names as this council prints them
	 * (brand.yaml `vocabulary:` over the defaults): names[KIND][i] names
	 * the i-th entry of vocabulary_entries(KIND). */
	const char **names[VOCABULARY_KINDS];
	/* The same for the hooks (clerk.vocabulary), as vocabulary_tree
	 * builds it. */
	struct value *vocabulary;
	/* The council's words for statuses (brand.yaml `status_words:`,
	 * WORD: ID, in its order), then each display name it renamed: what
	 * a status written in a report or a spreadsheet may also be. */
	struct vocabulary_words status_words;
	/* The same as a map, WORD: ID, for `clerk data` to print back. */
	struct value *status_words_tree;
	/* brand.yaml `words:`: KEY: text the templates print (a map, maybe
	 * empty). */
	const struct value *words;

	/* brand.yaml `web:`: where the council publishes its papers
	 * (`base_url`, an http(s) address, or NULL) and the footer's line on
	 * how to ask for a paper in another format (`accessible_formats`,
	 * or NULL). */
	const char *web_base_url;
	const char *web_accessible_formats;
	/* brand.yaml `glossary:`: TERM: what it stands for, the council's
	 * standing abbreviations (a map, maybe empty). */
	const struct value *glossary;

	const char **hooks; /* hook names the theme runs by default */
	size_t nhooks;

	/* The one style table, written as the page's CSS and given to
	 * the PDF's layout (docs/themes.md). */
	struct theme_style style;
	/* What theme_css writes, once theme_css_keep made it (NULL: made
	 * at each call). */
	const char *css;
	size_t css_len;

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

/* Appends the page's CSS: the style table (every media, @media blocks
 * for print, screen and other queries) and the @page rule of the
 * tokens. */
void theme_css(const struct theme *t, struct buf *out);
/* Makes what theme_css writes now, in `a`, and keeps it in `t`, so that
 * every page of the theme takes it as it is (a process that forks
 * workers calls it for each theme it loads). */
void theme_css_keep(struct arena *a, struct theme *t);

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

/* The display name of `id` of `kind` as this theme prints it, or NULL when
 * `id` is not in the vocabulary. Borrowed from the theme. */
const char *theme_name(const struct theme *t, enum vocabulary_kind kind,
                       const char *id);

/* The text of `key` in brand.yaml `words:` (merged over the default's), or
 * "" when the theme has none. Borrowed from the theme. */
const char *theme_word(const struct theme *t, const char *key);

/* Checks `css` (len bytes: a theme's style.css or extra.css, at path
 * `file`, which diagnostics print and whose last part they name) before it is
 * inlined into the page's style element: UTF-8; no "<" or "&" anywhere; no
 * control characters; comments and strings closed, braces balanced, no
 * backslash outside a string; no @import, url(), image(), image-set(), src(),
 * element(), cross-fade(), expression() or javascript: outside comments and
 * strings. Returns 0, or -1 with the first problem in `d` at its line:col. */
int theme_check_css(const char *file, const char *css, size_t len,
                    struct diags *d);

/* Parses the style sheet css[0..len) (named `file`) and appends its rules
 * to `out`, every var(--token) replaced by `t`'s token (theme_token_css).
 * The language is the subset of CSS in docs/themes.md. Returns 0, or -1
 * with the first problem in `d` at its file:line:col. Everything is
 * allocated in `a`. */
int theme_style_parse(struct arena *a, const struct theme *t, const char *file,
                      const char *css, size_t len, struct theme_style *out,
                      struct diags *d);

/* Writes the style table as CSS: one rule a line, consecutive rules of
 * one @media query inside one @media block. clerk's own properties
 * (`-clerk-hang`, for the PDF) are left out, and so is a rule that has
 * no other. */
void theme_style_write(const struct theme_style *s, struct buf *out);

/* The CSS text of the token NAME of `var(--NAME)` (name[0..len), without
 * the dashes): a colour (`link`, `table-head-background`), a badge colour
 * (`grade-good-background`, `status-on-track-text`), a font's `-family`,
 * `-size` (in pt), `-line-height` or `-weight` (`body-size`), or
 * `logo-width` (in mm); NULL when there is no such token. The text is the
 * theme's or allocated in `a`. */
const char *theme_token_css(struct arena *a, const struct theme *t,
                            const char *name, size_t len);

/* Checks `report` (a loaded, schema-checked report) against the theme:
 * each mandatory section whose data is missing or blank is an error at
 * the report's nearest map, and each broken rule (`rules` in brand.yaml)
 * an error or a warning at the value that breaks it. Returns 0, or -1
 * when an error was added. */
int theme_check_report(const struct theme *t, const struct value *report,
                       struct diags *d);

/* What numbering style `style` counts when brand.yaml gives no
 * `numbering.count` (enum theme_count bits): the implications in every
 * numbered style, the recommendations in continuous and sectioned, the
 * blocks in sectioned. */
unsigned theme_count_default(enum theme_numbering style);

/* True when the report has data for the standard section `id`. */
bool theme_section_has_data(const struct value *report, const char *id);

#endif
