-- One table shared at every level, forty levels deep: 2^40 values as the
-- templates would walk them, from 80 tables in Lua.
local t = {}
for _ = 1, 40 do
	t = {t, t}
end
return {bomb = t}
