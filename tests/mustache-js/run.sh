#!/bin/sh
# Differential test: clerk's Mustache engine against mustache.js (the npm
# package `mustache`, pinned in package-lock.json) on generated templates
# and data. Every difference must be one that docs/mustache.md documents.
#
# MUSTACHE_DIFF_SEEDS (default "1 2 3") and MUSTACHE_DIFF_CASES (default
# 1000 per seed) set the size; `make test-long` runs many more. Installs
# node and npm (Debian packages nodejs npm) when missing and run as root,
# and the npm package on first use; says that it skipped otherwise.
BUILD=${BUILD:-build}
here=tests/mustache-js
seeds=${MUSTACHE_DIFF_SEEDS:-1 2 3}
cases=${MUSTACHE_DIFF_CASES:-1000}
skip() {
	echo "# $1"
	echo "ok - mustache.js differential # SKIP $1"
	exit 0
}
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends nodejs npm >/dev/null 2>&1
	fi
	command -v node >/dev/null && command -v npm >/dev/null ||
		skip "node and npm are not installed (apt-get install nodejs npm)"
fi
if [ ! -f "$here/node_modules/mustache/mustache.js" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --silent >/dev/null 2>&1) ||
		skip "npm could not install mustache.js (offline?)"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=""
for s in $seeds; do
	node "$here/gen.js" "$s" "$cases" "$tmp/cases-$s.json" ||
		{ echo "not ok - gen.js failed for seed $s"; exit 1; }
	files="$files $tmp/cases-$s.json"
done
# shellcheck disable=SC2086
"$BUILD/tests/mustache_diff" $files | grep -v '^1\.\.'
