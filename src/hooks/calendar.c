/* calendar: the `clerk` table hooks see: the as-of date and date
 * arithmetic that never reads the clock.
 *
 * Dates are read and counted by base/date (days from 1970-01-01, day 0),
 * so a hook accepts exactly the dates the schema does. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "base/date.h"
#include "hooks/hooks.h"
#include "hooks/sandbox.h"

/* The day of `s`; raises the hook's error when `s` is not a date. */
static long day_of(lua_State *L, const char *s)
{
	struct date d;
	int rc = date_parse(s, strlen(s), &d);
	if (rc == DATE_BAD_YEAR)
		return luaL_error(L, "'%s' is outside the years %d to %d", s,
		                  DATE_FIRST_YEAR, DATE_LAST_YEAR);
	if (rc != DATE_OK)
		return luaL_error(L, "'%s' is not a date written YYYY-MM-DD",
		                  s);
	return date_to_days(d);
}

static int clerk_days(lua_State *L)
{
	const char *s = luaL_checkstring(L, 1);
	lua_pushinteger(L, day_of(L, s));
	return 1;
}

static int clerk_date(lua_State *L)
{
	lua_Integer z = luaL_checkinteger(L, 1);
	if (z < -700000 || z > 2900000)
		return luaL_error(L, "day %d is outside years 0 to 9999",
		                  (int)z);
	struct date d = date_from_days((long)z);
	lua_pushfstring(L, "%d-%s%d-%s%d", d.year, d.month < 10 ? "0" : "",
	                d.month, d.day < 10 ? "0" : "", d.day);
	return 1;
}

static int clerk_weekday(lua_State *L)
{
	long days;
	if (lua_type(L, 1) == LUA_TNUMBER) {
		days = (long)luaL_checkinteger(L, 1);
	} else {
		days = day_of(L, luaL_checkstring(L, 1));
	}
	/* 1970-01-01 was a Thursday (4); Monday is 1, Sunday 7. */
	long w = ((days % 7) + 7 + 3) % 7 + 1;
	lua_pushinteger(L, w);
	return 1;
}

static int clerk_today(lua_State *L)
{
	lua_getfield(L, lua_upvalueindex(1), "as_of");
	return 1;
}

void calendar_open(lua_State *L, const char *name, const char *as_of)
{
	static const luaL_Reg fns[] = {
	        {"days", clerk_days},
	        {"date", clerk_date},
	        {"weekday", clerk_weekday},
	        {"keys", bridge_keys},
	        {NULL, NULL},
	};
	luaL_newlib(L, fns);
	lua_pushstring(L, as_of);
	lua_setfield(L, -2, "as_of");
	lua_pushstring(L, name);
	lua_setfield(L, -2, "hook");
	lua_pushvalue(L, -1);
	lua_pushcclosure(L, clerk_today, 1);
	lua_setfield(L, -2, "today");
	lua_setfield(L, LUA_REGISTRYINDEX, "clerk.api");
}
