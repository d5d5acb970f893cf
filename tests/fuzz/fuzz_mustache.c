/* libFuzzer target for the Mustache compiler and renderer: any bytes must
 * compile or fail with a diagnostic; what compiles must render (with
 * itself as every partial, so recursion is exercised) or fail with one,
 * never crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>

#include "mustache/mustache.h"
#include "mustache/value_data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int self(void *closure, const char *name, size_t len, struct pos pos,
                const struct mustache_template **out, struct diags *d)
{
	(void)name;
	(void)pos;
	(void)d;
	*out = len < 3 ? closure : NULL; /* short names only: some miss */
	return 0;
}

static struct value *data_tree(struct arena *a)
{
	struct pos p = {"fuzz.yaml", 1, 1};
	struct value *root = value_new_map(a, p);
	struct value *item = value_new_map(a, p);
	value_map_set(a, item, "a", value_new_string(a, p, "y'\"", 3));
	struct value *list = value_new_list(a, p);
	value_list_push(a, list, item);
	value_map_set(a, root, "a", value_new_string(a, p, "x<&>", 4));
	value_map_set(a, root, "n", value_new_number(a, p, 1.1));
	value_map_set(a, root, "i", value_new_int(a, p, 3));
	value_map_set(a, root, "l", list);
	value_map_set(a, root, "m", item);
	value_map_set(a, root, "e", value_new_list(a, p));
	value_map_set(a, root, "t", value_new_bool(a, p, true));
	value_map_set(a, root, "f", value_new_bool(a, p, false));
	value_map_set(a, root, "z", value_new_null(a, p));
	return root;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d = DIAGS_INIT;
	struct mustache_template *t = NULL;
	if (mustache_compile("fuzz.mustache", (const char *)data, size, &t,
	                     &d) == 0) {
		struct arena a = ARENA_INIT;
		struct buf out = BUF_INIT;
		struct mustache_data md = mustache_value_data(NULL);
		struct mustache_partials res = {t, self};
		if (mustache_render(t, &md, data_tree(&a), &res, &out, &d) <
		            0 &&
		    d.errors == 0)
			__builtin_trap();
		buf_free(&out);
		arena_free(&a);
		mustache_free(t);
	} else if (d.errors == 0) {
		__builtin_trap(); /* a failure must say why */
	}
	diags_free(&d);
	return 0;
}
