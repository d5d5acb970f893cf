"""Checks that every field of a report's view is documented.

Usage: fields.py CLERK REPORT.yaml...

Runs `clerk data --view` on each report and collects the name of every
field of the view. A name is documented when it appears inside a `code`
span of docs/themes.md, docs/schema.md or docs/hooks.md; a derived twin
(`due_long`, `wards_count`, ...) is documented when the field it is made
from is. Keys that the report's author chooses (series, quarters, figures,
update ids) are not field names and are skipped. Prints one TAP line per
report and exits 1 if any field is undocumented.
"""
import json
import re
import subprocess
import sys

DOCS = ["docs/themes.md", "docs/schema.md", "docs/hooks.md"]
TWIN = re.compile(r"_(long|short|name|count|text|href|anchor|html)$")
# Maps whose keys are the author's: their values are walked, their keys
# are not field names.
AUTHOR_KEYS = re.compile(
    r"(^\.(series|progress|figures)|^\.series\.\*|\.updates|\.compare"
    r"|^\.computed\.series)$")


def documented_names():
    text = "".join(open(f, encoding="utf-8").read() for f in DOCS)
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    names = set()
    # Spans are paired within a paragraph, so one stray backtick cannot
    # shift the pairs of the rest of the file.
    for para in re.split(r"\n\s*\n", text):
        for span in re.findall(r"`([^`]+)`", para):
            names.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", span))
    return names


def fields(value, path, out):
    if isinstance(value, dict):
        author = AUTHOR_KEYS.search(path)
        for key, item in value.items():
            if author:
                fields(item, path + ".*", out)
            else:
                out.setdefault(key, path + "." + key)
                fields(item, path + "." + key, out)
    elif isinstance(value, list):
        for item in value:
            fields(item, path + "[]", out)


def main():
    clerk, reports = sys.argv[1], sys.argv[2:]
    names = documented_names()
    failed = 0
    for n, report in enumerate(reports, 1):
        run = subprocess.run([clerk, "data", "--view", report],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(f"not ok {n} - view of {report}: clerk data --view "
                  f"exited {run.returncode}")
            failed += 1
            continue
        found = {}
        fields(json.loads(run.stdout), "", found)
        # A numbered run is documented by its first: `month_1` ... `month_12`.
        missing = sorted(p for k, p in found.items()
                         if k not in names and TWIN.sub("", k) not in names
                         and re.sub(r"_[0-9]+$", "_1", k) not in names)
        if missing:
            print(f"not ok {n} - view of {report}: fields not documented "
                  f"in {', '.join(DOCS)}: {', '.join(missing)}")
            failed += 1
        else:
            print(f"ok {n} - view of {report}: {len(found)} fields, "
                  "all documented")
    print(f"1..{len(reports)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
