/* xmp: the PDF/A-2a and PDF/UA-1 identification of a document: its XMP
 * metadata stream, equal to the document information dictionary, and an
 * sRGB output intent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fs.h"
#include "pdf/internal.h"

/* The colour profile of the output intent (Debian's icc-profiles-free). */
#define SRGB_PROFILE "/usr/share/color/icc/sRGB.icc"

static void xml_text(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			buf_puts(b, "&amp;");
		else if (c == '<')
			buf_puts(b, "&lt;");
		else if (c == '>')
			buf_puts(b, "&gt;");
		else if (c < 0x20 && c != '\t' && c != '\n')
			buf_putc(b, ' '); /* not allowed in XML 1.0 */
		else
			buf_putc(b, (char)c);
	}
}

static void xml_date(struct buf *b, const char *name, const HPDF_Date *dt)
{
	char s[64];
	snprintf(s, sizeof s, "%04d-%02d-%02dT%02d:%02d:%02dZ", dt->year,
	         dt->month, dt->day, dt->hour, dt->minutes, dt->seconds);
	buf_printf(b, "   <%s>%s</%s>\n", name, s, name);
}

void pdf_metadata(struct pdf_doc *doc, const struct pdf_meta *m)
{
	HPDF_Doc pdf = doc->pdf;
	struct buf b = {0};
	buf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" "
	             "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	             "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	             " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
	             "22-rdf-syntax-ns#\">\n"
	             "  <rdf:Description rdf:about=\"\"\n"
	             "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	             "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	             "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	             "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
	             "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
	             "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/"
	             "extension/\"\n"
	             "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/"
	             "schema#\"\n"
	             "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/"
	             "property#\">\n"
	             "   <pdfaid:part>2</pdfaid:part>\n"
	             "   <pdfaid:conformance>A</pdfaid:conformance>\n"
	             "   <pdfuaid:part>1</pdfuaid:part>\n"
	             "   <dc:format>application/pdf</dc:format>\n");
	if (m->title) {
		buf_puts(&b, "   <dc:title><rdf:Alt><rdf:li xml:lang=\""
		             "x-default\">");
		xml_text(&b, m->title);
		buf_puts(&b, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (m->author) {
		buf_puts(&b, "   <dc:creator><rdf:Seq><rdf:li>");
		xml_text(&b, m->author);
		buf_puts(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (m->subject) {
		buf_puts(&b, "   <dc:description><rdf:Alt><rdf:li xml:lang=\""
		             "x-default\">");
		xml_text(&b, m->subject);
		buf_puts(&b, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	if (m->keywords) {
		buf_puts(&b, "   <pdf:Keywords>");
		xml_text(&b, m->keywords);
		buf_puts(&b, "</pdf:Keywords>\n");
	}
	buf_puts(&b, "   <dc:language><rdf:Bag><rdf:li>");
	xml_text(&b, m->language);
	buf_puts(&b, "</rdf:li></rdf:Bag></dc:language>\n   <pdf:Producer>");
	xml_text(&b, m->producer);
	buf_puts(&b, "</pdf:Producer>\n   <xmp:CreatorTool>");
	xml_text(&b, m->creator);
	buf_puts(&b, "</xmp:CreatorTool>\n");
	if (m->date) {
		xml_date(&b, "xmp:CreateDate", m->date);
		xml_date(&b, "xmp:ModifyDate", m->date);
		xml_date(&b, "xmp:MetadataDate", m->date);
	}
	/* PDF/A-2 declares every property outside its predefined schemas:
	 * here pdfuaid:part. */
	buf_puts(&b,
	         "   <pdfaExtension:schemas><rdf:Bag>\n"
	         "    <rdf:li rdf:parseType=\"Resource\">\n"
	         "     <pdfaSchema:schema>PDF/UA Universal Accessibility "
	         "Schema</pdfaSchema:schema>\n"
	         "     <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/"
	         "id/</pdfaSchema:namespaceURI>\n"
	         "     <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
	         "     <pdfaSchema:property><rdf:Seq>\n"
	         "      <rdf:li rdf:parseType=\"Resource\">\n"
	         "       <pdfaProperty:name>part</pdfaProperty:name>\n"
	         "       <pdfaProperty:valueType>Integer</pdfaProperty:"
	         "valueType>\n"
	         "       <pdfaProperty:category>internal</pdfaProperty:"
	         "category>\n"
	         "       <pdfaProperty:description>Indicates, which part of "
	         "ISO 14289 standard is followed</pdfaProperty:description>\n"
	         "      </rdf:li>\n"
	         "     </rdf:Seq></pdfaSchema:property>\n"
	         "    </rdf:li>\n"
	         "   </rdf:Bag></pdfaExtension:schemas>\n"
	         "  </rdf:Description>\n"
	         " </rdf:RDF>\n"
	         "</x:xmpmeta>\n"
	         "<?xpacket end=\"w\"?>");
	HPDF_Dict meta = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (meta) {
		meta->filter = HPDF_STREAM_FILTER_NONE;
		HPDF_Dict_AddName(meta, "Type", "Metadata");
		HPDF_Dict_AddName(meta, "Subtype", "XML");
		HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)b.data,
		                  (HPDF_UINT)b.len);
		HPDF_Dict_Add(pdf->catalog, "Metadata", meta);
	}
	buf_free(&b);
}

/* The profile deflated as pdf_save would deflate it, once per process
 * (every document embeds the same one); NULL until it has been read. */
static struct buf srgb_packed;
static bool srgb_read;

void pdf_profile_warm(void)
{
	if (srgb_read)
		return;
	char *icc = NULL;
	size_t len = 0;
	struct diags d = DIAGS_INIT;
	if (fs_read(SRGB_PROFILE, 1 << 20, &icc, &len, &d) == 0 &&
	    pdf_deflate(&srgb_packed, icc, len) == 0)
		srgb_read = true;
	else
		buf_free(&srgb_packed);
	free(icc);
	diags_free(&d);
}

int pdf_output_intent(struct pdf_doc *doc, struct diags *d)
{
	HPDF_Doc pdf = doc->pdf;
	pdf_profile_warm();
	if (!srgb_read) {
		/* Read again, for the reason it cannot be. */
		char *icc = NULL;
		size_t len = 0;
		if (fs_read(SRGB_PROFILE, 1 << 20, &icc, &len, d) == 0)
			diag_error(d, (struct pos){SRGB_PROFILE, 0, 0},
			           "cannot compress the colour profile");
		free(icc);
		return -1;
	}
	HPDF_Dict prof = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	HPDF_Dict oi = HPDF_Dict_New(pdf->mmgr);
	HPDF_Array ois = HPDF_Array_New(pdf->mmgr);
	if (!prof || !oi || !ois)
		return -1;
	prof->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddNumber(prof, "N", 3);
	if (pdf_packed_add(doc, prof, &srgb_packed) != 0)
		return -1;
	HPDF_Dict_AddName(oi, "Type", "OutputIntent");
	HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
	HPDF_Dict_Add(oi, "OutputConditionIdentifier",
	              HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(oi, "RegistryName",
	              HPDF_String_New(pdf->mmgr, "http://www.color.org", NULL));
	HPDF_Dict_Add(oi, "Info",
	              HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(oi, "DestOutputProfile", prof);
	HPDF_Array_Add(ois, oi);
	HPDF_Dict_Add(pdf->catalog, "OutputIntents", ois);
	return 0;
}
