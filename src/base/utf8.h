/* utf8: validating and decoding UTF-8. */
#ifndef CLERK_BASE_UTF8_H
#define CLERK_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Checks that `s[0..len)` is well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF). Returns the byte offset of the first
 * bad sequence, or `len` when all is well. */
size_t utf8_validate(const char *s, size_t len);
/* Decodes one code point at `s` (of `len` bytes left) into `*cp` and returns
 * its length in bytes, or 0 when the sequence is invalid. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s, size_t len);

#endif
