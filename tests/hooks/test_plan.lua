local t = require "tap"
local plan = require "plan"

local action_plan = {
	due_days = 70,
	priorities = {
		{id = "P1", title = "Workforce", answers = {"R1", "R3"}, actions = {
			{id = "P1.1", text = "Training plan", due = "2019-12-31", status = "done", done_on = "2019-12-20"},
			{id = "P1.2", text = "Supervision audit", due = "2020-01-10", status = "on_track"},
			{id = "P1.3", text = "Pay benchmarking", due = "2020-05-31", status = "At risk"},
		}},
		{id = "P2", title = "Early help", answers = {"R2"}, actions = {
			{id = "P2.1", text = "Strategy", due = "2020-06-30", status = "red"},
			{id = "P2.2", text = "Board", due = "2020-09-30"},
			{id = "P2.3", text = "Waiting list", due = "2019-11-30", status = "Completed", answers = {"R5"}},
		}},
	},
}
local recommendations = {{id = "R1"}, {id = "R2"}, {id = "R3"}, {id = "R4", text = "Life story work"}, {id = "R5"}}

t.eq(plan.status("On track"), "on_track", "reads On track")
t.eq(plan.status("completed"), "done", "completed is done")
t.eq(plan.status("amber"), "at_risk", "amber is at risk")
t.eq(plan.status(nil), "not_started", "no status is not started")
t.eq(plan.status("Paused"), "paused", "an unknown status is kept")
t.eq(plan.status("On track"), "on_track", "reads On track again")
t.eq(plan.status(" on-track "), "on_track", "reads on-track with spaces round it")
t.eq(plan.status_name("off_track"), "Off track", "status name")
t.eq(plan.status_name("paused"), "Paused", "an unknown status's name")

local actions = plan.actions(action_plan)
t.eq(#actions, 6, "actions of every priority")
t.eq(actions[4].priority, "P2", "each action knows its priority")
t.eq(actions[3].status, "at_risk", "statuses in data form")
t.eq(plan.count_by_status(actions),
	{not_started = 1, on_track = 1, at_risk = 1, off_track = 1, done = 2, cancelled = 0}, "counts by status")
local counts = plan.status_counts(actions)
t.eq(counts[5], {status = "done", name = "Done", badge = "status-done", count = 2}, "status_counts rows")
t.eq(#plan.with_status(actions, "done"), 2, "with_status")
t.eq(plan.percent_complete(actions) // 1, 33, "percent complete")
t.eq(plan.percent_complete({}), 0, "percent complete of no actions")

local overdue = plan.overdue(actions, "2020-01-14")
t.eq(#overdue, 1, "one action overdue at 14 January 2020")
t.eq(overdue[1].id, "P1.2", "the supervision audit is overdue")
t.eq(#plan.overdue(actions, "2020-01-10"), 0, "an action due today is not overdue")
local next_due, label = plan.due_next_quarter(actions, "2020-01-14")
t.eq(label, "Q1 2020/21", "the next quarter after January 2020")
t.eq(#next_due, 2, "two actions due next quarter")
t.eq(next_due[1].id, "P1.3", "pay benchmarking due next quarter")
t.eq(next_due[2].id, "P2.1", "the strategy due next quarter")

local unanswered = plan.unanswered(recommendations, action_plan)
t.eq(#unanswered, 1, "one recommendation unanswered")
t.eq(unanswered[1].id, "R4", "R4 is unanswered (R5 is answered by an action)")

-- Cancelled actions
local with_cancelled = {
	{id = "A", status = "done"},
	{id = "B", status = "cancelled", due = "2019-01-01"},
	{id = "C", status = "on_track", due = "2019-01-01"},
	{id = "D", status = "Canceled", due = "2020-05-01"},
}
t.eq(plan.status("Canceled"), "cancelled", "reads the American spelling")
t.eq(plan.percent_complete(with_cancelled), 50, "cancelled actions are left out of percent complete")
t.eq(#plan.overdue(with_cancelled, "2020-01-14"), 1, "a cancelled action is never overdue")

-- an action due in a month is due by its last day, one due in a year by
-- 31 December
local partial = {
	{id = "M", due = "2020-01", status = "on_track"},
	{id = "Y", due = 2019, status = "on_track"},
}
t.eq(#plan.overdue(partial, "2020-01-31"), 1, "due in January 2020: not overdue on the 31st")
t.eq(plan.overdue(partial, "2020-01-31")[1].id, "Y", "due in 2019: overdue in 2020")
t.eq(#plan.overdue(partial, "2020-02-01"), 2, "due in January 2020: overdue on 1 February")
t.eq(#plan.overdue(partial, "2019-12-31"), 0, "due in 2019: not overdue on 31 December")
t.eq(#plan.due_between(partial, "2020-01-01", "2020-03-31"), 1, "a month inside a quarter is due in it")
t.eq(#plan.due_between(partial, "2019-10-01", "2019-12-31"), 1, "a year is due in its last quarter")
t.eq(#plan.due_next_quarter(with_cancelled, "2020-01-14"), 0, "nor due")
t.ok(not plan.is_open(with_cancelled[2]) and plan.is_open(with_cancelled[3]), "is_open")
t.eq(plan.percent_complete({{status = "cancelled"}}), 0, "only cancelled actions: 0")

return t.done()
