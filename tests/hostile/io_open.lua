-- Tries to write a file.
local f = io.open("/tmp/clerk-hostile-escaped", "w")
f:write("escaped")
return {}
