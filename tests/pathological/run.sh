#!/bin/sh
# Pathological inputs: each must fail (or pass) at once with a clear
# message and no crash. The files are generated here; the time each takes
# is printed as a comment (speed is measured by `make bench`, not asserted;
# the timeout only stops a hang). Inputs that once took minutes (a linear
# search per anchor) carry a bound of 15 seconds, well above what a
# sanitized build on a busy machine takes, as a guard against a quadratic
# path coming back, not as a benchmark.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
n=0

# expect NAME STATUS MESSAGE FILE: `clerk check FILE` exits with STATUS and
# its stderr holds MESSAGE. With $within set (in milliseconds), it must
# also finish within that time.
expect() {
	n=$((n + 1))
	start=$(date +%s%N)
	timeout 20 "$CLERK" check "$4" >/dev/null 2>"$dir/err"
	status=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	if [ -n "${within:-}" ] && [ "$ms" -gt "$within" ]; then
		echo "not ok $n - $1: took $ms ms, more than $within ms"
	elif [ "$status" -ne "$2" ]; then
		echo "not ok $n - $1: exit status $status, expected $2"
		sed 's/^/# /' "$dir/err" | head -5
	elif [ -n "$3" ] && ! grep -qF -- "$3" "$dir/err"; then
		echo "not ok $n - $1: message not found: $3"
		sed 's/^/# /' "$dir/err" | head -5
	else
		echo "ok $n - $1 ($ms ms)"
	fi
}

expect "alias bomb" 1 \
	"alias-bomb.yaml:9:10: error: alias *a4 expands the document past 100000 nodes" \
	tests/pathological/alias-bomb.yaml

awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; print "" }' \
	>"$dir/deep-flow.yaml"
expect "10,000-deep flow nesting" 1 \
	"deep-flow.yaml:1:65: error: lists and maps nest deeper than 64 levels" \
	"$dir/deep-flow.yaml"

awk 'BEGIN { for (i = 0; i < 1000; i++) {
	for (j = 0; j < i; j++) printf " "; printf "k%d:\n", i } }' \
	>"$dir/deep-block.yaml"
expect "1,000-deep block nesting" 1 \
	"deep-block.yaml:65:65: error: lists and maps nest deeper than 64 levels" \
	"$dir/deep-block.yaml"

awk 'BEGIN { for (i = 0; i < 400000; i++) printf "key%06d: a value of a dozen words\n", i }' \
	| head -c 5000000 >"$dir/five-mb.yaml"
expect "5 MB file" 1 \
	"five-mb.yaml: error: file is 5000000 bytes, larger than the limit of 4194304 bytes" \
	"$dir/five-mb.yaml"

awk 'BEGIN { print "clerk: 1";
	print "meeting: {committee: Cabinet, date: 2020-01-14}";
	print "report: {title: Wide}"; print "series:"; print "  wide:";
	for (i = 0; i < 120000; i++) printf "    k%d: %d\n", i, i }' \
	>"$dir/wide.yaml"
# It loads in linear time; the series hook then stops at its budget (of
# instructions, or of time on a slow or sanitized build), as the render
# would, and clerk check says so.
expect "a map of 120,000 keys loads in linear time" 1 \
	"hook 'series' ran past its" "$dir/wide.yaml"

awk 'BEGIN { print "clerk: 1"; print "items:";
	for (i = 0; i < 120000; i++) printf "  k%d: %d\n", i, i;
	print "  k7: again" }' >"$dir/wide-dup.yaml"
expect "a duplicate among 120,000 keys" 1 \
	"wide-dup.yaml:120003:3: error: duplicate key 'k7' (first at 10:3)" \
	"$dir/wide-dup.yaml"

printf 'clerk: 1\nreport:\n  title: "Inspection \377\376 outcome"\n' \
	>"$dir/bad-utf8.yaml"
expect "invalid UTF-8" 1 \
	"bad-utf8.yaml:3:22: error: invalid UTF-8: byte 0xFF" \
	"$dir/bad-utf8.yaml"

printf 'clerk: 1\n\000summary: x\n' >"$dir/nul.yaml"
expect "a NUL byte" 1 "nul.yaml:2:1: error: the text contains a control character (U+0000), which cannot be printed; remove it" "$dir/nul.yaml"

head='BEGIN { print "clerk: 1";
	print "meeting: {committee: Cabinet, date: 2020-01-14}";
	print "report: {title: Anchors}"; print "extra:" }'
awk "$head"' END { for (i = 0; i < 300000; i++) printf "- &a%d 1\n", i;
	print "- *a0"; print "- *a299999" }' </dev/null >"$dir/anchors.yaml"
within=15000 expect "300,000 anchors in $(wc -c <"$dir/anchors.yaml") bytes" 0 "" \
	"$dir/anchors.yaml"

awk "$head"' END { for (i = 0; i < 150000; i++) printf "- &a%d 1\n", i;
	for (i = 0; i < 99990; i++) printf "- *a%d\n", i * 7 % 150000 }' \
	</dev/null >"$dir/aliases.yaml"
within=15000 expect "99,990 aliases among 150,000 anchors" 0 "" "$dir/aliases.yaml"

awk "$head"' END { for (i = 0; i < 300000; i++) printf "- &a %d\n", i;
	print "- *a" }' </dev/null >"$dir/redefined.yaml"
within=15000 expect "one anchor defined 300,000 times" 0 "" "$dir/redefined.yaml"

awk "$head"' END { for (i = 0; i < 150000; i++) printf "- &a%d 1\n", i;
	for (i = 0; i < 100001; i++) printf "- *a%d\n", i }' \
	</dev/null >"$dir/alias-limit.yaml"
within=15000 expect "100,001 aliases pass LIMIT_YAML_ALIAS_NODES" 1 \
	"alias-limit.yaml:250005:3: error: alias *a100000 expands the document past 100000 nodes" \
	"$dir/alias-limit.yaml"

awk 'BEGIN { print "clerk: 1";
	print "meeting: {committee: Cabinet, date: 2020-01-14}";
	print "report:"; print "  title: Wide";
	for (i = 0; i < 100000; i++) printf "  k%d: %d\n", i, i }' \
	>"$dir/wide-unknown.yaml"
# The first LIMIT_DIAG_ERRORS errors are printed, the rest counted.
expect "100,000 unknown keys in one map" 1 \
	"... and 99800 more errors" \
	"$dir/wide-unknown.yaml"

awk "$head"' END { print "  base: &b";
	for (i = 0; i < 99990; i++) printf "    k%d: %d\n", i, i;
	print "  merged:"; print "    <<: *b";
	for (i = 0; i < 99990; i += 2) printf "    k%d: x\n", i }' \
	</dev/null >"$dir/wide-merge.yaml"
within=15000 expect "a merge key over 99,990 keys" 0 "" "$dir/wide-merge.yaml"

printf 'clerk: 1\nextends: b.yaml\n' >"$dir/a.yaml"
printf 'clerk: 1\nextends: c.yaml\n' >"$dir/b.yaml"
printf 'clerk: 1\nextends: a.yaml\n' >"$dir/c.yaml"
expect "a cycle of extends" 1 \
	"c.yaml:2:10: error: extends: 'a.yaml' is already being loaded (a cycle of extends)" \
	"$dir/a.yaml"

# 64,000 paragraphs a block marks class="para", numbered: the page's
# trace is moved past the numbering's edits in one walk down both lists
# (one walk over the edits for each mark took 18 s).
c="$dir/council"
mkdir -p "$c/templates/marked"
cp "$CLERK" "$c/clerk"
ln -s "$(pwd)/templates/default" "$c/templates/default"
ln -s "$(pwd)/scripts" "$c/scripts"
printf 'numbering: {paragraphs: flat, count: [blocks]}\n' >"$c/templates/marked/brand.yaml"
printf '%s\n' '{{#figure_rows}}' '<p class="para">{{label}}</p>' '{{/figure_rows}}' \
	>"$c/templates/marked/figures.mustache"
awk 'BEGIN { print "clerk: 1"; print "council: marked";
	print "meeting: {committee: Cabinet, date: 2020-01-14}";
	print "report: {title: Marked}"; print "sections:";
	print "  - {title: Figures, body: One., show: [figures]}";
	print "figures:";
	for (i = 0; i < 64000; i++) printf "  f%d: {label: F%d, value: %d}\n", i, i, i }' \
	>"$c/marked.yaml"
n=$((n + 1))
start=$(date +%s%N)
timeout 20 "$c/clerk" -q render --format html -o "$c/out" "$c/marked.yaml" 2>"$dir/err"
status=$?
ms=$((($(date +%s%N) - start) / 1000000))
if [ "$status" -ne 0 ]; then
	echo "not ok $n - 64,000 numbered marks: exit status $status"
	sed 's/^/# /' "$dir/err" | head -5
elif [ "$ms" -gt 15000 ]; then
	echo "not ok $n - 64,000 numbered marks: took $ms ms, more than 15000 ms"
elif [ "$(grep -c '<span class="pn">' "$c/out/marked.html")" -ne 64001 ]; then
	echo "not ok $n - 64,000 numbered marks: not every paragraph numbered"
else
	echo "ok $n - 64,000 numbered marks ($ms ms)"
fi

echo "1..$n"
