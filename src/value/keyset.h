/* keyset: a hash index over map keys, for maps too big to search linearly.
 *
 * value_map_get searches a map's keys in order, which suits the small maps
 * of a report. The loader and the `extends` merge meet maps of any size a
 * file can hold, so they index keys here to stay linear on hostile input.
 * The hash is keyed with a random seed per process, so that no file can be
 * written whose keys all fall in one slot; the slots' order therefore
 * differs between runs, and nothing may depend on it. */
#ifndef CLERK_VALUE_KEYSET_H
#define CLERK_VALUE_KEYSET_H

#include <stddef.h>
#include <stdint.h>

#include "value/value.h"

/* 16 bytes, so that a set of 300,000 keys stays small enough to be quick. */
struct value_keyset_slot {
	const struct value *key; /* borrowed; NULL = empty */
	int32_t index;           /* the index the key was added with */
	uint32_t hash;           /* kept, so growing reads no key again */
};

struct value_keyset {
	struct value_keyset_slot *slots;
	size_t cap; /* a power of two */
	size_t len;
	uint64_t seed; /* the hash's key, chosen when the set first grows */
};

#define VALUE_KEYSET_INIT     \
	{                     \
		NULL, 0, 0, 0 \
	}

/* Indexes are below 2^31: a map or an anchor table of one file (at most
 * LIMIT_YAML_FILE_BYTES) never comes near. */

/* The index stored with a key equal to `key`'s text, or -1. */
long value_keyset_find(const struct value_keyset *s, const char *key,
                       size_t len);
/* Adds `key` (a scalar node, borrowed) with `index` unless a key with the
 * same text is there; returns the index already stored, or -1 if added. */
long value_keyset_add(struct value_keyset *s, const struct value *key,
                      long index);
/* Adds `key` (borrowed) with `index`, or gives the key already there the
 * new `index` (and `key` as its node); returns the index it replaced, or -1
 * if added. For names where the latest definition wins, such as anchors. */
long value_keyset_put(struct value_keyset *s, const struct value *key,
                      long index);
void value_keyset_free(struct value_keyset *s);

#endif
