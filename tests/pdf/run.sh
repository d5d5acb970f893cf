#!/bin/sh
# End-to-end PDF checks on a generated committee paper and on the layout
# fixtures: qpdf --check, fonts embedded with no poppler warning, every word
# extracted in order, the outline from the headings, the action plan's
# header row on every page it spans, identical bytes for identical input.
# A check whose tool is missing is skipped with a message.
BUILD=${BUILD:-build}
tool="$BUILD/tests/html2pdf"
dir=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
fail() { n=$((n + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n - # SKIP $*"; }
have() { command -v "$1" >/dev/null 2>&1; }

python3 bench/gen_paper.py >"$tmp/paper.html" || exit 1
if "$tool" -d 2020-01-14 -T "Children's Social Care Post Ofsted Report" \
	"$tmp/paper.html" "$tmp/paper.pdf" 2>"$tmp/err"; then
	ok "committee paper renders"
else
	fail "committee paper renders: $(cat "$tmp/err")"
	echo "1..$n"
	exit 1
fi
for f in tests/layout/*.html; do
	b=$(basename "$f" .html)
	"$tool" "$f" "$tmp/$b.pdf" 2>/dev/null || fail "$f renders"
done

if have qpdf; then
	bad=""
	for p in "$tmp"/*.pdf; do
		qpdf --check "$p" >/dev/null 2>&1 || bad="$bad $(basename "$p")"
	done
	[ -z "$bad" ] && ok "qpdf --check passes on every PDF" ||
		fail "qpdf --check fails:$bad"
else
	skip "qpdf is not installed"
fi

if have pdffonts; then
	pdffonts "$tmp/paper.pdf" >"$tmp/fonts" 2>"$tmp/fonts.err"
	if [ -s "$tmp/fonts.err" ]; then
		fail "pdffonts warns: $(head -3 "$tmp/fonts.err")"
	elif awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") { bad = 1 } END { exit bad }' "$tmp/fonts"; then
		ok "pdffonts: every font embedded, subset, with a ToUnicode map"
	else
		fail "pdffonts: a font is not embedded"
		sed 's/^/# /' "$tmp/fonts"
	fi
	pdffonts "$tmp/media.pdf" 2>/dev/null | grep -q DejaVuSans &&
		ok "a character Liberation Sans lacks comes from DejaVu Sans" ||
		fail "no fallback font in media.pdf"
else
	skip "pdffonts is not installed"
fi

# Fonts found through fontconfig: the characters a council's paper needs
# always print (from Liberation Sans or DejaVu Sans), and each character no
# installed font has is one warning and a U+FFFD of its own width, in the
# text, in an SVG label and in the running header alike.
"$tool" -H "Plan ✓ → done" tests/layout/fonts-fallback.html "$tmp/fallback.pdf" 2>"$tmp/fallback.err"
nwarn=$(grep -c ': warning: U+' "$tmp/fallback.err")
[ "$nwarn" -eq 3 ] && ok "one warning for each of the 3 characters no font has" ||
	fail "expected 3 warnings for characters no font has, got $nwarn: $(cat "$tmp/fallback.err")"
if have pdftotext; then
	t=$(pdftotext "$tmp/fallback.pdf" - 2>/dev/null)
	bad=""
	for w in '£800,000' '€12.50' 'Tŵr,' 'tŷ,' '“typographic”' '‘single’' '—' '–' '→' '✓' '✔' \
		'Chart label ✓ done' 'Plan ✓ → done'; do
		case "$t" in *"$w"*) ;; *) bad="$bad $w" ;; esac
	done
	[ -z "$bad" ] && ok "British, Welsh, money, quotes, dashes, arrows and ticks print" ||
		fail "missing from the PDF's text:$bad"
	nrep=$(printf '%s' "$t" | grep -o '�' | wc -l)
	[ "$nrep" -eq 5 ] && ok "each character no font has prints as U+FFFD" ||
		fail "expected 5 replacement marks, got $nrep"
else
	skip "pdftotext is not installed"
fi
if have pdffonts; then
	pdffonts "$tmp/fallback.pdf" 2>&1 | awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") { bad = 1 } /rror/ { bad = 1 } END { exit bad }' &&
		ok "the fallback faces are embedded as subsets with ToUnicode maps" ||
		fail "a fallback face is not embedded: $(pdffonts "$tmp/fallback.pdf" 2>&1)"
fi

if have pdftotext; then
	pdftotext "$tmp/paper.pdf" "$tmp/paper.txt" 2>"$tmp/txt.err"
	[ -s "$tmp/txt.err" ] && fail "pdftotext warns: $(head -3 "$tmp/txt.err")" ||
		ok "pdftotext prints no warning"
	if python3 - "$tmp/paper.html" "$tmp/paper.txt" <<'PY'
import re, sys, html
src = open(sys.argv[1], encoding="utf-8").read()
src = re.sub(r'<p class="visually-hidden">.*?</p>', ' ', src, flags=re.S)
src = re.sub(r'<title>.*?</title>', ' ', src, flags=re.S)
# Chart labels are drawn where the chart puts them, not in prose order.
src = re.sub(r'<svg.*?</svg>', ' ', src, flags=re.S)
src = re.sub(r'</?(a|strong|em|span|b|i)( [^>]*)?>', '', src)
def words_of(s):
    return html.unescape(re.sub(r'<[^>]+>', ' ', s)).split()
text = open(sys.argv[2], encoding="utf-8").read()
# Cut words (long URLs) come out on two lines: join them for the check.
got = re.sub(r'(https?://\S*[/\-.?&=_])\n', r'\1', text).split()
# Every word is present, as often as in the source...
from collections import Counter
# pdftotext drops a hyphen at the end of a line (and joins the lines),
# and lines break after the hyphen of "self-assessment" and of URLs, so
# words are compared without their hyphens.
def norm(ws):
    return [w.replace("-", "") for w in ws]
got = norm(got)
need = Counter(norm(words_of(src)))
have = Counter(got)
lost = [w for w in need if have[w] < need[w]]
if lost:
    print("# missing:", lost[:10])
    sys.exit(1)
# ...and prose outside tables comes in reading order. Within a table
# poppler decides the order of cells from their geometry.
prose = norm(words_of(re.sub(r'<table.*?</table>', ' ', src, flags=re.S)))
i = 0
for w in prose:
    try:
        i = got.index(w, i) + 1
    except ValueError:
        print("# out of order:", w, "after", got[max(0, i-5):i])
        sys.exit(1)
PY
	then
		ok "pdftotext gives every word, prose in reading order"
	else
		fail "pdftotext lost a word or the order"
	fi
	# The action plan's header row on every page the table spans.
	pages=$(pdfinfo "$tmp/paper.pdf" | awk '/^Pages:/ { print $2 }')
	first=0 last=0 missing=""
	p=1
	while [ "$p" -le "$pages" ]; do
		t=$(pdftotext -f "$p" -l "$p" "$tmp/paper.pdf" - 2>/dev/null)
		case "$t" in *"Priority "*)
			[ "$first" -eq 0 ] && first=$p
			last=$p
			case "$t" in *"What are the issues"*) ;; *) missing="$missing $p" ;; esac
		esac
		p=$((p + 1))
	done
	if [ "$first" -gt 0 ] && [ "$last" -gt "$first" ] && [ -z "$missing" ]; then
		ok "action plan spans pages $first-$last with its header row on each"
	else
		fail "action plan header row missing on pages:$missing ($first-$last)"
	fi
else
	skip "pdftotext is not installed"
fi

if have qpdf && have python3; then
	qpdf --json --json-key=outlines "$tmp/paper.pdf" >"$tmp/outline.json" 2>/dev/null
	if python3 - "$tmp/paper.html" "$tmp/outline.json" <<'PY'
import json, re, sys, html
src = open(sys.argv[1], encoding="utf-8").read()
heads = [(int(l), html.unescape(re.sub(r'<[^>]+>', '', t)).strip())
         for l, t in re.findall(r'<h([1-6])[^>]*>(.*?)</h\1>', src, re.S)]
data = json.load(open(sys.argv[2]))
got = []
def walk(items, depth):
    for o in items:
        got.append((depth, o["title"]))
        walk(o.get("kids", []), depth + 1)
walk(data["outlines"], 1)
if got != heads:
    print("# outline", got[:5], "\n# headings", heads[:5])
    sys.exit(1)
PY
	then
		ok "the outline matches the headings, nested"
	else
		fail "the outline differs from the headings"
	fi
else
	skip "qpdf or python3 is not installed"
fi

if have pdfinfo; then
	pdfinfo "$tmp/paper.pdf" >"$tmp/info"
	grep -q "^Title: *Children's Social Care Post Ofsted Report" "$tmp/info" &&
		grep -q "^CreationDate: *Tue Jan 14 00:00:00 2020" "$tmp/info" &&
		grep -q "^Author: *clerk test suite" "$tmp/info" &&
		ok "document information and the meeting date" ||
		{ fail "document information"; sed 's/^/# /' "$tmp/info"; }
else
	skip "pdfinfo is not installed"
fi

"$tool" -d 2020-01-14 -T "Children's Social Care Post Ofsted Report" \
	"$tmp/paper.html" "$tmp/again.pdf" 2>/dev/null
cmp -s "$tmp/paper.pdf" "$tmp/again.pdf" &&
	grep -aq '/ID \[' "$tmp/paper.pdf" &&
	ok "identical bytes for identical input, with a document ID" ||
	fail "two runs differ or no /ID"
SOURCE_DATE_EPOCH=1579000000 "$tool" "$tmp/paper.html" "$tmp/sde.pdf" 2>/dev/null
if have pdfinfo && pdfinfo "$tmp/sde.pdf" | grep -q "^CreationDate: *Tue Jan 14 11:06:40 2020"; then
	ok "SOURCE_DATE_EPOCH sets the date when there is no meeting date"
else
	have pdfinfo && fail "SOURCE_DATE_EPOCH ignored" || skip "pdfinfo is not installed"
fi
# Tagged PDF (PDF/UA-1, PDF/A-2a): every file is tagged PDF 1.7 with
# XMP metadata, a structure tree from a Document element, and no content
# operator outside marked content.
if have pdfinfo; then
	bad=""
	for p in "$tmp"/*.pdf; do
		pdfinfo "$p" >"$tmp/i" 2>&1
		grep -q '^Tagged: *yes' "$tmp/i" && grep -q '^PDF version: *1.7' "$tmp/i" &&
			grep -q '^Metadata Stream: *yes' "$tmp/i" || bad="$bad $(basename "$p")"
	done
	[ -z "$bad" ] && ok "every PDF is tagged PDF 1.7 with XMP metadata" ||
		fail "not tagged, not 1.7 or no XMP:$bad"
	pdfinfo -struct-text "$tmp/paper.pdf" 2>"$tmp/st.err" | head -1 | grep -q '^Document' &&
		[ ! -s "$tmp/st.err" ] &&
		ok "the structure tree starts at a Document element" ||
		fail "no Document element: $(head -3 "$tmp/st.err")"
	pdfinfo -struct-text "$tmp/paper.pdf" >"$tmp/st" 2>/dev/null
	missing=""
	for t in H1 P Table TH TD Link Figure; do
		grep -Eq "^ *$t( |:|\$)" "$tmp/st" || missing="$missing $t"
	done
	[ -z "$missing" ] && ok "the structure tree has H1, P, Table, TH, TD, Link and Figure" ||
		fail "the structure tree lacks:$missing"
else
	skip "pdfinfo is not installed"
fi
if /usr/bin/python3 -c 'import pikepdf' 2>/dev/null; then
	if /usr/bin/python3 - "$tmp"/*.pdf <<'PY'
import sys, pikepdf
# Operators that put marks on the page must be inside BDC ... EMC.
paint = {'Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'Do', 'sh'}
bad = 0
for path in sys.argv[1:]:
    pdf = pikepdf.open(path)
    meta = pdf.open_metadata()
    if meta.get('{http://www.aiim.org/pdfua/ns/id/}part') != '1' or meta.pdfa_status != '2A':
        print('# %s: XMP lacks pdfuaid:part 1 or PDF/A-2a' % path); bad += 1
    if pdf.Root.OutputIntents[0].S != '/GTS_PDFA1':
        print('# %s: no PDF/A output intent' % path); bad += 1
    for n, page in enumerate(pdf.pages):
        depth = 0
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ('BDC', 'BMC'):
                depth += 1
            elif op == 'EMC':
                depth -= 1
            elif op in paint and depth <= 0:
                print('# %s page %d: %s outside marked content' % (path, n + 1, op)); bad += 1
                break
        for a in page.get('/Annots', []):
            if '/Contents' not in a or int(a.get('/F', 0)) & 4 == 0:
                print('# %s page %d: annotation without /Contents or /F 4' % (path, n + 1)); bad += 1
sys.exit(1 if bad else 0)
PY
	then
		ok "all content is marked, XMP says PDF/UA-1 and PDF/A-2a, annotations printable with /Contents"
	else
		fail "untagged content, metadata or annotations (above)"
	fi
else
	skip "python3-pikepdf is not installed"
fi
# libharu 2.3.0 writes 16-bit PNGs wrongly; clerk decodes them to 8 bits.
if "$tool" tests/img/deep16.html "$tmp/deep16.pdf" 2>"$tmp/err"; then
	if have pdfimages; then
		pdfimages -list "$tmp/deep16.pdf" | awk 'NR > 2 { print $4, $5, $6, $8 }' >"$tmp/list"
		[ "$(cat "$tmp/list")" = "8 8 rgb 8" ] &&
			ok "a 16-bit PNG is drawn with 8 bits per channel" ||
			fail "16-bit PNG in the PDF: $(cat "$tmp/list")"
	else
		skip "pdfimages is not installed"
	fi
else
	fail "a 16-bit PNG is refused: $(cat "$tmp/err")"
fi
# Every report in content/: each font embedded as a subset (a six-letter
# tag, emb and sub yes), and all their PDFs together at most 700 KB (tagged); the
# generated 12-page paper at most 75 KB.
if have pdffonts && [ -x ./clerk ]; then
	./clerk build -o "$tmp/content" content >/dev/null 2>"$tmp/err" ||
		fail "content/ builds: $(head -3 "$tmp/err")"
	bad="" total=0
	for p in $(find "$tmp/content" -name '*.pdf' | sort); do
		pdffonts "$p" 2>&1 | awk 'NR > 2 && ($1 !~ /^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/ || $(NF-4) != "yes" || $(NF-3) != "yes") { bad = 1 } NR <= 2 && /rror/ { bad = 1 } END { exit bad }' ||
			bad="$bad $(basename "$p")"
		total=$((total + $(wc -c <"$p")))
	done
	[ -z "$bad" ] && [ "$total" -gt 0 ] &&
		ok "content/: every font embedded and subset" ||
		fail "content/: a font not embedded or not subset:$bad"
	[ "$total" -gt 0 ] && [ "$total" -le 716800 ] &&
		ok "content/: the PDFs total $total bytes (at most 700 KB)" ||
		fail "content/: the PDFs total $total bytes (more than 700 KB)"
	python3 bench/gen_paper.py 8 >"$tmp/p12.html"
	"$tool" -d 2020-01-14 "$tmp/p12.html" "$tmp/p12.pdf" 2>/dev/null
	size=$(wc -c <"$tmp/p12.pdf")
	[ "$size" -le 76800 ] &&
		ok "the 12-page paper is $size bytes (at most 75 KB)" ||
		fail "the 12-page paper is $size bytes (more than 75 KB)"
else
	skip "pdffonts or ./clerk is missing"
fi
echo "1..$n"
