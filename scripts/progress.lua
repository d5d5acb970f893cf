-- What changed since the previous quarter: actions newly complete,
-- slipped, newly added and newly overdue, at the newest quarter with
-- updates. Stored under computed.progress.
local progress = require "progress"
local dates = require "dates"

if report.action_plan == nil or report.progress == nil then
	return {}
end
local out = progress.changes(report.action_plan, report.progress)
out.quarter_long = dates.quarter(out.quarter)
out.previous_long = dates.quarter(out.previous)
return out
