#!/bin/sh
# The Mustache engine against the official specification (every case by
# name) and the corpus of malformed templates.
#
# The specification's test files (mustache/spec v1.4.2) are kept in
# tests/mustache/spec; $MUSTACHE_SPEC points at another copy.
# Each tests/mustache/errors/NAME.mustache must make `clerk template` exit
# with status 1 and print exactly NAME.expected on stderr; CLERK_BLESS=1
# rewrites the .expected files.
BUILD=${BUILD:-build}
spec=${MUSTACHE_SPEC:-tests/mustache/spec}
if [ -f "$spec/interpolation.yml" ]; then
	"$BUILD/tests/mustache_spec" "$spec" | grep -v '^1\.\.'
else
	echo "not ok - mustache spec: no test files in $spec"
fi
dir=tests/mustache/errors
out=$(mktemp)
trap 'rm -f "$out"' EXIT
n=0
for f in "$dir"/*.mustache; do
	name=${f%.mustache}
	[ -f "$name.expected" ] || [ -n "${CLERK_BLESS:-}" ] || continue
	n=$((n + 1))
	"$CLERK" template "$f" >/dev/null 2>"$out"
	status=$?
	[ -n "${CLERK_BLESS:-}" ] && cp "$out" "$name.expected"
	if [ "$status" -ne 1 ]; then
		echo "not ok - template error $f: exit status $status, expected 1"
	elif ! cmp -s "$out" "$name.expected"; then
		echo "not ok - template error $f: diagnostics differ"
		diff "$name.expected" "$out" | sed 's/^/# /'
	else
		echo "ok - template error $f"
	fi
done
