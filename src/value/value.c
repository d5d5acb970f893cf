/* value: constructing, querying, copying and printing the data tree. */
#include "value/value.h"

#include "value/keyset.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct value *node(struct arena *a, enum value_kind kind, struct pos pos)
{
	struct value *v = arena_alloc(a, sizeof *v);
	v->kind = kind;
	v->pos = pos;
	return v;
}

static void set_text(struct arena *a, struct value *v, const char *text,
                     size_t len)
{
	v->text = arena_strndup(a, text, len);
	v->len = len;
}

struct value *value_new_null(struct arena *a, struct pos pos)
{
	struct value *v = node(a, VALUE_NULL, pos);
	set_text(a, v, "", 0);
	return v;
}

struct value *value_new_bool(struct arena *a, struct pos pos, bool b)
{
	struct value *v = node(a, VALUE_BOOL, pos);
	v->as.b = b;
	set_text(a, v, b ? "true" : "false", b ? 4 : 5);
	return v;
}

struct value *value_new_int(struct arena *a, struct pos pos, int64_t i)
{
	struct value *v = node(a, VALUE_INT, pos);
	char text[32];
	int n = snprintf(text, sizeof text, "%" PRId64, i);
	v->as.i = i;
	set_text(a, v, text, (size_t)n);
	return v;
}

struct value *value_new_number(struct arena *a, struct pos pos, double n)
{
	struct value *v = node(a, VALUE_NUMBER, pos);
	struct buf b = BUF_INIT;
	value_format_number(&b, n);
	v->as.n = n;
	set_text(a, v, buf_cstr(&b), b.len);
	buf_free(&b);
	return v;
}

struct value *value_new_string(struct arena *a, struct pos pos,
                               const char *text, size_t len)
{
	struct value *v = node(a, VALUE_STRING, pos);
	set_text(a, v, text, len);
	return v;
}

struct value *value_new_list(struct arena *a, struct pos pos)
{
	return node(a, VALUE_LIST, pos);
}

struct value *value_new_map(struct arena *a, struct pos pos)
{
	return node(a, VALUE_MAP, pos);
}

/* Arrays grow inside the arena: the old array is abandoned to it, which
 * costs at most the size of the final array again. */
static void *grow(struct arena *a, void *items, size_t *cap, size_t need,
                  size_t elem)
{
	if (need <= *cap)
		return items;
	size_t n = *cap ? *cap * 2 : 4;
	while (n < need)
		n *= 2;
	void *p = arena_alloc(a, n * elem);
	if (*cap)
		memcpy(p, items, *cap * elem);
	*cap = n;
	return p;
}

void value_list_push(struct arena *a, struct value *list, struct value *item)
{
	list->as.list.items =
	        grow(a, list->as.list.items, &list->as.list.cap,
	             list->as.list.len + 1, sizeof(struct value *));
	list->as.list.items[list->as.list.len++] = item;
}

void value_map_append(struct arena *a, struct value *map, struct value *key,
                      struct value *val)
{
	map->as.map.items =
	        grow(a, map->as.map.items, &map->as.map.cap,
	             map->as.map.len + 1, sizeof(struct value_pair));
	map->as.map.items[map->as.map.len++] = (struct value_pair){key, val};
}

void value_map_set(struct arena *a, struct value *map, const char *key,
                   struct value *val)
{
	size_t len = strlen(key);
	long i = value_map_index(map, key, len);
	if (i >= 0) {
		map->as.map.items[i].value = val;
		return;
	}
	value_map_append(a, map, value_new_string(a, val->pos, key, len), val);
}

long value_map_index(const struct value *map, const char *key, size_t len)
{
	if (!map || map->kind != VALUE_MAP)
		return -1;
	for (size_t i = 0; i < map->as.map.len; i++) {
		const struct value *k = map->as.map.items[i].key;
		if (k->len == len && memcmp(k->text, key, len) == 0)
			return (long)i;
	}
	return -1;
}

struct value *value_map_getn(const struct value *map, const char *key,
                             size_t len)
{
	long i = value_map_index(map, key, len);
	return i < 0 ? NULL : map->as.map.items[i].value;
}

struct value *value_map_get(const struct value *map, const char *key)
{
	return value_map_getn(map, key, strlen(key));
}

struct value *value_copy(struct arena *a, const struct value *v)
{
	struct value *c = arena_alloc(a, sizeof *c);
	*c = *v;
	if (v->kind == VALUE_LIST) {
		c->as.list.items = NULL;
		c->as.list.len = c->as.list.cap = 0;
		for (size_t i = 0; i < v->as.list.len; i++)
			value_list_push(a, c,
			                value_copy(a, v->as.list.items[i]));
	} else if (v->kind == VALUE_MAP) {
		c->as.map.items = NULL;
		c->as.map.len = c->as.map.cap = 0;
		for (size_t i = 0; i < v->as.map.len; i++)
			value_map_append(
			        a, c, v->as.map.items[i].key,
			        value_copy(a, v->as.map.items[i].value));
	}
	return c;
}

struct value *value_copy_shallow(struct arena *a, const struct value *v)
{
	struct value *c = arena_alloc(a, sizeof *c);
	*c = *v;
	if (v->kind == VALUE_LIST) {
		size_t n = v->as.list.len;
		c->as.list.items =
		        n ? arena_alloc(a, n * sizeof(struct value *)) : NULL;
		if (n)
			memcpy(c->as.list.items, v->as.list.items,
			       n * sizeof(struct value *));
		c->as.list.cap = n;
	} else if (v->kind == VALUE_MAP) {
		size_t n = v->as.map.len;
		c->as.map.items =
		        n ? arena_alloc(a, n * sizeof(struct value_pair))
		          : NULL;
		if (n)
			memcpy(c->as.map.items, v->as.map.items,
			       n * sizeof(struct value_pair));
		c->as.map.cap = n;
	}
	return c;
}

size_t value_count(const struct value *v)
{
	size_t n = 1;
	if (v->kind == VALUE_LIST)
		for (size_t i = 0; i < v->as.list.len; i++)
			n += value_count(v->as.list.items[i]);
	else if (v->kind == VALUE_MAP)
		for (size_t i = 0; i < v->as.map.len; i++)
			n += value_count(v->as.map.items[i].value);
	return n;
}

bool value_is_scalar(const struct value *v)
{
	return v->kind != VALUE_LIST && v->kind != VALUE_MAP;
}

const char *value_kind_name(enum value_kind kind)
{
	switch (kind) {
	case VALUE_NULL:
		return "null";
	case VALUE_BOOL:
		return "a boolean";
	case VALUE_INT:
		return "an integer";
	case VALUE_NUMBER:
		return "a number";
	case VALUE_STRING:
		return "a string";
	case VALUE_LIST:
		return "a list";
	case VALUE_MAP:
		return "a map";
	}
	return "a value";
}

/* Maps are equal when they hold the same keys with equal values, in any
 * order. Big maps index `y`'s keys, so comparing two maps of 100,000 keys
 * stays linear. */
static bool maps_equal(const struct value *x, const struct value *y)
{
	if (x->as.map.len != y->as.map.len)
		return false;
	struct value_keyset keys = VALUE_KEYSET_INIT;
	bool indexed = y->as.map.len > 16;
	for (size_t i = 0; indexed && i < y->as.map.len; i++)
		value_keyset_add(&keys, y->as.map.items[i].key, (long)i);
	bool same = true;
	for (size_t i = 0; same && i < x->as.map.len; i++) {
		const struct value_pair *p = &x->as.map.items[i];
		long j =
		        indexed ? value_keyset_find(&keys, p->key->text,
		                                    p->key->len)
		                : value_map_index(y, p->key->text, p->key->len);
		same = j >= 0 &&
		       value_equal(p->value, y->as.map.items[j].value);
	}
	value_keyset_free(&keys);
	return same;
}

bool value_equal(const struct value *x, const struct value *y)
{
	if (x->kind != y->kind)
		return false;
	switch (x->kind) {
	case VALUE_NULL:
		return true;
	case VALUE_BOOL:
		return x->as.b == y->as.b;
	case VALUE_INT:
		return x->as.i == y->as.i;
	case VALUE_NUMBER:
		return x->as.n == y->as.n;
	case VALUE_STRING:
		return x->len == y->len &&
		       memcmp(x->text, y->text, x->len) == 0;
	case VALUE_LIST:
		if (x->as.list.len != y->as.list.len)
			return false;
		for (size_t i = 0; i < x->as.list.len; i++)
			if (!value_equal(x->as.list.items[i],
			                 y->as.list.items[i]))
				return false;
		return true;
	case VALUE_MAP:
		return maps_equal(x, y);
	}
	return false;
}

void value_format_number(struct buf *out, double n)
{
	if (isnan(n)) {
		buf_puts(out, "NaN");
		return;
	}
	if (isinf(n)) {
		buf_puts(out, n < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (n == 0) {
		buf_puts(out, "0");
		return;
	}
	/* Whole numbers that fit print without an exponent, as people write
	 * them; everything else gets the shortest round-trip form. */
	if (n == floor(n) && fabs(n) < 1e15) {
		buf_printf(out, "%.0f", n);
		return;
	}
	char text[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(text, sizeof text, "%.*g", prec, n);
		if (strtod(text, NULL) == n)
			break;
	}
	buf_puts(out, text);
}

static void dump_string(struct buf *out, const char *s, size_t len)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, (char)c);
		} else if (c == '\n') {
			buf_puts(out, "\\n");
		} else if (c == '\t') {
			buf_puts(out, "\\t");
		} else if (c < 0x20) {
			buf_printf(out, "\\u%04x", c);
		} else {
			buf_putc(out, (char)c);
		}
	}
	buf_putc(out, '"');
}

void value_print(struct buf *out, const struct value *v)
{
	switch (v->kind) {
	case VALUE_NULL:
	case VALUE_LIST:
	case VALUE_MAP:
		break;
	case VALUE_BOOL:
		buf_puts(out, v->as.b ? "true" : "false");
		break;
	case VALUE_INT:
		buf_printf(out, "%" PRId64, v->as.i);
		break;
	case VALUE_NUMBER:
		value_format_number(out, v->as.n);
		break;
	case VALUE_STRING:
		buf_put(out, v->text, v->len);
		break;
	}
}

/* Between the items of a list or map (before item `i`), and after the
 * last: JSON puts each item on a line of its own, indented; the dump
 * keeps them on one line. */
static void item_gap(struct buf *out, size_t i, int depth, bool json)
{
	if (i)
		buf_puts(out, json ? "," : ", ");
	if (json) {
		buf_putc(out, '\n');
		for (int k = 0; k < depth; k++)
			buf_puts(out, "  ");
	}
}

/* The one writer of both forms. `json`: strict JSON (no tags, NaN and
 * the infinities as null), two spaces an indent; else the one-line dump
 * with tags. */
static void write_tree(struct buf *out, const struct value *v, int depth,
                       bool json)
{
	if (v->tag && !json)
		buf_printf(out, "%s ", v->tag);
	switch (v->kind) {
	case VALUE_NULL:
		buf_puts(out, "null");
		break;
	case VALUE_BOOL:
	case VALUE_INT:
		value_print(out, v);
		break;
	case VALUE_NUMBER:
		if (json && (isnan(v->as.n) || isinf(v->as.n)))
			buf_puts(out, "null");
		else
			value_format_number(out, v->as.n);
		break;
	case VALUE_STRING:
		dump_string(out, v->text, v->len);
		break;
	case VALUE_LIST:
		buf_putc(out, '[');
		for (size_t i = 0; i < v->as.list.len; i++) {
			item_gap(out, i, depth + 1, json);
			write_tree(out, v->as.list.items[i], depth + 1, json);
		}
		if (json && v->as.list.len)
			item_gap(out, 0, depth, json);
		buf_putc(out, ']');
		break;
	case VALUE_MAP:
		buf_putc(out, '{');
		for (size_t i = 0; i < v->as.map.len; i++) {
			item_gap(out, i, depth + 1, json);
			dump_string(out, v->as.map.items[i].key->text,
			            v->as.map.items[i].key->len);
			buf_puts(out, ": ");
			write_tree(out, v->as.map.items[i].value, depth + 1,
			           json);
		}
		if (json && v->as.map.len)
			item_gap(out, 0, depth, json);
		buf_putc(out, '}');
		break;
	}
}

void value_dump(struct buf *out, const struct value *v)
{
	write_tree(out, v, 0, false);
}

void value_write_json(struct buf *out, const struct value *v)
{
	write_tree(out, v, 0, true);
	buf_putc(out, '\n');
}
