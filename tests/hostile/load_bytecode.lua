-- Tries to load a precompiled chunk (the Lua 5.4 binary signature).
local chunk = "\27LuaT\0\25\147\r\n\26\n\4\8\8\120\86\0\0"
local f = assert(load(chunk, "bytes", "b"))
return {f = f()}
