-- progress: the plan quarter by quarter: each action's status at a
-- quarter, and what changed since the quarter before.
--
-- `progress` is the report's progress, a map keyed by quarter:
--   {["2019-20 Q3"] = {as_of = "2019-12-31", updates = {["P1.1"] = {status = "done", note = "..."}}}}
-- (a list of {quarter = "2019-20 Q3", updates = {...}} is read too).
-- An update may carry `status`, `due` (a new due date), `done_on` and
-- `note`, and for an action the plan does not have, `text`, `owner` and
-- `priority`: such an action counts as added in the first quarter that
-- mentions it. A plan action with `added: 2019-20 Q3` does not exist
-- before that quarter.
local dates = require "dates"
local plan = require "plan"

local progress = {}

-- The quarters as a list, oldest first: {{quarter = "2019-20 Q3",
-- updates = ..., as_of = ..., summary = ...}, ...}, whichever form the
-- report used.
function progress.entries(p)
	local out = {}
	if p == nil then
		return out
	end
	if p[1] ~= nil then
		for _, entry in ipairs(p) do
			out[#out + 1] = {quarter = dates.quarter(entry.quarter, "data"), updates = entry.updates,
				as_of = entry.as_of, summary = entry.summary}
		end
	else
		for quarter, entry in pairs(p) do
			out[#out + 1] = {quarter = dates.quarter(quarter, "data"), updates = entry.updates,
				as_of = entry.as_of, summary = entry.summary}
		end
	end
	table.sort(out, function(a, b)
		return dates.quarter_index(a.quarter) < dates.quarter_index(b.quarter)
	end)
	return out
end

-- The quarters that have updates, oldest first, as data labels
-- ("2019-20 Q3").
function progress.quarters(p)
	local out = {}
	for i, entry in ipairs(progress.entries(p)) do
		out[i] = entry.quarter
	end
	return out
end

-- The newest quarter with updates, or nil.
function progress.latest(updates_list)
	local q = progress.quarters(updates_list)
	return q[#q]
end

-- Every action as at `quarter`: the plan's actions (plan.actions) with the
-- updates of every quarter up to and including `quarter` applied in
-- order, and the actions updates added. Each has `note` (its latest) and
-- `updated` (the quarter of its latest update).
function progress.actions_at(action_plan, updates_list, quarter)
	local limit = dates.quarter_index(quarter)
	local actions, by_id = {}, {}
	for _, a in ipairs(plan.actions(action_plan)) do
		if not a.added or dates.quarter_index(a.added) <= limit then
			actions[#actions + 1] = a
			by_id[tostring(a.id)] = a
		end
	end
	local entries = {}
	for _, entry in ipairs(progress.entries(updates_list)) do
		if dates.quarter_index(entry.quarter) <= limit then
			entries[#entries + 1] = entry
		end
	end
	for _, entry in ipairs(entries) do
		local label = entry.quarter
		local ids = {}
		for id in pairs(entry.updates or {}) do
			ids[#ids + 1] = tostring(id)
		end
		table.sort(ids)
		for _, id in ipairs(ids) do
			local u = entry.updates[id]
			local a = by_id[id]
			if not a then
				a = {id = id, text = u.text, owner = u.owner, priority = u.priority,
					due = u.due, status = "not_started", added = label}
				actions[#actions + 1] = a
				by_id[id] = a
			end
			if u.status ~= nil then
				a.status = plan.status(u.status)
			end
			if u.due ~= nil then
				a.due = u.due
			end
			if u.done_on ~= nil then
				a.done_on = u.done_on
			end
			a.note = u.note
			a.updated = label
		end
	end
	return actions
end

-- Worse statuses weigh more; moving to a heavier one is a slip.
local WEIGHT = {done = 0, cancelled = 0, not_started = 1, on_track = 1, at_risk = 2, off_track = 3}

local function overdue_at(a, last_day)
	return a.due ~= nil and plan.is_open(a) and not dates.before(last_day, dates.target(a.due))
end

-- What changed in `quarter` (default: the newest with updates) since the
-- quarter before:
--   newly_complete  done now, not done before
--   slipped         a worse status than before, or a later due date
--                   (each with `was` and `reason`: "status", "due date",
--                   or "status and due date" with the old date in `was_due`)
--   newly_added     actions that did not exist before
--   newly_overdue   due on or before the last day of this quarter and not
--                   done, but not overdue at the end of the one before (an
--                   action due on a quarter's last day and open at its end
--                   is overdue at that quarter's end, and counts there)
-- plus `quarter` and `previous` (data labels) and the counts of each.
function progress.changes(action_plan, updates_list, quarter)
	quarter = dates.quarter(quarter or progress.latest(updates_list) or dates.today(), "data")
	local previous = dates.quarter_add(quarter, -1, "data")
	local now = progress.actions_at(action_plan, updates_list, quarter)
	local before = {}
	for _, a in ipairs(progress.actions_at(action_plan, updates_list, previous)) do
		before[tostring(a.id)] = a
	end
	local end_now, end_before = dates.quarter_end(quarter), dates.quarter_end(previous)
	local out = {quarter = quarter, previous = previous,
		newly_complete = {}, slipped = {}, newly_added = {}, newly_overdue = {}}
	for _, a in ipairs(now) do
		local b = before[tostring(a.id)]
		if not b then
			out.newly_added[#out.newly_added + 1] = a
		else
			if a.status == "done" and b.status ~= "done" then
				out.newly_complete[#out.newly_complete + 1] = a
			elseif plan.is_open(a) then
				local wa, wb = WEIGHT[a.status] or 1, WEIGHT[b.status] or 1
				local later = a.due and b.due and dates.before(dates.target(b.due), dates.target(a.due))
				if wa > wb and later then
					a.was, a.was_due, a.reason = b.status, b.due, "status and due date"
					out.slipped[#out.slipped + 1] = a
				elseif wa > wb then
					a.was, a.reason = b.status, "status"
					out.slipped[#out.slipped + 1] = a
				elseif later then
					a.was, a.reason = b.due, "due date"
					out.slipped[#out.slipped + 1] = a
				end
			end
			if overdue_at(a, end_now) and not overdue_at(b, end_before) then
				out.newly_overdue[#out.newly_overdue + 1] = a
			end
		end
	end
	for _, k in ipairs({"newly_complete", "slipped", "newly_added", "newly_overdue"}) do
		out[k .. "_count"] = #out[k]
	end
	return out
end

return progress
