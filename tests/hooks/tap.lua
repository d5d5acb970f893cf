-- tap: a small test helper for the hook library's tests. A test file
-- calls tap.eq / tap.ok / tap.fails and ends with `return tap.done()`;
-- hookrun --tap prints the lines.
local tap = {}
local lines = {}
local count = 0
local prefix = clerk.hook .. ": "

local function show(v, depth)
	depth = depth or 0
	if type(v) == "string" then
		return string.format("%q", v)
	elseif type(v) ~= "table" or depth > 4 then
		return tostring(v)
	end
	local keys = {}
	for k in pairs(v) do
		keys[#keys + 1] = k
	end
	table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
	local parts = {}
	for _, k in ipairs(keys) do
		parts[#parts + 1] = tostring(k) .. "=" .. show(v[k], depth + 1)
	end
	return "{" .. table.concat(parts, ", ") .. "}"
end

local function same(a, b)
	if type(a) ~= "table" or type(b) ~= "table" then
		return a == b
	end
	for k, v in pairs(a) do
		if not same(v, b[k]) then
			return false
		end
	end
	for k in pairs(b) do
		if a[k] == nil then
			return false
		end
	end
	return true
end

local function record(pass, name, detail)
	count = count + 1
	if pass then
		lines[#lines + 1] = "ok " .. count .. " - " .. prefix .. name
	else
		lines[#lines + 1] = "not ok " .. count .. " - " .. prefix .. name
		lines[#lines + 1] = "# " .. detail
	end
end

function tap.eq(got, want, name)
	record(same(got, want), name, "got " .. show(got) .. ", want " .. show(want))
end

function tap.ok(cond, name)
	record(cond, name, "got " .. show(cond))
end

-- `fn` must raise an error whose message contains `needle`.
function tap.fails(fn, needle, name)
	local ok, err = pcall(fn)
	record(not ok and tostring(err):find(needle, 1, true) ~= nil, name,
		ok and "no error" or ("error " .. show(err)))
end

function tap.done()
	return {tap = lines}
end

return tap
