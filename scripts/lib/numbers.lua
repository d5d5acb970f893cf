-- numbers: money, percentages, rates per 10,000 and ordinals, written the
-- way committee papers write them.
local numbers = {}

local function check(n, what)
	if type(n) ~= "number" then
		error((what or "expected a number") .. ", got " .. type(n), 3)
	end
	if n ~= n or n == math.huge or n == -math.huge then
		error("expected a finite number", 3)
	end
	return n
end

-- `n` rounded to `places` decimal places (default 0), halves away from
-- zero. Whole results are integers.
function numbers.round(n, places)
	check(n)
	local f = 10 ^ (places or 0)
	local r = n >= 0 and math.floor(n * f + 0.5) / f or -math.floor(-n * f + 0.5) / f
	if (places or 0) == 0 then
		return math.tointeger(r) or r
	end
	return r
end

-- "12,345" (and "12,345.6" with places = 1).
function numbers.commas(n, places)
	check(n)
	local text = string.format("%." .. (places or 0) .. "f", numbers.round(n, places or 0))
	local sign, int, frac = text:match("^(-?)(%d+)(.*)$")
	int = int:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
	if sign == "-" and not (int:match("^[0,]*$") and not frac:match("[1-9]")) then
		return "-" .. int .. frac
	end
	return int .. frac
end

local function trim(text)
	if text:find("%.") then
		text = text:gsub("0+$", ""):gsub("%.$", "")
	end
	return text
end

-- Money in pounds: money(800000) is "£800,000", money(1234.5) "£1,234.50".
-- With style "short", millions and billions shorten: "£5m", "£1.2m",
-- "£2.5bn"; smaller sums print in full.
function numbers.money(n, style)
	check(n)
	local sign = n < 0 and "-" or ""
	n = math.abs(n)
	if style == "short" then
		if n >= 1e9 then
			return sign .. "£" .. trim(string.format("%.1f", numbers.round(n / 1e9, 1))) .. "bn"
		elseif n >= 1e6 then
			return sign .. "£" .. trim(string.format("%.1f", numbers.round(n / 1e6, 1))) .. "m"
		end
	elseif style ~= nil then
		error("unknown money style '" .. tostring(style) .. "' (use \"short\" or none)", 2)
	end
	local pence = numbers.round(n * 100) % 100
	return sign .. "£" .. numbers.commas(n, pence ~= 0 and 2 or 0)
end

-- "45%" from a percentage (45.2 with places 0), "45.2%" with places 1.
function numbers.percent(p, places)
	check(p)
	return trim(string.format("%." .. (places or 0) .. "f", numbers.round(p, places or 0))) .. "%"
end

-- What percentage `part` is of `whole`, as a number (0 when whole is 0).
function numbers.percent_of(part, whole)
	check(part)
	check(whole)
	if whole == 0 then
		return 0
	end
	return part * 100 / whole
end

-- The rate per 10,000: rate_per_10k(449, 65000) is about 69.1.
function numbers.rate_per_10k(count, population)
	check(count)
	check(population)
	if population <= 0 then
		error("the population must be more than 0", 2)
	end
	return count * 10000 / population
end

-- "above", "below" or "in line with": a local rate against the national
-- one, compared after rounding both to `places` (default 0), as printed.
function numbers.compare_rate(rate, national, places)
	local a, b = numbers.round(check(rate), places or 0), numbers.round(check(national), places or 0)
	if a > b then
		return "above"
	elseif a < b then
		return "below"
	end
	return "in line with"
end

-- "69 per 10,000, above the national rate of 65".
function numbers.rate_sentence(rate, national, places)
	local p = places or 0
	return string.format("%s per 10,000, %s the national rate of %s",
		numbers.commas(rate, p), numbers.compare_rate(rate, national, p), numbers.commas(national, p))
end

-- "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "112th".
function numbers.ordinal(n)
	if math.type(n) ~= "integer" then
		if type(n) == "number" and n == math.floor(n) then
			n = math.tointeger(n)
		else
			error("ordinal needs a whole number", 2)
		end
	end
	local last2, last = math.abs(n) % 100, math.abs(n) % 10
	local suffix = "th"
	if last2 < 11 or last2 > 13 then
		suffix = ({"st", "nd", "rd"})[last] or "th"
	end
	return n .. suffix
end

return numbers
