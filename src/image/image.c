/* image: PNG (libpng's simplified API) and JPEG (TurboJPEG) decoding.
 *
 * Both libraries catch their own errors and hand back a message, so a
 * damaged file is a return value here, never a jump. The header is read
 * and checked against the limits first; only then is pixel memory asked
 * for. The libraries' messages are kept in brackets after plain words that
 * say what is wrong with the file. */
#include "image/image.h"

#include <limits.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "base/fs.h"
#include "base/limits.h"
#include "base/xalloc.h"

static const unsigned char png_sig[8] = {0x89, 'P',  'N',  'G',
                                         '\r', '\n', 0x1A, '\n'};

static bool is_png(const unsigned char *p, size_t len)
{
	return len >= 8 && memcmp(p, png_sig, 8) == 0;
}

static bool is_jpeg(const unsigned char *p, size_t len)
{
	return len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF;
}

bool image_is_image(const void *data, size_t len)
{
	return is_png(data, len) || is_jpeg(data, len);
}

/* What a library's message means for the person who made the file. */
static const char *plain_words(const char *msg)
{
	static const struct {
		const char *needle, *words;
	} table[] = {
	        {"CRC", "a checksum does not match, so the file has been "
	                "altered or cut short"},
	        {"end of data", "the file ends before the picture does"},
	        {"Not enough image data",
	         "the file ends before the picture does"},
	        {"Premature end", "the file ends before the picture does"},
	        {"premature end", "the file ends before the picture does"},
	        {"Read Error", "the file ends before the picture does"},
	        {"no image", "the file ends before the picture does"},
	        {"scans", "it is a progressive JPEG made of too many scans"},
	        {"IHDR", "its header is invalid"},
	        {"Not a JPEG", "its header is invalid"},
	        {"SOI", "its header is invalid"},
	};
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (strstr(msg, table[i].needle))
			return table[i].words;
	return "its picture data is corrupt";
}

static void damaged(struct diags *d, struct pos pos, const char *name,
                    const char *lib, const char *msg)
{
	diag_error(d, pos,
	           "image %s is damaged: %s (%s: %s); save or export it "
	           "again from the program that made it",
	           name, plain_words(msg), lib, msg);
}

/* Checks a size from a header against the limits. */
static int check_size(unsigned long w, unsigned long h, const char *name,
                      struct pos pos, struct diags *d)
{
	if (w == 0 || h == 0) {
		diag_error(
		        d, pos,
		        "image %s is damaged: it claims to be %lu × %lu pixels",
		        name, w, h);
		return -1;
	}
	if (w > LIMIT_IMAGE_SIDE || h > LIMIT_IMAGE_SIDE) {
		diag_error(d, pos,
		           "image %s is %lu × %lu pixels; the PDF takes "
		           "images up to %ld pixels wide and high "
		           "(LIMIT_IMAGE_SIDE): scale it down",
		           name, w, h, (long)LIMIT_IMAGE_SIDE);
		return -1;
	}
	if ((unsigned long long)w * h >
	    (unsigned long long)LIMIT_IMAGE_PIXELS) {
		diag_error(d, pos,
		           "image %s is %lu × %lu pixels, more than the %ld "
		           "million pixels the PDF takes in one image "
		           "(LIMIT_IMAGE_PIXELS): scale it down",
		           name, w, h, (long)(LIMIT_IMAGE_PIXELS / 1000000));
		return -1;
	}
	return 0;
}

/* Starts reading a PNG: on success `img` holds libpng's control structure,
 * which the caller must finish or free. */
static int png_begin(const void *data, size_t len, const char *name,
                     struct pos pos, png_image *img, struct diags *d)
{
	memset(img, 0, sizeof *img);
	img->version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(img, data, len)) {
		damaged(d, pos, name, "libpng", img->message);
		png_image_free(img);
		return -1;
	}
	if (check_size(img->width, img->height, name, pos, d) < 0) {
		png_image_free(img);
		return -1;
	}
	return 0;
}

/* Moves the alpha of `n` interleaved pixels of `ch` + 1 bytes into a plane
 * of its own, compacting the colour in place. The plane is NULL when every
 * pixel is opaque. */
static unsigned char *split_alpha(unsigned char *px, size_t n, int ch)
{
	unsigned char *alpha = xmalloc(n);
	bool opaque = true;
	size_t in = 0, out = 0;
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < ch; c++)
			px[out++] = px[in++];
		alpha[i] = px[in++];
		opaque = opaque && alpha[i] == 0xFF;
	}
	if (opaque) {
		free(alpha);
		return NULL;
	}
	return alpha;
}

static int png_decode(const void *data, size_t len, const char *name,
                      struct pos pos, struct image *out, struct diags *d)
{
	png_image img;
	if (png_begin(data, len, name, pos, &img, d) < 0)
		return -1;
	bool color = (img.format & PNG_FORMAT_FLAG_COLOR) != 0;
	bool alpha = (img.format & PNG_FORMAT_FLAG_ALPHA) != 0;
	int ch = color ? 3 : 1;
	img.format = (color ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY) |
	             (alpha ? PNG_FORMAT_FLAG_ALPHA : 0);
	/* A 16-bit file without gAMA or sRGB is taken as sRGB, as browsers
	 * do; libpng would otherwise assume linear light and lighten it. */
	img.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
	size_t n = (size_t)img.width * img.height;
	unsigned char *px = xmalloc(PNG_IMAGE_SIZE(img));
	/* png_image_finish_read frees the control structure either way. */
	if (!png_image_finish_read(&img, NULL, px, 0, NULL)) {
		damaged(d, pos, name, "libpng", img.message);
		free(px);
		return -1;
	}
	out->width = img.width;
	out->height = img.height;
	out->channels = ch;
	out->alpha = alpha ? split_alpha(px, n, ch) : NULL;
	out->pixels = alpha ? xrealloc(px, n * (size_t)ch) : px;
	return 0;
}

/* TurboJPEG's message for the last call on `tj`. */
static const char *tj_message(tjhandle tj)
{
	const char *m = tjGetErrorStr2(tj);
	return m && *m ? m : "unknown error";
}

/* Reads a JPEG header with `tj`: size and colour space. */
static int jpeg_header(tjhandle tj, const void *data, size_t len,
                       const char *name, struct pos pos, int *w, int *h,
                       int *cs, struct diags *d)
{
	int subsamp;
	if (len > ULONG_MAX || tjDecompressHeader3(tj, data, (unsigned long)len,
	                                           w, h, &subsamp, cs) != 0) {
		damaged(d, pos, name, "libjpeg", tj_message(tj));
		return -1;
	}
	if (check_size((unsigned long)*w, (unsigned long)*h, name, pos, d) < 0)
		return -1;
	if (*cs == TJCS_CMYK || *cs == TJCS_YCCK) {
		diag_error(d, pos,
		           "image %s is a CMYK JPEG (made for printing "
		           "presses), whose colours a PDF cannot show "
		           "faithfully without its colour profile; save it as "
		           "an RGB JPEG or a PNG",
		           name);
		return -1;
	}
	return 0;
}

static int jpeg_decode(const void *data, size_t len, const char *name,
                       struct pos pos, struct image *out, struct diags *d)
{
	tjhandle tj = tjInitDecompress();
	if (!tj) {
		diag_error(d, pos, "image %s: cannot start the JPEG reader",
		           name);
		return -1;
	}
	int w, h, cs, rc = -1;
	unsigned char *px = NULL;
	if (jpeg_header(tj, data, len, name, pos, &w, &h, &cs, d) < 0)
		goto done;
	int ch = cs == TJCS_GRAY ? 1 : 3;
	px = xmalloc((size_t)w * (size_t)h * (size_t)ch);
	/* Warnings (a file cut short, stray bytes) are errors: libjpeg would
	 * otherwise paint the missing part grey and carry on. The scan limit
	 * stops a progressive file of endless tiny scans. */
	if (tjDecompress2(tj, data, (unsigned long)len, px, w, 0, h,
	                  ch == 1 ? TJPF_GRAY : TJPF_RGB,
	                  TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS) != 0) {
		damaged(d, pos, name, "libjpeg", tj_message(tj));
		goto done;
	}
	out->width = (unsigned)w;
	out->height = (unsigned)h;
	out->channels = ch;
	out->pixels = px;
	out->alpha = NULL;
	px = NULL;
	rc = 0;
done:
	free(px);
	tjDestroy(tj);
	return rc;
}

static void not_an_image(struct diags *d, struct pos pos, const char *name)
{
	diag_error(d, pos, "image %s is neither a PNG nor a JPEG file", name);
}

int image_probe(const void *data, size_t len, const char *name, struct pos pos,
                struct image_info *out, struct diags *d)
{
	if (is_png(data, len)) {
		png_image img;
		if (png_begin(data, len, name, pos, &img, d) < 0)
			return -1;
		out->kind = IMAGE_PNG;
		out->width = img.width;
		out->height = img.height;
		png_image_free(&img);
		return 0;
	}
	if (is_jpeg(data, len)) {
		tjhandle tj = tjInitDecompress();
		if (!tj) {
			diag_error(d, pos,
			           "image %s: cannot start the JPEG reader",
			           name);
			return -1;
		}
		int w, h, cs;
		int rc = jpeg_header(tj, data, len, name, pos, &w, &h, &cs, d);
		tjDestroy(tj);
		if (rc < 0)
			return -1;
		out->kind = IMAGE_JPEG;
		out->width = (unsigned)w;
		out->height = (unsigned)h;
		return 0;
	}
	not_an_image(d, pos, name);
	return -1;
}

int image_decode(const void *data, size_t len, const char *name, struct pos pos,
                 struct image *out, struct diags *d)
{
	memset(out, 0, sizeof *out);
	if (is_png(data, len))
		return png_decode(data, len, name, pos, out, d);
	if (is_jpeg(data, len))
		return jpeg_decode(data, len, name, pos, out, d);
	not_an_image(d, pos, name);
	return -1;
}

int image_find(const char *root, const char *dir, const char *name,
               struct pos pos, char **real, struct diags *d)
{
	*real = NULL;
	char rroot[PATH_MAX], rpath[PATH_MAX];
	if (name[0] == '/' || !realpath(root, rroot)) {
		diag_error(d, pos,
		           "image %s is not a file inside the report's folder",
		           name);
		return -1;
	}
	char *joined = fs_join(dir, name);
	bool found = realpath(joined, rpath) != NULL;
	free(joined);
	if (!found) {
		diag_error(d, pos,
		           "image %s: there is no such file in the report's "
		           "folder",
		           name);
		return -1;
	}
	if (!fs_is_within(rroot, rpath)) {
		diag_error(d, pos,
		           "image %s is not a file inside the report's folder",
		           name);
		return -1;
	}
	*real = xstrdup(rpath);
	return 0;
}

int image_read_file(struct fs_recorder *rec, const char *path, const char *name,
                    struct pos pos, char **data, size_t *len, struct diags *d)
{
	struct diags rd = DIAGS_INIT;
	*data = NULL;
	*len = 0;
	int rc = fs_read_noted(rec, path, (struct pos){NULL, 0, 0}, NULL,
	                       LIMIT_IMAGE_FILE_BYTES, data, len, &rd);
	for (size_t i = 0; i < rd.len; i++)
		diag_error(d, pos, "image %s: %s%s", name, rd.items[i].msg,
		           strstr(rd.items[i].msg, "limit")
		                   ? " (LIMIT_IMAGE_FILE_BYTES)"
		                   : "");
	diags_free(&rd);
	return rc == 0 ? 0 : -1;
}

int image_read(const char *path, const char *name, struct pos pos,
               struct image *out, struct diags *d)
{
	memset(out, 0, sizeof *out);
	char *data;
	size_t len;
	if (image_read_file(NULL, path, name, pos, &data, &len, d) != 0)
		return -1;
	int rc = image_decode(data, len, name, pos, out, d);
	free(data);
	return rc;
}

int image_check(const void *data, size_t len, const char *name, struct pos pos,
                struct diags *d)
{
	struct image img;
	int rc = image_decode(data, len, name, pos, &img, d);
	image_free(&img);
	return rc;
}

void image_free(struct image *img)
{
	free(img->pixels);
	free(img->alpha);
	memset(img, 0, sizeof *img);
}
