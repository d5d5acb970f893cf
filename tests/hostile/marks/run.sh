#!/bin/sh
# Hostile block partials. Each NAME.mustache here is a council's
# judgements.mustache, in a theme that numbers its blocks' marked
# paragraphs (numbering.paragraphs: sectioned), copied into a temporary
# templates/NAME beside a copy of clerk; report.yaml shows the judgements
# block. A NAME.expected beside it: clerk render must exit 1, print
# exactly NAME.expected and write no page. Without one: the page is
# written, and holds exactly one numbered paragraph of the block, 1.2
# (its real mark), whatever the partial hides in comments, CDATA, a
# script or attribute values.
# CLERK_BLESS=1 rewrites the .expected files that exist from the current
# output.
src=$(pwd)
CLERK=${CLERK:-$src/clerk}
dir=$src/tests/hostile/marks
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$CLERK" "$tmp/clerk"
mkdir "$tmp/templates"
ln -s "$src/templates/default" "$tmp/templates/default"
ln -s "$src/scripts" "$tmp/scripts"
n=0
ok() {
	n=$((n + 1))
	printf 'ok %s - %s\n' "$n" "$1"
}
not_ok() {
	n=$((n + 1))
	printf 'not ok %s - %s\n' "$n" "$1"
}

for f in "$dir"/*.mustache; do
	file=$(basename "$f")
	name=${file%.mustache}
	mkdir -p "$tmp/templates/$name"
	printf 'council: {name: Oakshire Council}\nnumbering: {paragraphs: sectioned}\n' \
		>"$tmp/templates/$name/brand.yaml"
	cp "$f" "$tmp/templates/$name/judgements.mustache"
	sed "s/^council: .*/council: $name/" "$dir/report.yaml" >"$tmp/report.yaml"
	(cd "$tmp" && ./clerk render --format html -o "out/$name" report.yaml) \
		>/dev/null 2>"$tmp/err"
	status=$?
	page=$tmp/out/$name/report.html
	if [ -f "$dir/$name.expected" ]; then
		[ -n "${CLERK_BLESS:-}" ] && cp "$tmp/err" "$dir/$name.expected"
		if [ "$status" -eq 1 ]; then
			ok "$file: refused (exit 1)"
		else
			not_ok "$file: exit status $status, expected 1"
		fi
		if cmp -s "$tmp/err" "$dir/$name.expected"; then
			ok "$file: the diagnostics are $name.expected"
		else
			not_ok "$file: the diagnostics differ from $name.expected"
			diff "$dir/$name.expected" "$tmp/err" | sed 's/^/# /'
		fi
		if [ ! -f "$page" ]; then
			ok "$file: no page is written"
		else
			not_ok "$file: $page was written"
		fi
		continue
	fi
	if [ "$status" -ne 0 ]; then
		not_ok "$file: exit status $status, expected 0"
		sed 's/^/# /' "$tmp/err"
		continue
	fi
	marks=$(grep -c 'id="para-1-[0-9]*"' "$page")
	if [ "$marks" -eq 2 ] && grep -q 'id="para-1-2"><span class="pn">1.2</span> Real.' "$page"; then
		ok "$file: only the real mark is numbered"
	else
		not_ok "$file: $marks numbered paragraphs in section 1"
		grep -n 'para-1-' "$page" | sed 's/^/# /'
	fi
	if xmllint --noout "$page" 2>"$tmp/err"; then
		ok "$file: the page is well-formed XML"
	else
		not_ok "$file: the page is not well-formed XML"
		sed 's/^/# /' "$tmp/err" | head -5
	fi
done
echo "1..$n"
