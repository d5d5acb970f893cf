/* html internal: what the files of the view share, private to src/html.
 *
 * html_view (view.c) builds one `struct view` per report and passes it to
 * each step, whose file is named in the comments below. All values live
 * in `a`, the caller's arena; a step that meets an error reports it in
 * `d` and sets `failed`, and html_view then returns NULL. */
#ifndef CLERK_HTML_INTERNAL_H
#define CLERK_HTML_INTERNAL_H

#include <stdbool.h>
#include <string.h>

#include "html/view.h"
#include "mustache/value_data.h"

/* How many blocks a narrative section may show (view.c's list). */
enum { VIEW_NBLOCKS = 10 };

struct view {
	struct arena *a;
	struct diags *d;
	const struct theme *theme;
	/* The hooks' functions, for figures in prose; NULL: none. */
	const struct mustache_lambdas *lambdas;
	const struct value *report; /* the original */
	const char *dir;    /* the report's folder, which holds its images */
	size_t embedded;    /* image bytes embedded so far (prose images) */
	struct value *root; /* the view */
	int flat;           /* flat paragraph counter */
	int top;            /* top-level section counter */
	/* When the theme counts blocks: the number of each paragraph a
	 * block marks, in the page's order (html/marks.h), and what
	 * view_blocks.c renders the blocks with; else all NULL. */
	struct value *marks;
	struct mustache_dir *blocks;
	struct value *block_keys;
	/* For each block a section may show (view.c's list), the name in
	 * the show: item that first shows it, or NULL. */
	const struct value *shown[VIEW_NBLOCKS];
	/* Whether the theme's narrative-section partial prints `flow`: 0
	 * not yet looked at, 1 it does, 2 it was written before `flow` and
	 * prints `body`, `blocks`, `body_after`. */
	int flow;
	int failed;
};

/* Value-tree helpers: new values and map entries in the view's arena. */

static inline struct pos nopos(void)
{
	struct pos p = {NULL, 0, 0};
	return p;
}

static inline struct value *str(struct view *v, const char *s)
{
	return value_new_string(v->a, nopos(), s, strlen(s));
}

static inline struct value *strbuf(struct view *v, struct buf *b)
{
	return value_new_string(v->a, nopos(), buf_cstr(b), b->len);
}

static inline void set(struct view *v, struct value *map, const char *key,
                       struct value *val)
{
	value_map_set(v->a, map, key, val);
}

static inline void set_str(struct view *v, struct value *map, const char *key,
                           const char *s)
{
	set(v, map, key, str(v, s));
}

static inline void set_int(struct view *v, struct value *map, const char *key,
                           long n)
{
	set(v, map, key, value_new_int(v->a, nopos(), n));
}

static inline void set_bool(struct view *v, struct value *map, const char *key,
                            bool b)
{
	set(v, map, key, value_new_bool(v->a, nopos(), b));
}

/* view_figures.c */

/* Expands the Mustache tags of the prose field `text` against the view
 * into `out`, each value escaped so that Markdown reads it as text.
 * Returns 1 when `out` holds the expanded text, 0 when `text` has no tags
 * (nothing is written), -1 with an error in v->d and v->failed set. */
int view_prose_figures(struct view *v, const struct value *text,
                       struct buf *out);

/* view_prose.c */

/* Appends the HTML of `text` to `out`, headings shifted by `level`;
 * inline prose that makes one paragraph loses its <p>. Returns 0, or -1
 * with an error in v->d and v->failed set. */
int view_prose_html(struct view *v, const struct value *text, int level,
                    bool is_inline, struct buf *out);

/* The HTML of `text` as a new string value in the view's arena. */
struct value *view_prose(struct view *v, const struct value *text, int level,
                         bool is_inline);

/* Replaces every prose field of v->root by its HTML. */
void view_prose_fields(struct view *v);

/* view_words.c */

/* The display name of an action status as the theme prints it ("On
 * track"), or NULL when `s` is none. Borrowed from the theme. */
const char *view_status_name(const struct view *v, const char *s);

/* `id` as an HTML id, a new string value in the view's arena. */
struct value *view_anchor_of(struct view *v, const char *id);

/* Sets `KEY_long` ("31 December 2019") and `KEY_short` ("31 Dec 2019")
 * of the date `date` in `node`. */
void view_set_date_twins(struct view *v, struct value *node, const char *key,
                         const char *date);
/* Adds the `_long`, `_short`, `_name`, `_anchor` and `_href` twins under
 * `node`. */
void view_decorate(struct view *v, struct value *node);

/* view_computed.c */

/* Copies the hooks' judgement changes and action statuses into v->root;
 * `computed` may be NULL. */
void view_apply_computed(struct view *v, const struct value *computed);

/* Sets to null, under v->root, the optional keys templates read. */
void view_ensure_optional(struct view *v);

/* Adds the rows templates cannot make from the data's shape. */
void view_derived(struct view *v, const struct value *computed);

/* Gives every list under `node` a `KEY_count` twin. */
void view_count_lists(struct view *v, struct value *node);

/* The section being numbered: its number ("4" or "4.2") and the counter
 * its paragraphs and subsections share; the enclosing section's counter
 * (NULL at the top) and the section's page entry. */
struct counter {
	char number[160];
	int n;
	bool numbered;
	struct counter *parent;
	struct value *entry;
};

/* view_number.c */

/* Whether the theme numbers `part` (enum theme_count): continuous
 * numbering always counts the recommendations. */
bool view_counts(const struct view *v, unsigned part);

/* The counter the paragraphs of section `c` take their numbers from, and
 * in `*prefix` the prefix their numbers carry (NULL in flat styles). */
int *view_paragraph_counter(struct view *v, struct counter *c,
                            const char **prefix);

/* `html` (a rendered body) as a new string value, its top-level
 * paragraphs numbered as the theme says when section `c` (may be NULL)
 * is numbered. */
struct value *view_number_html(struct view *v, const char *html,
                               struct counter *c);

/* Counts the marked paragraphs of each block of the list `bl` of
 * section `c` and numbers them, when the theme counts blocks, into
 * v->marks. */
void view_number_blocks(struct view *v, struct value *bl, struct counter *c);

/* Sets the sectioned number of the section `c` starts (entry `e`): a
 * top section's "4." from the next top number; a subsection prints none
 * and carries its top section's number. */
void view_section_number(struct view *v, struct value *e, struct counter *c,
                         const struct counter *parent);

/* view.c */

/* The theme's `brand` map as templates see it (council name, logo ...),
 * new in the view's arena. */
struct value *view_brand(struct view *v);

/* view_blocks.c */

/* The paragraphs `block` (a section's block entry: its `partial` and
 * `hl`) marks class="para" when its partial is rendered inside the
 * section entries `chain` (innermost first, `n` of them), as the page
 * will render it: a new list, in order, of maps holding each one's start
 * tag (`tag`) and the template file that wrote it (`at`); empty, with
 * v->failed set, when the partial fails. */
struct value *view_block_marks(struct view *v, const struct value *block,
                               const struct value *const *chain, size_t n);

/* Whether the theme's partial `partial` (the council's, else the
 * default's) names `name` in a tag of its own (mustache_names); true
 * when it is missing or does not compile, which the page's render then
 * reports. */
bool view_partial_names(struct view *v, const char *partial, const char *name);

/* Frees what view_block_marks kept (its partials). */
void view_blocks_free(struct view *v);

/* view_chart.c */

/* Gives every chart under `node` (hook data) its `html`. */
void view_charts(struct view *v, struct value *node);

#endif
