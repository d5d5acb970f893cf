-- Returns a function where data is expected.
return {total = 3, percent = function() return 50 end}
