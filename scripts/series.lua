-- The report's series, each summed up. A series whose periods are all
-- quarters (2011-12 Q3) or years (2013) is a trend: first and last
-- values, the highest, the change with its direction, a sentence and a
-- line chart. Any other series is a breakdown by category: each row's
-- share of the total, the total and a bar chart. Stored under
-- computed.series by the series' name, and as a list in the order
-- written under computed.series.in_order:
--   computed.series.looked_after_children.sentence
--   computed.series.national_gradings.total                68
local numbers = require "numbers"
local dates = require "dates"
local text = require "text"

local function period_name(p)
	p = tostring(p)
	if p:match("^%d%d%d%d$") then
		return p
	end
	local ok, q = pcall(dates.quarter, p, "short")
	if ok and p:match("Q%d") then
		return q
	end
	return nil
end

local out, in_order = {}, {}
if report.series == nil then
	return {in_order = in_order}
end
for _, name in ipairs(clerk.keys(report.series)) do
	local s = report.series[name]
	local label = text.capitalise((name:gsub("_", " ")))
	local rows, total, high, trend = {}, 0, nil, true
	for _, period in ipairs(clerk.keys(s)) do
		local value = s[period]
		local shown = period_name(period)
		trend = trend and shown ~= nil
		rows[#rows + 1] = {period = period, name = shown or period, value = value, text = numbers.commas(value)}
		total = total + value
		if high == nil or value > high.value then
			high = rows[#rows]
		end
	end
	local r = {name = name, label = label, rows = rows, count = #rows, total = total,
		total_text = numbers.commas(total), trend = trend and #rows > 1, breakdown = not (trend and #rows > 1)}
	if #rows > 0 then
		local first, last = rows[1], rows[#rows]
		r.first_text, r.first_period = first.text, first.name
		r.last_text, r.last_period = last.text, last.name
		r.high_text, r.high_period = high.text, high.name
		local change = last.value - first.value
		r.change = change
		r.change_abs_text = numbers.commas(math.abs(change))
		r.direction = change > 0 and "rose" or change < 0 and "fell" or "did not change"
		if first.value ~= 0 then
			r.percent_change_text = numbers.percent(math.abs(change) * 100 / first.value)
		end
		for _, row in ipairs(rows) do
			row.percent_of_total_text = numbers.percent(numbers.percent_of(row.value, total))
		end
		if r.trend then
			r.sentence = label .. " " .. (change == 0 and "did not change" or (r.direction .. " by " .. r.change_abs_text))
				.. ", from " .. first.text .. " in " .. first.name .. " to " .. last.text .. " in " .. last.name
				.. (high ~= first and high ~= last and ("; the highest was " .. high.text .. " in " .. high.name) or "")
				.. "."
		else
			r.sentence = label .. ": " .. r.total_text .. " in all."
		end
		local categories, values = {}, {}
		for i, row in ipairs(rows) do
			categories[i], values[i] = row.name, row.value
		end
		r.chart = {kind = r.trend and #rows > 2 and "line" or "bar", title = label,
			categories = categories, series = {{name = label, values = values}}}
	end
	out[name] = r
	in_order[#in_order + 1] = r
end
out.in_order = in_order
return out
