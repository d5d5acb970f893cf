-- clerk.vocabulary: the grades, statuses and meeting classes, read-only.
local t = require "tap"
local plan = require "plan"
local inspection = require "inspection"

local v = clerk.vocabulary
t.eq(v.grades.requires_improvement.name, "Requires improvement", "a grade's name")
t.eq(v.grades.requires_improvement.badge, "grade-requires_improvement", "a grade's badge class")
t.eq(v.statuses.done.name, "Done", "a status's name")
t.eq(v.statuses.on_track.id, "on_track", "an entry knows its id")
t.eq(v.classes["Part 2"].name, "Part 2 (exempt)", "a meeting class's name")
t.eq(v.grades.outstanding.rank, 4, "a grade's rank")
t.eq(v.grades.adequate.rank, v.grades.requires_improvement.rank, "adequate ranks with requires improvement")
t.eq(v.statuses.done.rank, nil, "only grades rank")

local ids = {}
for id in pairs(v.statuses) do
	ids[#ids + 1] = id
end
t.eq(ids, {"not_started", "on_track", "at_risk", "off_track", "done", "cancelled"},
	"pairs walks the statuses in the vocabulary's order")
t.eq(plan.STATUSES, ids, "plan.STATUSES is the vocabulary's")
t.eq(plan.status_name("done"), v.statuses.done.name, "plan names a status as the vocabulary does")
t.eq(inspection.grade_name("good"), v.grades.good.name, "inspection names a grade as the vocabulary does")
t.eq(inspection.GRADES, {"outstanding", "good", "requires_improvement", "adequate", "inadequate"},
	"inspection.GRADES: the vocabulary's grades, best first")

t.fails(function() v.statuses.done.name = "Complete" end, "read-only", "a name cannot be changed")
t.fails(function() v.statuses.finished = {name = "Finished"} end, "read-only", "an entry cannot be added")
t.fails(function() v.grades = {} end, "read-only", "a kind cannot be replaced")
t.eq(v.statuses.done.name, "Done", "the name is unchanged after the attempts")

-- clerk.words: the theme's words (none here: no theme is loaded), read-only.
t.eq(type(clerk.words), "table", "clerk.words is a table")
t.eq(clerk.words.progress_agreed, nil, "without a theme there are no words")
t.fails(function() clerk.words.progress_agreed = "Agreed" end, "read-only", "a word cannot be set")

return t.done()
