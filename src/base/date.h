/* date: calendar dates written YYYY-MM-DD, checked and counted.
 *
 * Target dates (when something is planned) may also be a month, YYYY-MM,
 * or a year, YYYY, each counted as its last day.
 *
 * The one date validator of clerk: the schema, the hooks' `clerk.days`,
 * --as-of and the page's date twins all ask date_parse, so a date one of
 * them accepts every other does too. A date is a real day of the
 * proleptic Gregorian calendar in the years DATE_FIRST_YEAR to
 * DATE_LAST_YEAR. Days are counted from 1970-01-01 (day 0) with Howard
 * Hinnant's civil-date algorithms: no time zones, no daylight saving and
 * no dependence on the host. The module knows numbers only: a date in
 * words ("14 January 2020") is the view's, with the month names of the
 * theme's `words:` (html/view.h). */
#ifndef CLERK_BASE_DATE_H
#define CLERK_BASE_DATE_H

#include <stdbool.h>
#include <stddef.h>

#define DATE_FIRST_YEAR 1900
#define DATE_LAST_YEAR 2200

struct date {
	int year, month, day; /* month 1 to 12, day 1 to 31 */
};

/* Why date_parse refused a text, in the order it checks. */
enum date_status {
	DATE_OK = 0,
	DATE_NOT_ISO = -1,   /* not ten characters written DDDD-DD-DD */
	DATE_BAD_YEAR = -2,  /* outside DATE_FIRST_YEAR..DATE_LAST_YEAR */
	DATE_BAD_MONTH = -3, /* month 00 or above 12 */
	DATE_BAD_DAY = -4,   /* day 00 or past the month's last day */
};

/* Parses `s[0..len)` as YYYY-MM-DD. Returns DATE_OK and fills `*out`
 * (which may be NULL), or one of the negative statuses; on DATE_BAD_YEAR,
 * DATE_BAD_MONTH and DATE_BAD_DAY `*out` still holds the digits read, so
 * a message can name them. */
int date_parse(const char *s, size_t len, struct date *out);

/* True when NUL-terminated `s` (NULL: false) is a date date_parse takes. */
bool date_valid(const char *s);

/* How much of a target date was written: a day, a month or a year. */
enum date_precision {
	DATE_DAY,   /* 2016-03-31 */
	DATE_MONTH, /* 2016-03 */
	DATE_YEAR,  /* 2016 */
};

/* Parses `s[0..len)` as a target date: YYYY-MM-DD, YYYY-MM or YYYY. A
 * month or a year is due by its end, so `*out` (which may be NULL) holds
 * its last day (2016-03 is 2016-03-31, 2016 is 2016-12-31) and
 * `*precision` (which may be NULL) says what was written. Returns the
 * statuses of date_parse; DATE_NOT_ISO when `s` is none of the three
 * forms. */
int date_parse_target(const char *s, size_t len, struct date *out,
                      enum date_precision *precision);

/* True when NUL-terminated `s` (NULL: false) is a target date
 * date_parse_target takes. */
bool date_target_valid(const char *s);

/* The number of days in `month` (1 to 12) of `year`. */
int date_month_days(int year, int month);

/* Days since 1970-01-01 of `d`, and back; date_from_days works for any
 * day of the years 0 to 9999. */
long date_to_days(struct date d);
struct date date_from_days(long days);

/* UK financial-year quarters, written "2019-20 Q3": Q1 is April to June,
 * Q4 January to March of the next calendar year. A quarter is counted as
 * year * 4 + (Q - 1), so the next quarter is one more. */

/* The count of the quarter written in `s[0..len)`, or -1 when it is not
 * written YYYY-YY QN. */
long date_quarter_parse(const char *s, size_t len);
/* Writes quarter `q` as "2019-20 Q3" into `out`. */
void date_quarter_name(long q, char out[24]);
/* Writes the first and last day of quarter `q` as YYYY-MM-DD. */
void date_quarter_span(long q, char first[24], char last[24]);

#endif
