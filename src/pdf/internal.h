/* pdf internals: the document, its faces and the error state, shared by
 * fonts.c and write.c. Not a public interface. */
#ifndef CLERK_PDF_INTERNAL_H
#define CLERK_PDF_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <hpdf.h>

#include "pdf/pdf.h"

#define PDF_MAX_FACES (LAYOUT_MAX_FAMILIES * 4)

struct pdf_face {
	bool tried;     /* loading was attempted */
	HPDF_Font font; /* NULL when the file could not be loaded */
	HPDF_FontDef def;
	int16_t *widths;     /* per BMP code point; -2 = not yet asked */
	int ascent, descent; /* 1/1000 em, descent positive */
};

struct pdf_doc {
	HPDF_Doc pdf;
	const struct layout_style *st;
	struct diags *d;
	HPDF_STATUS error, detail; /* the first libharu error */
	struct pdf_face faces[PDF_MAX_FACES];
};

/* The face for `face`, loaded on first use; NULL when its file fails (an
 * error is then in the document's diagnostics). */
struct pdf_face *pdf_face_get(struct pdf_doc *doc, int face);

/* What the XMP metadata says; each string must equal its document
 * information entry (PDF/A). NULL fields are left out, but for
 * `language`, `producer` and `creator`. */
struct pdf_meta {
	const char *title, *author, *subject, *keywords;
	const char *language, *producer, *creator;
	const HPDF_Date *date; /* NULL: no dates */
};

/* Adds the XMP metadata stream (PDF/A-2a, PDF/UA-1) to the catalog. */
void pdf_metadata(struct pdf_doc *doc, const struct pdf_meta *m);
/* Adds the sRGB output intent. Returns -1 with an error in `d` when the
 * profile cannot be read. */
int pdf_output_intent(struct pdf_doc *doc, struct diags *d);

#endif
