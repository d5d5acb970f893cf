-- A council's own hook: the looked-after rate against the national one,
-- and a sentence that uses what the plan hook computed before it.
local numbers = require "numbers"
local text = require "text"

local f = report.figures
local rate = numbers.rate_per_10k(f.looked_after.value, f.child_population.value)
return {
	rate = numbers.round(rate),
	sentence = "Lewisham has a looked after children rate of " ..
		numbers.rate_sentence(rate, f.national_rate.value) .. ".",
	plan_sentence = computed.plan.done .. " of " .. text.plural(computed.plan.total, "action") ..
		" complete (" .. computed.plan.percent_complete_text .. ").",
}
