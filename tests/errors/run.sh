#!/bin/sh
# The wrong-report corpus: each tests/errors/NAME.yaml must make
# `clerk check` exit with status 1 and print exactly NAME.expected on stderr.
# CLERK_BLESS=1 rewrites the .expected files from the current output.
dir=tests/errors
out=$(mktemp)
trap 'rm -f "$out"' EXIT
n=0
for f in "$dir"/*.yaml; do
	name=${f%.yaml}
	[ -f "$name.expected" ] || [ -n "${CLERK_BLESS:-}" ] || continue
	n=$((n + 1))
	"$CLERK" check "$f" >/dev/null 2>"$out"
	status=$?
	if [ -n "${CLERK_BLESS:-}" ]; then
		cp "$out" "$name.expected"
	fi
	if [ "$status" -ne 1 ]; then
		echo "not ok $n - $f: exit status $status, expected 1"
	elif ! cmp -s "$out" "$name.expected"; then
		echo "not ok $n - $f: diagnostics differ"
		diff "$name.expected" "$out" | sed 's/^/# /'
	else
		echo "ok $n - $f"
	fi
done
echo "1..$n"
