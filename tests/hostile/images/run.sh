#!/bin/sh
# Hostile images. Each tests/hostile/images/NAME.yaml is a report whose
# prose shows one broken or hostile image, made by $BUILD/tests/mkimages
# in a fresh folder beside it. `clerk render` must: exit with status 1
# within the time limit; print exactly NAME.expected on stderr (the
# folder's path taken out), each error at the line and column of the
# prose field in the report, where the officer wrote the image; and write
# no file at all.
# CLERK_BLESS=1 rewrites the .expected files from the current output.
BUILD=${BUILD:-build}
dir=tests/hostile/images
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Seconds each; the sanitizer build runs the same code about twice as slowly.
case "$BUILD" in
*asan*) limit_ms=6000 ;;
*) limit_ms=3000 ;;
esac
n=0

ms_since() {
	echo $((($(date +%s%N) - $1) / 1000000))
}

for f in "$dir"/*.yaml; do
	name=$(basename "$f" .yaml)
	expected="$dir/$name.expected"
	[ -f "$expected" ] || [ -n "${CLERK_BLESS:-}" ] || continue
	n=$((n + 1))
	work="$tmp/$name/report"
	mkdir -p "$work"
	"$BUILD/tests/mkimages" "$work" || { echo "not ok $n - $name: mkimages"; continue; }
	cp "$work/rgb8.png" "$tmp/$name/outside.png"
	truncate -s 40M "$work/big.png"
	truncate -s 8M "$work/large.png"
	# A sound 6 MB PNG (padding after its end), for the report's total.
	cp "$work/rgb8.png" "$work/padded.png"
	head -c 6000000 /dev/zero >>"$work/padded.png"
	cp "$f" "$work/"
	start=$(date +%s%N)
	timeout 20 "$CLERK" render -o "$work/out" "$work/$name.yaml" \
		>"$work/stdout" 2>"$work/stderr"
	status=$?
	ms=$(ms_since "$start")
	sed "s|$work/||g" "$work/stderr" >"$work/err"
	[ -n "${CLERK_BLESS:-}" ] && cp "$work/err" "$expected"
	if [ "$status" -ne 1 ]; then
		echo "not ok $n - $name: exit status $status, expected 1"
		sed 's/^/# /' "$work/err"
	elif ! cmp -s "$work/err" "$expected"; then
		echo "not ok $n - $name: diagnostics differ"
		diff "$expected" "$work/err" | sed 's/^/# /'
	elif [ -e "$work/out" ]; then
		echo "not ok $n - $name: an output was written"
	elif [ "$ms" -gt "$limit_ms" ]; then
		echo "not ok $n - $name: took $ms ms, more than $limit_ms"
	else
		echo "ok $n - $name: refused in $ms ms"
	fi
done
echo "1..$n"
