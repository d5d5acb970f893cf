/* entity: the HTML5 named character references, by binary search.
 *
 * The generated table is sorted by the names' bytes, each with its ';'
 * where HTML writes one, so a lookup appends the ';' and compares with
 * strcmp. */
#include "base/entity.h"

#include <stdlib.h>
#include <string.h>

struct entity {
	const char *name; /* "euml;", or "euml" for the legacy form */
	const char *utf8;
};

#include "entities.inc"

/* The longest name is "CounterClockwiseContourIntegral;" (32 bytes). */
#define ENTITY_NAME_MAX 40

static int compare(const void *key, const void *elem)
{
	return strcmp(key, ((const struct entity *)elem)->name);
}

const char *entity_lookup(const char *name, size_t len)
{
	char key[ENTITY_NAME_MAX + 2];
	if (len == 0 || len > ENTITY_NAME_MAX || memchr(name, '\0', len))
		return NULL;
	memcpy(key, name, len);
	key[len] = ';';
	key[len + 1] = '\0';
	const struct entity *e =
	        bsearch(key, entities, ENTITY_COUNT, sizeof *entities, compare);
	return e ? e->utf8 : NULL;
}

size_t entity_count(void)
{
	return ENTITY_COUNT;
}
