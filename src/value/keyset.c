/* keyset: open addressing with linear probing, load <= 1/2; keys hashed
 * by FNV-1a from a seeded start, then mixed (murmur3's finaliser) so that
 * the low bits that pick a slot depend on every byte and on the seed. */
#include "value/keyset.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "base/xalloc.h"

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return h;
}

/* One seed per process, read from the kernel once. Two threads racing here
 * at most pick two seeds, each kept by its own sets, which is harmless. */
static uint64_t process_seed(void)
{
	static _Atomic uint64_t seed;
	uint64_t s = atomic_load_explicit(&seed, memory_order_relaxed);
	if (s)
		return s;
	if (getrandom(&s, sizeof s, GRND_NONBLOCK) != (ssize_t)sizeof s) {
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		s = mix((uint64_t)t.tv_nsec ^ ((uint64_t)t.tv_sec << 32) ^
		        (uint64_t)getpid());
	}
	s |= 1; /* never 0, which means "not chosen yet" */
	atomic_store_explicit(&seed, s, memory_order_relaxed);
	return s;
}

static uint32_t hash(uint64_t seed, const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u ^ seed;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return (uint32_t)mix(h ^ len);
}

/* The slot that holds `key`, or the empty slot where it would go. */
static size_t probe(const struct value_keyset *s, uint32_t h, const char *key,
                    size_t len)
{
	size_t mask = s->cap - 1;
	size_t i = (size_t)h & mask;
	for (; s->slots[i].key; i = (i + 1) & mask) {
		const struct value *k = s->slots[i].key;
		if (s->slots[i].hash == h && k->len == len &&
		    memcmp(k->text, key, len) == 0)
			break;
	}
	return i;
}

long value_keyset_find(const struct value_keyset *s, const char *key,
                       size_t len)
{
	if (s->cap == 0)
		return -1;
	size_t i = probe(s, hash(s->seed, key, len), key, len);
	return s->slots[i].key ? s->slots[i].index : -1;
}

static void rehash(struct value_keyset *s, size_t cap)
{
	struct value_keyset n = {xcalloc(cap, sizeof *n.slots), cap, s->len,
	                         s->seed ? s->seed : process_seed()};
	size_t mask = cap - 1;
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->slots[i].key)
			continue;
		size_t j = (size_t)s->slots[i].hash & mask;
		while (n.slots[j].key)
			j = (j + 1) & mask;
		n.slots[j] = s->slots[i];
	}
	free(s->slots);
	*s = n;
}

/* The slot for `key`, growing the set first if a new key would fill it
 * past half. */
static size_t slot_for(struct value_keyset *s, const struct value *key,
                       uint32_t *h)
{
	if ((s->len + 1) * 2 > s->cap)
		rehash(s, s->cap ? s->cap * 2 : 16);
	*h = hash(s->seed, key->text, key->len);
	return probe(s, *h, key->text, key->len);
}

long value_keyset_add(struct value_keyset *s, const struct value *key,
                      long index)
{
	uint32_t h;
	size_t i = slot_for(s, key, &h);
	if (s->slots[i].key)
		return s->slots[i].index;
	s->slots[i] = (struct value_keyset_slot){key, (int32_t)index, h};
	s->len++;
	return -1;
}

long value_keyset_put(struct value_keyset *s, const struct value *key,
                      long index)
{
	uint32_t h;
	size_t i = slot_for(s, key, &h);
	long old = s->slots[i].key ? s->slots[i].index : -1;
	if (!s->slots[i].key)
		s->len++;
	s->slots[i] = (struct value_keyset_slot){key, (int32_t)index, h};
	return old;
}

void value_keyset_free(struct value_keyset *s)
{
	free(s->slots);
	*s = (struct value_keyset)VALUE_KEYSET_INIT;
}
