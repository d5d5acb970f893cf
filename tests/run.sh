#!/bin/sh
# Runs every test suite and ends with one line: "N passed, N failed".
#
# Each suite prints TAP lines ("ok N - name", "not ok N - name"): the unit
# test binaries (cmocka in TAP mode) in $BUILD/tests, every tests/*/run.sh
# and every tests/hostile/*/run.sh. A suite that exits non-zero without
# reporting a failure (a crash, say) counts as one failure.
#
# A line "ok N - ... # SKIP reason" counts as skipped, not passed, and so
# does a suite that prints "1..0 # SKIP reason". With CLERK_REQUIRE_TOOLS=1
# (as CI sets it) a skip because a tool is missing ("... is not installed",
# "could not install", "npm ci failed") counts as a failure: on Debian 12
# every suite can run.
BUILD=${BUILD:-build}
CLERK=${CLERK:-$(pwd)/clerk}
export BUILD CLERK CMOCKA_MESSAGE_OUTPUT=TAP
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0
skipped=0

run_suite() {
	name=$1
	shift
	"$@" >"$log" 2>&1
	status=$?
	cat "$log"
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	k=$(grep -Ec '^(ok .*|1\.\.0 )# SKIP' "$log")
	p=$((p - $(grep -Ec '^ok .*# SKIP' "$log")))
	if [ -n "${CLERK_REQUIRE_TOOLS:-}" ]; then
		m=$(grep -E '^(ok .*|1\.\.0 )# SKIP' "$log" |
			grep -Ec 'not installed|could not install|npm ci failed')
		if [ "$m" -gt 0 ]; then
			echo "not ok - $name skipped $m check(s) for a missing tool"
			f=$((f + 1))
			k=$((k - m))
		fi
	fi
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $status"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + k))
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	echo "# $(basename "$t")"
	run_suite "$(basename "$t")" "$t"
done
for s in tests/*/run.sh tests/hostile/*/run.sh; do
	[ -f "$s" ] || continue
	echo "# $s"
	run_suite "$s" sh "$s"
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
