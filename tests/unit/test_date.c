/* Unit tests for date: real calendar days in 1900 to 2200, the day
 * count, and dates in words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/date.h"

static int parse(const char *s)
{
	return date_parse(s, strlen(s), NULL);
}

static void real_days_only(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int rc;
	} cases[] = {
	        {"2020-01-14", DATE_OK},
	        {"2020-02-29", DATE_OK},      /* leap year */
	        {"2019-02-29", DATE_BAD_DAY}, /* not one */
	        {"2000-02-29", DATE_OK},      /* divisible by 400 */
	        {"2100-02-29", DATE_BAD_DAY}, /* by 100, not 400 */
	        {"1900-02-29", DATE_BAD_DAY},
	        {"2020-04-31", DATE_BAD_DAY},
	        {"2020-12-31", DATE_OK},
	        {"2020-01-00", DATE_BAD_DAY},
	        {"2020-01-32", DATE_BAD_DAY},
	        {"2020-00-10", DATE_BAD_MONTH},
	        {"2020-13-01", DATE_BAD_MONTH},
	        {"1900-01-01", DATE_OK},
	        {"2200-12-31", DATE_OK},
	        {"1899-12-31", DATE_BAD_YEAR},
	        {"2201-01-01", DATE_BAD_YEAR},
	        {"0001-01-01", DATE_BAD_YEAR},
	        {"2020-1-14", DATE_NOT_ISO},
	        {"14/01/2020", DATE_NOT_ISO},
	        {"2020-01-14 ", DATE_NOT_ISO},
	        {"2020-01-1x", DATE_NOT_ISO},
	        {"+020-01-14", DATE_NOT_ISO},
	        {"2020-+1-14", DATE_NOT_ISO},
	        {"", DATE_NOT_ISO},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int rc = parse(cases[i].s);
		if (rc != cases[i].rc)
			fail_msg("\"%s\": got %d, expected %d", cases[i].s, rc,
			         cases[i].rc);
		assert_int_equal(date_valid(cases[i].s),
		                 cases[i].rc == DATE_OK);
	}
	assert_false(date_valid(NULL));
	assert_int_equal(date_parse(NULL, 10, NULL), DATE_NOT_ISO);
	/* only `len` bytes are read */
	assert_int_equal(date_parse("2020-01-14T10:00", 10, NULL), DATE_OK);
	struct date d;
	assert_int_equal(date_parse("2019-02-29", 10, &d), DATE_BAD_DAY);
	assert_int_equal(d.year, 2019);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	assert_int_equal(date_month_days(2019, 2), 28);
	assert_int_equal(date_month_days(2020, 2), 29);
}

static void days_count_from_1970(void **state)
{
	(void)state;
	assert_int_equal(date_to_days((struct date){1970, 1, 1}), 0);
	assert_int_equal(date_to_days((struct date){1969, 12, 31}), -1);
	assert_int_equal(date_to_days((struct date){2020, 1, 14}), 18275);
	assert_int_equal(date_to_days((struct date){2020, 3, 1}) -
	                         date_to_days((struct date){2020, 2, 28}),
	                 2);
	assert_int_equal(date_to_days((struct date){2019, 3, 1}) -
	                         date_to_days((struct date){2019, 2, 28}),
	                 1);
	/* every day of the supported years goes there and back */
	long first = date_to_days((struct date){DATE_FIRST_YEAR, 1, 1});
	long last = date_to_days((struct date){DATE_LAST_YEAR, 12, 31});
	for (long z = first; z <= last; z++) {
		struct date d = date_from_days(z);
		if (d.day > date_month_days(d.year, d.month) ||
		    date_to_days(d) != z)
			fail_msg("day %ld: %d-%d-%d", z, d.year, d.month,
			         d.day);
	}
	struct date d = date_from_days(0);
	assert_int_equal(d.year, 1970);
	d = date_from_days(-719528); /* 0000-01-01 */
	assert_int_equal(d.year, 0);
	assert_int_equal(d.month, 1);
	assert_int_equal(d.day, 1);
}

/* A month or a year is due by its last day. */
static void targets_are_their_last_day(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int rc;
		enum date_precision p;
		struct date last;
	} cases[] = {
	        {"2016-03", DATE_OK, DATE_MONTH, {2016, 3, 31}},
	        {"2016-02", DATE_OK, DATE_MONTH, {2016, 2, 29}}, /* leap */
	        {"2015-02", DATE_OK, DATE_MONTH, {2015, 2, 28}},
	        {"2016-04", DATE_OK, DATE_MONTH, {2016, 4, 30}},
	        {"2016", DATE_OK, DATE_YEAR, {2016, 12, 31}},
	        {"2016-03-15", DATE_OK, DATE_DAY, {2016, 3, 15}},
	        {"2016-13", DATE_BAD_MONTH, DATE_MONTH, {2016, 13, 0}},
	        {"2016-00", DATE_BAD_MONTH, DATE_MONTH, {2016, 0, 0}},
	        {"1899", DATE_BAD_YEAR, DATE_YEAR, {1899, 12, 0}},
	        {"2016/03", DATE_NOT_ISO, DATE_MONTH, {0, 0, 0}},
	        {"16-03", DATE_NOT_ISO, DATE_DAY, {0, 0, 0}},
	        {"20a6", DATE_NOT_ISO, DATE_YEAR, {0, 0, 0}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct date d = {0, 0, 0};
		enum date_precision p = DATE_DAY;
		int rc = date_parse_target(cases[i].s, strlen(cases[i].s), &d,
		                           &p);
		if (rc != cases[i].rc || p != cases[i].p ||
		    (rc != DATE_NOT_ISO && (d.year != cases[i].last.year ||
		                            d.month != cases[i].last.month ||
		                            d.day != cases[i].last.day)))
			fail_msg("%s: rc %d precision %d %d-%d-%d", cases[i].s,
			         rc, (int)p, d.year, d.month, d.day);
	}
	assert_true(date_target_valid("2016"));
	assert_false(date_target_valid("2016-13"));
	assert_false(date_valid("2016-03")); /* event dates stay whole days */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(real_days_only),
	        cmocka_unit_test(days_count_from_1970),
	        cmocka_unit_test(targets_are_their_last_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
