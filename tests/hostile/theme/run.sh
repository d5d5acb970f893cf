#!/bin/sh
# Hostile council themes. Each NAME.yaml here is a council's brand.yaml
# and each NAME.css a council's extra.css whose tokens try to break out of
# the page's CSS (</style><script>, expression(), url(javascript:),
# @import, font names with quotes and braces). Each is copied into a
# temporary templates/NAME beside a copy of clerk (a report can only name
# a theme under the templates/ folder clerk finds beside itself), and
# tests/browser/injection-theme/report.yaml is rendered with
# --council NAME --format html: clerk must exit 1, print exactly NAME.expected, and
# write no page. Then the clean theme of unusual but valid values,
# tests/browser/injection-theme/theme/, must render, be well-formed XML,
# and pass tests/browser/check.mjs --injection in Chromium (skipped when
# Chromium or the browser tests' npm packages are missing).
# CLERK_BLESS=1 rewrites the .expected files from the current output.
src=$(pwd)
CLERK=${CLERK:-$src/clerk}
dir=$src/tests/hostile/theme
case=$src/tests/browser/injection-theme
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$CLERK" "$tmp/clerk"
cp -R "$src/templates" "$src/scripts" "$tmp/"
cp "$case/report.yaml" "$tmp/report.yaml"
n=0
ok() {
	n=$((n + 1))
	printf 'ok %s - %s\n' "$n" "$1"
}
not_ok() {
	n=$((n + 1))
	printf 'not ok %s - %s\n' "$n" "$1"
}

for f in "$dir"/*.yaml "$dir"/*.css; do
	[ -f "$f" ] || continue
	file=$(basename "$f")
	name=${file%.*}
	mkdir -p "$tmp/templates/$name"
	case "$f" in
	*.yaml) cp "$f" "$tmp/templates/$name/brand.yaml" ;;
	*.css) cp "$f" "$tmp/templates/$name/extra.css" ;;
	esac
	# The web page alone: the PDF path's XML parser must not be what
	# stops a payload.
	(cd "$tmp" && ./clerk render --council "$name" --format html \
		-o "out/$name" report.yaml) >/dev/null 2>"$tmp/err"
	status=$?
	if [ -n "${CLERK_BLESS:-}" ]; then
		cp "$tmp/err" "$dir/$name.expected"
	fi
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
	written=$(find "$tmp/out/$name" -type f 2>/dev/null | head -1)
	if [ -z "$written" ]; then
		ok "$file: no page is written"
	else
		not_ok "$file: $written was written"
	fi
done

# The clean theme: unusual but valid values render, and no payload runs.
cp -R "$case/theme" "$tmp/templates/injection-theme"
page=$tmp/out/injection-theme/report.html
if (cd "$tmp" && ./clerk -q render --council injection-theme \
	-o out/injection-theme report.yaml) 2>"$tmp/err"; then
	ok "injection-theme: the clean theme renders (html and pdf)"
else
	not_ok "injection-theme: the clean theme does not render"
	sed 's/^/# /' "$tmp/err"
fi
# Each token as written back from its parsed value.
for want in 'width:12.5mm;' 'border-bottom:1px solid #aabbcc;' \
	'font-family:"Open Sans", "Segoe UI", "Frutiger 55 Roman", system-ui, sans-serif;' \
	'font-family:"serif", "Georgia", serif;' \
	'@page{size:148mm 210mm;margin:15.5mm 12mm 15.5mm 12mm;}' \
	'content:"Injection \3c script\3e window.__pwned=10\3c /script\3e  \22 Borough\22  {Council} \5c  '; do
	if grep -qF -- "$want" "$page" 2>/dev/null; then
		ok "injection-theme: the page's CSS holds $want"
	else
		not_ok "injection-theme: the page's CSS lacks $want"
	fi
done
if xmllint --noout "$page" 2>"$tmp/err"; then
	ok "injection-theme: the page is well-formed XML"
else
	not_ok "injection-theme: the page is not well-formed XML"
	sed 's/^/# /' "$tmp/err"
fi
chromium=${CHROMIUM:-/usr/bin/chromium}
modules=$src/tests/browser/node_modules
if [ ! -x "$chromium" ] || ! command -v node >/dev/null 2>&1 ||
	[ ! -d "$modules/playwright-core" ] || [ ! -d "$modules/axe-core" ] ||
	[ ! -d "$modules/html-validate" ]; then
	echo "# SKIP the Chromium check: no Chromium, Node.js or npm packages"
	echo "# (tests/browser/run.sh installs them)"
elif CHROMIUM=$chromium node "$src/tests/browser/check.mjs" \
	--injection "$page" "$page" >"$tmp/chk" 2>&1; then
	ok "injection-theme: Chromium runs no payload; axe-core and html-validate pass"
else
	not_ok "injection-theme: tests/browser/check.mjs failed"
	sed 's/^/# /' "$tmp/chk"
fi
echo "1..$n"
