#!/usr/bin/python3
"""Builds a good tagged one-page PDF/UA-1 document with pikepdf, then one
broken copy per rule, and checks that check.py fails exactly that rule.
Prints TAP."""
import os
import sys
import tempfile

import pikepdf
from pikepdf import Array, Dictionary, Name, String

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check  # noqa: E402

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 pdfuaid:part="%s" pdfaid:part="2" pdfaid:conformance="A">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""
CONTENT = b"""/Artifact BMC 0 0 1 rg 0 0 10 10 re f EMC
/H1 <</MCID 0>> BDC BT /F1 24 Tf 72 720 Td (Report) Tj ET EMC
/P <</MCID 1>> BDC BT /F1 12 Tf 72 700 Td (See) Tj ET EMC
/Figure <</MCID 2>> BDC 0 g 72 600 100 50 re f EMC
"""


def build(path, fault=None):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    page = pdf.pages[0].obj
    content = CONTENT
    if fault == "untagged":
        content += b"BT /F1 12 Tf 72 650 Td (Loose) Tj ET\n"
    if fault == "notdef":
        content = content.replace(b"(See)", b"(S\\000e)")
    if fault == "tounicode":
        content = content.replace(b"(See)", b"(S\\200e)")
    if fault in ("xobject", "xobject-tagged"):
        form = pdf.make_stream(b"0 0 5 5 re f", Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 5, 5])
        page.Resources = Dictionary(XObject=Dictionary(X1=form))
        content += (b"/Artifact BMC /X1 Do EMC\n" if fault == "xobject-tagged" else b"/X1 Do\n")
    page.Contents = pdf.make_stream(content)
    data = open(FONT, "rb").read()
    ff = pdf.make_stream(data)
    ff.Length1 = len(data)
    fd = pdf.make_indirect(Dictionary(Type=Name.FontDescriptor, FontName=Name("/LiberationSans"),
                                      Flags=32, FontBBox=[-203, -303, 1050, 910], ItalicAngle=0,
                                      Ascent=905, Descent=-212, CapHeight=729, StemV=80))
    if fault != "embed":
        fd.FontFile2 = ff
    cmap = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /U def 1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfrange <20> <7E> <0020> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end"""
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/LiberationSans"),
                                        FirstChar=32, LastChar=126, Widths=[500] * 95,
                                        Encoding=Name.WinAnsiEncoding, FontDescriptor=fd,
                                        ToUnicode=pdf.make_stream(cmap)))
    if "/Resources" not in page:
        page.Resources = Dictionary()
    page.Resources.Font = Dictionary(F1=font)
    if fault in ("cid-notdef", "cidmap", "cid"):
        cmap2 = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /U2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange
1 beginbfrange <0001> <00FF> <0041> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end"""
        cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/LiberationSans"),
                         CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0),
                         FontDescriptor=fd, DW=500)
        if fault != "cidmap":
            cid.CIDToGIDMap = Name.Identity
        page.Resources.Font.F2 = pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/LiberationSans"), Encoding=Name("/Identity-H"),
            DescendantFonts=Array([pdf.make_indirect(cid)]), ToUnicode=pdf.make_stream(cmap2)))
        code = b"<00000005>" if fault == "cid-notdef" else b"<00040005>"
        page.Contents = pdf.make_stream(content + b"/Span <</MCID 3>> BDC BT /F2 12 Tf 72 500 Td " + code + b" Tj ET EMC\n")
    page.StructParents = 0
    root = pdf.Root
    st = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    doc = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=st))
    h = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/H3" if fault == "heading" else "/H1"),
                                     P=doc, Pg=page, K=0))
    p = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=doc, Pg=page, K=Array([1, 3] if fault in ("cid-notdef", "cidmap", "cid") else [1])))
    fig = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/Chart" if fault == "role" else "/Figure"),
                                       P=doc, Pg=page, K=2))
    if fault != "alt":
        fig.Alt = String("A bar")
    annot = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[72, 700, 100, 712], F=4,
                                         StructParent=1, A=Dictionary(S=Name.URI, URI=String("https://example.org/"))))
    if fault != "contents":
        annot.Contents = String("Example site")
    link = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Link, P=p, Pg=page,
                                        K=Array([Dictionary(Type=Name.OBJR, Obj=annot, Pg=page)])))
    if fault == "notlink":
        p.K.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=page))
        link = p
    else:
        p.K.append(link)
    kids = [h, p, fig]
    if fault == "nesting":
        kids.append(pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.LI, P=doc)))
    if fault == "table":
        t = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Table, P=doc))
        t.K = Array([pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.TD, P=t))])
        kids.append(t)
    doc.K = Array(kids)
    st.K = doc
    st.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([0, Array([h, p] if fault == "mcid" else [h, p, fig, p]), 1, link])))
    if fault == "role":
        st.RoleMap = Dictionary(Chart=Name.Figure)
    if fault == "circular":
        fig.S = Name("/Chart")
        st.RoleMap = Dictionary(Chart=Name("/Graph"), Graph=Name("/Chart"))
    page.Annots = Array([annot])
    if fault != "tabs":
        page.Tabs = Name.S
    if fault != "structtree":
        root.StructTreeRoot = st
    if fault != "marked":
        root.MarkInfo = Dictionary(Marked=True)
    if fault != "doctitle":
        root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    root.Lang = String("en-GB-" if fault == "lang" else "en-GB")
    if fault != "xmp":
        title = "" if fault == "title" else "Report"
        root.Metadata = pdf.make_stream(
            (XMP % ("0" if fault == "uapart" else "1", title)).encode("utf-8"),
            Type=Name.Metadata, Subtype=Name.XML)
    icc = b"\0" * 16 + (b"CMYK" if fault == "icc" else b"RGB ") + b"\0" * 108
    root.OutputIntents = Array([Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFA1,
                                           OutputConditionIdentifier=String("sRGB IEC61966-2.1"),
                                           DestOutputProfile=pdf.make_stream(icc, N=3))])
    pdf.docinfo = pdf.make_indirect(Dictionary(Title=String({"info": "Other", "title": ""}.get(fault, "Report"))))
    if fault == "header":
        pdf.save(path, force_version="1.3", fix_metadata_version=False)
    else:
        pdf.save(path, min_version="1.7", fix_metadata_version=False)


CASES = [
    ("untagged", "UA-7.1-3", "untagged text"),
    ("marked", "UA-7.1-1", "no MarkInfo"),
    ("structtree", None, "no StructTreeRoot"),
    ("alt", "UA-7.3-1", "figure without Alt"),
    ("contents", "UA-7.18-4", "link without Contents"),
    ("tabs", "UA-7.18-2", "annotations without Tabs /S"),
    ("uapart", "UA-7.1-7", "XMP pdfuaid:part wrong"),
    ("title", "UA-7.1-8", "empty dc:title"),
    ("embed", "UA-7.21-1", "font not embedded"),
    ("heading", "UA-7.4-1", "heading skip H1 to H3"),
    ("doctitle", "UA-7.1-9", "no DisplayDocTitle"),
    ("lang", "UA-7.2-1", "malformed /Lang"),
    ("notdef", "UA-7.21-4", "a .notdef code shown"),
    ("tounicode", "UA-7.21-3", "a code with no ToUnicode entry"),
    ("role", "", "a role-mapped type passes"),
    ("circular", "UA-7.1-5", "circular role map"),
    ("nesting", "UA-7.2-2", "LI outside L"),
    ("icc", "A2-6.2-1", "OutputIntent profile of the wrong N"),
    ("info", "A2-6.6-2", "Info Title differs from dc:title"),
    ("cid", "", "an Identity-H font with ToUnicode and CIDToGIDMap passes"),
    ("cid-notdef", "UA-7.21-4", "Identity-H glyph 0 shown"),
    ("cidmap", "UA-7.21-2", "a CIDFontType2 without CIDToGIDMap"),
    ("header", "UA-5-1", "a %PDF-1.3 header"),
    ("mcid", "UA-7.1-4", "an MCID missing from the ParentTree"),
    ("notlink", "UA-7.18-4", "a link annotation outside a Link element"),
    ("table", "UA-7.2-2", "TD directly inside Table"),
    ("xobject", "UA-7.1-3", "an untagged Form XObject"),
    ("xobject-tagged", "", "a Form XObject drawn as an artifact passes"),
]


def failed(path):
    c = check.Checker(path)
    c.run()
    return {r for r, m in c.fail.items() if m and r not in check.WARN}, c


def main():
    n = 0
    bad = 0
    tmp = tempfile.mkdtemp()

    def tap(ok, msg, detail=None):
        nonlocal n, bad
        n += 1
        bad += not ok
        print("%s %d - %s" % ("ok" if ok else "not ok", n, msg))
        if not ok and detail:
            for r, ms in detail.fail.items():
                for m in ms:
                    print("# %s: %s" % (r, m))

    good = os.path.join(tmp, "good.pdf")
    build(good)
    got, c = failed(good)
    tap(not got, "a good tagged document passes every rule", c)
    for fault, rule, what in CASES:
        path = os.path.join(tmp, fault + ".pdf")
        build(path, fault)
        got, c = failed(path)
        if rule is None:
            ok = "UA-7.1-2" in got
        elif rule == "":
            ok = not got
        else:
            ok = got == {rule}
        tap(ok, "%s: checker reports %s (got %s)" % (what, rule or "nothing" if rule is not None else "UA-7.1-2",
                                                     ", ".join(sorted(got)) or "none"), c)
    print("1..%d" % n)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
