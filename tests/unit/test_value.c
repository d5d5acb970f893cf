/* Unit tests for the value tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "value/keyset.h"
#include "value/value.h"

static const struct pos P = {"t.yaml", 1, 1};

static char *fmt(double n)
{
	static char text[64];
	struct buf b = BUF_INIT;
	value_format_number(&b, n);
	strcpy(text, buf_cstr(&b));
	buf_free(&b);
	return text;
}

static void numbers_print_as_written(void **state)
{
	(void)state;
	assert_string_equal(fmt(1.1), "1.1");
	assert_string_equal(fmt(3), "3");
	assert_string_equal(fmt(0.1 + 0.2), "0.30000000000000004");
	assert_string_equal(fmt(-2.5), "-2.5");
	assert_string_equal(fmt(1e300), "1e+300");
	assert_string_equal(fmt(0), "0");
	assert_string_equal(fmt(123456789), "123456789");
	assert_string_equal(fmt(NAN), "NaN");
}

static void map_keeps_order_and_replaces(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct value *m = value_new_map(&a, P);
	value_map_set(&a, m, "b", value_new_int(&a, P, 2));
	value_map_set(&a, m, "a", value_new_int(&a, P, 1));
	value_map_set(&a, m, "b", value_new_string(&a, P, "two", 3));
	assert_int_equal(m->as.map.len, 2);
	assert_string_equal(m->as.map.items[0].key->text, "b");
	assert_string_equal(value_map_get(m, "b")->text, "two");
	assert_int_equal(value_map_get(m, "a")->as.i, 1);
	assert_null(value_map_get(m, "c"));
	assert_null(value_map_get(value_new_null(&a, P), "a"));
	arena_free(&a);
}

static void copy_is_deep_and_equal(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct value *l = value_new_list(&a, P);
	for (int i = 0; i < 100; i++)
		value_list_push(&a, l, value_new_int(&a, P, i));
	struct value *m = value_new_map(&a, P);
	value_map_set(&a, m, "items", l);
	struct value *c = value_copy(&a, m);
	assert_true(value_equal(m, c));
	assert_int_equal(value_count(c), 102);
	value_map_get(c, "items")->as.list.items[5]->as.i = 42;
	assert_false(value_equal(m, c));
	assert_int_equal(l->as.list.items[5]->as.i, 5);
	arena_free(&a);
}

/* The keyset finds, refuses and replaces keys by text, whatever their
 * number; maps of 100,000 keys compare equal in any order. */
static void keyset_adds_finds_and_puts(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct value_keyset s = VALUE_KEYSET_INIT;
	struct value *m = value_new_map(&a, P), *r = value_new_map(&a, P);
	char key[32];
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		struct value *k = value_new_string(&a, P, key, strlen(key));
		assert_int_equal(value_keyset_add(&s, k, i), -1);
		value_map_append(&a, m, k, value_new_int(&a, P, i));
	}
	for (int i = 100000; i-- > 0;) {
		snprintf(key, sizeof key, "k%d", i);
		value_map_append(&a, r,
		                 value_new_string(&a, P, key, strlen(key)),
		                 value_new_int(&a, P, i));
	}
	assert_int_equal(s.len, 100000);
	assert_int_equal(value_keyset_find(&s, "k77777", 6), 77777);
	assert_int_equal(value_keyset_find(&s, "k100000", 7), -1);
	struct value *again = value_new_string(&a, P, "k5", 2);
	assert_int_equal(value_keyset_add(&s, again, 9), 5);
	assert_int_equal(value_keyset_find(&s, "k5", 2), 5);
	assert_int_equal(value_keyset_put(&s, again, 9), 5);
	assert_int_equal(value_keyset_find(&s, "k5", 2), 9);
	assert_int_equal(s.len, 100000);
	assert_true(value_equal(m, r));
	r->as.map.items[3].value = value_new_int(&a, P, -1);
	assert_false(value_equal(m, r));
	value_keyset_free(&s);
	assert_int_equal(value_keyset_find(&s, "k5", 2), -1);
	arena_free(&a);
}

static void dump_is_json_like(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct value *m = value_new_map(&a, P);
	value_map_set(&a, m, "s", value_new_string(&a, P, "a\"b\n", 4));
	value_map_set(&a, m, "n", value_new_number(&a, P, 2.5));
	value_map_set(&a, m, "t", value_new_bool(&a, P, true));
	value_map_set(&a, m, "z", value_new_null(&a, P));
	struct buf b = BUF_INIT;
	value_dump(&b, m);
	assert_string_equal(buf_cstr(&b),
	                    "{\"s\": \"a\\\"b\\n\", \"n\": 2.5, \"t\": true, "
	                    "\"z\": null}");
	buf_free(&b);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(numbers_print_as_written),
	        cmocka_unit_test(map_keeps_order_and_replaces),
	        cmocka_unit_test(copy_is_deep_and_equal),
	        cmocka_unit_test(keyset_adds_finds_and_puts),
	        cmocka_unit_test(dump_is_json_like),
	};
	return cmocka_run_group_tests_name("value", tests, NULL, NULL);
}
