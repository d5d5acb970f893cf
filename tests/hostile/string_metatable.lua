-- Tries to change what every string does.
getmetatable("").__index = function() return "pwned" end
return {}
