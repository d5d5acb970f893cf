/* theme internals: shared by the files of the theme module, its unit
 * tests and its fuzz target only. */
#ifndef CLERK_THEME_INTERNAL_H
#define CLERK_THEME_INTERNAL_H

#include "theme/theme.h"

/* Reads and checks the merged brand.yaml tree `brand` into `out`: every
 * token parsed as its type and kept as written back from the parsed value
 * (docs/themes.md), every problem into `d` at its position. `out`'s name,
 * dir and default_dir are the caller's; the rest is set here. The logo
 * file is read only when `files` is true (theme_load); without it the
 * theme has no logo_uri, and nothing is read from the filesystem. Returns
 * 0, or -1 when an error was added. */
int theme_read_brand(struct arena *a, struct value *brand, bool files,
                     struct theme *out, struct diags *d);

/* Reads and checks brand.yaml's `print:` map (the PDF's own tokens) into
 * `t`; every problem goes into `d` at its position. */
void theme_read_print(const struct value *brand, struct theme *t,
                      struct diags *d);

/* Checks that the scalar `v` (token `path`) is text a theme may print: at
 * most LIMIT_THEME_TEXT_BYTES, one line without control characters.
 * Returns true, or false with an error in `d`. */
bool theme_check_text(const struct value *v, const char *path, struct diags *d);

/* theme_check_text for a running header or footer text, whose {fields}
 * must each be one of {council}, {committee}, {date}, {title}, {item},
 * {page} and {pages}: the page's CSS and the PDF then fill in the same
 * ones. Returns true, or false with an error in `d`. */
bool theme_check_running(const struct value *v, const char *path,
                         struct diags *d);

/* Parses the CSS font list `s` ("Arial, 'Times New Roman', serif"): names
 * of ASCII letters, digits, spaces and hyphens, optionally quoted,
 * separated by commas, at most LIMIT_THEME_FONT_NAMES. Returns it written
 * back (generic families as keywords, every other name double-quoted:
 * "\"Arial\", \"Times New Roman\", serif"), allocated in `a`; or NULL
 * with `*why` saying in words what is wrong. */
const char *theme_font_list(struct arena *a, const char *s, const char **why);

/* Writes `v` into out[size] the way a diagnostic's "got ..." shows it: a
 * string quoted, cut after 40 characters with "…", control characters as
 * \xNN; a number or boolean as written; "nothing" for null; "a map" or
 * "a list". Returns `out`. */
const char *theme_got(char *out, size_t size, const struct value *v);

/* True when `id` is a standard section's (theme.c's table). */
bool theme_is_standard(const char *id);

/* Whether `s` is 1 to `max` bytes of lower-case letters, digits, '-' and
 * '_': a council's folder, a group's id. */
bool theme_plain_name(const char *s, size_t max);

/* The standard section id nearest to `word`, for a "did you mean", or NULL
 * when none is near enough to be a likely slip. */
const char *theme_standard_nearest(const char *word);

/* group.c: sections printed under one heading. */

/* Reads the section `key` (an id that is not a standard section's) whose
 * map is `v` as a group into `s`: its heading, `numbered` and `headings`;
 * the sections it holds are read later, by theme_check_groups. Every
 * problem goes into `d` at its position. Returns false, after the error,
 * when `v` is no group (it has no `group:`). */
bool theme_read_group(struct arena *a, const struct value *key,
                      const struct value *v, struct theme_section *s,
                      struct diags *d);

/* Reads the sections each group of t->known holds from brand.yaml
 * (t->brand), once every section is known: each must be a standard
 * section other than `narrative`, in one group only and not printed
 * inside another section by `with`. Every problem goes into `d`. */
void theme_check_groups(struct theme *t, struct diags *d);

/* The group of t->known that holds section `id`, or NULL. */
const struct theme_section *theme_group_of(const struct theme *t,
                                           const char *id);

/* True when printing section `s` prints section `id`: it is `s`, or `s`
 * holds it with `with`, or `s` is a group holding it (or holding a
 * section that holds it with `with`). */
bool theme_section_prints(const struct theme *t, const struct theme_section *s,
                          const char *id);

#endif
