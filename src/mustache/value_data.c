/* value_data: the Mustache data interface over the value tree. */
#include "mustache/value_data.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static const struct mustache_lambdas *lambdas_of(void *closure)
{
	return closure;
}

static bool is_lambda(void *closure, const struct value *v)
{
	const struct mustache_lambdas *l = lambdas_of(closure);
	return l && l->call && v->tag && l->lambda_tag &&
	       strcmp(v->tag, l->lambda_tag) == 0;
}

static const void *get(void *closure, const void *ctx, const char *key,
                       size_t len)
{
	(void)closure;
	const struct value *v = ctx;
	if (v->kind != VALUE_MAP)
		return NULL;
	for (size_t i = 0; i < v->as.map.len; i++) {
		const struct value *k = v->as.map.items[i].key;
		if (k->len == len && memcmp(k->text, key, len) == 0)
			return v->as.map.items[i].value;
	}
	return NULL;
}

static enum mustache_kind enter(void *closure, const void *d)
{
	const struct value *v = d;
	if (is_lambda(closure, v))
		return lambdas_of(closure)->filters ? MUSTACHE_FILTER
		                                    : MUSTACHE_LAMBDA;
	switch (v->kind) {
	case VALUE_NULL:
		return MUSTACHE_FALSY;
	case VALUE_BOOL:
		return v->as.b ? MUSTACHE_TRUE : MUSTACHE_FALSY;
	case VALUE_INT:
		return v->as.i ? MUSTACHE_OBJECT : MUSTACHE_FALSY;
	case VALUE_NUMBER:
		return v->as.n == 0 || isnan(v->as.n) ? MUSTACHE_FALSY
		                                      : MUSTACHE_OBJECT;
	case VALUE_STRING:
		return v->len ? MUSTACHE_OBJECT : MUSTACHE_FALSY;
	case VALUE_LIST:
		return v->as.list.len ? MUSTACHE_LIST : MUSTACHE_FALSY;
	case VALUE_MAP:
		return MUSTACHE_OBJECT;
	}
	return MUSTACHE_FALSY;
}

static const void *next(void *closure, const void *d, size_t *cursor)
{
	(void)closure;
	const struct value *v = d;
	if (*cursor >= v->as.list.len)
		return NULL;
	return v->as.list.items[(*cursor)++];
}

static void text(void *closure, const void *d, struct buf *out)
{
	(void)closure;
	value_print(out, d);
}

static int lambda(void *closure, const void *d, const char *raw, size_t len,
                  struct buf *out, struct pos pos, struct diags *diags)
{
	const struct mustache_lambdas *l = lambdas_of(closure);
	return l->call(l->closure, d, raw, len, out, pos, diags);
}

struct mustache_data mustache_value_data(const struct mustache_lambdas *lambdas)
{
	struct mustache_data md = {
	        .closure = (void *)lambdas,
	        .get = get,
	        .enter = enter,
	        .next = next,
	        .leave = NULL,
	        .text = text,
	        .lambda = lambda,
	};
	return md;
}

void mustache_value_partials_init(struct mustache_value_partials *vp,
                                  const struct value *map)
{
	vp->map = map && map->kind == VALUE_MAP ? map : NULL;
	vp->compiled =
	        vp->map ? xcalloc(vp->map->as.map.len + 1, sizeof *vp->compiled)
	                : NULL;
}

static int map_resolve(void *closure, const char *name, size_t len,
                       struct pos pos, const struct mustache_template **out,
                       struct diags *d)
{
	(void)pos;
	struct mustache_value_partials *vp = closure;
	*out = NULL;
	long i = vp->map ? value_map_index(vp->map, name, len) : -1;
	if (i < 0)
		return 0;
	if (!vp->compiled[i]) {
		const struct value *v = vp->map->as.map.items[i].value;
		if (mustache_compile(vp->map->as.map.items[i].key->text,
		                     v->text ? v->text : "",
		                     v->text ? v->len : 0, &vp->compiled[i],
		                     d) < 0)
			return -1;
	}
	*out = vp->compiled[i];
	return 0;
}

struct mustache_partials
mustache_value_partials(struct mustache_value_partials *vp)
{
	return (struct mustache_partials){vp, map_resolve};
}

void mustache_value_partials_free(struct mustache_value_partials *vp)
{
	for (size_t i = 0; vp->map && i < vp->map->as.map.len; i++)
		mustache_free(vp->compiled[i]);
	free(vp->compiled);
	vp->compiled = NULL;
}
