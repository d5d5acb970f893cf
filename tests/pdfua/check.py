#!/usr/bin/python3
"""Checks PDFs against the rules of PDF/UA-1 (ISO 14289-1) and the PDF/A-2a
metadata rules that can be decided from the file's structure alone.

usage: check.py [--verapdf] [--quiet] FILE.pdf...

Prints one TAP line per file per rule ("ok N - FILE: ID title" or
"not ok N - ..." followed by "# " lines naming the page or object), and
exits 1 when any rule fails. Rule ids follow the veraPDF PDF/UA-1 profile
(clause numbers of ISO 14289-1) with the Matterhorn Protocol 1.1
checkpoint in the title. Rules marked "warn" report but never fail.

veraPDF, the reference validator, is not packaged in Debian 12; --verapdf
runs "verapdf --flavour ua1" when it is on PATH and reports a skip
otherwise, so a full run can be added without changing the callers.
"""
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Name, Dictionary, Array

RULES = [
    ("UA-5-1", "header is %PDF-1.4 or later (MP 01)"),
    ("UA-6.2-1", "no encryption (MP 26)"),
    ("UA-7.1-1", "MarkInfo Marked is true (MP 01-001)"),
    ("UA-7.1-2", "StructTreeRoot present (MP 01-002)"),
    ("UA-7.1-3", "content is tagged or artifact (MP 01-005)"),
    ("UA-7.1-4", "MCIDs unique per page and in the ParentTree with a matching Pg (MP 01-006)"),
    ("UA-7.1-5", "structure types standard or role-mapped, no circular map (MP 02)"),
    ("UA-7.1-6", "XMP metadata stream present and parses (MP 06-001)"),
    ("UA-7.1-7", "XMP pdfuaid:part is 1 (MP 06-002)"),
    ("UA-7.1-8", "XMP dc:title present and non-empty (MP 06-003)"),
    ("UA-7.1-9", "ViewerPreferences DisplayDocTitle true (MP 07)"),
    ("UA-7.1-10", "ParentTree consistent for pages and annotations (MP 01)"),
    ("UA-7.2-1", "natural language declared and well formed (MP 11)"),
    ("UA-7.2-2", "list, table and grouping nesting (MP 09)"),
    ("UA-7.3-1", "Figure has Alt or ActualText (MP 13-004)"),
    ("UA-7.4-1", "heading levels not skipped (MP 14-003)"),
    ("UA-7.5-1", "TH has Scope or cells have Headers (MP 15-003, warn)"),
    ("UA-7.5-2", "table rows regular (MP 15, warn)"),
    ("UA-7.18-1", "annotations not hidden (MP 28-002)"),
    ("UA-7.18-2", "pages with annotations have Tabs /S (MP 28-011)"),
    ("UA-7.18-3", "annotations other than Popup inside a structure element via OBJR (MP 28-008)"),
    ("UA-7.18-4", "Link annotations have Contents and are inside a Link element (MP 28-004/28-012)"),
    ("UA-7.21-1", "every font embedded (MP 31-009)"),
    ("UA-7.21-2", "Type0 CIDFontType2 fonts have CIDToGIDMap (MP 31-006)"),
    ("UA-7.21-3", "every code shown maps to Unicode (MP 31-027)"),
    ("UA-7.21-4", "no .notdef glyph shown (MP 31-030)"),
    ("A2-6.6-1", "XMP pdfaid:part 2 and conformance A"),
    ("A2-6.2-1", "OutputIntent GTS_PDFA1 with embedded profile of matching N"),
    ("A2-6.6-2", "Info Title consistent with XMP dc:title"),
]
WARN = {"UA-7.5-1", "UA-7.5-2"}

STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead
TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form""".split())
PAINT = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*",
         "sh", "Do", "BI"}
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}
LANG = re.compile(r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
                  r"(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
                  r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
                  r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
                  r"(?:-x(?:-[A-Za-z0-9]{1,8})+)?$|^x(?:-[A-Za-z0-9]{1,8})+$")


def objname(o):
    try:
        return "obj %d" % o.objgen[0] if o.objgen[0] else "direct object"
    except Exception:
        return "object"


def ident(o):
    try:
        if o.objgen[0]:
            return o.objgen
    except Exception:
        pass
    return id(o)


class Checker:
    def __init__(self, path):
        self.path = path
        self.fail = {r: [] for r, _ in RULES}

    def bad(self, rule, msg):
        if len(self.fail[rule]) < 50:
            self.fail[rule].append(msg)
        elif len(self.fail[rule]) == 50:
            self.fail[rule].append("... and more")

    def run(self):
        try:
            with open(self.path, "rb") as f:
                head = f.read(16)
        except OSError as e:
            self.bad("UA-5-1", "cannot read: %s" % e)
            return
        m = re.match(rb"%PDF-(\d)\.(\d)", head)
        if not m or (int(m.group(1)), int(m.group(2))) < (1, 4):
            self.bad("UA-5-1", "header is %r" % head[:8])
        try:
            pdf = pikepdf.open(self.path)
        except pikepdf.PasswordError:
            self.bad("UA-6.2-1", "the file is encrypted with a password")
            return
        except Exception as e:
            self.bad("UA-5-1", "not a readable PDF: %s" % e)
            return
        self.pdf = pdf
        root = pdf.Root
        if pdf.is_encrypted:
            self.bad("UA-6.2-1", "the file is encrypted")
        mi = root.get("/MarkInfo")
        if not isinstance(mi, Dictionary) or mi.get("/Marked") is not True:
            self.bad("UA-7.1-1", "catalog has no /MarkInfo << /Marked true >>")
        vp = root.get("/ViewerPreferences")
        if not isinstance(vp, Dictionary) or vp.get("/DisplayDocTitle") is not True:
            self.bad("UA-7.1-9", "catalog has no /ViewerPreferences << /DisplayDocTitle true >>")
        self.pages = {ident(p.obj): i + 1 for i, p in enumerate(pdf.pages)}
        self.structure(root)
        self.metadata(pdf, root)
        self.content(pdf)
        self.annotations(pdf)
        self.fonts(pdf)

    # --- structure tree ---------------------------------------------------
    def structure(self, root):
        st = root.get("/StructTreeRoot")
        self.mcid_owner = {}   # (page ident, mcid) -> element
        self.objr_owner = {}   # annot ident -> element
        self.elements = []
        self.ptree = {}
        if not isinstance(st, Dictionary):
            self.bad("UA-7.1-2", "catalog has no /StructTreeRoot")
            self.st = None
            return
        self.st = st
        rolemap = st.get("/RoleMap", Dictionary())
        self.rolemap = {str(k)[1:]: str(v)[1:] for k, v in rolemap.items()
                        if isinstance(v, Name)}
        self.read_parent_tree(st.get("/ParentTree"))
        seen = set()
        headings = []

        def walk(e, parent_type, depth):
            if ident(e) in seen or depth > 200:
                return
            seen.add(ident(e))
            s = e.get("/S")
            if not isinstance(s, Name):
                self.bad("UA-7.1-5", "%s: structure element without /S" % objname(e))
                return
            t = self.std_type(str(s)[1:], e)
            self.elements.append((e, t, parent_type))
            self.nesting(e, t, parent_type)
            if t == "Figure" and "/Alt" not in e and "/ActualText" not in e:
                self.bad("UA-7.3-1", "%s: Figure without /Alt or /ActualText" % objname(e))
            if t in ("H1", "H2", "H3", "H4", "H5", "H6"):
                headings.append((int(t[1]), e))
            if t == "Table":
                self.table(e)
            pg = e.get("/Pg")
            kids = e.get("/K")
            kids = list(kids) if isinstance(kids, Array) else ([] if kids is None else [kids])
            for k in kids:
                if isinstance(k, int):
                    self.own_mcid(pg, int(k), e)
                elif isinstance(k, Dictionary):
                    ty = k.get("/Type")
                    if ty == Name.MCR:
                        self.own_mcid(k.get("/Pg", pg), int(k.get("/MCID", -1)), e)
                    elif ty == Name.OBJR:
                        o = k.get("/Obj")
                        if o is not None:
                            self.objr_owner[ident(o)] = e
                    else:
                        walk(k, t, depth + 1)

        k = st.get("/K")
        for e in (list(k) if isinstance(k, Array) else [k] if k is not None else []):
            if isinstance(e, Dictionary):
                walk(e, None, 0)
        last = 0
        for lvl, e in headings:
            if lvl > last + 1:
                self.bad("UA-7.4-1", "%s: H%d follows %s" % (
                    objname(e), lvl, "H%d" % last if last else "no heading"))
            last = lvl

    def read_parent_tree(self, node, depth=0):
        if not isinstance(node, Dictionary) or depth > 30:
            return
        nums = node.get("/Nums")
        if isinstance(nums, Array):
            for i in range(0, len(nums) - 1, 2):
                self.ptree[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", []):
            self.read_parent_tree(kid, depth + 1)

    def std_type(self, t, e):
        seen = [t]
        while t not in STANDARD:
            if t not in self.rolemap:
                self.bad("UA-7.1-5", "%s: type /%s is neither standard nor role-mapped" % (objname(e), seen[0]))
                return seen[0]
            t = self.rolemap[t]
            if t in seen:
                self.bad("UA-7.1-5", "%s: role map of /%s is circular" % (objname(e), seen[0]))
                return seen[0]
            seen.append(t)
        if len(seen) > 1 and seen[0] in STANDARD:
            self.bad("UA-7.1-5", "standard type /%s is remapped" % seen[0])
        return t

    def own_mcid(self, pg, mcid, e):
        key = (ident(pg) if pg is not None else None, mcid)
        if pg is None:
            self.bad("UA-7.1-4", "%s: MCID %d with no /Pg" % (objname(e), mcid))
        elif key in self.mcid_owner:
            self.bad("UA-7.1-4", "page %s: MCID %d owned by two elements" % (self.pages.get(key[0], "?"), mcid))
        self.mcid_owner[key] = e

    def nesting(self, e, t, parent):
        need = {"LI": {"L"}, "Lbl": {"LI", "BibEntry", "TOCI", "Note"},
                "LBody": {"LI"}, "TR": {"Table", "THead", "TBody", "TFoot"},
                "TH": {"TR"}, "TD": {"TR"}, "THead": {"Table"},
                "TBody": {"Table"}, "TFoot": {"Table"}, "TOCI": {"TOC"}}
        if t in need and parent not in need[t]:
            self.bad("UA-7.2-2", "%s: %s inside %s" % (objname(e), t, parent or "the tree root"))
        if t == "L" or t == "Table" or t == "TR":
            allowed = {"L": {"LI", "Caption", "L"}, "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
                       "TR": {"TH", "TD"}}[t]
            for k in self.kids(e):
                s = k.get("/S")
                kt = self.rolemap.get(str(s)[1:], str(s)[1:]) if isinstance(s, Name) else None
                if kt not in allowed:
                    self.bad("UA-7.2-2", "%s: %s inside %s" % (objname(k), kt, t))

    def kids(self, e):
        k = e.get("/K")
        k = list(k) if isinstance(k, Array) else ([] if k is None else [k])
        return [x for x in k if isinstance(x, Dictionary) and x.get("/Type") not in (Name.MCR, Name.OBJR) and "/S" in x]

    def table(self, t):
        rows = []
        for k in self.kids(t):
            s = str(k.get("/S"))[1:]
            s = self.rolemap.get(s, s)
            if s == "TR":
                rows.append(k)
            elif s in ("THead", "TBody", "TFoot"):
                rows += [r for r in self.kids(k) if self.rolemap.get(str(r.S)[1:], str(r.S)[1:]) == "TR"]
        widths = []
        pending = []   # row spans carried down: list of (remaining rows, columns)
        for r in rows:
            w = sum(c for _, c in pending)
            pending = [(n - 1, c) for n, c in pending if n > 1]
            for c in self.kids(r):
                a = c.get("/A")
                attrs = [a] if isinstance(a, Dictionary) else list(a) if isinstance(a, Array) else []
                cs = rs = 1
                scope = False
                for d in attrs:
                    if isinstance(d, Dictionary):
                        cs = int(d.get("/ColSpan", cs))
                        rs = int(d.get("/RowSpan", rs))
                        scope = scope or "/Scope" in d
                w += cs
                if rs > 1:
                    pending.append((rs - 1, cs))
                ct = self.rolemap.get(str(c.S)[1:], str(c.S)[1:])
                if ct == "TH" and not scope and "/ID" not in c:
                    self.bad("UA-7.5-1", "%s: TH without /Scope" % objname(c))
            widths.append(w)
        if widths and len(set(widths)) > 1:
            self.bad("UA-7.5-2", "%s: rows have %s cells" % (objname(t), "/".join(map(str, widths))))

    # --- metadata --------------------------------------------------------
    def metadata(self, pdf, root):
        md = root.get("/Metadata")
        title = None
        if not isinstance(md, pikepdf.Stream):
            self.bad("UA-7.1-6", "catalog has no /Metadata stream")
            for r in ("UA-7.1-7", "UA-7.1-8", "A2-6.6-1"):
                self.bad(r, "no XMP metadata")
        else:
            try:
                x = ET.fromstring(md.read_bytes())
            except Exception as e:
                self.bad("UA-7.1-6", "XMP does not parse: %s" % e)
                x = None
            if x is not None:
                def prop(ns, name):
                    tag = "{%s}%s" % (NS[ns], name)
                    for d in x.iter("{%s}Description" % NS["rdf"]):
                        v = d.get(tag)
                        if v is not None:
                            return v.strip()
                        el = d.find(tag)
                        if el is not None:
                            return "".join(el.itertext()).strip()
                    return None
                if prop("pdfuaid", "part") != "1":
                    self.bad("UA-7.1-7", "pdfuaid:part is %r" % prop("pdfuaid", "part"))
                title = prop("dc", "title")
                if not title:
                    self.bad("UA-7.1-8", "dc:title missing or empty")
                if prop("pdfaid", "part") != "2" or prop("pdfaid", "conformance") != "A":
                    self.bad("A2-6.6-1", "pdfaid:part %r conformance %r" % (
                        prop("pdfaid", "part"), prop("pdfaid", "conformance")))
        info = pdf.trailer.get("/Info")
        it = str(info.get("/Title")) if isinstance(info, Dictionary) and "/Title" in info else None
        if it is not None and title is not None and it.strip() != title:
            self.bad("A2-6.6-2", "Info Title %r but dc:title %r" % (it, title))
        elif it is not None and title is None:
            self.bad("A2-6.6-2", "Info Title %r with no dc:title" % it)
        ok_oi = False
        for oi in root.get("/OutputIntents", []):
            if oi.get("/S") == Name.GTS_PDFA1:
                prof = oi.get("/DestOutputProfile")
                if not isinstance(prof, pikepdf.Stream):
                    self.bad("A2-6.2-1", "GTS_PDFA1 OutputIntent without an embedded profile")
                    continue
                data = prof.read_bytes()
                space = data[16:20]
                n = {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}.get(space)
                if n is None or int(prof.get("/N", 0)) != n:
                    self.bad("A2-6.2-1", "profile /N %s for colour space %r" % (prof.get("/N"), space))
                else:
                    ok_oi = True
        if not ok_oi and not self.fail["A2-6.2-1"]:
            self.bad("A2-6.2-1", "no GTS_PDFA1 OutputIntent")
        lang = root.get("/Lang")
        if lang is not None:
            if not LANG.match(str(lang)):
                self.bad("UA-7.2-1", "catalog /Lang %r is not a BCP 47 tag" % str(lang))
        else:
            self.bad("UA-7.2-1", "catalog has no /Lang")
        for e, _, _ in self.elements:
            if "/Lang" in e and not LANG.match(str(e.Lang)):
                self.bad("UA-7.2-1", "%s: /Lang %r is not a BCP 47 tag" % (objname(e), str(e.Lang)))

    # --- content streams -------------------------------------------------
    def content(self, pdf):
        for i, page in enumerate(pdf.pages):
            pno = i + 1
            po = page.obj
            sp = po.get("/StructParents")
            if self.st is not None:
                if sp is None:
                    arr = None
                else:
                    arr = self.ptree.get(int(sp))
                    if not isinstance(arr, Array):
                        self.bad("UA-7.1-10", "page %d: /StructParents %d not in the ParentTree" % (pno, int(sp)))
                        arr = None
            else:
                arr = None
            used = set()
            self.untagged = 0
            self.stream(page, pno, po, arr, used, page.Resources if "/Resources" in po else Dictionary(), 0, False, set())
            if self.untagged:
                self.bad("UA-7.1-3", "page %d: %d painting operators outside tagged content or an artifact" % (pno, self.untagged))
            if used and sp is None and self.st is not None:
                self.bad("UA-7.1-10", "page %d: marked content with MCIDs but no /StructParents" % pno)

    def stream(self, obj, pno, po, arr, used, res, depth, inherited, forms):
        if depth > 10:
            return
        try:
            ops = pikepdf.parse_content_stream(obj)
        except Exception as e:
            self.bad("UA-7.1-3", "page %d: content stream does not parse: %s" % (pno, e))
            return
        stack = []  # True for a tagged or artifact level
        font = None
        fonts = res.get("/Font", Dictionary()) if isinstance(res, Dictionary) else Dictionary()
        xobjs = res.get("/XObject", Dictionary()) if isinstance(res, Dictionary) else Dictionary()
        for operands, op in ops:
            op = str(op)
            if op == "BDC" or op == "BMC":
                tag = operands[0]
                marked = False
                if tag == Name.Artifact:
                    marked = True
                elif op == "BDC":
                    props = operands[1]
                    if isinstance(props, Name):
                        props = res.get("/Properties", {}).get(props)
                    if isinstance(props, Dictionary) and "/MCID" in props:
                        m = int(props.MCID)
                        if m in used:
                            self.bad("UA-7.1-4", "page %d: MCID %d used twice" % (pno, m))
                        used.add(m)
                        owner = self.mcid_owner.get((ident(po), m))
                        if self.st is not None:
                            if arr is None or m >= len(arr) or not isinstance(arr[m], Dictionary):
                                self.bad("UA-7.1-4", "page %d: MCID %d not in the ParentTree" % (pno, m))
                            elif owner is None or ident(arr[m]) != ident(owner):
                                self.bad("UA-7.1-4", "page %d: MCID %d: ParentTree names %s, no element with that /Pg owns it" % (pno, m, objname(arr[m])))
                        # Counted as tagged when something owns it; a
                        # dangling MCID is reported above, under 7.1-4.
                        marked = owner is not None or (arr is not None and m < len(arr))
                stack.append(marked or (stack[-1] if stack else False))
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op == "Tf":
                f = fonts.get(operands[0])
                font = f if isinstance(f, Dictionary) else None
            elif op == "BI" or op == "INLINE IMAGE":
                if not (inherited or (stack and stack[-1])):
                    self.untagged += 1
            elif op in PAINT:
                tagged = inherited or (stack and stack[-1])
                if op == "Do":
                    x = xobjs.get(operands[0])
                    if isinstance(x, pikepdf.Stream) and x.get("/Subtype") == Name.Form and ident(x) not in forms:
                        self.stream(x, pno, po, arr, used, x.get("/Resources", res), depth + 1, tagged, forms | {ident(x)})
                        continue
                if not tagged:
                    self.untagged += 1
                if op in TEXT_SHOW and font is not None:
                    strs = []
                    if op == "TJ":
                        strs = [s for s in operands[0] if isinstance(s, pikepdf.String)]
                    else:
                        strs = [operands[-1]]
                    for s in strs:
                        self.shown(font, bytes(s), pno)

    # --- fonts -----------------------------------------------------------
    def font_info(self, font):
        k = ident(font)
        if not hasattr(self, "_fi"):
            self._fi = {}
        if k in self._fi:
            return self._fi[k]
        two = font.get("/Subtype") == Name.Type0 and font.get("/Encoding") in (Name("/Identity-H"), Name("/Identity-V"))
        cmap = set()
        tu = font.get("/ToUnicode")
        if isinstance(tu, pikepdf.Stream):
            cmap = self.read_cmap(tu.read_bytes())
        self._fi[k] = (two, tu is not None, cmap)
        return self._fi[k]

    def read_cmap(self, data):
        codes = set()
        text = data.decode("latin-1")
        for blk in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for m in re.finditer(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", blk):
                codes.add(int(m.group(1), 16))
        for blk in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for m in re.finditer(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", blk):
                a, b = int(m.group(1), 16), int(m.group(2), 16)
                if b - a < 70000:
                    codes.update(range(a, b + 1))
        return codes

    def shown(self, font, data, pno):
        two, has_tu, cmap = self.font_info(font)
        codes = [data[i] << 8 | data[i + 1] for i in range(0, len(data) - 1, 2)] if two else list(data)
        name = str(font.get("/BaseFont", "?"))
        winansi = font.get("/Encoding") == Name.WinAnsiEncoding
        for c in codes:
            if two and c == 0 or winansi and (c < 0x20 or c in (0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D)):
                # Identity-H code 0 is glyph 0; WinAnsi leaves these codes
                # undefined, so they show .notdef.
                self.bad("UA-7.21-4", "page %d: font %s shows .notdef (code %04X)" % (pno, name, c))
                continue
            if has_tu:
                if c not in cmap:
                    self.bad("UA-7.21-3", "page %d: font %s code %04X has no ToUnicode entry" % (pno, name, c))
            elif two or "/Encoding" not in font and font.get("/Subtype") != Name.Type1:
                self.bad("UA-7.21-3", "page %d: font %s has no ToUnicode map" % (pno, name))
                break

    def fonts(self, pdf):
        done = set()
        for i, page in enumerate(pdf.pages):
            res = page.obj.get("/Resources", Dictionary())
            for name, f in res.get("/Font", Dictionary()).items():
                if ident(f) in done or not isinstance(f, Dictionary):
                    continue
                done.add(ident(f))
                desc = f
                if f.get("/Subtype") == Name.Type0:
                    d = f.get("/DescendantFonts")
                    desc = d[0] if isinstance(d, Array) and len(d) else Dictionary()
                    if desc.get("/Subtype") == Name.CIDFontType2 and "/CIDToGIDMap" not in desc:
                        # ISO 14289-1 7.21.3.2: required when embedded.
                        self.bad("UA-7.21-2", "font %s: CIDFontType2 without /CIDToGIDMap" % f.get("/BaseFont"))
                if f.get("/Subtype") == Name.Type3:
                    continue
                fd = desc.get("/FontDescriptor")
                if not isinstance(fd, Dictionary) or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    self.bad("UA-7.21-1", "page %d: font %s is not embedded" % (i + 1, f.get("/BaseFont")))

    # --- annotations -----------------------------------------------------
    def annotations(self, pdf):
        for i, page in enumerate(pdf.pages):
            po = page.obj
            annots = [a for a in po.get("/Annots", []) if isinstance(a, Dictionary)]
            if annots and po.get("/Tabs") != Name.S:
                self.bad("UA-7.18-2", "page %d: %d annotation(s) but no /Tabs /S" % (i + 1, len(annots)))
            for a in annots:
                st = a.get("/Subtype")
                if st == Name.Popup:
                    continue
                flags = int(a.get("/F", 0))
                if flags & 2 and st not in (Name.Link, Name.Widget):
                    self.bad("UA-7.18-1", "page %d: %s %s is hidden" % (i + 1, st, objname(a)))
                owner = self.objr_owner.get(ident(a))
                sp = a.get("/StructParent")
                if owner is None:
                    self.bad("UA-7.18-3", "page %d: %s %s is in no structure element" % (i + 1, st, objname(a)))
                if sp is not None:
                    tgt = self.ptree.get(int(sp))
                    if owner is None or tgt is None or ident(tgt) != ident(owner):
                        self.bad("UA-7.1-10", "page %d: %s %s: /StructParent %d does not name the element holding its OBJR" % (i + 1, st, objname(a), int(sp)))
                elif self.st is not None:
                    self.bad("UA-7.1-10", "page %d: %s %s has no /StructParent" % (i + 1, st, objname(a)))
                if st == Name.Link:
                    why = []
                    if not str(a.get("/Contents", "")).strip():
                        why.append("no /Contents")
                    if owner is None or self.rolemap.get(str(owner.S)[1:], str(owner.S)[1:]) != "Link":
                        why.append("not inside a Link element")
                    if why:
                        self.bad("UA-7.18-4", "page %d: link %s: %s" % (i + 1, objname(a), ", ".join(why)))


def verapdf(path):
    # veraPDF is not packaged in Debian 12: run it only where installed.
    exe = shutil.which("verapdf")
    if not exe:
        return None, "veraPDF is not installed"
    r = subprocess.run([exe, "--flavour", "ua1", "--format", "text", path],
                       capture_output=True, text=True, timeout=300)
    return r.returncode == 0 and "FAIL" not in r.stdout, r.stdout.strip()[:2000]


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    opts = {a for a in argv if a.startswith("--")}
    if not args or opts - {"--verapdf", "--quiet", "--summary"}:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    n = 0
    failed = 0
    for path in args:
        c = Checker(path)
        c.run()
        nfail = 0
        for rid, title in RULES:
            msgs = c.fail[rid]
            bad = bool(msgs) and rid not in WARN
            nfail += bad
            if "--summary" in opts:
                continue
            n += 1
            if bad:
                print("not ok %d - %s: %s %s" % (n, path, rid, title))
            else:
                print("ok %d - %s: %s %s%s" % (n, path, rid, title, " # warning" if msgs else ""))
            if msgs and "--quiet" not in opts:
                for m in msgs:
                    print("# %s: %s" % (rid, m))
        if "--summary" in opts:
            n += 1
            print("%s %d - %s: %d of %d rules fail%s" % ("not ok" if nfail else "ok", n, path, nfail, len(RULES),
                  " (" + ", ".join(r for r, _ in RULES if c.fail[r] and r not in WARN) + ")" if nfail else ""))
        if "--verapdf" in opts:
            n += 1
            ok, out = verapdf(path)
            if ok is None:
                print("ok %d - %s: veraPDF PDF/UA-1 # SKIP %s" % (n, path, out))
            else:
                print("%s %d - %s: veraPDF PDF/UA-1" % ("ok" if ok else "not ok", n, path))
                if not ok:
                    nfail += 1
                    print("\n".join("# " + l for l in out.splitlines()))
        failed += nfail > 0
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
