-- A lambda that answers with 17 MiB of "<": escaped, as everything a
-- lambda returns is, that is 68 MiB, past what one render may write.
local big = string.rep("<", 17 * 1024 * 1024)
return {lambdas = {owner = function() return big end}}
