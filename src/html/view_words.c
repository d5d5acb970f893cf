/* view_words: dates, grades, statuses, anchors and links, in words.
 *
 * A walk over the view gives each such field a twin that templates print
 * as it stands: a date its `_long` ("14 January 2020") and `_short`
 * ("14 Jan 2020", for tables) in the theme's words, each with no-break
 * spaces, a grade or a
 * status its `_name` ("Requires improvement"), an id its `_anchor`, a URL
 * its safe `_href`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/expand.h"
#include "html/internal.h"
#include "markdown/markdown.h"

/* `date` in words as the theme's word `format` lays it out, with its
 * month names (words month_1 ... month_12, month_short_1 ...), its spaces
 * no-break spaces so that "31 Dec 2019" is never cut across lines, in a
 * <time> or not; text that is not a date is appended as it stands. A
 * target date written as a month or a year reads "March 2016" or "2016":
 * the words `date_month_long` ("{month} {year}") and `date_month_short`
 * ("{month_short} {year}") lay out a month, a year is its number. */
static void date_words(const struct theme *t, struct buf *out, const char *date,
                       const char *format)
{
	struct date d;
	enum date_precision p;
	if (!date || date_parse_target(date, strlen(date), &d, &p) != DATE_OK) {
		buf_puts(out, date ? date : "");
		return;
	}
	/* Every date of the report comes here twice: the words' keys are
	 * a table, not printed each time. */
	static const char *const months[] = {
	        "month_1", "month_2",  "month_3",  "month_4",
	        "month_5", "month_6",  "month_7",  "month_8",
	        "month_9", "month_10", "month_11", "month_12"};
	static const char *const months_short[] = {
	        "month_short_1",  "month_short_2",  "month_short_3",
	        "month_short_4",  "month_short_5",  "month_short_6",
	        "month_short_7",  "month_short_8",  "month_short_9",
	        "month_short_10", "month_short_11", "month_short_12"};
	int m = d.month >= 1 && d.month <= 12 ? d.month - 1 : 0;
	char day[8], year[8];
	snprintf(day, sizeof day, "%d", d.day);
	snprintf(year, sizeof year, "%d", d.year);
	const char *fields[][2] = {
	        {"day", day},
	        {"month", theme_word(t, months[m])},
	        {"month_short", theme_word(t, months_short[m])},
	        {"year", year},
	        {NULL, NULL}};
	const char *layout = theme_word(t, format);
	if (p == DATE_YEAR) {
		layout = "{year}";
	} else if (p == DATE_MONTH) {
		bool lng = strcmp(format, "date_long") == 0;
		layout = theme_word(t, lng ? "date_month_long"
		                           : "date_month_short");
		if (!*layout)
			layout =
			        lng ? "{month} {year}" : "{month_short} {year}";
	}
	struct buf b = BUF_INIT;
	expand_fields(&b, layout, expand_pairs, fields);
	for (size_t i = 0; i < b.len; i++) {
		if (b.data[i] == ' ')
			buf_puts(out, "\xC2\xA0");
		else
			buf_putc(out, b.data[i]);
	}
	buf_free(&b);
}

void html_date_long(const struct theme *t, struct buf *out, const char *date)
{
	date_words(t, out, date, "date_long");
}

void html_date_short(const struct theme *t, struct buf *out, const char *date)
{
	date_words(t, out, date, "date_short");
}

void view_set_date_twins(struct view *v, struct value *node, const char *key,
                         const char *date)
{
	char twin[96];
	struct buf b = BUF_INIT;
	html_date_long(v->theme, &b, date);
	snprintf(twin, sizeof twin, "%s_long", key);
	set(v, node, twin, strbuf(v, &b));
	buf_clear(&b);
	html_date_short(v->theme, &b, date);
	snprintf(twin, sizeof twin, "%s_short", key);
	set(v, node, twin, strbuf(v, &b));
	buf_free(&b);
}

/* A grade's or status's name as the theme prints it, or NULL for a word
 * that is not in the vocabulary. */
static const char *grade_name(const struct view *v, const char *g)
{
	return theme_name(v->theme, VOCABULARY_GRADE, g);
}

const char *view_status_name(const struct view *v, const char *s)
{
	return theme_name(v->theme, VOCABULARY_STATUS, s);
}

static bool key_is(const struct value *k, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(k->text, names[i]) == 0)
			return true;
	return false;
}

/* An id as an HTML id: letters, digits, '-' and '_'; anything else
 * becomes '-'. */
struct value *view_anchor_of(struct view *v, const char *id)
{
	struct buf b = BUF_INIT;
	for (const char *c = id; *c; c++)
		buf_putc(&b,
		         (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		                         (*c >= '0' && *c <= '9') || *c == '_'
		                 ? *c
		                 : '-');
	struct value *out = strbuf(v, &b);
	buf_free(&b);
	return out;
}

/* Adds the twins of dates, grades, statuses and URLs, everywhere. */
void view_decorate(struct view *v, struct value *node)
{
	static const char *const date_keys[] = {
	        "date",    "from",  "to",   "published", "due",
	        "done_on", "as_of", "sent", "cleared",   NULL};
	static const char *const grade_keys[] = {"grade", "previous", "overall",
	                                         NULL};
	if (!node)
		return;
	if (node->kind == VALUE_LIST) {
		for (size_t i = 0; i < node->as.list.len; i++)
			view_decorate(v, node->as.list.items[i]);
		return;
	}
	if (node->kind != VALUE_MAP)
		return;
	size_t n = node->as.map.len; /* twins are appended: skip them */
	for (size_t i = 0; i < n; i++) {
		const struct value *k = node->as.map.items[i].key;
		struct value *val = node->as.map.items[i].value;
		char twin[96];
		if (!value_is_scalar(val) || !val->text) {
			view_decorate(v, val);
			continue;
		}
		/* a due date may be a month or a year */
		bool dated = strcmp(k->text, "due") == 0
		                     ? date_target_valid(val->text)
		                     : date_valid(val->text);
		if (key_is(k, date_keys) && dated) {
			view_set_date_twins(v, node, k->text, val->text);
		} else if (key_is(k, grade_keys) && grade_name(v, val->text)) {
			snprintf(twin, sizeof twin, "%s_name", k->text);
			set_str(v, node, twin, grade_name(v, val->text));
		} else if (strcmp(k->text, "status") == 0 &&
		           view_status_name(v, val->text)) {
			set_str(v, node, "status_name",
			        view_status_name(v, val->text));
		} else if (strcmp(k->text, "id") == 0) {
			set(v, node, "id_anchor", view_anchor_of(v, val->text));
		} else if (strcmp(k->text, "url") == 0) {
			struct buf b = BUF_INIT;
			if (!strstr(val->text, ":"))
				buf_puts(&b, "https://");
			buf_puts(&b, val->text);
			if (markdown_url_is_safe(b.data, b.len, true)) {
				/* A link to a PDF says so ("(PDF)"). */
				size_t end = strcspn(b.data, "?#");
				set_bool(v, node, "url_pdf",
				         end >= 4 &&
				                 strncasecmp(b.data + end - 4,
				                             ".pdf", 4) == 0);
				set(v, node, "url_href", strbuf(v, &b));
			}
			buf_free(&b);
		}
	}
}
