/* libFuzzer target for the YAML loader: any bytes must load or fail with a
 * diagnostic, never crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>

#include "load/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct value *v = NULL;
	if (load_text(&a, "fuzz.yaml", (const char *)data, size, &v, &d) == 0) {
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
