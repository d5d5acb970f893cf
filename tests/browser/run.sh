#!/bin/sh
# Browser tests: every report in content/ and the injection report are
# rendered and checked in headless Chromium (axe-core, html-validate, no
# script runs). Skips, with a TAP message, when Chromium or Node cannot be
# had. npm packages are installed from package-lock.json when missing.
dir=tests/browser
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] && [ "$(id -u)" -eq 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends chromium >/dev/null 2>&1
fi
if [ ! -x "$chromium" ]; then
	echo "1..0 # SKIP Chromium is not installed (apt-get install chromium)"
	exit 0
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "1..0 # SKIP Node.js and npm are not installed"
	exit 0
fi
if [ ! -d "$dir/node_modules/playwright-core" ] ||
	[ ! -d "$dir/node_modules/axe-core" ] ||
	[ ! -d "$dir/node_modules/html-validate" ]; then
	if ! (cd "$dir" && npm ci --no-audit --no-fund >/dev/null 2>&1); then
		echo "1..0 # SKIP npm ci failed in $dir (no network?)"
		exit 0
	fi
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pages=""
for f in $(find content -name '*.yaml' | sort) "$dir/injection.yaml"; do
	if ! "$CLERK" -q render -o "$out" "$f" 2>"$out/err"; then
		echo "not ok - clerk render $f"
		sed 's/^/# /' "$out/err"
		continue
	fi
	page="$out/$(basename "$f" .yaml).html"
	if xmllint --noout "$page" 2>"$out/err"; then
		echo "ok - $f: the page is well-formed XML (xmllint)"
	else
		echo "not ok - $f: the page is not well-formed XML"
		sed 's/^/# /' "$out/err"
	fi
	pages="$pages $page"
done
CHROMIUM=$chromium node "$dir/check.mjs" --injection "$out/injection.html" $pages
