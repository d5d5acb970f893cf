-- inspection: Ofsted grades, their order, and change between inspections.
--
-- Grades are written as in the report data: outstanding, good,
-- requires_improvement, inadequate, and the older adequate (used before
-- 2013; "requires improvement" replaced it, so the two rank the same).
-- Every function also accepts the words as printed ("Requires
-- Improvement", "requires-improvement").
local dates = require "dates"

local inspection = {}

-- The grades, their names as the council prints them and how they rank
-- (a higher rank is a better grade), from clerk.vocabulary (the one table
-- of grades); GRADES best first, grades of one rank in the vocabulary's
-- order.
local NAME, ORDER, IDS, RANK = {}, {}, {}, {}
for id, entry in pairs(clerk.vocabulary.grades) do
	IDS[#IDS + 1] = id
	ORDER[id] = #IDS
	NAME[id] = entry.name
	RANK[id] = entry.rank
end
inspection.GRADES = {}
for i, id in ipairs(IDS) do
	inspection.GRADES[i] = id
end
table.sort(inspection.GRADES, function(a, b)
	if RANK[a] ~= RANK[b] then
		return RANK[a] > RANK[b]
	end
	return ORDER[a] < ORDER[b]
end)
local LIST = table.concat(IDS, ", ")

-- The data form of a grade ("requires_improvement"), or nil and a message.
function inspection.grade(g)
	if type(g) ~= "string" then
		return nil, "expected a grade, got " .. type(g)
	end
	local key = g:lower():gsub("^%s+", ""):gsub("%s+$", ""):gsub("[%s%-]+", "_")
	if key == "ri" then
		key = "requires_improvement"
	end
	if NAME[key] then
		return key
	end
	return nil, "'" .. g .. "' is not a grade (" .. LIST .. ")"
end

local function check(g, level)
	local key, err = inspection.grade(g)
	if not key then
		error(err, (level or 1) + 1)
	end
	return key
end

-- 4 for outstanding down to 1 for inadequate (adequate is 2).
function inspection.rank(g)
	return RANK[check(g, 2)]
end

-- "Requires improvement".
function inspection.grade_name(g)
	return NAME[check(g, 2)]
end

-- "improved", "declined" or "unchanged" from `before` to `now`; nil when
-- there is no `before` to compare with.
function inspection.change(now, before)
	if before == nil or before == "" then
		return nil
	end
	local a, b = RANK[check(now, 2)], RANK[check(before, 2)]
	if a > b then
		return "improved"
	elseif a < b then
		return "declined"
	end
	return "unchanged"
end

-- Each judgement {area, grade, previous, note, judgements} with its
-- change: a new list of {area, grade, grade_name, previous,
-- previous_name, change, note}, in order; a judgement's own sub-judgements
-- (adoption, care leavers) come as its `judgements`, treated the same way.
function inspection.changes(judgements)
	local out = {}
	for _, j in ipairs(judgements or {}) do
		local row = {
			area = j.area,
			grade = check(j.grade, 2),
			grade_name = NAME[check(j.grade, 2)],
			note = j.note,
		}
		if j.previous ~= nil then
			row.previous = check(j.previous, 2)
			row.previous_name = NAME[row.previous]
			row.change = inspection.change(j.grade, j.previous)
		end
		if j.judgements ~= nil then
			row.judgements = inspection.changes(j.judgements)
		end
		out[#out + 1] = row
	end
	return out
end

-- How many judgements have each grade: {good = 2, inadequate = 0, ...}
-- (every grade present, zero when unused). Sub-judgements are not
-- counted: pass them in a list of their own to count them.
function inspection.count_by_grade(judgements)
	local counts = {}
	for _, g in ipairs(inspection.GRADES) do
		counts[g] = 0
	end
	for _, j in ipairs(judgements or {}) do
		local g = check(j.grade, 2)
		counts[g] = counts[g] + 1
	end
	return counts
end

-- The same counts as a list in grade order, for templates:
-- {{grade = "outstanding", name = "Outstanding", count = 0}, ...}.
-- adequate appears only when some judgement uses it.
function inspection.grade_counts(judgements)
	local counts = inspection.count_by_grade(judgements)
	local out = {}
	for _, g in ipairs(inspection.GRADES) do
		if g ~= "adequate" or counts[g] > 0 then
			out[#out + 1] = {grade = g, name = NAME[g], count = counts[g]}
		end
	end
	return out
end

-- The best and the worst of a list of grades (nil for an empty list).
function inspection.best(grades)
	local best
	for _, g in ipairs(grades) do
		if not best or RANK[check(g, 2)] > RANK[best] then
			best = check(g, 2)
		end
	end
	return best
end

function inspection.worst(grades)
	local worst
	for _, g in ipairs(grades) do
		if not worst or RANK[check(g, 2)] < RANK[worst] then
			worst = check(g, 2)
		end
	end
	return worst
end

-- The date the improvement plan is due: `due_days` days after the
-- report was published.
function inspection.plan_due(published, due_days)
	if math.type(due_days) ~= "integer" then
		error("due_days must be a whole number of days", 2)
	end
	return dates.add_days(dates.parse(published), due_days)
end

return inspection
