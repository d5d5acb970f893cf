/* table: the report schema as data, shared by the validator and the docs.
 *
 * A schema node describes one kind of value: a scalar type (string, date,
 * grade...), a list of nodes, a map with named fields, or a map whose keys
 * are free (a "dict"). Maps carry a table of fields, each with its type,
 * whether it is required and a one-line description that docs/schema.md
 * repeats word for word (a unit test keeps the two in step).
 *
 * Identifiers and references are declared on nodes too: a node with
 * `defines` registers its value as an id of that scope (ids are unique per
 * scope); a node with `refers` (or a dict with `key_refers`) must name an id
 * of that scope defined anywhere in the report. */
#ifndef CLERK_SCHEMA_TABLE_H
#define CLERK_SCHEMA_TABLE_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "value/value.h"

/* Dates (and financial years) must fall in these years, inclusive: a year
 * outside them is a slip (0001, 2109 for 2019), and the calendar of bank
 * holidays and financial years is only meaningful near the present. */
#define SCHEMA_FIRST_YEAR DATE_FIRST_YEAR
#define SCHEMA_LAST_YEAR DATE_LAST_YEAR

enum schema_kind {
	SCHEMA_ANY,     /* anything; not checked */
	SCHEMA_STRING,  /* any scalar's source text */
	SCHEMA_TEXT,    /* Markdown prose: any scalar's source text */
	SCHEMA_BOOL,    /* true or false */
	SCHEMA_INT,     /* an integer within [min, max] */
	SCHEMA_NUMBER,  /* an integer or a decimal */
	SCHEMA_DATE,    /* a calendar date written YYYY-MM-DD, in the years
	                   SCHEMA_FIRST_YEAR to SCHEMA_LAST_YEAR */
	SCHEMA_TARGET,  /* a date something is planned for: a SCHEMA_DATE, a
	                   month written YYYY-MM or a year written YYYY */
	SCHEMA_QUARTER, /* a financial-year quarter written 2019-20 Q3 */
	SCHEMA_NAME,    /* a lower-case name: letters, digits, '_' and '-' */
	SCHEMA_URL,     /* a web address: http, https, mailto or no scheme */
	SCHEMA_EMAIL,   /* an e-mail address */
	SCHEMA_ENUM,    /* one of `allowed` */
	SCHEMA_LIST,    /* a list of `elem` */
	SCHEMA_MAP,     /* a map with the keys in `fields` */
	SCHEMA_DICT,    /* a map with free keys (of type `key` when set), each
	                   value an `elem` */
};

/* A namespace of ids, such as the actions of the plan. */
struct schema_scope {
	const char *what; /* "action id": used in messages */
};

struct schema_check;
struct schema_field;

struct schema_node {
	enum schema_kind kind;
	/* Type name in the docs: "date", "grade", "person". Lists and dicts
	 * leave it NULL and are named from their element. */
	const char *name;
	/* MAP: what a message calls one ("the keys of a show: item are
	 * ..."), when its docs name would mean nothing to an officer; NULL:
	 * the name. */
	const char *called;
	/* What a message says was expected: "a date (YYYY-MM-DD)". An ENUM
	 * without `allowed` takes the ids of the vocabulary `vocabulary` - 1
	 * (an enum vocabulary_kind); its `expect`, when NULL, then reads "a
	 * grade (outstanding, good, ...)". */
	const char *expect;
	const char *const *allowed;        /* ENUM: NULL-terminated */
	int vocabulary;                    /* ENUM: see below */
	long min, max;                     /* INT */
	const struct schema_node *elem;    /* LIST, DICT */
	const struct schema_node *key;     /* DICT: the keys' type, or NULL */
	const struct schema_field *fields; /* MAP: ends with a NULL name */
	const struct schema_scope *defines;
	const struct schema_scope *refers;
	const struct schema_scope *key_refers; /* DICT */
	/* A scalar that may also be written as this map: a show: item is a
	 * block's name or {block: findings, after: 3}. */
	const struct schema_node *or_map;
	/* MAP: a rule across fields, run once the fields are checked. */
	void (*rule)(struct schema_check *c, const struct value *map);
};

enum { SCHEMA_REQUIRED = 1 };

struct schema_field {
	const char *name;
	const struct schema_node *type;
	unsigned flags;
	const char *doc; /* one line; no '|' (it becomes a table cell) */
};

/* The root of the report schema: the top level of a report file. */
extern const struct schema_node schema_report_file;

/* Adds an error of `rule` (a string literal, base/diag.h) at `pos` for
 * the node at path `path` (may be ""): "PATH: message". Used by the
 * rules. */
void schema_error(struct schema_check *c, const char *rule, struct pos pos,
                  const char *field, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));
/* True when `v` is present and not null. */
bool schema_present(const struct value *v);

/* The English name of `month` (1 to 12), and `iso` (a valid YYYY-MM-DD)
 * appended as "1 April 2020": for diagnostics, which are written in
 * English. A page's dates are the theme's words (html/view.h). */
const char *schema_month_name(int month);
/* The month (1 to 12) an English month name, or its first three letters
 * or more (Sep, Sept), names in `s[0..n)`, any case; 0 when none. */
int schema_month_of(const char *s, size_t n);
void schema_date_words(struct buf *out, const char *iso);
/* A date as an officer in Britain writes it, day before month:
 * 2020-09-30 (a time after it allowed), 30/09/2020, 30-09-2020,
 * 30.09.2020, 30/9/20, 30 September 2020, 30 Sept 2020, 30th Sep 2020.
 * True with YYYY-MM-DD in `out` when `text` (`n` bytes) is one of those
 * and a real day; for a "did you mean" and for dates typed into a
 * spreadsheet. */
bool schema_read_date(const char *text, size_t n, char out[11]);
/* The same as "1 Apr 2020" ("Sept" for September), for lists. Text that
 * is not a date (NULL: nothing) is appended as it stands, by both; a
 * target date written as a month or a year reads "April 2020" ("Apr
 * 2020") or "2020". */
void schema_date_short_words(struct buf *out, const char *iso);

#endif
