#!/bin/sh
# Runs every test suite and ends with one line: "N passed, N failed".
#
# Each suite prints TAP lines ("ok N - name", "not ok N - name"): the unit
# test binaries (cmocka in TAP mode) in $BUILD/tests, every tests/*/run.sh
# and every tests/hostile/*/run.sh. A suite that exits non-zero without
# reporting a failure (a crash, say) counts as one failure.
BUILD=${BUILD:-build}
CLERK=${CLERK:-$(pwd)/clerk}
export BUILD CLERK CMOCKA_MESSAGE_OUTPUT=TAP
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0

run_suite() {
	name=$1
	shift
	"$@" >"$log" 2>&1
	status=$?
	cat "$log"
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $status"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
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
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
