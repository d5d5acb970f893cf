-- plan: the improvement plan's actions: statuses, counts, percent
-- complete, overdue and due-soon actions, unanswered recommendations.
--
-- Statuses are written as in the report data: not_started, on_track,
-- at_risk, off_track, done and cancelled. A cancelled action is neither
-- overdue nor due, and does not count towards the percent complete. Common
-- other words are read as these:
-- complete, completed and closed are done; green, amber and red are
-- on_track, at_risk and off_track; "On track" and "on-track" are
-- on_track. Any other status is kept as written (lower case, with
-- underscores) and counted under its own name. An action with no status
-- is not_started.
local dates = require "dates"

local plan = {}

-- The statuses in order and their names as the council prints them, from
-- clerk.vocabulary (the one table of statuses).
plan.STATUSES, plan.STATUS_NAMES = {}, {}
for id, entry in pairs(clerk.vocabulary.statuses) do
	plan.STATUSES[#plan.STATUSES + 1] = id
	plan.STATUS_NAMES[id] = entry.name
end
local ALIASES = {
	complete = "done", completed = "done", closed = "done",
	green = "on_track", amber = "at_risk", red = "off_track",
	started = "on_track", in_progress = "on_track", delayed = "at_risk",
	not_yet_started = "not_started", canceled = "cancelled", dropped = "cancelled",
}

-- The data form of each status read so far, by what was written: a plan
-- names a handful of statuses, and its actions are counted many times over.
local status_of = {}

-- The data form of a status.
function plan.status(s)
	if s == nil or s == "" then
		return "not_started"
	end
	local known = status_of[s]
	if known then
		return known
	end
	if type(s) ~= "string" then
		error("expected a status, got " .. type(s), 2)
	end
	local key = s:lower():gsub("^%s+", ""):gsub("%s+$", ""):gsub("[%s%-]+", "_")
	key = ALIASES[key] or key
	status_of[s] = key
	return key
end

-- "On track"; an unknown status reads as written, with spaces.
function plan.status_name(s)
	local key = plan.status(s)
	return plan.STATUS_NAMES[key] or (key:gsub("_", " "):gsub("^%l", string.upper))
end

function plan.is_done(action)
	return plan.status(action.status) == "done"
end

-- True when the action is neither done nor cancelled.
function plan.is_open(action)
	local s = plan.status(action.status)
	return s ~= "done" and s ~= "cancelled"
end

local function copy(t)
	local out = {}
	for k, v in pairs(t) do
		out[k] = v
	end
	return out
end

-- Every action of every priority, in order, as new tables with `priority`
-- (the priority's id) and `priority_title` added and `status` in its data
-- form.
function plan.actions(action_plan)
	local out = {}
	for _, p in ipairs((action_plan or {}).priorities or {}) do
		for _, a in ipairs(p.actions or {}) do
			local row = copy(a)
			row.priority = p.id
			row.priority_title = p.title
			row.status = plan.status(a.status)
			out[#out + 1] = row
		end
	end
	return out
end

-- How many actions have each status: {done = 3, on_track = 2, ...};
-- every known status is present, zero when unused.
function plan.count_by_status(actions)
	local counts = {}
	for _, s in ipairs(plan.STATUSES) do
		counts[s] = 0
	end
	for _, a in ipairs(actions) do
		local s = plan.status(a.status)
		counts[s] = (counts[s] or 0) + 1
	end
	return counts
end

-- The counts as a list for templates, known statuses first:
-- {{status = "done", name = "Done", badge = "status-done", count = 3}, ...}:
-- the name and the badge class are clerk.vocabulary's, and the theme's
-- style table colours the class. A status outside the vocabulary has no
-- badge.
function plan.status_counts(actions)
	local counts = plan.count_by_status(actions)
	local out, known = {}, {}
	for _, s in ipairs(plan.STATUSES) do
		known[s] = true
		out[#out + 1] = {status = s, name = plan.STATUS_NAMES[s], badge = clerk.vocabulary.statuses[s].badge,
			count = counts[s]}
	end
	local others = {}
	for s in pairs(counts) do
		if not known[s] then
			others[#others + 1] = s
		end
	end
	table.sort(others)
	for _, s in ipairs(others) do
		out[#out + 1] = {status = s, name = plan.status_name(s), count = counts[s]}
	end
	return out
end

-- The actions whose status is `status`.
function plan.with_status(actions, status)
	local want, out = plan.status(status), {}
	for _, a in ipairs(actions) do
		if plan.status(a.status) == want then
			out[#out + 1] = a
		end
	end
	return out
end

-- The share of actions that are done, as a number from 0 to 100, leaving
-- cancelled actions out (0 when there are none).
function plan.percent_complete(actions)
	local counted = #actions - #plan.with_status(actions, "cancelled")
	if counted == 0 then
		return 0
	end
	return #plan.with_status(actions, "done") * 100 / counted
end

-- Actions still open (not done or cancelled) whose due date is before
-- `as_of` (default: today).
-- Actions without a due date are never overdue; one due in a month or a
-- year is overdue after its last day (dates.target).
function plan.overdue(actions, as_of)
	as_of = as_of or dates.today()
	local out = {}
	for _, a in ipairs(actions) do
		if a.due and plan.is_open(a) and dates.before(dates.target(a.due), as_of) then
			out[#out + 1] = a
		end
	end
	return out
end

-- Actions still open that are due from `first` to `last`, both included
-- (a month or a year by its last day).
function plan.due_between(actions, first, last)
	local out = {}
	for _, a in ipairs(actions) do
		local due = a.due and dates.target(a.due)
		if due and plan.is_open(a) and not dates.before(due, first)
			and not dates.before(last, due) then
			out[#out + 1] = a
		end
	end
	return out
end

-- Actions still open that are due in the quarter after the one holding
-- `as_of` (default: today); also returns that quarter's label.
function plan.due_next_quarter(actions, as_of)
	local next_q = dates.quarter_add(as_of or dates.today(), 1)
	return plan.due_between(actions, dates.quarter_start(next_q), dates.quarter_end(next_q)), next_q
end

-- The inspection recommendations ({id, text}) that no priority (or
-- action) lists in its `answers`.
function plan.unanswered(recommendations, action_plan)
	local answered = {}
	local function mark(list)
		for _, id in ipairs(list or {}) do
			answered[tostring(id)] = true
		end
	end
	for _, p in ipairs((action_plan or {}).priorities or {}) do
		mark(p.answers)
		for _, a in ipairs(p.actions or {}) do
			mark(a.answers)
		end
	end
	local out = {}
	for _, r in ipairs(recommendations or {}) do
		if not answered[tostring(r.id)] then
			out[#out + 1] = r
		end
	end
	return out
end

return plan
