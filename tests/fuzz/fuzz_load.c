/* libFuzzer target for the YAML loader: any bytes must load or fail with a
 * diagnostic, never crash, leak or hang; and what loads must be printable
 * and finite. The oracle aborts when a tree that loaded holds a string (a
 * value, a key, a scalar's text or a tag) with a NUL or a control
 * character the loader refuses, or a number that is infinite or NaN. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "load/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The same set as the loader's: C0 but tab, line feed and carriage
 * return, DEL, C1, and U+FFFE and U+FFFF; and the text must be valid
 * UTF-8. */
static void check_text(const char *s, size_t n)
{
	if (!s)
		return;
	if (utf8_validate(s, n) != n)
		abort();
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t k = utf8_decode(s + i, n - i, &c);
		if (k == 0)
			abort();
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)
			abort();
		i += k;
	}
	if (s[n] != '\0')
		abort(); /* texts are NUL-terminated at their length */
}

static void check_tree(const struct value *v)
{
	if (v->tag)
		check_text(v->tag, strlen(v->tag));
	switch (v->kind) {
	case VALUE_NUMBER:
		if (!isfinite(v->as.n))
			abort();
		check_text(v->text, v->len);
		break;
	case VALUE_NULL:
	case VALUE_BOOL:
	case VALUE_INT:
	case VALUE_STRING:
		check_text(v->text, v->len);
		break;
	case VALUE_LIST:
		for (size_t i = 0; i < v->as.list.len; i++)
			check_tree(v->as.list.items[i]);
		break;
	case VALUE_MAP:
		for (size_t i = 0; i < v->as.map.len; i++) {
			check_tree(v->as.map.items[i].key);
			check_tree(v->as.map.items[i].value);
		}
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct value *v = NULL;
	if (load_text(&a, "fuzz.yaml", (const char *)data, size, &v, &d) == 0) {
		check_tree(v);
		struct buf b = BUF_INIT;
		value_dump(&b, v);
		buf_free(&b);
	} else if (d.errors == 0) {
		__builtin_trap(); /* a failure must say why */
	}
	diags_free(&d);
	arena_free(&a);
	return 0;
}
