-- Tables as keys have no fixed order, so pairs refuses to go through them.
local seen = {[{}] = true, [{}] = true}
local n = 0
for _ in pairs(seen) do
	n = n + 1
end
return {n = n}
