/* value: the one data tree of clerk, every node with its source position.
 *
 * A tree holds null, booleans, integers, numbers, strings, lists and maps
 * whose keys keep the order they were written in. All nodes and their
 * strings live in an arena (base/arena.h): a tree is freed with its arena,
 * never node by node, and nodes may be shared between trees of one arena.
 *
 * Scalars loaded from YAML keep their source text in `text` whatever their
 * kind, so the schema can read `item: 4` or `version: 1.10` as the text the
 * author wrote. */
#ifndef CLERK_VALUE_VALUE_H
#define CLERK_VALUE_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"

enum value_kind {
	VALUE_NULL,
	VALUE_BOOL,
	VALUE_INT,
	VALUE_NUMBER,
	VALUE_STRING,
	VALUE_LIST,
	VALUE_MAP,
};

struct value;

struct value_pair {
	struct value *key; /* a VALUE_STRING node, with the key's position */
	struct value *value;
};

struct value {
	enum value_kind kind;
	bool quoted; /* a quoted or block scalar: text, whatever it looks like
	              */
	struct pos pos;   /* where the node starts in its source */
	const char *tag;  /* a local tag such as "!code", or NULL */
	const char *text; /* scalars: the text (NUL-terminated); else NULL */
	size_t len;       /* bytes in text */
	union {
		bool b;
		int64_t i;
		double n;
		struct {
			struct value **items;
			size_t len;
			size_t cap;
		} list;
		struct {
			struct value_pair *items;
			size_t len;
			size_t cap;
		} map;
	} as;
};

/* Constructors. `text` is copied into the arena; the others take no text
 * and get one made from their value. */
struct value *value_new_null(struct arena *a, struct pos pos);
struct value *value_new_bool(struct arena *a, struct pos pos, bool b);
struct value *value_new_int(struct arena *a, struct pos pos, int64_t i);
struct value *value_new_number(struct arena *a, struct pos pos, double n);
struct value *value_new_string(struct arena *a, struct pos pos,
                               const char *text, size_t len);
struct value *value_new_list(struct arena *a, struct pos pos);
struct value *value_new_map(struct arena *a, struct pos pos);

void value_list_push(struct arena *a, struct value *list, struct value *item);
/* Appends a pair without looking for an existing key. */
void value_map_append(struct arena *a, struct value *map, struct value *key,
                      struct value *val);
/* Sets `key` (copied into the arena): replaces the value of an existing key
 * in place, or appends a new pair at `pos`. */
void value_map_set(struct arena *a, struct value *map, const char *key,
                   struct value *val);

/* The value of `key` in `map`, or NULL when absent or `map` is no map. */
struct value *value_map_get(const struct value *map, const char *key);
struct value *value_map_getn(const struct value *map, const char *key,
                             size_t len);
/* The index of `key` in `map`, or -1. */
long value_map_index(const struct value *map, const char *key, size_t len);

/* A deep copy into `a`, keeping every position. */
struct value *value_copy(struct arena *a, const struct value *v);
/* A copy of `v` alone into `a`: a list or map gets an array of its own,
 * holding the same items, so what is later added to or replaced in `v`
 * is not in the copy (and the other way round). */
struct value *value_copy_shallow(struct arena *a, const struct value *v);
/* Nodes in the tree, counting `v` itself. */
size_t value_count(const struct value *v);
bool value_is_scalar(const struct value *v);
/* The kind as a noun phrase for messages: "a map", "a string", "null". */
const char *value_kind_name(enum value_kind kind);
/* Structural equality (kind and contents; positions and tags ignored). */
bool value_equal(const struct value *x, const struct value *y);

/* Writes a number the way a reader expects it: the shortest text that reads
 * back as the same double ("1.1", "3", "0.1"), never "1.1000000000000001". */
void value_format_number(struct buf *out, double n);
/* Writes a scalar as a reader expects it: strings as they are, numbers by
 * value_format_number, booleans as true or false; null, lists and maps
 * write nothing. */
void value_print(struct buf *out, const struct value *v);
/* Writes the tree as one-line JSON-like text, for tests and `--dump`. */
void value_dump(struct buf *out, const struct value *v);
/* Writes the tree as JSON, two spaces an indent, maps in their order, and
 * a final newline; tags are left out and a number JSON cannot hold (NaN,
 * an infinity) is written null. */
void value_write_json(struct buf *out, const struct value *v);

#endif
