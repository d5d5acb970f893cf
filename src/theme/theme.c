/* theme: loading and checking a council's brand.yaml over the default's.
 *
 * The default brand.yaml defines every token; a council's file is merged
 * over it with load_merge, so a token keeps the position of the file that
 * set it and every error points at the line an author wrote. Reading
 * collects every problem before failing. */
#include "theme/theme.h"
#include "theme/internal.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base64.h"
#include "base/color.h"
#include "base/fs.h"
#include "base/limits.h"
#include "base/near.h"
#include "base/xalloc.h"
#include "image/image.h"
#include "load/load.h"

/* The standard sections a theme may print, and where their data lives in
 * a report. A block section (one the narrative may also `show`) has
 * `block` set. */
struct standard {
	const char *id;
	const char *path; /* dotted path into the report */
	const char *alt;  /* a second path that also counts, or NULL */
};

static const struct standard standards[] = {
        {"lateness", "report.lateness", NULL},
        {"purpose", "report.purpose", NULL},
        {"summary", "report.summary", NULL},
        {"recommendations", "report.recommendations", NULL},
        {"reasons", "report.reasons", NULL},
        {"timeline", "report.timeline", NULL},
        {"policy_context", "report.policy_context", NULL},
        {"alternatives", "report.alternatives", NULL},
        {"narrative", "sections", NULL},
        {"inspection", "inspection", NULL},
        {"judgements", "inspection.judgements", NULL},
        {"findings", "inspection.findings", NULL},
        {"inspection_recommendations", "inspection.recommendations", NULL},
        {"earlier_inspections", "inspection.earlier", NULL},
        {"priorities", "action_plan.priorities", NULL},
        {"action_plan", "action_plan.priorities", NULL},
        {"progress", "progress", NULL},
        {"figures", "figures", NULL},
        {"implications.financial", "implications.financial", NULL},
        {"implications.legal", "implications.legal", NULL},
        {"implications.crime_and_disorder", "implications.crime_and_disorder",
         NULL},
        {"implications.equalities", "implications.equalities", NULL},
        {"implications.environmental", "implications.environmental", NULL},
        {"implications.climate", "implications.climate", NULL},
        {"implications.health_and_wellbeing",
         "implications.health_and_wellbeing", NULL},
        {"implications.human_resources", "implications.human_resources", NULL},
        {"implications.risk", "implications.risk", NULL},
        {"implications.safeguarding", "implications.safeguarding", NULL},
        {"implications.corporate_parenting", "implications.corporate_parenting",
         NULL},
        {"implications.other", "implications.other", NULL},
        {"background_papers", "background_papers", NULL},
        {"contact", "report.contact", "report.author"},
        {"appendices", "appendices", NULL},
        {"glossary", "glossary", NULL},
        {"audit_trail", "audit_trail", NULL},
};

static const struct standard *standard_find(const char *id)
{
	for (size_t i = 0; i < sizeof standards / sizeof *standards; i++)
		if (strcmp(standards[i].id, id) == 0)
			return &standards[i];
	return NULL;
}

bool theme_is_standard(const char *id)
{
	return standard_find(id) != NULL;
}

const char *theme_standard_nearest(const char *word)
{
	size_t len = strlen(word);
	size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	const char *best = NULL;
	size_t dist = limit + 1;
	for (size_t i = 0; i < sizeof standards / sizeof *standards; i++) {
		const char *id = standards[i].id;
		size_t d = near_distance(word, len, id, strlen(id));
		if (d < dist) {
			dist = d;
			best = id;
		}
	}
	return best;
}

/* The value at a dotted path, or NULL. */
static const struct value *path_get(const struct value *v, const char *path)
{
	while (v && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		v = value_map_getn(v, path, n);
		path += n + (dot != NULL);
	}
	return v;
}

static bool has_data(const struct value *v)
{
	if (!v || v->kind == VALUE_NULL)
		return false;
	if (v->kind == VALUE_STRING) {
		/* Blank text is no text: a mandatory section must say
		 * something. */
		for (size_t i = 0; i < v->len; i++)
			if (v->text[i] != ' ' && v->text[i] != '\n' &&
			    v->text[i] != '\t' && v->text[i] != '\r')
				return true;
		return false;
	}
	if (v->kind == VALUE_LIST)
		return v->as.list.len > 0;
	if (v->kind == VALUE_MAP)
		return v->as.map.len > 0;
	return true;
}

bool theme_section_has_data(const struct value *report, const char *id)
{
	const struct standard *s = standard_find(id);
	if (!s)
		return false;
	return has_data(path_get(report, s->path)) ||
	       (s->alt && has_data(path_get(report, s->alt)));
}

/* Reading tokens: each reader adds an error at the token's position and
 * returns a fallback, so one pass reports every problem. */
struct reader {
	struct arena *a;
	struct diags *d;
	const struct value *root;
	struct pos root_pos;
};

static const struct value *token(struct reader *r, const char *path)
{
	const struct value *v = path_get(r->root, path);
	if (!v || v->kind == VALUE_NULL) {
		diag_error(r->d, r->root_pos, "%s: missing from brand.yaml",
		           path);
		return NULL;
	}
	return v;
}

static const char *token_string(struct reader *r, const char *path)
{
	const struct value *v = token(r, path);
	if (!v || !theme_check_text(v, path, r->d))
		return "";
	return v->text;
}

/* A colour, kept as color_format writes it back; NULL (after the
 * error) when it is not one, so no contrast is checked against it. */
static const char *token_color(struct reader *r, const char *path)
{
	const struct value *v = path_get(r->root, path);
	char got[256];
	uint32_t rgb;
	if (v && v->kind == VALUE_NULL && v->pos.file) {
		/* `text: #1d70b8` unquoted is a comment to YAML. */
		diag_error(r->d, v->pos,
		           "%s: expected a colour such as \"#1d70b8\", in "
		           "quotes (unquoted, # starts a comment), got nothing",
		           path);
		return NULL;
	}
	if (!(v = token(r, path)))
		return NULL;
	if (v->kind != VALUE_STRING || !color_parse(v->text, &rgb)) {
		diag_error(r->d, v->pos,
		           "%s: expected a colour written #rrggbb or #rgb, "
		           "such as \"#1d70b8\", got %s",
		           path, theme_got(got, sizeof got, v));
		return NULL;
	}
	char *c = arena_alloc(r->a, 8);
	color_format(rgb, c);
	return c;
}

/* A number from `min` to `max`; `what` names it for the error ("a number
 * of points"). */
static double token_number(struct reader *r, const char *path, const char *what,
                           double min, double max)
{
	const struct value *v = token(r, path);
	if (!v)
		return min;
	double n = v->kind == VALUE_INT      ? (double)v->as.i
	           : v->kind == VALUE_NUMBER ? v->as.n
	                                     : NAN;
	if (!(n >= min && n <= max)) {
		char got[256];
		diag_error(r->d, v->pos,
		           "%s: expected %s from %g to %g, got %s", path, what,
		           min, max, theme_got(got, sizeof got, v));
		return min;
	}
	return n;
}

static bool token_bool(struct reader *r, const struct value *map,
                       const char *key, bool fallback, const char *where)
{
	const struct value *v = value_map_get(map, key);
	if (!v || v->kind == VALUE_NULL)
		return fallback;
	if (v->kind != VALUE_BOOL) {
		diag_error(r->d, v->pos, "%s.%s: expected true or false", where,
		           key);
		return fallback;
	}
	return v->as.b;
}

static int token_choice(struct reader *r, const char *path,
                        const char *const *names, const char *expect)
{
	const struct value *v = token(r, path);
	if (!v)
		return 0;
	for (int i = 0; names[i]; i++)
		if (v->kind == VALUE_STRING && strcmp(v->text, names[i]) == 0)
			return i;
	char got[256];
	diag_error(r->d, v->pos, "%s: expected %s, got %s", path, expect,
	           theme_got(got, sizeof got, v));
	return 0;
}

static void check_keys(struct reader *r, const struct value *map,
                       const char *where, const char *const *keys,
                       const char *expect)
{
	if (!map)
		return;
	if (map->kind != VALUE_MAP) {
		diag_error(r->d, map->pos, "%s: expected a map, got %s", where,
		           value_kind_name(map->kind));
		return;
	}
	for (size_t i = 0; i < map->as.map.len; i++) {
		const struct value *k = map->as.map.items[i].key;
		bool ok = false;
		for (int j = 0; keys[j] && !ok; j++)
			ok = strcmp(k->text, keys[j]) == 0;
		if (!ok)
			diag_error(r->d, k->pos,
			           "%s%s%s: unknown key; expected one of %s",
			           where, *where ? "." : "", k->text, expect);
	}
}

static void read_swatch(struct reader *r, const char *group, const char *name,
                        struct theme_swatch *out)
{
	static const char *const keys[] = {"background", "text", NULL};
	char path[128];
	snprintf(path, sizeof path, "%s.%s", group, name);
	check_keys(r, path_get(r->root, path), path, keys, "background, text");
	snprintf(path, sizeof path, "%s.%s.background", group, name);
	out->background = token_color(r, path);
	snprintf(path, sizeof path, "%s.%s.text", group, name);
	out->text = token_color(r, path);
}

static void read_font(struct reader *r, const char *name, struct theme_font *f)
{
	static const char *const keys[] = {"family", "size_pt", "line_height",
	                                   "weight", NULL};
	char path[128];
	snprintf(path, sizeof path, "fonts.%s", name);
	check_keys(r, path_get(r->root, path), path, keys,
	           "family, size_pt, line_height, weight");
	snprintf(path, sizeof path, "fonts.%s.family", name);
	f->family = "sans-serif";
	const struct value *v = token(r, path);
	if (v && v->kind != VALUE_STRING) {
		char got[256];
		diag_error(r->d, v->pos,
		           "%s: expected a list of font names such as \"Arial, "
		           "Helvetica, sans-serif\", got %s",
		           path, theme_got(got, sizeof got, v));
	} else if (v && theme_check_text(v, path, r->d)) {
		const char *why;
		const char *list = theme_font_list(r->a, v->text, &why);
		char got[256];
		if (list) {
			f->family = list;
			f->family_pos = v->pos;
		} else
			diag_error(r->d, v->pos,
			           "%s: expected font names separated by "
			           "commas, such as \"Arial, Helvetica, "
			           "sans-serif\" (%s), got %s",
			           path, why, theme_got(got, sizeof got, v));
	}
	snprintf(path, sizeof path, "fonts.%s.size_pt", name);
	f->size_pt = token_number(r, path, "a number of points", 4, 72);
	snprintf(path, sizeof path, "fonts.%s.line_height", name);
	f->line_height =
	        token_number(r, path, "a number (times the font size)", 1, 3);
	snprintf(path, sizeof path, "fonts.%s.weight", name);
	static const char *const weights[] = {"normal", "bold", NULL};
	f->weight = weights[token_choice(r, path, weights, "normal or bold")];
}

/* A running header or footer text; "" when there is none or it is
 * wrong (and reported). */
static const char *token_running(struct reader *r, const char *path)
{
	const struct value *v = token(r, path);
	if (!v || !theme_check_running(v, path, r->d))
		return "";
	return v->text;
}

static void read_running(struct reader *r, const char *name,
                         struct theme_running *out)
{
	static const char *const keys[] = {"left", "center", "right", NULL};
	check_keys(r, value_map_get(r->root, name), name, keys,
	           "left, center, right");
	char path[64];
	snprintf(path, sizeof path, "%s.left", name);
	out->left = token_running(r, path);
	snprintf(path, sizeof path, "%s.center", name);
	out->center = token_running(r, path);
	snprintf(path, sizeof path, "%s.right", name);
	out->right = token_running(r, path);
}

/* Text must reach WCAG AA's 4.5:1 on every background it is set on. */
static void check_contrast(struct reader *r, const char *fg_path,
                           const char *fg, const char *bg_path, const char *bg)
{
	if (!fg || !bg)
		return;
	double ratio = color_contrast(fg, bg);
	if (ratio + 1e-9 < 4.5) {
		const struct value *v = path_get(r->root, fg_path);
		diag_error(r->d, v ? v->pos : r->root_pos,
		           "%s (%s) on %s (%s): contrast is %.2f:1, WCAG AA "
		           "needs at least 4.5:1",
		           fg_path, fg, bg_path, bg, ratio);
	}
}

/* Black for a colour that was wrong (and reported). */
static void swatch_fallback(struct theme_swatch *s)
{
	if (!s->background)
		s->background = "#000000";
	if (!s->text)
		s->text = "#000000";
}

/* The ids of `kind`, as "a, b, c" for a message. */
static void vocabulary_list(struct buf *out, enum vocabulary_kind kind)
{
	size_t n;
	const struct vocabulary_entry *e = vocabulary_entries(kind, &n);
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "%s%s", i ? ", " : "", e[i].id);
}

/* Every key of `map` (at brand.yaml path `where`) must be an id of `kind`. */
static void check_vocabulary_ids(struct reader *r, const struct value *map,
                                 const char *where, enum vocabulary_kind kind)
{
	if (map->kind != VALUE_MAP) {
		diag_error(r->d, map->pos, "%s: expected a map, got %s", where,
		           value_kind_name(map->kind));
		return;
	}
	for (size_t i = 0; i < map->as.map.len; i++) {
		const struct value *k = map->as.map.items[i].key;
		if (vocabulary_find(kind, k->text))
			continue;
		struct buf ids = BUF_INIT;
		vocabulary_list(&ids, kind);
		diag_error(r->d, k->pos,
		           "%s.%s: unknown key; expected one of %s", where,
		           k->text, buf_cstr(&ids));
		buf_free(&ids);
	}
}

static void check_vocabulary_keys(struct reader *r, const char *where,
                                  enum vocabulary_kind kind)
{
	const struct value *map = value_map_get(r->root, where);
	if (map)
		check_vocabulary_ids(r, map, where, kind);
}

/* A `vocabulary:` group: ids of `kind`, each naming a non-empty text. */
static void check_vocabulary(struct reader *r, const struct value *map,
                             const char *where, enum vocabulary_kind kind)
{
	check_vocabulary_ids(r, map, where, kind);
	if (map->kind != VALUE_MAP)
		return;
	for (size_t i = 0; i < map->as.map.len; i++) {
		const struct value_pair *p = &map->as.map.items[i];
		char path[160];
		snprintf(path, sizeof path, "%.40s.%.100s", where,
		         p->key->text);
		if (!theme_check_text(p->value, path, r->d))
			continue;
		if (!p->value->text || !*p->value->text)
			diag_error(r->d, p->value->pos,
			           "%s: expected the name to print, got an "
			           "empty text",
			           path);
	}
}

static void read_colors(struct reader *r, struct theme *t)
{
	static const char *const keys[] = {"text",
	                                   "background",
	                                   "heading",
	                                   "accent",
	                                   "link",
	                                   "link_visited",
	                                   "focus",
	                                   "muted",
	                                   "rule",
	                                   "table_head_background",
	                                   "table_head_text",
	                                   "table_stripe",
	                                   "header_background",
	                                   "header_text",
	                                   NULL};
	const char **slots[] = {&t->colors.text,
	                        &t->colors.background,
	                        &t->colors.heading,
	                        &t->colors.accent,
	                        &t->colors.link,
	                        &t->colors.link_visited,
	                        &t->colors.focus,
	                        &t->colors.muted,
	                        &t->colors.rule,
	                        &t->colors.table_head_background,
	                        &t->colors.table_head_text,
	                        &t->colors.table_stripe,
	                        &t->colors.header_background,
	                        &t->colors.header_text};
	check_keys(r, value_map_get(r->root, "colors"), "colors", keys,
	           "the colour names of docs/themes.md");
	char path[64];
	for (int i = 0; keys[i]; i++) {
		snprintf(path, sizeof path, "colors.%s", keys[i]);
		*slots[i] = token_color(r, path);
	}
	const struct theme_colors *c = &t->colors;
	struct {
		const char *fg, *bg;
	} pairs[] = {
	        {"text", "background"},
	        {"heading", "background"},
	        {"link", "background"},
	        {"link_visited", "background"},
	        {"muted", "background"},
	        {"accent", "background"},
	        {"text", "table_stripe"},
	        {"link", "table_stripe"},
	        {"table_head_text", "table_head_background"},
	        {"header_text", "header_background"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		const char *fg = NULL, *bg = NULL;
		for (int j = 0; keys[j]; j++) {
			if (strcmp(keys[j], pairs[i].fg) == 0)
				fg = *slots[j];
			if (strcmp(keys[j], pairs[i].bg) == 0)
				bg = *slots[j];
		}
		char fp[64], bp[64];
		snprintf(fp, sizeof fp, "colors.%s", pairs[i].fg);
		snprintf(bp, sizeof bp, "colors.%s", pairs[i].bg);
		check_contrast(r, fp, fg, bp, bg);
	}
	for (int i = 0; keys[i]; i++)
		if (!*slots[i])
			*slots[i] = "#000000";
	(void)c;
	check_vocabulary_keys(r, "grades", VOCABULARY_GRADE);
	check_vocabulary_keys(r, "statuses", VOCABULARY_STATUS);
	size_t n;
	const struct vocabulary_entry *g =
	        vocabulary_entries(VOCABULARY_GRADE, &n);
	for (size_t i = 0; i < n; i++) {
		read_swatch(r, "grades", g[i].id, &t->grades[i]);
		char fp[96], bp[96];
		snprintf(fp, sizeof fp, "grades.%s.text", g[i].id);
		snprintf(bp, sizeof bp, "grades.%s.background", g[i].id);
		check_contrast(r, fp, t->grades[i].text, bp,
		               t->grades[i].background);
		swatch_fallback(&t->grades[i]);
	}
	const struct vocabulary_entry *st =
	        vocabulary_entries(VOCABULARY_STATUS, &n);
	for (size_t i = 0; i < n; i++) {
		read_swatch(r, "statuses", st[i].id, &t->statuses[i]);
		char fp[96], bp[96];
		snprintf(fp, sizeof fp, "statuses.%s.text", st[i].id);
		snprintf(bp, sizeof bp, "statuses.%s.background", st[i].id);
		check_contrast(r, fp, t->statuses[i].text, bp,
		               t->statuses[i].background);
		swatch_fallback(&t->statuses[i]);
	}
}

/* brand.yaml `charts:`: {palette: [colour, ...]}, one to
 * THEME_CHART_COLORS colours the series of a chart take in turn. */
static void read_charts(struct reader *r, struct theme *t)
{
	static const char *const keys[] = {"palette", NULL};
	check_keys(r, value_map_get(r->root, "charts"), "charts", keys,
	           "palette");
	const struct value *v = path_get(r->root, "charts.palette");
	char got[256];
	if (v && (v->kind != VALUE_LIST || v->as.list.len == 0 ||
	          v->as.list.len > THEME_CHART_COLORS)) {
		char many[48];
		snprintf(many, sizeof many, "%zu colours",
		         v->kind == VALUE_LIST ? v->as.list.len : (size_t)0);
		diag_error(
		        r->d, v->pos,
		        "charts.palette: expected a list of 1 to %d colours, "
		        "such as [\"#1d70b8\", \"#00703c\"], got %s",
		        THEME_CHART_COLORS,
		        v->kind == VALUE_LIST
		                ? (v->as.list.len ? many : "an empty list")
		        : v->kind == VALUE_NULL
		                ? "nothing"
		                : theme_got(got, sizeof got, v));
		v = NULL;
	}
	for (size_t i = 0; v && i < v->as.list.len; i++) {
		const struct value *c = v->as.list.items[i];
		uint32_t rgb;
		if (c->kind != VALUE_STRING || !color_parse(c->text, &rgb)) {
			diag_error(r->d, c->pos,
			           "charts.palette[%zu]: expected a colour "
			           "written "
			           "#rrggbb or #rgb, in quotes, such as "
			           "\"#1d70b8\", got %s",
			           i, theme_got(got, sizeof got, c));
			continue;
		}
		t->chart_palette[t->nchart_palette++] = rgb;
	}
	/* Only a theme read without the default brand.yaml (which lists
	 * six) or one refused above has none. */
	if (t->nchart_palette == 0)
		t->chart_palette[t->nchart_palette++] = 0x1d70b8;
}

/* brand.yaml `vocabulary:`: {grades|statuses|classes: {ID: NAME}}, each
 * NAME replacing the vocabulary's display name of ID. */
static void read_vocabulary(struct reader *r, struct theme *t)
{
	static const char *const kinds[] = {"grades", "statuses", "classes",
	                                    NULL};
	const struct value *voc = value_map_get(r->root, "vocabulary");
	if (voc && voc->kind != VALUE_NULL)
		check_keys(r, voc, "vocabulary", kinds,
		           "grades, statuses, classes");
	for (int k = 0; k < VOCABULARY_KINDS; k++) {
		const char *plural = vocabulary_kind_plural(k);
		char where[64];
		snprintf(where, sizeof where, "vocabulary.%s", plural);
		const struct value *map = voc && voc->kind == VALUE_MAP
		                                  ? value_map_get(voc, plural)
		                                  : NULL;
		if (map && map->kind != VALUE_NULL)
			check_vocabulary(r, map, where, k);
		size_t n;
		const struct vocabulary_entry *e = vocabulary_entries(k, &n);
		t->names[k] = arena_alloc(r->a, n * sizeof *t->names[k]);
		for (size_t i = 0; i < n; i++) {
			const struct value *v =
			        map && map->kind == VALUE_MAP
			                ? value_map_get(map, e[i].id)
			                : NULL;
			t->names[k][i] = e[i].name;
			if (v && value_is_scalar(v) && v->text && *v->text)
				t->names[k][i] = v->text;
		}
	}
	t->vocabulary = vocabulary_tree(r->a, (const char **const *)t->names);
}

/* brand.yaml `status_words:`: WORD: ID, each WORD a council's word for
 * the status ID ("Green: on_track", "Complete: done"). A word may not be
 * another status's id or name, nor be given twice, since it could then
 * mean two things. The theme's renamed display names follow the words. */
static void read_status_words(struct reader *r, struct theme *t)
{
	const struct value *m = value_map_get(r->root, "status_words");
	struct pos none = {NULL, 0, 0};
	size_t n = m && m->kind == VALUE_MAP ? m->as.map.len : 0;
	struct vocabulary_word *list =
	        arena_alloc(r->a, (n + VOCABULARY_STATUSES) * sizeof *list);
	size_t len = 0;
	t->status_words_tree = value_new_map(r->a, none);
	if (m && m->kind != VALUE_NULL && m->kind != VALUE_MAP)
		diag_error(r->d, m->pos,
		           "status_words: expected a map of "
		           "WORD: STATUS, got %s",
		           value_kind_name(m->kind));
	for (size_t i = 0; i < n; i++) {
		const struct value *k = m->as.map.items[i].key;
		const struct value *v = m->as.map.items[i].value;
		const struct vocabulary_entry *e =
		        value_is_scalar(v)
		                ? vocabulary_find(VOCABULARY_STATUS, v->text)
		                : NULL;
		if (!e) {
			struct buf ids = BUF_INIT;
			vocabulary_list(&ids, VOCABULARY_STATUS);
			diag_error(r->d, v->pos,
			           "status_words.%s: expected a status (%s)",
			           k->text, buf_cstr(&ids));
			buf_free(&ids);
			continue;
		}
		struct vocabulary_words sofar = {list, len};
		const char *was = vocabulary_status_of(&sofar, k->text, k->len);
		if (!*k->text || (was && strcmp(was, e->id) != 0)) {
			diag_error(r->d, k->pos,
			           "status_words: \"%s\" already names the "
			           "status %s, so it cannot also mean %s",
			           k->text, was ? was : "(none)", e->id);
			continue;
		}
		list[len++] = (struct vocabulary_word){k->text, e->id};
		value_map_set(
		        r->a, t->status_words_tree, k->text,
		        value_new_string(r->a, none, e->id, strlen(e->id)));
	}
	size_t ns;
	const struct vocabulary_entry *st =
	        vocabulary_entries(VOCABULARY_STATUS, &ns);
	for (size_t i = 0; i < ns; i++) {
		const char *name = t->names[VOCABULARY_STATUS][i];
		struct vocabulary_words sofar = {list, len};
		if (!vocabulary_status_of(&sofar, name, strlen(name)))
			list[len++] = (struct vocabulary_word){name, st[i].id};
	}
	t->status_words = (struct vocabulary_words){list, len};
}

/* brand.yaml `words:`: KEY: text, each a string. */
static void read_words(struct reader *r, struct theme *t)
{
	const struct value *w = value_map_get(r->root, "words");
	struct pos none = {NULL, 0, 0};
	if (!w || w->kind == VALUE_NULL) {
		t->words = value_new_map(r->a, none);
		return;
	}
	if (w->kind != VALUE_MAP) {
		diag_error(r->d, w->pos, "words: expected a map, got %s",
		           value_kind_name(w->kind));
		t->words = value_new_map(r->a, none);
		return;
	}
	for (size_t i = 0; i < w->as.map.len; i++) {
		char path[160];
		snprintf(path, sizeof path, "words.%.140s",
		         w->as.map.items[i].key->text);
		theme_check_text(w->as.map.items[i].value, path, r->d);
	}
	t->words = w;
}

/* brand.yaml `web:` (base_url, accessible_formats) and `glossary:`
 * (TERM: expansion). */
static void read_web(struct reader *r, struct theme *t)
{
	static const char *const keys[] = {"base_url", "accessible_formats",
	                                   NULL};
	check_keys(r, value_map_get(r->root, "web"), "web", keys,
	           "base_url, accessible_formats");
	const struct value *u = path_get(r->root, "web.base_url");
	if (u && u->kind != VALUE_NULL &&
	    theme_check_text(u, "web.base_url", r->d) && *u->text) {
		if (strncmp(u->text, "https://", 8) != 0 &&
		    strncmp(u->text, "http://", 7) != 0)
			diag_error(r->d, u->pos,
			           "web.base_url: expected an address starting "
			           "https:// or http://, got \"%.40s\"",
			           u->text);
		else
			t->web_base_url = u->text;
	}
	const struct value *f = path_get(r->root, "web.accessible_formats");
	if (f && f->kind != VALUE_NULL &&
	    theme_check_text(f, "web.accessible_formats", r->d) && *f->text)
		t->web_accessible_formats = f->text;
	const struct value *g = value_map_get(r->root, "glossary");
	struct pos none = {NULL, 0, 0};
	t->glossary = value_new_map(r->a, none);
	if (!g || g->kind == VALUE_NULL)
		return;
	if (g->kind != VALUE_MAP) {
		diag_error(r->d, g->pos,
		           "glossary: expected a map of TERM: what it stands "
		           "for, got %s",
		           value_kind_name(g->kind));
		return;
	}
	for (size_t i = 0; i < g->as.map.len; i++) {
		char path[160];
		snprintf(path, sizeof path, "glossary.%.140s",
		         g->as.map.items[i].key->text);
		theme_check_text(g->as.map.items[i].value, path, r->d);
	}
	t->glossary = g;
}

static void read_page(struct reader *r, struct theme *t)
{
	static const struct {
		const char *name;
		double w, h;
	} sizes[] = {{"A4", 210, 297},
	             {"A5", 148, 210},
	             {"A3", 297, 420},
	             {"Letter", 215.9, 279.4},
	             {"Legal", 215.9, 355.6}};
	static const char *const keys[] = {"size",
	                                   "margin_top_mm",
	                                   "margin_right_mm",
	                                   "margin_bottom_mm",
	                                   "margin_left_mm",
	                                   NULL};
	check_keys(r, value_map_get(r->root, "page"), "page", keys,
	           "size, margin_top_mm, margin_right_mm, margin_bottom_mm, "
	           "margin_left_mm");
	const struct value *size = token(r, "page.size");
	t->page_size = "A4";
	t->page_width_mm = 210;
	t->page_height_mm = 297;
	if (size) {
		bool found = false;
		for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
			if (size->kind == VALUE_STRING &&
			    strcmp(size->text, sizes[i].name) == 0) {
				t->page_size = sizes[i].name;
				t->page_width_mm = sizes[i].w;
				t->page_height_mm = sizes[i].h;
				found = true;
			}
		char got[256];
		if (!found)
			diag_error(r->d, size->pos,
			           "page.size: expected A4, A5, A3, Letter or "
			           "Legal, got %s",
			           theme_got(got, sizeof got, size));
	}
	t->margin_top_mm = token_number(r, "page.margin_top_mm",
	                                "a number of millimetres", 0, 100);
	t->margin_right_mm = token_number(r, "page.margin_right_mm",
	                                  "a number of millimetres", 0, 100);
	t->margin_bottom_mm = token_number(r, "page.margin_bottom_mm",
	                                   "a number of millimetres", 0, 100);
	t->margin_left_mm = token_number(r, "page.margin_left_mm",
	                                 "a number of millimetres", 0, 100);
	if (t->margin_left_mm + t->margin_right_mm > t->page_width_mm / 2 ||
	    t->margin_top_mm + t->margin_bottom_mm > t->page_height_mm / 2)
		diag_error(r->d, size ? size->pos : r->root_pos,
		           "page: the margins leave less than half the page "
		           "for text");
}

/* Prose sections that can be printed inside another: the report's
 * own texts and the standard implications. */
static bool is_prose_section(const char *id)
{
	static const char *const ids[] = {
	        "lateness",       "purpose",      "summary", "timeline",
	        "policy_context", "alternatives", NULL};
	for (int i = 0; ids[i]; i++)
		if (strcmp(id, ids[i]) == 0)
			return true;
	return strncmp(id, "implications.", 13) == 0 &&
	       strcmp(id, "implications.other") != 0 && standard_find(id);
}

/* `with: [implications.legal]`: sections printed inside this one. */
static void read_with(struct reader *r, const struct value *v,
                      const char *where, struct theme_section *s)
{
	const struct value *w = value_map_get(v, "with");
	if (!w || w->kind == VALUE_NULL)
		return;
	if (w->kind != VALUE_LIST) {
		diag_error(r->d, w->pos,
		           "%s.with: expected a list of section ids", where);
		return;
	}
	if (!is_prose_section(s->id)) {
		diag_error(r->d, w->pos,
		           "%s.with: only a prose section (summary, an "
		           "implication...) can hold others",
		           where);
		return;
	}
	s->with = arena_alloc(r->a, (w->as.list.len + 1) * sizeof *s->with);
	for (size_t i = 0; i < w->as.list.len; i++) {
		const struct value *x = w->as.list.items[i];
		if (!x->text || !is_prose_section(x->text) ||
		    strcmp(x->text, s->id) == 0) {
			diag_error(
			        r->d, x->pos,
			        "%s.with[%zu]: expected another prose section "
			        "(such as implications.legal), got \"%s\"",
			        where, i, x->text ? x->text : "");
			continue;
		}
		s->with[s->nwith++] = x->text;
	}
}

static void read_sections(struct reader *r, struct theme *t)
{
	const struct value *sections = token(r, "sections");
	const struct value *order = token(r, "order");
	if (sections && sections->kind != VALUE_MAP) {
		diag_error(r->d, sections->pos,
		           "sections: expected a map from section id to "
		           "{heading, numbered, mandatory}");
		sections = NULL;
	}
	if (sections) {
		t->known = arena_alloc(r->a, (sections->as.map.len + 1) *
		                                     sizeof *t->known);
		int groups = 0;
		for (size_t i = 0; i < sections->as.map.len; i++) {
			const struct value *k = sections->as.map.items[i].key;
			const struct value *v = sections->as.map.items[i].value;
			char where[128];
			snprintf(where, sizeof where, "sections.%s", k->text);
			if (!standard_find(k->text)) {
				/* Each section a group holds is looked for
				 * in every group: their number is bounded. */
				if (groups == LIMIT_THEME_GROUPS) {
					diag_error(
					        r->d, k->pos,
					        "sections.%.60s: a theme may "
					        "have at most %d groups "
					        "(LIMIT_THEME_GROUPS)",
					        k->text, LIMIT_THEME_GROUPS);
					groups++;
					continue;
				}
				if (groups > LIMIT_THEME_GROUPS)
					continue;
				if (theme_read_group(r->a, k, v,
				                     &t->known[t->nknown],
				                     r->d)) {
					t->nknown++;
					groups++;
				}
				continue;
			}
			const struct value *g =
			        v->kind == VALUE_MAP ? value_map_get(v, "group")
			                             : NULL;
			if (g)
				diag_error(r->d, g->pos,
				           "%s.group: \"%s\" is a standard "
				           "section, so it cannot be a group; "
				           "give the group a name of its own, "
				           "such as implications",
				           where, k->text);
			/* `group` is reported above; the rest is read as
			 * the standard section's. */
			static const char *const keys[] = {
			        "heading", "numbered", "mandatory",
			        "with",    "group",    NULL};
			check_keys(r, v, where, keys,
			           "heading, numbered, mandatory, with");
			struct theme_section *s = &t->known[t->nknown++];
			s->id = k->text;
			s->pos = k->pos;
			const struct value *h = value_map_get(v, "heading");
			char hp[160];
			snprintf(hp, sizeof hp, "%s.heading", where);
			bool bad = h && h->kind != VALUE_NULL &&
			           !theme_check_text(h, hp, r->d);
			s->heading = h && h->kind != VALUE_NULL && !bad
			                     ? h->text
			                     : "";
			if (!bad && !*s->heading &&
			    strcmp(s->id, "narrative") != 0)
				diag_error(r->d, v->pos,
				           "%s.heading: missing; every printed "
				           "section needs a heading",
				           where);
			s->numbered = token_bool(r, v, "numbered", true, where);
			s->mandatory =
			        token_bool(r, v, "mandatory", false, where);
			read_with(r, v, where, s);
		}
		theme_check_groups(t, r->d);
	}
	if (order && order->kind != VALUE_LIST) {
		diag_error(r->d, order->pos,
		           "order: expected a list of section ids");
		order = NULL;
	}
	if (!order)
		return;
	t->sections = arena_alloc(r->a, (order->as.list.len + 1) *
	                                        sizeof *t->sections);
	for (size_t i = 0; i < order->as.list.len; i++) {
		const struct value *v = order->as.list.items[i];
		const struct theme_section *s =
		        v->text ? theme_section(t, v->text) : NULL;
		if (!s) {
			diag_error(r->d, v->pos,
			           "order[%zu]: \"%s\" is not a section "
			           "configured under `sections`",
			           i, v->text ? v->text : "");
			continue;
		}
		const struct theme_section *g = theme_group_of(t, s->id);
		if (g) {
			/* The default's order, when the council wrote none. */
			bool inherited = v->pos.file && g->pos.file &&
			                 strcmp(v->pos.file, g->pos.file) != 0;
			diag_error(r->d, v->pos,
			           "order[%zu]: \"%s\" is printed by the group "
			           "\"%s\" (%s:%d); list the group in `order`, "
			           "not the sections it holds%s",
			           i, s->id, g->id,
			           g->pos.file ? g->pos.file : "brand.yaml",
			           g->pos.line,
			           inherited ? " (this is the default theme's "
			                       "order: write the theme's own "
			                       "`order` beside its groups)"
			                     : "");
			continue;
		}
		for (size_t j = 0; j < t->nsections; j++)
			if (strcmp(t->sections[j].id, s->id) == 0) {
				diag_error(r->d, v->pos,
				           "order[%zu]: \"%s\" is listed twice",
				           i, s->id);
				s = NULL;
				break;
			}
		if (s)
			t->sections[t->nsections++] = *s;
	}
	/* A mandatory section that does not print, alone or inside another,
	 * would be an error no report can fix. */
	for (size_t i = 0; i < t->nknown; i++) {
		if (!t->known[i].mandatory)
			continue;
		bool printed = false;
		/* Printed inside another section, or in a group, counts. */
		for (size_t j = 0; j < t->nsections && !printed; j++)
			printed = theme_section_prints(t, &t->sections[j],
			                               t->known[i].id);
		const struct theme_section *g =
		        printed ? NULL : theme_group_of(t, t->known[i].id);
		if (g)
			diag_error(
			        r->d, t->known[i].pos,
			        "sections.%s: mandatory, but the group \"%s\" "
			        "that holds it is not listed in `order`",
			        t->known[i].id, g->id);
		else if (!printed)
			diag_error(r->d, t->known[i].pos,
			           "sections.%s: mandatory but not listed in "
			           "`order`",
			           t->known[i].id);
	}
}

/* Reads the logo named by `council.logo`, relative to the brand.yaml that
 * named it, and embeds it as a data: URI. The name may not leave that
 * folder. */
static void read_logo(struct reader *r, struct theme *t)
{
	const struct value *v = path_get(r->root, "council.logo");
	if (!v || v->kind == VALUE_NULL || (v->text && !*v->text))
		return;
	if (!v->text) {
		diag_error(r->d, v->pos, "council.logo: expected a file name");
		return;
	}
	static const struct {
		const char *ext, *mime;
	} types[] = {{".svg", "image/svg+xml"},
	             {".png", "image/png"},
	             {".jpg", "image/jpeg"},
	             {".jpeg", "image/jpeg"}};
	const char *mime = NULL;
	size_t n = strlen(v->text);
	for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
		size_t e = strlen(types[i].ext);
		if (n > e && strcmp(v->text + n - e, types[i].ext) == 0)
			mime = types[i].mime;
	}
	if (!mime) {
		diag_error(r->d, v->pos,
		           "council.logo: expected an .svg, .png or .jpg file, "
		           "got \"%s\"",
		           v->text);
		return;
	}
	char *dir = fs_dirname(v->pos.file ? v->pos.file : ".");
	char *path = fs_join(dir, v->text);
	char rdir[PATH_MAX], rpath[PATH_MAX];
	char *data = NULL;
	size_t len = 0;
	if (v->text[0] == '/' || !realpath(dir, rdir) ||
	    !realpath(path, rpath) || !fs_is_within(rdir, rpath)) {
		diag_error(r->d, v->pos,
		           "council.logo: \"%s\" is not a file inside the "
		           "theme's folder",
		           v->text);
		goto done;
	}
	char subject[64];
	snprintf(subject, sizeof subject, "council.logo: \"%.40s\"", v->text);
	if (fs_read_noted(t->rec, rpath, v->pos, subject,
	                  LIMIT_THEME_LOGO_BYTES, &data, &len, r->d) != 0)
		goto done;
	if (strcmp(mime, "image/svg+xml") != 0 &&
	    image_check(data, len, v->text, v->pos, r->d) != 0)
		goto done;
	char prefix[64];
	snprintf(prefix, sizeof prefix, "data:%s;base64,", mime);
	struct buf uri = BUF_INIT;
	buf_puts(&uri, prefix);
	base64_encode(&uri, data, len);
	t->logo_uri = arena_strndup(r->a, uri.data, uri.len);
	buf_free(&uri);
done:
	free(data);
	free(path);
	free(dir);
}

static void read_hooks(struct reader *r, struct theme *t)
{
	const struct value *v = value_map_get(r->root, "hooks");
	if (!v || v->kind == VALUE_NULL)
		return;
	if (v->kind != VALUE_LIST) {
		diag_error(r->d, v->pos,
		           "hooks: expected a list of hook names");
		return;
	}
	t->hooks = arena_alloc(r->a, (v->as.list.len + 1) * sizeof *t->hooks);
	for (size_t i = 0; i < v->as.list.len; i++) {
		const struct value *h = v->as.list.items[i];
		if (h->kind != VALUE_STRING || h->len == 0) {
			diag_error(r->d, h->pos,
			           "hooks[%zu]: expected a hook name", i);
			continue;
		}
		t->hooks[t->nhooks++] = h->text;
	}
}

/* `rules`: what `clerk check` enforces for this council, each rule off,
 * a warning or an error. */
static void read_rules(struct reader *r, struct theme *t)
{
	static const char *const keys[] = {
	        "part2_exemption", "actions_need_owner", "actions_need_due",
	        "recommendations_answered", NULL};
	enum theme_severity *fields[] = {
	        &t->rules.part2_exemption, &t->rules.actions_need_owner,
	        &t->rules.actions_need_due, &t->rules.recommendations_answered};
	const struct value *rules = value_map_get(r->root, "rules");
	if (!rules || rules->kind == VALUE_NULL)
		return;
	check_keys(r, rules, "rules", keys,
	           "part2_exemption, actions_need_owner, actions_need_due, "
	           "recommendations_answered");
	if (rules->kind != VALUE_MAP)
		return;
	static const char *const levels[] = {"off", "warning", "error", NULL};
	for (int i = 0; keys[i]; i++) {
		const struct value *v = value_map_get(rules, keys[i]);
		if (!v || v->kind == VALUE_NULL)
			continue;
		char path[64];
		snprintf(path, sizeof path, "rules.%s", keys[i]);
		*fields[i] = (enum theme_severity)token_choice(
		        r, path, levels, "off, warning or error");
	}
}

/* numbering.format: one {n}, and {s} only where sections are numbered. */
static void read_format(struct reader *r, struct theme *t)
{
	const char *path = "numbering.format";
	const struct value *v = path_get(r->root, path);
	if (!v || v->kind == VALUE_NULL || !theme_check_text(v, path, r->d))
		return;
	if (v->len > LIMIT_THEME_FORMAT_BYTES) {
		diag_error(r->d, v->pos,
		           "%s: the format is %zu bytes long; it may be at "
		           "most %d bytes",
		           path, v->len, LIMIT_THEME_FORMAT_BYTES);
		return;
	}
	int n = 0;
	for (const char *p = v->text; (p = strchr(p, '{')); p++) {
		if (strncmp(p, "{n}", 3) == 0) {
			n++;
		} else if (strncmp(p, "{s}", 3) == 0) {
			if (t->paragraphs != THEME_NUMBER_HIERARCHICAL &&
			    t->paragraphs != THEME_NUMBER_SECTIONED) {
				diag_error(r->d, v->pos,
				           "%s: {s} is the section's number, "
				           "which only hierarchical and "
				           "sectioned numbering have; got "
				           "\"%.40s\"",
				           path, v->text);
				return;
			}
		} else {
			size_t len = strcspn(p + 1, "}") + 2;
			diag_error(r->d, v->pos,
			           "%s: \"%.*s\" is not a field of the "
			           "number; the fields are {n} (the "
			           "paragraph's count) and {s} (its "
			           "section's number)",
			           path, len > 20 ? 20 : (int)len, p);
			return;
		}
	}
	if (n != 1) {
		diag_error(r->d, v->pos,
		           "%s: expected the paragraph's count {n} once, "
		           "such as \"{n}.\" or \"({n})\", got \"%.40s\"",
		           path, v->text);
		return;
	}
	t->paragraph_format = v->text;
}

unsigned theme_count_default(enum theme_numbering style)
{
	switch (style) {
	case THEME_NUMBER_NONE:
		return 0;
	case THEME_NUMBER_CONTINUOUS:
		return THEME_COUNT_RECOMMENDATIONS | THEME_COUNT_IMPLICATIONS;
	case THEME_NUMBER_SECTIONED:
		return THEME_COUNT_RECOMMENDATIONS | THEME_COUNT_IMPLICATIONS |
		       THEME_COUNT_BLOCKS;
	default:
		return THEME_COUNT_IMPLICATIONS;
	}
}

/* numbering.count: a list of the parts that take paragraph numbers. An
 * unknown part is an error at its place, with the nearest known one. */
static void read_count(struct reader *r, struct theme *t)
{
	static const char *const parts[] = {"recommendations", "implications",
	                                    "blocks", NULL};
	const char *path = "numbering.count";
	t->paragraph_count = theme_count_default(t->paragraphs);
	const struct value *v = path_get(r->root, path);
	if (!v || v->kind == VALUE_NULL)
		return;
	if (v->kind != VALUE_LIST) {
		char got[256];
		diag_error(r->d, v->pos,
		           "%s: expected a list of the parts that are "
		           "numbered, such as [recommendations, implications], "
		           "got %s",
		           path, theme_got(got, sizeof got, v));
		return;
	}
	unsigned count = 0;
	for (size_t i = 0; i < v->as.list.len; i++) {
		const struct value *e = v->as.list.items[i];
		int found = -1;
		for (int j = 0; parts[j] && found < 0; j++)
			if (e->kind == VALUE_STRING &&
			    strcmp(e->text, parts[j]) == 0)
				found = j;
		if (found >= 0) {
			count |= 1u << found;
			continue;
		}
		const char *best = NULL;
		size_t dist = 0;
		for (int j = 0; e->kind == VALUE_STRING && parts[j]; j++) {
			size_t dd = near_distance(e->text, e->len, parts[j],
			                          strlen(parts[j]));
			size_t limit = e->len <= 4 ? 1 : e->len <= 8 ? 2 : 3;
			if (dd <= limit && (!best || dd < dist)) {
				best = parts[j];
				dist = dd;
			}
		}
		char got[256], mean[64] = "";
		if (best)
			snprintf(mean, sizeof mean, "; did you mean %s?", best);
		diag_error(r->d, e->pos,
		           "%s: expected recommendations, implications or "
		           "blocks, got %s%s",
		           path, theme_got(got, sizeof got, e), mean);
	}
	if (t->paragraphs == THEME_NUMBER_NONE && count) {
		diag_error(r->d, v->pos,
		           "%s: nothing is numbered when numbering.paragraphs "
		           "is none; leave count out, or choose hierarchical, "
		           "sectioned, flat or continuous",
		           path);
		return;
	}
	if (t->paragraphs == THEME_NUMBER_CONTINUOUS &&
	    !(count & THEME_COUNT_RECOMMENDATIONS)) {
		diag_error(r->d, v->pos,
		           "%s: continuous numbering counts the "
		           "recommendations; add recommendations to the list, "
		           "or write paragraphs: flat to leave them their own "
		           "markers",
		           path);
		return;
	}
	t->paragraph_count = count;
}

int theme_read_brand(struct arena *a, struct value *brand, bool files,
                     struct theme *out, struct diags *d)
{
	size_t errors = d->errors;
	out->brand = brand;
	if (brand->kind != VALUE_MAP) {
		diag_error(d, brand->pos, "brand.yaml: expected a map");
		return -1;
	}
	struct reader r = {a, d, brand, brand->pos};
	static const char *const top[] = {
	        "council",  "colors", "grades",   "statuses",     "fonts",
	        "page",     "header", "footer",   "numbering",    "hooks",
	        "sections", "order",  "print",    "rules",        "vocabulary",
	        "words",    "web",    "glossary", "status_words", "charts",
	        NULL};
	check_keys(&r, brand, "", top,
	           "council, colors, grades, statuses, fonts, page, header, "
	           "footer, numbering, hooks, sections, order, print, rules, "
	           "vocabulary, words, web, glossary, status_words, charts");
	static const char *const council[] = {"name", "logo", "logo_alt",
	                                      "logo_width_mm", NULL};
	check_keys(&r, value_map_get(brand, "council"), "council", council,
	           "name, logo, logo_alt, logo_width_mm");
	out->council_name = token_string(&r, "council.name");
	const struct value *alt = path_get(brand, "council.logo_alt");
	out->logo_alt = out->council_name;
	if (alt && alt->kind != VALUE_NULL &&
	    theme_check_text(alt, "council.logo_alt", d) && *alt->text)
		out->logo_alt = alt->text;
	double width = token_number(&r, "council.logo_width_mm",
	                            "a number of millimetres", 1, 200);
	char w[32];
	snprintf(w, sizeof w, "%g", width);
	out->logo_width_mm = arena_strdup(a, w);
	if (files)
		read_logo(&r, out);
	read_colors(&r, out);
	read_charts(&r, out);
	static const char *const fonts[] = {"body", "heading", "small", NULL};
	check_keys(&r, value_map_get(brand, "fonts"), "fonts", fonts,
	           "body, heading, small");
	read_font(&r, "body", &out->body);
	read_font(&r, "heading", &out->heading);
	read_font(&r, "small", &out->small);
	read_page(&r, out);
	read_running(&r, "header", &out->header);
	read_running(&r, "footer", &out->footer);
	theme_read_print(brand, out, d);
	static const char *const numbering[] = {"paragraphs", "recommendations",
	                                        "format", "count", NULL};
	check_keys(&r, value_map_get(brand, "numbering"), "numbering",
	           numbering, "paragraphs, recommendations, format, count");
	static const char *const numberings[] = {"hierarchical", "flat",
	                                         "none",         "continuous",
	                                         "sectioned",    NULL};
	out->paragraphs = (enum theme_numbering)token_choice(
	        &r, "numbering.paragraphs", numberings,
	        "hierarchical, sectioned, flat, none or continuous");
	read_format(&r, out);
	read_count(&r, out);
	static const char *const styles[] = {"decimal", "roman", "alpha", NULL};
	out->recommendations = (enum theme_list_style)token_choice(
	        &r, "numbering.recommendations", styles,
	        "decimal, roman or alpha");
	read_hooks(&r, out);
	read_sections(&r, out);
	read_rules(&r, out);
	read_vocabulary(&r, out);
	read_status_words(&r, out);
	read_words(&r, out);
	read_web(&r, out);

	return d->errors > errors ? -1 : 0;
}

bool theme_plain_name(const char *s, size_t max)
{
	if (!*s || strlen(s) > max)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return false;
	return true;
}

static int load_brand(struct arena *a, const char *dir, struct fs_recorder *rec,
                      struct value **out, struct diags *d)
{
	char *path = fs_join(dir, "brand.yaml");
	struct load_options lo = {.rec = rec};
	int rc = load_file(a, arena_strdup(a, path), &lo, out, d);
	if (rc == 0 && (*out)->kind != VALUE_MAP) {
		diag_error(d, (*out)->pos, "brand.yaml: expected a map");
		rc = -1;
	}
	free(path);
	return rc;
}

int theme_load(struct arena *a, const char *templates_dir, const char *council,
               struct pos named_at, struct fs_recorder *rec, struct theme *out,
               struct diags *d)
{
	memset(out, 0, sizeof *out);
	out->rec = rec;
	size_t errors = d->errors;
	if (!council || !*council)
		council = "default";
	struct pos none = {templates_dir, 0, 0};
	if (named_at.file)
		none = named_at;
	if (!theme_plain_name(council, 64)) {
		diag_error(d, none,
		           "council \"%s\": expected a name of lower-case "
		           "letters, digits, '-' and '_'",
		           council);
		return -1;
	}
	char *def = fs_join(templates_dir, "default");
	char *dir = fs_join(templates_dir, council);
	out->name = arena_strdup(a, council);
	out->default_dir = arena_strdup(a, def);
	out->dir = arena_strdup(a, dir);
	free(def);
	free(dir);
	if (!fs_is_dir(out->default_dir)) {
		diag_error(d, none, "no default theme: %s is not a folder",
		           out->default_dir);
		return -1;
	}
	if (!fs_is_dir(out->dir)) {
		diag_error(d, none,
		           "no theme for council \"%s\": %s is not a "
		           "folder",
		           council, out->dir);
		return -1;
	}
	struct value *brand = NULL;
	if (load_brand(a, out->default_dir, rec, &brand, d) != 0)
		return -1;
	if (strcmp(council, "default") != 0) {
		char *p = fs_join(out->dir, "brand.yaml");
		bool has = fs_exists_noted(rec, p);
		free(p);
		struct value *own = NULL;
		if (has) {
			if (load_brand(a, out->dir, rec, &own, d) != 0)
				return -1;
			brand = load_merge(a, brand, own);
		}
	}
	out->brand = brand;

	theme_read_brand(a, brand, true, out, d);

	/* The style table: style.css (the council's, else the default's),
	 * then extra.css (the council's, else the default's). */
	memset(&out->style, 0, sizeof out->style);
	const char *dirs[2];
	size_t n = theme_search_path(out, dirs);
	static const char *const sheets[] = {"style.css", "extra.css"};
	for (size_t s = 0; s < 2 && d->errors == errors; s++) {
		for (size_t i = 0; i < n; i++) {
			char *p = fs_join(dirs[i], sheets[s]);
			if (!fs_exists_noted(rec, p)) {
				free(p);
				continue;
			}
			char *css = NULL;
			size_t len = 0;
			const char *file = arena_strndup(a, p, strlen(p));
			if (fs_read_noted(rec, p, (struct pos){NULL, 0, 0},
			                  NULL, LIMIT_THEME_LOGO_BYTES, &css,
			                  &len, d) == 0 &&
			    theme_check_css(file, css, len, d) == 0)
				theme_style_parse(a, out, file, css, len,
				                  &out->style, d);
			free(css);
			free(p);
			break;
		}
	}
	return d->errors > errors ? -1 : 0;
}

size_t theme_search_path(const struct theme *t, const char *dirs[2])
{
	dirs[0] = t->dir;
	if (strcmp(t->dir, t->default_dir) == 0)
		return 1;
	dirs[1] = t->default_dir;
	return 2;
}

const struct theme_section *theme_section(const struct theme *t, const char *id)
{
	for (size_t i = 0; i < t->nknown; i++)
		if (strcmp(t->known[i].id, id) == 0)
			return &t->known[i];
	return NULL;
}

const struct theme_swatch *theme_grade(const struct theme *t, const char *grade)
{
	int i = vocabulary_index(VOCABULARY_GRADE, grade);
	return i < 0 ? NULL : &t->grades[i];
}

const struct theme_swatch *theme_status(const struct theme *t,
                                        const char *status)
{
	int i = vocabulary_index(VOCABULARY_STATUS, status);
	return i < 0 ? NULL : &t->statuses[i];
}

const char *theme_word(const struct theme *t, const char *key)
{
	const struct value *w = t->words ? value_map_get(t->words, key) : NULL;
	return w && value_is_scalar(w) && w->text ? w->text : "";
}

const char *theme_name(const struct theme *t, enum vocabulary_kind kind,
                       const char *id)
{
	int i = vocabulary_index(kind, id);
	if (i < 0)
		return NULL;
	return t->names[kind] ? t->names[kind][i]
	                      : vocabulary_find(kind, id)->name;
}

/* Adds a rule's finding as the rule's severity says; true for an error. */
static bool rule_broken(struct diags *d, enum theme_severity sev,
                        struct pos pos, const char *msg, const char *theme,
                        const char *rule)
{
	if (sev == THEME_RULE_ERROR)
		diag_error(d, pos, "%s; the %s theme requires it (rules.%s)",
		           msg, theme, rule);
	else if (sev == THEME_RULE_WARNING)
		diag_warning(d, pos, "%s; the %s theme asks for it (rules.%s)",
		             msg, theme, rule);
	return sev == THEME_RULE_ERROR;
}

static const char *text_of(const struct value *v)
{
	return v && v->text ? v->text : "";
}

/* Whether recommendation `id` is in the `answers` of `map`. */
static bool answers(const struct value *map, const char *id)
{
	const struct value *list = value_map_get(map, "answers");
	for (size_t i = 0;
	     list && list->kind == VALUE_LIST && i < list->as.list.len; i++)
		if (list->as.list.items[i]->text &&
		    strcmp(list->as.list.items[i]->text, id) == 0)
			return true;
	return false;
}

static bool check_rules(const struct theme *t, const struct value *report,
                        struct diags *d)
{
	bool failed = false;
	const struct theme_rules *r = &t->rules;
	char msg[512];
	const struct value *meeting = value_map_get(report, "meeting");
	const struct value *cls = value_map_get(meeting, "class");
	if (r->part2_exemption && cls && cls->text &&
	    strcmp(cls->text, "Part 2") == 0) {
		const struct value *ex = value_map_get(meeting, "exemption");
		const struct value *para = value_map_get(ex, "paragraph");
		if (!para || para->kind == VALUE_NULL) {
			snprintf(
			        msg, sizeof msg,
			        "meeting.exemption.paragraph: a Part 2 report "
			        "must cite the paragraph of Schedule 12A it is "
			        "exempt under");
			failed |= rule_broken(d, r->part2_exemption,
			                      (ex ? ex : cls)->pos, msg,
			                      t->name, "part2_exemption");
		} else if (!has_data(value_map_get(ex, "reason"))) {
			snprintf(msg, sizeof msg,
			         "meeting.exemption.reason: missing; a Part 2 "
			         "report must say why paragraph %s applies",
			         text_of(para));
			failed |= rule_broken(d, r->part2_exemption, ex->pos,
			                      msg, t->name, "part2_exemption");
		}
	}
	const struct value *prios = value_map_get(
	        value_map_get(report, "action_plan"), "priorities");
	for (size_t i = 0;
	     prios && prios->kind == VALUE_LIST && i < prios->as.list.len;
	     i++) {
		const struct value *acts =
		        value_map_get(prios->as.list.items[i], "actions");
		for (size_t j = 0;
		     acts && acts->kind == VALUE_LIST && j < acts->as.list.len;
		     j++) {
			const struct value *a = acts->as.list.items[j];
			const char *id = text_of(value_map_get(a, "id"));
			const struct {
				enum theme_severity sev;
				const char *key, *words, *rule;
			} needs[] = {
			        {r->actions_need_owner, "owner", "owner",
			         "actions_need_owner"},
			        {r->actions_need_due, "due", "due date",
			         "actions_need_due"},
			};
			for (size_t k = 0; k < 2; k++) {
				if (needs[k].sev == THEME_RULE_OFF ||
				    has_data(value_map_get(a, needs[k].key)))
					continue;
				snprintf(msg, sizeof msg,
				         "action_plan.priorities[%zu].actions[%"
				         "zu]: action %s has no %s",
				         i, j, id, needs[k].words);
				failed |= rule_broken(d, needs[k].sev, a->pos,
				                      msg, t->name,
				                      needs[k].rule);
			}
		}
	}
	const struct value *recs = value_map_get(
	        value_map_get(report, "inspection"), "recommendations");
	for (size_t i = 0; r->recommendations_answered && recs &&
	                   recs->kind == VALUE_LIST && i < recs->as.list.len;
	     i++) {
		const struct value *rec = recs->as.list.items[i];
		const char *id = text_of(value_map_get(rec, "id"));
		bool found = false;
		for (size_t p = 0;
		     !found && prios && prios->kind == VALUE_LIST &&
		     p < prios->as.list.len;
		     p++) {
			const struct value *pr = prios->as.list.items[p];
			found = answers(pr, id);
			const struct value *acts = value_map_get(pr, "actions");
			for (size_t j = 0;
			     !found && acts && acts->kind == VALUE_LIST &&
			     j < acts->as.list.len;
			     j++)
				found = answers(acts->as.list.items[j], id);
		}
		if (!found) {
			snprintf(msg, sizeof msg,
			         "inspection.recommendations[%zu]: "
			         "recommendation "
			         "%s is not answered by any priority or action",
			         i, id);
			failed |= rule_broken(d, r->recommendations_answered,
			                      rec->pos, msg, t->name,
			                      "recommendations_answered");
		}
	}
	return failed;
}

int theme_check_report(const struct theme *t, const struct value *report,
                       struct diags *d)
{
	int rc = check_rules(t, report, d) ? -1 : 0;
	/* Every mandatory section, including one printed inside another. */
	for (size_t i = 0; i < t->nknown; i++) {
		const struct theme_section *s = &t->known[i];
		if (!s->mandatory || theme_section_has_data(report, s->id))
			continue;
		const struct standard *st = standard_find(s->id);
		const struct value *there = path_get(report, st->path);
		if (there && there->kind != VALUE_NULL) {
			diag_error(d, there->pos,
			           "%s: empty; the %s theme requires the "
			           "section \"%s\" to say something",
			           st->path, t->name, s->heading);
			rc = -1;
			continue;
		}
		/* Point at the nearest map that should hold the data. */
		const struct value *at = report;
		const char *p = st->path;
		const char *dot;
		while ((dot = strchr(p, '.')) != NULL) {
			const struct value *next =
			        value_map_getn(at, p, (size_t)(dot - p));
			if (!next || next->kind != VALUE_MAP)
				break;
			at = next;
			p = dot + 1;
		}
		diag_error(d, at->pos,
		           "%s: missing; the %s theme requires the section "
		           "\"%s\"",
		           st->path, t->name, s->heading);
		rc = -1;
	}
	return rc;
}
