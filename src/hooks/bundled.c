/* bundled: the hook library as it was built, compiled to bytecode.
 *
 * mk/luac.c compiles every file of scripts/ at build time with the liblua
 * clerk links, and $(BUILD)/gen/bundled.inc holds each file's exact text
 * and its bytecode in two parts, before and after the chunk's name. When
 * the sandbox reads a hook or module whose bytes are exactly one of those
 * texts, wherever the file lies, it takes the bytecode instead of parsing
 * the text: the same bytes compile to the same function, so only the name
 * differs, and it is put back here. A file that differs by one byte (a
 * council's edit, a council's own script) is parsed as before. The table
 * is part of the program, never read from disk; hooks still cannot load
 * a binary chunk. */
#include "hooks/sandbox.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

struct bundled_chunk {
	const unsigned char *text;
	size_t text_len;
	const unsigned char *head; /* the bytecode up to the chunk's name */
	size_t head_len;
	const unsigned char *tail; /* and from after it */
	size_t tail_len;
};

#include "bundled.inc"

char *bundled_code(const char *text, size_t len, const char *chunkname,
                   size_t *code_len)
{
	const struct bundled_chunk *c = bundled_chunks;
	for (; c->text; c++)
		if (c->text_len == len && memcmp(c->text, text, len) == 0)
			break;
	if (!c->text)
		return NULL;
	/* The name as lua_dump writes a string (ldump.c): its length plus
	 * one, big-endian in groups of 7 bits with the last byte marked,
	 * then its bytes. */
	size_t n = strlen(chunkname);
	unsigned char size[16];
	size_t i = sizeof size;
	size_t x = n + 1;
	do {
		size[--i] = x & 0x7f;
		x >>= 7;
	} while (x);
	size[sizeof size - 1] |= 0x80;
	size_t size_len = sizeof size - i;
	*code_len = c->head_len + size_len + n + c->tail_len;
	char *code = xmalloc(*code_len);
	char *p = code;
	memcpy(p, c->head, c->head_len);
	p += c->head_len;
	memcpy(p, size + i, size_len);
	p += size_len;
	memcpy(p, chunkname, n);
	p += n;
	memcpy(p, c->tail, c->tail_len);
	return code;
}
