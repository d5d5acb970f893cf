/* keyset: a hash index over map keys, for maps too big to search linearly.
 *
 * value_map_get searches a map's keys in order, which suits the small maps
 * of a report. The loader and the `extends` merge meet maps of any size a
 * file can hold, so they index keys here to stay linear on hostile input. */
#ifndef CLERK_VALUE_KEYSET_H
#define CLERK_VALUE_KEYSET_H

#include <stddef.h>

#include "value/value.h"

struct value_keyset {
	const struct value **slots; /* key nodes, borrowed; NULL = empty */
	long *index;                /* the index each key was added with */
	size_t cap;                 /* a power of two */
	size_t len;
};

#define VALUE_KEYSET_INIT        \
	{                        \
		NULL, NULL, 0, 0 \
	}

/* The index stored with a key equal to `key`'s text, or -1. */
long value_keyset_find(const struct value_keyset *s, const char *key,
                       size_t len);
/* Adds `key` (a scalar node, borrowed) with `index` unless a key with the
 * same text is there; returns the index already stored, or -1 if added. */
long value_keyset_add(struct value_keyset *s, const struct value *key,
                      long index);
void value_keyset_free(struct value_keyset *s);

#endif
