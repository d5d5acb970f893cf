/* zip: the parts of an .xlsx or .ods archive, read to a limit, and the
 * XML reader the parts are parsed with.
 *
 * A part's size in the archive's directory is only a claim: the part is
 * read in blocks until it ends, and reading stops at the limit
 * whatever was claimed, so a zip bomb costs at most the limit. XML is
 * read with no network access, no DTD loading and no entity
 * substitution; a document type declaration, which no spreadsheet has,
 * is refused before anything it declares is used. libzip is opened the
 * first time an archive is (lib.c). */
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "base/limits.h"
#include "base/xalloc.h"
#include "sheet/internal.h"

struct sheet_zip {
	zip_t *zip;
	const char *file;
	struct diags *d;
	size_t unzipped; /* bytes read from every part so far */
};

#ifndef SHEET_LIBZIP_SO
#define SHEET_LIBZIP_SO "libzip.so.4"
#endif

/* The functions of libzip that archives are read with. */
#define ZIP_FUNCS(X)                \
	X(zip_error_init)           \
	X(zip_source_buffer_create) \
	X(zip_open_from_source)     \
	X(zip_error_strerror)       \
	X(zip_source_free)          \
	X(zip_error_fini)           \
	X(zip_name_locate)          \
	X(zip_fopen_index)          \
	X(zip_strerror)             \
	X(zip_fread)                \
	X(zip_file_strerror)        \
	X(zip_fclose)               \
	X(zip_discard)

static struct {
#define X(f) __typeof__(f) *f;
	ZIP_FUNCS(X)
#undef X
} zl;

static bool zip_lib_open(struct pos at, struct diags *d)
{
	static void *lib;
	static const char *const names[] = {
#define X(f) #f,
	        ZIP_FUNCS(X)
#undef X
	                NULL};
	if (lib)
		return true;
	void *h = sheet_lib_open(SHEET_LIBZIP_SO, "libzip4", names, at, d);
	if (!h)
		return false;
#define X(f) zl.f = (__typeof__(zl.f))dlsym(h, #f);
	ZIP_FUNCS(X)
#undef X
	lib = h;
	return true;
}

struct sheet_zip *sheet_zip_open(const char *file, const char *data, size_t len,
                                 struct diags *d)
{
	struct pos at = {file, 0, 0};
	if (!zip_lib_open(at, d))
		return NULL;
	zip_error_t err;
	zl.zip_error_init(&err);
	zip_source_t *src = zl.zip_source_buffer_create(data, len, 0, &err);
	zip_t *zip =
	        src ? zl.zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
	if (!zip) {
		diag_error(d, at,
		           "not a spreadsheet: a damaged zip archive (%s)",
		           zl.zip_error_strerror(&err));
		if (src)
			zl.zip_source_free(src);
		zl.zip_error_fini(&err);
		return NULL;
	}
	zl.zip_error_fini(&err);
	struct sheet_zip *z = xcalloc(1, sizeof *z);
	z->zip = zip;
	z->file = file;
	z->d = d;
	return z;
}

bool sheet_zip_has(struct sheet_zip *z, const char *name)
{
	return z && zl.zip_name_locate(z->zip, name, 0) >= 0;
}

int sheet_zip_read(struct sheet_zip *z, const char *name, struct buf *out)
{
	struct pos at = {z->file, 0, 0};
	buf_clear(out);
	zip_int64_t i = zl.zip_name_locate(z->zip, name, 0);
	if (i < 0)
		return 1;
	zip_file_t *f = zl.zip_fopen_index(z->zip, (zip_uint64_t)i, 0);
	if (!f) {
		diag_error(z->d, at, "%s: cannot be unpacked (%s)", name,
		           zl.zip_strerror(z->zip));
		return -1;
	}
	char block[65536];
	int rc = 0;
	for (;;) {
		zip_int64_t n = zl.zip_fread(f, block, sizeof block);
		if (n < 0) {
			diag_error(z->d, at, "%s: cannot be unpacked (%s)",
			           name, zl.zip_file_strerror(f));
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		z->unzipped += (size_t)n;
		if (out->len + (size_t)n > (size_t)LIMIT_SHEET_PART_BYTES ||
		    z->unzipped > (size_t)LIMIT_SHEET_UNZIPPED_BYTES) {
			diag_error(
			        z->d, at,
			        "%s: unpacks to more than %ld MiB, beyond "
			        "what a tracker holds (a zip bomb?); "
			        "LIMIT_SHEET_PART_BYTES",
			        name,
			        (out->len + (size_t)n >
			                         (size_t)LIMIT_SHEET_PART_BYTES
			                 ? LIMIT_SHEET_PART_BYTES
			                 : LIMIT_SHEET_UNZIPPED_BYTES) >>
			                20);
			rc = -1;
			break;
		}
		buf_put(out, block, (size_t)n);
	}
	zl.zip_fclose(f);
	if (rc != 0)
		buf_clear(out);
	return rc;
}

void sheet_zip_close(struct sheet_zip *z)
{
	if (!z)
		return;
	zl.zip_discard(z->zip);
	free(z);
}

static void on_xml_error(void *arg, xmlErrorPtr e)
{
	struct sheet_xml *x = arg;
	if (x->failed || !e || e->level < XML_ERR_ERROR)
		return;
	x->failed = true;
	struct pos at = {x->file, 0, 0};
	char *msg = xstrdup(e->message ? e->message : "not well-formed");
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	diag_error(x->d, at, "%s: damaged XML at line %d: %s", x->part, e->line,
	           msg);
	free(msg);
}

int sheet_xml_open(struct sheet_xml *x, const char *file, const char *part,
                   const struct buf *text, struct diags *d)
{
	memset(x, 0, sizeof *x);
	x->file = file;
	x->part = part;
	x->d = d;
	if (text->len > (size_t)INT32_MAX) {
		struct pos at = {file, 0, 0};
		diag_error(d, at, "%s: too large", part);
		return -1;
	}
	xmlTextReaderPtr r = xmlReaderForMemory(
	        text->data ? text->data : "", (int)text->len, part, NULL,
	        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!r) {
		struct pos at = {file, 0, 0};
		diag_error(d, at, "%s: cannot be read as XML", part);
		return -1;
	}
	xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, x);
	x->reader = r;
	return 0;
}

int sheet_xml_next(struct sheet_xml *x)
{
	xmlTextReaderPtr r = x->reader;
	if (x->failed)
		return -1;
	int rc;
	if (x->held) {
		x->held = false;
		rc = 1;
	} else {
		rc = xmlTextReaderRead(r);
	}
	if (rc < 0 || x->failed) {
		if (!x->failed) {
			struct pos at = {x->file, 0, 0};
			diag_error(x->d, at, "%s: damaged XML", x->part);
			x->failed = true;
		}
		return -1;
	}
	if (rc == 1 &&
	    (xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE ||
	     xmlTextReaderNodeType(r) == XML_READER_TYPE_ENTITY_REFERENCE)) {
		struct pos at = {x->file, 0, 0};
		diag_error(x->d, at,
		           "%s: has a document type declaration or an entity, "
		           "which no spreadsheet has; it is not read",
		           x->part);
		x->failed = true;
		return -1;
	}
	return rc;
}

void sheet_xml_skip(struct sheet_xml *x)
{
	int rc = xmlTextReaderNext(x->reader);
	if (rc == 1)
		x->held = true;
	else if (rc < 0 && !x->failed) {
		struct pos at = {x->file, 0, 0};
		diag_error(x->d, at, "%s: damaged XML", x->part);
		x->failed = true;
	}
}

void sheet_xml_close(struct sheet_xml *x)
{
	if (x->reader)
		xmlFreeTextReader(x->reader);
	x->reader = NULL;
}
