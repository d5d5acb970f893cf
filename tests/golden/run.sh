#!/bin/sh
# The whole output of every report in content/, pinned: the page clerk
# writes (NAME.html, byte for byte) and the display list its PDF is drawn
# from (NAME.dl, laid out with the real fonts). A change to the pipeline
# shows here as exactly what it changed. UPDATE=1 rewrites the files after
# a change whose differences are understood.
BUILD=${BUILD:-build}
tool="$BUILD/tests/report_dump"
dir=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for f in content/*/*.yaml; do
	name=$(basename "$f" .yaml)
	council=$(basename "$(dirname "$f")")
	mkdir -p "$tmp/$council"
	if ! "$tool" "$f" "$tmp/$council" 2>"$tmp/err"; then
		n=$((n + 1))
		echo "not ok $n - $f renders"
		sed 's/^/# /' "$tmp/err" | head -20
		continue
	fi
	for ext in html dl; do
		n=$((n + 1))
		got="$tmp/$council/$name.$ext"
		want="$dir/$council/$name.$ext"
		if [ -n "${UPDATE:-}" ]; then
			mkdir -p "$dir/$council"
			cp "$got" "$want"
		fi
		if cmp -s "$got" "$want"; then
			echo "ok $n - $f: $ext as pinned"
		else
			echo "not ok $n - $f: $ext differs from $want"
			diff "$want" "$got" | head -20 | sed 's/^/# /'
		fi
	done
done
