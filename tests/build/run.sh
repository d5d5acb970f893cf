#!/bin/sh
# clerk build on a small content tree in a temporary folder: the first
# build renders every report, the second none; touching one template, one
# hook or one Lua module rebuilds exactly the reports that use it; a
# council's new override partial rebuilds that council's reports; a broken
# report fails with its diagnostics while the others render; --force
# renders all; an output is never left half-written.
#
# The tree holds a copy of clerk, templates/ and scripts/, so that touching
# a template never touches the source tree:
#   content/lewisham/post-ofsted-2020-01.yaml   council lewisham
#   content/lewisham/progress-2019-20-q3.yaml   extends it; hook count.lua
#   content/testshire/_plan.yaml                a base: not a report
#   content/testshire/progress-2019-20-q3.yaml  council testshire, which
#                                               overrides summary.mustache
CLERK=${CLERK:-$(pwd)/clerk}
src=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
fail() { n=$((n + 1)); echo "not ok $n - $*"; }
check() { # check NAME COMMAND...
	name=$1
	shift
	if "$@"; then ok "$name"; else fail "$name"; fi
}

cp "$CLERK" "$tmp/clerk"
cp -R "$src/templates" "$src/scripts" "$tmp/"
mkdir -p "$tmp/content/lewisham" "$tmp/content/testshire" \
	"$tmp/templates/testshire"
plan=$src/content/lewisham/post-ofsted-2020-01.yaml
cp "$plan" "$tmp/content/lewisham/"
cat >"$tmp/content/lewisham/progress-2019-20-q3.yaml" <<'EOF'
extends: post-ofsted-2020-01.yaml
hooks: [count.lua]
meeting:
  date: 2020-04-21
report:
  title: Improvement plan progress, 2019-20 Q3
EOF
echo 'return {reports = 1}' >"$tmp/content/lewisham/count.lua"
sed 's/^council: lewisham$/council: testshire/' "$plan" \
	>"$tmp/content/testshire/_plan.yaml"
cat >"$tmp/content/testshire/progress-2019-20-q3.yaml" <<'EOF'
extends: _plan.yaml
meeting:
  date: 2020-04-22
EOF
echo "plain: data, not a report" >"$tmp/content/testshire/notes.yaml"
printf 'council:\n  name: Testshire County Council\n' \
	>"$tmp/templates/testshire/brand.yaml"
cp "$tmp/templates/default/summary.mustache" "$tmp/templates/testshire/"
cd "$tmp" || exit 1

# build [ARGS...]: runs ./clerk -v build, keeping stderr in err and the
# status in status; `wrote` lists the web pages written, one per line (a
# report's files in other formats are written with its page or not at all).
build() {
	./clerk -v build "$@" >out.txt 2>err
	status=$?
	grep ': wrote ' err | sed 's/.*: wrote //; s/, /\n/g' |
		grep '\.html$' | sort >wrote
}
wrote_exactly() { # wrote_exactly OUTPUT...: those outputs and no others
	if [ $# -eq 0 ]; then
		! [ -s wrote ]
	else
		printf '%s\n' "$@" | sort | diff - wrote >/dev/null
	fi
}
summary() { grep '^build: ' err; }
L1=out/lewisham/post-ofsted-2020-01.html
L2=out/lewisham/progress-2019-20-q3.html
T1=out/testshire/progress-2019-20-q3.html

build
check "first build renders every report (status $status)" \
	test "$status" -eq 0
check "first build writes all three outputs" wrote_exactly "$L1" "$L2" "$T1"
check "first build: summary counts" \
	sh -c 'grep -q "^build: 3 reports: 3 rendered, 0 up to date, 0 failed in" err'
check "two councils' files of the same name do not collide" \
	sh -c "grep -q 'Testshire County Council' $T1 && ! grep -q 'Testshire' $L2"
check "a base named _* and a YAML file without clerk: are not reports" \
	sh -c '! ls out/testshire | grep -q -e _plan -e notes'
check "every report has a manifest" \
	test -f out/.clerk/lewisham/post-ofsted-2020-01.deps \
	-a -f out/.clerk/lewisham/progress-2019-20-q3.deps \
	-a -f out/.clerk/testshire/progress-2019-20-q3.deps
check "the manifest names the templates, hooks and modules read" \
	sh -c 'grep -q "^input .*/templates/testshire/summary.mustache$" out/.clerk/testshire/progress-2019-20-q3.deps &&
	grep -q "^input .*/templates/default/summary.mustache$" out/.clerk/lewisham/post-ofsted-2020-01.deps &&
	grep -q "^input .*/scripts/lib/dates.lua$" out/.clerk/lewisham/post-ofsted-2020-01.deps &&
	grep -q "^input .*/content/lewisham/count.lua$" out/.clerk/lewisham/progress-2019-20-q3.deps &&
	! grep -q "count.lua" out/.clerk/lewisham/post-ofsted-2020-01.deps'

check "each output the manifests list exists" \
	sh -c 'for f in $(sed -n "s/^output [0-9]* [0-9]* //p" out/.clerk/*/*.deps); do
		[ -s "$f" ] || exit 1; done'

build
check "second build renders nothing" wrote_exactly
check "second build says so" \
	sh -c 'grep -q "^build: 3 reports: nothing to render, all up to date" err'
check "second build exits 0" test "$status" -eq 0
./clerk build >/dev/null 2>err1
check "away from a terminal: one summary line" \
	test "$(wc -l <err1)" -eq 1

touch templates/testshire/summary.mustache
build
check "touching a council's partial rebuilds only that council's report" \
	wrote_exactly "$T1"
check "... and the summary says 1 rendered, 2 up to date" \
	sh -c 'grep -q "^build: 3 reports: 1 rendered, 2 up to date, 0 failed" err'

touch templates/default/summary.mustache
build
check "touching a default partial rebuilds the reports that use it, not the one that overrides it" \
	wrote_exactly "$L1" "$L2"

touch content/lewisham/count.lua
build
check "touching a report's hook rebuilds that report only" \
	wrote_exactly "$L2"

touch scripts/formats.lua
build
check "touching a library hook rebuilds every report that runs it" \
	wrote_exactly "$L1" "$L2" "$T1"

touch scripts/lib/dates.lua
build
check "touching a Lua module a hook requires rebuilds its reports" \
	wrote_exactly "$L1" "$L2" "$T1"

touch content/lewisham/post-ofsted-2020-01.yaml
build
check "touching an extended file rebuilds it and the files that extend it" \
	wrote_exactly "$L1" "$L2"

cp templates/default/contact.mustache templates/lewisham/contact.mustache
build
check "a council's new override partial rebuilds that council's reports" \
	wrote_exactly "$L1" "$L2"
rm templates/lewisham/contact.mustache
build
check "removing it rebuilds them again" wrote_exactly "$L1" "$L2"

rm "$T1"
build
check "a missing output is rendered again" wrote_exactly "$T1"

touch clerk
build
check "a new clerk program rebuilds every report" \
	wrote_exactly "$L1" "$L2" "$T1"

build --force
check "--force renders every report" wrote_exactly "$L1" "$L2" "$T1"

# A broken report among good ones.
mkdir -p content/broken
{ cat "$plan"; echo "colour: red"; } >content/broken/bad.yaml
{ cat "$plan"; echo "meeting_date: 2020-01-01"; } >content/broken/worse.yaml
touch templates/default/summary.mustache
build -j 2
check "a broken report: status 1" test "$status" -eq 1
check "... its diagnostics name its file, line and column" \
	grep -q '^content/broken/bad.yaml:[0-9]*:1: error: colour: unknown key' err
check "... the other reports still render" wrote_exactly "$L1" "$L2"
check "... the summary counts the failures" \
	sh -c 'grep -q "^build: 5 reports: 2 rendered, 1 up to date, 2 failed" err'
check "... the diagnostics of different reports do not interleave" \
	sh -c 'grep -n "^content/broken/" err | awk -F: "
		{ if (\$3 != last) { if (seen[\$3]++) bad = 1; last = \$3 } }
		END { exit bad }"'
check "... and it leaves no manifest" \
	test ! -e out/.clerk/broken/bad.deps
build
check "a failed report is tried again on the next build" \
	sh -c 'grep -q "^build: 5 reports: 0 rendered, 3 up to date, 2 failed" err'
rm -r content/broken

# A report that breaks keeps its last good output, whole.
cp "$L1" good.html
cp content/lewisham/post-ofsted-2020-01.yaml saved.yaml
echo "colour: red" >>content/lewisham/post-ofsted-2020-01.yaml
build
check "a report that breaks fails (status $status)" test "$status" -eq 1
check "... and its last output is left whole" cmp -s good.html "$L1"
check "no temporary file is left in the output folder" \
	sh -c '! find out -name "*.tmp.*" | grep -q .'
cp saved.yaml content/lewisham/post-ofsted-2020-01.yaml

# On a terminal: a progress line, then the summary.
if command -v script >/dev/null 2>&1; then
	script -qc './clerk build --force -j 1' /dev/null >tty.txt 2>&1
	check "on a terminal: [done/total] report elapsed, then the summary" \
		sh -c 'grep -q "\[[0-3]/3\] content/[a-z]*/[a-z0-9-]*\.yaml [0-9]*\.[0-9]s" tty.txt &&
		grep -q "build: 3 reports: 3 rendered" tty.txt'
else
	n=$((n + 1))
	echo "ok $n - # SKIP script(1) is not installed: no terminal to test"
fi

# Options and usage.
build -j 1 -o other content
check "-o and -j 1 build into another folder" \
	sh -c '[ -f other/lewisham/progress-2019-20-q3.html ] && [ $(wc -l <wrote) -eq 3 ]'
check "the output folder is not searched for reports" \
	sh -c './clerk build -o content/out content >/dev/null 2>&1 && ./clerk build -o content/out content 2>&1 | grep -q "nothing to render"'
./clerk build -j 0 >/dev/null 2>&1
check "-j 0 is bad usage" test $? -eq 2
./clerk build --frobnicate >/dev/null 2>&1
check "an unknown option is bad usage" test $? -eq 2
./clerk build no-such-folder >/dev/null 2>&1
check "a folder that does not exist fails" test $? -eq 1
check "--help describes build" sh -c './clerk build --help | grep -q "clerk build"'

echo "1..$n"
