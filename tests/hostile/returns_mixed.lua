-- Returns a table that is half list, half map.
return {rows = {"a", "b", total = 2}}
