-- Every name a template looks up, returned as data and as a lambda, each
-- carrying a script-injection payload. Rendered, the page must show the
-- payloads as text: no lambda result and no hook value may become markup.
local names = [[
action_plan actions actions_count anchor appendices area as_of_long
audit_trail background_papers blocks body brand breakdown caption cells
change change_name chart cleared cleared_long comment compare_rows
computed consultations consultations_count contact contact_person
contents contents_count count css date definition done done_on
done_on_long done_on_short due due_long due_short email exempt
expansion figure_rows figure_rows_count file first framework from_long
glossary going_well going_well_count grade grade_name
has_progress_story has_story head head_count heading held_at history
history_count hl hl2 html id id_anchor inspection issue items
judgements judgements_count label lang lead_officer lead_owner level
marker measure meeting n name note now_text number overall overall_name
owner page_sections page_title paragraph percent_of_total_text phone
planned previous previous_name printed priorities progress_quarters
public_interest published_long reason report role rows sections sent
sent_long sentence status status_name status_rows sub subsections
summary table term text theme title to_address to_address_count to_long
total_text trend unit updates updates_count url url_href value version
was_text
]]

local function payload(name)
	return "<script>window.__pwned='" .. name .. "'</script>" ..
		"<img src=x onerror=\"window.__pwned='" .. name .. "'\">" ..
		"\"><b onmouseover=window.__pwned=1>" .. name .. "</b>"
end

-- A `subsections` lambda is left out: a section's partial includes itself
-- inside {{#subsections}}, so the lambda, found from every subsection that
-- has none, nests the partial until clerk stops it (a loud error, not an
-- injection, but no page to check).
local data, lambdas = {}, {}
for name in names:gmatch("%S+") do
	data[name] = payload(name)
	if name ~= "subsections" then lambdas[name] = function(text)
		-- A section's text comes back with markup around it, and a
		-- variable lambda (no text) returns markup of its own.
		return payload(name) .. (text or "") .. "</p><script>window.__pwned=2</script>"
	end end
end
data.nested = {body = payload("nested.body"), html = payload("nested.html")}
data.lambdas = lambdas
return data
