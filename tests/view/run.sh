#!/bin/sh
# What templates see: `clerk data --view` prints every report's view as
# JSON, every field of it is documented (fields.py), and `clerk template`
# renders a template against a report's view, as the README shows.
CLERK=${CLERK:-./clerk}
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; }

for f in content/*/*.yaml; do
	if "$CLERK" data --view "$f" >"$tmp/view.json" 2>/dev/null &&
		$PY -c 'import json,sys; v=json.load(open(sys.argv[1]));
assert all(k in v for k in ("page_sections","words","brand","computed","css"))' \
			"$tmp/view.json" 2>"$tmp/err"; then
		ok "clerk data --view $f is JSON with the derived fields"
	else
		fail "clerk data --view $f: $(cat "$tmp/err")"
	fi
done

# A hook lambda shows as "lambda", and the raw data has none of the view.
f=content/lewisham/progress-2020-21-q1.yaml
"$CLERK" data --view "$f" >"$tmp/view.json" 2>/dev/null
if $PY -c 'import json,sys; v=json.load(open(sys.argv[1]))
assert v["date_long"] == "lambda", v.get("date_long")
assert v["meeting"]["date_long"] == "15\u00a0July\u00a02020"' "$tmp/view.json"; then
	ok "the view shows lambdas by name and dates' twins"
else
	fail "the view's lambdas or date twins are wrong"
fi
"$CLERK" data "$f" >"$tmp/data.json" 2>/dev/null
if $PY -c 'import json,sys; v=json.load(open(sys.argv[1]))
assert "computed" in v and "page_sections" not in v' "$tmp/data.json"; then
	ok "clerk data without --view prints the data and computed only"
else
	fail "clerk data without --view printed the view"
fi

# The README's example prints the judgements table.
"$CLERK" template templates/default/judgements.mustache \
	content/lewisham/post-ofsted-2020-01.yaml --partials templates/default \
	>"$tmp/out.html" 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ] && grep -q '<table class="judgements">' "$tmp/out.html" &&
	grep -q 'Requires improvement</span>' "$tmp/out.html"; then
	ok "clerk template renders judgements.mustache against the view"
else
	fail "clerk template judgements.mustache: status $status, no table"
fi
# Without --partials, the theme's folders are searched after the
# template's own.
printf '{{> judgements}}' >"$tmp/one.mustache"
if "$CLERK" template "$tmp/one.mustache" \
	content/lewisham/post-ofsted-2020-01.yaml 2>/dev/null |
	grep -q '<table class="judgements">'; then
	ok "clerk template finds the theme's partials for a report"
else
	fail "clerk template did not find the theme's partials"
fi
# --raw renders the YAML as written: the twins are absent.
printf '[{{meeting.date_long}}][{{meeting.date}}]' >"$tmp/raw.mustache"
out=$("$CLERK" template --raw "$tmp/raw.mustache" "$f" 2>/dev/null)
if [ "$out" = "[][2020-07-15]" ]; then
	ok "clerk template --raw renders the data as written"
else
	fail "clerk template --raw printed '$out'"
fi
out=$("$CLERK" template "$tmp/raw.mustache" "$f" 2>/dev/null)
if [ "$out" = "[15$(printf '\302\240')July$(printf '\302\240')2020][2020-07-15]" ]; then
	ok "clerk template renders a report's view"
else
	fail "clerk template printed '$out'"
fi

# A figure that starts a line of prose stays a sentence: "12. Each ..."
# is not read as item 12 of a numbered list.
cp -r tests/errors/base "$tmp/base"
sed -e 's/By the end of June {{computed.plan.dne}} actions were complete./{{computed.plan.done}}. That is how many actions were complete./' \
	tests/errors/prose-unknown-name.yaml >"$tmp/lead.yaml"
if "$CLERK" -q render "$tmp/lead.yaml" --format html -o "$tmp/lead" 2>"$tmp/err" &&
	grep -q '</span> [0-9][0-9]*\. That is how many actions were complete.</p>' "$tmp/lead/lead.html" &&
	! grep -q '<ol start=' "$tmp/lead/lead.html"; then
	ok "a figure at the start of a line of prose is not a list number"
else
	fail "a figure at the start of a line made a list: $(cat "$tmp/err")"
fi

# So does one that starts a list item's text or a quote's: "- 12. Each"
# is an item that reads "12. Each", not a list inside the item.
for lead in '- ' '> ' '1. '; do
	sed -e "s/By the end of June {{computed.plan.dne}} actions were complete./$lead{{computed.plan.done}}. That is how many actions were complete./" \
		tests/errors/prose-unknown-name.yaml >"$tmp/lead.yaml"
	rm -rf "$tmp/lead"
	if "$CLERK" -q render "$tmp/lead.yaml" --format html -o "$tmp/lead" 2>"$tmp/err" &&
		grep -q '[0-9][0-9]*\. That is how many actions were complete.' "$tmp/lead/lead.html" &&
		! grep -q '<ol start=' "$tmp/lead/lead.html"; then
		ok "a figure after '$lead' in prose is not a list number"
	else
		fail "a figure after '$lead' made a list: $(cat "$tmp/err")"
	fi
done

# Every field of every view is documented.
$PY tests/view/fields.py "$CLERK" content/*/*.yaml >"$tmp/fields" 2>&1
grep -E '^(not )?ok ' "$tmp/fields" | while read -r line; do
	case $line in
	"not ok "*) echo "not ok - ${line#not ok * - }" ;;
	*) echo "ok - ${line#ok * - }" ;;
	esac
done
grep -vE '^(not )?ok |^1\.\.' "$tmp/fields"
echo "1..$((n + $(grep -cE '^(not )?ok ' "$tmp/fields")))"
