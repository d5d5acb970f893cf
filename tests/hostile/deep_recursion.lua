-- Recurses without end.
local function down(n)
	return down(n + 1) + 1
end
return {depth = down(1)}
