/* pdf: committee papers as PDF files, typeset from the report's HTML.
 *
 * pdf_render_html() is the PDF path end to end: the HTML is laid out by the
 * layout engine (layout/layout.h) with metrics from the TrueType fonts the
 * style names, and the display list is written with libharu 2.3.0. This
 * module is the only one that includes hpdf.h; it works around that
 * version's defects (STACK.md §1): text is measured from glyph widths by
 * clerk, characters a face lacks are drawn from the fallback family, fonts
 * are read with HarfBuzz and embedded as hb-subset subsets through
 * libharu's object layer (embed.c), images are handed to
 * libharu as pixels decoded by src/image (never as files), and the output is
 * reproducible: the creation date comes from the meeting date or
 * SOURCE_DATE_EPOCH, never the clock, and the document ID is a hash of the
 * input. */
#ifndef CLERK_PDF_PDF_H
#define CLERK_PDF_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "layout/displist.h"
#include "layout/metrics.h"
#include "layout/style.h"

/* Document information. Every field may be NULL. Strings are UTF-8. */
struct pdf_info {
	const char *title, *author, *subject, *keywords, *creator;
	const char *language; /* "en-GB" when NULL */
	/* The creation date, "YYYY-MM-DD" (the meeting date). When NULL,
	 * SOURCE_DATE_EPOCH is used if set; otherwise no date is written. */
	const char *date;
};

/* Time spent in each stage of the last pdf_render_html(), in seconds. */
struct pdf_timing {
	double parse_layout, write;
};

/* Lays out `html[0..len)` (named `source_name` in diagnostics) and appends
 * the PDF to `pdf_out`. Returns 0, or -1 with errors in `d` as
 * `file:line:col: error: ...` (then nothing is appended). `timing` may be
 * NULL. */
int pdf_render_html(const char *html, size_t len, const char *source_name,
                    const struct layout_style *style,
                    const struct pdf_info *info, struct buf *pdf_out,
                    struct diags *d, struct pdf_timing *timing);

/* True when fontconfig finds `family` installed as a TrueType family of
 * that name (not a substitute for it). */
bool pdf_family_installed(const char *family);
/* Loads fontconfig's configuration now rather than at the first face
 * looked up, and reads and compresses the output intent's colour profile
 * (the same in every document) now rather than in the first document: a
 * process that forks workers calls it first, so that they share what it
 * loaded. */
void pdf_warm(void);
/* Begins loading fontconfig's configuration on a thread of its own, for
 * a process with a core to spare that will look faces up later: the
 * first lookup (or pdf_warm, or pdf_warm_wait) waits for it. The thread
 * takes no signal. A process that started it calls pdf_warm_wait before
 * it exits or forks. Without a thread the configuration is loaded at the
 * first lookup, as before. */
void pdf_warm_start(void);
void pdf_warm_wait(void);
/* Reads the faces of every family of `style` now, each with the widths
 * of its ASCII characters and its shaping plans, rather than in each
 * document that uses them: a process that forks workers calls it for
 * each style they will use, and they share what it read (fonts.c). A
 * face that cannot be read is left to the document that uses it to
 * report. */
void pdf_warm_style(const struct layout_style *style);

/* Fonts and the metrics the layout engine measures with, backed by one
 * libharu document that pdf_write() then fills. */
struct pdf_doc;

/* Starts a document for `style` (borrowed until pdf_doc_free). Faces are
 * loaded when first measured. Returns NULL with an error in `d` when
 * libharu cannot start. */
struct pdf_doc *pdf_doc_new(const struct layout_style *style, struct diags *d);
/* The metrics interface over the document's fonts; valid until
 * pdf_doc_free. */
struct layout_metrics pdf_doc_metrics(struct pdf_doc *doc);
/* Writes `dl` and `info` as the document's pages and appends the file to
 * `out`. `id_seed` (of `seed_len` bytes, the input) makes the document ID.
 * Each page's items are freed as soon as the page is written, so `dl`
 * comes back with its pages empty (dl_doc_free still frees the rest).
 * Call once per pdf_doc. Returns 0, or -1 with errors in `d`. */
int pdf_write(struct pdf_doc *doc, struct dl_doc *dl,
              const struct pdf_info *info, const void *id_seed, size_t seed_len,
              struct buf *out, struct diags *d);
void pdf_doc_free(struct pdf_doc *doc);

#endif
