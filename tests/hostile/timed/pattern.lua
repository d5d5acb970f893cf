-- A pattern that backtracks for minutes inside C.
local s = string.rep("a", 30)
return {found = s:find(string.rep("a*", 30) .. "b")}
