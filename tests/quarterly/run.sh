#!/bin/sh
# The quarterly cycle from the command line: `clerk quarter next` writes
# the next quarter's file (and never replaces one), `clerk review` prints
# the figures the report prints with their working, `clerk check
# --diagnostics json|sarif` gives tools what a person reads, and `clerk
# build` prints each warning once.
CLERK=${CLERK:-$(pwd)/clerk}
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
}
check() { # NAME COMMAND...: ok when COMMAND succeeds
	name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# ---- clerk quarter next ----
cp content/lewisham/*.yaml "$tmp/"
q1=$tmp/progress-2020-21-q1.yaml
q2=$tmp/progress-2020-21-q2.yaml
"$CLERK" -q quarter next "$q1" 2>"$tmp/err"
check "quarter next exits 0 and prints nothing with -q" \
	test $? -eq 0 -a ! -s "$tmp/err"
check "quarter next writes the next quarter's file beside the newest" \
	test -f "$q2"
check "it extends the file it was made from" \
	grep -qx 'extends: "progress-2020-21-q1.yaml"' "$q2"
check "it names the next quarter and its last day as as_of" \
	sh -c "grep -qx '  2020-21 Q2:' '$q2' && grep -qx '    as_of: 2020-09-30' '$q2'"
# The lists are the plan hook's, at 1 July 2020.
check "it lists the actions due in the quarter" \
	sh -c "sed -n '/# Due in 2020-21 Q2/,/# Overdue/p' '$q2' | grep -c '^      #   P' | grep -qx 3"
check "it lists the actions overdue at the quarter's start" \
	sh -c "sed -n '/# Overdue at 1 July 2020/,/# Not updated/p' '$q2' | grep -o '#   P[0-9.]*' | tr '\n' ' ' | grep -qx '#   P6.5 #   P8.8 '"
check "it lists the open actions not updated for two quarters" \
	sh -c "sed -n '/# Not updated/,\$p' '$q2' | grep -q '#   P1.8 (Principal Social Worker; due 31 Dec 2020; Not started)' && ! sed -n '/# Not updated/,\$p' '$q2' | grep -q '#   P6.6 '"
"$CLERK" check "$q2" 2>"$tmp/err"
check "the new file fails clerk check until the meeting and title are filled in" \
	sh -c "test $? -eq 1 && grep -q 'meeting.date: expected a date (YYYY-MM-DD), got nothing' '$tmp/err' && grep -q 'report.title: expected a string, got nothing' '$tmp/err'"
cp "$q2" "$tmp/kept"
"$CLERK" quarter next "$q1" 2>"$tmp/err"
check "quarter next never replaces a file" \
	sh -c "test $? -eq 1 && cmp -s '$q2' '$tmp/kept' && grep -q 'already exists' '$tmp/err'"
check "it leaves no temporary behind" \
	sh -c "! ls '$tmp' | grep -q tmp"
"$CLERK" quarter next -o "$tmp/other.yaml" "$q1" 2>/dev/null
check "-o names another file" \
	grep -qx 'extends: "progress-2020-21-q1.yaml"' "$tmp/other.yaml"
"$CLERK" quarter next "$tmp/improvement-plan.yaml" 2>"$tmp/err"
check "a report with no quarter has no next one" \
	sh -c "test $? -eq 1 && grep -q 'no progress: quarter' '$tmp/err'"
# Filled in as the README says, the file checks and renders.
$PY - "$q2" <<'PYEOF'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace('  date:    #', '  date: 2020-10-14   #')
s = s.replace('  title:   #', '  title: "Progress to September 2020"   #')
s = s.replace('  summary:   # what happened', '  summary: |\n    Two actions moved.\n  # what happened')
s = s.replace('  recommendations:   #', '  recommendations:\n    - "To note the progress."\n  #')
s = s.replace('    updates:\n', '    updates:\n      P7.3:\n        status: done\n        done_on: 2020-09-18\n      P6.6:\n        status: at_risk\n        due: 2020-12-31\n        note: |\n          Waiting for the guidance: due in November, see item #4.\n')
open(p, 'w').write(s)
PYEOF
"$CLERK" check "$q2" 2>"$tmp/err"
check "filled in, the new quarter's file passes clerk check" \
	sh -c "test $? -eq 0 && test ! -s '$tmp/err'"

# ---- clerk review ----
"$CLERK" review "$q2" >"$tmp/review" 2>"$tmp/err"
check "review exits 0 with nothing on stderr" \
	sh -c "test $? -eq 0 && test ! -s '$tmp/err'"
"$CLERK" render "$q2" -o "$tmp/out" --format html 2>/dev/null
headline=$(grep -o 'progress-headline">[0-9]* of [0-9]* actions are complete ([0-9]*%)' "$tmp/out/progress-2020-21-q2.html" |
	sed 's/.*">\([0-9]*\) of \([0-9]*\) actions are complete (\([0-9]*%\))/\1 of \2 live actions are complete (\3)/')
check "review's headline figures are the page's ($headline)" \
	grep -q "^  $headline; 1 cancelled, not counted; 69 in all" "$tmp/review"
check "review shows the working of the percentage" \
	grep -qx '      working: 45 done / 68 live = 66.2%, printed as 66%' "$tmp/review"
check "review lists the actions that make up each count" \
	sh -c "grep -A1 -x '  Cancelled: 1' '$tmp/review' | grep -qx '      P8.10'"
check "review says what changed since the quarter before" \
	sh -c "grep -q '^  Percent complete: 65% (44 of 68) then, 66% (45 of 68) now' '$tmp/review' && grep -A1 -x '  Newly complete: 1' '$tmp/review' | grep -q '^      P7.3, done 18 Sept 2020'"
check "review gives overdue and due next" \
	sh -c "grep -qx '  Overdue at 14 October 2020: 3' '$tmp/review' && grep -q '^  Due in Q3 2020/21 (October to December 2020): ' '$tmp/review'"
"$CLERK" review --format md "$q2" >"$tmp/review.md" 2>/dev/null
check "review --format md gives Markdown headings and lists" \
	sh -c "head -1 '$tmp/review.md' | grep -q '^# Review: ' && grep -q '^## What changed since Q1 2020/21' '$tmp/review.md' && grep -q '^- Slipped: 1' '$tmp/review.md'"
"$CLERK" review tests/errors/quarter-gap.yaml >"$tmp/review" 2>/dev/null
check "review of a report that fails its check prints no figures" \
	sh -c "test $? -eq 1 && test ! -s '$tmp/review'"

# ---- clerk check --diagnostics ----
"$CLERK" check --diagnostics json tests/errors >"$tmp/diag.json" 2>"$tmp/err"
status=$?
check "--diagnostics json exits 1 on errors and prints nothing on stderr" \
	sh -c "test $status -eq 1 && test ! -s '$tmp/err'"
$PY - "$tmp/diag.json" <<'PYEOF' >"$tmp/py" 2>&1
import json, sys
lines = open(sys.argv[1]).read().splitlines()
keys = {"file", "line", "column", "severity", "rule", "message", "suggestion"}
objs = [json.loads(l) for l in lines]
assert len(objs) > 50, len(objs)
for o in objs:
    assert set(o) == keys, o
    assert o["severity"] in ("error", "warning", "note"), o
    assert isinstance(o["line"], int) and isinstance(o["column"], int)
    assert o["rule"] and o["message"]
by = {(o["file"].rsplit("/", 1)[-1], o["rule"]) for o in objs}
for want in [("quarter-gap.yaml", "quarter-gap"),
             ("quarter-id-reused.yaml", "action-id-reused"),
             ("load-tab.yaml", "yaml-tab"),
             ("load-comment-cuts-note.yaml", "yaml-comment-cuts-text"),
             ("schema-date-uk.yaml", "bad-date"),
             ("schema-id-typo.yaml", "unknown-id")]:
    assert want in by, want
typo = [o for o in objs if o["file"].endswith("schema-id-typo.yaml")]
assert [o["suggestion"] for o in typo][:4] == ["R1", "R2", "P2.1", "P2.3"], typo
assert typo[-1]["suggestion"] is None
warn = [o for o in objs if o["file"].endswith("quarter-no-updates.yaml")]
assert warn and warn[0]["severity"] == "warning" and warn[0]["line"] > 0
print("fine")
PYEOF
check "--diagnostics json: one object a line, with every field" \
	grep -qx fine "$tmp/py"
[ "$(cat "$tmp/py")" = fine ] || sed 's/^/# /' "$tmp/py"
# The same diagnostics as a person sees, in the same order.
"$CLERK" check tests/errors 2>"$tmp/human" >/dev/null
$PY - "$tmp/diag.json" "$tmp/human" <<'PYEOF' >"$tmp/py" 2>&1
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1])]
human = [l for l in open(sys.argv[2]).read().split("\n")
         if ": error: " in l or ": warning: " in l or ": note: " in l]
def gcc(o):
    s = o["file"]
    if o["line"]:
        s += ":%d" % o["line"]
        if o["column"]:
            s += ":%d" % o["column"]
    return s + ": %s: %s" % (o["severity"], o["message"].split("\n")[0])
mine = [gcc(o) for o in objs]
assert mine == human[:len(mine)] and len(mine) == len(human), (len(mine), len(human))
print("fine")
PYEOF
check "--diagnostics json says what the human form says" \
	grep -qx fine "$tmp/py"
[ "$(cat "$tmp/py")" = fine ] || sed 's/^/# /' "$tmp/py"
"$CLERK" check --diagnostics sarif tests/errors >"$tmp/diag.sarif" 2>/dev/null
$PY - "$tmp/diag.sarif" "$tmp/diag.json" <<'PYEOF' >"$tmp/py" 2>&1
import json, sys
log = json.load(open(sys.argv[1]))
objs = [json.loads(l) for l in open(sys.argv[2])]
assert log["version"] == "2.1.0"
assert "sarif-2.1.0" in log["$schema"]
run, = log["runs"]
driver = run["tool"]["driver"]
assert driver["name"] == "clerk"
rules = [r["id"] for r in driver["rules"]]
assert len(rules) == len(set(rules))
res = run["results"]
assert len(res) == len(objs)
for r, o in zip(res, objs):
    assert r["ruleId"] == o["rule"] and rules[r["ruleIndex"]] == r["ruleId"]
    assert r["level"] == o["severity"]
    assert r["message"]["text"] == o["message"]
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == o["file"]
    if o["line"]:
        assert loc["region"]["startLine"] == o["line"]
        if o["column"]:
            assert loc["region"]["startColumn"] == o["column"]
    else:
        assert "region" not in loc
print("fine")
PYEOF
check "--diagnostics sarif: a SARIF 2.1.0 log of the same results" \
	grep -qx fine "$tmp/py"
[ "$(cat "$tmp/py")" = fine ] || sed 's/^/# /' "$tmp/py"
"$CLERK" check --diagnostics json content >"$tmp/diag.json" 2>&1
check "--diagnostics json on content/ passes, warnings included" \
	sh -c "test $? -eq 0 && grep -q '\"severity\": \"warning\"' '$tmp/diag.json' && ! grep -q '\"severity\": \"error\"' '$tmp/diag.json'"
"$CLERK" check --diagnostics yaml content >/dev/null 2>&1
check "--diagnostics takes json, sarif or human only" test $? -eq 2

# ---- clerk build: each warning once ----
"$CLERK" build content -o "$tmp/build" -j 2 2>"$tmp/build.err" >/dev/null
r2=$(grep -c 'improvement-plan.yaml:87:7: warning: .*R2 is not answered' "$tmp/build.err")
check "clerk build prints a warning about a shared plan once ($r2 times)" \
	test "$r2" -eq 1
check "a warning about another file names the report that raised it" \
	grep -qx 'content/medway/lac-ofsted-update-2013-12.yaml: note: the report that raised the warning above' "$tmp/build.err"
echo "1..$n"
