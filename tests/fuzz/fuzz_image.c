/* libFuzzer target for the image decoder: any bytes must decode to a pixel
 * buffer of exactly width × height × channels bytes (and an alpha plane of
 * width × height) within the limits, with the size the header promised,
 * or fail with a diagnostic and no pixels; never crash, leak or hang. */
#include <sanitizer/allocator_interface.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/limits.h"
#include "image/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* True when `p` is a heap block of exactly `n` bytes, as the sanitizer's
 * allocator recorded it. (Asking whether the byte after it is poisoned is
 * not enough: after the last block of a freshly mapped region, the next
 * byte's shadow is clear.) */
static int exact(const unsigned char *p, size_t n)
{
	return p && n > 0 && __sanitizer_get_ownership(p) &&
	       __sanitizer_get_allocated_size(p) == n;
}

static void broken(const char *why, const struct image *img)
{
	fprintf(stderr, "fuzz_image: %s (%u x %u, %d channels, alpha %s)\n",
	        why, img->width, img->height, img->channels,
	        img->alpha ? "yes" : "no");
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pos pos = {"fuzz", 1, 1};
	struct diags d = DIAGS_INIT, d2 = DIAGS_INIT;
	struct image_info info;
	int probed = image_probe(data, size, "fuzz.png", pos, &info, &d);
	struct image img;
	int rc = image_decode(data, size, "fuzz.png", pos, &img, &d2);
	if (rc == 0) {
		size_t n = (size_t)img.width * img.height;
		if (probed != 0 || info.width != img.width ||
		    info.height != img.height)
			broken("the decoded size is not the header's", &img);
		if (img.width < 1 || img.height < 1 ||
		    img.width > LIMIT_IMAGE_SIDE ||
		    img.height > LIMIT_IMAGE_SIDE || n > LIMIT_IMAGE_PIXELS)
			broken("the size is outside the limits", &img);
		if (img.channels != 1 && img.channels != 3)
			broken("not grey or RGB", &img);
		if (!exact(img.pixels, n * (size_t)img.channels))
			broken("the pixels are not w * h * channels bytes",
			       &img);
		if (img.alpha && !exact(img.alpha, n))
			broken("the alpha plane is not w * h bytes", &img);
		if (d2.errors)
			broken("an error with pixels", &img);
	} else if (d2.errors == 0 || img.pixels || img.alpha) {
		broken("a failure without a message, or with pixels", &img);
	}
	image_free(&img);
	diags_free(&d);
	diags_free(&d2);
	return 0;
}
