#!/bin/sh
# The hook library: its Lua tests (tests/hooks/test_*.lua, run by hookrun
# through clerk's own hook runtime), the example report's data through
# `clerk data` against report.expected, and the formatting lambdas.
# CLERK_BLESS=1 rewrites report.expected from the current output.
dir=tests/hooks
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hookrun="$BUILD/tests/hookrun"
n=0

for f in "$dir"/test_*.lua; do
	if ! "$hookrun" --tap "$f" >"$tmp/out" 2>"$tmp/err"; then
		if ! grep -q '^not ok' "$tmp/out"; then
			echo "not ok - $f: the test file failed"
			sed 's/^/# /' "$tmp/err"
		fi
	fi
	cat "$tmp/out"
	n=$((n + $(grep -c '^\(not \)\{0,1\}ok' "$tmp/out")))
done

# check NAME COMMAND...: the command exits 0.
check() {
	n=$((n + 1))
	name=$1
	shift
	if "$@" >"$tmp/check" 2>&1; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		sed 's/^/# /' "$tmp/check" | head -20
	fi
}

report="$dir/report/report.yaml"
data() {
	"$CLERK" data --scripts scripts "$@"
}
data "$report" >"$tmp/data" 2>"$tmp/data.err"
status=$?
[ -n "${CLERK_BLESS:-}" ] && cp "$tmp/data" "$dir/report/report.expected"
check "clerk data on the example report exits 0" test "$status" -eq 0
check "clerk data prints the expected data" \
	cmp "$tmp/data" "$dir/report/report.expected"
check "clerk data prints no diagnostics" test ! -s "$tmp/data.err"
data "$report" >"$tmp/data2" 2>&1
check "clerk data gives the same bytes twice" cmp "$tmp/data" "$tmp/data2"
data --as-of 2020-04-15 "$report" >"$tmp/later" 2>&1
check "--as-of moves today: the March action is overdue in April" \
	grep -qF '"overdue_count": 1' "$tmp/later"
check "--as-of moves the plan's days left" \
	grep -qF '"plan_days_left": -169' "$tmp/later"
check "-o writes the data to a file" \
	data -o "$tmp/out.json" "$report"
check "the file holds the same data" cmp "$tmp/out.json" "$tmp/data"
if [ -d "$(dirname "$CLERK")/scripts" ]; then
	"$CLERK" data "$report" >"$tmp/found" 2>&1
	check "clerk finds the library in scripts/ beside itself" \
		cmp "$tmp/found" "$tmp/data"
fi

# lambda NAME TEXT EXPECTED: the formats hook's lambda prints EXPECTED.
lambda() {
	n=$((n + 1))
	got=$("$hookrun" --lambda "$1" "$2" scripts/formats.lua 2>&1)
	if [ "$got" = "$3" ]; then
		echo "ok $n - lambda $1 on '$2'"
	else
		echo "not ok $n - lambda $1 on '$2'"
		printf '# got:\n%s\n# expected:\n%s\n' "$got" "$3" | sed 's/^/# /'
	fi
}
lambda date_long 2019-08-20 "20 August 2019"
lambda date_long "  2019-08-20 " "20 August 2019"
lambda date_ordinal 2016-01-20 "20th January 2016"
lambda money 800000 "£800,000"
lambda money_short 1200000 "£1.2m"
lambda percent 45.4 "45%"
lambda quarter "2011-12 Q3" "Q3 2011/12"
lambda financial_year 2019-07-01 "2019/20"
lambda money "a lot" "scripts/formats.lua:29: error: hook 'formats' lambda 'money' failed: 'a lot' is not a number
scripts/formats.lua:20: note: in function 'number'
scripts/formats.lua:29: note: in the function defined at line 29"

echo "1..$n"
