/* near: how far apart two short words are, for "did you mean".
 *
 * The edit distance (insertions, deletions, substitutions) of two byte
 * strings, case-insensitive, with spaces and hyphens counted as
 * underscores, so that "Requires Improvement" is one letter off
 * "requires_improvement". Allocates nothing for words under 64 bytes. */
#ifndef CLERK_BASE_NEAR_H
#define CLERK_BASE_NEAR_H

#include <stddef.h>

size_t near_distance(const char *a, size_t la, const char *b, size_t lb);

#endif
