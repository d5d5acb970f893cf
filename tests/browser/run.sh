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
injections=""
# render FILE DIR: renders FILE into DIR and adds its page to $pages.
render() {
	mkdir -p "$2"
	if ! "$CLERK" -q render -o "$2" "$1" 2>"$out/err"; then
		echo "not ok - clerk render $1"
		sed 's/^/# /' "$out/err"
		return 1
	fi
	page="$2/$(basename "$1" .yaml).html"
	if xmllint --noout "$page" 2>"$out/err"; then
		echo "ok - $1: the page is well-formed XML (xmllint)"
	else
		echo "not ok - $1: the page is not well-formed XML"
		sed 's/^/# /' "$out/err"
	fi
	pages="$pages $page"
}
for f in $(find content -name '*.yaml' | sort); do
	render "$f" "$out/pages"
done
# Injection reports: tests/browser/injection*.yaml, and folders
# tests/browser/injection-*/ whose report.yaml brings its own theme or hooks.
for f in "$dir"/injection*.yaml "$dir"/injection-*/report.yaml; do
	[ -f "$f" ] || continue
	case "$f" in
	*/report.yaml) to="$out/$(basename "$(dirname "$f")")" ;;
	*) to="$out/injection" ;;
	esac
	render "$f" "$to" && injections="$injections --injection $page"
done
# shellcheck disable=SC2086 # word splitting is meant
CHROMIUM=$chromium node "$dir/check.mjs" $injections $pages
