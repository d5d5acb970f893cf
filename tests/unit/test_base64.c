/* Unit tests for base64: the encoder, the decoder, and text that is not
 * base64. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/base64.h"

/* RFC 4648, section 10. */
static const char *const vectors[][2] = {
        {"", ""},
        {"f", "Zg=="},
        {"fo", "Zm8="},
        {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="},
        {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"},
};

static void rfc_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof vectors / sizeof *vectors; i++) {
		const char *plain = vectors[i][0], *text = vectors[i][1];
		struct buf b = BUF_INIT;
		base64_encode(&b, plain, strlen(plain));
		assert_string_equal(buf_cstr(&b), text);
		buf_free(&b);
		char out[16];
		size_t n = 99;
		assert_true(base64_decode(text, strlen(text), out, &n));
		assert_int_equal(n, strlen(plain));
		assert_memory_equal(out, plain, n);
	}
}

static void every_byte_there_and_back(void **state)
{
	(void)state;
	unsigned char bytes[256];
	for (int i = 0; i < 256; i++)
		bytes[i] = (unsigned char)(255 - i);
	for (size_t len = 0; len <= 256; len += 1) {
		struct buf b = BUF_INIT;
		base64_encode(&b, bytes, len);
		unsigned char out[BASE64_DECODED_MAX(344)];
		size_t n = 0;
		assert_true(base64_decode(buf_cstr(&b), b.len, out, &n));
		assert_int_equal(n, len);
		assert_memory_equal(out, bytes, len);
		buf_free(&b);
	}
	/* without its padding too */
	char out[8];
	size_t n = 0;
	assert_true(base64_decode("Zm8", 3, out, &n));
	assert_int_equal(n, 2);
	assert_memory_equal(out, "fo", 2);
}

static void not_base64(void **state)
{
	(void)state;
	char out[16];
	size_t n = 7;
	assert_false(base64_decode("Zm9v YmFy", 9, out, &n));
	assert_false(base64_decode("Zm9v\nYmFy", 9, out, &n));
	assert_false(base64_decode("Zm9v-_", 6, out, &n)); /* base64url */
	assert_false(base64_decode("Zm\0v", 4, out, &n));
	assert_int_equal(n, 7);
	/* only `len` characters are read, and nothing after a `=` */
	assert_true(base64_decode("Zm9v!!", 4, out, &n));
	assert_int_equal(n, 3);
	assert_true(base64_decode("Zg==!!", 6, out, &n));
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(rfc_vectors),
	        cmocka_unit_test(every_byte_there_and_back),
	        cmocka_unit_test(not_base64),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
