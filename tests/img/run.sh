#!/bin/sh
# Images in the PDF. Fixtures are written by $BUILD/tests/mkimages: each
# good PNG and JPEG (16-bit, interlaced, palette with transparency, grey
# with alpha, progressive, 200 KB of metadata before the frame) must be
# embedded as 8 bits per channel with a soft mask where it is transparent,
# and drawn in its colours (the page is rasterised and sampled). A theme's
# PNG or JPEG logo must appear in the PDF. A Markdown image outside the
# report's folder (.., an absolute path, a symbolic link) is an error at
# the prose field's line in the report, with no file written. A Markdown
# image is embedded in the web page as a data: URI (the page needs no
# other file) and the PDF draws the same image.
BUILD=${BUILD:-build}
CLERK=${CLERK:-$PWD/clerk}
tool="$PWD/$BUILD/tests/html2pdf"
case "$BUILD" in /*) tool="$BUILD/tests/html2pdf" ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
fail() { n=$((n + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n - # SKIP $*"; }
have() { command -v "$1" >/dev/null 2>&1; }

mkdir -p "$tmp/fx"
"$BUILD/tests/mkimages" "$tmp/fx" || { fail "mkimages"; 
# The page embeds the image; the PDF, typeset from the page, draws it.
report "$tmp/r/embed.yaml" sub/inside.png
rm -rf "$tmp/out"
if "$tmp/data/clerk" -q render -o "$tmp/out" "$tmp/r/embed.yaml" 2>"$tmp/err"; then
	uri="data:image/png;base64,$(base64 -w0 "$tmp/r/sub/inside.png")"
	grep -qF "<img src=\"$uri\" alt=\"The chart\"" "$tmp/out/embed.html" &&
		! grep -q '<img src="[^d]' "$tmp/out/embed.html" &&
		ok "a Markdown image is embedded in the page as a data: URI" ||
		fail "the page's images: $(grep -o '<img src="[^"]\{0,40\}' "$tmp/out/embed.html")"
	got=$(pdfimages -list "$tmp/out/embed.pdf" 2>/dev/null | awk 'NR > 2 { printf "%s %s %s %s;", $3, $4, $5, $6 }')
	[ "$got" = "image 16 16 rgb;" ] &&
		ok "the PDF draws the embedded image" ||
		fail "the embedded image in the PDF: got '$got'"
else
	fail "a Markdown image fails the render: $(cat "$tmp/err")"
fi
echo "1..$n"; exit 1; }

# name, colour space and soft mask in the PDF, then the colours expected at
# the middle of the left and the right half (R,G,B; "white" where the
# picture is transparent) and the tolerance.
while read -r name space mask left right tol; do
	html="$tmp/fx/${name%.*}.html"
	printf '<html xmlns="http://www.w3.org/1999/xhtml"><body><img src="%s" alt="x" width="160"/></body></html>\n' \
		"$name" >"$html"
	pdf="$tmp/${name%.*}.pdf"
	# html2pdf takes images from inside the folder it runs in.
	if ! (cd "$tmp/fx" && "$tool" "$html" "$pdf") 2>"$tmp/err"; then
		fail "$name renders: $(cat "$tmp/err")"
		continue
	fi
	if have pdfimages; then
		got=$(pdfimages -list "$pdf" | awk 'NR > 2 { printf "%s %s %s %s %s;", $3, $4, $5, $6, $8 }')
		want="image 16 16 $space 8;"
		[ "$mask" = smask ] && want="${want}smask 16 16 gray 8;"
		[ "$got" = "$want" ] && ok "$name is embedded as $want" ||
			fail "$name in the PDF: got '$got', expected '$want'"
	else
		skip "pdfimages is not installed"
	fi
	if have pdftoppm; then
		pdftoppm -r 60 -f 1 -l 1 "$pdf" "$tmp/page"
		if python3 - "$tmp"/page-1.ppm "$left" "$right" "$tol" <<'PY'; then
import sys
data = open(sys.argv[1], "rb").read()
# P6 header: magic, width, height, maxval, then RGB bytes.
parts = data.split(maxsplit=4)
w, h = int(parts[1]), int(parts[2])
px = parts[4]
def at(x, y):
    i = (y * w + x) * 3
    return tuple(px[i:i + 3])
def want(s):
    return (255, 255, 255) if s == "white" else tuple(int(v) for v in s.split(","))
tol = int(sys.argv[4])
# The image: 120 pt square at the top-left margin (56.69 pt), 60 dpi.
x0 = y0 = round(56.69 * 60 / 72)
size = 100
for x, exp in ((x0 + size // 4, sys.argv[2]), (x0 + 3 * size // 4, sys.argv[3])):
    got, e = at(x, y0 + size // 2), want(exp)
    if any(abs(a - b) > tol for a, b in zip(got, e)):
        print("# at x=%d: got %s, expected %s" % (x, got, e))
        sys.exit(1)
PY
			ok "$name is drawn in its colours"
		else
			fail "$name is drawn in the wrong colours"
		fi
		rm -f "$tmp"/page-*.ppm
	else
		skip "pdftoppm is not installed"
	fi
done <<'EOF'
rgb8.png rgb none 208,16,16 16,16,192 2
rgb16.png rgb none 208,16,16 16,16,192 2
grey16.png gray none 73,73,73 33,33,33 2
interlaced.png rgb none 208,16,16 16,16,192 2
interlaced16.png rgb none 208,16,16 16,16,192 2
palette-trns.png rgb smask 208,16,16 white 2
grey-alpha.png gray smask 73,73,73 white 2
rgba-half.png rgb smask 208,16,16 136,136,224 3
photo.jpg rgb none 208,16,16 16,16,192 12
progressive.jpg rgb none 208,16,16 16,16,192 12
grey.jpg gray none 73,73,73 33,33,33 12
metadata.jpg rgb none 208,16,16 16,16,192 12
EOF

# A copy of clerk with its templates, and a theme of our own.
mkdir -p "$tmp/data/templates/imgtest" "$tmp/r"
cp "$CLERK" "$tmp/data/clerk"
cp -R templates/default "$tmp/data/templates/"
cp -R scripts "$tmp/data/"
printf 'council:\n  name: Imgtest Council\n  logo: logo.png\n' \
	>"$tmp/data/templates/imgtest/brand.yaml"
report() { # report FILE IMAGE-SRC
	cat >"$1" <<EOF
clerk: 1
council: imgtest
meeting:
  committee: Cabinet
  date: 2021-06-23
  item: "9"
  class: Part 1
report:
  title: Images
  summary: |
    A chart:

    ![The chart]($2)
EOF
}

# A PNG logo and a JPEG logo: once libharu refused both, failing every PDF.
for logo in rgb8.png photo.jpg; do
	ext=${logo#*.}
	cp "$tmp/fx/$logo" "$tmp/data/templates/imgtest/logo.$ext"
	printf 'council:\n  name: Imgtest Council\n  logo: logo.%s\n' "$ext" \
		>"$tmp/data/templates/imgtest/brand.yaml"
	cp "$tmp/fx/rgb8.png" "$tmp/r/chart.png"
	report "$tmp/r/logo.yaml" chart.png
	rm -rf "$tmp/out"
	if "$tmp/data/clerk" -q render -o "$tmp/out" "$tmp/r/logo.yaml" 2>"$tmp/err"; then
		count=$(pdfimages -list "$tmp/out/logo.pdf" 2>/dev/null | awk 'NR > 2' | wc -l)
		[ "$count" -eq 2 ] && ok "a theme's .$ext logo is drawn in the PDF" ||
			fail "a theme's .$ext logo: $count images in the PDF, expected 2"
	else
		fail "a theme's .$ext logo fails the PDF: $(head -3 "$tmp/err")"
	fi
done

# A damaged logo is an error at the theme's logo line.
head -c 40 "$tmp/fx/rgb8.png" >"$tmp/data/templates/imgtest/logo.png"
printf 'council:\n  name: Imgtest Council\n  logo: logo.png\n' \
	>"$tmp/data/templates/imgtest/brand.yaml"
rm -rf "$tmp/out"
if "$tmp/data/clerk" -q render -o "$tmp/out" "$tmp/r/logo.yaml" 2>"$tmp/err"; then
	fail "a damaged PNG logo was accepted"
else
	grep -q "templates/imgtest/brand.yaml:3:9: error: image logo.png is damaged: the file ends before the picture does" "$tmp/err" &&
		[ ! -e "$tmp/out/logo.pdf" ] &&
		ok "a damaged logo is an error at council.logo" ||
		fail "damaged logo: $(cat "$tmp/err")"
fi

# Markdown images stay inside the report's folder (a theme with no logo).
printf 'council:\n  name: Imgtest Council\n' >"$tmp/data/templates/imgtest/brand.yaml"
mkdir -p "$tmp/outside"
cp "$tmp/fx/rgb8.png" "$tmp/outside/secret.png"
ln -s "$tmp/outside/secret.png" "$tmp/r/link.png"
mkdir -p "$tmp/r/sub"
cp "$tmp/fx/rgb8.png" "$tmp/r/sub/inside.png"
while read -r src what; do
	report "$tmp/r/conf.yaml" "$src"
	rm -rf "$tmp/out"
	if "$tmp/data/clerk" -q render -o "$tmp/out" "$tmp/r/conf.yaml" 2>"$tmp/err"; then
		fail "$what ($src) was read"
	elif grep -q "^$tmp/r/conf.yaml:10:12: error: image $src is not a file inside the report's folder$" "$tmp/err" &&
		[ ! -e "$tmp/out" ]; then
		ok "$what is refused at its position, no file written"
	else
		fail "$what: $(cat "$tmp/err")"
	fi
done <<EOF
../outside/secret.png a path out of the folder by ..
$tmp/outside/secret.png an absolute path
link.png a symbolic link out of the folder
EOF
report "$tmp/r/conf.yaml" sub/inside.png
rm -rf "$tmp/out"
"$tmp/data/clerk" -q render -o "$tmp/out" "$tmp/r/conf.yaml" 2>"$tmp/err" &&
	ok "an image in a folder inside the report's folder is drawn" ||
	fail "sub/inside.png: $(cat "$tmp/err")"

# The page embeds the image; the PDF, typeset from the page, draws it.
report "$tmp/r/embed.yaml" sub/inside.png
rm -rf "$tmp/out"
if "$tmp/data/clerk" -q render -o "$tmp/out" "$tmp/r/embed.yaml" 2>"$tmp/err"; then
	uri="data:image/png;base64,$(base64 -w0 "$tmp/r/sub/inside.png")"
	grep -qF "<img src=\"$uri\" alt=\"The chart\"" "$tmp/out/embed.html" &&
		! grep -q '<img src="[^d]' "$tmp/out/embed.html" &&
		ok "a Markdown image is embedded in the page as a data: URI" ||
		fail "the page's images: $(grep -o '<img src="[^"]\{0,40\}' "$tmp/out/embed.html")"
	got=$(pdfimages -list "$tmp/out/embed.pdf" 2>/dev/null | awk 'NR > 2 { printf "%s %s %s %s;", $3, $4, $5, $6 }')
	[ "$got" = "image 16 16 rgb;" ] &&
		ok "the PDF draws the embedded image" ||
		fail "the embedded image in the PDF: got '$got'"
else
	fail "a Markdown image fails the render: $(cat "$tmp/err")"
fi
echo "1..$n"
