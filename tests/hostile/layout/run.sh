#!/bin/sh
# Hostile input for the PDF layout: each case is generated here, at the
# size given, and typeset by $BUILD/tests/html2pdf under a generous guard
# of GUARD seconds of CPU time (so a busy machine does not fail it), and
# ten times that of wall-clock time. A case passes when it finishes in time
# with exit status 0 and no error, or, where it names one, with exactly
# that error and no PDF. The guard is not a benchmark: it catches work that
# grows with the square of the input, which takes minutes at these sizes
# where linear work takes a second or two.
BUILD=${BUILD:-build}
tool="$BUILD/tests/html2pdf"
GUARD=${GUARD:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0

# page BODY-GENERATOR: an XHTML page around what the awk program prints.
page() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n'
	printf '<html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB">'
	printf '<head><title>Hostile</title></head><body>\n'
	awk "BEGIN { $1 }"
	printf '\n</body></html>\n'
}

# case NAME AWK [ERROR]: typesets the page; ERROR, when given, is the
# text the one diagnostic must hold (and the exit status is then 1).
case_() {
	n=$((n + 1))
	name=$1 gen=$2 want=${3:-}
	page "$gen" >"$tmp/$name.html"
	start=$(date +%s)
	(
		ulimit -t "$GUARD"
		exec timeout $((GUARD * 10)) "$tool" "$tmp/$name.html" \
			"$tmp/$name.pdf"
	) >"$tmp/out" 2>&1
	status=$?
	secs=$(($(date +%s) - start))
	if [ "$status" -eq 124 ] || [ "$status" -gt 128 ]; then
		echo "not ok $n - $name: stopped after ${secs}s (status $status)"
	elif [ -z "$want" ] && [ "$status" -eq 0 ] &&
		! grep -q 'error:' "$tmp/out"; then
		echo "ok $n - $name (${secs}s)"
	elif [ -n "$want" ] && [ "$status" -eq 1 ] &&
		[ "$(grep -c 'error:' "$tmp/out")" -eq 1 ] &&
		grep -q "$want" "$tmp/out" && [ ! -e "$tmp/$name.pdf" ]; then
		echo "ok $n - $name fails cleanly (${secs}s)"
	else
		echo "not ok $n - $name: exit status $status"
		head -5 "$tmp/out" | cut -c1-300 | sed 's/^/# /'
	fi
	rm -f "$tmp/$name.html" "$tmp/$name.pdf"
}

[ -x "$tool" ] || { echo "not ok 1 - $tool is not built"; echo "1..1"; exit 1; }

# Lines: one word longer than thousands of lines, a heading of 70,000
# characters, 100,000 inline elements or links on one source line.
case_ word-2mb 'printf "<p>"; for (i = 0; i < 2097152; i++) printf "x"; printf "</p>"'
case_ heading-70k 'printf "<h1>"; for (i = 0; i < 10000; i++) printf "Ofsted "; printf "</h1><p>Text.</p>"'
case_ em-100k 'printf "<p>"; for (i = 0; i < 100000; i++) printf "<em>a</em>"; printf "</p>"'
case_ em-spaced-100k 'printf "<p>"; for (i = 0; i < 100000; i++) printf "<em>word</em> "; printf "</p>"'
case_ links-100k 'printf "<p>"; for (i = 0; i < 100000; i++) printf "<a href=\"https://example.org/%d\">https://example.org/%d</a> ", i, i; printf "</p>"'
case_ badges-100k 'printf "<p>"; for (i = 0; i < 100000; i++) printf "<span class=\"rag-red\">R</span>x"; printf "</p>"'
# One element with 800,000 classes, two written over and over: each
# class's rules are read once.
case_ classes-800k 'printf "<p class=\""; for (i = 0; i < 400000; i++) printf "right nowrap "; printf "\">x</p><p>Text.</p>"'
case_ anchors-50k 'for (i = 0; i < 50000; i++) printf "<p id=\"p%d\"><a href=\"#p%d\">to %d</a></p>", i, 49999 - i, i'
# Strings libharu refuses past 65535 bytes: a run of characters without
# width (combining accents) on one line, a link address of 70,000 bytes.
case_ accents-40k 'printf "<p>a"; for (i = 0; i < 40000; i++) printf "\314\201"; printf " b</p>"'
case_ link-address-70k 'printf "<p><a href=\"https://example.org/"; for (i = 0; i < 70000; i++) printf "x"; printf "\">the report</a></p>"'
# Blocks and pages.
case_ list-100k 'printf "<ul>"; for (i = 0; i < 100000; i++) printf "<li>item %d</li>", i; printf "</ul>"'
case_ table-rows-30k 'printf "<table><thead><tr><th>Ref</th><th>Action</th></tr></thead><tbody>"; for (i = 0; i < 30000; i++) printf "<tr><td>P%d</td><td>An action</td></tr>", i; printf "</tbody></table>"'
case_ table-cols-1000 'printf "<table><tr>"; for (i = 0; i < 1000; i++) printf "<th>H%d</th>", i; printf "</tr>"; for (r = 0; r < 50; r++) { printf "<tr>"; for (i = 0; i < 1000; i++) printf "<td>cell</td>"; printf "</tr>" } printf "</table>"'
case_ cell-word-1mb 'printf "<table><tr><td>Ref</td><td>"; for (i = 0; i < 1048576; i++) printf "y"; printf "</td><td>Owner</td></tr></table>"'
case_ cell-lines-20k 'printf "<table><tr><td>"; for (i = 0; i < 20000; i++) printf "line %d<br/>", i; printf "</td><td>"; for (i = 0; i < 20000; i++) printf "<small>small %d</small><br/>", i; printf "</td></tr></table>"'
case_ divs-10k 'for (i = 0; i < 10000; i++) printf "<div>"; printf "x"; for (i = 0; i < 10000; i++) printf "</div>"' \
	'nested more than 200 deep (LIMIT_PDF_HTML_DEPTH)'
case_ blockquotes-190 'for (i = 0; i < 190; i++) printf "<blockquote>"; printf "deep"; for (i = 0; i < 190; i++) printf "</blockquote>"'
# A word of 100,000 spans cut over a thousand lines is warned of once,
# and the warning costs no more than a short word's.
n=$((n + 1))
page 'printf "<p>"; for (i = 0; i < 100000; i++) printf "<span>R</span>x"; printf "</p>"' >"$tmp/spans.html"
(ulimit -t "$GUARD"; exec "$tool" "$tmp/spans.html" "$tmp/spans.pdf") >"$tmp/out" 2>&1
warned=$(grep -c 'is wider than its line' "$tmp/out")
if [ "$warned" -eq 1 ] && [ -s "$tmp/spans.pdf" ]; then
	echo "ok $n - spans-100k: one warning for one word"
else
	echo "not ok $n - spans-100k: $warned warnings for one word"
	head -3 "$tmp/out" | cut -c1-300 | sed 's/^/# /'
fi
rm -f "$tmp/spans.html" "$tmp/spans.pdf"
# A report title of 96 KB: the PDF's information title is cut, not refused.
n=$((n + 1))
awk 'BEGIN { printf "clerk: 1\nmeeting: {committee: C, date: 2020-01-14}\nreport:\n  title: \""
	for (i = 0; i < 6000; i++) printf "Très long titre "; printf "\"\n" }' </dev/null >"$tmp/title.yaml"
if timeout $((GUARD * 10)) "$CLERK" -q render -o "$tmp" "$tmp/title.yaml" 2>"$tmp/out" &&
	pdfinfo "$tmp/title.pdf" 2>/dev/null | grep -q '^Title: *Très long titre'; then
	echo "ok $n - title-96k: the PDF is written with its title cut"
else
	echo "not ok $n - title-96k: no PDF with a title"
	head -5 "$tmp/out" | cut -c1-300 | sed 's/^/# /'
fi
echo "1..$n"
