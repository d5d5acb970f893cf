/* compact: the written file rewritten with object streams by libqpdf.
 *
 * libharu writes every object as plain text, which a tagged document's
 * structure tree (an object for each heading, paragraph, row and cell)
 * makes large: a 14-page paper has some 800 structure elements. PDF 1.5's
 * object streams hold such objects compressed; libharu cannot write them,
 * libqpdf can, from the bytes libharu made. Streams already compressed
 * are kept as they are, and the ID is derived from the content, so the
 * output stays reproducible. PDF/A-2 and PDF/UA-1 allow object streams. */
#include <qpdf/qpdf-c.h>
#include <string.h>

#include "pdf/internal.h"

int pdf_compact(struct buf *out, size_t start, struct diags *d)
{
	qpdf_data q = qpdf_init();
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	int rc = -1;
	if (qpdf_read_memory(q, "clerk", out->data + start,
	                     (unsigned long long)(out->len - start), NULL) &
	    QPDF_ERRORS)
		goto fail;
	if (qpdf_init_write_memory(q) & QPDF_ERRORS)
		goto fail;
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_stream_data_mode(q, qpdf_s_preserve);
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	if (qpdf_write(q) & QPDF_ERRORS)
		goto fail;
	size_t n = qpdf_get_buffer_length(q);
	const unsigned char *b = qpdf_get_buffer(q);
	out->len = start;
	buf_put(out, b, n);
	rc = 0;
	goto done;
fail:;
	qpdf_error e = qpdf_get_error(q);
	diag_error(d, (struct pos){"clerk", 0, 0},
	           "the PDF could not be compacted: %s",
	           e ? qpdf_get_error_full_text(q, e) : "unknown error");
done:
	qpdf_cleanup(&q);
	return rc;
}
