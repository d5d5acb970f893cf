-- Tries to run code during clean-up, outside every limit.
setmetatable({}, {__gc = function() while true do end end})
return {}
