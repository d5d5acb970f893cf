#!/bin/sh
# The wrong-report corpus: each tests/errors/NAME.yaml must make
# `clerk check` print exactly NAME.expected on stderr, and exit with
# status 1, or 0 when NAME.expected holds only warnings.
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
	want=1
	grep -q ': error: ' "$name.expected" 2>/dev/null || want=0
	if [ "$status" -ne "$want" ]; then
		echo "not ok $n - $f: exit status $status, expected $want"
	elif ! cmp -s "$out" "$name.expected"; then
		echo "not ok $n - $f: diagnostics differ"
		diff "$name.expected" "$out" | sed 's/^/# /'
	else
		echo "ok $n - $f"
	fi
done
echo "1..$n"
