/* date: the validator and the day count. */
#include "base/date.h"

#include <stdio.h>
#include <string.h>

static int digits(const char *s, int n)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	return x;
}

int date_month_days(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
	                           31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return days[month - 1] + (month == 2 && leap);
}

/* DATE_OK when `d`'s year is in range and its month real. */
static int check_year_month(const struct date *d)
{
	if (d->year < DATE_FIRST_YEAR || d->year > DATE_LAST_YEAR)
		return DATE_BAD_YEAR;
	if (d->month < 1 || d->month > 12)
		return DATE_BAD_MONTH;
	return DATE_OK;
}

int date_parse(const char *s, size_t len, struct date *out)
{
	if (!s || len != 10 || s[4] != '-' || s[7] != '-')
		return DATE_NOT_ISO;
	struct date d = {digits(s, 4), digits(s + 5, 2), digits(s + 8, 2)};
	if (d.year < 0 || d.month < 0 || d.day < 0)
		return DATE_NOT_ISO;
	if (out)
		*out = d;
	int rc = check_year_month(&d);
	if (rc == DATE_OK &&
	    (d.day < 1 || d.day > date_month_days(d.year, d.month)))
		rc = DATE_BAD_DAY;
	return rc;
}

bool date_valid(const char *s)
{
	return s && date_parse(s, strlen(s), NULL) == DATE_OK;
}

int date_parse_target(const char *s, size_t len, struct date *out,
                      enum date_precision *precision)
{
	enum date_precision p = len == 4   ? DATE_YEAR
	                        : len == 7 ? DATE_MONTH
	                                   : DATE_DAY;
	if (precision)
		*precision = p;
	if (p == DATE_DAY)
		return date_parse(s, len, out);
	if (!s || (p == DATE_MONTH && s[4] != '-'))
		return DATE_NOT_ISO;
	struct date d = {digits(s, 4), p == DATE_MONTH ? digits(s + 5, 2) : 12,
	                 0};
	if (d.year < 0 || d.month < 0)
		return DATE_NOT_ISO;
	if (out)
		*out = d;
	int rc = check_year_month(&d);
	if (rc != DATE_OK)
		return rc;
	d.day = date_month_days(d.year, d.month);
	if (out)
		*out = d;
	return DATE_OK;
}

bool date_target_valid(const char *s)
{
	return s && date_parse_target(s, strlen(s), NULL, NULL) == DATE_OK;
}

long date_to_days(struct date d)
{
	long y = d.year, m = d.month;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct date date_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	long y = yoe + era * 400 + (m <= 2);
	return (struct date){(int)y, (int)m, (int)d};
}

long date_quarter_parse(const char *s, size_t len)
{
	if (len != 10 || s[4] != '-' || s[7] != ' ' || s[8] != 'Q' ||
	    s[9] < '1' || s[9] > '4')
		return -1;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	return (long)y * 4 + (s[9] - '1');
}

void date_quarter_name(long q, char out[24])
{
	int y = (int)(q / 4 % 10000);
	snprintf(out, 24, "%04d-%02d Q%d", y, (y + 1) % 100, (int)(q % 4) + 1);
}

void date_quarter_span(long q, char first[24], char last[24])
{
	static const int start_month[4] = {4, 7, 10, 1};
	int y = (int)(q / 4 % 10000) + (q % 4 == 3 ? 1 : 0);
	int m = start_month[q % 4];
	snprintf(first, 24, "%04d-%02d-01", y, m);
	snprintf(last, 24, "%04d-%02d-%02d", y, m + 2,
	         date_month_days(y, m + 2) % 100);
}
