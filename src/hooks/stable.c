/* stable: pairs, next, tostring and string.format that give the same
 * answers on every run.
 *
 * Lua's own pairs and next follow the hash table, whose order depends on a
 * per-state random seed and on addresses, and its tostring and %p print
 * addresses: a hook using them would make a report's bytes change from run
 * to run. Here pairs and next go through a table's keys in one order:
 * numbers ascending (integers and floats together), then strings bytewise,
 * then false, then true. Tables, functions and other objects have no such
 * order, so pairs and next refuse a table that uses them as keys. pairs
 * sorts the keys once, when the loop starts, and next finds the key after
 * the one it is given by a scan; both charge their work in C to the
 * instruction budget. A table's __pairs (the report's read-only tables
 * have one, going in the order the YAML was written) is still obeyed.
 *
 * tostring names a table, function or coroutine by an id given the first
 * time it is printed ("table: 1", "function: 2"), kept in a weak table, so
 * the same hook prints the same ids. A __tostring metamethod still wins.
 *
 * table.sort is a merge sort, so elements that compare equal keep their
 * order: Lua's own quicksort picks a pivot from the clock when a partition
 * goes badly, and equal elements could then come out in another order on
 * another run. */
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "hooks/sandbox.h"

static const char IDS_KEY = 'i';

/* Keys */

enum key_class { KEY_NUMBER, KEY_STRING, KEY_BOOLEAN, KEY_OTHER };

struct key {
	enum key_class cls;
	int isint;
	lua_Integer i;
	lua_Number n;
	const char *s;
	size_t len;
	lua_Integer slot; /* where the key is kept in the snapshot table */
};

/* Reads the key at `idx` into `k`; raises for a key with no order. The
 * string stays valid while the key is on the stack or in a table. */
static void key_read(lua_State *L, int idx, struct key *k)
{
	memset(k, 0, sizeof *k);
	switch (lua_type(L, idx)) {
	case LUA_TNUMBER:
		k->cls = KEY_NUMBER;
		k->isint = lua_isinteger(L, idx);
		if (k->isint)
			k->i = lua_tointeger(L, idx);
		else
			k->n = lua_tonumber(L, idx);
		break;
	case LUA_TSTRING:
		k->cls = KEY_STRING;
		k->s = lua_tolstring(L, idx, &k->len);
		break;
	case LUA_TBOOLEAN:
		k->cls = KEY_BOOLEAN;
		k->i = lua_toboolean(L, idx);
		break;
	default:
		luaL_error(
		        L,
		        "this table has a %s as a key, and such keys have no "
		        "fixed order in hooks, so pairs and next cannot go "
		        "through it; use strings or numbers as keys",
		        luaL_typename(L, idx));
	}
}

/* An integer against a float, exactly (2^63 does not fit an integer). */
static int cmp_int_float(lua_Integer i, lua_Number f)
{
	if (f >= 9223372036854775808.0)
		return -1;
	if (f < -9223372036854775808.0)
		return 1;
	lua_Number fi = floor(f);
	lua_Integer t = (lua_Integer)fi;
	if (i != t)
		return i < t ? -1 : 1;
	return fi < f ? -1 : 0;
}

static int key_cmp(const struct key *a, const struct key *b)
{
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	switch (a->cls) {
	case KEY_NUMBER:
		if (a->isint && b->isint)
			return (a->i > b->i) - (a->i < b->i);
		if (!a->isint && !b->isint)
			return (a->n > b->n) - (a->n < b->n);
		if (a->isint)
			return cmp_int_float(a->i, b->n);
		return -cmp_int_float(b->i, a->n);
	case KEY_STRING: {
		size_t n = a->len < b->len ? a->len : b->len;
		int c = memcmp(a->s, b->s, n);
		if (c)
			return c;
		return (a->len > b->len) - (a->len < b->len);
	}
	case KEY_BOOLEAN:
		return (int)(a->i - b->i);
	case KEY_OTHER:
		break;
	}
	return 0;
}

static int key_qsort_cmp(const void *x, const void *y)
{
	return key_cmp(x, y);
}

/* pairs */

/* Upvalues: the sorted keys, their count, the next position. */
static int sorted_next(lua_State *L)
{
	lua_Integer n = lua_tointeger(L, lua_upvalueindex(2));
	lua_Integer at = lua_tointeger(L, lua_upvalueindex(3));
	while (at < n) {
		at++;
		lua_rawgeti(L, lua_upvalueindex(1), at);
		lua_pushvalue(L, -1);
		if (lua_rawget(L, 1) != LUA_TNIL) {
			lua_pushinteger(L, at);
			lua_replace(L, lua_upvalueindex(3));
			return 2;
		}
		lua_pop(L, 2);
	}
	lua_pushinteger(L, at);
	lua_replace(L, lua_upvalueindex(3));
	lua_pushnil(L);
	return 1;
}

static long log2_ceil(lua_Integer n)
{
	long b = 1;
	while (n > 1) {
		n >>= 1;
		b++;
	}
	return b;
}

static int stable_pairs(lua_State *L)
{
	luaL_checkany(L, 1);
	if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
		lua_pushvalue(L, 1);
		lua_call(L, 1, 3);
		return 3;
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	/* 2: the keys as found; 3: the struct keys; 4: the keys sorted. */
	lua_newtable(L);
	lua_Integer n = 0;
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_rawseti(L, 2, ++n);
	}
	sandbox_charge(L, (long)n * log2_ceil(n));
	struct key *keys =
	        lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *keys, 0);
	for (lua_Integer i = 0; i < n; i++) {
		lua_rawgeti(L, 2, i + 1);
		key_read(L, -1, &keys[i]);
		lua_pop(L, 1); /* the string stays in table 2 */
		keys[i].slot = i + 1;
	}
	qsort(keys, (size_t)n, sizeof *keys, key_qsort_cmp);
	lua_createtable(L, (int)n, 0);
	for (lua_Integer i = 0; i < n; i++) {
		lua_rawgeti(L, 2, keys[i].slot);
		lua_rawseti(L, 4, i + 1);
	}
	lua_pushinteger(L, n);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, sorted_next, 3);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* next */

static int stable_next(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 2);
	int from = !lua_isnil(L, 2);
	struct key after, best, k;
	if (from)
		key_read(L, 2, &after);
	int found = 0;
	long n = 0;
	lua_pushnil(L); /* 3: the best key so far */
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		lua_pop(L, 1);
		n++;
		key_read(L, -1, &k);
		if ((!from || key_cmp(&k, &after) > 0) &&
		    (!found || key_cmp(&k, &best) < 0)) {
			lua_pushvalue(L, -1);
			lua_replace(L, 3);
			key_read(L, 3, &best);
			found = 1;
		}
	}
	sandbox_charge(L, n);
	if (!found) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushvalue(L, 3);
	lua_rawget(L, 1);
	return 2;
}

/* tostring */

/* Pushes the text of the value at `idx` as tostring gives it. */
static const char *stable_tolstring(lua_State *L, int idx, size_t *len)
{
	idx = lua_absindex(L, idx);
	switch (lua_type(L, idx)) {
	case LUA_TNIL:
	case LUA_TBOOLEAN:
	case LUA_TNUMBER:
	case LUA_TSTRING:
		return luaL_tolstring(L, idx, len);
	default:
		break;
	}
	if (luaL_getmetafield(L, idx, "__tostring") != LUA_TNIL) {
		lua_pop(L, 1);
		return luaL_tolstring(L, idx, len);
	}
	struct sandbox *sb = sandbox_of(L);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &IDS_KEY);
	lua_pushvalue(L, idx);
	lua_Integer id;
	if (lua_rawget(L, -2) == LUA_TNUMBER) {
		id = lua_tointeger(L, -1);
		lua_pop(L, 1);
	} else {
		lua_pop(L, 1);
		id = ++sb->next_id;
		lua_pushvalue(L, idx);
		lua_pushinteger(L, id);
		lua_rawset(L, -3);
	}
	lua_pop(L, 1);
	lua_pushfstring(L, "%s: %I", luaL_typename(L, idx), (LUAI_UACINT)id);
	return lua_tolstring(L, -1, len);
}

static int stable_tostring(lua_State *L)
{
	luaL_checkany(L, 1);
	stable_tolstring(L, 1, NULL);
	return 1;
}

/* string.format */

/* Upvalue: the library's format. */
static int stable_format(lua_State *L)
{
	size_t len;
	const char *f = luaL_checklstring(L, 1, &len);
	const char *end = f + len;
	int arg = 1;
	for (const char *p = f; p < end; p++) {
		if (*p != '%')
			continue;
		if (++p < end && *p == '%')
			continue;
		while (p < end && strchr("-+ #0123456789.", *p))
			p++;
		if (p >= end)
			break;
		arg++;
		if (*p == 'p')
			return luaL_error(L,
			                  "string.format: %%p prints a memory "
			                  "address, which changes from run to "
			                  "run, so hooks cannot use it");
		if (*p == 's' && arg <= lua_gettop(L) &&
		    !lua_isstring(L, arg)) {
			stable_tolstring(L, arg, NULL);
			lua_replace(L, arg);
		}
	}
	int n = lua_gettop(L);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, n, 1);
	return 1;
}

/* Whether the value at `a` sorts before the one at `b`: by the comparator
 * at index 2 when there is one, else by `<`. */
static bool sort_less(lua_State *L, bool by_fn, int a, int b)
{
	if (!by_fn)
		return lua_compare(L, a, b, LUA_OPLT);
	lua_pushvalue(L, 2);
	lua_pushvalue(L, a);
	lua_pushvalue(L, b);
	lua_call(L, 2, 1);
	bool r = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return r;
}

/* table.sort(t [, comp]): a bottom-up merge sort of t[1..#t] through two
 * scratch tables, charged n log n to the instruction budget. */
static int stable_sort(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_Integer n = luaL_len(L, 1);
	bool by_fn = !lua_isnoneornil(L, 2);
	if (by_fn)
		luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_settop(L, 2);
	if (n < 2)
		return 0;
	luaL_argcheck(L, n < INT_MAX / 2, 1, "array too big");
	sandbox_charge(L, (long)n * log2_ceil(n));
	lua_createtable(L, (int)n, 0); /* 3 */
	lua_createtable(L, (int)n, 0); /* 4 */
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, 1, i);
		lua_seti(L, 3, i);
	}
	int from = 3, to = 4;
	for (lua_Integer w = 1; w < n; w *= 2) {
		for (lua_Integer lo = 1; lo <= n; lo += 2 * w) {
			lua_Integer mid = lo + w < n + 1 ? lo + w : n + 1;
			lua_Integer hi =
			        lo + 2 * w < n + 1 ? lo + 2 * w : n + 1;
			lua_Integer i = lo, j = mid, k = lo;
			while (i < mid && j < hi) {
				lua_geti(L, from, j);
				lua_geti(L, from, i);
				int top = lua_gettop(L);
				/* The right one goes first only when strictly
				 * less: equal elements keep their order. */
				if (sort_less(L, by_fn, top - 1, top)) {
					lua_pop(L, 1);
					j++;
				} else {
					lua_remove(L, -2);
					i++;
				}
				lua_seti(L, to, k++);
			}
			for (; i < mid; i++) {
				lua_geti(L, from, i);
				lua_seti(L, to, k++);
			}
			for (; j < hi; j++) {
				lua_geti(L, from, j);
				lua_seti(L, to, k++);
			}
		}
		int t = from;
		from = to;
		to = t;
	}
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, from, i);
		lua_seti(L, 1, i);
	}
	return 0;
}

void stable_open_table(lua_State *L, int table)
{
	table = lua_absindex(L, table);
	lua_pushcfunction(L, stable_sort);
	lua_setfield(L, table, "sort");
}

void stable_open_env(lua_State *L, int env)
{
	env = lua_absindex(L, env);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &IDS_KEY) == LUA_TNIL) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_createtable(L, 0, 1);
		lua_pushliteral(L, "k");
		lua_setfield(L, -2, "__mode");
		lua_setmetatable(L, -2);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &IDS_KEY);
	} else {
		lua_pop(L, 1);
	}
	lua_pushcfunction(L, stable_pairs);
	lua_setfield(L, env, "pairs");
	lua_pushcfunction(L, stable_next);
	lua_setfield(L, env, "next");
	lua_pushcfunction(L, stable_tostring);
	lua_setfield(L, env, "tostring");
}

void stable_open_string(lua_State *L)
{
	lua_getglobal(L, "string");
	lua_getfield(L, -1, "format");
	lua_pushcclosure(L, stable_format, 1);
	lua_setfield(L, -2, "format");
	lua_pop(L, 1);
}
