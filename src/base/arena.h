/* arena: memory for one stage of one report, freed in one call.
 *
 * The value tree (and later stages' trees) allocate from an arena, so a tree
 * is never freed node by node. Memory from arena_alloc is zeroed and aligned
 * for any type; it stays valid until arena_free. */
#ifndef CLERK_BASE_ARENA_H
#define CLERK_BASE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used; /* total bytes handed out, for statistics */
};

#define ARENA_INIT      \
	{               \
		NULL, 0 \
	}

void *arena_alloc(struct arena *a, size_t size);
/* Copies `len` bytes and appends a NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

#endif
