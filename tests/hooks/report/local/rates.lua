-- A council's own hook: the looked-after rate against the national one,
-- and a sentence that uses what the plan hook computed before it.
local numbers = require "numbers"
local text = require "text"

local lac = report.looked_after
local rate = numbers.rate_per_10k(lac.children, lac.population)
return {
	rate = numbers.round(rate),
	sentence = "Lewisham has a looked after children rate of " ..
		numbers.rate_sentence(rate, lac.national_rate) .. ".",
	plan_sentence = computed.plan.done .. " of " .. text.plural(computed.plan.total, "action") ..
		" complete (" .. computed.plan.percent_complete_text .. ").",
}
