"""clerk export and clerk import, end to end.

Each check prints a TAP line. A tracker is exported from the Lewisham
plan, edited with openpyxl as an officer would edit it in Excel (and
saved as Excel saves it), imported as the next quarter's file, checked
and rendered, and compared with the same quarter written by hand. The
.ods tracker is made the way LibreOffice writes one (LibreOffice is not
needed). Hostile trackers (a zip bomb, entities, a FIFO, a sheet of a
hundred million rows) must fail fast with a clear error.
"""
import csv
import datetime
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

import openpyxl

CLERK = os.environ.get("CLERK", os.path.abspath("clerk"))
ROOT = os.getcwd()
n = 0
failed = 0


def ok(cond, name, detail=""):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {name}")
    else:
        failed += 1
        print(f"not ok {n} - {name}")
        for line in str(detail).splitlines()[:30]:
            print(f"#   {line}")


def clerk(*args, cwd=None):
    p = subprocess.run([CLERK, *args], capture_output=True, text=True,
                       cwd=cwd, timeout=60)
    return p.returncode, p.stdout, p.stderr


tmp = tempfile.mkdtemp(prefix="clerk-sheet-")
plan = os.path.join(tmp, "plan")
os.makedirs(plan)
for f in os.listdir("content/lewisham"):
    if f.endswith(".yaml"):
        shutil.copy(os.path.join("content/lewisham", f), plan)
q1 = os.path.join(plan, "progress-2020-21-q1.yaml")
IMPORT = ["--into", q1, "--quarter", "2020-21 Q2", "--as-of", "2020-09-30",
          "--meeting", "2020-10-14"]


def imp(tracker, out="q2.yaml", extra=()):
    return clerk("import", tracker, *IMPORT, *extra, "-o",
                 os.path.join(plan, out))


# --- export ---------------------------------------------------------------
xlsx = os.path.join(tmp, "tracker.xlsx")
rc, _, err = clerk("export", q1, "-o", xlsx)
ok(rc == 0 and os.path.exists(xlsx), "export writes an .xlsx", err)
wb = openpyxl.load_workbook(xlsx)
ws = wb["Actions"]
ok(wb.sheetnames == ["Actions", "Priorities"], "two sheets: Actions, Priorities",
   wb.sheetnames)
head = [c.value for c in ws[1]]
ok(head == ["Priority", "ID", "Action", "Owner", "Due", "Status", "Done on",
            "Latest note", "Answers", "Added"], "the header row", head)
rows = list(ws.iter_rows(min_row=2, values_only=True))
ok(len(rows) == 69, "one row per action (69 in the plan at 2020-21 Q1)",
   len(rows))
ok(ws.freeze_panes == "A2", "the header row is frozen", ws.freeze_panes)
ok(ws.auto_filter.ref == "A1:J70", "an autofilter over the table",
   ws.auto_filter.ref)
due = {r[1]: r for r in rows}
ok(isinstance(due["P6.6"][4], datetime.datetime) and
   due["P6.6"][4].date() == datetime.date(2020, 9, 30),
   "due dates are real dates", due["P6.6"][4])
ok(ws.cell(row=2, column=5).number_format == "dd/mm/yyyy",
   "dates shown dd/mm/yyyy", ws.cell(row=2, column=5).number_format)
dv = ws.data_validations.dataValidation
ok(len(dv) == 1 and dv[0].type == "list" and
   dv[0].formula1 == '"Not started,On track,At risk,Off track,Done,Cancelled"'
   and str(dv[0].sqref).startswith("F2:F"),
   "the status column is a drop-down of the status words",
   [(d.type, d.formula1, str(d.sqref)) for d in dv])
cf = ws.conditional_formatting
rules = [r for rng in cf for r in rng.rules]
ok(len(rules) == 6 and all(r.type == "cellIs" for r in rules) and
   rules[1].formula == ['"On track"'] and
   rules[1].dxf.fill.bgColor.rgb.endswith("00703C"),
   "each status word coloured as its badge (On track: #00703c)",
   [(r.type, r.formula) for r in rules])
widths = {k: v.width for k, v in ws.column_dimensions.items()}
ok(widths.get("C", 0) >= 40 and widths.get("B", 0) < 12,
   "column widths fit their text", widths)
ok(due["P6.6"][7].startswith("Moved to September"),
   "the latest note of each action", due["P6.6"])
ok(due["P12.3"][9] == "2020-21 Q1" and due["P1.1"][9] is None,
   "the quarter an action was added", (due["P12.3"], due["P1.1"]))
ok(due["P4.6"][5] == "Done" and due["P8.10"][5] == "Cancelled",
   "statuses as the council's words, updates applied",
   (due["P4.6"][5], due["P8.10"][5]))
pr = wb["Priorities"]
prow = list(pr.iter_rows(values_only=True))
ok(prow[0][:2] == ("Priority", "Title") and
   any(r[0] == "R2" for r in prow),
   "the second sheet lists priorities and recommendations", prow[:3])

csvf = os.path.join(tmp, "tracker.csv")
rc, _, err = clerk("export", q1, "-o", csvf)
raw = open(csvf, "rb").read()
ok(rc == 0 and raw.startswith(b"\xef\xbb\xbfPriority,ID,"),
   "export writes CSV UTF-8 with a byte-order mark", raw[:40])
ok(b"\r\n" in raw and raw.count(b"\r\n") >= 70, "CSV lines end in CRLF")
parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
ok(parsed[1:] and [r[1] for r in parsed[1:]] == [r[1] for r in rows] and
   all(len(r) == 10 for r in parsed),
   "the CSV holds the same rows (RFC 4180 quoting)", parsed[:2])
ok(b'"Recruit and train newly qualified social workers in groups, twice a year."'
   in raw, "a field with a comma is quoted")

# --- unchanged round trip -------------------------------------------------
rc, _, err = imp(xlsx, "same.yaml")
same = open(os.path.join(plan, "same.yaml")).read() if rc == 0 else ""
ok(rc == 0 and "updates: {}" in same and "action_plan" not in same,
   "an unedited tracker imports as no change", err + same)
rc, _, err = imp(csvf, "same-csv.yaml")
ok(rc == 0 and "updates: {}" in open(os.path.join(plan, "same-csv.yaml")).read(),
   "an unedited CSV imports as no change", err)

# --- edit as Excel would, import, compare with the hand-written file -----
AWKWARD = (' Costs: £1,000 a year, see "Annex B" #2 — and item #4;\n'
           "second line: 50% done\\n, {braces} [brackets] & <tags> 'q' "
           "*star &anchor !tag %pct @at `tick`\ttab, end ")
wb = openpyxl.load_workbook(xlsx)
ws = wb["Actions"]
index = {ws.cell(row=r, column=2).value: r for r in range(2, ws.max_row + 1)}


def put(aid, col, value):
    ws.cell(row=index[aid], column=col, value=value)


put("P1.6", 8, AWKWARD)
put("P6.6", 6, "At risk")
put("P6.6", 5, datetime.datetime(2020, 12, 31))
put("P6.6", 8, "Waiting for the new statutory guidance: due in November.")
put("P7.3", 6, "Done")
put("P7.3", 7, datetime.datetime(2020, 9, 18))
put("P9.3", 6, "Cancelled")
put("P9.3", 8, "Folded into the Fostering Strategy (see item #4).")
new = ws.max_row + 1
for col, v in enumerate(["P6", "P6.7", "Train foster carers in spotting exploitation.",
                         "Head of Fostering", datetime.datetime(2021, 3, 31),
                         "On track", None, None, None, "2020-21 Q2"], 1):
    c = ws.cell(row=new, column=col, value=v)
    if isinstance(v, datetime.datetime):
        c.number_format = "dd/mm/yyyy"
ws.cell(row=index["P7.3"], column=7).number_format = "dd/mm/yyyy"
ws.cell(row=index["P6.6"], column=5).number_format = "dd/mm/yyyy"
edited = os.path.join(tmp, "edited.xlsx")
wb.save(edited)
rc, _, err = imp(edited, "progress-2020-21-q2.yaml")
q2 = os.path.join(plan, "progress-2020-21-q2.yaml")
text = open(q2).read() if rc == 0 else ""
ok(rc == 0 and err == "", "the edited tracker imports with no message", err)
ok("extends: progress-2020-21-q1.yaml" in text and
   "  2020-21 Q2:\n    as_of: 2020-09-30\n" in text,
   "the file extends the plan and holds the quarter", text)
ok("      P7.3:\n        status: done\n        done_on: 2020-09-18\n" in text,
   "a status and a done date as an update", text)
ok("      P6.6:\n        status: at_risk\n        due: 2020-12-31\n"
   '        note: "Waiting for the new statutory guidance: due in November."\n'
   in text, "a new due date and a note", text)
ok("        - id: P6.7\n" in text and "added: 2020-21 Q2" in text and
   "    - id: P6\n" in text, "a new row as an action added under its priority",
   text)
ok("P1.1:" not in text and "P12.3:" not in text,
   "nothing for the rows that did not change", text)
rc, _, err = clerk("check", q2)
ok(rc == 0, "the imported file passes clerk check", err)

hand = os.path.join(plan, "hand-2020-21-q2.yaml")
with open(hand, "w") as f:
    f.write("""clerk: 1
extends: progress-2020-21-q1.yaml

meeting:
  date: 2020-10-14

action_plan:
  priorities:
    - id: P6
      actions:
        - id: P6.7
          text: Train foster carers in spotting exploitation.
          owner: Head of Fostering
          due: 2021-03-31
          status: on_track
          added: 2020-21 Q2

progress:
  2020-21 Q2:
    as_of: 2020-09-30
    updates:
      P1.6:
        note: %s
      P6.6:
        status: at_risk
        due: 2020-12-31
        note: "Waiting for the new statutory guidance: due in November."
      P7.3:
        status: done
        done_on: 2020-09-18
      P9.3:
        status: cancelled
        note: "Folded into the Fostering Strategy (see item #4)."
""" % ('"' + AWKWARD.replace("\\", "\\\\").replace('"', '\\"')
       .replace("\n", "\\n").replace("\t", "\\t") + '"'))
rc1, d1, e1 = clerk("data", q2)
rc2, d2, e2 = clerk("data", hand)
ok(rc1 == 0 and rc2 == 0 and d1 == d2,
   "clerk data of the imported file equals that of the hand-written one",
   e1 + e2)
ok('"total": 70' in d1 and '"percent_complete_text"' in d1,
   "the figures are computed (70 actions)", d1[:300])
out1, out2 = os.path.join(tmp, "r1"), os.path.join(tmp, "r2")
rc1, _, e1 = clerk("render", q2, "-o", out1, "--format", "html")
shutil.copy(hand, os.path.join(plan, "progress-2020-21-q2-hand.yaml"))
os.rename(q2, q2 + ".keep")
shutil.copy(hand, q2)
rc2, _, e2 = clerk("render", q2, "-o", out2, "--format", "html")
os.rename(q2 + ".keep", q2)
h1 = open(os.path.join(out1, "progress-2020-21-q2.html"), "rb").read() if rc1 == 0 else b"1"
h2 = open(os.path.join(out2, "progress-2020-21-q2.html"), "rb").read() if rc2 == 0 else b"2"
ok(h1 == h2, "the rendered page is the same as the hand-written quarter's",
   e1 + e2)
ok(AWKWARD.strip().split("\n")[0][:20].replace("&", "&amp;").replace('"', "&quot;")[:10]
   in h1.decode(), "the awkward note is on the page")

rc, data, err = clerk("data", q2)
ok(rc == 0 and AWKWARD.replace("\\", "\\\\").replace('"', '\\"')
   .replace("\n", "\\n").replace("\t", "\\t") in data,
   "a note keeps every character: commas, colons, #, quotes, breaks, tab, "
   "ends", data[data.find("Costs") - 40:data.find("Costs") + 240])

back = os.path.join(tmp, "back.xlsx")
rc, _, err = clerk("export", q2, "-o", back)
wb2 = openpyxl.load_workbook(back)
got = [tuple(r) for r in wb2["Actions"].iter_rows(min_row=2, values_only=True)]
want = [tuple(r) for r in openpyxl.load_workbook(edited)["Actions"]
        .iter_rows(min_row=2, values_only=True)]
order = {r[1]: r for r in got}
diffs = [(w, order.get(w[1])) for w in want if order.get(w[1]) != w]
ok(rc == 0 and not diffs and len(got) == len(want),
   "export of the imported file gives back the edited tracker's values",
   diffs[:3])

# --- CSV the way a semicolon locale's Excel writes it ---------------------
rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
hdr = ["Ref", "Lead officer", "RAG", "Target date", "Date completed",
       "Progress update"]
out = io.StringIO(newline="")
w = csv.writer(out, delimiter=";", lineterminator="\r\n")
w.writerow(hdr)
for r in rows[1:]:
    aid, owner, status, dued, done, note = r[1], r[3], r[5], r[4], r[6], r[7]
    if aid == "P7.3":
        status, done = "done", "18/09/2020"
    if aid == "P6.6":
        dued, note = "31 December 2020", 'Line one; "two"\nline three, #4'
    if aid == "P9.4":
        continue
    if dued:
        y, m, d = dued.split("-") if "-" in dued else (None, None, None)
        if y:
            dued = f"{d}/{m}/{y}"
    w.writerow([aid, owner, status, dued, done, note])
semi = os.path.join(tmp, "semi.csv")
open(semi, "wb").write(b"\xef\xbb\xbf" + out.getvalue().encode())
rc, _, err = imp(semi, "semi.yaml")
text = open(os.path.join(plan, "semi.yaml")).read() if rc == 0 else ""
ok(rc == 0 and "      P7.3:\n        status: done\n        done_on: 2020-09-18\n"
   in text, "a ; CSV with synonyms (Ref, RAG, Lead officer...) and UK dates",
   err + text)
ok('        due: 2020-12-31\n        note: "Line one; \\"two\\"\\nline three, #4"\n'
   in text, "quoted fields with ; quotes and line breaks; 31 December 2020",
   text)
ok("P9.4 is in the plan but has no row in the tracker" in err and
   "warning:" in err, "a row removed from the tracker is a warning", err)
ok(text.count("      P") == 2, "only the changed rows", text)
sep = os.path.join(tmp, "sep.csv")
open(sep, "wb").write(b"sep=;\r\n" + out.getvalue().encode())
rc, _, err = imp(sep, "sep.yaml")
ok(rc == 0 and open(os.path.join(plan, "sep.yaml")).read().count("      P") == 2,
   "Excel's sep=; line", err)

# --- an .xlsx made by hand: what Excel writes that openpyxl does not ------
CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WB = """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr %s/><sheets><sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="Actions" sheetId="2" r:id="rId2"/></sheets></workbook>"""
WBRELS = """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="d\\ mmmm\\ yyyy;[Red]&quot;no&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>"""
SST = """<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Improvement plan tracker</t></si><si><t>Ref</t></si><si><t>RAG</t></si><si><r><rPr><b/></rPr><t>Latest</t></r><r><t xml:space="preserve"> update</t></r></si><si><t>Target date</t></si><si><r><t>Done</t></r><r><rPr><i/></rPr><t xml:space="preserve"> on</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si><si><t>P7.3</t></si><si><t>done</t></si><si><r><t>Rich </t></r><r><rPr><b/></rPr><t>bold</t></r><r><t>_x000D_
and a second line_x005F_x0041_</t></r></si><si><t>P6.6</t></si><si><t>AT RISK</t></si><si><t>P9.3</t></si><si><t>%s</t></si></sst>"""


def sheet(rows, extra=""):
    return ("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"""
            + rows + "</sheetData>" + extra + "</worksheet>")


def make_xlsx(path, rows, extra="", date1904=False, sst_last="Green",
              sst=None, styles=STYLES):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml",
                   WB % ('date1904="1"' if date1904 else 'defaultThemeVersion="124226"'))
        z.writestr("xl/_rels/workbook.xml.rels", WBRELS)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/sharedStrings.xml", sst if sst is not None else SST % sst_last)
        z.writestr("xl/worksheets/sheet1.xml", sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>not this sheet</t></is></c></row>'))
        z.writestr("xl/worksheets/sheet2.xml", sheet(rows, extra))


# A merged title row, a two-row header (C2:D2 merged over "Latest update"
# with C3 empty beneath), shared strings with rich runs and phonetics,
# inline strings, built-in and custom date formats, a hidden row.
HAND = ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c>'
        '<c r="C2" t="inlineStr"><is><t>Dates</t></is></c><c r="E2" t="s"><v>3</v></c></row>'
        '<row r="3"><c r="C3" t="s"><v>4</v></c><c r="D3" t="s"><v>5</v></c></row>'
        '<row r="4"><c r="A4" t="s"><v>6</v></c><c r="B4" t="s"><v>7</v></c>'
        '<c r="D4" s="2"><v>%s</v></c><c r="E4" t="s"><v>8</v></c></row>'
        '<row r="5" hidden="1"><c r="A5" t="s"><v>9</v></c><c r="B5" t="s"><v>10</v></c>'
        '<c r="C5" s="1"><v>%s</v></c>'
        '<c r="E5" t="inlineStr"><is><r><t>inline </t></r><r><t>rich</t></r></is></c></row>'
        '<row r="7"><c r="A7" t="s"><v>11</v></c><c r="B7" t="inlineStr"><is><t>%s</t></is></c></row>')
MERGES = ('<mergeCells count="5"><mergeCell ref="A1:E1"/><mergeCell ref="A2:A3"/>'
          '<mergeCell ref="B2:B3"/><mergeCell ref="C2:D2"/><mergeCell ref="E2:E3"/></mergeCells>')
# 2020-09-18 is serial 44092 (1900 system) or 42630 (1904 system);
# 2020-12-31 is 44196 or 42734.
hand_x = os.path.join(tmp, "hand.xlsx")
make_xlsx(hand_x, HAND % ("44092", "44196", "Cancelled"), MERGES)
rc, _, err = imp(hand_x, "hand-x.yaml")
text = open(os.path.join(plan, "hand-x.yaml")).read() if rc == 0 else ""
ok(rc == 0 and "      P7.3:\n        status: done\n        done_on: 2020-09-18\n"
   '        note: "Rich bold\\r\\nand a second line_x0041_"\n' in text,
   "Excel's parts: the Actions sheet, shared strings, rich runs, _xHHHH_, "
   "a custom date format", err + text)
ok("      P6.6:\n        status: at_risk\n        due: 2020-12-31\n"
   '        note: "inline rich"\n' in text,
   "a hidden row is read; inline strings; a built-in date format; AT RISK",
   text)
ok("      P9.3:\n        status: cancelled\n" in text,
   "a merged title row and a two-row header of merged cells", text)
make_xlsx(hand_x, HAND % ("42630", "42734", "Cancelled"), MERGES, date1904=True)
rc, _, err = imp(hand_x, "hand-1904.yaml")
t1904 = open(os.path.join(plan, "hand-1904.yaml")).read() if rc == 0 else ""
ok(rc == 0 and "done_on: 2020-09-18" in t1904 and "due: 2020-12-31" in t1904,
   "dates in the 1904 system", err + t1904)
make_xlsx(hand_x, HAND % ("60", "44196", "Cancelled"), MERGES)
rc, out_, err = imp(hand_x, "leap.yaml")
ok(rc == 1 and 
   "hand.xlsx:Actions!D4: error: the date 29 February 1900, which never was" in err
   and not os.path.exists(os.path.join(plan, "leap.yaml")),
   "serial 60 is Excel's 29 February 1900: an error", err)
make_xlsx(hand_x, HAND % ("61", "44196", "Cancelled"), MERGES)
rc, out_, err = imp(hand_x, "leap2.yaml")
ok(rc == 0 and "done_on: 1900-03-01" in open(os.path.join(plan, "leap2.yaml")).read(),
   "serial 61 is 1 March 1900 (after the leap-year quirk)", err)

# --- a LibreOffice .ods ---------------------------------------------------
ODS_CT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:scripts/><office:font-face-decls/><office:automatic-styles><style:style style:name="ro1" style:family="table-row"/></office:automatic-styles><office:body><office:spreadsheet><table:calculation-settings table:automatic-find-labels="false"/>
<table:table table:name="Cover"><table:table-row><table:table-cell office:value-type="string"><text:p>ignore me</text:p></table:table-cell></table:table-row></table:table>
<table:table table:name="Actions" table:style-name="ta1"><table:table-column table:number-columns-repeated="7"/>
<table:table-row table:style-name="ro1"><table:table-cell table:number-columns-spanned="3" office:value-type="string" calcext:value-type="string" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"><text:p>Quarterly tracker</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell table:number-columns-repeated="4"/></table:table-row>
<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string"><text:p>Priority</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Action ID</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Action</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Status</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Due date</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Comments</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Completed</text:p></table:table-cell></table:table-row>
<table:table-row table:style-name="ro1"><table:table-cell table:number-columns-repeated="7"/></table:table-row>
<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string"><text:p>P7</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>P7.3</text:p></table:table-cell><table:table-cell/><table:table-cell office:value-type="string"><text:p>Done</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="date" office:date-value="2020-09-18T00:00:00" table:style-name="ce2"><text:p>18/09/20</text:p></table:table-cell></table:table-row>
<table:table-row table:style-name="ro1" table:visibility="collapse"><table:table-cell office:value-type="string"><text:p>P6</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>P6.6</text:p></table:table-cell><table:table-cell/><table:table-cell office:value-type="string"><text:p>at_risk</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2020-12-31"><text:p>31/12/20</text:p></table:table-cell><table:table-cell office:value-type="string"><office:annotation><dc:creator>Officer</dc:creator><text:p>a comment, not the note</text:p></office:annotation><text:p>Two<text:s text:c="3"/>spaces<text:tab/>and a tab:</text:p><text:p>a <text:span text:style-name="T1">second</text:span> paragraph<text:line-break/>and a break &amp; #4</text:p></table:table-cell></table:table-row>
<table:table-row table:style-name="ro1" table:number-rows-repeated="1048569"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table><named-expressions xmlns="urn:oasis:names:tc:opendocument:xmlns:table:1.0"/></office:spreadsheet></office:body></office:document-content>"""
MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"""


def make_ods(path, content=ODS_CT, mimetype="application/vnd.oasis.opendocument.spreadsheet"):
    with zipfile.ZipFile(path, "w") as z:
        # LibreOffice: the mimetype first and stored, the rest deflated.
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype,
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
                   compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", MANIFEST,
                   compress_type=zipfile.ZIP_DEFLATED)


ods = os.path.join(tmp, "tracker.ods")
make_ods(ods)
t0 = time.time()
rc, _, err = imp(ods, "ods.yaml")
took = time.time() - t0
text = open(os.path.join(plan, "ods.yaml")).read() if rc == 0 else ""
ok(rc == 0 and "      P7.3:\n        status: done\n        done_on: 2020-09-18\n"
   in text, "an .ods saved by LibreOffice: the Actions sheet, dates, statuses",
   err + text)
ok("      P6.6:\n        status: at_risk\n        due: 2020-12-31\n"
   '        note: "Two   spaces\\tand a tab:\\na second paragraph\\nand a break & #4"\n'
   in text, "text:s, text:tab, paragraphs, line breaks; the comment left out; "
   "a hidden row read", text)
ok(took < 5, "a million repeated empty rows cost nothing (%.2fs)" % took)

# --- a due month or year: read in any usual form, written back ---------
wb = openpyxl.load_workbook(xlsx)
ws = wb["Actions"]
index = {ws.cell(row=r, column=2).value: r for r in range(2, ws.max_row + 1)}
for aid, v in [("P1.1", "2021-03"), ("P1.2", "March 2021"),
               ("P1.3", "Mar 2021"), ("P1.4", 2021), ("P1.5", "sept. 2021"),
               ("P1.6", "2022")]:
    c = ws.cell(row=index[aid], column=5, value=v)
    c.number_format = "General"
partial = os.path.join(tmp, "partial.xlsx")
wb.save(partial)
rc, _, err = imp(partial, "partial-q2.yaml")
pq2 = os.path.join(plan, "partial-q2.yaml")
text = open(pq2).read() if rc == 0 else ""
ok(rc == 0 and err == "" and
   all(f"      {a}:\n        due: {d}\n" in text
       for a, d in [("P1.1", "2021-03"), ("P1.2", "2021-03"),
                    ("P1.3", "2021-03"), ("P1.4", "2021"),
                    ("P1.5", "2021-09"), ("P1.6", "2022")]),
   "a due month (2021-03, March 2021, Mar 2021, sept. 2021) or year (2021 "
   "as a number or text) is written 2021-03 or 2021", err + text)
rc, _, err = clerk("check", pq2)
ok(rc == 0, "the file with due months and years passes clerk check", err)
pxlsx = os.path.join(tmp, "partial-out.xlsx")
pcsv = os.path.join(tmp, "partial-out.csv")
rc1, _, err1 = clerk("export", pq2, "-o", pxlsx)
rc2, _, err2 = clerk("export", pq2, "-o", pcsv)
pws = openpyxl.load_workbook(pxlsx)["Actions"]
pidx = {pws.cell(row=r, column=2).value: r for r in range(2, pws.max_row + 1)}
cells = {a: pws.cell(row=pidx[a], column=5) for a in ("P1.1", "P1.4", "P1.7")}
ok(rc1 == 0 and cells["P1.1"].value == "2021-03" and
   cells["P1.4"].value == "2021" and cells["P1.1"].number_format == "@" and
   isinstance(cells["P1.7"].value, datetime.datetime),
   "export writes a due month or year as text in a text cell, a day as a date",
   (err1, {a: (c.value, c.number_format) for a, c in cells.items()}))
prow = {r[1]: r for r in csv.reader(io.StringIO(
    open(pcsv, encoding="utf-8-sig").read(), newline=""))}
ok(rc2 == 0 and prow["P1.1"][4] == "2021-03" and prow["P1.4"][4] == "2021",
   "the CSV writes a due month or year as 2021-03 or 2021", err2)
for f in (pxlsx, pcsv):
    rc, _, err = clerk("import", f, "--into", pq2, "--quarter", "2020-21 Q3",
                       "--as-of", "2020-12-31", "-o",
                       os.path.join(plan, "partial-q3.yaml"))
    out = open(os.path.join(plan, "partial-q3.yaml")).read() if rc == 0 else ""
    ok(rc == 0 and "updates: {}" in out,
       "due months and years come back unchanged from the exported "
       + os.path.splitext(f)[1], err + out)

# --- errors: each in the spreadsheet's terms, exit 1, nothing written -----
def error_case(name, path, expect, out="err.yaml"):
    target = os.path.join(plan, out)
    if os.path.exists(target):
        os.unlink(target)
    t0 = time.time()
    rc, so, se = imp(path, out)
    ok(rc == 1 and expect in se and not os.path.exists(target) and so == ""
       and time.time() - t0 < 10, name, f"rc={rc}\n{se}")


wb = openpyxl.load_workbook(xlsx)
ws = wb["Actions"]
ws["F12"] = "Purple"
bad = os.path.join(tmp, "bad-status.xlsx")
wb.save(bad)
error_case("a bad status names the file, sheet and cell", bad,
           'bad-status.xlsx:Actions!F12: error: status "Purple": expected one '
           'of Not started, On track, At risk, Off track, Done or Cancelled\n')


def edited_csv(name, fn):
    r = [list(x) for x in parsed]
    fn(r)
    path = os.path.join(tmp, name)
    s = io.StringIO(newline="")
    csv.writer(s, lineterminator="\r\n").writerows(r)
    open(path, "wb").write(b"\xef\xbb\xbf" + s.getvalue().encode())
    return path


def no_prio(r):
    r.append(["", "P99.1", "A new thing", "", "", "On track", "", "", "", ""])


error_case("a new id with no priority", edited_csv("noprio.csv", no_prio),
           "noprio.csv:B71: error: ID P99.1 is not in the plan, and the row "
           "gives no priority to add it under")


def unknown_prio(r):
    r.append(["P99", "P99.1", "A new thing", "", "", "On track", "", "", "", ""])


error_case("a new action under a priority the plan lacks",
           edited_csv("unknownprio.csv", unknown_prio),
           "unknownprio.csv:A71: error: priority P99 is not in the plan")


def dup(r):
    r.append(list(r[5]))


error_case("a duplicate id", edited_csv("dup.csv", dup),
           "dup.csv:B71: error: ID P1.5 is given twice, in rows 6 and 71")


def no_status(r):
    for x in r:
        del x[5]


error_case("a missing required column", edited_csv("nostatus.csv", no_status),
           "nostatus.csv: error: no Status column in the header row (row 1): "
           "head one Status, RAG or RAG status")


def no_header(r):
    r[0] = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]


error_case("no header row", edited_csv("nohead.csv", no_header),
           "nohead.csv: error: no header row: none of the first 20 rows has a "
           "column headed ID, Ref or Reference")


def bad_date(r):
    r[3][4] = "31/02/2020"


error_case("a date that is not one", edited_csv("baddate.csv", bad_date),
           'baddate.csv:E4: error: Due: expected a date (30/09/2020, 30 '
           'September 2020 or 2020-09-30), a month (March 2016 or 2016-03) '
           'or a year (2016), got "31/02/2020"\n')
error_case("a done date is a whole date, not a month",
           edited_csv("donemonth.csv", lambda r: r[3].__setitem__(6, "2020-09")),
           'donemonth.csv:G4: error: Done on: expected a date (30/09/2020, 30 '
           'September 2020 or 2020-09-30), got "2020-09"\n')
error_case("a due month that is not one",
           edited_csv("badmonth.csv", lambda r: r[3].__setitem__(4, "2016-13")),
           'badmonth.csv:E4: error: Due: "2016-13" has no month 13: a month is '
           'written 01 to 12 (2016-03) or by its name (March 2016)\n')
error_case("a due year clerk does not take",
           edited_csv("badyear.csv", lambda r: r[3].__setitem__(4, "Mar 1066")),
           'badyear.csv:E4: error: Due: expected a year between 1900 and 2200, '
           'got "Mar 1066"\n')


def no_id(r):
    r[3][1] = ""


error_case("a row with no id", edited_csv("noid.csv", no_id),
           "noid.csv:B4: error: a row with no ID")


def two_status(r):
    r[0][8] = "RAG"


error_case("two columns of one kind", edited_csv("twostatus.csv", two_status),
           "twostatus.csv:I1: error: a second column for the Status (the first "
           "is F1)")


def case(r):
    r[3][1] = "p1.3"


error_case("an id in the wrong case", edited_csv("case.csv", case),
           "case.csv:B4: error: ID p1.3 is not in the plan; did you mean P1.3?")

ctl = edited_csv("ctl.csv", lambda r: r[3].__setitem__(7, "bell\x07"))
error_case("a control character", ctl,
           "ctl.csv:H4: error: Note: holds the control character U+0007")

num = os.path.join(tmp, "num.xlsx")
wb = openpyxl.load_workbook(xlsx)
wb["Actions"]["E3"] = 44104
wb["Actions"]["E3"].number_format = "General"
wb.save(num)
error_case("a number in a date column", num,
           "num.xlsx:Actions!E3: error: Due: expected a date, got the number "
           "44104")

quote = os.path.join(tmp, "quote.csv")
open(quote, "w").write('ID,Status\r\nP1.1,Done\r\nP1.2,"Done"x\r\n')
error_case("a CSV with a misplaced quote", quote,
           "quote.csv:B3: error: not CSV as a spreadsheet writes it")
latin = os.path.join(tmp, "latin.csv")
open(latin, "wb").write("ID,Status,Note\r\nP1.1,Done,£5\r\n".encode("latin-1"))
error_case("a CSV not in UTF-8", latin,
           "latin.csv:C2: error: the text is not UTF-8: save the file from Excel "
           'as "CSV UTF-8 (Comma delimited)"')
notsheet = os.path.join(tmp, "notes.xlsx")
open(notsheet, "w").write("just some words\n")
error_case("a file that is not a spreadsheet", notsheet,
           "notes.xlsx: error: not a spreadsheet: expected an .xlsx or .ods "
           "workbook, or a .csv file")
zipped = os.path.join(tmp, "photos.xlsx")
with zipfile.ZipFile(zipped, "w") as z:
    z.writestr("photo.txt", "x")
error_case("a zip that is not a workbook", zipped,
           "photos.xlsx: error: not a spreadsheet: a zip archive with neither")
broken = os.path.join(tmp, "broken.xlsx")
open(broken, "wb").write(open(xlsx, "rb").read()[:3000])
error_case("a damaged workbook", broken, "broken.xlsx: error: not a spreadsheet: "
           "a damaged zip archive")
odt = os.path.join(tmp, "letter.ods")
make_ods(odt, mimetype="application/vnd.oasis.opendocument.text")
error_case("an OpenDocument text", odt,
           "letter.ods: error: not a spreadsheet: an OpenDocument file that is "
           "not a spreadsheet")
exists = imp(xlsx, "progress-2020-21-q1-again.yaml",
             ) if False else None
rc, _, err = clerk("import", xlsx, "--into", q1, "--quarter", "2020-21 Q1",
                   "--as-of", "2020-06-30", "-o", os.path.join(plan, "x.yaml"))
ok(rc == 1 and "error: the plan already has the quarter 2020-21 Q1" in err,
   "a quarter the plan has already", err)
rc, _, err = clerk("import", xlsx, "--into", q1, "--quarter", "2020-21 Q2",
                   "--as-of", "2020-12-31", "-o", os.path.join(plan, "x.yaml"))
ok(rc == 2 and "--as-of 2020-12-31 is not in 2020-21 Q2" in err,
   "an --as-of outside the quarter is bad usage", err)

# --- hostile trackers ----------------------------------------------------
bomb = os.path.join(tmp, "bomb.xlsx")
zeros = b"<a>" + b" " * (70 * 1024 * 1024) + b"</a>"
make_xlsx(bomb, HAND % ("1", "1", "x"), MERGES, sst=zeros.decode())
del zeros
ok(os.path.getsize(bomb) < 1024 * 1024, "the bomb is small (%d bytes)"
   % os.path.getsize(bomb))
error_case("a zip bomb stops at the limit", bomb,
           "bomb.xlsx: error: xl/sharedStrings.xml: unpacks to more than 64 MiB")
laughs = os.path.join(tmp, "laughs.xlsx")
ent = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
       + "".join(f'<!ENTITY {chr(98 + i)} "&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};">' for i in range(9))
       + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&j;</t></si></sst>')
make_xlsx(laughs, HAND % ("1", "1", "x"), MERGES, sst=ent)
rc, _, err = imp(laughs, "err.yaml")
ok(rc == 1 and "laughs.xlsx: error: xl/sharedStrings.xml: " in err and
   ("entity" in err or "document type" in err),
   "entities (a billion laughs) are not expanded", err)
xxe = os.path.join(tmp, "xxe.xlsx")
make_xlsx(xxe, HAND % ("1", "1", "x"), MERGES,
          sst='<?xml version="1.0"?><!DOCTYPE sst SYSTEM "http://example.invalid/x.dtd"><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>x</t></si></sst>')
error_case("an external DTD is neither fetched nor read", xxe,
           "xxe.xlsx: error: xl/sharedStrings.xml: has a document type")
fifo = os.path.join(tmp, "fifo.csv")
os.mkfifo(fifo)
error_case("a FIFO is refused without waiting", fifo,
           "fifo.csv: error: is a FIFO (a named pipe), not a file")
huge = os.path.join(tmp, "huge.ods")
make_ods(huge, ODS_CT.replace('table:number-rows-repeated="1048569"><table:table-cell table:number-columns-repeated="1024"/>',
                              'table:number-rows-repeated="100000000"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'))
error_case("a sheet of a hundred million rows stops at the limit", huge,
           "huge.ods:Actions: error: a tracker of more than 100000 rows is "
           "beyond what clerk reads")
wide = os.path.join(tmp, "wide.ods")
make_ods(wide, ODS_CT.replace('<table:table-cell table:number-columns-repeated="1024"/>',
                              '<table:table-cell table:number-columns-repeated="100000000" office:value-type="string"><text:p>x</text:p></table:table-cell>'))
error_case("a row of a hundred million cells stops at the limit", wide,
           "beyond what clerk reads (LIMIT_SHEET_COLUMNS)")

# --- status words: the council's own words -------------------------------
kit = os.path.join(tmp, "kit")
os.makedirs(kit)
shutil.copy(CLERK, os.path.join(kit, "clerk"))
shutil.copytree("templates", os.path.join(kit, "templates"))
shutil.copytree("scripts", os.path.join(kit, "scripts"))
with open(os.path.join(kit, "templates", "lewisham", "brand.yaml"), "a") as f:
    f.write("\nstatus_words:\n  Green: on_track\n  Amber: at_risk\n"
            "  Red: off_track\n  Complete: done\n  Dropped: cancelled\n")
KCLERK = os.path.join(kit, "clerk")


def kclerk(*args):
    p = subprocess.run([KCLERK, *args], capture_output=True, text=True,
                       timeout=60)
    return p.returncode, p.stdout, p.stderr


kx = os.path.join(tmp, "words.xlsx")
rc, _, err = kclerk("export", q1, "-o", kx)
wb = openpyxl.load_workbook(kx)
ws = wb["Actions"]
dv = ws.data_validations.dataValidation
ok(rc == 0 and dv[0].formula1 == '"Not started,Green,Amber,Red,Complete,Dropped"',
   "the drop-down lists the theme's status words", (err, dv[0].formula1))
st = {r[1]: r[5] for r in ws.iter_rows(min_row=2, values_only=True)}
ok(st["P4.6"] == "Complete" and st["P1.6"] == "Green",
   "export writes the council's words", (st["P4.6"], st["P1.6"]))
ws.cell(row=index["P6.6"], column=6, value="red")
ws.cell(row=index["P9.3"], column=6, value="On track")
wb.save(kx)
rc, _, err = kclerk("import", kx, *IMPORT, "-o", os.path.join(plan, "w.yaml"))
text = open(os.path.join(plan, "w.yaml")).read() if rc == 0 else ""
ok(rc == 0 and "      P6.6:\n        status: off_track\n" in text and
   "      P9.3:\n        status: on_track\n" in text,
   "import reads the words in any case, and clerk's own names too", err + text)
words_yaml = os.path.join(plan, "words.yaml")
with open(words_yaml, "w") as f:
    f.write(open(q1).read().replace("P3.4: {status: done,", "P3.4: {status: Complete,")
            .replace("P9.1: {status: at_risk,", "P9.1: {status: Amber,"))
rc, data, err = kclerk("data", words_yaml)
ok(rc == 0 and '"status": "done"' in data and '"Complete": "done"' in data,
   "a status written Complete in YAML is done; clerk data prints the words back",
   err + data[:200])
rc, _, err = clerk("check", words_yaml)
ok(rc == 1 and 'got "Complete"' in err,
   "without the words in the theme, Complete is an error", err)
bad_theme = os.path.join(kit, "templates", "lewisham", "brand.yaml")
with open(bad_theme, "a") as f:
    f.write("  Blue: purple\n")
rc, _, err = kclerk("check", q1)
ok(rc == 1 and "status_words.Blue: expected a status" in err,
   "a word for no status is an error in brand.yaml", err)

shutil.rmtree(tmp, ignore_errors=True)
print(f"1..{n}")
sys.exit(1 if failed else 0)
