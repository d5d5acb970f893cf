-- dates: UK dates, working days, financial years and quarters.
--
-- Dates are ISO strings ("2016-03-30"). Every function that takes a date
-- also accepts "20 January 2016", "20th January 2016" and "Wednesday 20th
-- January 2016". Nothing here reads the clock: "today" is clerk.as_of.
-- Financial years start on 1 April and are named by the year they start
-- in (2019 for 2019/20). Quarters count from April: Q1 is April to June,
-- Q4 January to March.
--
-- A target date (an action's `due`) may also be a month, "2016-03", or a
-- year, 2016 (read from YAML as a number): dates.target gives the day it
-- counts as, the month's last day or 31 December, and dates.long and
-- dates.short print it "March 2016", "Mar 2016" or "2016".
--
-- dates.long and dates.short write a date in the theme's words
-- (clerk.words: date_long, date_short, month_1 ... month_12 and
-- month_short_1 ..., brand.yaml `words:`), as the page does, so a hook's
-- dates read as the page's; without a theme they are English.
local dates = {}

local MONTHS = {"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}
local DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday", "Sunday"}
local MONTH_NUMBER = {}
for i, name in ipairs(MONTHS) do
	MONTH_NUMBER[name:lower()] = i
	MONTH_NUMBER[name:sub(1, 3):lower()] = i
end
MONTH_NUMBER.sept = 9
local WORDS = clerk.words or {}
for i = 1, 12 do
	for _, key in ipairs({"month_" .. i, "month_short_" .. i}) do
		if type(WORDS[key]) == "string" and WORDS[key] ~= "" then
			MONTH_NUMBER[WORDS[key]:lower()] = MONTH_NUMBER[WORDS[key]:lower()] or i
		end
	end
end

dates.MONTHS = MONTHS

-- England and Wales bank holidays, 2010 to 2030, with substitute days and
-- the one-off holidays. Years after those gov.uk has published follow the
-- standing rules.
dates.BANK_HOLIDAYS = {
	-- 2010
	["2010-01-01"] = "New Year's Day",
	["2010-04-02"] = "Good Friday",
	["2010-04-05"] = "Easter Monday",
	["2010-05-03"] = "Early May bank holiday",
	["2010-05-31"] = "Spring bank holiday",
	["2010-08-30"] = "Summer bank holiday",
	["2010-12-27"] = "Christmas Day",
	["2010-12-28"] = "Boxing Day",
	-- 2011
	["2011-01-03"] = "New Year's Day",
	["2011-04-22"] = "Good Friday",
	["2011-04-25"] = "Easter Monday",
	["2011-04-29"] = "Royal wedding",
	["2011-05-02"] = "Early May bank holiday",
	["2011-05-30"] = "Spring bank holiday",
	["2011-08-29"] = "Summer bank holiday",
	["2011-12-26"] = "Boxing Day",
	["2011-12-27"] = "Christmas Day",
	-- 2012
	["2012-01-02"] = "New Year's Day",
	["2012-04-06"] = "Good Friday",
	["2012-04-09"] = "Easter Monday",
	["2012-05-07"] = "Early May bank holiday",
	["2012-06-04"] = "Spring bank holiday",
	["2012-06-05"] = "Diamond Jubilee",
	["2012-08-27"] = "Summer bank holiday",
	["2012-12-25"] = "Christmas Day",
	["2012-12-26"] = "Boxing Day",
	-- 2013
	["2013-01-01"] = "New Year's Day",
	["2013-03-29"] = "Good Friday",
	["2013-04-01"] = "Easter Monday",
	["2013-05-06"] = "Early May bank holiday",
	["2013-05-27"] = "Spring bank holiday",
	["2013-08-26"] = "Summer bank holiday",
	["2013-12-25"] = "Christmas Day",
	["2013-12-26"] = "Boxing Day",
	-- 2014
	["2014-01-01"] = "New Year's Day",
	["2014-04-18"] = "Good Friday",
	["2014-04-21"] = "Easter Monday",
	["2014-05-05"] = "Early May bank holiday",
	["2014-05-26"] = "Spring bank holiday",
	["2014-08-25"] = "Summer bank holiday",
	["2014-12-25"] = "Christmas Day",
	["2014-12-26"] = "Boxing Day",
	-- 2015
	["2015-01-01"] = "New Year's Day",
	["2015-04-03"] = "Good Friday",
	["2015-04-06"] = "Easter Monday",
	["2015-05-04"] = "Early May bank holiday",
	["2015-05-25"] = "Spring bank holiday",
	["2015-08-31"] = "Summer bank holiday",
	["2015-12-25"] = "Christmas Day",
	["2015-12-28"] = "Boxing Day",
	-- 2016
	["2016-01-01"] = "New Year's Day",
	["2016-03-25"] = "Good Friday",
	["2016-03-28"] = "Easter Monday",
	["2016-05-02"] = "Early May bank holiday",
	["2016-05-30"] = "Spring bank holiday",
	["2016-08-29"] = "Summer bank holiday",
	["2016-12-26"] = "Boxing Day",
	["2016-12-27"] = "Christmas Day",
	-- 2017
	["2017-01-02"] = "New Year's Day",
	["2017-04-14"] = "Good Friday",
	["2017-04-17"] = "Easter Monday",
	["2017-05-01"] = "Early May bank holiday",
	["2017-05-29"] = "Spring bank holiday",
	["2017-08-28"] = "Summer bank holiday",
	["2017-12-25"] = "Christmas Day",
	["2017-12-26"] = "Boxing Day",
	-- 2018
	["2018-01-01"] = "New Year's Day",
	["2018-03-30"] = "Good Friday",
	["2018-04-02"] = "Easter Monday",
	["2018-05-07"] = "Early May bank holiday",
	["2018-05-28"] = "Spring bank holiday",
	["2018-08-27"] = "Summer bank holiday",
	["2018-12-25"] = "Christmas Day",
	["2018-12-26"] = "Boxing Day",
	-- 2019
	["2019-01-01"] = "New Year's Day",
	["2019-04-19"] = "Good Friday",
	["2019-04-22"] = "Easter Monday",
	["2019-05-06"] = "Early May bank holiday",
	["2019-05-27"] = "Spring bank holiday",
	["2019-08-26"] = "Summer bank holiday",
	["2019-12-25"] = "Christmas Day",
	["2019-12-26"] = "Boxing Day",
	-- 2020
	["2020-01-01"] = "New Year's Day",
	["2020-04-10"] = "Good Friday",
	["2020-04-13"] = "Easter Monday",
	["2020-05-08"] = "Early May bank holiday (VE Day)",
	["2020-05-25"] = "Spring bank holiday",
	["2020-08-31"] = "Summer bank holiday",
	["2020-12-25"] = "Christmas Day",
	["2020-12-28"] = "Boxing Day",
	-- 2021
	["2021-01-01"] = "New Year's Day",
	["2021-04-02"] = "Good Friday",
	["2021-04-05"] = "Easter Monday",
	["2021-05-03"] = "Early May bank holiday",
	["2021-05-31"] = "Spring bank holiday",
	["2021-08-30"] = "Summer bank holiday",
	["2021-12-27"] = "Christmas Day",
	["2021-12-28"] = "Boxing Day",
	-- 2022
	["2022-01-03"] = "New Year's Day",
	["2022-04-15"] = "Good Friday",
	["2022-04-18"] = "Easter Monday",
	["2022-05-02"] = "Early May bank holiday",
	["2022-06-02"] = "Spring bank holiday",
	["2022-06-03"] = "Platinum Jubilee",
	["2022-08-29"] = "Summer bank holiday",
	["2022-09-19"] = "State funeral of Queen Elizabeth II",
	["2022-12-26"] = "Boxing Day",
	["2022-12-27"] = "Christmas Day",
	-- 2023
	["2023-01-02"] = "New Year's Day",
	["2023-04-07"] = "Good Friday",
	["2023-04-10"] = "Easter Monday",
	["2023-05-01"] = "Early May bank holiday",
	["2023-05-08"] = "Coronation of King Charles III",
	["2023-05-29"] = "Spring bank holiday",
	["2023-08-28"] = "Summer bank holiday",
	["2023-12-25"] = "Christmas Day",
	["2023-12-26"] = "Boxing Day",
	-- 2024
	["2024-01-01"] = "New Year's Day",
	["2024-03-29"] = "Good Friday",
	["2024-04-01"] = "Easter Monday",
	["2024-05-06"] = "Early May bank holiday",
	["2024-05-27"] = "Spring bank holiday",
	["2024-08-26"] = "Summer bank holiday",
	["2024-12-25"] = "Christmas Day",
	["2024-12-26"] = "Boxing Day",
	-- 2025
	["2025-01-01"] = "New Year's Day",
	["2025-04-18"] = "Good Friday",
	["2025-04-21"] = "Easter Monday",
	["2025-05-05"] = "Early May bank holiday",
	["2025-05-26"] = "Spring bank holiday",
	["2025-08-25"] = "Summer bank holiday",
	["2025-12-25"] = "Christmas Day",
	["2025-12-26"] = "Boxing Day",
	-- 2026
	["2026-01-01"] = "New Year's Day",
	["2026-04-03"] = "Good Friday",
	["2026-04-06"] = "Easter Monday",
	["2026-05-04"] = "Early May bank holiday",
	["2026-05-25"] = "Spring bank holiday",
	["2026-08-31"] = "Summer bank holiday",
	["2026-12-25"] = "Christmas Day",
	["2026-12-28"] = "Boxing Day",
	-- 2027
	["2027-01-01"] = "New Year's Day",
	["2027-03-26"] = "Good Friday",
	["2027-03-29"] = "Easter Monday",
	["2027-05-03"] = "Early May bank holiday",
	["2027-05-31"] = "Spring bank holiday",
	["2027-08-30"] = "Summer bank holiday",
	["2027-12-27"] = "Christmas Day",
	["2027-12-28"] = "Boxing Day",
	-- 2028
	["2028-01-03"] = "New Year's Day",
	["2028-04-14"] = "Good Friday",
	["2028-04-17"] = "Easter Monday",
	["2028-05-01"] = "Early May bank holiday",
	["2028-05-29"] = "Spring bank holiday",
	["2028-08-28"] = "Summer bank holiday",
	["2028-12-25"] = "Christmas Day",
	["2028-12-26"] = "Boxing Day",
	-- 2029
	["2029-01-01"] = "New Year's Day",
	["2029-03-30"] = "Good Friday",
	["2029-04-02"] = "Easter Monday",
	["2029-05-07"] = "Early May bank holiday",
	["2029-05-28"] = "Spring bank holiday",
	["2029-08-27"] = "Summer bank holiday",
	["2029-12-25"] = "Christmas Day",
	["2029-12-26"] = "Boxing Day",
	-- 2030
	["2030-01-01"] = "New Year's Day",
	["2030-04-19"] = "Good Friday",
	["2030-04-22"] = "Easter Monday",
	["2030-05-06"] = "Early May bank holiday",
	["2030-05-27"] = "Spring bank holiday",
	["2030-08-26"] = "Summer bank holiday",
	["2030-12-25"] = "Christmas Day",
	["2030-12-26"] = "Boxing Day",
}
dates.BANK_HOLIDAYS_FROM = 2010
dates.BANK_HOLIDAYS_TO = 2030

-- The ordinal suffix of a day of the month: "st", "nd", "rd" or "th".
function dates.suffix(day)
	if day % 10 == 1 and day ~= 11 then
		return "st"
	elseif day % 10 == 2 and day ~= 12 then
		return "nd"
	elseif day % 10 == 3 and day ~= 13 then
		return "rd"
	end
	return "th"
end

local function fail(msg, level)
	error(msg, (level or 2) + 1)
end

-- The ISO form of the text `d`, or nil and a message.
local function parse(d)
	local s = d:match("^%s*(.-)%s*$")
	if s:match("^%d%d%d%d%-%d%d%-%d%d$") then
		if pcall(clerk.days, s) then
			return s
		end
		return nil, "'" .. d .. "' is not a real date"
	end
	local day, month, year = s:match("^%a*,?%s*(%d%d?)%a*%s+(%a+)%.?,?%s+(%d%d%d%d)$")
	if day then
		local suffix = s:match("^%a*,?%s*%d%d?(%a*)")
		local m = MONTH_NUMBER[month:lower()]
		if m and (suffix == "" or suffix:lower() == dates.suffix(tonumber(day))) then
			local iso = string.format("%s-%02d-%02d", year, m, tonumber(day))
			if pcall(clerk.days, iso) then
				return iso
			end
		end
	end
	return nil, "'" .. d .. "' is not a date (write 2016-01-20 or 20 January 2016)"
end

-- What try_parse made of each text so far: the ISO form, or false with the
-- message in `unparsed`. A report's dates are read again and again, and a
-- date is the same date every time (clerk.days reads no clock).
local parsed, unparsed = {}, {}

-- The ISO form of `d`, or nil and a message.
function dates.try_parse(d)
	if type(d) ~= "string" then
		return nil, "expected a date, got " .. type(d)
	end
	local known = parsed[d]
	if known then
		return known
	elseif known == false then
		return nil, unparsed[d]
	end
	local iso, err = parse(d)
	parsed[d] = iso or false
	unparsed[d] = err
	return iso, err
end

-- The ISO form of `d`; raises an error naming the caller's line if `d` is
-- not a date.
function dates.parse(d)
	local iso, err = dates.try_parse(d)
	if not iso then
		fail(err)
	end
	return iso
end

local function days(d, level)
	local iso, err = dates.try_parse(d)
	if not iso then
		fail(err, (level or 1) + 1)
	end
	return clerk.days(iso)
end

local function parts(d)
	local iso = dates.parse(d)
	return tonumber(iso:sub(1, 4)), tonumber(iso:sub(6, 7)), tonumber(iso:sub(9, 10))
end

-- What a target date `d` was written as: "year" (2016 or "2016"),
-- "month" ("2016-03") or nil for anything else; with the year and month
-- as numbers.
local function partial(d)
	if math.type(d) == "integer" then
		d = string.format("%d", d)
	end
	if type(d) ~= "string" then
		return nil
	end
	local s = d:match("^%s*(.-)%s*$")
	local y = s:match("^(%d%d%d%d)$")
	if y then
		return "year", tonumber(y), 12
	end
	local y2, m = s:match("^(%d%d%d%d)%-(%d%d)$")
	if y2 then
		return "month", tonumber(y2), tonumber(m)
	end
	return nil
end

-- The day a target date `d` counts as, in ISO form, and what was written
-- ("day", "month" or "year"): a month is due by its last day
-- ("2016-03" is "2016-03-31"), a year by 31 December. Raises an error
-- naming the caller's line when `d` is none of these. What each `d` counts
-- as is kept, as try_parse keeps its dates.
local targets, target_kinds = {}, {}

function dates.target(d)
	-- 2016.0 finds the entry of 2016 but is no target: floats miss.
	local known = targets[d]
	if known and math.type(d) ~= "float" then
		return known, target_kinds[d]
	end
	local kind, y, m = partial(d)
	if not kind then
		local iso = dates.parse(d)
		targets[d], target_kinds[d] = iso, "day"
		return iso, "day"
	end
	if m < 1 or m > 12 then
		fail("'" .. tostring(d) .. "' is not a real month (there is no month " .. m .. ")")
	end
	for day = 31, 28, -1 do
		local iso = string.format("%04d-%02d-%02d", y, m, day)
		if pcall(clerk.days, iso) then
			targets[d], target_kinds[d] = iso, kind
			return iso, kind
		end
	end
	fail("'" .. tostring(d) .. "' is outside the years the calendar knows")
end

-- "Today": the report's as-of date (--as-of or the meeting date).
function dates.today()
	return clerk.as_of
end

local SHORT = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"}

-- `d` laid out by the theme's word `layout` ("{day} {month} {year}").
local function in_words(d, layout, default)
	local kind = partial(d)
	if kind then
		local iso = dates.target(d)
		local y, m = tonumber(iso:sub(1, 4)), tonumber(iso:sub(6, 7))
		if kind == "year" then
			return tostring(y)
		end
		local long = layout == "date_long"
		layout = long and "date_month_long" or "date_month_short"
		default = long and "{month} {year}" or "{month_short} {year}"
		d = iso
	end
	local y, m, day = parts(d)
	local fields = {day = day, year = y, month = WORDS["month_" .. m] or MONTHS[m],
		month_short = WORDS["month_short_" .. m] or SHORT[m]}
	return (tostring(WORDS[layout] or default):gsub("{([%w_]+)}", function(name)
		return fields[name] and tostring(fields[name])
	end))
end

-- "14 January 2020".
function dates.long(d)
	return in_words(d, "date_long", "{day} {month} {year}")
end

-- "14 Jan 2020", for tables ("Sept" for September).
function dates.short(d)
	return in_words(d, "date_short", "{day} {month_short} {year}")
end

-- "20th January 2016".
function dates.ordinal(d)
	local y, m, day = parts(d)
	return string.format("%d%s %s %d", day, dates.suffix(day), MONTHS[m], y)
end

-- "August 2019".
function dates.month_year(d)
	local y, m = parts(d)
	return MONTHS[m] .. " " .. y
end

-- "Wednesday".
function dates.weekday(d)
	return DAYS[clerk.weekday(days(d, 2))]
end

-- The date `n` days after `d` (before, if n is negative).
function dates.add_days(d, n)
	if math.type(n) ~= "integer" then
		fail("add_days needs a whole number of days")
	end
	return clerk.date(days(d, 2) + n)
end

-- Days from `a` to `b`: positive when b is later.
function dates.days_between(a, b)
	return days(b, 2) - days(a, 2)
end

-- -1, 0 or 1 as `a` is before, the same as or after `b`.
function dates.compare(a, b)
	local x, y = days(a, 2), days(b, 2)
	return x < y and -1 or (x > y and 1 or 0)
end

function dates.before(a, b)
	return days(a, 2) < days(b, 2)
end

-- The name of the bank holiday on `d`, or nil.
function dates.bank_holiday(d)
	return dates.BANK_HOLIDAYS[dates.parse(d)]
end

local function check_covered(iso)
	local y = tonumber(iso:sub(1, 4))
	if y < dates.BANK_HOLIDAYS_FROM or y > dates.BANK_HOLIDAYS_TO then
		fail("bank holidays are known for " .. dates.BANK_HOLIDAYS_FROM ..
			" to " .. dates.BANK_HOLIDAYS_TO .. " only, not " .. y, 3)
	end
end

-- True on Monday to Friday when it is not a bank holiday.
function dates.is_working_day(d)
	local iso = dates.parse(d)
	check_covered(iso)
	return clerk.weekday(iso) <= 5 and not dates.BANK_HOLIDAYS[iso]
end

-- The working day `n` working days after `d` (before, if negative); from
-- a Friday, add_working_days(d, 1) is the next Monday.
function dates.add_working_days(d, n)
	if math.type(n) ~= "integer" then
		fail("add_working_days needs a whole number of days")
	end
	local z = days(d, 2)
	local step = n < 0 and -1 or 1
	while n ~= 0 do
		z = z + step
		local iso = clerk.date(z)
		check_covered(iso)
		if clerk.weekday(z) <= 5 and not dates.BANK_HOLIDAYS[iso] then
			n = n - step
		end
	end
	return clerk.date(z)
end

-- Working days after `a` up to and including `b` (negative if b is
-- earlier). Clear working days between two dates are this minus one.
function dates.working_days_between(a, b)
	local x, y = days(a, 2), days(b, 2)
	local sign = 1
	if y < x then
		x, y, sign = y, x, -1
	end
	local n = 0
	for z = x + 1, y do
		local iso = clerk.date(z)
		check_covered(iso)
		if clerk.weekday(z) <= 5 and not dates.BANK_HOLIDAYS[iso] then
			n = n + 1
		end
	end
	return sign * n
end

-- Financial years

-- The financial year holding `d`, by its first year: 2019 for 2019/20.
function dates.financial_year_of(d)
	local y, m = parts(d)
	return m >= 4 and y or y - 1
end

local function fy_start(x)
	if math.type(x) == "integer" then
		return x
	end
	if type(x) ~= "string" then
		fail("expected a financial year or a date, got " .. type(x), 3)
	end
	local a, b = x:match("^%s*(%d%d%d%d)%s*[/%-]%s*(%d%d%d?%d?)%s*$")
	if not a then
		a, b = x:match("^%s*(%d%d)%s*[/%-]%s*(%d%d)%s*$")
		if a then
			a = "20" .. a
		end
	end
	if a then
		local start = tonumber(a)
		if tonumber(b) % 100 == (start + 1) % 100 then
			return start
		end
		fail("'" .. x .. "' is not a financial year (the years must follow each other)", 3)
	end
	local iso = dates.try_parse(x)
	if iso then
		return dates.financial_year_of(iso)
	end
	fail("'" .. x .. "' is not a financial year (write 2019/20 or 2019-20)", 3)
end

-- The financial year of `x` (a date, "2019/20", "2019-20", "19/20" or
-- 2019) written "2019/20", or "2019-20" with sep "-", or "19/20" with
-- style "short".
function dates.financial_year(x, sep, style)
	local start = fy_start(x)
	sep = sep or "/"
	if style == "short" then
		return string.format("%02d%s%02d", start % 100, sep, (start + 1) % 100)
	end
	return string.format("%d%s%02d", start, sep, (start + 1) % 100)
end

-- 1 April and 31 March of the financial year of `x`.
function dates.financial_year_start(x)
	return string.format("%d-04-01", fy_start(x))
end

function dates.financial_year_end(x)
	return string.format("%d-03-31", fy_start(x) + 1)
end

-- Quarters

-- Reads a quarter label ("Q3 2019/20", "Q3 11/12", "2019-20 Q3",
-- "Quarter 3 2019/20") or a date; returns the quarter (1-4) and the first
-- year of its financial year.
function dates.parse_quarter(x)
	if type(x) ~= "string" then
		fail("expected a quarter or a date, got " .. type(x))
	end
	local q, fy = x:match("^%s*[Qq]u?a?r?t?e?r?%s*([1-4])%s+o?f?%s*(.-)%s*$")
	if not q then
		fy, q = x:match("^%s*(.-)%s+[Qq]u?a?r?t?e?r?%s*([1-4])%s*$")
	end
	if q and (fy:match("^%d%d%d%d%s*[/%-]") or fy:match("^%d%d%s*[/%-]")) then
		return tonumber(q), fy_start(fy)
	end
	local iso = dates.try_parse(x)
	if not iso then
		fail("'" .. x .. "' is not a quarter (write Q3 2019/20 or 2019-20 Q3)")
	end
	local y, m = parts(iso)
	local start = m >= 4 and y or y - 1
	return (m - 4) % 12 // 3 + 1, start
end

local STYLES = {
	long = function(q, fy) return string.format("Q%d %d/%02d", q, fy, (fy + 1) % 100) end,
	short = function(q, fy) return string.format("Q%d %02d/%02d", q, fy % 100, (fy + 1) % 100) end,
	data = function(q, fy) return string.format("%d-%02d Q%d", fy, (fy + 1) % 100, q) end,
	words = function(q, fy) return string.format("Quarter %d of %d/%02d", q, fy, (fy + 1) % 100) end,
}

local function label(q, fy, style)
	local f = STYLES[style or "long"]
	if not f then
		fail("unknown quarter style '" .. tostring(style) .. "' (long, short, data or words)", 3)
	end
	return f(q, fy)
end

-- The quarter of `x` (a date or a quarter label) written in `style`:
-- "long" "Q3 2019/20" (the default), "short" "Q3 19/20", "data"
-- "2019-20 Q3" (the form progress updates use), "words" "Quarter 3 of
-- 2019/20".
function dates.quarter(x, style)
	local q, fy = dates.parse_quarter(x)
	return label(q, fy, style)
end

-- The quarter `n` quarters after `x` (before, if negative).
function dates.quarter_add(x, n, style)
	local q, fy = dates.parse_quarter(x)
	local i = fy * 4 + (q - 1) + n
	return label(i % 4 + 1, i // 4, style)
end

-- A number that orders quarters: later quarters give larger numbers.
function dates.quarter_index(x)
	local q, fy = dates.parse_quarter(x)
	return fy * 4 + q - 1
end

-- The first and last days of the quarter of `x`.
function dates.quarter_start(x)
	local q, fy = dates.parse_quarter(x)
	local m = (q - 1) * 3 + 4
	local y = fy
	if m > 12 then
		m, y = m - 12, y + 1
	end
	return string.format("%d-%02d-01", y, m)
end

function dates.quarter_end(x)
	return clerk.date(clerk.days(dates.quarter_start(dates.quarter_add(x, 1))) - 1)
end

-- "October to December 2011": the months the quarter of `x` covers.
function dates.quarter_months(x)
	local y1, m1 = parts(dates.quarter_start(x))
	local y2, m2 = parts(dates.quarter_end(x))
	return MONTHS[m1] .. " to " .. MONTHS[m2] .. " " .. y2
end

-- True when the date `d` falls in the quarter `x`.
function dates.in_quarter(d, x)
	local z = days(d, 2)
	return z >= clerk.days(dates.quarter_start(x)) and z <= clerk.days(dates.quarter_end(x))
end

return dates
