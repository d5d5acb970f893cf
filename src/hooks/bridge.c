/* bridge: value trees to read-only Lua tables, and Lua data back to values.
 *
 * A list or map reaches Lua as an empty proxy table whose metatable reads
 * from a hidden real table: writes raise, `#` and pairs() work (pairs goes
 * in the order the YAML was written), and getmetatable() returns false.
 * The metatable also remembers the value node, so a hook that returns part
 * of the report (an action, say) hands back the node itself, positions and
 * key order intact. The real table is made when the proxy is first read
 * (indexed or walked by pairs), one level at a time, its lists and maps
 * proxies in turn: each hook reads its own part of the report, and the
 * parts it never reads are never converted. Once made, the real table is
 * the metatable's __index, so later reads are plain table reads. A proxy
 * keeps the length its node had when the proxy was made, and the real
 * table and pairs() stop there: a node that gains items later (as the
 * map of computed data does while the hooks run) shows a hook no more
 * than it held then, however late the hook's lambdas read it.
 *
 * Going back, a table whose keys are 1..n (or that is empty) becomes a
 * list, one whose keys are all strings a map with keys sorted bytewise:
 * Lua's own order depends on string hashes and so differs run to run. Keys
 * are sorted before their values are converted, so the first error found
 * is the same on every run too.
 *
 * Every table converted is remembered (a hash set of table addresses), so
 * a table reached again while it is being converted is a cycle, refused,
 * and one reached again after is not converted again: its value is shared.
 * Each arrival is charged to the node budget at the table's full size, so
 * what templates walk (and the view copies) stays within the budget however
 * the tables share. Conversion runs in protected mode, as it makes a
 * small table per map to keep the keys alive: running out of the hook's
 * memory there is an error like any other. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "base/buf.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "hooks/sandbox.h"
#include "value/value.h"

static const char PROXY_KEY = 'v';

static int ro_newindex(lua_State *L)
{
	return luaL_error(L, "the report, computed, clerk.vocabulary and "
	                     "clerk.words are read-only in hooks; build a new "
	                     "table instead");
}

static int ro_len(lua_State *L)
{
	lua_getmetatable(L, 1);
	lua_getfield(L, -1, "n");
	return 1;
}

/* A map has no length, as a Lua table with no integer keys has none. */
static int ro_len_map(lua_State *L)
{
	lua_pushinteger(L, 0);
	return 1;
}

/* Upvalues: the real table, the value node, the next position, the
 * proxy's length. Goes in the node's order: a list by index, a map as
 * its keys were written. */
static int ro_next(lua_State *L)
{
	const struct value *v = lua_touserdata(L, lua_upvalueindex(2));
	lua_Integer at = lua_tointeger(L, lua_upvalueindex(3));
	if (at >= lua_tointeger(L, lua_upvalueindex(4))) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushinteger(L, at + 1);
	lua_replace(L, lua_upvalueindex(3));
	if (v->kind == VALUE_LIST) {
		lua_pushinteger(L, at + 1);
	} else {
		const struct value *k = v->as.map.items[at].key;
		lua_pushlstring(L, k->text, k->len);
	}
	lua_pushvalue(L, -1);
	lua_rawget(L, lua_upvalueindex(1));
	return 2;
}

/* The length the proxy whose metatable is at index `mt` was made with. */
static size_t proxy_len(lua_State *L, int mt)
{
	lua_getfield(L, mt, "n");
	size_t n = (size_t)lua_tointeger(L, -1);
	lua_pop(L, 1);
	return n;
}

/* Pushes the real table of the proxy whose metatable is at index `mt`,
 * making it from the value node first when the proxy has not been read
 * yet: strings and numbers as they are, lists and maps as proxies. */
static void push_real(lua_State *L, int mt)
{
	lua_getfield(L, mt, "__index");
	if (lua_istable(L, -1))
		return;
	lua_pop(L, 1);
	lua_rawgetp(L, mt, &PROXY_KEY);
	const struct value *v = lua_touserdata(L, -1);
	lua_pop(L, 1);
	size_t n = proxy_len(L, mt);
	luaL_checkstack(L, 8, "out of stack space reading the report");
	if (v->kind == VALUE_LIST) {
		lua_createtable(L, (int)n, 0);
		for (size_t i = 0; i < n; i++) {
			bridge_push(L, v->as.list.items[i]);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
	} else {
		lua_createtable(L, 0, (int)n);
		for (size_t i = 0; i < n; i++) {
			const struct value *k = v->as.map.items[i].key;
			lua_pushlstring(L, k->text, k->len);
			bridge_push(L, v->as.map.items[i].value);
			lua_rawset(L, -3);
		}
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, mt, "__index");
}

/* The proxy's __index until it is first read: makes the real table and
 * reads the key from it. */
static int ro_index(lua_State *L)
{
	lua_getmetatable(L, 1);
	push_real(L, 3);
	lua_pushvalue(L, 2);
	lua_rawget(L, -2);
	return 1;
}

static int ro_pairs(lua_State *L)
{
	lua_getmetatable(L, 1);
	int mt = lua_gettop(L);
	push_real(L, mt);
	lua_rawgetp(L, mt, &PROXY_KEY);
	lua_pushinteger(L, 0);
	lua_getfield(L, mt, "n");
	lua_pushcclosure(L, ro_next, 4);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* Pushes the read-only proxy of the list or map `v`, whose length it
 * keeps: `#` of a list, and how far the real table and pairs() go. */
static void make_proxy(lua_State *L, const struct value *v)
{
	lua_Integer n = (lua_Integer)(v->kind == VALUE_LIST ? v->as.list.len
	                                                    : v->as.map.len);
	lua_newtable(L);
	lua_createtable(L, 0, 7);
	lua_pushcfunction(L, ro_index);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, ro_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, v->kind == VALUE_LIST ? ro_len : ro_len_map);
	lua_setfield(L, -2, "__len");
	lua_pushcfunction(L, ro_pairs);
	lua_setfield(L, -2, "__pairs");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pushinteger(L, n);
	lua_setfield(L, -2, "n");
	lua_pushlightuserdata(L, (void *)v);
	lua_rawsetp(L, -2, &PROXY_KEY);
	lua_setmetatable(L, -2);
}

void bridge_push(lua_State *L, const struct value *v)
{
	luaL_checkstack(L, 8, "out of stack space reading the report");
	if (!v) {
		lua_pushnil(L);
		return;
	}
	switch (v->kind) {
	case VALUE_NULL:
		lua_pushnil(L);
		break;
	case VALUE_BOOL:
		lua_pushboolean(L, v->as.b);
		break;
	case VALUE_INT:
		lua_pushinteger(L, (lua_Integer)v->as.i);
		break;
	case VALUE_NUMBER:
		lua_pushnumber(L, v->as.n);
		break;
	case VALUE_STRING:
		lua_pushlstring(L, v->text, v->len);
		break;
	case VALUE_LIST:
	case VALUE_MAP:
		make_proxy(L, v);
		break;
	}
}

int bridge_keys(lua_State *L)
{
	const struct value *v = NULL;
	size_t n = 0;
	if (lua_type(L, 1) == LUA_TTABLE && lua_getmetatable(L, 1)) {
		lua_rawgetp(L, -1, &PROXY_KEY);
		v = lua_touserdata(L, -1);
		lua_pop(L, 1);
		if (v)
			n = proxy_len(L, lua_gettop(L));
		lua_pop(L, 1);
	}
	if (!v || v->kind != VALUE_MAP)
		return luaL_error(L,
		                  "clerk.keys: expected a map from the report");
	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		const struct value *k = v->as.map.items[i].key;
		lua_pushlstring(L, k->text, k->len);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* Lua to value */

/* A table already met: its value, its full size, whether it is still
 * being converted. Open addressing on the table's address. */
struct seen {
	const void *table;
	struct value *val;
	long size;
	bool open;
};

struct conv {
	struct sandbox *sb;
	struct arena *a;
	struct diags *d;
	struct buf path;
	struct pos pos;
	long *nodes_left;
	struct seen *seen;
	size_t nseen, capseen; /* capseen is 0 or a power of two */
};

struct entry {
	const char *key;
	size_t len;
	int slot; /* stack slot of the key, kept while converting */
};

static int entry_cmp(const void *x, const void *y)
{
	const struct entry *p = x, *q = y;
	size_t n = p->len < q->len ? p->len : q->len;
	int c = memcmp(p->key, q->key, n);
	if (c)
		return c;
	return (p->len > q->len) - (p->len < q->len);
}

static size_t seen_hash(const void *p, size_t cap)
{
	uintptr_t h = (uintptr_t)p;
	h ^= h >> 17;
	h *= (uintptr_t)0x9E3779B97F4A7C15u;
	return (size_t)(h >> 7) & (cap - 1);
}

static struct seen *seen_find(struct conv *c, const void *t)
{
	if (!c->capseen)
		return NULL;
	for (size_t i = seen_hash(t, c->capseen);;
	     i = (i + 1) & (c->capseen - 1)) {
		if (!c->seen[i].table)
			return NULL;
		if (c->seen[i].table == t)
			return &c->seen[i];
	}
}

static struct seen *seen_add(struct conv *c, const void *t)
{
	if (2 * (c->nseen + 1) > c->capseen) {
		size_t cap = c->capseen ? 2 * c->capseen : 64;
		struct seen *old = c->seen;
		size_t oldcap = c->capseen;
		c->seen = xcalloc(cap, sizeof *c->seen);
		c->capseen = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].table) {
				size_t j = seen_hash(old[i].table, cap);
				while (c->seen[j].table)
					j = (j + 1) & (cap - 1);
				c->seen[j] = old[i];
			}
		free(old);
	}
	size_t i = seen_hash(t, c->capseen);
	while (c->seen[i].table)
		i = (i + 1) & (c->capseen - 1);
	c->seen[i] = (struct seen){t, NULL, 0, true};
	c->nseen++;
	return &c->seen[i];
}

static struct value *refuse(struct conv *c, const char *what, const char *hint)
{
	diag_error(c->d, c->pos,
	           "hook '%s' returned %s at %s, where data is expected%s",
	           c->sb->name, what, buf_cstr(&c->path), hint);
	return NULL;
}

/* Charges `n` values to the budget; false (with the error) past it. */
static bool charge(struct conv *c, long n)
{
	if (*c->nodes_left >= n) {
		*c->nodes_left -= n;
		return true;
	}
	*c->nodes_left = 0;
	diag_error(c->d, c->pos,
	           "hooks returned more than %ld values in all "
	           "(LIMIT_HOOK_DATA_NODES), counting a table each time it "
	           "is used; hook '%s' passed it at %s: is one table "
	           "returned in many places?",
	           (long)LIMIT_HOOK_DATA_NODES, c->sb->name,
	           buf_cstr(&c->path));
	return false;
}

static void path_cut(struct conv *c, size_t mark)
{
	c->path.len = mark;
	c->path.data[mark] = '\0';
}

static struct value *conv(struct conv *c, lua_State *L, int idx, int depth);

static struct value *conv_list(struct conv *c, lua_State *L, int idx, int depth,
                               lua_Integer max)
{
	size_t mark = c->path.len;
	struct value *list = value_new_list(c->a, c->pos);
	for (lua_Integer i = 1; i <= max; i++) {
		buf_printf(&c->path, "[%lld]", (long long)i - 1);
		lua_rawgeti(L, idx, i);
		struct value *item = conv(c, L, lua_gettop(L), depth + 1);
		lua_pop(L, 1);
		path_cut(c, mark);
		if (!item)
			return NULL;
		value_list_push(c->a, list, item);
	}
	return list;
}

static struct value *conv_map(struct conv *c, lua_State *L, int idx, int depth,
                              size_t count)
{
	/* The keys are kept in a table while their values convert, which
	 * keeps their text alive whatever the conversion does. */
	size_t mark = c->path.len;
	struct entry *e = arena_alloc(c->a, (count ? count : 1) * sizeof *e);
	int top = lua_gettop(L);
	lua_createtable(L, (int)count, 0); /* top + 1: the keys */
	size_t n = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_rawseti(L, top + 1, (lua_Integer)n + 1);
		e[n].key = lua_tolstring(L, -1, &e[n].len);
		e[n].slot = (int)n + 1;
		n++;
	}
	qsort(e, n, sizeof *e, entry_cmp);
	struct value *map = value_new_map(c->a, c->pos);
	for (size_t i = 0; i < n; i++) {
		buf_printf(&c->path, ".%s", e[i].key);
		if (utf8_validate(e[i].key, e[i].len) != e[i].len) {
			lua_settop(L, top);
			return refuse(c, "a key that is not valid UTF-8", "");
		}
		lua_rawgeti(L, top + 1, e[i].slot);
		lua_rawget(L, idx);
		struct value *val = conv(c, L, lua_gettop(L), depth + 1);
		lua_pop(L, 1);
		path_cut(c, mark);
		if (!val) {
			lua_settop(L, top);
			return NULL;
		}
		value_map_append(
		        c->a, map,
		        value_new_string(c->a, c->pos, e[i].key, e[i].len),
		        val);
	}
	lua_settop(L, top);
	return map;
}

static struct value *conv_table(struct conv *c, lua_State *L, int idx,
                                int depth)
{
	const void *self = lua_topointer(L, idx);
	struct seen *s = seen_find(c, self);
	if (s && s->open)
		return refuse(c, "a table that holds itself", "");
	if (s)
		return charge(c, s->size) ? s->val : NULL;
	if (lua_getmetatable(L, idx)) {
		int proxy =
		        lua_rawgetp(L, -1, &PROXY_KEY) == LUA_TLIGHTUSERDATA;
		const struct value *v = lua_touserdata(L, -1);
		lua_pop(L, 2);
		if (proxy) {
			long size = (long)value_count(v);
			if (!charge(c, size))
				return NULL;
			s = seen_add(c, self);
			s->val = value_copy(c->a, v);
			s->size = size;
			s->open = false;
			return s->val;
		}
	}
	if (depth >= LIMIT_HOOK_DATA_DEPTH) {
		diag_error(c->d, c->pos,
		           "hook '%s' returned tables nested more than %d deep "
		           "(LIMIT_HOOK_DATA_DEPTH) at %s; is a table inside "
		           "itself?",
		           c->sb->name, LIMIT_HOOK_DATA_DEPTH,
		           buf_cstr(&c->path));
		return NULL;
	}
	if (!charge(c, 1))
		return NULL;
	luaL_checkstack(L, 8, "tables nested too deeply");
	long before = *c->nodes_left;
	seen_add(c, self);
	size_t count = 0, strings = 0;
	lua_Integer max = 0;
	int others = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		count++;
		if (lua_type(L, -2) == LUA_TSTRING)
			strings++;
		else if (lua_isinteger(L, -2) && lua_tointeger(L, -2) > 0) {
			if (lua_tointeger(L, -2) > max)
				max = lua_tointeger(L, -2);
		} else
			others = 1;
		lua_pop(L, 1);
	}
	struct value *v;
	if (!others && strings == 0 && (lua_Integer)count == max)
		v = conv_list(c, L, idx, depth, max);
	else if (others || strings != count)
		v = refuse(c, "a table that mixes list items and named keys",
		           "");
	else
		v = conv_map(c, L, idx, depth, count);
	if (!v)
		return NULL;
	/* The table may have moved in the set while its values converted. */
	s = seen_find(c, self);
	s->val = v;
	s->size = 1 + before - *c->nodes_left;
	s->open = false;
	return v;
}

static struct value *conv(struct conv *c, lua_State *L, int idx, int depth)
{
	switch (lua_type(L, idx)) {
	case LUA_TTABLE:
		return conv_table(c, L, idx, depth);
	case LUA_TFUNCTION:
		return refuse(
		        c, "a function",
		        " (only the entries of `lambdas` may be functions)");
	default:
		break;
	}
	if (!charge(c, 1))
		return NULL;
	switch (lua_type(L, idx)) {
	case LUA_TNIL:
		return value_new_null(c->a, c->pos);
	case LUA_TBOOLEAN:
		return value_new_bool(c->a, c->pos, lua_toboolean(L, idx));
	case LUA_TNUMBER:
		if (lua_isinteger(L, idx))
			return value_new_int(c->a, c->pos,
			                     (int64_t)lua_tointeger(L, idx));
		if (!isfinite(lua_tonumber(L, idx)))
			return refuse(c, "a number that is not finite",
			              " (a division by zero?)");
		return value_new_number(c->a, c->pos, lua_tonumber(L, idx));
	case LUA_TSTRING: {
		size_t len;
		const char *s = lua_tolstring(L, idx, &len);
		if (utf8_validate(s, len) != len)
			return refuse(c, "a string that is not valid UTF-8",
			              "");
		return value_new_string(c->a, c->pos, s, len);
	}
	default:
		return refuse(c, luaL_typename(L, idx), "");
	}
}

/* In protected mode: (conv, result, value) -> nothing. */
static int conv_main(lua_State *L)
{
	struct conv *c = lua_touserdata(L, 1);
	struct value **out = lua_touserdata(L, 2);
	*out = conv(c, L, 3, 0);
	return 0;
}

int bridge_to_value(struct sandbox *sb, int idx, const char *path,
                    long *nodes_left, struct arena *a, struct value **out,
                    struct diags *d)
{
	lua_State *L = sb->L;
	idx = lua_absindex(L, idx);
	/* The values outlive the sandbox, which a hook without lambdas
	 * frees as soon as its data is read: they name a copy of its file. */
	struct pos pos = {arena_strdup(a, sb->path), sb->return_line, 0};
	int top = lua_gettop(L);
	if (!lua_checkstack(L, 8)) {
		diag_error(d, pos, "hook '%s' left no room to read its result",
		           sb->name);
		return -1;
	}
	struct conv c = {sb, a, d, BUF_INIT, pos, nodes_left, NULL, 0, 0};
	buf_puts(&c.path, path);
	struct value *v = NULL;
	lua_pushcfunction(L, conv_main);
	lua_pushlightuserdata(L, &c);
	lua_pushlightuserdata(L, &v);
	lua_pushvalue(L, idx);
	int status = lua_pcall(L, 3, 0, 0);
	if (status == LUA_ERRMEM) {
		diag_error(
		        d, pos,
		        "hook '%s' ran past its memory limit (%ld MiB) while "
		        "its result was read at %s",
		        sb->name, (long)(LIMIT_HOOK_MEMORY / (1024 * 1024)),
		        buf_cstr(&c.path));
		v = NULL;
	} else if (status != LUA_OK) {
		diag_error(d, pos,
		           "hook '%s' result could not be read at %s: %s",
		           sb->name, buf_cstr(&c.path),
		           lua_isstring(L, -1) ? lua_tostring(L, -1) : "?");
		v = NULL;
	}
	sb->stop = SANDBOX_RUNNING;
	lua_settop(L, top);
	buf_free(&c.path);
	free(c.seen);
	if (!v)
		return -1;
	*out = v;
	return 0;
}
