-- Tries to load a C module.
local socket = require("socket.core")
return {socket = socket}
