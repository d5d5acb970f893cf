-- What a hook can and cannot reach.
local t = require "tap"

t.eq(io, nil, "no io")
t.eq(os, nil, "no os")
t.eq(package, nil, "no package")
t.eq(debug, nil, "no debug")
t.eq(coroutine, nil, "no coroutine")
t.eq(collectgarbage, nil, "no collectgarbage")
t.eq(dofile, nil, "no dofile")
t.eq(loadfile, nil, "no loadfile")
t.eq(rawset, nil, "no rawset (it would write through the read-only report)")
t.eq(print, nil, "no print")
t.eq(string.dump, nil, "no string.dump")
t.eq(math.random, nil, "no math.random (output must not change run to run)")
t.eq(("x").dump, nil, "no dump through the string metatable either")

string.rep = nil
t.eq(("ab"):rep(2), "abab", "changing the string table leaves string methods alone")
t.fails(function() getmetatable("").__index = {} end, "string metatable is locked", "the string metatable is locked")
t.fails(function() setmetatable({}, {__gc = function() end}) end, "__gc is not allowed", "no finalizers")

local f, err = load("\27Lua")
t.eq(f, nil, "load refuses binary chunks")
t.ok(err:find("binary chunk", 1, true), "and says why")
local g = assert(load("return io"))
t.eq(g(), nil, "loaded text sees the sandbox")
t.eq(assert(load("return x", "chunk", "t", {x = 5}))(), 5, "load takes an environment")

t.fails(function() require "os" end, "not in the hook library", "require finds no C module")
t.fails(function() require "../hostile/io_open" end, "not in the hook library", "require takes plain names only")
t.eq(require "dates", require "dates", "require runs a module once")

t.fails(function() report.x = 1 end, "read-only", "the report is read-only")
t.eq(computed.test_sandbox, nil, "a hook does not see its own result")
t.eq(as_of, clerk.as_of, "as_of is the as-of date")
t.eq(clerk.today(), clerk.as_of, "clerk.today() is the as-of date")
t.eq(clerk.weekday("2020-01-14"), 2, "14 January 2020 was a Tuesday")
t.eq(clerk.date(clerk.days("2016-01-20") + 70), "2016-03-30", "clerk.days and clerk.date")
t.eq(clerk.days("2020-03-01") - clerk.days("2020-02-28"), 2, "2020 is a leap year")
t.fails(function() clerk.days("2019-02-29") end, "not a date", "clerk.days takes real days only")
t.fails(function() clerk.days("1899-12-31") end, "outside the years 1900 to 2200",
	"clerk.days takes the years the schema takes")
t.fails(function() clerk.weekday("2201-01-01") end, "outside the years 1900 to 2200",
	"so does clerk.weekday")

local ok, e = pcall(error, {code = 1})
t.ok(not ok and type(e) == "table", "pcall still catches ordinary errors")

return t.done()
