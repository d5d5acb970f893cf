#!/usr/bin/env python3
"""Writes a committee paper as XHTML, the kind clerk's templates produce:
header block, numbered paragraphs, lists, an action plan table over several
pages, a judgements table with grade colours, a chart, a glossary.

    gen_paper.py [SECTIONS] > paper.html      (8 sections: 12 pages)
"""
import sys

sections = int(sys.argv[1]) if len(sys.argv) > 1 else 8

SENTENCES = [
    "The inspection looked at the help and protection given to children in need, at children in care and at care leavers.",
    "Inspectors judged that services require improvement to be good, in line with the council's own self-assessment.",
    "Caseloads in the assessment teams fell from an average of 22 children to 16 between March and November.",
    "The service has recruited 31 permanent social workers this year, and agency staff now make up 24% of the workforce.",
    "Managers hold monthly practice weeks in which they audit cases alongside the social worker and the family.",
    "Partners in health, education and the police agreed a shared threshold document in September.",
    "The Corporate Parenting Board meets every quarter and hears directly from the Children in Care Council.",
    "A further £600,000 has been committed for one-off development work to keep up the pace of change.",
    "Young people told inspectors that their workers know them well and that they feel listened to.",
    "Performance reports are now checked against case records before they go to the leadership team.",
]

def para(n, k):
    s = " ".join(SENTENCES[(k + i) % len(SENTENCES)] for i in range(3 + k % 3))
    return f'<p><span class="num">{n}</span> {s}</p>'

out = []
w = out.append
w('<?xml version="1.0" encoding="UTF-8"?>')
w('<!DOCTYPE html>')
w('<html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB">')
w('<head><meta charset="UTF-8"/><title>Children\'s Social Care Post Ofsted Report</title></head>')
w('<body>')
w('<table class="header-block"><colgroup><col width="22%"/><col width="48%"/><col width="30%"/></colgroup><tbody>')
w('<tr><th colspan="3">Children and Young People Select Committee</th></tr>')
w('<tr><td>Title</td><td colspan="2"><strong>Children\'s Social Care Post Ofsted Report</strong></td></tr>')
w('<tr><td>Contributors</td><td>Director of Children\'s Social Care</td><td>Item 4</td></tr>')
w('<tr><td>Class</td><td>Part 1 (open)</td><td>14 January 2020</td></tr>')
w('</tbody></table>')
w('<h1 id="summary">1. Summary</h1>')
for k in range(3):
    w(para(f"1.{k+1}", k))
w('<h1>2. Recommendations</h1>')
w('<p><span class="num">2.1</span> Members of the committee are recommended to:</p>')
w('<ul><li>note the findings of the inspection and the grades awarded;</li>'
  '<li>comment on the improvement plan in <a href="#plan">section 6</a>, which answers each recommendation;</li>'
  '<li>agree to receive a progress report every quarter, starting in April.</li></ul>')
w('<h1>3. Inspection judgements</h1>')
w('<table><thead><tr><th>Judgement</th><th>Grade</th><th>Previous grade</th></tr></thead><tbody>')
for area, g, p in [("The impact of leaders on social work practice", "requires-improvement", "inadequate"),
                   ("Children who need help and protection", "requires-improvement", "requires-improvement"),
                   ("Children in care and care leavers", "requires-improvement", "good"),
                   ("Overall effectiveness", "requires-improvement", "requires-improvement")]:
    w(f'<tr><td>{area}</td><td class="grade-{g}">{g.replace("-", " ").capitalize()}</td><td class="grade-{p}">{p.replace("-", " ").capitalize()}</td></tr>')
w('</tbody></table>')
w('<figure><svg xmlns="http://www.w3.org/2000/svg" width="480" height="200" viewBox="0 0 480 200">'
  '<title>Looked after children, 2011 to 2019</title>'
  '<line x1="40" y1="170" x2="470" y2="170" stroke="#000000" stroke-width="1"/>'
  '<line x1="40" y1="10" x2="40" y2="170" stroke="#000000" stroke-width="1"/>')
vals = [449, 431, 374, 390, 402, 420, 446, 470]
for i, v in enumerate(vals):
    h = v / 500 * 150
    x = 55 + i * 52
    w(f'<rect x="{x}" y="{170 - h:.1f}" width="34" height="{h:.1f}" fill="#1f4e79"/>')
    w(f'<text x="{x + 17}" y="{165 - h:.1f}" font-size="10" text-anchor="middle">{v}</text>')
    w(f'<text x="{x + 17}" y="185" font-size="10" text-anchor="middle">{2012 + i}</text>')
w('</svg><figcaption>Looked after children at the end of each year.</figcaption></figure>')
w('<p class="visually-hidden">Looked after children: ' + ", ".join(f"{2012+i}: {v}" for i, v in enumerate(vals)) + '.</p>')
for s in range(4, 4 + sections):
    w(f'<h1>{s}. Section {s}: progress on the improvement programme</h1>')
    for k in range(4):
        w(para(f"{s}.{k+1}", s + k))
    w(f'<h2>{s}.5 What the service will do next</h2>')
    for k in range(5, 8):
        w(para(f"{s}.{k+1}", s * k))
w('<h1 id="plan">Action plan</h1>')
w('<table class="action-plan"><thead><tr><th>What are the issues</th><th>What have we done so far</th><th>What else we have planned through 2020</th></tr></thead><tbody>')
for r in range(10):
    issue = f'<p><strong>Priority {r + 1}.</strong> {SENTENCES[r]}</p><p>Ofsted said: <em>“{SENTENCES[(r + 3) % 10]}”</em></p>'
    done = "".join(f"<p>{SENTENCES[(r + i) % 10]}</p>" for i in range(2 + r % 3))
    plan = "<ul>" + "".join(f"<li>{SENTENCES[(r + i + 5) % 10]}</li>" for i in range(2 + r % 2)) + "</ul>"
    w(f'<tr><td>{issue}</td><td>{done}</td><td>{plan}</td></tr>')
w('</tbody></table>')
w('<h1>Glossary</h1>')
w('<table><thead><tr><th>Term</th><th>Definition</th></tr></thead><tbody>')
for t, d in [("ILACS", "Ofsted's framework for inspecting local authority children's services: https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018"),
             ("MASH", "Multi-Agency Safeguarding Hub: the team that receives every referral about a child's safety."),
             ("CSC", "Children's Social Care, the statutory social work service."),
             ("LSCP", "Local Safeguarding Children Partnership, which replaced the Safeguarding Children Board in 2019."),
             ("RAA", "Regional Adoption Agency, recruiting and supporting adopters for several boroughs.")]:
    w(f'<tr><td>{t}</td><td>{d}</td></tr>')
w('</tbody></table>')
w('</body></html>')
print("\n".join(out))
