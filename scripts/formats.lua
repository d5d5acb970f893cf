-- Formatting lambdas for templates, each reading the text of its section:
--   {{#date_long}}{{inspection.published}}{{/date_long}}  20 August 2019
--   {{#date_short}}2020-09-30{{/date_short}}              30 Sept 2020
--   {{#date_ordinal}}2016-01-20{{/date_ordinal}}          20th January 2016
--   {{#money}}800000{{/money}}                            £800,000
--   {{#money_short}}1200000{{/money_short}}               £1.2m
--   {{#percent}}45.4{{/percent}}                          45%
--   {{#quarter}}2019-20 Q3{{/quarter}}                    Q3 2019/20
--   {{#financial_year}}2019-07-01{{/financial_year}}      2019/20
-- Stored under computed.formats (empty: this hook only adds lambdas).
local dates = require "dates"
local numbers = require "numbers"

local function trimmed(s)
	return ((s or ""):gsub("^%s+", ""):gsub("%s+$", ""))
end

local function number(s)
	local n = tonumber((trimmed(s):gsub("[£,%%]", "")))
	if n == nil then
		error("'" .. trimmed(s) .. "' is not a number", 2)
	end
	return n
end

return {
	lambdas = {
		date_long = function(s) return dates.long(trimmed(s)) end,
		date_short = function(s) return dates.short(trimmed(s)) end,
		date_ordinal = function(s) return dates.ordinal(trimmed(s)) end,
		money = function(s) return numbers.money(number(s)) end,
		money_short = function(s) return numbers.money(number(s), "short") end,
		percent = function(s) return numbers.percent(number(s)) end,
		quarter = function(s) return dates.quarter(trimmed(s)) end,
		financial_year = function(s) return dates.financial_year(trimmed(s)) end,
		-- Capitals for headings that councils print in upper case. The
		-- text arrives as plain text and what is returned is escaped.
		upper = function(s)
			return (s:upper())
		end,
	},
}
