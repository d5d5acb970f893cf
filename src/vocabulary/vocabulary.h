/* vocabulary: the one table of the words a report's data is written in.
 *
 * Inspection grades, action statuses and meeting classes are each a fixed
 * list of ids (what an author writes in the YAML: requires_improvement,
 * on_track, "Part 2"). Each id has a display name (what a reader reads:
 * "Requires improvement") and a badge class (the HTML and PDF style class:
 * grade-requires_improvement). The schema validates against the ids, the
 * theme lets a council rename the display names in its brand.yaml
 * (`vocabulary:`), the view prints the names and the hooks read them as
 * `clerk.vocabulary`. Nothing else keeps a list of them.
 *
 * The module sits under schema/ and theme/ in the pipeline and knows no
 * council: it holds the default names only. */
#ifndef CLERK_VOCABULARY_VOCABULARY_H
#define CLERK_VOCABULARY_VOCABULARY_H

#include <stddef.h>

#include "base/arena.h"
#include "value/value.h"

enum vocabulary_kind {
	VOCABULARY_GRADE,
	VOCABULARY_STATUS,
	VOCABULARY_CLASS,
	VOCABULARY_KINDS
};

/* How many entries each kind has. */
enum { VOCABULARY_GRADES = 5, VOCABULARY_STATUSES = 6, VOCABULARY_CLASSES = 2 };

struct vocabulary_entry {
	const char *id;    /* as written in the data: "requires_improvement" */
	const char *name;  /* as printed by default: "Requires improvement" */
	const char *badge; /* the style class: "grade-requires_improvement" */
	/* Grades: how they rank, a higher rank a better grade (outstanding
	 * 4 to inadequate 1; the older adequate ranks with requires
	 * improvement, which replaced it). 0 for other kinds. */
	int rank;
};

/* The entries of `kind`, in data order (grades best first, statuses from
 * not_started to cancelled, Part 1 before Part 2); `*n` is set to their
 * count. Static; never NULL. */
const struct vocabulary_entry *vocabulary_entries(enum vocabulary_kind kind,
                                                  size_t *n);

/* The entry of `kind` whose id is `id`, or NULL (also for a NULL id). */
const struct vocabulary_entry *vocabulary_find(enum vocabulary_kind kind,
                                               const char *id);

/* The index of `id` among the entries of `kind`, or -1. */
int vocabulary_index(enum vocabulary_kind kind, const char *id);

/* What the kind is called in messages and in brand.yaml's `vocabulary:`:
 * "grade"/"grades", "status"/"statuses", "class"/"classes". Static. */
const char *vocabulary_kind_name(enum vocabulary_kind kind);
const char *vocabulary_kind_plural(enum vocabulary_kind kind);

/* The vocabulary as a value tree in `a`, as hooks read it
 * (clerk.vocabulary): {grades: {ID: {id, name, badge}}, statuses: ...,
 * classes: ...} (a grade's entry has its `rank` too), every map in
 * vocabulary order. `names[KIND][i]`, when
 * `names` and `names[KIND]` are not NULL, replaces the i-th entry's
 * default name (a council's renames). */
struct value *vocabulary_tree(struct arena *a,
                              const char **const names[VOCABULARY_KINDS]);

/* A council's own words for statuses (brand.yaml `status_words:`, such as
 * "Green" for on_track or "Complete" for done), in the order the council
 * wrote them. `id` is a status id; both strings are borrowed (the theme
 * keeps them in its arena). */
struct vocabulary_word {
	const char *word;
	const char *id;
};
struct vocabulary_words {
	const struct vocabulary_word *list;
	size_t n;
};

/* The status id that `text` (len bytes) names, or NULL: a status id, a
 * default display name ("On track"), or a word of `w` (NULL: none).
 * Letter case, spaces and underscores around and inside are not
 * significant ("on track", "ON_TRACK", " Green "), so what a spreadsheet
 * or an officer wrote is taken as meant. Static or borrowed from `w`. */
const char *vocabulary_status_of(const struct vocabulary_words *w,
                                 const char *text, size_t len);

/* The word a council writes for status `id`: its first word in `w`, else
 * `fallback` (the theme's display name). */
const char *vocabulary_status_word(const struct vocabulary_words *w,
                                   const char *id, const char *fallback);

#endif
