/* load: YAML files into value trees, with positions, limits and `extends:`.
 *
 * The loader reads YAML with libyaml's event API and builds a value tree in
 * the caller's arena; every node carries the file:line:col it came from.
 *
 * Scalars are typed by the YAML 1.2 core schema: `null`, `~` and empty are
 * null; `true`/`false` (also `True`, `TRUE`...) are booleans; decimal, `0o`
 * octal and `0x` hex integers are integers; decimals and exponents are
 * numbers; everything else, `no`, `on`, `yes` and dates included, is a
 * string. Quoted and block scalars are always strings. Tags `!!str`,
 * `!!int`, `!!float`, `!!bool`, `!!null` force a type; any other tag is
 * kept on the node (value->tag) for the caller to judge.
 *
 * What loads is printable and finite: a tree never holds a NUL or another
 * control character (raw or from an escape such as "\0" or "\e"; tab,
 * line feed and carriage return aside), nor an infinite or NaN number. `.inf`,
 * `.nan`, integers beyond 64 bits and numbers no double holds are errors at
 * their position, and so is each unprintable character, at the escape that made
 * it.
 *
 * Anchors and aliases are expanded by copying, and the nodes aliases add
 * are charged against LIMIT_YAML_ALIAS_NODES, so an alias bomb fails at
 * once. Anchors are found by hash; an anchor defined again means its latest
 * definition (by where the node starts) from then on. `<<` merge keys
 * follow the YAML merge-key rules (explicit keys win; among merged maps,
 * earlier ones win). Duplicate keys, nesting deeper than LIMIT_YAML_DEPTH,
 * files over LIMIT_YAML_FILE_BYTES, invalid UTF-8 and more than one
 * document are errors. Time grows linearly with the file.
 *
 * Loading stops at the first error, which goes into the diagnostics list.
 * The tree is the caller's (in its arena); each file read is noted in the
 * caller's recorder when load_options.rec gives one. */
#ifndef CLERK_LOAD_LOAD_H
#define CLERK_LOAD_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/limits.h"
#include "value/value.h"

/* The files of an `extends:` chain as each was read, before merging: the
 * file loaded first, then the file it extends, and so on. The trees are
 * in the loader's arena; `extends_at[i]` is the position of file i's
 * `extends:` value (file i + 1's name). */
struct load_chain {
	const struct value *files[LIMIT_EXTENDS_DEPTH + 1];
	struct pos extends_at[LIMIT_EXTENDS_DEPTH + 1];
	size_t n;
};

struct load_options {
	/* Resolve a top-level `extends: OTHER.yaml`: the file named (relative
	 * to the extending file) is loaded first and the extending file merged
	 * over it. Maps merge key by key, lists of maps that all carry `id`
	 * merge by id, other values are replaced. */
	bool extends;
	/* Files reached through `extends` must lie inside this folder; NULL
	 * means the folder of the file being loaded. */
	const char *root;
	/* When not NULL, every file read (the file and those it extends) is
	 * noted here, for rebuild decisions; borrowed. */
	struct fs_recorder *rec;
	/* When not NULL, filled with the files of the chain; borrowed. */
	struct load_chain *chain;
};

/* Loads the YAML file at `path` into `*out`, allocated in `a`. Returns 0,
 * or -1 with the error in `d` (and `*out` unset). `opt` may be NULL. */
int load_file(struct arena *a, const char *path, const struct load_options *opt,
              struct value **out, struct diags *d);
/* Loads YAML from memory; `name` is the file name used in positions. No
 * `extends` is resolved. */
int load_text(struct arena *a, const char *name, const char *text, size_t len,
              struct value **out, struct diags *d);

/* Merges `over` onto `base` as `extends:` does (maps key by key, lists of
 * maps that all carry `id` by id, anything else replaced) and returns the
 * result, allocated in `a`. Neither input is changed; scalar nodes are
 * shared, so every value keeps the position of the file that gave it. */
struct value *load_merge(struct arena *a, struct value *base,
                         struct value *over);

#endif
