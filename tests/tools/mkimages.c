/* mkimages: writes the image fixtures of tests/img and tests/hostile/images
 * into a folder, so that no binary test file is kept in the repository.
 *
 *   mkimages DIR
 *
 * Every good image shows the same picture, so a test can check the colours
 * of any of them: a 16 × 16 square whose left half is red (#d01010) and
 * right half blue (#1030c0), except where a fixture is grey or has a
 * transparent (or half-transparent) right half. PNGs are written by
 * hand here (zlib and its crc32) so that any colour type, bit depth and
 * interlacing can be made; JPEGs come from TurboJPEG. The hostile files are
 * good files cut, flipped or patched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>
#include <zlib.h>

#define W 16
#define H 16

struct bytes {
	unsigned char *p;
	size_t len, cap;
};

static void put(struct bytes *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void put32(struct bytes *b, unsigned long v)
{
	unsigned char q[4] = {(unsigned char)(v >> 24),
	                      (unsigned char)(v >> 16), (unsigned char)(v >> 8),
	                      (unsigned char)v};
	put(b, q, 4);
}

static void chunk(struct bytes *b, const char *type, const void *data, size_t n)
{
	put32(b, n);
	size_t at = b->len;
	put(b, type, 4);
	put(b, data, n);
	put32(b, crc32(0, b->p + at, (uInt)(n + 4)));
}

static void save(const char *dir, const char *name, const struct bytes *b)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(b->p, 1, b->len, fp) != b->len || fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

/* The picture's pixel (x, y) as 16-bit RGBA. */
static void pixel(int x, int y, int alpha_kind, unsigned v[4])
{
	int left = x < W / 2;
	v[0] = left ? 0xD0D0 : 0x1010;
	v[1] = 0x1010;
	v[2] = left ? 0x1010 : 0xC0C0;
	v[3] = 0xFFFF;
	if (alpha_kind == 1 && !left) /* right half transparent */
		v[3] = 0;
	if (alpha_kind == 2) { /* half-transparent right half */
		v[3] = left ? 0xFFFF : 0x8080;
	}
	(void)y;
}

enum { GREY = 0, RGB = 2, PALETTE = 3, GREY_ALPHA = 4, RGBA = 6 };

/* Appends the samples of pixel (x, y) for colour type `ct` at `depth`
 * (8 or 16). */
static void samples(struct bytes *row, int ct, int depth, int x, int y,
                    int alpha_kind)
{
	unsigned v[4];
	pixel(x, y, alpha_kind, v);
	unsigned grey = (v[0] * 3 + v[1] * 6 + v[2]) / 10;
	unsigned s[4];
	int n = 0;
	switch (ct) {
	case GREY:
		s[n++] = grey;
		break;
	case GREY_ALPHA:
		s[n++] = grey;
		s[n++] = v[3];
		break;
	case RGB:
		s[n++] = v[0], s[n++] = v[1], s[n++] = v[2];
		break;
	case RGBA:
		s[n++] = v[0], s[n++] = v[1], s[n++] = v[2], s[n++] = v[3];
		break;
	case PALETTE: /* index 0 red, 1 blue, 2 transparent */
		s[n++] = v[3] == 0 ? 2 : x < W / 2 ? 0 : 1;
		break;
	}
	for (int i = 0; i < n; i++) {
		unsigned char c[2] = {(unsigned char)(s[i] >> 8),
		                      (unsigned char)s[i]};
		if (depth == 16)
			put(row, c, 2);
		else if (ct == PALETTE)
			put(row, &c[1], 1);
		else
			put(row, &c[0], 1);
	}
}

/* A PNG of the picture. `interlace`: Adam7. */
static struct bytes png(int ct, int depth, int interlace, int alpha_kind)
{
	struct bytes raw = {0}, b = {0};
	static const int px[7] = {0, 4, 0, 2, 0, 1, 0},
	                 py[7] = {0, 0, 4, 0, 2, 0, 1},
	                 dx[7] = {8, 8, 4, 4, 2, 2, 1},
	                 dy[7] = {8, 8, 8, 4, 4, 2, 2};
	for (int pass = 0; pass < (interlace ? 7 : 1); pass++) {
		int x0 = interlace ? px[pass] : 0,
		    y0 = interlace ? py[pass] : 0;
		int sx = interlace ? dx[pass] : 1,
		    sy = interlace ? dy[pass] : 1;
		for (int y = y0; y < H; y += sy) {
			if (x0 >= W)
				continue;
			unsigned char filter = 0;
			put(&raw, &filter, 1);
			for (int x = x0; x < W; x += sx)
				samples(&raw, ct, depth, x, y, alpha_kind);
		}
	}
	put(&b, "\x89PNG\r\n\x1a\n", 8);
	unsigned char ihdr[13] = {0,
	                          0,
	                          0,
	                          W,
	                          0,
	                          0,
	                          0,
	                          H,
	                          (unsigned char)depth,
	                          (unsigned char)ct,
	                          0,
	                          0,
	                          (unsigned char)interlace};
	chunk(&b, "IHDR", ihdr, 13);
	if (ct == PALETTE) {
		/* The transparent entry is black: shown only if the
		 * transparency were lost. */
		unsigned char plte[9] = {0xD0, 0x10, 0x10, 0x10, 0x10,
		                         0xC0, 0x00, 0x00, 0x00};
		chunk(&b, "PLTE", plte, 9);
		unsigned char trns[3] = {0xFF, 0xFF, 0x00};
		chunk(&b, "tRNS", trns, 3);
	}
	uLongf zn = compressBound(raw.len);
	unsigned char *z = malloc(zn);
	if (!z || compress2(z, &zn, raw.p, raw.len, 9) != Z_OK)
		abort();
	chunk(&b, "IDAT", z, zn);
	chunk(&b, "IEND", "", 0);
	free(z);
	free(raw.p);
	return b;
}

/* Offset of the first chunk of `type` in the PNG `b` (its length field). */
static size_t find_chunk(const struct bytes *b, const char *type)
{
	for (size_t i = 8; i + 8 <= b->len;) {
		size_t n = (size_t)b->p[i] << 24 | (size_t)b->p[i + 1] << 16 |
		           (size_t)b->p[i + 2] << 8 | b->p[i + 3];
		if (memcmp(b->p + i + 4, type, 4) == 0)
			return i;
		i += n + 12;
	}
	abort();
}

static void fix_crc(struct bytes *b, size_t at)
{
	size_t n = (size_t)b->p[at] << 24 | (size_t)b->p[at + 1] << 16 |
	           (size_t)b->p[at + 2] << 8 | b->p[at + 3];
	unsigned long c = crc32(0, b->p + at + 4, (uInt)(n + 4));
	unsigned char *q = b->p + at + 8 + n;
	q[0] = (unsigned char)(c >> 24), q[1] = (unsigned char)(c >> 16);
	q[2] = (unsigned char)(c >> 8), q[3] = (unsigned char)c;
}

static struct bytes jpeg(int pf, int flags, int subsamp)
{
	unsigned char img[W * H * 4];
	int ch = tjPixelSize[pf];
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			unsigned v[4];
			pixel(x, y, 0, v);
			unsigned char *p = img + (y * W + x) * ch;
			if (pf == TJPF_GRAY)
				p[0] = (unsigned char)((v[0] * 3 + v[1] * 6 +
				                        v[2]) / 10 >>
				                       8);
			else if (pf == TJPF_CMYK)
				p[0] = (unsigned char)(255 - (v[0] >> 8)),
				p[1] = (unsigned char)(255 - (v[1] >> 8)),
				p[2] = (unsigned char)(255 - (v[2] >> 8)),
				p[3] = 0;
			else
				p[0] = (unsigned char)(v[0] >> 8),
				p[1] = (unsigned char)(v[1] >> 8),
				p[2] = (unsigned char)(v[2] >> 8);
		}
	tjhandle tj = tjInitCompress();
	unsigned char *out = NULL;
	unsigned long n = 0;
	if (!tj || tjCompress2(tj, img, W, 0, H, pf, &out, &n, subsamp, 95,
	                       flags) != 0) {
		fprintf(stderr, "mkimages: %s\n", tjGetErrorStr2(tj));
		exit(1);
	}
	struct bytes b = {0};
	put(&b, out, n);
	tjFree(out);
	tjDestroy(tj);
	return b;
}

/* `b` with `total` bytes of APP1 segments (each at most 65533 bytes of
 * data) inserted after its SOI marker, as a camera's metadata would be. */
static struct bytes with_metadata(const struct bytes *b, size_t total)
{
	struct bytes o = {0};
	put(&o, b->p, 2);
	unsigned char *fill = calloc(1, 65533);
	while (total > 0) {
		size_t n = total > 65533 ? 65533 : total;
		unsigned char m[4] = {0xFF, 0xE1, (unsigned char)((n + 2) >> 8),
		                      (unsigned char)(n + 2)};
		put(&o, m, 4);
		put(&o, fill, n);
		total -= n;
	}
	put(&o, b->p + 2, b->len - 2);
	free(fill);
	return o;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mkimages DIR\n");
		return 2;
	}
	const char *dir = argv[1];
	struct bytes b;
	/* Good PNGs. */
	b = png(RGB, 8, 0, 0), save(dir, "rgb8.png", &b);
	struct bytes good = b;
	b = png(RGB, 16, 0, 0), save(dir, "rgb16.png", &b), free(b.p);
	b = png(RGB, 8, 1, 0), save(dir, "interlaced.png", &b), free(b.p);
	b = png(RGBA, 16, 1, 0), save(dir, "interlaced16.png", &b), free(b.p);
	b = png(PALETTE, 8, 0, 1), save(dir, "palette-trns.png", &b);
	free(b.p);
	b = png(GREY_ALPHA, 8, 0, 1), save(dir, "grey-alpha.png", &b);
	free(b.p);
	b = png(GREY, 16, 0, 0), save(dir, "grey16.png", &b), free(b.p);
	b = png(RGBA, 8, 0, 2), save(dir, "rgba-half.png", &b), free(b.p);
	/* Hostile PNGs. */
	b = good, b.len = good.len / 2, save(dir, "truncated.png", &b);
	struct bytes c = {0};
	put(&c, good.p, good.len);
	size_t idat = find_chunk(&c, "IDAT");
	size_t idat_len = (size_t)c.p[idat + 2] << 8 | c.p[idat + 3];
	c.p[idat + 8 + idat_len] ^= 0xFF; /* the CRC */
	save(dir, "bad-crc.png", &c);
	c.p[idat + 8 + idat_len] ^= 0xFF;
	for (size_t i = 4; i < idat_len - 4; i += 3) /* deflate data */
		c.p[idat + 8 + i] ^= 0x5A;
	fix_crc(&c, idat);
	save(dir, "corrupt-idat.png", &c);
	free(c.p);
	c = (struct bytes){0};
	put(&c, good.p, good.len);
	size_t ihdr = find_chunk(&c, "IHDR");
	unsigned char big[8] = {0, 0, 0xC3, 0x50, 0, 0, 0xC3, 0x50}; /* 50000 */
	memcpy(c.p + ihdr + 8, big, 8);
	fix_crc(&c, ihdr);
	save(dir, "huge.png", &c);
	unsigned char many[8] = {0, 0, 0x1F, 0x40, 0, 0, 0x1F, 0x40}; /* 8000 */
	memcpy(c.p + ihdr + 8, many, 8);
	fix_crc(&c, ihdr);
	save(dir, "many-pixels.png", &c);
	free(c.p);
	free(good.p);
	/* Good JPEGs. */
	b = jpeg(TJPF_RGB, 0, TJSAMP_444), save(dir, "photo.jpg", &b);
	good = b;
	b = jpeg(TJPF_RGB, TJFLAG_PROGRESSIVE, TJSAMP_420);
	save(dir, "progressive.jpg", &b), free(b.p);
	b = jpeg(TJPF_GRAY, 0, TJSAMP_GRAY), save(dir, "grey.jpg", &b);
	free(b.p);
	b = with_metadata(&good, 200 * 1024), save(dir, "metadata.jpg", &b);
	free(b.p);
	/* Hostile JPEGs. */
	b = jpeg(TJPF_CMYK, 0, TJSAMP_444), save(dir, "cmyk.jpg", &b);
	free(b.p);
	/* Cut halfway through the scan data, as an interrupted copy is. */
	for (size_t i = 2; i + 1 < good.len; i++)
		if (good.p[i] == 0xFF && good.p[i + 1] == 0xDA) {
			b = good, b.len = i + (good.len - i) / 2;
			break;
		}
	save(dir, "truncated.jpg", &b);
	c = (struct bytes){0};
	put(&c, good.p, good.len);
	for (size_t i = 2; i + 9 < c.len; i++)
		if (c.p[i] == 0xFF && c.p[i + 1] == 0xC0) {   /* SOF0 */
			c.p[i + 5] = 0xEA, c.p[i + 6] = 0x60; /* 60000 high */
			c.p[i + 7] = 0xEA, c.p[i + 8] = 0x60; /* and wide */
			break;
		}
	save(dir, "huge.jpg", &c);
	free(c.p);
	free(good.p);
	b = (struct bytes){0};
	put(&b, "GIF89a not really\n", 18);
	save(dir, "not-an-image.png", &b);
	free(b.p);
	return 0;
}
