#!/bin/sh
# Hostile Markdown. Each tests/hostile/markdown/NAME.md once broke the
# renderer (md4c's unbalanced events, characters XML cannot carry, nesting).
# It becomes a report's summary and a table cell followed by a cell with a
# link, and goes through `clerk render --format html`. Without NAME.expected
# the render must succeed and the page be well-formed XML (xmllint) with no
# on...= attribute; with it, the render must fail with exactly those
# diagnostics (the temporary folder's path taken out). Images name PNG
# files beside the report, which the page embeds. Then, in bounded
# time, prose that once took md4c quadratic time. CLERK_BLESS=1 rewrites the
# .expected files of the inputs that fail.
dir=tests/hostile/markdown
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Seconds for each timed case; the sanitizer build is slower.
case "$BUILD" in
*asan*) limit_ms=15000 ;;
*) limit_ms=5000 ;;
esac
n=0

ms_since() {
	echo $((($(date +%s%N) - $1) / 1000000))
}

# report MD YAML [summary]: writes a report whose prose carries the file MD,
# as the summary and (unless `summary` is given) as a table cell.
report() {
	(
		printf 'clerk: 1\nmeeting:\n  committee: C\n  date: 2020-01-14\n'
		printf 'report:\n  title: Hostile Markdown\n  summary: |2-\n'
		sed 's/^/    /' "$1"
		[ -n "${3:-}" ] && exit
		printf '\nsections:\n  - title: Cells\n    body: Cells\n'
		printf '    table:\n      head: [a, b]\n      rows:\n        -\n'
		printf '          - |2-\n'
		sed 's/^/              /' "$1"
		printf '\n          - "[the paper](<x onerror=window.__pwned=0 >)"\n'
	) >"$2"
}

# check_page NAME HTML: the page is well-formed and has no event attribute.
check_page() {
	if ! xmllint --noout "$2" 2>"$tmp/xmllint"; then
		echo "not ok $n - $1: the page is not well-formed XML"
		head -5 "$tmp/xmllint" | sed 's/^/# /'
		return
	fi
	on=$(xmllint --xpath 'count(//@*[starts-with(translate(name(),"ON","on"),"on")])' "$2" 2>/dev/null)
	if [ "$on" != 0 ]; then
		echo "not ok $n - $1: $on on...= attribute(s) in the page"
		return
	fi
	echo "ok $n - $1: well-formed, no event attribute"
}

for f in "$dir"/*.md; do
	name=$(basename "$f" .md)
	n=$((n + 1))
	work="$tmp/$name"
	mkdir -p "$work/img"
	# A PNG under every name the inputs give an image, so each image the
	# renderer closes is embedded (a data: URI in its src) and the page
	# shows what the renderer made of the rest.
	"$BUILD/tests/mkimages" "$work/img" >/dev/null
	for img in x '[' h d f 'x onerror=1'; do
		cp "$work/img/rgb8.png" "$work/$img"
	done
	report "$f" "$work/report.yaml"
	timeout 20 "$CLERK" -q render --format html -o "$work/out" \
		"$work/report.yaml" >"$work/stdout" 2>"$work/stderr"
	status=$?
	sed "s|$work/||g" "$work/stderr" >"$work/err"
	expected="$dir/$name.expected"
	if [ -n "${CLERK_BLESS:-}" ] && [ "$status" -ne 0 ]; then
		cp "$work/err" "$expected"
	fi
	if [ -f "$expected" ]; then
		if [ "$status" -ne 1 ]; then
			echo "not ok $n - $name: exit status $status, expected 1"
		elif ! cmp -s "$work/err" "$expected"; then
			echo "not ok $n - $name: diagnostics differ"
			diff "$expected" "$work/err" | sed 's/^/# /'
		elif [ -e "$work/out/report.html" ]; then
			echo "not ok $n - $name: a page was written"
		else
			echo "ok $n - $name: refused with its own error"
		fi
	elif [ "$status" -ne 0 ]; then
		echo "not ok $n - $name: exit status $status"
		sed 's/^/# /' "$work/err"
	else
		check_page "$name" "$work/out/report.html"
	fi
done

# timed NAME STATUS AWK [ERROR]: the prose AWK prints, as a summary, must
# render within the limit to a well-formed page (STATUS 0), or be refused
# within it (STATUS 1) with a diagnostic containing ERROR.
timed() {
	n=$((n + 1))
	work="$tmp/timed-$1"
	mkdir -p "$work"
	awk "BEGIN { $3 }" >"$work/prose.md"
	report "$work/prose.md" "$work/report.yaml" summary
	start=$(date +%s%N)
	timeout 120 "$CLERK" -q render --format html -o "$work/out" \
		"$work/report.yaml" >/dev/null 2>"$work/err"
	status=$?
	ms=$(ms_since "$start")
	if [ "$status" -ne "$2" ]; then
		echo "not ok $n - $1: exit status $status, expected $2"
		head -3 "$work/err" | cut -c1-200 | sed 's/^/# /'
	elif [ "$ms" -ge "$limit_ms" ]; then
		echo "not ok $n - $1: took $ms ms (limit $limit_ms ms)"
	elif [ "$2" -eq 0 ]; then
		check_page "$1 in $ms ms" "$work/out/report.html"
	elif ! grep -q "$4" "$work/err"; then
		echo "not ok $n - $1: refused, but not for its own reason"
		head -3 "$work/err" | cut -c1-200 | sed 's/^/# /'
	else
		echo "ok $n - $1: refused in $ms ms"
		sed "s|$work/||g" "$work/err" | head -1 | sed 's/^/# /'
	fi
}

timed "100,000 *em* in one paragraph" 0 \
	'for (i = 0; i < 100000; i++) printf "*em* "'
timed "100,000 autolinks, a paragraph each" 0 \
	'for (i = 0; i < 100000; i++) printf "http://a.example/%d\n\n", i'
timed "10,000 autolinks in one paragraph" 0 \
	'for (i = 0; i < 10000; i++) printf "www.a%d.example ", i'
timed "100,000 autolinks in one paragraph" 1 \
	'for (i = 0; i < 100000; i++) printf "http://a.example/%d ", i' \
	"more than 10000 web addresses in one paragraph"
timed "100,000 www. links in one paragraph" 1 \
	'for (i = 0; i < 100000; i++) printf "www.a%d.example ", i' \
	"more than 10000 web addresses in one paragraph"
timed "20,000 nested brackets after a link reference" 1 \
	'print "[x]: /foo\n"; for (i = 0; i < 20000; i++) printf "[a "; for (i = 0; i < 20000; i++) printf "]"' \
	"square brackets open inside one another more than 32 deep"
timed "100,000 unclosed images and emphasis" 0 \
	'for (i = 0; i < 100000; i++) printf "![a **b](c "'
timed "100,000 nested quotes" 1 \
	'for (i = 0; i < 100000; i++) printf ">"; print " x"' \
	"more than 64 deep"
echo "1..$n"
