local t = require "tap"
local progress = require "progress"

local action_plan = {priorities = {
	{id = "P1", actions = {
		{id = "P1.1", due = "2019-12-31", status = "on_track"},
		{id = "P1.2", due = "2020-02-28", status = "on_track"},
		{id = "P1.3", due = "2019-11-30", status = "on_track"},
		{id = "P1.4", due = "2020-06-30", status = "on_track"},
		{id = "P1.5", due = "2020-03-31", status = "not_started", added = "2019-20 Q4"},
	}},
}}
-- As in the report: a map keyed by quarter.
local updates = {
	["2019-20 Q4"] = {updates = {
		["P1.1"] = {status = "done", note = "Finished in January"},
		["P1.2"] = {status = "at_risk"},
		["P1.4"] = {due = "2020-09-30"},
		["P9.1"] = {text = "New action", status = "on_track", due = "2020-12-31"},
	}},
	["2019-20 Q3"] = {as_of = "2019-12-31", updates = {
		["P1.3"] = {status = "done"},
	}},
}
-- The same as a list, in the wrong order.
local as_list = {
	{quarter = "2019-20 Q4", updates = updates["2019-20 Q4"].updates},
	{quarter = "Q3 2019/20", updates = updates["2019-20 Q3"].updates},
}

t.eq(progress.entries(updates)[1].as_of, "2019-12-31", "entries keep each quarter's fields")
t.eq(progress.quarters(as_list), {"2019-20 Q3", "2019-20 Q4"}, "a list of quarters reads too")
t.eq(progress.changes(action_plan, as_list).newly_complete_count, 1, "changes from the list form")
t.eq(progress.quarters(updates), {"2019-20 Q3", "2019-20 Q4"}, "quarters in order")
t.eq(progress.latest(updates), "2019-20 Q4", "the newest quarter")

local q3 = progress.actions_at(action_plan, updates, "2019-20 Q3")
t.eq(#q3, 4, "four actions at Q3 (P1.5 is added in Q4)")
t.eq(q3[3].status, "done", "P1.3 done at Q3")
t.eq(q3[1].status, "on_track", "P1.1 on track at Q3")

local q4 = progress.actions_at(action_plan, updates, "Q4 2019/20")
t.eq(#q4, 6, "six actions at Q4")
t.eq(q4[1].status, "done", "P1.1 done at Q4")
t.eq(q4[1].note, "Finished in January", "the latest note")
t.eq(q4[1].updated, "2019-20 Q4", "the quarter of the latest update")
t.eq(q4[6].id, "P9.1", "an action that only updates name is added")
t.eq(q4[6].added, "2019-20 Q4", "added in the quarter that first names it")

local c = progress.changes(action_plan, updates)
t.eq(c.quarter, "2019-20 Q4", "changes default to the newest quarter")
t.eq(c.previous, "2019-20 Q3", "the previous quarter")
t.eq(#c.newly_complete, 1, "one action newly complete")
t.eq(c.newly_complete[1].id, "P1.1", "P1.1 newly complete")
t.eq(#c.slipped, 2, "two actions slipped")
t.eq(c.slipped[1].id, "P1.2", "P1.2 slipped")
t.eq(c.slipped[1].reason, "status", "P1.2 slipped by status")
t.eq(c.slipped[1].was, "on_track", "P1.2 was on track")
t.eq(c.slipped[2].id, "P1.4", "P1.4 slipped")
t.eq(c.slipped[2].reason, "due date", "P1.4 slipped by its due date")
t.eq(c.newly_added_count, 2, "two actions newly added")
t.eq(#c.newly_overdue, 1, "one action newly overdue")
t.eq(c.newly_overdue[1].id, "P1.2", "P1.2 was due in February and is not done")

-- A worse status and a later date together: both are kept.
local both = {["2019-20 Q3"] = {updates = {
	["P1.4"] = {status = "off_track", due = "2020-12-31"},
}}}
local cb = progress.changes(action_plan, both)
t.eq(cb.slipped[1].reason, "status and due date", "a slip of status and date names both")
t.eq(cb.slipped[1].was, "on_track", "the old status")
t.eq(cb.slipped[1].was_due, "2020-06-30", "the old due date")

local c3 = progress.changes(action_plan, updates, "Q3 2019/20")
t.eq(c3.newly_complete[1].id, "P1.3", "at Q3, P1.3 is newly complete")
t.eq(#c3.newly_overdue, 1, "at Q3, one action newly overdue")
t.eq(c3.newly_overdue[1].id, "P1.1", "P1.1 was due in December")

return t.done()
