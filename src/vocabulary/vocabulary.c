/* vocabulary: grades, statuses and meeting classes: ids, default display
 * names and badge classes. */
#include "vocabulary/vocabulary.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

static const struct vocabulary_entry grades[VOCABULARY_GRADES] = {
        {"outstanding", "Outstanding", "grade-outstanding", 4},
        {"good", "Good", "grade-good", 3},
        {"requires_improvement", "Requires improvement",
         "grade-requires_improvement", 2},
        {"inadequate", "Inadequate", "grade-inadequate", 1},
        /* The older four-point scale's middle grade (before 2018). */
        {"adequate", "Adequate", "grade-adequate", 2},
};

static const struct vocabulary_entry statuses[VOCABULARY_STATUSES] = {
        {"not_started", "Not started", "status-not_started", 0},
        {"on_track", "On track", "status-on_track", 0},
        {"at_risk", "At risk", "status-at_risk", 0},
        {"off_track", "Off track", "status-off_track", 0},
        {"done", "Done", "status-done", 0},
        {"cancelled", "Cancelled", "status-cancelled", 0},
};

static const struct vocabulary_entry classes[VOCABULARY_CLASSES] = {
        {"Part 1", "Part 1 (open)", "class-part1", 0},
        {"Part 2", "Part 2 (exempt)", "class-part2", 0},
};

static const struct {
	const struct vocabulary_entry *entries;
	size_t n;
	const char *name, *plural;
} kinds[VOCABULARY_KINDS] = {
        [VOCABULARY_GRADE] = {grades, VOCABULARY_GRADES, "grade", "grades"},
        [VOCABULARY_STATUS] = {statuses, VOCABULARY_STATUSES, "status",
                               "statuses"},
        [VOCABULARY_CLASS] = {classes, VOCABULARY_CLASSES, "class", "classes"},
};

const struct vocabulary_entry *vocabulary_entries(enum vocabulary_kind kind,
                                                  size_t *n)
{
	*n = kinds[kind].n;
	return kinds[kind].entries;
}

int vocabulary_index(enum vocabulary_kind kind, const char *id)
{
	for (size_t i = 0; id && i < kinds[kind].n; i++)
		if (strcmp(kinds[kind].entries[i].id, id) == 0)
			return (int)i;
	return -1;
}

const struct vocabulary_entry *vocabulary_find(enum vocabulary_kind kind,
                                               const char *id)
{
	int i = vocabulary_index(kind, id);
	return i < 0 ? NULL : &kinds[kind].entries[i];
}

const char *vocabulary_kind_name(enum vocabulary_kind kind)
{
	return kinds[kind].name;
}

const char *vocabulary_kind_plural(enum vocabulary_kind kind)
{
	return kinds[kind].plural;
}

static void put(struct arena *a, struct value *map, const char *key,
                const char *text)
{
	struct pos none = {NULL, 0, 0};
	value_map_set(a, map, key,
	              value_new_string(a, none, text, strlen(text)));
}

struct value *vocabulary_tree(struct arena *a,
                              const char **const names[VOCABULARY_KINDS])
{
	struct pos none = {NULL, 0, 0};
	struct value *tree = value_new_map(a, none);
	for (int k = 0; k < VOCABULARY_KINDS; k++) {
		struct value *group = value_new_map(a, none);
		for (size_t i = 0; i < kinds[k].n; i++) {
			const struct vocabulary_entry *e = &kinds[k].entries[i];
			struct value *entry = value_new_map(a, none);
			put(a, entry, "id", e->id);
			put(a, entry, "name",
			    names && names[k] ? names[k][i] : e->name);
			put(a, entry, "badge", e->badge);
			if (k == VOCABULARY_GRADE)
				value_map_set(a, entry, "rank",
				              value_new_int(a, none, e->rank));
			value_map_set(a, group, e->id, entry);
		}
		value_map_set(a, tree, kinds[k].plural, group);
	}
	return tree;
}

/* Compares `text` with `word` as vocabulary_status_of says: case, spaces
 * and underscores aside. */
static bool same_word(const char *text, size_t len, const char *word)
{
	size_t i = 0;
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	while (len > i && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	for (;; word++, i++) {
		if (i == len || *word == '\0')
			return i == len && *word == '\0';
		int a = (unsigned char)text[i], b = (unsigned char)*word;
		if (a == '_')
			a = ' ';
		if (b == '_')
			b = ' ';
		if (tolower(a) != tolower(b))
			return false;
	}
}

const char *vocabulary_status_of(const struct vocabulary_words *w,
                                 const char *text, size_t len)
{
	if (!text)
		return NULL;
	for (size_t i = 0; i < VOCABULARY_STATUSES; i++)
		if (same_word(text, len, statuses[i].id) ||
		    same_word(text, len, statuses[i].name))
			return statuses[i].id;
	for (size_t i = 0; w && i < w->n; i++)
		if (same_word(text, len, w->list[i].word))
			return w->list[i].id;
	return NULL;
}

const char *vocabulary_status_word(const struct vocabulary_words *w,
                                   const char *id, const char *fallback)
{
	for (size_t i = 0; w && id && i < w->n; i++)
		if (strcmp(w->list[i].id, id) == 0)
			return w->list[i].word;
	return fallback;
}
