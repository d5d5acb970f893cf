-- text: plurals, lists and capitals for sentences in reports.
local text = {}

-- The word for `n` things: noun(1, "action") is "action", noun(3,
-- "action") "actions"; give the plural when it is not the word plus "s":
-- noun(2, "priority", "priorities").
function text.noun(n, singular, plural)
	if type(n) ~= "number" then
		error("expected a number, got " .. type(n), 2)
	end
	if n == 1 then
		return singular
	end
	return plural or singular .. "s"
end

-- The number and the word: plural(3, "action") is "3 actions",
-- plural(1, "action") "1 action", plural(0, "action") "0 actions".
function text.plural(n, singular, plural)
	return tostring(n) .. " " .. text.noun(n, singular, plural)
end

-- "A, B and C" ("A and B", "A", "" for none); `conjunction` may be "or".
-- No comma before the conjunction, as in GOV.UK style.
function text.list(items, conjunction)
	local words = {}
	for i, item in ipairs(items or {}) do
		words[i] = tostring(item)
	end
	conjunction = conjunction or "and"
	local n = #words
	if n == 0 then
		return ""
	elseif n == 1 then
		return words[1]
	end
	return table.concat(words, ", ", 1, n - 1) .. " " .. conjunction .. " " .. words[n]
end

-- The first letter in capitals: "Requires improvement".
function text.capitalise(s)
	return (tostring(s):gsub("^%l", string.upper))
end

-- `template` with each {name} replaced by fields[name]: fill("due {date}",
-- {date = "14 Jan 2020"}) is "due 14 Jan 2020". A field not given stays as
-- written. For the theme's words (clerk.words), which lay sentences out.
function text.fill(template, fields)
	return (tostring(template):gsub("{([%w_]+)}", function(name)
		local v = fields[name]
		if v ~= nil then
			return tostring(v)
		end
	end))
end

-- Collects one field of each item: pluck(actions, "id").
function text.pluck(items, field)
	local out = {}
	for _, item in ipairs(items or {}) do
		out[#out + 1] = item[field]
	end
	return out
end

return text
