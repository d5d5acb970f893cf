/* Unit tests for color: one parser for #rgb and #rrggbb, the writer, and
 * the WCAG contrast ratio. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "base/color.h"

static void colours_parse_one_way(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		bool ok;
		uint32_t rgb;
	} cases[] = {
	        {"#1d70b8", true, 0x1d70b8},
	        {"#1D70B8", true, 0x1d70b8},
	        {"#fff", true, 0xffffff},
	        {"#a0C", true, 0xaa00cc},
	        {"#000000", true, 0},
	        {"1d70b8", false, 0},
	        {"#1d70b", false, 0},
	        {"#1d70b8a", false, 0},
	        {"#-12345", false, 0},
	        {"# 12345", false, 0},
	        {"#+fffff", false, 0},
	        {"#ggg", false, 0},
	        {"#", false, 0},
	        {"", false, 0},
	        {"red", false, 0},
	        {"#fff;", false, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		uint32_t rgb = 0x123456;
		bool ok = color_parse(cases[i].s, &rgb);
		if (ok != cases[i].ok || (ok && rgb != cases[i].rgb))
			fail_msg("\"%s\": got %d %06x", cases[i].s, ok,
			         (unsigned)rgb);
	}
	assert_false(color_parse(NULL, &(uint32_t){0}));
	char out[8];
	color_format(0xAABBCC, out);
	assert_string_equal(out, "#aabbcc");
	color_format(0x00000A, out);
	assert_string_equal(out, "#00000a");
}

static void contrast_follows_wcag(void **state)
{
	(void)state;
	assert_true(fabs(color_contrast("#000000", "#ffffff") - 21.0) < 1e-9);
	assert_true(fabs(color_contrast("#ffffff", "#000") - 21.0) < 1e-9);
	assert_true(fabs(color_contrast("#777", "#777777") - 1.0) < 1e-9);
	/* GOV.UK blue on white: 5.17:1, just above AA's 4.5:1 */
	double r = color_contrast("#1d70b8", "#ffffff");
	assert_true(r > 5.169 && r < 5.170);
	/* the order of the two does not matter */
	assert_true(fabs(r - color_contrast("#ffffff", "#1d70b8")) < 1e-12);
	/* a colour that is not one counts as black */
	assert_true(fabs(color_contrast("red", "#ffffff") - 21.0) < 1e-9);
	assert_true(fabs(color_contrast(NULL, "#000") - 1.0) < 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(colours_parse_one_way),
	        cmocka_unit_test(contrast_follows_wcag),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
