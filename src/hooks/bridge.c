/* bridge: value trees to read-only Lua tables, and Lua data back to values.
 *
 * A list or map reaches Lua as an empty proxy table whose metatable reads
 * from a hidden real table: writes raise, `#` and pairs() work, and
 * getmetatable() returns false. The metatable also remembers the value
 * node, so a hook that returns part of the report (an action, say) hands
 * back the node itself, positions and key order intact.
 *
 * Going back, a table whose keys are 1..n (or that is empty) becomes a
 * list, one whose keys are all strings a map with keys sorted bytewise:
 * Lua's own order depends on string hashes and so differs run to run.
 * Conversion only reads the Lua state (lua_next, lua_rawgeti and stack
 * reserved up front), so it can raise no Lua error and needs no protection.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "base/buf.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "hooks/sandbox.h"
#include "value/value.h"

static const char PROXY_KEY = 'v';

static int ro_newindex(lua_State *L)
{
	return luaL_error(L, "the report is read-only in hooks; build a new "
	                     "table instead");
}

static int ro_len(lua_State *L)
{
	lua_getmetatable(L, 1);
	lua_getfield(L, -1, "n");
	return 1;
}

static int ro_next(lua_State *L)
{
	lua_settop(L, 2);
	if (lua_next(L, lua_upvalueindex(1)))
		return 2;
	lua_pushnil(L);
	return 1;
}

static int ro_pairs(lua_State *L)
{
	lua_getmetatable(L, 1);
	lua_getfield(L, -1, "__index");
	lua_pushcclosure(L, ro_next, 1);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* Replaces the real table on top with its read-only proxy. */
static void make_proxy(lua_State *L, const struct value *v, lua_Integer n)
{
	lua_newtable(L);
	lua_createtable(L, 0, 7);
	lua_pushvalue(L, -3);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, ro_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, ro_len);
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
	lua_remove(L, -2);
}

void bridge_push(lua_State *L, const struct value *v)
{
	luaL_checkstack(L, 8, "report nested too deeply");
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
		lua_createtable(L, (int)v->as.list.len, 0);
		for (size_t i = 0; i < v->as.list.len; i++) {
			bridge_push(L, v->as.list.items[i]);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		make_proxy(L, v, (lua_Integer)v->as.list.len);
		break;
	case VALUE_MAP:
		lua_createtable(L, 0, (int)v->as.map.len);
		for (size_t i = 0; i < v->as.map.len; i++) {
			const struct value *k = v->as.map.items[i].key;
			lua_pushlstring(L, k->text, k->len);
			bridge_push(L, v->as.map.items[i].value);
			lua_rawset(L, -3);
		}
		make_proxy(L, v, 0);
		break;
	}
}

int bridge_keys(lua_State *L)
{
	const struct value *v = NULL;
	if (lua_type(L, 1) == LUA_TTABLE && lua_getmetatable(L, 1)) {
		lua_rawgetp(L, -1, &PROXY_KEY);
		v = lua_touserdata(L, -1);
		lua_pop(L, 2);
	}
	if (!v || v->kind != VALUE_MAP)
		return luaL_error(L,
		                  "clerk.keys: expected a map from the report");
	lua_createtable(L, (int)v->as.map.len, 0);
	for (size_t i = 0; i < v->as.map.len; i++) {
		const struct value *k = v->as.map.items[i].key;
		lua_pushlstring(L, k->text, k->len);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* Lua to value */

struct conv {
	const void *open[LIMIT_HOOK_DATA_DEPTH]; /* the tables being read */
	struct sandbox *sb;
	struct arena *a;
	struct diags *d;
	struct buf path;
	struct pos pos;
};

struct entry {
	const char *key;
	size_t len;
	struct value *val;
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

static struct value *refuse(struct conv *c, const char *what, const char *hint)
{
	diag_error(c->d, c->pos,
	           "hook '%s' returned %s at %s, where data is expected%s",
	           c->sb->name, what, buf_cstr(&c->path), hint);
	return NULL;
}

static struct value *conv(struct conv *c, lua_State *L, int idx, int depth);

static struct value *conv_table(struct conv *c, lua_State *L, int idx,
                                int depth)
{
	if (lua_getmetatable(L, idx)) {
		int proxy =
		        lua_rawgetp(L, -1, &PROXY_KEY) == LUA_TLIGHTUSERDATA;
		const struct value *v = lua_touserdata(L, -1);
		lua_pop(L, 2);
		if (proxy)
			return value_copy(c->a, v);
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
	const void *self = lua_topointer(L, idx);
	for (int i = 0; i < depth; i++)
		if (c->open[i] == self)
			return refuse(c, "a table that holds itself", "");
	c->open[depth] = self;
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
	size_t mark = c->path.len;
	if (!others && strings == 0 && (lua_Integer)count == max) {
		struct value *list = value_new_list(c->a, c->pos);
		for (lua_Integer i = 1; i <= max; i++) {
			buf_printf(&c->path, "[%lld]", (long long)i - 1);
			lua_rawgeti(L, idx, i);
			struct value *item =
			        conv(c, L, lua_gettop(L), depth + 1);
			lua_pop(L, 1);
			c->path.len = mark;
			c->path.data[mark] = '\0';
			if (!item)
				return NULL;
			value_list_push(c->a, list, item);
		}
		return list;
	}
	if (others || strings != count)
		return refuse(c,
		              "a table that mixes list items and named "
		              "keys",
		              "");
	struct entry *e = arena_alloc(c->a, count * sizeof *e);
	size_t n = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		e[n].key = lua_tolstring(L, -2, &e[n].len);
		buf_printf(&c->path, ".%s", e[n].key);
		e[n].val = conv(c, L, lua_gettop(L), depth + 1);
		c->path.len = mark;
		c->path.data[mark] = '\0';
		if (!e[n].val) {
			lua_pop(L, 2);
			return NULL;
		}
		if (utf8_validate(e[n].key, e[n].len) != e[n].len)
			return refuse(c, "a key that is not valid UTF-8", "");
		n++;
		lua_pop(L, 1);
	}
	qsort(e, n, sizeof *e, entry_cmp);
	struct value *map = value_new_map(c->a, c->pos);
	for (size_t i = 0; i < n; i++)
		value_map_append(
		        c->a, map,
		        value_new_string(c->a, c->pos, e[i].key, e[i].len),
		        e[i].val);
	return map;
}

static struct value *conv(struct conv *c, lua_State *L, int idx, int depth)
{
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
	case LUA_TTABLE:
		return conv_table(c, L, idx, depth);
	case LUA_TFUNCTION:
		return refuse(
		        c, "a function",
		        " (only the entries of `lambdas` may be functions)");
	default:
		return refuse(c, luaL_typename(L, idx), "");
	}
}

int bridge_to_value(struct sandbox *sb, int idx, const char *path,
                    struct arena *a, struct value **out, struct diags *d)
{
	lua_State *L = sb->L;
	idx = lua_absindex(L, idx);
	if (!lua_checkstack(L, 4 * LIMIT_HOOK_DATA_DEPTH + 8)) {
		struct pos pos = {sb->path, 0, 0};
		diag_error(d, pos, "hook '%s' left no room to read its result",
		           sb->name);
		return -1;
	}
	struct conv c = {{NULL}, sb, a, d, BUF_INIT, {sb->path, 0, 0}};
	buf_puts(&c.path, path);
	int top = lua_gettop(L);
	struct value *v = conv(&c, L, idx, 0);
	lua_settop(L, top);
	buf_free(&c.path);
	if (!v)
		return -1;
	*out = v;
	return 0;
}
