-- The report's series (numbers over time or by category), each summed up:
-- first and last values, the highest, the change from first to last with
-- its direction, the total, and a chart. Stored under computed.series,
-- by the series' name:
--   computed.series.looked_after_children.change_text   "fell by 75"
--   computed.series.national_gradings.total             68
-- A series is read in the order written; a period may be any label.
local numbers = require "numbers"

local out = {}
for name, s in pairs(report.series or {}) do
	-- clerk.keys gives the periods in the order written.
	local rows, total, high = {}, 0, nil
	for _, period in ipairs(clerk.keys(s)) do
		local value = s[period]
		rows[#rows + 1] = {period = period, value = value, text = numbers.commas(value)}
		total = total + value
		if high == nil or value > high.value then
			high = rows[#rows]
		end
	end
	local r = {rows = rows, count = #rows, total = total, total_text = numbers.commas(total)}
	if #rows > 0 then
		local first, last = rows[1], rows[#rows]
		r.first, r.first_period, r.first_text = first.value, first.period, first.text
		r.last, r.last_period, r.last_text = last.value, last.period, last.text
		r.high, r.high_period, r.high_text = high.value, high.period, high.text
		local change = last.value - first.value
		r.change = change
		r.change_abs_text = numbers.commas(math.abs(change))
		r.direction = change > 0 and "rose" or change < 0 and "fell" or "unchanged"
		r.change_text = change == 0 and "did not change"
			or (r.direction .. " by " .. r.change_abs_text)
		if first.value ~= 0 then
			r.percent_change_text = numbers.percent(math.abs(change) * 100 / first.value)
		end
		for _, row in ipairs(rows) do
			row.percent_of_total_text = numbers.percent(numbers.percent_of(row.value, total))
		end
		local categories, values = {}, {}
		for i, row in ipairs(rows) do
			categories[i], values[i] = tostring(row.period), row.value
		end
		r.chart = {kind = #rows > 2 and "line" or "bar", title = name:gsub("_", " "):gsub("^%l", string.upper),
			categories = categories, series = {{name = "Value", values = values}}}
	end
	out[name] = r
end
return out
