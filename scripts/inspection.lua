-- The inspection summary: judgements with their change since the last
-- inspection, the overall grade, counts by grade and the plan's due date.
-- Stored under computed.inspection.
local inspection = require "inspection"
local dates = require "dates"
local text = require "text"

local i = report.inspection
if i == nil then
	return {}
end

local judgements = inspection.changes(i.judgements)
local out = {
	judgements = judgements,
	grade_counts = inspection.grade_counts(i.judgements),
	improved = 0,
	declined = 0,
	unchanged = 0,
}
for _, j in ipairs(judgements) do
	if j.change then
		out[j.change] = out[j.change] + 1
	end
end

-- How the judgements moved, in words: "2 unchanged and 1 declined".
local parts = {}
for _, k in ipairs({"improved", "unchanged", "declined"}) do
	if out[k] > 0 then
		parts[#parts + 1] = out[k] .. " " .. k
	end
end
if #parts > 0 then
	out.judged = #judgements
	out.change_text = text.list(parts)
	-- "Since the previous inspection, 2 judgements stayed the same and
	-- 1 declined."
	local words, verbs = {}, {improved = "improved", unchanged = "stayed the same", declined = "declined"}
	for _, k in ipairs({"improved", "unchanged", "declined"}) do
		if out[k] > 0 then
			local n = #words == 0 and text.plural(out[k], "judgement") or tostring(out[k])
			words[#words + 1] = n .. " " .. verbs[k]
		end
	end
	out.change_sentence = "Since the previous inspection, " .. text.list(words) .. "."
end

-- The recommendations: how many, and how many under each theme, in the
-- order each theme first appears.
local recs = i.recommendations or {}
out.recommendation_count = #recs
local themes, by_theme = {}, {}
for _, r in ipairs(recs) do
	if r.theme ~= nil then
		if by_theme[r.theme] == nil then
			by_theme[r.theme] = {theme = r.theme, count = 0}
			themes[#themes + 1] = by_theme[r.theme]
		end
		by_theme[r.theme].count = by_theme[r.theme].count + 1
	end
end
local words = {}
for _, t in ipairs(themes) do
	t.text = t.count .. " on " .. t.theme
	words[#words + 1] = t.text
end
out.recommendation_themes = themes
if #words > 0 then
	out.recommendation_themes_text = text.list(words)
end
if #recs > 0 then
	out.recommendation_sentence = "The inspectors made " .. text.plural(#recs, "recommendation")
		.. (#words > 0 and (": " .. text.list(words)) or "") .. "."
end

local overall = i.overall
if overall == nil and #judgements > 0 then
	overall = inspection.worst(text.pluck(judgements, "grade"))
end
if overall ~= nil then
	out.overall = inspection.grade(overall) or error("inspection.overall: " .. select(2, inspection.grade(overall)))
	out.overall_name = inspection.grade_name(overall)
end

if i.published ~= nil then
	out.published = dates.parse(i.published)
	out.published_long = dates.long(i.published)
end

local plan = report.action_plan
if i.published ~= nil and plan ~= nil and plan.due_days ~= nil then
	local due = inspection.plan_due(i.published, plan.due_days)
	out.plan_due = due
	out.plan_due_long = dates.long(due)
	out.plan_due_days = plan.due_days
	out.plan_days_left = dates.days_between(dates.today(), due)
	out.plan_overdue = dates.before(due, dates.today())
end

return out
