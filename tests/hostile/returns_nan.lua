-- Divides by zero.
local done, total = 0, 0
return {percent = done / total * 100}
