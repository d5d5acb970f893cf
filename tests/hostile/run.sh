#!/bin/sh
# Hostile hooks. Each tests/hostile/NAME.lua runs as the only hook of a
# report, through `clerk data -o OUT`, and must: exit with status 1 within a
# second; print exactly NAME.expected on stderr (with the temporary
# folder's path taken out); leave the existing OUT as it was; print nothing
# on stdout; and leave no trace outside (the canary file the escape
# attempts aim at must not exist). CLERK_BLESS=1 rewrites the .expected
# files from the current output.
#
# A case with a NAME.yaml beside it (a hook whose lambdas the templates
# call, say) uses that file as its report and goes through `clerk render
# --format html` instead, which must leave the existing page as it was.
#
# tests/hostile/stable/ holds a hook that prints pairs order and tostring
# of tables into its data: two runs must give the same bytes.
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
	out="$work/out.json"
	rm -f "$canary"
	if [ -f "$dir/$name.yaml" ]; then
		cp "$dir/$name.yaml" "$work/report.yaml"
		mkdir -p "$work/out"
		out="$work/out/report.html"
		echo previous >"$out"
		start=$(date +%s%N)
		timeout 20 "$CLERK" render --format html -o "$work/out" \
			"$work/report.yaml" >"$work/stdout" 2>"$work/stderr"
		status=$?
	else
		printf 'clerk: 1\nreport: {title: T}\nmeeting:\n  committee: C\n  date: 2020-01-14\nhooks: [%s.lua]\n' "$name" \
			>"$work/report.yaml"
		echo previous >"$out"
		start=$(date +%s%N)
		timeout 20 "$CLERK" data -o "$out" "$work/report.yaml" \
			>"$work/stdout" 2>"$work/stderr"
		status=$?
	fi
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
	elif [ "$(cat "$out")" != previous ]; then
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


# Same input, same bytes: the stable hook, run in two processes.
n=$((n + 1))
mkdir -p "$tmp/stable"
cp "$dir/stable/order.lua" "$tmp/stable/"
printf 'clerk: 1\nreport: {title: T}\nmeeting:\n  committee: C\n  date: 2020-01-14\nhooks: [order.lua]\n' \
	>"$tmp/stable/report.yaml"
"$CLERK" data -o "$tmp/stable/1.json" "$tmp/stable/report.yaml" 2>"$tmp/err" &&
	"$CLERK" data -o "$tmp/stable/2.json" "$tmp/stable/report.yaml" 2>>"$tmp/err"
status=$?
if [ "$status" -ne 0 ]; then
	echo "not ok $n - stable: clerk data failed"
	sed 's/^/# /' "$tmp/err"
elif ! cmp -s "$tmp/stable/1.json" "$tmp/stable/2.json"; then
	echo "not ok $n - stable: two runs differ"
	diff "$tmp/stable/1.json" "$tmp/stable/2.json" | sed 's/^/# /'
elif ! /usr/bin/python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' \
	<"$tmp/stable/1.json" | grep -qF -- "$(cat "$dir/stable/order.expected")"; then
	echo "not ok $n - stable: not the order and ids expected"
	sed 's/^/# /' "$tmp/stable/1.json"
else
	echo "ok $n - stable: two runs give the same bytes"
fi

echo "1..$n"
