-- Few instructions, each slow: only the wall clock stops it.
local s = string.rep("ab", 20000)
local n = 0
while true do
	n = n + #s:gsub("a", "b")
end
