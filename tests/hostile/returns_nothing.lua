-- Returns no table.
local x = 1
