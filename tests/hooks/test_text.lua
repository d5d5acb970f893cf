local t = require "tap"
local text = require "text"

t.eq(text.list({"A", "B", "C"}), "A, B and C", "A, B and C")
t.eq(text.list({"A", "B"}), "A and B", "A and B")
t.eq(text.list({"A"}), "A", "one item")
t.eq(text.list({}), "", "no items")
t.eq(text.list({"A", "B", "C"}, "or"), "A, B or C", "with or")
t.eq(text.plural(1, "action"), "1 action", "one action")
t.eq(text.plural(3, "action"), "3 actions", "three actions")
t.eq(text.plural(0, "action"), "0 actions", "no actions")
t.eq(text.plural(2, "priority", "priorities"), "2 priorities", "irregular plural")
t.eq(text.noun(9, "recommendation"), "recommendations", "noun alone")
t.eq(text.capitalise("requires improvement"), "Requires improvement", "capitalise")
t.eq(text.pluck({{id = "R1"}, {id = "R2"}}, "id"), {"R1", "R2"}, "pluck")
t.eq(text.fill("{status}, due {date}", {status = "At risk", date = "14 Jan 2020"}), "At risk, due 14 Jan 2020",
	"fill: every field")
t.eq(text.fill("due {date} {other}", {date = 3}), "due 3 {other}", "fill: a field not given stays")

return t.done()
