/* compact: the document's file, written by clerk with object streams.
 *
 * libharu writes every object as plain text, which a tagged document's
 * structure tree (an object for each heading, paragraph, row and cell)
 * makes large, and compresses each stream at zlib's default level. So
 * clerk writes the file itself from libharu's objects: each object's text
 * is libharu's own (HPDF_Obj_WriteValue, which also runs the objects'
 * before-write hooks, such as a page tree's /Count), but the objects that
 * are not streams go, PDF_OBJSTM_MAX at a time, into PDF 1.5 object
 * streams, the cross-reference table is a compressed cross-reference
 * stream, and every stream (pages, fonts, images, object streams) is
 * compressed once, by this file, with libdeflate (zlib's format, as
 * /FlateDecode reads it) at PDF_DEFLATE_LEVEL: a page's content
 * as soon as the page is drawn (pdf_pack_stream), the others as they are
 * written. A stream's /Length
 * is written direct; the number object libharu made for it is left out as
 * a free entry. The XMP metadata stays uncompressed, as libharu marked it.
 * PDF/A-2 and PDF/UA-1 allow object streams and cross-reference streams;
 * the output depends on the objects only, so it stays reproducible. */
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "base/xalloc.h"
#include "pdf/internal.h"

/* libdeflate's level 5, chosen by measurement on the improvement plan
 * and the 1,000-action report (docs/pdf.md, "Compression"), and the
 * objects an object stream holds. */
enum { PDF_DEFLATE_LEVEL = 5, PDF_OBJSTM_MAX = 200 };

struct saver {
	struct pdf_doc *doc;
	struct buf *out;
	size_t start;
	HPDF_Stream ms; /* libharu writes an object's text here */
	/* Per object number: kind 0 (free), 1 (at offset[n]) or 2 (index
	 * idx[n] of object stream offset[n]). */
	char *kind;
	size_t *offset;
	unsigned *idx;
	size_t nobjs;
};

/* Moves what libharu wrote into `ms` to the end of `b`. */
static void take(HPDF_Stream ms, struct buf *b)
{
	HPDF_UINT n = HPDF_MemStream_GetBufCount(ms);
	HPDF_UINT left = ms->size;
	for (HPDF_UINT i = 0; i < n && left > 0; i++) {
		HPDF_UINT len = 0;
		HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(ms, i, &len);
		if (len > left)
			len = left;
		buf_put(b, p, len);
		left -= len;
	}
	HPDF_MemStream_FreeData(ms);
}

/* The calling thread's compressor: making one allocates and sizes its
 * tables, which costs more than deflating a small stream, so each thread
 * keeps the one it made to the end. */
static _Thread_local struct libdeflate_compressor *compressor;

int pdf_deflate(struct buf *b, const void *data, size_t len)
{
	if (!compressor)
		compressor = libdeflate_alloc_compressor(PDF_DEFLATE_LEVEL);
	if (!compressor)
		return -1;
	size_t cap = libdeflate_zlib_compress_bound(compressor, len);
	buf_reserve(b, cap);
	size_t n = libdeflate_zlib_compress(compressor, data, len,
	                                    b->data + b->len, cap);
	if (n == 0)
		return -1;
	b->len += n;
	b->data[b->len] = 0;
	return 0;
}

int pdf_pack_stream(struct pdf_doc *doc, HPDF_Dict dict)
{
	if (!(dict->filter & HPDF_STREAM_FILTER_FLATE_DECODE) ||
	    !(dict->header.obj_id & HPDF_OTYPE_INDIRECT) || !dict->stream)
		return -1;
	struct buf raw = BUF_INIT, packed = BUF_INIT;
	take(dict->stream, &raw);
	int rc = pdf_deflate(&packed, raw.data, raw.len);
	if (rc == 0) {
		/* Held to the end: no more room than it takes (deflate_into
		 * asked for the raw size and more). */
		packed.data = xrealloc(packed.data, packed.len + 1);
		packed.cap = packed.len + 1;
		doc->packed = xgrow(doc->packed, &doc->packed_cap,
		                    doc->npacked + 1, sizeof *doc->packed);
		doc->packed[doc->npacked++] = (struct pdf_packed){
		        dict->header.obj_id & 0x00FFFFFF, packed};
	} else {
		HPDF_Stream_Write(dict->stream, (const HPDF_BYTE *)raw.data,
		                  (HPDF_UINT32)raw.len);
		buf_free(&packed);
	}
	buf_free(&raw);
	return rc;
}

int pdf_packed_add(struct pdf_doc *doc, HPDF_Dict dict,
                   const struct buf *packed)
{
	if (!(dict->filter & HPDF_STREAM_FILTER_FLATE_DECODE) ||
	    !(dict->header.obj_id & HPDF_OTYPE_INDIRECT) || !dict->stream)
		return -1;
	struct buf copy = BUF_INIT;
	buf_put(&copy, packed->data, packed->len);
	doc->packed = xgrow(doc->packed, &doc->packed_cap, doc->npacked + 1,
	                    sizeof *doc->packed);
	doc->packed[doc->npacked++] =
	        (struct pdf_packed){dict->header.obj_id & 0x00FFFFFF, copy};
	return 0;
}

void pdf_packed_free(struct pdf_doc *doc)
{
	for (size_t i = 0; i < doc->npacked; i++)
		buf_free(&doc->packed[i].data);
	free(doc->packed);
	doc->packed = NULL;
	doc->npacked = doc->packed_cap = 0;
}

static int packed_cmp(const void *a, const void *b)
{
	const struct pdf_packed *x = a, *y = b;
	return (x->num > y->num) - (x->num < y->num);
}

/* The bytes pdf_pack_stream made for object `num`, or NULL. */
static const struct buf *packed_for(const struct pdf_doc *doc, size_t num)
{
	struct pdf_packed key = {num, BUF_INIT};
	const struct pdf_packed *p =
	        doc->npacked ? bsearch(&key, doc->packed, doc->npacked,
	                               sizeof *doc->packed, packed_cmp)
	                     : NULL;
	return p ? &p->data : NULL;
}

/* Without snprintf, which costs some 700 instructions a number; a file
 * has two or three numbers for each of its thousand objects. */
void pdf_put_uint(struct buf *b, size_t v)
{
	char t[24];
	size_t n = sizeof t;
	do {
		t[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf_put(b, t + n, sizeof t - n);
}

/* Writes `stream`'s data, compressed when it asks for Flate, and its
 * dictionary with a direct /Length, as object `num`. */
static int write_stream(struct saver *s, HPDF_Dict dict, size_t num,
                        struct buf *data)
{
	struct buf *o = s->out;
	if (dict->before_write_fn && dict->before_write_fn(dict) != HPDF_OK)
		return -1;
	buf_clear(data);
	take(dict->stream, data);
	bool flate = dict->filter & HPDF_STREAM_FILTER_FLATE_DECODE;
	const struct buf *pre = flate ? packed_for(s->doc, num) : NULL;
	struct buf packed = BUF_INIT;
	if (flate && !pre && pdf_deflate(&packed, data->data, data->len) != 0) {
		buf_free(&packed);
		return -1;
	}
	const struct buf *body = pre ? pre : flate ? &packed : data;
	s->kind[num] = 1;
	s->offset[num] = o->len - s->start;
	pdf_put_uint(o, num);
	buf_puts(o, " 0 obj\n<<");
	for (HPDF_UINT i = 0; i < dict->list->count; i++) {
		HPDF_DictElement el = HPDF_List_ItemAt(dict->list, i);
		HPDF_Obj_Header *h = el->value;
		if (!h || (h->obj_id & HPDF_OTYPE_HIDDEN) ||
		    !strcmp(el->key, "Length") || !strcmp(el->key, "Filter"))
			continue;
		HPDF_Stream_WriteEscapeName(s->ms, el->key);
		HPDF_Stream_WriteChar(s->ms, ' ');
		if (HPDF_Obj_Write(el->value, s->ms, NULL) != HPDF_OK)
			return -1;
		HPDF_Stream_WriteChar(s->ms, '\n');
	}
	if (dict->write_fn && dict->write_fn(dict, s->ms) != HPDF_OK)
		return -1;
	take(s->ms, o);
	if (dict->filter & HPDF_STREAM_FILTER_DCT_DECODE)
		buf_puts(o, "/Filter /DCTDecode\n");
	else if (flate)
		buf_puts(o, "/Filter /FlateDecode\n");
	buf_puts(o, "/Length ");
	pdf_put_uint(o, body->len);
	buf_puts(o, ">>\nstream\r\n");
	buf_put(o, body->data, body->len);
	buf_puts(o, "\nendstream\nendobj\n");
	buf_free(&packed);
	if (dict->after_write_fn && dict->after_write_fn(dict) != HPDF_OK)
		return -1;
	return 0;
}

HPDF_STATUS pdf_put_obj(HPDF_Stream ms, void *obj, struct buf *b)
{
	HPDF_STATUS rc = HPDF_Obj_Write(obj, ms, NULL);
	take(ms, b);
	return rc;
}

/* Appends the value of object `num`, `obj`, to `text`: libharu's own,
 * or for an object the writer makes as it is saved, the one it writes. */
static HPDF_STATUS write_value(struct saver *s, size_t num, void *obj,
                               struct buf *text)
{
	struct pdf_doc *doc = s->doc;
	if (!doc->lazy_write || num < doc->lazy_first ||
	    num - doc->lazy_first >= doc->lazy_n) {
		HPDF_STATUS rc = HPDF_Obj_WriteValue(obj, s->ms, NULL);
		take(s->ms, text);
		return rc;
	}
	return doc->lazy_write(doc->lazy_ctx, num - doc->lazy_first, text,
	                       s->ms) == 0
	               ? HPDF_OK
	               : HPDF_FAILD_TO_ALLOC_MEM;
}

/* Writes objects `nums[0..n)` (not streams) as object stream `num`. */
static int write_objstm(struct saver *s, const size_t *nums, size_t n,
                        size_t num, struct buf *text, HPDF_List entries)
{
	struct buf head = BUF_INIT;
	buf_clear(text);
	for (size_t i = 0; i < n; i++) {
		HPDF_XrefEntry e =
		        HPDF_List_ItemAt(entries, (HPDF_UINT)nums[i]);
		pdf_put_uint(&head, nums[i]);
		buf_putc(&head, ' ');
		pdf_put_uint(&head, text->len);
		buf_putc(&head, ' ');
		if (write_value(s, nums[i], e->obj, text) != HPDF_OK) {
			buf_free(&head);
			return -1;
		}
		buf_putc(text, '\n');
		s->kind[nums[i]] = 2;
		s->offset[nums[i]] = num;
		s->idx[nums[i]] = (unsigned)i;
	}
	size_t first = head.len;
	buf_put(&head, text->data, text->len);
	struct buf packed = BUF_INIT;
	int rc = pdf_deflate(&packed, head.data, head.len);
	buf_free(&head);
	if (rc != 0) {
		buf_free(&packed);
		return -1;
	}
	struct buf *o = s->out;
	s->kind[num] = 1;
	s->offset[num] = o->len - s->start;
	pdf_put_uint(o, num);
	buf_puts(o, " 0 obj\n<</Type /ObjStm /N ");
	pdf_put_uint(o, n);
	buf_puts(o, " /First ");
	pdf_put_uint(o, first);
	buf_puts(o, " /Filter /FlateDecode /Length ");
	pdf_put_uint(o, packed.len);
	buf_puts(o, ">>\nstream\r\n");
	buf_put(o, packed.data, packed.len);
	buf_puts(o, "\nendstream\nendobj\n");
	buf_free(&packed);
	return 0;
}

static bool is_stream(const void *obj)
{
	const HPDF_Obj_Header *h = obj;
	return h && (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT &&
	       ((const struct _HPDF_Dict_Rec *)obj)->stream;
}

/* The cross-reference stream, object `num`, with the trailer's entries,
 * and the file's end. */
static int write_xref(struct saver *s, HPDF_Dict trailer, size_t num)
{
	struct buf *o = s->out;
	size_t size = num + 1;
	s->kind[num] = 1;
	s->offset[num] = o->len - s->start;
	struct buf rows = BUF_INIT;
	for (size_t i = 0; i < size; i++) {
		unsigned char r[7];
		size_t f2 = s->kind[i] ? s->offset[i] : 0;
		unsigned f3 = s->kind[i] == 2 ? s->idx[i] : i == 0 ? 0xFFFF : 0;
		r[0] = (unsigned char)s->kind[i];
		for (int k = 0; k < 4; k++)
			r[1 + k] = (unsigned char)(f2 >> (8 * (3 - k)));
		r[5] = (unsigned char)(f3 >> 8);
		r[6] = (unsigned char)f3;
		buf_put(&rows, r, sizeof r);
	}
	struct buf packed = BUF_INIT;
	int rc = pdf_deflate(&packed, rows.data, rows.len);
	buf_free(&rows);
	if (rc != 0) {
		buf_free(&packed);
		return -1;
	}
	pdf_put_uint(o, num);
	buf_puts(o, " 0 obj\n<</Type /XRef /Size ");
	pdf_put_uint(o, size);
	buf_puts(o, " /W [1 4 2]\n");
	for (HPDF_UINT i = 0; i < trailer->list->count; i++) {
		HPDF_DictElement el = HPDF_List_ItemAt(trailer->list, i);
		if (!el->value || !strcmp(el->key, "Size"))
			continue;
		HPDF_Stream_WriteEscapeName(s->ms, el->key);
		HPDF_Stream_WriteChar(s->ms, ' ');
		if (HPDF_Obj_Write(el->value, s->ms, NULL) != HPDF_OK) {
			buf_free(&packed);
			return -1;
		}
		HPDF_Stream_WriteChar(s->ms, '\n');
	}
	take(s->ms, o);
	buf_puts(o, "/Filter /FlateDecode /Length ");
	pdf_put_uint(o, packed.len);
	buf_puts(o, ">>\nstream\r\n");
	buf_put(o, packed.data, packed.len);
	buf_puts(o, "\nendstream\nendobj\nstartxref\n");
	pdf_put_uint(o, s->offset[num]);
	buf_puts(o, "\n%%EOF\n");
	buf_free(&packed);
	return 0;
}

int pdf_save(struct pdf_doc *doc, struct buf *out)
{
	HPDF_Doc pdf = doc->pdf;
	HPDF_Xref xref = pdf->xref;
	HPDF_List entries = xref->entries;
	size_t n = entries->count;
	if (xref->prev || xref->start_offset != 0 || !pdf->info)
		return -1;
	HPDF_Dict_Add(pdf->trailer, "Root", pdf->catalog);
	HPDF_Dict_Add(pdf->trailer, "Info", pdf->info);
	/* Objects: libharu's, then the object streams, then the xref. */
	size_t nstm = n / PDF_OBJSTM_MAX + 1;
	struct saver s = {0};
	s.doc = doc;
	s.out = out;
	s.start = out->len;
	s.nobjs = n + nstm + 1;
	s.kind = xcalloc(s.nobjs, sizeof *s.kind);
	s.offset = xcalloc(s.nobjs, sizeof *s.offset);
	s.idx = xcalloc(s.nobjs, sizeof *s.idx);
	s.ms = HPDF_MemStream_New(pdf->mmgr, 4096);
	bool *skip = xcalloc(n, sizeof *skip);
	size_t *plain = xmalloc(n * sizeof *plain);
	size_t nplain = 0;
	struct buf tmp = BUF_INIT;
	int rc = s.ms ? 0 : -1;
	if (doc->npacked > 1)
		qsort(doc->packed, doc->npacked, sizeof *doc->packed,
		      packed_cmp);
	buf_puts(out, "%PDF-1.7\n%\xB7\xBE\xAD\xAA\n");
	/* Streams first: writing them sets nothing the others need, and
	 * their /Length number objects are left out. */
	for (size_t i = 1; i < n && rc == 0; i++) {
		HPDF_XrefEntry e = HPDF_List_ItemAt(entries, (HPDF_UINT)i);
		if (!is_stream(e->obj))
			continue;
		HPDF_Dict dict = e->obj;
		HPDF_Number len =
		        HPDF_Dict_GetItem(dict, "Length", HPDF_OCLASS_NUMBER);
		if (len && (len->header.obj_id & HPDF_OTYPE_INDIRECT)) {
			size_t k = len->header.obj_id & 0x00FFFFFF;
			if (k < n)
				skip[k] = true;
		}
		rc = write_stream(&s, dict, i, &tmp);
	}
	for (size_t i = 1; i < n; i++) {
		HPDF_XrefEntry e = HPDF_List_ItemAt(entries, (HPDF_UINT)i);
		if (!skip[i] && e->obj && !is_stream(e->obj))
			plain[nplain++] = i;
	}
	for (size_t i = 0, k = n; i < nplain && rc == 0;
	     i += PDF_OBJSTM_MAX, k++) {
		size_t m = nplain - i < PDF_OBJSTM_MAX ? nplain - i
		                                       : PDF_OBJSTM_MAX;
		rc = write_objstm(&s, plain + i, m, k, &tmp, entries);
	}
	if (rc == 0)
		rc = write_xref(&s, pdf->trailer, n + nstm);
	if (rc == 0 && pdf->error.error_no != HPDF_OK)
		rc = -1;
	if (rc != 0) {
		out->len = s.start;
		if (out->data)
			out->data[out->len] = 0;
	}
	buf_free(&tmp);
	free(skip);
	free(plain);
	free(s.kind);
	free(s.offset);
	free(s.idx);
	if (s.ms)
		HPDF_Stream_Free(s.ms);
	return rc;
}
