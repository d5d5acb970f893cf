#!/bin/sh
# The council themes and the quarterly cycle, checked the way a reader
# checks a paper: the figures of the three Lewisham progress reports
# against those worked out by hand from the plan and its quarterly files,
# and each council's page against the marks of its house style.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() {
	n=$((n + 1))
	if [ "$2" = 0 ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}
# has FILE TEXT NAME: the file holds the text.
has() {
	grep -qF -- "$2" "$1"
	ok "$3" $?
}

dir=content/lewisham
# figures FILE: one line of the figures the progress page prints.
figures() {
	"$CLERK" data "$dir/$1" 2>/dev/null | tr -d '\n' >"$tmp/$1.json"
}
for q in progress-2019-20-q3 progress-2019-20-q4 progress-2020-21-q1; do
	figures "$q.yaml"
done
j="$tmp/progress-2019-20-q3.yaml.json"
has "$j" '"total": 67' "Q3: 67 actions in the plan"
has "$j" '"done": 31' "Q3: 31 complete (9 at the start, 22 this quarter)"
has "$j" '"percent_complete_text": "46%"' "Q3: 46% complete"
has "$j" '"newly_complete_count": 22' "Q3: 22 newly complete"
has "$j" '"slipped_count": 3' "Q3: 3 slipped (P3.4, P7.2 by status, P9.4 by date)"
has "$j" '"newly_overdue_count": 1' "Q3: 1 newly overdue (P7.2)"
has "$j" '"overdue_count": 1' "Q3: 1 overdue at 22 January 2020"
has "$j" '"due_next_quarter_count": 11' "Q3: 11 due in Q4 2019/20"
has "$j" '"unanswered_count": 1' "Q3: R2 unanswered"
j="$tmp/progress-2019-20-q4.yaml.json"
has "$j" '"total": 68' "Q4: 68 actions, P4.6 added"
has "$j" '"done": 39' "Q4: 39 complete"
has "$j" '"percent_complete_text": "57%"' "Q4: 57% complete"
has "$j" '"newly_added_count": 1' "Q4: 1 added"
has "$j" '"slipped_count": 2' "Q4: 2 slipped (P5.1, P8.8)"
has "$j" '"newly_overdue_count": 3' "Q4: 3 newly overdue (P3.4, P8.8, P11.5)"
has "$j" '"due_next_quarter_count": 5' "Q4: 5 due in Q1 2020/21"
has "$j" '"unanswered_count": 0' "Q4: every recommendation answered"
j="$tmp/progress-2020-21-q1.yaml.json"
has "$j" '"total": 69' "Q1: 69 actions, P12.3 added"
has "$j" '"done": 44' "Q1: 44 complete"
has "$j" '"percent_complete_text": "65%"' "Q1: 65% complete (44 of 68 not cancelled)"
has "$j" '"newly_overdue_count": 1' "Q1: 1 newly overdue (P6.5)"
has "$j" '"overdue_count": 2' "Q1: 2 overdue at 15 July 2020 (P6.5, P8.8)"
has "$j" '"due_next_quarter_count": 3' "Q1: 3 due in Q2 2020/21"

# The pages.
"$CLERK" -q render -o "$tmp" content/lewisham/*.yaml content/medway/*.yaml \
	content/northbridge/*.yaml content/kestrelford/*.yaml 2>"$tmp/err"
ok "every council's reports render" $?
p="$tmp/progress-2020-21-q1.html"
has "$p" '<figure class="chart">' "the progress report draws its chart"
has "$p" '<th scope="row">Q1 2020/21</th><td>10</td><td>12</td><td>1</td><td>1</td><td>44</td><td>1</td>' \
	"the chart's data table holds the counts by status at Q1"
has "$p" 'What changed since Q4 2019/20' "the progress report says what changed"
p="$tmp/ofsted-inspection-2016-03.html"
has "$p" 'Reason for lateness and urgency' "Lewisham: the lateness section"
has "$p" '<dt>Key decision:</dt>' "Lewisham: the bold-label header"
has "$p" 'due to Ofsted by 30 March 2016, 70 days after' "Lewisham: the plan's due date from the hook"
has "$p" 'Authorities by grade under this framework: 68 in all.' "Lewisham: the total from the series hook"
has "$p" '<span class="pn">4.1.1</span>' "Lewisham: hierarchical paragraphs"
p="$tmp/lac-ofsted-update-2013-12.html"
has "$p" '<p class="mdw-committee">CABINET</p>' "Medway: the meeting in capitals"
has "$p" '<th scope="row">Portfolio Holder</th>' "Medway: the people table"
has "$p" 'Financial and legal implications' "Medway: financial and legal together"
has "$p" '<span class="pn">7.1</span>' "Medway: the recommendation as paragraph 7.1"
has "$p" 'Looked after children fell by 75, from 449 in Q3 11/12 to 374 in Q3 13/14.' \
	"Medway: the trend from the series hook"
has "$p" '<p>T: 01634 331215</p>' "Medway: the lead officer contact"
p="$tmp/focused-visit-2021-06.html"
has "$p" '<span class="nbc-item-number">9</span>' "Northbridge: the item number panel"
has "$p" '<span class="marker">a.</span>' "Northbridge: recommendations marked a., b."
has "$p" '<span class="pn">5</span>' "Northbridge: flat paragraph numbers"
p="$tmp/lac-inspection-update-2021-10.html"
has "$p" '<p class="committee kbc-to">Report to Cabinet</p>' "Kestrelford: the cover band"
has "$p" '<li><span class="kbc-label">Status</span> Part 1 (open); Not a key decision</li>' \
	"Kestrelford: the key facts strip"
[ "$(grep -o 'class="marker">[^<]*<\|class="pn">[^<]*<' "$p" |
	sed 's/.*>\(.*\)</\1/' | tr '\n' ' ')" = "$(seq -s '. ' 1 20). " ]
ok "Kestrelford: one run, recommendations 3. to 5. among paragraphs 1. to 20." $?
has "$p" 'Since the inspection 5 of' "Kestrelford: the figures in prose (5 of 13 done)"
has "$p" '(38%). The table below' "Kestrelford: the percentage in prose"
has "$p" 'due date is 1: initial health' "Kestrelford: the overdue count in prose (P3.2)"
# The plan sits between the section's first and second paragraphs.
a=$(grep -n 'id="para-9"' "$p" | cut -d: -f1)
b=$(grep -n 'id="priority-P1"' "$p" | cut -d: -f1)
c=$(grep -n 'id="para-10"' "$p" | cut -d: -f1)
[ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ "$a" -lt "$b" ] && [ "$b" -lt "$c" ]
ok "Kestrelford: the plan is placed after the section's first paragraph" $?
has "$p" "<td><time datetime=\"2021-07\">July$(printf '\302\240')2021</time></td>" \
	"Kestrelford: an action due in a month prints the month in full"
has "$p" '<span class="badge status-done">Completed</span>' "Kestrelford: its word for done"
# One heading over three implications, each keeping its own below it;
# the contents list the group once and its sections not at all.
a=$(grep -n '<h2 id="s-implications-h">Implications</h2>' "$p" | cut -d: -f1)
b=$(grep -n '<h3 id="s-implications-financial-h">Financial</h3>' "$p" | cut -d: -f1)
c=$(grep -n '<h3 id="s-implications-equalities-h">Equalities</h3>' "$p" | cut -d: -f1)
[ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ "$a" -lt "$b" ] && [ "$b" -lt "$c" ] &&
	[ "$(grep -c 'href="#s-implications"' "$p")" = 1 ] && ! grep -q 'href="#s-implications-financial"' "$p"
ok "Kestrelford: the implications grouped under one heading, listed once in the contents" $?
has "$p" 'For more about this report, contact <strong>Hannah Corrie</strong>' \
	"Kestrelford: the contact sentence"
pdftotext "$tmp/lac-inspection-update-2021-10.pdf" "$tmp/kbc.txt" 2>/dev/null
grep -q '^3\. Note the progress' "$tmp/kbc.txt" && grep -q '^20\. ' "$tmp/kbc.txt" &&
	grep -qx 'July 2021' "$tmp/kbc.txt"
ok "Kestrelford: the PDF prints the same run and the month" $?
p="$tmp/post-ofsted-2020-01.html"
has "$p" "<td><time datetime=\"2019-09-30\">30$(printf '\302\240')Sept$(printf '\302\240')2019</time></td>" \
	"action tables give dates short, joined by no-break spaces, with the date for machines"
has "$p" 'Answers the inspection&#39;s recommendation R1.' \
	"one recommendation answered is a recommendation, not recommendations"
p="$tmp/focused-visit-2021-06.html"
[ -s "$p" ] && ! grep -qF 'Lead: .' "$p"
ok "a priority without an owner has no empty lead" $?
# On paper a status badge and a table's date are never cut across lines:
# pdftotext gives each table cell's lines apart, so a cut shows as a
# line holding "On" or "31 Dec" alone.
bad=""
for pdf in "$tmp"/*.pdf; do
	pdftotext "$pdf" "$tmp/text" 2>/dev/null
	grep -Eqx 'On|Not|At|Off|[0-9]{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Oct|Nov|Dec)' \
		"$tmp/text" && bad="$bad $(basename "$pdf")"
done
[ -z "$bad" ]
ok "badges and dates in tables are never cut across lines${bad:+:$bad}" $?
# A council renames vocabulary entries in its brand.yaml: every badge,
# table and chart of its paper prints the new name, on the page and on
# paper alike. A copy of clerk beside a templates/ folder of its own
# finds its themes there.
v="$tmp/vocab"
mkdir -p "$v/templates/renamed" "$v/out"
cp "$CLERK" "$v/clerk"
ln -s "$(pwd)/templates/default" "$v/templates/default"
ln -s "$(pwd)/scripts" "$v/scripts"
cat >"$v/templates/renamed/brand.yaml" <<'YAML'
council: {name: Renamed Council}
vocabulary:
  statuses: {done: Complete}
  classes: {"Part 1": Part I}
words:
  key_decision_no: Not a key decision
  month_1: Ionawr
  progress_agreed: Cynllun
  progress_chart_title: Camau yn ôl statws
YAML
"$v/clerk" -q render "$dir/progress-2019-20-q3.yaml" --council renamed -o "$v/out" 2>"$v/err"
ok "a council that renames a status renders" $?
p="$v/out/progress-2019-20-q3.html"
has "$p" '<span class="badge status-done">Complete</span>' "a renamed status: its badges print the new name"
has "$p" 'font-size="12">Complete ' "a renamed status: the progress chart's legend prints the new name"
has "$p" '<th scope="col">Complete (actions)</th>' "a renamed status: the chart's table prints the new name"
! grep -qF 'status-done">Done<' "$p" && ! grep -qF '>Done</text>' "$p"
ok "a renamed status: the old name is printed nowhere" $?
has "$p" '<td>Part I</td>' "a renamed meeting class: the header block prints it"
has "$p" '<td>Not a key decision</td>' "the council's words: the header block prints them"
has "$p" '22 Ionawr 2020' "the council's month names: its dates print them"
[ "$(grep -o '>Cynllun<' "$p" | wc -l)" -ge 2 ] && ! grep -qF 'Plan agreed' "$p"
ok "the council's words: the progress hook's trend is labelled in them" $?
has "$p" 'Camau yn ôl statws' "the council's words: the progress chart's title"
pdftotext "$v/out/progress-2019-20-q3.pdf" "$v/text" 2>/dev/null
# 31 done actions, twice (plan and this quarter's table), the count by
# status and the chart's legend; "Done" alone is the date column's header.
[ "$(grep -c 'Complete' "$v/text")" -ge 50 ]
ok "a renamed status: the PDF's badges and chart print the new name" $?
cat >"$v/templates/renamed/brand.yaml" <<'YAML'
council: {name: Renamed Council}
vocabulary:
  statuses:
    finished: Complete
YAML
"$v/clerk" render "$dir/progress-2019-20-q3.yaml" --council renamed -o "$v/out" 2>"$v/err"
[ $? = 1 ] && grep -q 'templates/renamed/brand.yaml:4:5: error: vocabulary.statuses.finished: unknown key; expected one of not_started, on_track, at_risk, off_track, done, cancelled' "$v/err"
ok "renaming a status that does not exist is an error at its place" $?
# A council that numbers every paragraph of its paper in one run with a
# full stop, recommendations included: Northbridge's paper in a copy of
# its theme with `paragraphs: continuous` and `format: "{n}."`.
cp -R templates/northbridge "$v/templates/onerun"
sed 's/^  paragraphs: flat$/  paragraphs: continuous\n  format: "{n}."/' \
	templates/northbridge/brand.yaml >"$v/templates/onerun/brand.yaml"
"$v/clerk" -q render content/northbridge/focused-visit-2021-06.yaml \
	--council onerun -o "$v/onerun" 2>"$v/err"
ok "a council numbering in one run renders" $?
p="$v/onerun/focused-visit-2021-06.html"
[ "$(grep -o 'class="marker">[^<]*<\|class="pn">[^<]*<' "$p" |
	sed 's/.*>\(.*\)</\1/' | tr '\n' ' ')" = "1. 2. 3. 4. 5. 6. 7. 8. 9. 10. 11. " ]
ok "one run: recommendations 1. and 2., then paragraphs 3. to 11." $?
has "$p" '<p id="para-3"><span class="pn">3.</span>' "one run: the paragraph's id is its plain number"
pdftotext "$v/onerun/focused-visit-2021-06.pdf" "$v/text" 2>/dev/null
grep -q '^1\. ' "$v/text" && grep -q '^11\. ' "$v/text"
ok "one run: the PDF prints the same numbers" $?
# A council that prints its implications as one section, "Implications",
# with each implication under it: a group (brand.yaml `group:`) in a copy
# of the default theme, on Lewisham's paper, which has financial, legal
# and equalities implications but no risk ones.
mkdir -p "$v/templates/grouped"
cat >"$v/templates/grouped/brand.yaml" <<'YAML'
council: {name: Grouped Council}
sections:
  implications:
    heading: Implications
    group: [implications.financial, implications.legal, implications.equalities, implications.risk]
order: [summary, recommendations, narrative, implications, background_papers, contact]
YAML
"$v/clerk" -q render "$dir/post-ofsted-2020-01.yaml" --council grouped -o "$v/grouped" 2>"$v/err"
ok "a council that groups its implications renders" $?
p="$v/grouped/post-ofsted-2020-01.html"
has "$p" '<h2 id="s-implications-h"><span class="hn">6.</span> Implications</h2>' \
	"a group: one numbered h2 where order lists it"
[ "$(grep -o '<h[23] id="s-implications[^"]*-h"><span class="hn">[^<]*' "$p" |
	sed 's/.*"hn">//' | tr '\n' ' ')" = "6. 6.1 6.2 6.3 " ]
ok "a group: each implication with data an h3 subsection, 6.1 to 6.3, in the group's order" $?
has "$p" '<h3 id="s-implications-legal-h"><span class="hn">6.2</span> Legal implications</h3>' \
	"a group: the legal implications are 6.2"
has "$p" '<span class="pn">6.1.2</span>' "a group: a subsection's paragraphs are 6.1.1, 6.1.2"
! grep -q 's-implications-risk' "$p"
ok "a group: a section without data is left out" $?
has "$p" '<li><a href="#s-implications">6. Implications</a></li>' "a group: the contents list the group"
! grep -q '<li><a href="#s-implications-financial">' "$p"
ok "a group: the contents do not list the sections it holds" $?
has "$p" '<span class="hn">7.</span> Background papers' "a group: the next section is 7."
# The tagged PDF nests them the same way: H2, then an H3 for each.
pdfinfo -struct-text "$v/grouped/post-ofsted-2020-01.pdf" 2>/dev/null |
	awk '/^ *H[1-6] /{h=$1; getline; sub(/^ */, ""); print h, $0}' >"$v/tags"
grep -A4 '^H2 "6. Implications"$' "$v/tags" | tr '\n' '|' >"$v/seq"
[ "$(cat "$v/seq")" = 'H2 "6. Implications"|H3 "6.1 Financial implications"|H3 "6.2 Legal implications"|H3 "6.3 Equalities implications"|H2 "7. Background papers"|' ]
ok "a group: the tagged PDF has the group's H2 and an H3 for each section under it" $?
# headings: drop: no heading of their own, paragraphs 6.1 to 6.6 straight through.
sed 's/^    group: \(.*\)$/    group: \1\n    headings: drop/' \
	"$v/templates/grouped/brand.yaml" >"$v/brand" && mv "$v/brand" "$v/templates/grouped/brand.yaml"
"$v/clerk" -q render "$dir/post-ofsted-2020-01.yaml" --council grouped -o "$v/dropped" 2>"$v/err"
ok "a group that drops its sections' headings renders" $?
p="$v/dropped/post-ofsted-2020-01.html"
! grep -q '<h3 id="s-implications' "$p"
ok "headings: drop: the sections print no headings" $?
[ "$(sed -n '/<section id="s-implications"/,/<section id="s-background-papers"/p' "$p" |
	grep -o 'class="pn">[^<]*' | sed 's/.*>//' | tr '\n' ' ')" = "6.1 6.2 6.3 6.4 6.5 6.6 " ]
ok "headings: drop: the paragraphs run 6.1 to 6.6 straight through" $?
pdftotext "$v/dropped/post-ofsted-2020-01.pdf" "$v/text" 2>/dev/null
grep -q '^6\.6 ' "$v/text" && ! grep -q 'Legal implications' "$v/text"
ok "headings: drop: the PDF prints the same numbers and no section headings" $?
# Both pages in Chromium: axe-core (WCAG 2.2 A and AA) and html-validate.
chromium=${CHROMIUM:-/usr/bin/chromium}
modules=tests/browser/node_modules
if [ ! -x "$chromium" ] || ! command -v node >/dev/null 2>&1 ||
	[ ! -d "$modules/playwright-core" ] || [ ! -d "$modules/axe-core" ] ||
	[ ! -d "$modules/html-validate" ]; then
	echo "# SKIP the grouped pages in Chromium: no Chromium, Node.js or npm packages"
else
	CHROMIUM=$chromium node tests/browser/check.mjs "$v/grouped/post-ofsted-2020-01.html" \
		"$v/dropped/post-ofsted-2020-01.html" >"$v/chk" 2>&1
	ok "a group, kept and dropped headings: axe-core and html-validate pass in Chromium" $?
	grep '^not ok' "$v/chk" | sed 's/^/# /'
fi
# A section in a group may still be mandatory; listed in order as well,
# it is an error at its place.
cat >"$v/templates/grouped/brand.yaml" <<'YAML'
council: {name: Grouped Council}
sections:
  implications.risk: {heading: Risk implications, mandatory: true}
  implications:
    heading: Implications
    group: [implications.financial, implications.risk]
order: [summary, implications]
YAML
"$v/clerk" render "$dir/post-ofsted-2020-01.yaml" --council grouped -o "$v/mandatory" 2>"$v/err"
[ $? = 1 ] && grep -q 'error: implications.risk: missing; the grouped theme requires the section "Risk implications"' "$v/err" &&
	[ ! -e "$v/mandatory/post-ofsted-2020-01.html" ]
ok "a mandatory section in a group is required of the report" $?
cat >"$v/templates/grouped/brand.yaml" <<'YAML'
council: {name: Grouped Council}
sections:
  implications:
    heading: Implications
    group: [implications.financial, implications.legal]
order: [summary, implications.legal, implications]
YAML
"$v/clerk" render "$dir/post-ofsted-2020-01.yaml" --council grouped -o "$v/twice" 2>"$v/err"
[ $? = 1 ] && grep -qF "$v/templates/grouped/brand.yaml:6:18: error: order[1]: \"implications.legal\" is printed by the group \"implications\" ($v/templates/grouped/brand.yaml:3); list the group in \`order\`, not the sections it holds" "$v/err"
ok "a section both in a group and in order is an error at its place" $?
# Blocks placed on their own in a narrative section ({block: NAME, after:
# N}): in the default theme each after its paragraph, the numbers running
# on; in a council whose narrative-section.mustache was written before
# `flow` (printing body, blocks, body_after), everything once, the blocks
# together after the first place.
cp -R tests/errors/base "$v/base"
cat >"$v/placed.yaml" <<'YAML'
clerk: 1
extends: base/quarterly-q4.yaml
meeting: {date: 2020-07-15}
report: {title: Improvement plan progress to June 2020}
sections:
  - title: Plan
    body: "The plan has two priorities.\n\nProgress is reported each quarter.\n\nThe committee notes it."
    show:
      - progress
      - {block: priorities, after: 1}
progress:
  2020-21 Q1:
    as_of: 2020-06-30
    summary: Work went on.
    updates:
      P1.2: {status: done, done_on: 2020-05-29}
YAML
# order FILE: the section's parts in order, one word each.
order() {
	sed -n '/<section id="s-1">/,/<\/section>/p' "$1" |
		grep -o 'class="pn">[^<]*\|class="marked priorities-list"\|class="progress-headline"' |
		sed 's/.*"pn">//; s/.*priorities-list"/priorities/; s/.*progress-headline"/progress/' |
		tr '\n' ' '
}
"$v/clerk" -q render "$v/placed.yaml" -o "$v/placed" --format html 2>"$v/err"
[ "$(order "$v/placed/placed.html")" = "1.1 priorities 1.2 1.3 progress " ]
ok "show: a block placed after paragraph 1, a plain name at the end, the numbers running on" $?
mkdir -p "$v/templates/oldnarrative"
cat >"$v/templates/oldnarrative/narrative-section.mustache" <<'MUSTACHE'
<section id="{{anchor}}">
{{>section-heading}}
{{{body}}}
{{#blocks}}
{{>*partial}}
{{/blocks}}
{{#body_after}}
{{{body_after}}}
{{/body_after}}
{{#subsections}}
{{>narrative-section}}
{{/subsections}}
</section>
MUSTACHE
"$v/clerk" -q render "$v/placed.yaml" --council oldnarrative -o "$v/old" --format html 2>"$v/err"
[ "$(order "$v/old/placed.html")" = "1.1 priorities progress 1.2 1.3 " ]
ok "show: a narrative-section written before flow prints body, blocks and body_after, each once" $?
# A council that numbers one level per section: Lewisham's inspection
# paper in a copy of its theme with `paragraphs: sectioned`, and its own
# series partial that marks its sentence as a paragraph. Every paragraph
# of Background, its subsections' and its blocks' included, counts 4.1 to
# 4.14; the subsections' headings print no number.
cp -R templates/lewisham "$v/templates/sectioned"
sed 's/^  paragraphs: hierarchical$/  paragraphs: sectioned/' \
	templates/lewisham/brand.yaml >"$v/templates/sectioned/brand.yaml"
cat >"$v/templates/sectioned/series.mustache" <<'MUSTACHE'
{{#computed.series.in_order}}
<p class="para trend">{{label}}: {{sentence}}</p>
{{/computed.series.in_order}}
MUSTACHE
"$v/clerk" -q render content/lewisham/ofsted-inspection-2016-03.yaml \
	--council sectioned -o "$v/sectioned" 2>"$v/err"
ok "a council numbering one level per section renders" $?
p="$v/sectioned/ofsted-inspection-2016-03.html"
[ "$(sed -n '/id="s-background-h"/,/id="s-action-plan-h"/p' "$p" |
	grep -o 'class="pn">[^<]*<' | sed 's/.*>\(.*\)</\1/' | tr '\n' ' ')" = \
	"4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 4.12 4.13 4.14 " ]
ok "sectioned: Background's paragraphs, blocks and subsections included, count 4.1 to 4.14" $?
has "$p" '<h3 id="s-background-1-h">Overview of the inspection</h3>' \
	"sectioned: a subsection's heading prints no number"
has "$p" '<p id="para-4-6" class="plan-due"><span class="pn">4.6</span> The improvement plan is due to Ofsted by 30' \
	"sectioned: the inspection block's plan date, from the hook, is paragraph 4.6"
has "$p" '<p id="para-4-7" class="judgement-change"><span class="pn">4.7</span> Since the previous inspection' \
	"sectioned: the judgements hook's sentence is paragraph 4.7"
has "$p" '<p id="para-4-8" class="trend"><span class="pn">4.8</span>' \
	"sectioned: the council's own series partial marks its sentence, paragraph 4.8"
has "$p" '<li><span class="pn">2.1</span>' "sectioned: the recommendations are paragraphs 2.1, 2.2"
! grep -qF 'class="para' "$p"
ok "sectioned: the mark class=\"para\" reaches no page" $?
pdftotext "$v/sectioned/ofsted-inspection-2016-03.pdf" "$v/text" 2>/dev/null
grep -q '^4\.6 The improvement plan is due' "$v/text" && grep -q '^4\.8 ' "$v/text" &&
	grep -q '^4\.14 ' "$v/text"
ok "sectioned: the PDF prints the same numbers" $?
# A list of overdue actions from the plan hook, printed by the council's
# own progress partial, is numbered through the paragraph that opens it:
# the next number of its section, on the page and on paper.
cat >"$v/templates/sectioned/progress.mustache" <<'MUSTACHE'
{{#computed.plan.overdue_count}}
<p class="para">Actions overdue at {{computed.plan.as_of_long}}: {{computed.plan.overdue_count}}.</p>
<ul class="overdue">
{{#computed.plan.overdue}}
<li>{{id}}: {{text}}</li>
{{/computed.plan.overdue}}
</ul>
{{/computed.plan.overdue_count}}
MUSTACHE
"$v/clerk" -q render "$dir/progress-2019-20-q3.yaml" --council sectioned \
	-o "$v/sectioned" 2>"$v/err"
ok "sectioned: a progress report with the council's own progress partial renders" $?
has "$v/sectioned/progress-2019-20-q3.html" \
	"<p id=\"para-6-1\"><span class=\"pn\">6.1</span> Actions overdue at 22$(printf '\302\240')January$(printf '\302\240')2020: 1.</p>" \
	"sectioned: the overdue actions' opening sentence, from the plan hook, is paragraph 6.1"
tr -d '\n' <"$v/sectioned/progress-2019-20-q3.html" |
	grep -qF ': 1.</p><ul class="overdue"><li>P7.2: Map the family support services the council commissions.</li></ul></div>'
ok "sectioned: the list it opens is in the paragraph's numbered wrapper" $?
pdftotext "$v/sectioned/progress-2019-20-q3.pdf" "$v/text" 2>/dev/null
grep -q '^6\.1 Actions overdue at 22 January 2020: 1\.' "$v/text"
ok "sectioned: the PDF prints 6.1 before the overdue actions" $?
# The same theme counting only the implications: the blocks' sentences
# print unnumbered and the prose after them goes on from 4.5.
sed 's/^  paragraphs: sectioned$/  paragraphs: sectioned\n  count: [implications]/' \
	"$v/templates/sectioned/brand.yaml" >"$v/err" && cp "$v/err" "$v/templates/sectioned/brand.yaml"
"$v/clerk" -q render content/lewisham/ofsted-inspection-2016-03.yaml \
	--council sectioned -o "$v/sectioned" 2>"$v/err"
ok "sectioned, blocks not counted, renders" $?
has "$p" '<p class="plan-due">The improvement plan is due' "not counted: the block's sentence has no number"
has "$p" '<p id="para-4-5"><span class="pn">4.5</span> The inspectors' \
	"not counted: the prose after the blocks goes on from 4.5"
# A paragraph marked outside a block is an error at its template.
printf '%s\n' '<p class="para">Stray.</p>' >"$v/templates/sectioned/lateness.mustache"
sed -i 's/^  count: \[implications\]$/  count: [blocks]/' "$v/templates/sectioned/brand.yaml"
"$v/clerk" render content/lewisham/ofsted-inspection-2016-03.yaml \
	--council sectioned -o "$v/stray" 2>"$v/err"
[ $? = 1 ] && grep -q 'templates/sectioned/lateness.mustache:1:1: error: a paragraph marked class="para" that the paper.s numbering did not count here' "$v/err" &&
	[ ! -e "$v/stray/ofsted-inspection-2016-03.html" ]
ok "a paragraph marked outside a block is an error at its template, and nothing is written" $?
# A council whose narrative-section partial was written before flow, so
# prints body, every block, then body_after: with counted blocks placed
# in two places, the page's paragraph numbers still run on down the page.
mkdir -p "$v/templates/oldflow"
printf 'numbering: {paragraphs: sectioned}\n' >"$v/templates/oldflow/brand.yaml"
printf '%s\n' '<section id="{{anchor}}">' '{{>section-heading}}' '{{{body}}}' \
	'{{#blocks}}' '{{>*partial}}' '{{/blocks}}' '{{{body_after}}}' '</section>' \
	>"$v/templates/oldflow/narrative-section.mustache"
printf '%s\n' '{{#figure_rows}}' '<p class="para">{{label}}</p>' '{{/figure_rows}}' \
	>"$v/templates/oldflow/figures.mustache"
cat >"$v/oldflow.yaml" <<'YAML'
clerk: 1
council: oldflow
meeting: {committee: Cabinet, date: 2020-01-14}
report: {title: A paper}
inspection: {body: Ofsted, from: 2019-07-08}
figures:
  children: {label: Children in care, value: 400}
sections:
  - title: Plan
    body: "One.\n\nTwo.\n\nThree."
    show:
      - {block: inspection, after: 1}
      - {block: figures, after: 2}
YAML
"$v/clerk" -q render "$v/oldflow.yaml" --format html -o "$v/oldflow" 2>"$v/err"
ok "a council's narrative partial written before flow renders" $?
got=$(grep -o '<span class="pn">[^<]*</span>' "$v/oldflow/oldflow.html" |
	sed 's/<[^>]*>//g' | tr '\n' ' ')
[ "$got" = "1.1 1.2 1.3 1.4 1.5 " ]
ok "before flow: the paragraphs print numbered in order (got: $got)" $?
echo "1..$n"
