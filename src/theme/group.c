/* group: standard sections a theme prints under one heading.
 *
 * A group is an entry of brand.yaml's `sections` whose id is a name of the
 * theme's own (not a standard section's) and which lists, under `group:`,
 * the standard sections it holds. `order` places the group; the sections
 * it holds are printed inside it and are not listed in `order`. A group's
 * own keys are read with the other sections; the sections it holds are
 * read once every section is known, since a group may name one that is
 * configured after it (the council's brand.yaml is merged over the
 * default's). */
#include "theme/internal.h"

#include <string.h>

#include "base/buf.h"

bool theme_read_group(struct arena *a, const struct value *key,
                      const struct value *v, struct theme_section *s,
                      struct diags *d)
{
	const struct value *list =
	        v && v->kind == VALUE_MAP ? value_map_get(v, "group") : NULL;
	if (!list) {
		const char *near = theme_standard_nearest(key->text);
		struct buf hint = BUF_INIT;
		if (near)
			buf_printf(&hint, "; did you mean %s?", near);
		diag_error(d, key->pos,
		           "sections.%s: not a standard section%s (the list is "
		           "in docs/themes.md). To print several sections "
		           "under one heading, give this entry `group:` with "
		           "the sections it holds",
		           key->text, buf_cstr(&hint));
		buf_free(&hint);
		return false;
	}
	/* The id becomes an HTML id and a class name, in full. */
	if (!theme_plain_name(key->text, 48)) {
		diag_error(d, key->pos,
		           "sections.%.60s: a group's name may hold only "
		           "lower-case letters, digits, '_' and '-', at most "
		           "48 of them, such as implications",
		           key->text);
		return false;
	}
	memset(s, 0, sizeof *s);
	s->id = key->text;
	s->pos = key->pos;
	s->numbered = true;
	s->held_headings = true;
	bool bad_heading = false;
	/* A group with a wrong list is kept, empty, so that `order` does
	 * not also call it unknown. */
	size_t cap = list->kind == VALUE_LIST ? list->as.list.len : 0;
	s->group = arena_alloc(a, (cap + 1) * sizeof *s->group);
	for (size_t i = 0; i < v->as.map.len; i++) {
		const struct value *k = v->as.map.items[i].key;
		const struct value *x = v->as.map.items[i].value;
		char got[256];
		if (strcmp(k->text, "heading") == 0) {
			char path[160];
			snprintf(path, sizeof path, "sections.%s.heading",
			         key->text);
			if (x->kind != VALUE_NULL &&
			    !theme_check_text(x, path, d))
				bad_heading = true;
			else if (x->kind != VALUE_NULL)
				s->heading = x->text;
		} else if (strcmp(k->text, "numbered") == 0) {
			if (x->kind == VALUE_BOOL)
				s->numbered = x->as.b;
			else if (x->kind != VALUE_NULL)
				diag_error(
				        d, x->pos,
				        "sections.%s.numbered: expected true "
				        "or false",
				        key->text);
		} else if (strcmp(k->text, "headings") == 0) {
			if (x->kind == VALUE_STRING &&
			    strcmp(x->text, "drop") == 0)
				s->held_headings = false;
			else if (!(x->kind == VALUE_STRING &&
			           strcmp(x->text, "keep") == 0))
				diag_error(
				        d, x->pos,
				        "sections.%s.headings: expected keep "
				        "(each section the group holds prints "
				        "its own heading under the group's) "
				        "or drop (they print none), got %s",
				        key->text,
				        theme_got(got, sizeof got, x));
		} else if (strcmp(k->text, "with") == 0) {
			diag_error(d, k->pos,
			           "sections.%s.with: a group cannot hold "
			           "sections with `with:`; list every section "
			           "it prints under `group:`",
			           key->text);
		} else if (strcmp(k->text, "group") == 0) {
			if (x->kind != VALUE_LIST) {
				diag_error(d, x->pos,
				           "sections.%s.group: expected a list "
				           "of section ids, such as "
				           "[implications.financial, "
				           "implications.legal], got %s",
				           key->text,
				           theme_got(got, sizeof got, x));
			} else if (x->as.list.len == 0) {
				diag_error(
				        d, x->pos,
				        "sections.%s.group: empty; list the "
				        "sections the group prints under its "
				        "heading, such as "
				        "[implications.financial, "
				        "implications.legal]",
				        key->text);
			}
		} else {
			diag_error(d, k->pos,
			           "sections.%s.%s: unknown key; a group has "
			           "heading, group, headings and numbered",
			           key->text, k->text);
		}
	}
	if (!bad_heading && (!s->heading || !*s->heading)) {
		diag_error(d, v->pos,
		           "sections.%s.heading: missing; a group needs the "
		           "heading it prints its sections under",
		           key->text);
	}
	if (!s->heading)
		s->heading = "";
	return true;
}

const struct theme_section *theme_group_of(const struct theme *t,
                                           const char *id)
{
	for (size_t i = 0; i < t->nknown; i++)
		for (size_t j = 0; t->known[i].group && j < t->known[i].ngroup;
		     j++)
			if (strcmp(t->known[i].group[j], id) == 0)
				return &t->known[i];
	return NULL;
}

/* The section of t->known that prints `id` inside it with `with`, or
 * NULL. */
static const struct theme_section *with_holder(const struct theme *t,
                                               const char *id)
{
	for (size_t i = 0; i < t->nknown; i++)
		for (size_t j = 0; j < t->known[i].nwith; j++)
			if (strcmp(t->known[i].with[j], id) == 0)
				return &t->known[i];
	return NULL;
}

/* Reads the list of group `g` at `list` into g->group. */
static void read_held(struct theme *t, struct theme_section *g,
                      const struct value *list, struct diags *d)
{
	for (size_t i = 0; i < list->as.list.len; i++) {
		const struct value *x = list->as.list.items[i];
		const char *id = x->kind == VALUE_STRING ? x->text : NULL;
		const struct theme_section *s =
		        id ? theme_section(t, id) : NULL;
		const struct theme_section *other;
		char where[160];
		snprintf(where, sizeof where, "sections.%.60s.group[%zu]",
		         g->id, i);
		if (!id) {
			char got[256];
			diag_error(d, x->pos,
			           "%s: expected a section id, such as "
			           "implications.legal, got %s",
			           where, theme_got(got, sizeof got, x));
		} else if (s && s->group) {
			diag_error(d, x->pos,
			           "%s: \"%s\" is a group; a group holds "
			           "standard sections, not other groups",
			           where, id);
		} else if (!theme_is_standard(id)) {
			const char *near = theme_standard_nearest(id);
			struct buf hint = BUF_INIT;
			if (near)
				buf_printf(&hint, "; did you mean %s?", near);
			diag_error(d, x->pos,
			           "%s: \"%s\" is not a standard section%s "
			           "(the list is in docs/themes.md)",
			           where, id, buf_cstr(&hint));
			buf_free(&hint);
		} else if (strcmp(id, "narrative") == 0) {
			diag_error(d, x->pos,
			           "%s: the narrative cannot be in a group: "
			           "each of the report's own sections prints "
			           "as a section of its own",
			           where);
		} else if (!s) {
			diag_error(d, x->pos,
			           "%s: \"%s\" is not configured under "
			           "`sections`; give it a heading there",
			           where, id);
		} else if ((other = theme_group_of(t, id)) != NULL) {
			if (other == g)
				diag_error(d, x->pos,
				           "%s: \"%s\" is listed twice in this "
				           "group",
				           where, id);
			else
				diag_error(
				        d, x->pos,
				        "%s: \"%s\" is already in the group "
				        "\"%s\" (%s:%d); a section prints in "
				        "one place only",
				        where, id, other->id,
				        other->pos.file ? other->pos.file
				                        : "brand.yaml",
				        other->pos.line);
		} else if ((other = with_holder(t, id)) != NULL) {
			diag_error(d, x->pos,
			           "%s: \"%s\" is already printed inside "
			           "\"%s\" (its `with:`); a section prints in "
			           "one place only",
			           where, id, other->id);
		} else {
			g->group[g->ngroup++] = id;
		}
	}
}

void theme_check_groups(struct theme *t, struct diags *d)
{
	const struct value *sections = value_map_get(t->brand, "sections");
	for (size_t i = 0; i < t->nknown; i++) {
		struct theme_section *g = &t->known[i];
		if (!g->group)
			continue;
		const struct value *list =
		        value_map_get(value_map_get(sections, g->id), "group");
		if (list && list->kind == VALUE_LIST)
			read_held(t, g, list, d);
	}
}

bool theme_section_prints(const struct theme *t, const struct theme_section *s,
                          const char *id)
{
	if (strcmp(s->id, id) == 0)
		return true;
	for (size_t i = 0; i < s->nwith; i++)
		if (strcmp(s->with[i], id) == 0)
			return true;
	for (size_t i = 0; s->group && i < s->ngroup; i++) {
		const struct theme_section *h = theme_section(t, s->group[i]);
		if (h && theme_section_prints(t, h, id))
			return true;
	}
	return false;
}
