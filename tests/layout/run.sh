#!/bin/sh
# Layout golden files: each tests/layout/NAME.html is laid out with the
# fixed-width test metrics and its display-list dump compared with
# NAME.expected; each tests/layout/errors/NAME.html must fail with exactly
# the diagnostics in NAME.expected. UPDATE=1 rewrites the expected files.
BUILD=${BUILD:-build}
tool="$BUILD/tests/layout_dump"
dir=$(dirname "$0")
n=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in "$dir"/*.html "$dir"/errors/*.html; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	exp="${f%.html}.expected"
	case "$f" in
	*/errors/*)
		want=1
		"$tool" "$f" >/dev/null 2>"$tmp"
		status=$?
		;;
	*)
		want=0
		"$tool" "$f" >"$tmp" 2>&1
		status=$?
		;;
	esac
	if [ -n "${UPDATE:-}" ]; then
		cp "$tmp" "$exp"
	fi
	if [ "$status" -ne "$want" ]; then
		echo "not ok $n - $f: exit status $status, expected $want"
		sed 's/^/# /' "$tmp" | head -20
	elif ! cmp -s "$tmp" "$exp"; then
		echo "not ok $n - $f: differs from $exp"
		diff "$exp" "$tmp" | head -20 | sed 's/^/# /'
	else
		echo "ok $n - $f"
	fi
done
echo "1..$n"
