-- Returns a half-list, half-map table from inside an if, after calls
-- that return themselves (pcall, a local function, a module), so the
-- line named must be the chunk's own return, not theirs.
local dates = require "dates"
local function rows()
	return {"a", "b", total = 2}
end
local ok = pcall(function() return dates end)
if ok then
	return {rows = rows()}
end
return {}
