-- The plan summary: counts by status, percent complete, overdue actions,
-- actions due next quarter and recommendations no action answers. When
-- the report has progress updates, statuses are those at the newest
-- quarter and "next quarter" is the one after it; overdue is measured at
-- today (the --as-of date or the meeting date). Stored under
-- computed.plan.
local plan = require "plan"
local progress = require "progress"
local dates = require "dates"
local numbers = require "numbers"

local action_plan = report.action_plan
if action_plan == nil then
	return {}
end

local quarter = progress.latest(report.progress)
local actions
if quarter then
	actions = progress.actions_at(action_plan, report.progress, quarter)
else
	actions = plan.actions(action_plan)
end

local done = #plan.with_status(actions, "done")
-- Percent complete leaves cancelled actions out, so the page prints its
-- base beside it: `live` is what the percentage is of.
local cancelled = #plan.with_status(actions, "cancelled")
local percent = plan.percent_complete(actions)
local overdue = plan.overdue(actions, dates.today())
-- "Next quarter" is the one after the quarter the report is about, when
-- it reports progress; otherwise the one after today's.
local next_due, next_quarter = plan.due_next_quarter(actions,
	quarter and dates.quarter_end(quarter) or dates.today())
local recommendations = report.inspection and report.inspection.recommendations
local unanswered = plan.unanswered(recommendations, action_plan)

return {
	quarter = quarter,
	actions = actions,
	total = #actions,
	done = done,
	cancelled = cancelled,
	cancelled_any = cancelled > 0,
	live = #actions - cancelled,
	status_counts = plan.status_counts(actions),
	percent_complete = numbers.round(percent, 1),
	percent_complete_text = numbers.percent(percent),
	overdue = overdue,
	overdue_count = #overdue,
	as_of = dates.today(),
	as_of_long = dates.long(dates.today()),
	next_quarter = next_quarter,
	next_quarter_months = dates.quarter_months(next_quarter),
	due_next_quarter = next_due,
	due_next_quarter_count = #next_due,
	unanswered = unanswered,
	unanswered_count = #unanswered,
}
