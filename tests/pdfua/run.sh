#!/bin/sh
# The PDF/UA-1 checker (check.py, over python3-pikepdf): first that it can
# fail, on small PDFs built to break one rule each (test_check.py); then
# every report in content/ rendered to PDF by clerk must pass every rule.
CLERK=${CLERK:-$(pwd)/clerk}
dir=$(dirname "$0")
py=/usr/bin/python3
if ! "$py" -c 'import pikepdf' 2>/dev/null; then
	echo "1..0 # SKIP pikepdf is not installed"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" "$dir/test_check.py" >"$tmp/unit" 2>&1
status=$?
grep -v '^1\.\.' "$tmp/unit"
n=$(grep -Ec '^(not )?ok ' "$tmp/unit")
if [ "$status" -ne 0 ] && ! grep -q '^not ok ' "$tmp/unit"; then
	n=$((n + 1))
	echo "not ok $n - test_check.py exited with status $status"
fi
for f in content/*/*.yaml; do
	name=$(basename "$f" .yaml)
	n=$((n + 1))
	if ! "$CLERK" -q render --format pdf -o "$tmp" "$f" 2>"$tmp/err"; then
		echo "not ok $n - $f renders to PDF"
		sed 's/^/# /' "$tmp/err" | head -20
		continue
	fi
	if "$py" "$dir/check.py" "$tmp/$name.pdf" >"$tmp/out" 2>&1; then
		echo "ok $n - $f: PDF passes every PDF/UA-1 rule"
	else
		echo "not ok $n - $f: PDF fails $(grep -c '^not ok ' "$tmp/out") PDF/UA-1 rule(s)"
		grep -E '^(not ok|#)' "$tmp/out" | head -40 | sed 's/^not ok [0-9]* - /# /'
	fi
done
echo "1..$n"
