#!/bin/sh
# The wrong-report corpus: each tests/errors/NAME.yaml must make
# `clerk check` print exactly NAME.expected on stderr, and exit with
# status 1, or 0 when NAME.expected holds only warnings; and the
# wrong-theme corpus under tests/errors/brand (below).
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
# The wrong-theme corpus: each tests/errors/brand/NAME.yaml is the
# brand.yaml of a council NAME, in a copy of clerk beside a templates/
# folder of its own; `clerk check` of a report of that council must print
# exactly NAME.expected on stderr and exit with status 1.
data=$(mktemp -d)
trap 'rm -f "$out"; rm -rf "$data"' EXIT
cp "$CLERK" "$data/clerk"
mkdir "$data/templates"
ln -s "$(pwd)/templates/default" "$data/templates/default"
ln -s "$(pwd)/scripts" "$data/scripts"
for f in "$dir"/brand/*.yaml; do
	name=${f%.yaml}
	council=$(basename "$name")
	[ -f "$name.expected" ] || [ -n "${CLERK_BLESS:-}" ] || continue
	n=$((n + 1))
	mkdir -p "$data/templates/$council"
	cp "$f" "$data/templates/$council/brand.yaml"
	printf 'clerk: 1\ncouncil: %s\nmeeting: {committee: Cabinet, date: 2020-01-14}\nreport: {title: A paper}\n' \
		"$council" >"$data/report.yaml"
	(cd "$data" && ./clerk check report.yaml) >/dev/null 2>"$out"
	status=$?
	if [ -n "${CLERK_BLESS:-}" ]; then
		cp "$out" "$name.expected"
	fi
	if [ "$status" -ne 1 ]; then
		echo "not ok $n - $f: exit status $status, expected 1"
	elif ! cmp -s "$out" "$name.expected"; then
		echo "not ok $n - $f: diagnostics differ"
		diff "$name.expected" "$out" | sed 's/^/# /'
	else
		echo "ok $n - $f"
	fi
done
# A warning alone passes, unless the check is asked to be strict.
n=$((n + 1))
f=$dir/quarter-no-updates.yaml
"$CLERK" check "$f" 2>/dev/null
a=$?
"$CLERK" check --warnings-as-errors "$f" 2>/dev/null
b=$?
if [ "$a" -eq 0 ] && [ "$b" -eq 1 ]; then
	echo "ok $n - --warnings-as-errors fails on a warning"
else
	echo "not ok $n - --warnings-as-errors: exit $a without, $b with"
fi
# A folder: every report under it is checked.
n=$((n + 1))
"$CLERK" check "$dir" 2>"$out"
a=$?
if [ "$a" -eq 1 ] && grep -q '^tests/errors/quarter-gap.yaml:' "$out" &&
	grep -q '^tests/errors/schema-bad-date.yaml:' "$out"; then
	echo "ok $n - clerk check DIR checks every report under DIR"
else
	echo "not ok $n - clerk check DIR: exit $a"
fi
n=$((n + 1))
if "$CLERK" check content 2>/dev/null; then
	echo "ok $n - clerk check content passes"
else
	echo "not ok $n - clerk check content fails"
fi
echo "1..$n"
