-- Returns a table that holds itself.
local t = {name = "loop"}
t.again = t
return t
