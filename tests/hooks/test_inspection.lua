local t = require "tap"
local inspection = require "inspection"

t.ok(inspection.rank("outstanding") > inspection.rank("good"), "outstanding is above good")
t.ok(inspection.rank("good") > inspection.rank("requires_improvement"), "good is above requires improvement")
t.ok(inspection.rank("requires_improvement") > inspection.rank("inadequate"), "requires improvement is above inadequate")
t.eq(inspection.rank("adequate"), inspection.rank("requires_improvement"), "adequate ranks with requires improvement")
t.eq(inspection.grade("Requires Improvement"), "requires_improvement", "reads the printed words")
t.eq(inspection.grade("requires-improvement"), "requires_improvement", "reads hyphens")
t.eq(inspection.grade("RI"), "requires_improvement", "reads RI")
t.eq(inspection.grade("excellent"), nil, "an unknown grade is nil")
t.fails(function() inspection.rank("excellent") end, "is not a grade", "rank refuses an unknown grade")
t.eq(inspection.grade_name("requires_improvement"), "Requires improvement", "grade name")
t.eq(inspection.change("good", "outstanding"), "declined", "outstanding to good declined")
t.eq(inspection.change("good", "requires_improvement"), "improved", "requires improvement to good improved")
t.eq(inspection.change("good", "good"), "unchanged", "good to good unchanged")
t.eq(inspection.change("requires_improvement", "adequate"), "unchanged", "adequate to requires improvement unchanged")
t.eq(inspection.change("good", nil), nil, "no previous grade, no change")

local judgements = {
	{area = "Help and protection", grade = "requires_improvement", previous = "outstanding"},
	{area = "Looked after", grade = "good", previous = "good"},
	{area = "Adoption", grade = "good"},
	{area = "Leadership", grade = "requires_improvement", previous = "inadequate"},
}
local rows = inspection.changes(judgements)
t.eq(#rows, 4, "changes keeps every judgement")
t.eq(rows[1].change, "declined", "help and protection declined")
t.eq(rows[2].change, "unchanged", "looked after unchanged")
t.eq(rows[3].change, nil, "adoption has no previous grade")
t.eq(rows[4].change, "improved", "leadership improved")
t.eq(rows[4].previous_name, "Inadequate", "previous grade's name")
t.eq(inspection.count_by_grade(judgements),
	{outstanding = 0, good = 2, requires_improvement = 2, adequate = 0, inadequate = 0}, "counts by grade")
local counts = inspection.grade_counts(judgements)
t.eq(#counts, 4, "grade_counts leaves out adequate when unused")
t.eq(counts[2], {grade = "good", name = "Good", count = 2}, "grade_counts rows")
local nested = inspection.changes({{area = "Looked after", grade = "good", previous = "good",
	judgements = {{area = "Adoption", grade = "good"}, {area = "Care leavers", grade = "outstanding", previous = "good"}}}})
t.eq(nested[1].judgements[2].change, "improved", "sub-judgements get their change too")
t.eq(inspection.count_by_grade(nested).good, 1, "counts are of the judgements given, not their sub-judgements")
t.eq(inspection.worst({"good", "inadequate", "outstanding"}), "inadequate", "worst grade")
t.eq(inspection.best({"good", "inadequate", "outstanding"}), "outstanding", "best grade")
t.eq(inspection.plan_due("2016-01-20", 70), "2016-03-30", "a plan due 70 days after 20 January 2016 is due 30 March 2016")
t.eq(inspection.plan_due("20th January 2016", 70), "2016-03-30", "plan_due reads the long form")
t.fails(function() inspection.plan_due("2016-01-20", 7.5) end, "whole number", "due_days must be whole")

return t.done()
