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
-- table.sort keeps equal elements in their order: 3,000 records with
-- only seven different keys, compared by key alone.
local recs = {}
for i = 1, 3000 do
	recs[i] = {key = (i * 7919) % 7, id = i}
end
table.sort(recs, function(x, y) return x.key < y.key end)
local sorted = true
for i = 2, #recs do
	local p, q = recs[i - 1], recs[i]
	if p.key > q.key or (p.key == q.key and p.id > q.id) then
		sorted = false
	end
end
local plain = {5, 3, 9, 1, 1, 7}
table.sort(plain)
local a, b, f = {}, {}, function() end
local refused = not pcall(string.format, "%p", a)
return {
	pairs = table.concat(order, " "),
	next_agrees = table.concat(chain, " ") == table.concat(order, " "),
	report_order = table.concat(written, " "),
	tostring = table.concat({tostring(a), tostring(b), tostring(a), tostring(f)}, " "),
	format = string.format("%s|%s|%5.1f", a, f, 2.25) .. "|" .. ("%s"):format(b),
	p_refused = refused,
	sort_stable = sorted,
	sort_plain = table.concat(plain, " "),
}
