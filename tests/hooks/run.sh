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

# lambda NAME TEXT EXPECTED: the formats hook's lambda prints EXPECTED
# (the hook and its modules from $lib).
lib=scripts
lambda() {
	n=$((n + 1))
	got=$("$hookrun" --scripts "$lib" --lambda "$1" "$2" \
		"$lib/formats.lua" 2>&1)
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
lambda upper "Children's Q&A; & Cabinet" "CHILDREN'S Q&A; & CABINET"
lambda money "a lot" "scripts/formats.lua:31: error: hook 'formats' lambda 'money' failed: 'a lot' is not a number
scripts/formats.lua:21: note: in function 'number'
scripts/formats.lua:31: note: in the function defined at line 31"
lambda quarter x "scripts/lib/dates.lua:621: error: hook 'formats' lambda 'quarter' failed: 'x' is not a quarter (write Q3 2019/20 or 2019-20 Q3)
scripts/lib/dates.lua:257: note: in function 'fail'
scripts/lib/dates.lua:594: note: in function 'parse_quarter'
scripts/lib/dates.lua:621: note: in the function defined at line 620"

# The library is built into clerk as bytecode, taken for a file with
# exactly the bytes it was built from wherever the file lies. A copy
# under a long path (its name takes two bytes in the bytecode) names
# itself in errors, at the same lines.
lib="$tmp/$(printf '%0140d' 0)/scripts"
mkdir -p "$lib"
cp -R scripts/. "$lib"
data() {
	"$CLERK" data --scripts "$lib" "$@"
}
data "$report" >"$tmp/copy" 2>&1
check "a copy of the library gives the same data" cmp "$tmp/copy" "$tmp/data"
lambda money "a lot" "$lib/formats.lua:31: error: hook 'formats' lambda 'money' failed: 'a lot' is not a number
$lib/formats.lua:21: note: in function 'number'
$lib/formats.lua:31: note: in the function defined at line 31"
lambda quarter x "$lib/lib/dates.lua:621: error: hook 'formats' lambda 'quarter' failed: 'x' is not a quarter (write Q3 2019/20 or 2019-20 Q3)
$lib/lib/dates.lua:257: note: in function 'fail'
$lib/lib/dates.lua:594: note: in function 'parse_quarter'
$lib/lib/dates.lua:621: note: in the function defined at line 620"
# An edited file runs as edited: a line added at the top moves the
# lines of errors, and one byte changed in a module (the same length)
# changes what it prints.
{ echo "-- edited"; cat scripts/formats.lua; } >"$lib/formats.lua"
sed 's/"bn"/"BN"/' scripts/lib/numbers.lua >"$lib/lib/numbers.lua"
check "the edit keeps numbers.lua's length" test \
	"$(wc -c <"$lib/lib/numbers.lua")" -eq "$(wc -c <scripts/lib/numbers.lua)"
lambda money "a lot" "$lib/formats.lua:32: error: hook 'formats' lambda 'money' failed: 'a lot' is not a number
$lib/formats.lua:22: note: in function 'number'
$lib/formats.lua:32: note: in the function defined at line 32"
lambda money_short 2500000000 "£2.5BN"
lib=scripts
data() {
	"$CLERK" data --scripts scripts "$@"
}

# Finding hooks. expect_error NAME YAML MESSAGE: a report of YAML in a
# fresh folder (holding a.lua, b.lua, sub/a.lua and a link leading out)
# makes clerk data exit 1 with MESSAGE (the folder's path taken out).
w="$tmp/lookup"
mkdir -p "$w/sub" "$tmp/outside"
echo 'return {order = {computed.b ~= nil, computed.a ~= nil}}' >"$w/a.lua"
echo 'return {seen_a = computed.a ~= nil}' >"$w/b.lua"
echo 'return {}' >"$w/sub/a.lua"
echo 'return {}' >"$tmp/outside/evil.lua"
ln -s "$tmp/outside/evil.lua" "$w/evil.lua"
expect_error() {
	n=$((n + 1))
	printf '%s\n' "$2" >"$w/report.yaml"
	"$CLERK" data --scripts scripts "$w/report.yaml" >/dev/null 2>"$tmp/err"
	status=$?
	sed "s|$w/||g; s|$w|.|g" "$tmp/err" >"$tmp/err2"
	if [ "$status" -eq 1 ] && grep -qxF -- "$3" "$tmp/err2"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1 (exit status $status)"
		sed 's/^/# /' "$tmp/err2"
	fi
}
# A valid report: the schema runs before any hook.
date='clerk: 1
report: {title: T}
meeting: {committee: C, date: 2020-01-14}'
expect_error "a name cannot climb out with .." "$date
hooks: [../a.lua]" \
	"report.yaml:4:9: error: hook name '../a.lua' is not allowed: give a relative path of plain names, without '..'"
expect_error "a name cannot be absolute" "$date
hooks: [/etc/a.lua]" \
	"report.yaml:4:9: error: hook name '/etc/a.lua' is not allowed: give a relative path of plain names, without '..'"
expect_error "a link cannot lead outside" "$date
hooks: [evil.lua]" \
	"report.yaml:4:9: error: hook 'evil.lua' leads outside its folder"
expect_error "a missing hook names both folders" "$date
hooks: [missing.lua]" \
	"report.yaml:4:9: error: hook 'missing.lua' not found in . or scripts"
expect_error "two hooks cannot share a name" "$date
hooks: [a.lua, sub/a.lua]" \
	"report.yaml:4:16: error: two hooks are named 'a' (sub/a.lua and one before it); computed.a can hold only one"
expect_error "hooks must be a list" "$date
hooks: a.lua" \
	"report.yaml:4:8: error: hooks: expected a list of strings, got \"a.lua\""
printf '%s\nhooks: [b, a.lua, b.lua]\n' "$date" >"$w/report.yaml"
data "$w/report.yaml" 2>&1 |
	/usr/bin/python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' \
		>"$tmp/order" 2>&1
check "hooks run in order, each once (b and b.lua are one), and see what ran before" \
	grep -qF '"b": {"seen_a": false}, "a": {"order": [true, false]}}' \
	"$tmp/order"

# A lambda called as the page is made sees what its hook saw when it ran:
# not what later hooks computed (local/b.lua, after it), nor the names the
# view adds to the report (the lambda's own, `peek`), nor, walking a table
# its hook had read, keys added since.
w="$tmp/snapshot"
mkdir -p "$w/local"
cat >"$w/local/a.lua" <<'EOF'
local title = report.report.title
return {lambdas = {peek = function()
	local function keys(t)
		local ks = {}
		for k in pairs(t) do ks[#ks + 1] = k end
		return table.concat(ks, ",")
	end
	return tostring(computed.b and computed.b.secret) .. " " ..
		tostring(report.peek) .. " " .. keys(computed) .. " " .. keys(report)
end}}
EOF
echo 'return {secret = "from b"}' >"$w/local/b.lua"
printf '%s\nhooks: [local/a.lua, local/b.lua]\n' "$date" >"$w/report.yaml"
echo '{{peek}}' >"$w/peek.mustache"
"$CLERK" template "$w/peek.mustache" "$w/report.yaml" >"$tmp/peek" 2>&1
check "a lambda sees the computed data and report its hook saw" \
	grep -qxF "nil nil formats,inspection,plan,progress,series clerk,report,meeting,hooks" \
	"$tmp/peek"
echo "1..$n"
