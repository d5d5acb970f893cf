-- Asks for a gigabyte string.
local s = string.rep("x", 1 << 30)
return {len = #s}
