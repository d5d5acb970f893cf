-- What changed since the previous quarter: actions newly complete,
-- slipped, newly added and newly overdue, at the newest quarter with
-- updates; and the plan quarter by quarter (counts by status and percent
-- complete at the end of each, from the plan as agreed) with a chart of
-- it. Stored under computed.progress. Its words are the theme's
-- (clerk.words, brand.yaml `words:`): the trend's first label, the chart's
-- title and unit, and how a slipped action's due date reads.
local progress = require "progress"
local plan = require "plan"
local dates = require "dates"
local numbers = require "numbers"
local text = require "text"
local words = clerk.words

if report.action_plan == nil or report.progress == nil then
	return {}
end
local out = progress.changes(report.action_plan, report.progress)
out.quarter_long = dates.quarter(out.quarter)
out.previous_long = dates.quarter(out.previous)
-- How each slipped action moved, in words, for the page; a date's words
-- are joined by no-break spaces, so that no line ends inside it.
local function short(d)
	return (dates.short(d):gsub(" ", "\u{A0}"))
end
local function status_due(status, d)
	return text.fill(words.progress_status_due, {status = plan.status_name(status), date = short(d)})
end
local function due(d)
	return text.fill(words.progress_due, {date = short(d)})
end
for _, a in ipairs(out.slipped) do
	if a.reason == "status" then
		a.was_text, a.now_text = plan.status_name(a.was), plan.status_name(a.status)
	elseif a.reason == "status and due date" then
		a.was_text, a.now_text = status_due(a.was, a.was_due), status_due(a.status, a.due)
	else
		a.was_text, a.now_text = due(a.was), due(a.due)
	end
end

-- One row per column of the trend: the plan as agreed, then each quarter.
local function row(label, actions)
	local r = {label = label, total = #actions, done = #plan.with_status(actions, "done")}
	local percent = plan.percent_complete(actions)
	r.percent_complete = numbers.round(percent, 1)
	r.percent_complete_text = numbers.percent(percent)
	r.counts = plan.count_by_status(actions)
	return r, percent
end
local agreed = {}
for _, a in ipairs(plan.actions(report.action_plan)) do
	if a.added == nil then
		agreed[#agreed + 1] = a
	end
end
-- The unrounded percentages, for the change between the last two.
local trend, exact = {}, {}
trend[1], exact[1] = row(words.progress_agreed, agreed)
for _, q in ipairs(progress.quarters(report.progress)) do
	local n = #trend + 1
	trend[n], exact[n] = row(dates.quarter(q), progress.actions_at(report.action_plan, report.progress, q))
	trend[#trend].quarter = q
end
out.trend = trend
if #trend >= 2 then
	local before = trend[#trend - 1]
	out.previous_percent_complete_text = before.percent_complete_text
	-- Its base, so the page can print it beside it: cancelled actions
	-- are left out of the percentage, as they are now.
	out.previous_done = before.done
	out.previous_live = before.total - (before.counts.cancelled or 0)
	-- From the unrounded figures: 46.27% to 57.35% is a change of 11.1.
	out.percent_complete_change = numbers.round(exact[#trend] - exact[#trend - 1], 1)
end

-- The chart: actions by status at each point, stacked, in the theme's
-- status colours (src/chart draws it; a data table goes with it).
local categories, series = {}, {}
for i, r in ipairs(trend) do
	categories[i] = r.label
end
for _, s in ipairs(plan.STATUSES) do
	local values, any = {}, false
	for i, r in ipairs(trend) do
		values[i] = r.counts[s] or 0
		any = any or values[i] > 0
	end
	if any then
		series[#series + 1] = {name = plan.STATUS_NAMES[s], status = s, values = values}
	end
end
out.chart = {
	kind = "stacked",
	title = words.progress_chart_title,
	unit = words.progress_chart_unit,
	width = 660,
	height = 260,
	categories = categories,
	series = series,
}
return out
