/* image: PNG and JPEG files decoded safely into 8-bit pixels.
 *
 * The PDF draws images from decoded pixels, never by handing a file to
 * libharu (whose PNG loader aborts the process on a damaged file and
 * writes 16-bit PNGs wrongly). PNGs are read with libpng's simplified API
 * and JPEGs with TurboJPEG, both of which report a damaged file as an
 * error instead of jumping out of our code.
 *
 * Every image is measured from its header first: one wider or taller than
 * LIMIT_IMAGE_SIDE, or with more than LIMIT_IMAGE_PIXELS pixels, is refused
 * before any pixel memory is allocated. What decodes: PNGs of every colour
 * type and bit depth (1 to 16 bits, palette with or without transparency,
 * grey with alpha, interlaced); baseline and progressive JPEGs in grey or
 * colour, whatever metadata comes before the frame. CMYK JPEGs are refused
 * with a message: without a colour profile their colours cannot be shown
 * faithfully.
 *
 * Every error names the image as the author wrote it (`name`) at `pos`,
 * in words an officer understands, e.g.
 *   report.html:12:5: error: image chart.png is damaged: the file ends
 *   before the picture does (libpng: Not enough image data); ...
 *
 * Pixels and bytes returned belong to the caller (image_free, free). The
 * files this module reads are noted in the recorder the caller passes. */
#ifndef CLERK_IMAGE_IMAGE_H
#define CLERK_IMAGE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

enum image_kind { IMAGE_PNG, IMAGE_JPEG };

/* What the header says. */
struct image_info {
	enum image_kind kind;
	unsigned width, height; /* pixels, each within LIMIT_IMAGE_SIDE */
};

/* Decoded pixels, rows from the top, no padding. */
struct image {
	unsigned width, height;
	int channels;          /* 1: grey, 3: RGB */
	unsigned char *pixels; /* width * height * channels bytes */
	unsigned char *alpha;  /* width * height bytes; NULL when opaque */
};

/* True when `data[0..len)` starts like a PNG or a JPEG file. */
bool image_is_image(const void *data, size_t len);

/* Reads the header of the PNG or JPEG in `data[0..len)` and checks its size
 * against the limits, without decoding any pixel. Returns 0, or -1 with an
 * error at `pos` naming the image `name`. */
int image_probe(const void *data, size_t len, const char *name, struct pos pos,
                struct image_info *out, struct diags *d);

/* Decodes the PNG or JPEG in `data[0..len)` (borrowed for the call only).
 * On success returns 0 and fills `out`, which the caller releases with
 * image_free(); on failure returns -1 with an error at `pos` and leaves
 * `out` empty (image_free() on it is harmless). */
int image_decode(const void *data, size_t len, const char *name, struct pos pos,
                 struct image *out, struct diags *d);

/* Finds the image file `name`, as the author wrote it, relative to `dir`
 * and confined to `root` (both folders): a name that leads out of `root`,
 * by "..", an absolute path or a symbolic link, is an error, as is a file
 * that is not there. On success returns 0 with the file's real path in
 * `*real` (the caller frees it); otherwise returns -1 with an error at
 * `pos`. The one check for Markdown images, in the page and the PDF. */
int image_find(const char *root, const char *dir, const char *name,
               struct pos pos, char **real, struct diags *d);

/* Reads the whole image file at `path` (through fs_read_noted, at most
 * LIMIT_IMAGE_FILE_BYTES) into `*data`, which the caller frees, noting it
 * as an input in `rec` (NULL: nowhere). Returns 0, or -1 with an error at
 * `pos` naming the image `name`. */
struct fs_recorder;
int image_read_file(struct fs_recorder *rec, const char *path, const char *name,
                    struct pos pos, char **data, size_t *len, struct diags *d);

/* Reads the file at `path` as image_read_file() and decodes it as
 * image_decode() does. */
int image_read(const char *path, const char *name, struct pos pos,
               struct image *out, struct diags *d);

/* Decodes `data[0..len)` and throws the pixels away: the check for an
 * image that is only embedded elsewhere (a theme's logo). Returns 0 or -1
 * with an error as image_decode(). */
int image_check(const void *data, size_t len, const char *name, struct pos pos,
                struct diags *d);

/* Frees the pixels of `img` and empties it. */
void image_free(struct image *img);

#endif
