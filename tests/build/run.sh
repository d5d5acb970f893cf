#!/bin/sh
# clerk build on a small content tree in a temporary folder: the first
# build renders every report, the second none; touching one template, one
# hook or one Lua module rebuilds exactly the reports that use it; a
# council's new override partial rebuilds that council's reports; a broken
# report fails with its diagnostics while the others render; --force
# renders all; an output is never left half-written. Then hostile trees
# (links in loops, a report under two paths, a FIFO named like a report),
# a worker that hangs past --timeout, SIGTERM to build and render, stale
# temporaries, and a full disk that must replace neither file of a pair.
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
# The build loads the themes and compiles the hook library once, before it
# forks its workers; a report that takes them notes their files all the
# same, so touching one rebuilds it (below).
check "... and the theme's files, which the build loaded before its workers" \
	sh -c 'grep -q "^input .*/templates/default/brand.yaml$" out/.clerk/testshire/progress-2019-20-q3.deps &&
	grep -q "^input .*/templates/testshire/brand.yaml$" out/.clerk/testshire/progress-2019-20-q3.deps &&
	grep -q "^input .*/templates/lewisham/logo.svg$" out/.clerk/lewisham/post-ofsted-2020-01.deps &&
	grep -q "^missing .*/templates/testshire/extra.css$" out/.clerk/testshire/progress-2019-20-q3.deps &&
	grep -q "^input .*/scripts/plan.lua$" out/.clerk/lewisham/post-ofsted-2020-01.deps'

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
# What the workers write from what the build loaded for them is what
# clerk render writes, loading everything itself.
./clerk -q render -o single/lewisham content/lewisham/post-ofsted-2020-01.yaml \
	content/lewisham/progress-2019-20-q3.yaml
./clerk -q render -o single/testshire content/testshire/progress-2019-20-q3.yaml
check "each page and PDF is byte-identical to clerk render's" \
	sh -c 'for f in lewisham/post-ofsted-2020-01 lewisham/progress-2019-20-q3 \
		testshire/progress-2019-20-q3; do
		cmp -s out/$f.html single/$f.html && cmp -s out/$f.pdf single/$f.pdf || exit 1
	done'
printf 'council:\n  name: Testshire Borough Council\n' \
	>templates/testshire/brand.yaml
build
check "a theme's brand.yaml changed rebuilds that council's reports, with it" \
	sh -c 'grep -qx "$0" wrote && [ $(wc -l <wrote) -eq 1 ] &&
		grep -q "Testshire Borough Council" "$0"' "$T1"
printf 'council:\n  name: Testshire County Council\n' \
	>templates/testshire/brand.yaml
build

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

# Hostile trees, signals and limits. Every clerk call is wrapped in
# `timeout`, so what would hang fails instead.
mini() { # mini FILE [TITLE]: a small report
	printf 'clerk: 1\nreport: {title: %s}\nmeeting:\n  committee: C\n  date: 2020-01-14\n' \
		"${2:-T}" >"$1"
}
no_temporaries() { # no_temporaries DIR: no *.tmp.* file left under DIR
	! find "$1" -name '*.tmp.*' 2>/dev/null | grep -q .
}
# wait_for_temporary DIR: waits up to 20 s for a temporary file to appear
# under DIR and prints its name.
wait_for_temporary() {
	i=0
	while [ $i -lt 200 ]; do
		t=$(find "$1" -name '*.tmp.*' 2>/dev/null | head -1)
		[ -n "$t" ] && echo "$t" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# Links: a loop, a folder and a report reachable under two names each.
mkdir -p links/a outside
mini links/a/r.yaml
ln -s .. links/a/up
ln -s a links/b
ln -s r.yaml links/a/r-again.yaml
ln links/a/r.yaml links/a/z-hard.yaml
mini outside/o.yaml
ln -s ../outside links/x1
ln -s ../outside links/x2
timeout 60 ./clerk -v build -o lout links >out.txt 2>err
status=$?
check "a symlink loop in the content: the build ends (status $status)" \
	test "$status" -eq 0
check "... each report is rendered once, under one path" \
	sh -c '[ "$(grep -c ": wrote " err)" -eq 2 ] &&
	[ -f lout/a/r.html ] && [ -f lout/x1/o.html ] &&
	[ ! -e lout/b ] && [ ! -e lout/x2 ] && [ ! -e lout/a/up ] &&
	[ ! -e lout/a/r-again.html ] && [ ! -e lout/a/z-hard.html ]'
check "... the loop is a warning naming the link" \
	grep -q '^links/a/up: warning: a link back to the folder links above it: a loop, not followed$' err
check "... so is the second path to a report" \
	grep -q '^links/a/z-hard.yaml: warning: the same report as links/a/r.yaml, which is built once, from there$' err
check "... and the second path to a folder" \
	grep -q '^links/x2: warning: the same folder as links/x1, which is built once, from there$' err

# A FIFO named like a report: an error, not a hang.
mkdir -p pipes
mkfifo pipes/pipe.yaml
mini pipes/good.yaml
timeout 20 ./clerk build -o pout pipes >out.txt 2>err
status=$?
check "a FIFO named as a report fails it without waiting (status $status)" \
	test "$status" -eq 1
check "... with the error at the FIFO" \
	grep -q '^pipes/pipe.yaml: error: is a FIFO (a named pipe), not a file$' err
check "... and the other report renders" test -f pout/good.pdf

# A worker that hangs (CLERK_TEST_STALL: the write of outputs whose path
# holds the word never ends) is stopped at --timeout; the others go on.
mkdir -p slow
mini slow/fast.yaml
mini slow/stall.yaml
start=$(date +%s)
CLERK_TEST_STALL=stall timeout 30 ./clerk build -j 2 --timeout 1 -o sout slow \
	>out.txt 2>err
status=$?
took=$(($(date +%s) - start))
check "a report past --timeout fails the build (status $status)" \
	test "$status" -eq 1
check "... in bounded time (${took}s)" test "$took" -lt 15
check "... with a clear message" \
	grep -q '^slow/stall.yaml: error: not rendered: it took longer than the limit of 1 seconds, so it was stopped (see --timeout)$' err
check "... the other report renders" test -f sout/fast.html
check "... the stopped one leaves no output, manifest or temporary" \
	sh -c '[ ! -e sout/stall.html ] && [ ! -e sout/.clerk/stall.deps ] &&
	! find sout -name "*.tmp.*" | grep -q .'
check "--timeout takes a number of seconds" \
	sh -c './clerk build --timeout soon slow 2>/dev/null; [ $? -eq 2 ]'

# SIGTERM during a build: the workers stop, their temporaries go, the
# summary so far is printed and the status is 128 + 15.
mkdir -p term
mini term/a-first.yaml
mini term/stall.yaml
mini term/z-later.yaml
CLERK_TEST_STALL=stall timeout 30 ./clerk build -j 1 -o tout term \
	>out.txt 2>err &
pid=$!
t=$(wait_for_temporary tout)
kill -TERM $pid
wait $pid
status=$?
worker=${t##*.}
check "SIGTERM during a build: status 143 (got $status)" test "$status" -eq 143
check "... the hung worker was stopped" \
	sh -c "[ -n '$worker' ] && ! kill -0 '$worker' 2>/dev/null"
check "... its temporaries are removed" no_temporaries tout
check "... the summary so far is printed" \
	grep -q '^build: interrupted by SIGTERM: 3 reports: 1 rendered, 0 up to date, 0 failed, 2 not rendered in ' err
check "... the stopped report is named" \
	grep -q '^term/stall.yaml: error: not rendered: the build was interrupted$' err
check "... and the first report's pair is whole" \
	sh -c '[ -f tout/a-first.html ] && [ -f tout/a-first.pdf ] && [ ! -e tout/z-later.html ]'

# The temporaries of a run that was killed outright go on the next build;
# a live process's are left alone.
sh -c 'exit 0' &
dead=$!
wait $dead
: >"tout/a-first.html.tmp.$dead"
: >"tout/a-first.pdf.tmp.$dead"
: >"tout/.clerk/a-first.deps.tmp.$dead"
: >"tout/a-first.html.tmp.$$"
timeout 30 ./clerk build -j 1 -o tout pipes >out.txt 2>err
check "stale temporaries of a dead run are removed by the next build" \
	sh -c "[ ! -e tout/a-first.html.tmp.$dead ] && [ ! -e tout/a-first.pdf.tmp.$dead ] &&
	[ ! -e tout/.clerk/a-first.deps.tmp.$dead ]"
check "... those of a live process are kept" test -e "tout/a-first.html.tmp.$$"
rm -f "tout/a-first.html.tmp.$$"

# Atomic pairs: a full disk (a file size limit of 12 KB: the PDF, with
# its font subset of every letter and digit, does not fit; the page does)
# replaces neither file of the pair.
mkdir -p pair
mini pair/p.yaml Before
timeout 30 ./clerk render -o pout2 pair/p.yaml 2>err
cp pout2/p.html old.html
cp pout2/p.pdf old.pdf
mini pair/p.yaml "After ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789"
(
	ulimit -f 24
	timeout 30 ./clerk render -o pout2 pair/p.yaml
) 2>err
status=$?
check "render on a full disk fails (status $status)" test "$status" -eq 1
check "... saying which file could not be written" \
	grep -q '^pout2/p.pdf: error: cannot write: File too large$' err
check "... and the old pair stays byte-identical" \
	sh -c 'cmp -s old.html pout2/p.html && cmp -s old.pdf pout2/p.pdf'
check "... with no temporary left" no_temporaries pout2
(
	ulimit -f 24
	timeout 60 ./clerk build -o pout3 pair
) >/dev/null 2>err
status=$?
mkdir -p pout3
check "build on a full disk fails (status $status), writing neither file" \
	sh -c '[ "$0" -eq 1 ] && [ ! -e pout3/p.html ] && [ ! -e pout3/p.pdf ]' "$status"

# SIGTERM during `clerk render`: its temporaries are removed too.
CLERK_TEST_STALL=p.html timeout 30 ./clerk render -o pout2 pair/p.yaml \
	2>err &
pid=$!
wait_for_temporary pout2 >/dev/null
kill -TERM $pid
wait $pid
status=$?
check "SIGTERM during render: killed by it (status $status)" \
	test "$status" -eq 143
check "... its temporaries are removed and the old pair kept" \
	sh -c 'cmp -s old.html pout2/p.html && cmp -s old.pdf pout2/p.pdf &&
	! find pout2 -name "*.tmp.*" | grep -q .'

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
