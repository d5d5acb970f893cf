#!/usr/bin/python3
"""Writes a committee report with N actions to standard output, for make bench.

The report is content/lewisham/improvement-plan.yaml with its action plan
replaced by N actions in priorities of ten, their owners, dates, statuses
and words taken in turn from the real plan, so that the page grows as a
real plan would. The output depends on N alone. Usage: gen_report.py N"""
import copy, sys
import yaml

n = int(sys.argv[1])
with open("content/lewisham/improvement-plan.yaml", encoding="utf-8") as f:
    doc = yaml.safe_load(f)
plan = doc["action_plan"]
real_prios = plan["priorities"]
real_acts = [a for p in real_prios for a in p.get("actions", [])]
prios = []
for i in range(n):
    if i % 10 == 0:
        model = real_prios[len(prios) % len(real_prios)]
        p = {k: copy.deepcopy(v) for k, v in model.items() if k != "actions"}
        p["id"] = f"P{len(prios) + 1}"
        p["title"] = f"{model['title']} ({len(prios) + 1})"
        p["actions"] = []
        prios.append(p)
    a = copy.deepcopy(real_acts[i % len(real_acts)])
    a["id"] = f"{prios[-1]['id']}.{len(prios[-1]['actions']) + 1}"
    prios[-1]["actions"].append(a)
plan["priorities"] = prios
yaml.safe_dump(doc, sys.stdout, sort_keys=False, allow_unicode=True, width=78)
