/* Unit tests for expand: {name} fields, names a lookup does not know,
 * braces that make no field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/expand.h"

static const char *const pairs[][2] = {
        {"council", "Lewisham"},
        {"date", "14 January 2020"},
        {"item", NULL},
        {NULL, NULL},
};

static void check(const char *text, const char *want)
{
	struct buf b = BUF_INIT;
	expand_fields(&b, text, expand_pairs, (void *)pairs);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void fields_from_pairs(void **state)
{
	(void)state;
	check("{council}", "Lewisham");
	check("{council}, {date}", "Lewisham, 14 January 2020");
	check("Item {item}.", "Item ."); /* known, with no value */
	check("no fields", "no fields");
	check("", "");
	/* a name it does not know stays as written */
	check("{councl} {page} of {pages}", "{councl} {page} of {pages}");
	check("{}", "{}");
	check("{Council}", "{Council}");
	check("{ council}", "{ council}");
	/* braces that make no field are text */
	check("{{council}", "{Lewisham");
	check("{council}}", "Lewisham}");
	check("{council", "{council");
	check("a { b } c", "a { b } c");
	check("}{", "}{");
	check("{{{", "{{{");
	struct buf b = BUF_INIT;
	expand_fields(&b, NULL, expand_pairs, (void *)pairs);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* A lookup that knows {page} only and counts the fields it is asked. */
static bool numbers(void *ctx, const char *name, size_t len, struct buf *out)
{
	int *calls = ctx;
	++*calls;
	if (len != 4 || memcmp(name, "page", 4) != 0)
		return false;
	buf_puts(out, "#7");
	return true;
}

static void lookup_sees_each_field(void **state)
{
	(void)state;
	int calls = 0;
	struct buf b = BUF_INIT;
	buf_puts(&b, ">");
	expand_fields(&b, "Page {page} of {pages}{x", numbers, &calls);
	assert_string_equal(buf_cstr(&b), ">Page #7 of {pages}{x");
	assert_int_equal(calls, 2);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(fields_from_pairs),
	        cmocka_unit_test(lookup_sees_each_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
