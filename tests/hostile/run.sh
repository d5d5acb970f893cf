#!/bin/sh
# Hostile hooks. Each tests/hostile/NAME.lua runs as the only hook of a
# report, through `clerk data -o OUT`, and must: exit with status 1 within a
# second; print exactly NAME.expected on stderr (with the temporary
# folder's path taken out); leave the existing OUT as it was; print nothing
# on stdout; and leave no trace outside (the canary file the escape
# attempts aim at must not exist). CLERK_BLESS=1 rewrites the .expected
# files from the current output.
#
# Two more cases need the wall-clock stop, which is 2 s for clerk; they run
# through hookrun with a 300 ms limit instead.
dir=tests/hostile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
canary=/tmp/clerk-hostile-escaped
# A second each; the sanitizer build runs the same code about twice as slowly.
case "$BUILD" in
*asan*) limit_ms=3000 ;;
*) limit_ms=1000 ;;
esac
n=0

ms_since() {
	echo $((($(date +%s%N) - $1) / 1000000))
}

for f in "$dir"/*.lua; do
	name=$(basename "$f" .lua)
	expected="$dir/$name.expected"
	[ -f "$expected" ] || [ -n "${CLERK_BLESS:-}" ] || continue
	n=$((n + 1))
	work="$tmp/$name"
	mkdir -p "$work"
	cp "$f" "$work/"
	printf 'clerk: 1\nreport: {title: T}\nmeeting:\n  committee: C\n  date: 2020-01-14\nhooks: [%s.lua]\n' "$name" \
		>"$work/report.yaml"
	echo previous >"$work/out.json"
	rm -f "$canary"
	start=$(date +%s%N)
	timeout 20 "$CLERK" data -o "$work/out.json" "$work/report.yaml" \
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
	elif [ "$ms" -ge "$limit_ms" ]; then
		echo "not ok $n - $name: took $ms ms (limit $limit_ms ms)"
	elif [ "$(cat "$work/out.json")" != previous ]; then
		echo "not ok $n - $name: the output file was replaced"
	elif [ -s "$work/stdout" ]; then
		echo "not ok $n - $name: printed on stdout"
	elif [ -e "$canary" ]; then
		echo "not ok $n - $name: $canary was created"
	else
		echo "ok $n - $name ($ms ms)"
	fi
done

# expect_timed NAME MESSAGE: hookrun with a 300 ms stop exits 1 with
# MESSAGE on stderr, within 2 s.
expect_timed() {
	n=$((n + 1))
	start=$(date +%s%N)
	timeout 20 "$BUILD/tests/hookrun" --time-limit 300 "$dir/timed/$1.lua" \
		>/dev/null 2>"$tmp/err"
	status=$?
	ms=$(ms_since "$start")
	if [ "$status" -ne 1 ]; then
		echo "not ok $n - $1: exit status $status, expected 1"
		sed 's/^/# /' "$tmp/err"
	elif ! grep -qF -- "$2" "$tmp/err"; then
		echo "not ok $n - $1: message not found: $2"
		sed 's/^/# /' "$tmp/err"
	elif [ "$ms" -ge 2000 ]; then
		echo "not ok $n - $1: took $ms ms"
	else
		echo "ok $n - $1 ($ms ms)"
	fi
}
expect_timed pattern "tests/hostile/timed/pattern.lua: error: hook 'pattern' is stuck in a C function past its time limit (300 ms); stopping"
expect_timed slow_calls "tests/hostile/timed/slow_calls.lua:5: error: hook 'slow_calls' ran past its time limit (300 ms)"

echo "1..$n"
