-- Returns tables nested a hundred deep.
local t = {}
for _ = 1, 100 do
	t = {t}
end
return {deep = t}
