/* Kerning: what the layout measures through the PDF module's metrics is
 * what the PDF draws. Each text is measured, written as a page of its
 * own, and its page content read back through libqpdf: the glyphs' /W
 * widths (each code point's glyph_width) less the TJ adjustments must add
 * up to the measured width, to the unit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <qpdf/qpdf-c.h>

#include "base/utf8.h"
#include "layout/style.h"
#include "pdf/pdf.h"

static const char *const texts[] = {
        "AVATAR",
        "To Ty P. Yo",
        "Wave LT AV. Yes, “Tony” said: T.",
        "31\xC2\xA0January\xC2\xA0"
        "2020 AV\xC2\xA0"
        "AV",
        "na\xC3\xAFve caf\xC3\xA9 \xE2\x80\x93 F.A.W.",
        "plain words without pairs",
};
enum { NTEXTS = sizeof texts / sizeof *texts };

/* The widths of a text's code points, unkerned (U+00A0 as a space). */
static long nominal(const struct layout_metrics *m, int face, const char *s)
{
	long units = 0;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		assert_true(n > 0);
		int w = m->glyph_width(m->ctx, face, cp == 0xA0 ? ' ' : cp);
		units += w < 0 ? 0 : w;
		i += n;
	}
	return units;
}

/* In a page's content: the number of glyphs shown and the sum of the TJ
 * adjustments (in 1/1000 em). */
static void shown(const unsigned char *c, size_t len, size_t *glyphs,
                  long *adjust)
{
	*glyphs = 0;
	*adjust = 0;
	size_t i = 0;
	/* Skip to the text object. */
	while (i + 1 < len && !(c[i] == 'B' && c[i + 1] == 'T'))
		i++;
	bool in_array = false;
	for (; i < len; i++) {
		if (c[i] == 'E' && i + 1 < len && c[i + 1] == 'T')
			break;
		if (c[i] == '[')
			in_array = true;
		else if (c[i] == ']')
			in_array = false;
		else if (c[i] == '(') {
			/* A literal string of two-byte glyph ids; the writer
			 * escapes only the bytes ( ) and backslash, and a
			 * carriage return as backslash r. */
			size_t bytes = 0;
			for (i++; i < len && c[i] != ')'; i++) {
				if (c[i] == '\\') {
					i++;
					assert_true(i < len);
					assert_non_null(
					        memchr("()\\r", c[i], 4));
				}
				bytes++;
			}
			assert_int_equal(bytes % 2, 0);
			*glyphs += bytes / 2;
		} else if (in_array &&
		           (c[i] == '-' || (c[i] >= '0' && c[i] <= '9'))) {
			char *end;
			*adjust += strtol((const char *)c + i, &end, 10);
			i = (size_t)((const unsigned char *)end - c) - 1;
		}
	}
}

static void measured_is_drawn(void **state)
{
	(void)state;
	struct layout_style st;
	layout_style_defaults(&st);
	struct diags d = {0};
	struct pdf_doc *doc = pdf_doc_new(&st, &d);
	assert_non_null(doc);
	struct layout_metrics m = pdf_doc_metrics(doc);
	assert_non_null(m.text_units);
	int face = LAYOUT_FACE(0, false, false);
	long units[NTEXTS];
	for (size_t k = 0; k < NTEXTS; k++)
		units[k] =
		        m.text_units(m.ctx, face, texts[k], strlen(texts[k]));
	/* Liberation Sans kerns A and V by -152/2048 em: -74/1000. */
	long av = m.text_units(m.ctx, face, "AV", 2);
	assert_int_equal(av, nominal(&m, face, "AV") - 74);
	assert_true(units[0] < nominal(&m, face, texts[0]));
	assert_true(units[1] < nominal(&m, face, texts[1]));
	assert_int_equal(units[5], nominal(&m, face, texts[5]));
	/* A space breaks the run: no kerning across it. */
	assert_int_equal(m.text_units(m.ctx, face, "A V", 3),
	                 nominal(&m, face, "A V"));

	struct dl_doc dl = {0};
	dl.page_width = 595;
	dl.page_height = 842;
	dl.npages = NTEXTS;
	dl.pages = calloc(NTEXTS, sizeof *dl.pages);
	for (size_t k = 0; k < NTEXTS; k++) {
		struct dl_item *it = dl_add(&dl.pages[k], DL_TEXT);
		it->text = texts[k];
		it->len = strlen(texts[k]);
		it->x = 50;
		it->y = 100;
		it->size = 11;
		it->face = face;
	}
	struct buf out = {0};
	assert_int_equal(pdf_write(doc, &dl, NULL, "seed", 4, &out, &d), 0);
	assert_int_equal(d.errors, 0);
	qpdf_data q = qpdf_init();
	assert_false(qpdf_read_memory(q, "kern", out.data, out.len, NULL) &
	             QPDF_ERRORS);
	assert_int_equal(qpdf_get_num_pages(q), NTEXTS);
	for (size_t k = 0; k < NTEXTS; k++) {
		unsigned char *c = NULL;
		size_t len = 0;
		qpdf_oh page = qpdf_get_page_n(q, k);
		assert_false(qpdf_oh_get_page_content_data(q, page, &c, &len) &
		             QPDF_ERRORS);
		size_t glyphs;
		long adjust;
		shown(c, len, &glyphs, &adjust);
		free(c);
		assert_int_equal(glyphs,
		                 utf8_length(texts[k], strlen(texts[k])));
		long drawn = nominal(&m, face, texts[k]) - adjust;
		if (drawn != units[k])
			fail_msg("\"%s\": measured %ld, drawn %ld", texts[k],
			         units[k], drawn);
		if (k == 0 || k == 1)
			assert_true(adjust > 0);
	}
	qpdf_cleanup(&q);
	buf_free(&out);
	dl_doc_free(&dl);
	pdf_doc_free(doc);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(measured_is_drawn),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
