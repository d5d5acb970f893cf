-- Prints what pairs, next, tostring and string.format give into the data:
-- two runs of the same report must give the same bytes.
local t = {}
for i = 1, 200 do
	t["k" .. i] = i
end
for i = 1, 50 do
	t[i * 3] = i
end
t[2.5], t[-1], t[true], t[false] = "f", "neg", "t", "f"
local order = {}
for k in pairs(t) do
	order[#order + 1] = tostring(k)
end
local chain, k = {}, next(t)
while k ~= nil do
	chain[#chain + 1] = tostring(k)
	k = next(t, k)
end
local written = {}
for key in pairs(report.meeting) do
	written[#written + 1] = key
end
local a, b, f = {}, {}, function() end
local refused = not pcall(string.format, "%p", a)
return {
	pairs = table.concat(order, " "),
	next_agrees = table.concat(chain, " ") == table.concat(order, " "),
	report_order = table.concat(written, " "),
	tostring = table.concat({tostring(a), tostring(b), tostring(a), tostring(f)}, " "),
	format = string.format("%s|%s|%5.1f", a, f, 2.25) .. "|" .. ("%s"):format(b),
	p_refused = refused,
}
