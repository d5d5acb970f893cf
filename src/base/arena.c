/* arena: bump allocation in blocks that double in size up to a cap. */
#include "base/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

struct arena_block {
	struct arena_block *next;
	size_t size;
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

enum { ARENA_FIRST = 4096, ARENA_MAX_STEP = 1 << 20 };

void *arena_alloc(struct arena *a, size_t size)
{
	size_t align = alignof(max_align_t);
	size = (size + align - 1) & ~(align - 1);
	if (size == 0)
		size = align;
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < size) {
		size_t want = b ? b->size * 2 : ARENA_FIRST;
		if (want > ARENA_MAX_STEP)
			want = ARENA_MAX_STEP;
		if (want < size)
			want = size;
		b = xmalloc(sizeof *b + want);
		b->size = want;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += size;
	a->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}
