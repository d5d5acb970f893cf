/* xalloc: the one place that allocates; it aborts with a message when memory
 * runs out.
 *
 * Every allocation in clerk goes through these functions, so callers never
 * check for NULL. The returned memory belongs to the caller, who frees it with
 * free(). */
#ifndef CLERK_BASE_XALLOC_H
#define CLERK_BASE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
/* Like realloc(), but aborts on failure; xrealloc(NULL, n) is xmalloc(n). */
void *xrealloc(void *ptr, size_t size);
/* Grows an array of `*cap` elements of `elem` bytes so that it holds at least
 * `need`; doubles the capacity, aborts if the size would overflow. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);

#endif
