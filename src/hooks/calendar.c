/* calendar: the `clerk` table hooks see: the as-of date and date
 * arithmetic that never reads the clock.
 *
 * Days are counted from 1970-01-01 (day 0) in the proleptic Gregorian
 * calendar, with Howard Hinnant's civil-date algorithms, so there are no
 * time zones, no daylight saving and no dependence on the host. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "hooks/hooks.h"
#include "hooks/sandbox.h"

static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int parse_date(const char *s, long *days)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	long y = strtol(s, NULL, 10);
	long m = (s[5] - '0') * 10 + (s[6] - '0');
	long d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1)
		return 0;
	static const int mdays[] = {31, 28, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return 0;
	if (days)
		*days = days_from_civil(y, m, d);
	return 1;
}

bool hooks_date_valid(const char *s)
{
	return parse_date(s, NULL);
}

static int clerk_days(lua_State *L)
{
	const char *s = luaL_checkstring(L, 1);
	long days;
	if (!parse_date(s, &days))
		return luaL_error(L, "'%s' is not a date written YYYY-MM-DD",
		                  s);
	lua_pushinteger(L, days);
	return 1;
}

static int clerk_date(lua_State *L)
{
	lua_Integer z = luaL_checkinteger(L, 1);
	if (z < -700000 || z > 2900000)
		return luaL_error(L, "day %d is outside years 0 to 9999",
		                  (int)z);
	long y, m, d;
	civil_from_days((long)z, &y, &m, &d);
	lua_pushfstring(L, "%d-%s%d-%s%d", (int)y, m < 10 ? "0" : "", (int)m,
	                d < 10 ? "0" : "", (int)d);
	return 1;
}

static int clerk_weekday(lua_State *L)
{
	long days;
	if (lua_type(L, 1) == LUA_TNUMBER) {
		days = (long)luaL_checkinteger(L, 1);
	} else {
		const char *s = luaL_checkstring(L, 1);
		if (!parse_date(s, &days))
			return luaL_error(
			        L, "'%s' is not a date written YYYY-MM-DD", s);
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
