/* keyset: open addressing with linear probing, FNV-1a hashes, load <= 1/2. */
#include "value/keyset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static uint64_t hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}

static size_t probe(const struct value_keyset *s, const char *key, size_t len)
{
	size_t mask = s->cap - 1;
	size_t i = (size_t)hash(key, len) & mask;
	while (s->slots[i]) {
		const struct value *k = s->slots[i];
		if (k->len == len && memcmp(k->text, key, len) == 0)
			break;
		i = (i + 1) & mask;
	}
	return i;
}

long value_keyset_find(const struct value_keyset *s, const char *key,
                       size_t len)
{
	if (s->cap == 0)
		return -1;
	size_t i = probe(s, key, len);
	return s->slots[i] ? s->index[i] : -1;
}

static void rehash(struct value_keyset *s, size_t cap)
{
	struct value_keyset n = {xcalloc(cap, sizeof *n.slots),
	                         xcalloc(cap, sizeof *n.index), cap, s->len};
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->slots[i])
			continue;
		size_t j = probe(&n, s->slots[i]->text, s->slots[i]->len);
		n.slots[j] = s->slots[i];
		n.index[j] = s->index[i];
	}
	value_keyset_free(s);
	*s = n;
}

long value_keyset_add(struct value_keyset *s, const struct value *key,
                      long index)
{
	if ((s->len + 1) * 2 > s->cap)
		rehash(s, s->cap ? s->cap * 2 : 16);
	size_t i = probe(s, key->text, key->len);
	if (s->slots[i])
		return s->index[i];
	s->slots[i] = key;
	s->index[i] = index;
	s->len++;
	return -1;
}

void value_keyset_free(struct value_keyset *s)
{
	free(s->slots);
	free(s->index);
	*s = (struct value_keyset)VALUE_KEYSET_INIT;
}
