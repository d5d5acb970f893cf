/* mustache_value_data: the Mustache data interface over clerk's value
 * tree, and mustache_value_partials: partials from a map of texts.
 *
 * Both return plain structs of callbacks that borrow what they are given
 * (the lambdas, the partials map, the values rendered), which must outlive
 * the render. The data interface allocates nothing; the partials compile
 * into `compiled`, which the caller frees with
 * mustache_value_partials_free.
 *
 * Maps are objects whose members are their keys; lists iterate; scalars
 * print as their text, numbers as a reader expects them (1.1 prints "1.1",
 * 3 prints "3"). Null, false, 0, the empty string and the empty list are
 * falsy; everything else, the empty map included, is truthy. Lists and maps
 * print as nothing in a variable tag.
 *
 * A node whose tag equals `lambda_tag` is a lambda: the engine calls `call`
 * with it. Nothing is a lambda when `call` is NULL. With `filters` set such
 * nodes are filters (MUSTACHE_FILTER: `call` gets a section's rendered
 * output and writes final text) rather than the specification's lambdas. */
#ifndef CLERK_MUSTACHE_VALUE_DATA_H
#define CLERK_MUSTACHE_VALUE_DATA_H

#include "mustache/mustache.h"
#include "value/value.h"

struct mustache_lambdas {
	const char *lambda_tag; /* for example "!code" */
	void *closure;
	/* As mustache_data.lambda, with the lambda's node as `fn`. */
	int (*call)(void *closure, const struct value *fn, const char *raw,
	            size_t len, struct buf *out, struct pos pos,
	            struct diags *d);
	bool filters;
};

/* The interface for rendering a value tree (pass the root as `root` to
 * mustache_render). `lambdas` may be NULL; when not, it must outlive the
 * returned interface, which borrows it. */
struct mustache_data
mustache_value_data(const struct mustache_lambdas *lambdas);

/* Partials held in a map from name to template text (the `partials` of a
 * specification case), each compiled on first use with its name as its
 * file name. `map` may be NULL or not a map: there are no partials. */
struct mustache_value_partials {
	const struct value *map;
	struct mustache_template **compiled; /* one per entry, or NULL */
};
void mustache_value_partials_init(struct mustache_value_partials *vp,
                                  const struct value *map);
/* The resolver for mustache_render; it borrows `vp`. */
struct mustache_partials
mustache_value_partials(struct mustache_value_partials *vp);
void mustache_value_partials_free(struct mustache_value_partials *vp);

#endif
